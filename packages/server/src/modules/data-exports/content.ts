import type { CurrentUser } from '../../http/env.ts';
import type { Page } from '../../http/pagination.ts';
import type { CollectionService } from '../collections/service.ts';
import type { EnvironmentService } from '../environments/service.ts';
import { toPostmanV21 } from './postman-v21.ts';

type JsonObject = Record<string, unknown>;

export interface ContentReaders {
  collections: Pick<CollectionService, 'list' | 'get'>;
  environments: Pick<EnvironmentService, 'list' | 'get'>;
}

/** Which content is the person's: everything in workspaces they own, and what they created elsewhere. */
export interface ContentScope {
  ownedWorkspaceIds: string[];
  createdCollectionIds: string[];
  createdEnvironmentIds: string[];
}

export interface ExportedDocument {
  name: string;
  document: JsonObject;
}

async function allIds(list: (cursor: string | undefined) => Promise<Page<{ id: string }>>): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await list(cursor);
    ids.push(...page.items.map((i) => i.id));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return ids;
}

const PAGE = 200;

/** A Postman environment file (the shape Postman's own export writes), secret values in clear for their owner. */
function postmanEnvironment(id: string, name: string, document: JsonObject): JsonObject {
  const values = Array.isArray(document.values) ? (document.values as JsonObject[]) : [];
  return {
    id,
    name,
    values: values.map((v) => ({ ...v, key: v.key, value: v.value ?? '', type: v.type ?? 'default', enabled: v.enabled ?? true })),
    _postman_variable_scope: 'environment',
  };
}

/**
 * The person's collections and environments (P21 "content in a format other tools import"), read
 * through the collections and environments services as the person, so the workspace rules decide
 * what they get: content they can no longer open (a team they left) stays with that team, and
 * secrets are in clear only where their role shows them (always in their own workspaces).
 */
export async function personContent(readers: ContentReaders, person: CurrentUser, scope: ContentScope) {
  const collectionIds = new Set(scope.createdCollectionIds);
  const environmentIds = new Set(scope.createdEnvironmentIds);
  for (const workspaceId of scope.ownedWorkspaceIds) {
    for (const id of await allIds((cursor) => readers.collections.list(person, workspaceId, { limit: PAGE, ...(cursor && { cursor }) }))) collectionIds.add(id);
    for (const id of await allIds((cursor) => readers.environments.list(person, workspaceId, { limit: PAGE, ...(cursor && { cursor }) }))) environmentIds.add(id);
  }
  const collections: ExportedDocument[] = [];
  for (const id of collectionIds) {
    const read = await readable(() => readers.collections.get(person, id));
    if (read) collections.push({ name: read.record.name, document: toPostmanV21(read.document) });
  }
  const environments: ExportedDocument[] = [];
  for (const id of environmentIds) {
    const read = await readable(() => readers.environments.get(person, id));
    if (read) environments.push({ name: read.record.name, document: postmanEnvironment(read.record.id, read.record.name, read.document) });
  }
  return { collections, environments };
}

/** The value, or undefined when the person may not read it (any 404 from the services). */
async function readable<T>(read: () => Promise<T>): Promise<T | undefined> {
  try {
    return await read();
  } catch (error) {
    if ((error as { status?: number }).status === 404) return undefined;
    throw error;
  }
}
