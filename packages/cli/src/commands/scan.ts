/**
 * `postern scan <files or folders…>` (P17): finds secrets in Postman collections, environments and
 * globals (reported by JSON path) and in any other text file (reported by line:column), before they
 * are committed or shared. Exit 0 clean, 1 something found, 2 usage error or unreadable file.
 * Secrets are only ever printed masked; --json adds the SHA-256 so a CI job can track one.
 */
import { lstat, open, readdir, stat } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { join, resolve } from 'node:path';
import type { MainIO } from '../main.ts';

export interface ScanFlags {
  json?: boolean;
  maxFileSize?: string;
}

export const SCAN_EXIT = { clean: 0, found: 1, error: 2 } as const;

/** Folders never worth walking: dependencies and version-control internals. */
const SKIPPED_FOLDERS = new Set(['node_modules', '.git', '.hg', '.svn']);
const DEFAULT_MAX_MB = 10;
/** Enough to tell text from binary the way git does: a NUL byte in the first 8000 bytes. */
const SNIFF_BYTES = 8000;
/** Progress only for walks this large, and only on a terminal. */
const PROGRESS_MIN_FILES = 200;

export interface ScanResultEntry {
  file: string;
  kind: 'collection' | 'environment' | 'globals' | 'text';
  ruleId: string;
  message: string;
  jsonPath?: string;
  line?: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
  masked: string;
  sha256: string;
}

class UsageError extends Error {}

function parseMaxSize(value: string | undefined): number {
  if (value === undefined) return DEFAULT_MAX_MB * 1024 * 1024;
  const mb = Number(value);
  if (!/^\d+(?:\.\d+)?$/.test(value.trim()) || !(mb > 0)) throw new UsageError(`--max-file-size must be a positive number of megabytes, e.g. 25 (got "${value}").`);
  return Math.round(mb * 1024 * 1024);
}

const isTty = (stream: NodeJS.WritableStream) => (stream as { isTTY?: boolean }).isTTY === true;

function colorsFor(stream: NodeJS.WritableStream, env: NodeJS.ProcessEnv) {
  // https://no-color.org: any non-empty NO_COLOR turns colour off; FORCE_COLOR turns it on.
  const on = env.NO_COLOR ? false : env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false' ? true : isTty(stream);
  const wrap = (open: number, close: number) => (s: string) => (on ? `\u001b[${open}m${s}\u001b[${close}m` : s);
  return { red: wrap(31, 39), green: wrap(32, 39), yellow: wrap(33, 39), dim: wrap(2, 22), bold: wrap(1, 22) };
}

const errorText = (err: unknown) => {
  const code = (err as { code?: string }).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return 'no such file or folder';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'is a folder';
  return err instanceof Error ? err.message : String(err);
};

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1).replace(/\.0$/, '')} MB`;

interface Target {
  /** As shown to the user: the argument as given, joined with the path inside a walked folder. */
  display: string;
  absolute: string;
  size: number;
}

/** Drops a leading `$.` so paths read like `item[2].request.header[0].value`. */
const shortPath = (jsonPath: string) => jsonPath.replace(/^\$\.?/, '');

export async function scanCommand(paths: string[], flags: ScanFlags, io: MainIO, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const out = colorsFor(io.stdout, env);
  const err = colorsFor(io.stderr, env);
  let maxBytes: number;
  try {
    if (paths.length === 0) throw new UsageError('name at least one file or folder to scan, e.g. `postern scan .`');
    maxBytes = parseMaxSize(flags.maxFileSize);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.stderr.write(`${err.red('error:')} ${e.message}\n`);
    return SCAN_EXIT.error;
  }

  let failures = 0;
  const notice = (text: string) => io.stderr.write(`${err.yellow('notice:')} ${text}\n`);
  const fail = (display: string, why: string) => {
    failures++;
    io.stderr.write(`${err.red('error:')} ${display}: ${why}\n`);
  };

  // 1. Collect the files: named files as they are, folders walked depth-first in name order.
  const targets: Target[] = [];
  let skippedLarge = 0;
  let skippedOther = 0;
  const consider = (display: string, absolute: string, st: Stats) => {
    if (!st.isFile()) {
      skippedOther++;
      notice(`${display}: skipped, not a regular file.`);
    } else if (st.size > maxBytes) {
      skippedLarge++;
      notice(`${display}: skipped, ${megabytes(st.size)} is over the ${megabytes(maxBytes)} limit (--max-file-size to change it).`);
    } else targets.push({ display, absolute, size: st.size });
  };
  const walk = async (display: string, absolute: string): Promise<void> => {
    let entries;
    try {
      entries = await readdir(absolute, { withFileTypes: true });
    } catch (e) {
      fail(display, `cannot read this folder (${errorText(e)}).`);
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const childDisplay = join(display, entry.name);
      const childAbsolute = join(absolute, entry.name);
      // Symbolic links are not followed inside folders: no loops, no scanning outside the tree.
      if (entry.isSymbolicLink()) continue;
      if (entry.isDirectory()) {
        if (!SKIPPED_FOLDERS.has(entry.name)) await walk(childDisplay, childAbsolute);
        continue;
      }
      try {
        consider(childDisplay, childAbsolute, await lstat(childAbsolute));
      } catch (e) {
        fail(childDisplay, `cannot read this file (${errorText(e)}).`);
      }
    }
  };
  for (const given of paths) {
    const absolute = resolve(io.cwd, given);
    let st: Stats;
    try {
      st = await stat(absolute);
    } catch (e) {
      fail(given, `${errorText(e)}.`);
      continue;
    }
    if (st.isDirectory()) await walk(given, absolute);
    else consider(given, absolute, st);
  }

  // 2. Scan them. The engine loads on use so `postern --help` never pays for secretlint.
  const { scanText, scanPostmanDocument, detectPostmanKind } = await import('@postern/server/secrets');
  const results: ScanResultEntry[] = [];
  let binary = 0;
  let scanned = 0;
  const filesWithFindings = new Set<string>();
  const showProgress = isTty(io.stderr) && targets.length >= PROGRESS_MIN_FILES;
  let lastProgress = 0;
  for (const [index, target] of targets.entries()) {
    if (showProgress && Date.now() - lastProgress > 150) {
      lastProgress = Date.now();
      io.stderr.write(`\r\u001b[2Kscanning ${index + 1}/${targets.length}: ${target.display.slice(-60)}`);
    }
    let buffer: Buffer;
    try {
      buffer = await readSmall(target.absolute, maxBytes);
    } catch (e) {
      fail(target.display, `cannot read this file (${errorText(e)}).`);
      continue;
    }
    if (buffer.subarray(0, SNIFF_BYTES).includes(0)) {
      binary++;
      continue;
    }
    scanned++;
    const text = buffer.toString('utf8').replace(/^\uFEFF/, '');
    let doc: unknown;
    if (/^\s*\{/.test(text)) {
      try {
        doc = JSON.parse(text);
      } catch {
        doc = undefined; // Not JSON after all: scanned as text below.
      }
    }
    const kind = doc === undefined ? undefined : detectPostmanKind(doc);
    const findings = kind ? (await scanPostmanDocument(doc, { kind })).findings : await scanText(text, { path: target.display });
    for (const f of findings) {
      filesWithFindings.add(target.display);
      results.push({
        file: target.display,
        kind: kind ?? 'text',
        ruleId: f.ruleId,
        message: f.message,
        ...f.location,
        masked: f.masked,
        sha256: f.sha256,
      });
    }
  }
  if (showProgress) io.stderr.write('\r\u001b[2K');

  // 3. Report.
  const skipped = skippedLarge + skippedOther + binary;
  if (flags.json) {
    io.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
  } else {
    for (const r of results) {
      let where: string;
      if (r.jsonPath !== undefined) {
        // Script lines are their own entries (exec[3]); other multi-line values say which line.
        where = shortPath(r.jsonPath);
        if (!/exec\[\d+\]$/.test(r.jsonPath) && r.line !== undefined && r.line > 1) where += ` (line ${r.line})`;
        where = `${r.file}  ${where}`;
      } else where = `${r.file}:${r.line ?? 1}:${r.column ?? 1}`;
      io.stdout.write(`${out.bold(where)}  ${out.red(r.ruleId)}  ${r.masked}  ${out.dim(r.message)}\n`);
    }
    const files = `${scanned} file${scanned === 1 ? '' : 's'}`;
    const skippedNote = skipped ? out.dim(` (${skipped} skipped: ${[binary && `${binary} binary`, skippedLarge && `${skippedLarge} too large`, skippedOther && `${skippedOther} not regular files`].filter(Boolean).join(', ')})`) : '';
    if (results.length) {
      io.stdout.write(
        `\n${out.red(`${results.length} possible secret${results.length === 1 ? '' : 's'}`)} in ${filesWithFindings.size} of ${files}${skippedNote}. ` +
          'Move them into variables (e.g. {{token}}) or a secret store, and rotate any that were shared.\n',
      );
    } else io.stdout.write(`${failures ? 'No secrets found' : out.green('No secrets found')} in ${files}${skippedNote}.\n`);
  }
  if (failures) {
    io.stderr.write(`${err.red('error:')} the scan is incomplete: ${failures} path${failures === 1 ? '' : 's'} could not be read (named above).\n`);
    return SCAN_EXIT.error;
  }
  return results.length ? SCAN_EXIT.found : SCAN_EXIT.clean;
}

/** Reads a file, refusing to hold more than `limit` bytes even if it grew since it was listed. */
async function readSmall(path: string, limit: number): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const st = await handle.stat();
    if (st.size > limit) throw Object.assign(new Error(`it grew to ${megabytes(st.size)}, over the limit`), { code: 'ETOOBIG' });
    return await handle.readFile();
  } finally {
    await handle.close();
  }
}
