/**
 * Import a Postman collection or environment from a URL (a raw file on a Git host, an API's
 * published collection): the server fetches it through the egress guard, as any server-side send,
 * then stores it like an upload. The editor role is checked before anything is fetched, so the
 * route cannot be used to probe networks by people who could not import anyway.
 */
import type { CurrentUser } from '../../http/env.ts';
import { AppError, badRequest } from '../../errors.ts';
import type { WorkspaceAccess } from '../../policies/workspaces.ts';
import type { CollectionService } from '../collections/service.ts';
import type { EnvironmentService } from '../environments/service.ts';
import type { SendService } from '../send/service.ts';

/** Same limit as an uploaded document (DEFAULT_BODY_LIMITS.document). */
export const MAX_IMPORT_BYTES = 32 * 1024 * 1024;
const FETCH_TIMEOUT_MS = 20_000;

export interface UrlImportDeps {
  access: WorkspaceAccess;
  /** A sender whose response limit is MAX_IMPORT_BYTES. */
  sender: SendService;
  collections: CollectionService;
  environments: EnvironmentService;
}

export function createUrlImportService(deps: UrlImportDeps) {
  async function fetchJson(url: string, signal?: AbortSignal): Promise<unknown> {
    const response = await deps.sender.send({
      request: { method: 'GET', url, header: [{ key: 'Accept', value: 'application/json' }] },
      settings: { timeoutMs: FETCH_TIMEOUT_MS },
      ...(signal && { signal }),
    });
    if (response.status < 200 || response.status > 299) {
      throw new AppError(502, 'IMPORT_URL_FAILED', `${url} answered ${response.status} ${response.statusText}; check the address (a raw file, not a web page about it).`);
    }
    if (response.truncated) {
      throw new AppError(413, 'IMPORT_TOO_LARGE', `The file at ${url} is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MiB.`);
    }
    if (response.bodyEncoding !== 'utf8') throw badRequest(`The file at ${url} is not text.`, { code: 'INVALID_JSON' });
    try {
      return JSON.parse(response.body);
    } catch {
      const type = response.headers.find((h) => h.key.toLowerCase() === 'content-type')?.value ?? 'unknown type';
      throw badRequest(`The file at ${url} is not JSON (${type}); link to the raw Postman export.`, { code: 'INVALID_JSON' });
    }
  }

  return {
    async collection(actor: CurrentUser, workspaceId: string, url: string, signal?: AbortSignal) {
      await deps.access.require(actor, workspaceId, 'editor');
      return deps.collections.importCollection(actor, workspaceId, await fetchJson(url, signal));
    },
    async environment(actor: CurrentUser, workspaceId: string, url: string, signal?: AbortSignal) {
      await deps.access.require(actor, workspaceId, 'editor');
      return deps.environments.create(actor, workspaceId, await fetchJson(url, signal));
    },
  };
}

export type UrlImportService = ReturnType<typeof createUrlImportService>;
