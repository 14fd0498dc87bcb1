/**
 * Browsers record a multipart body as its raw text (Chrome leaves `params` out), so the form
 * fields are read back from the text with the boundary from the media type.
 */
export interface MultipartField {
  name: string;
  value: string;
  fileName?: string;
  contentType?: string;
}

/** The fields of a multipart/form-data body, or undefined when it cannot be read. */
export function parseMultipart(text: string, mimeType: string): MultipartField[] | undefined {
  const boundary = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(mimeType);
  const marker = boundary?.[1] ?? boundary?.[2];
  if (!marker) return undefined;
  const parts = text.split(`--${marker}`);
  // parts[0] is the preamble; the last part starts with "--" (the closing delimiter).
  const fields: MultipartField[] = [];
  for (const part of parts.slice(1)) {
    if (part.startsWith('--')) break;
    const body = part.replace(/^\r?\n/, '');
    const split = /\r?\n\r?\n/.exec(body);
    if (!split) return undefined;
    const head = body.slice(0, split.index);
    const value = body.slice(split.index + split[0].length).replace(/\r?\n$/, '');
    const disposition = /^content-disposition:(.*)$/im.exec(head)?.[1] ?? '';
    const name = parameter(disposition, 'name');
    if (name === undefined) return undefined;
    const field: MultipartField = { name, value };
    const fileName = parameter(disposition, 'filename');
    if (fileName !== undefined) field.fileName = fileName;
    const contentType = /^content-type:\s*(.*)$/im.exec(head)?.[1]?.trim();
    if (contentType) field.contentType = contentType;
    fields.push(field);
  }
  return fields;
}

function parameter(header: string, key: string): string | undefined {
  const match = new RegExp(`(?:^|;)\\s*${key}=(?:"((?:[^"\\\\]|\\\\.)*)"|([^;]*))`, 'i').exec(header);
  if (!match) return undefined;
  return match[1] !== undefined ? match[1].replace(/\\(.)/g, '$1') : match[2]!.trim();
}
