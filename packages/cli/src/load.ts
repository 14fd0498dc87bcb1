/** Reads a collection, environment, globals or data file from a path or an http(s) URL. */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Agent, interceptors, request } from 'undici';
import { CliError } from './errors.ts';

export function isUrl(location: string): boolean {
  return /^https?:\/\//i.test(location);
}

export async function loadBytes(location: string, what: string, cwd = process.cwd()): Promise<Uint8Array> {
  if (isUrl(location)) return fetchBytes(location, what);
  const path = resolve(cwd, location);
  try {
    return await readFile(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new CliError('FILE_NOT_FOUND', `${what} file not found: ${location} (looked at ${path})`);
    if (code === 'EISDIR') throw new CliError('FILE_UNREADABLE', `${what} path is a folder, not a file: ${location}`);
    throw new CliError('FILE_UNREADABLE', `cannot read ${what} file ${location}: ${(err as Error).message}`);
  }
}

async function fetchBytes(url: string, what: string): Promise<Uint8Array> {
  try {
    const dispatcher = new Agent({ headersTimeout: 30_000, bodyTimeout: 30_000 }).compose(interceptors.redirect({ maxRedirections: 5 }));
    const res = await request(url, { dispatcher });
    const body = new Uint8Array(await res.body.arrayBuffer());
    await dispatcher.close();
    if (res.statusCode >= 400) {
      throw new CliError('URL_FETCH_FAILED', `could not download ${what} from ${url}: HTTP ${res.statusCode}`);
    }
    return body;
  } catch (err) {
    if (err instanceof CliError) throw err;
    throw new CliError('URL_FETCH_FAILED', `could not download ${what} from ${url}: ${(err as Error).message}`);
  }
}
