/** Pure helpers for showing a response: sizes, durations, status classes, content types. */
import type { CodeLanguage } from '../codemirror/setup.ts';

const KB = 1024;
const MB = 1024 * 1024;

/** A byte count for people: `512 B`, `1.5 KB`, `2.25 MB` (binary multiples, as browsers' tools show). */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '—';
  if (bytes < KB) return `${Math.round(bytes)} B`;
  if (bytes < MB) return `${trim(bytes / KB)} KB`;
  return `${trim(bytes / MB)} MB`;
}

/** Up to two decimals, without trailing zeros (1.50 → 1.5). */
function trim(value: number): string {
  return String(Number(value.toFixed(value < 10 ? 2 : 1)));
}

/** Milliseconds, whole below 10 s (`245 ms`), else seconds (`12.3 s`). */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '—';
  if (ms < 10_000) return `${Math.round(ms)} ms`;
  return `${Number((ms / 1000).toFixed(1))} s`;
}

export type StatusCategory = 'informational' | 'success' | 'redirect' | 'client-error' | 'server-error' | 'unknown';

/** The class of an HTTP status, and words for it (the colour is never the only cue). */
export function statusCategory(status: number): { category: StatusCategory; label: string } {
  if (status >= 100 && status < 200) return { category: 'informational', label: 'Informational' };
  if (status >= 200 && status < 300) return { category: 'success', label: 'Success' };
  if (status >= 300 && status < 400) return { category: 'redirect', label: 'Redirect' };
  if (status >= 400 && status < 500) return { category: 'client-error', label: 'Client error' };
  if (status >= 500 && status < 600) return { category: 'server-error', label: 'Server error' };
  return { category: 'unknown', label: 'Unknown status' };
}

/** The value of a header by name, any case; the first one when repeated. */
export function headerValue(headers: readonly { key: string; value: string }[], name: string): string | undefined {
  const wanted = name.toLowerCase();
  return headers.find((h) => h.key.toLowerCase() === wanted)?.value;
}

/** The media type of a Content-Type value, lower case, without parameters: `application/json`. */
export function mediaTypeOf(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase();
}

/** The CodeMirror language to show a body in, from its Content-Type (`+json`/`+xml` suffixes count). */
export function languageOfContentType(contentType: string | undefined): CodeLanguage {
  const type = mediaTypeOf(contentType);
  if (type === 'application/json' || type.endsWith('+json') || type === 'text/json') return 'json';
  if (type === 'text/html' || type === 'application/xhtml+xml') return 'html';
  if (type === 'application/xml' || type === 'text/xml' || type.endsWith('+xml')) return 'xml';
  if (/^(application|text)\/(x-)?(javascript|ecmascript)$/.test(type)) return 'javascript';
  return 'text';
}

/** What the Preview mode can show for a body: an HTML page, an image, or nothing. */
export type PreviewKind = 'html' | 'image' | 'none';

export function previewKindOf(contentType: string | undefined): PreviewKind {
  const type = mediaTypeOf(contentType);
  if (type === 'text/html' || type === 'application/xhtml+xml') return 'html';
  if (type.startsWith('image/')) return 'image';
  return 'none';
}

/**
 * The text to show in Pretty mode: JSON re-indented, XML indented; anything that does not parse,
 * and every other language, as it came.
 */
export function prettyText(body: string, language: CodeLanguage, prettyXml: (source: string) => string | null): string {
  if (language === 'json') {
    try {
      return JSON.stringify(JSON.parse(body), null, 2);
    } catch {
      return body;
    }
  }
  if (language === 'xml') return prettyXml(body) ?? body;
  return body;
}

/** The bytes of a body as the server sent it (base64 for non-UTF-8 bodies). */
export function bodyBytes(body: string, encoding: 'utf8' | 'base64'): Uint8Array<ArrayBuffer> {
  if (encoding === 'utf8') return new TextEncoder().encode(body);
  const binary = atob(body);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** The charset parameter of a Content-Type value, lower case: `iso-8859-1`. */
export function charsetOf(contentType: string | undefined): string | undefined {
  return /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType ?? '')?.[1]?.toLowerCase();
}

/** Whether a media type holds text people read (so a non-UTF-8 body is worth decoding). */
export function isTextual(contentType: string | undefined): boolean {
  const type = mediaTypeOf(contentType);
  return type.startsWith('text/') || languageOfContentType(contentType) !== 'text' || type === 'application/x-www-form-urlencoded';
}

/**
 * A body as text: as received when it is UTF-8; when the server had to send it as base64, decoded
 * with its declared charset (windows-1252, the web's default, when none or an unknown one) if its
 * type is textual; null for binary bodies.
 */
export function decodedText(body: string, encoding: 'utf8' | 'base64', contentType: string | undefined): { text: string; charset: string } | null {
  if (encoding === 'utf8') return { text: body, charset: 'utf-8' };
  if (!isTextual(contentType)) return null;
  const bytes = bodyBytes(body, encoding);
  const declared = charsetOf(contentType);
  if (declared) {
    try {
      return { text: new TextDecoder(declared).decode(bytes), charset: declared };
    } catch {
      // Unknown to the browser: fall through to the default.
    }
  }
  return { text: new TextDecoder('windows-1252').decode(bytes), charset: 'windows-1252' };
}
