/** Media type families, shared by import and export. */
export type MediaKind = 'json' | 'urlencoded' | 'multipart' | 'xml' | 'text' | 'html' | 'binary' | 'other';

export function mediaKind(mediaType: string): MediaKind {
  const mt = mediaType.toLowerCase().split(';')[0]!.trim();
  if (mt === 'application/json' || mt.endsWith('+json') || mt.endsWith('/json') || mt === '*/*') return 'json';
  if (mt === 'application/x-www-form-urlencoded') return 'urlencoded';
  if (mt.startsWith('multipart/')) return 'multipart';
  if (mt.endsWith('/xml') || mt.endsWith('+xml')) return 'xml';
  if (mt === 'text/html') return 'html';
  if (mt.startsWith('text/')) return 'text';
  if (mt === 'application/octet-stream' || /^(image|audio|video|font)\//.test(mt) || mt === 'application/pdf' || mt === 'application/zip') return 'binary';
  return 'other';
}

const PREFERENCE: MediaKind[] = ['json', 'urlencoded', 'multipart', 'xml', 'text', 'html', 'other', 'binary'];

/** The media type Postman would pick for a request: JSON first, then forms, then the rest. */
export function preferredMediaType(types: string[]): string | undefined {
  return [...types].sort((a, b) => PREFERENCE.indexOf(mediaKind(a)) - PREFERENCE.indexOf(mediaKind(b)))[0];
}

/** `_postman_previewlanguage` and raw body language for a media type. */
export function languageOf(mediaType: string): string {
  const kind = mediaKind(mediaType);
  return kind === 'json' || kind === 'xml' || kind === 'html' ? kind : 'text';
}
