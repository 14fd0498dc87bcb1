import { fileTypeFromBuffer } from 'file-type';

/**
 * What an uploaded file is, decided from its bytes (magic numbers), never from the name or the
 * Content-Type the client sent: a `.png` that holds an executable is refused. Shared by the
 * request desk's authorizations (P26) and support ticket attachments (P3).
 */
export type UploadType = 'image/png' | 'image/jpeg' | 'image/gif' | 'image/webp' | 'application/pdf' | 'text/plain';

/** File name extensions per type, for names in exports and downloads. */
export const UPLOAD_EXTENSIONS: Record<UploadType, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'application/pdf': 'pdf',
  'text/plain': 'txt',
};

/**
 * Plain text has no magic number: valid UTF-8 (an optional BOM) without NUL bytes or control
 * characters other than tab, line feed, carriage return and form feed.
 */
export function isPlainText(bytes: Uint8Array): boolean {
  if (bytes.length === 0) return false;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return false;
  }
  // eslint-disable-next-line no-control-regex -- the point is to find control characters
  return !/[\u0000-\u0008\u000B\u000E-\u001F\u007F]/.test(text);
}

/** The type of `bytes` if it is one of `allowed`, else null (unknown, or a type not allowed). */
export async function detectUploadType(bytes: Uint8Array, allowed: readonly UploadType[]): Promise<UploadType | null> {
  const detected = await fileTypeFromBuffer(bytes);
  if (detected) return (allowed as readonly string[]).includes(detected.mime) ? (detected.mime as UploadType) : null;
  return allowed.includes('text/plain') && isPlainText(bytes) ? 'text/plain' : null;
}
