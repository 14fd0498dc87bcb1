/** Reading a stored Postman request item for the tab header: its method and its URL as typed. */

type JsonObject = Record<string, unknown>;
const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The method of a Postman item (GET when it names none, as Postman does). */
export function methodOfItem(item: unknown): string {
  const request = isObject(item) ? item.request : undefined;
  const method = isObject(request) && typeof request.method === 'string' ? request.method.trim() : '';
  return method ? method.toUpperCase() : 'GET';
}

/** The URL as the person wrote it: `url` as a string, its `raw`, or rebuilt from its parts. */
export function urlOfItem(item: unknown): string {
  const request = isObject(item) ? item.request : undefined;
  if (typeof request === 'string') return request;
  const url = isObject(request) ? request.url : undefined;
  if (typeof url === 'string') return url;
  if (!isObject(url)) return '';
  if (typeof url.raw === 'string') return url.raw;
  const join = (part: unknown, separator: string) =>
    Array.isArray(part) ? part.map((p) => (isObject(p) ? String(p.value ?? '') : String(p))).join(separator) : typeof part === 'string' ? part : '';
  const protocol = typeof url.protocol === 'string' ? `${url.protocol}://` : '';
  const path = join(url.path, '/');
  return `${protocol}${join(url.host, '.')}${path ? `/${path}` : ''}`;
}

export interface TextPart {
  text: string;
  /** A `{{name}}` reference, resolved later from the environment. */
  variable: boolean;
}

/** Splits text into plain parts and `{{variable}}` references, in order. */
export function variableParts(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  for (const found of text.matchAll(/\{\{[^{}]+\}\}/g)) {
    if (found.index > last) parts.push({ text: text.slice(last, found.index), variable: false });
    parts.push({ text: found[0], variable: true });
    last = found.index + found[0].length;
  }
  if (last < text.length) parts.push({ text: text.slice(last), variable: false });
  return parts;
}
