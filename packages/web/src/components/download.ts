/** Saves text as a file through the browser's download, without leaving the page. */
export function downloadText(fileName: string, text: string, type = 'application/json'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started from the click; the object URL can go once the browser has it.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A file name from a display name: letters, digits, dots, dashes and underscores only. */
export function safeFileName(name: string, suffix: string): string {
  const base = name.trim().replace(/[^\p{L}\p{N}._-]+/gu, '_').replace(/^_+|_+$/g, '') || 'export';
  return `${base}${suffix}`;
}
