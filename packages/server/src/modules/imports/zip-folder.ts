/**
 * A zipped folder (a Bruno collection) → the text files in it, by path relative to the folder
 * that holds `bruno.json` (or the zip's root). fflate reads the archive; the limits below keep a
 * zip bomb or an unrelated archive from using the server's memory.
 */
import { unzipSync } from 'fflate';
import { badRequest, isAppError } from '../../errors.ts';

export const ZIP_LIMITS = { maxEntries: 2000, maxFileBytes: 8 * 1024 * 1024, maxTotalBytes: 64 * 1024 * 1024 } as const;

/** Files kept from an archive: what importers read. Everything else (images, binaries) is ignored. */
const TEXT_FILE = /\.(bru|json|ya?ml)$/i;

export const isZip = (bytes: Uint8Array) => bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;

export interface ZipFolder {
  /** Text of `bruno.json`, '' when the archive has none. */
  main: string;
  files: Map<string, string>;
}

const refuse = (detail: string) => badRequest(detail, { code: 'INVALID_ARCHIVE', errors: [{ path: 'body.file', message: detail }] });

export function readZipFolder(bytes: Uint8Array): ZipFolder {
  let entries = 0;
  let total = 0;
  let raw: Record<string, Uint8Array>;
  try {
    raw = unzipSync(bytes, {
      filter: (file) => {
        entries += 1;
        if (entries > ZIP_LIMITS.maxEntries) throw refuse(`The archive holds more than ${ZIP_LIMITS.maxEntries} entries; zip only the collection's folder.`);
        if (file.name.endsWith('/') || !TEXT_FILE.test(file.name) || isHidden(file.name)) return false;
        if (file.originalSize > ZIP_LIMITS.maxFileBytes) throw refuse(`${file.name} in the archive is larger than ${ZIP_LIMITS.maxFileBytes / 1024 / 1024} MiB.`);
        total += file.originalSize;
        if (total > ZIP_LIMITS.maxTotalBytes) throw refuse(`The archive unpacks to more than ${ZIP_LIMITS.maxTotalBytes / 1024 / 1024} MiB; zip only the collection's folder.`);
        return true;
      },
    });
  } catch (error) {
    if (isAppError(error)) throw error;
    throw refuse('The file is not a readable zip archive; zip the collection folder again.');
  }
  const names = Object.keys(raw);
  // The collection's root: the shallowest folder holding bruno.json, else the common top folder.
  const brunoJson = names.filter((n) => /(^|\/)bruno\.json$/i.test(n)).sort((a, b) => a.split('/').length - b.split('/').length)[0];
  const root = brunoJson ? brunoJson.slice(0, brunoJson.length - 'bruno.json'.length) : commonFolder(names);
  const decoder = new TextDecoder('utf-8', { fatal: false });
  const files = new Map<string, string>();
  let main = '';
  for (const name of names) {
    if (!name.startsWith(root)) continue;
    const data = raw[name]!;
    // A lying header cannot slip a bigger file through: the real size is checked too.
    if (data.length > ZIP_LIMITS.maxFileBytes) throw refuse(`${name} in the archive is larger than ${ZIP_LIMITS.maxFileBytes / 1024 / 1024} MiB.`);
    const rel = name.slice(root.length);
    const text = decoder.decode(data).replace(/^\uFEFF/, '');
    if (rel.toLowerCase() === 'bruno.json') main = text;
    else files.set(rel, text);
  }
  return { main, files };
}

const isHidden = (name: string) => name.split('/').some((part) => part.startsWith('.') || part === '__MACOSX');

function commonFolder(names: string[]): string {
  const tops = new Set(names.map((n) => (n.includes('/') ? n.slice(0, n.indexOf('/') + 1) : '')));
  const [only] = tops;
  return tops.size === 1 && only ? only : '';
}
