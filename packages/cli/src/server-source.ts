/**
 * Reads a collection or environment stored on a Postern server, for
 * `postern run --server <url> --api-key <key> <collection-id> [-e <environment-id>]`.
 */
import { Agent, request } from 'undici';
import { CliError } from './errors.ts';

export interface ServerSource {
  /** The server's base URL, e.g. https://postern.example.com */
  url: string;
  /** A personal API key with the `read` scope. */
  apiKey: string;
}

export type StoredKind = 'collection' | 'environment';

const PATHS: Record<StoredKind, string> = { collection: 'collections', environment: 'environments' };

/** The stored document's bytes, exactly as the server exports it (Postman v2.1 JSON). */
export async function fetchStored(source: ServerSource, kind: StoredKind, id: string): Promise<Uint8Array> {
  const base = source.url.replace(/\/+$/, '');
  const url = `${base}/api/${PATHS[kind]}/${encodeURIComponent(id)}`;
  const dispatcher = new Agent({ headersTimeout: 30_000, bodyTimeout: 30_000 });
  try {
    const res = await request(url, {
      dispatcher,
      headers: { authorization: `Bearer ${source.apiKey}`, accept: 'application/json' },
    });
    const body = new Uint8Array(await res.body.arrayBuffer());
    if (res.statusCode === 200) return body;
    throw new CliError('SERVER_REFUSED', refusal(res.statusCode, kind, id, base, problemDetail(body)));
  } catch (err) {
    if (err instanceof CliError) throw err;
    throw new CliError('URL_FETCH_FAILED', `could not reach the Postern server at ${base}: ${(err as Error).message}`);
  } finally {
    await dispatcher.close();
  }
}

function refusal(status: number, kind: StoredKind, id: string, base: string, detail: string | undefined): string {
  if (status === 401) return `the server at ${base} did not accept the API key${detail ? ` (${detail})` : ''}; create one under Settings → API keys`;
  if (status === 403) return `the API key may not read this ${kind}${detail ? ` (${detail})` : ''}`;
  if (status === 404) return `no ${kind} with id ${id} is visible to this API key on ${base}`;
  return `the server at ${base} answered HTTP ${status} for ${kind} ${id}${detail ? `: ${detail}` : ''}`;
}

function problemDetail(body: Uint8Array): string | undefined {
  try {
    const parsed = JSON.parse(Buffer.from(body).toString('utf8')) as { detail?: unknown };
    return typeof parsed.detail === 'string' ? parsed.detail : undefined;
  } catch {
    return undefined;
  }
}
