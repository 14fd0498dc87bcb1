/**
 * The environment and globals calls of the editor and the workbench selector. Kept beside them
 * rather than in api/endpoints.ts because they read the revision from the ETag header.
 */
import { api, request } from '../api/client.ts';
import type { Page, PatchOperation } from '../api/types.ts';
import type { VariableListDocument } from './variables.ts';

const id = (value: string) => encodeURIComponent(value);

export interface EnvironmentInfo {
  id: string;
  workspaceId: string;
  name: string;
  revision: number;
  createdAt: string;
  updatedAt: string;
}

/** One recorded change of an environment or of the globals; secret values read "[secret]". */
export interface VariableListChange {
  revision: number;
  actorId: string | null;
  summary: string;
  patch: PatchOperation[];
  createdAt: string;
}

/** A document with the revision it is at (from `ETag: "<n>"`). */
export interface VariableListRead {
  document: VariableListDocument;
  revision: number;
}

/** What the editor needs of an environment or of the globals, so one editor serves both. */
export interface VariableListSource {
  load(): Promise<VariableListRead>;
  /** Saves with `If-Match: "<revision>"`; a stale one is a 412 REVISION_MISMATCH. Answers the new revision. */
  save(document: VariableListDocument, revision: number): Promise<number>;
  changes(cursor: string | null): Promise<Page<VariableListChange>>;
  revision(revision: number): Promise<VariableListDocument>;
  /** Brings `revision` back as a new one, based on `current`; answers the new revision. */
  restore(revision: number, current: number): Promise<number>;
}

const ifMatch = (revision: number) => ({ 'If-Match': `"${revision}"` });

function revisionOf(response: Response): number {
  const etag = response.headers.get('ETag') ?? '';
  const revision = Number(/\d+/.exec(etag)?.[0]);
  return Number.isInteger(revision) ? revision : 0;
}

async function read(path: string): Promise<VariableListRead> {
  const response = await request('GET', path);
  return { revision: revisionOf(response), document: (await response.json()) as VariableListDocument };
}

async function revisionAfter(method: string, path: string, body: unknown, revision: number): Promise<number> {
  return revisionOf(await request(method, path, { body, headers: ifMatch(revision) }));
}

function withCursor(path: string, cursor: string | null): string {
  return cursor ? `${path}?cursor=${encodeURIComponent(cursor)}` : path;
}

export const environmentApi = {
  /** Every environment of the workspace (all pages), oldest first. */
  async listAll(workspaceId: string): Promise<EnvironmentInfo[]> {
    const all: EnvironmentInfo[] = [];
    let cursor: string | null = null;
    do {
      const page: Page<EnvironmentInfo> = await api<Page<EnvironmentInfo>>('GET', withCursor(`/api/workspaces/${id(workspaceId)}/environments`, cursor));
      all.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return all;
  },
  /** `document` is a Postman environment (object or the file's text, sent unchanged). */
  create: (workspaceId: string, document: VariableListDocument | string) =>
    api<EnvironmentInfo>('POST', `/api/workspaces/${id(workspaceId)}/environments`, { body: document }),
  importUrl: (workspaceId: string, url: string) =>
    api<EnvironmentInfo>('POST', `/api/workspaces/${id(workspaceId)}/environments/import-url`, { body: { url } }),
  get: (environmentId: string) => read(`/api/environments/${id(environmentId)}`),
  /** The stored JSON as text, for downloading as it is. */
  exportText: async (environmentId: string) => (await request('GET', `/api/environments/${id(environmentId)}`)).text(),
  remove: (environmentId: string, revision: number) =>
    api<void>('DELETE', `/api/environments/${id(environmentId)}`, { headers: ifMatch(revision) }),
  source(environmentId: string): VariableListSource {
    const base = `/api/environments/${id(environmentId)}`;
    return {
      load: () => read(base),
      save: (document, revision) => revisionAfter('PUT', base, document, revision),
      changes: (cursor) => api<Page<VariableListChange>>('GET', withCursor(`${base}/changes`, cursor)),
      revision: (revision) => api<VariableListDocument>('GET', `${base}/revisions/${revision}`),
      restore: (revision, current) => revisionAfter('POST', `${base}/restore`, { revision }, current),
    };
  },
};

export const globalsApi = {
  get: (workspaceId: string) => read(`/api/workspaces/${id(workspaceId)}/globals`),
  exportText: async (workspaceId: string) => (await request('GET', `/api/workspaces/${id(workspaceId)}/globals`)).text(),
  source(workspaceId: string): VariableListSource {
    const base = `/api/workspaces/${id(workspaceId)}/globals`;
    return {
      load: () => read(base),
      save: (document, revision) => revisionAfter('PUT', base, document, revision),
      changes: (cursor) => api<Page<VariableListChange>>('GET', withCursor(`${base}/changes`, cursor)),
      revision: (revision) => api<VariableListDocument>('GET', `${base}/revisions/${revision}`),
      restore: (revision, current) => revisionAfter('POST', `${base}/restore`, { revision }, current),
    };
  },
};
