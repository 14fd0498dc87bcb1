import { Zip, ZipDeflate, strToU8 } from 'fflate';

/**
 * A file name from a user's label that is safe on every system: no folders, no reserved
 * characters, not empty, at most 80 characters, unique ignoring case within one folder
 * ("Name", "Name (2)", …) so nothing overwrites anything when unpacked.
 */
export function uniqueNamer() {
  const taken = new Set<string>();
  return (label: string, suffix: string): string => {
    const base =
      label
        .normalize('NFC')
        // Control characters, then what Windows and macOS reserve in names.
        .replace(/\p{Cc}/gu, '_')
        .replace(/[<>:"/\\|?*]/g, '_')
        .replace(/^[\s.]+|[\s.]+$/g, '')
        .slice(0, 80) || 'untitled';
    for (let n = 1; ; n++) {
      const name = `${n === 1 ? base : `${base} (${n})`}${suffix}`;
      if (!taken.has(name.toLowerCase())) {
        taken.add(name.toLowerCase());
        return name;
      }
    }
  };
}

/** Builds a ZIP file entry by entry, yielding to the event loop between entries so big exports do not stall requests. */
export async function buildZip(entries: { path: string; content: string | Uint8Array }[], modified: Date): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  let failure: Error | null = null;
  const zip = new Zip((error, chunk) => {
    if (error) failure = error;
    else chunks.push(chunk);
  });
  for (const entry of entries) {
    const file = new ZipDeflate(entry.path, { level: 6 });
    file.mtime = modified;
    zip.add(file);
    file.push(typeof entry.content === 'string' ? strToU8(entry.content) : entry.content, true);
    await new Promise((resolve) => setImmediate(resolve));
    if (failure) throw failure;
  }
  zip.end();
  if (failure) throw failure;
  return Buffer.concat(chunks);
}
