import { CollectionError, parseCollection, SCHEMA_V2_1 } from '@postern/collection';
import type { Clock } from '../../clock.ts';
import type { SecretBox } from '../../crypto/secret-box.ts';
import { AppError, badRequest, notFound } from '../../errors.ts';
import type { CurrentUser } from '../../http/env.ts';
import { decodeCursor, pageOf } from '../../http/pagination.ts';
import type { Page, PageQuery } from '../../http/pagination.ts';
import type { WorkspaceAccess, WorkspaceRole } from '../../policies/workspaces.ts';
import { assignItemIds, childItems, countRequests, findItem, isObject, itemPointer, outline, parentListOf } from './item-ids.ts';
import type { ItemIdNode, OutlineNode } from './item-ids.ts';
import { diffDocuments, documentFromHistory } from './json-patch.ts';
import type { PatchOperation } from './json-patch.ts';
import { checkRevision } from './revision.ts';
import { SEALED_PREFIX, openCollection, redactSealed, sealCollection, sealItem, secretViewFor } from './secret-variables.ts';
import { applySettings, describeFields, readSettings } from './settings.ts';
import type { Settings, SettingsChanges, SettingsOwner } from './settings.ts';
import type { ChangeKind, ChangeRecord, CollectionRecord, CollectionStore, CollectionSummaryRecord, CollectionWrite } from './store.ts';

type Actor = CurrentUser | undefined;
type JsonObject = Record<string, unknown>;
export type ReaderRole = WorkspaceRole | 'public';

export interface CollectionServiceDeps {
  store: CollectionStore;
  access: WorkspaceAccess;
  box: SecretBox;
  clock: Clock;
  /** Told after a collection is created, changed or deleted (webhooks); must not throw. */
  onChange?: (change: { kind: 'created' | 'updated' | 'deleted'; record: CollectionRecord }) => Promise<void>;
}

/** A collection as a reader sees it: secrets in clear for editors and admins, redacted otherwise. */
export interface CollectionRead {
  record: CollectionRecord;
  role: ReaderRole;
  document: JsonObject;
}

export interface ItemRead {
  id: string;
  parentId: string | null;
  item: JsonObject;
  revision: number;
}

export interface ChangeView {
  revision: number;
  actorId: string | null;
  kind: string;
  summary: string;
  patch: PatchOperation[];
  createdAt: Date;
}

/** Collection or folder settings with the revision they were read at (or saved as). */
export interface SettingsRead extends Settings {
  revision: number;
}

/** Thrown inside a write that would change nothing: no revision is recorded, the current one answers. */
class Unchanged extends Error {
  constructor(readonly record: CollectionRecord) {
    super('unchanged');
  }
}

export const collectionNotFound = () => notFound('No such collection.', { code: 'COLLECTION_NOT_FOUND' });
const itemNotFound = () => notFound('No such item in this collection.', { code: 'ITEM_NOT_FOUND' });

/** The collection's stored document, parsed. */
export const storedDocument = (record: Pick<CollectionRecord, 'document'>): JsonObject => JSON.parse(record.document) as JsonObject;

/** Collection JSON from a request, validated by the model; its problems become a 400 with the JSON path. */
export function parseCollectionInput(input: unknown, at = 'body'): JsonObject {
  try {
    return parseCollection(input) as JsonObject;
  } catch (error) {
    if (error instanceof CollectionError) {
      throw badRequest(error.message, {
        code: error.code,
        errors: [{ path: error.path ? `${at}.${error.path}` : at, message: error.message }],
      });
    }
    throw error;
  }
}

function parseItemInput(input: unknown): JsonObject {
  if (!isObject(input)) {
    throw badRequest('The item must be a JSON object (a request or a folder).', { errors: [{ path: 'body.item', message: 'expected an object' }] });
  }
  try {
    parseCollection({ info: { name: 'item', schema: SCHEMA_V2_1 }, item: [input] });
  } catch (error) {
    if (error instanceof CollectionError) {
      const path = (error.path ?? '').replace(/^item\[0\]/, 'body.item');
      throw badRequest(`The item is invalid at ${path}; fix that field.`, {
        code: 'INVALID_ITEM',
        errors: [{ path, message: error.message.replace(/^[^:]*: /, '') }],
      });
    }
    throw error;
  }
  return input;
}

/** Settings checked by the collection model, as if they stood at the root of a collection. */
function checkSettingsInput(changes: SettingsChanges): void {
  const { variable, auth, event } = changes;
  const probe = { info: { name: 'settings', schema: SCHEMA_V2_1 }, item: [], ...(variable && { variable }), ...(auth && { auth }), ...(event && { event }) };
  try {
    parseCollection(probe);
  } catch (error) {
    if (error instanceof CollectionError) {
      const path = error.path ? `body.${error.path}` : 'body';
      throw badRequest(`The settings are invalid at ${path}; fix that field.`, {
        code: 'INVALID_SETTINGS',
        errors: [{ path, message: error.message.replace(/^[^:]*: /, '') }],
      });
    }
    throw error;
  }
}

const nameOf = (doc: JsonObject) => (isObject(doc.info) && typeof doc.info.name === 'string' ? doc.info.name : 'Untitled collection');
const itemsOf = (doc: JsonObject): unknown[] => (Array.isArray(doc.item) ? doc.item : []);
const itemLabel = (item: unknown) => {
  const name = isObject(item) && typeof item.name === 'string' ? `"${item.name}"` : 'an unnamed item';
  return `${childItems(item) ? 'folder' : 'request'} ${name}`;
};

export function createCollectionService(deps: CollectionServiceDeps) {
  const { store, access, box, clock } = deps;

  /** The collection and the actor's role, or COLLECTION_NOT_FOUND for anyone who may not see it. */
  async function authorize(actor: Actor, id: string, need: WorkspaceRole): Promise<{ record: CollectionRecord; role: ReaderRole }> {
    const record = /^[0-9a-f-]{36}$/i.test(id) ? await store.find(id) : undefined;
    if (!record) throw collectionNotFound();
    try {
      const { role } = await access.require(actor, record.workspaceId, need);
      return { record, role };
    } catch (error) {
      if (error instanceof AppError && error.code === 'WORKSPACE_NOT_FOUND') throw collectionNotFound();
      throw error;
    }
  }

  function fullWrite(current: CollectionRecord, next: JsonObject, actor: Actor, kind: ChangeKind, summary: string): CollectionWrite {
    const previous = storedDocument(current);
    return {
      name: nameOf(next),
      document: JSON.stringify(next),
      itemIds: assignItemIds(itemsOf(next), itemsOf(previous), current.itemIds),
      requestCount: countRequests(itemsOf(next)),
      change: { actorId: actor?.id ?? null, kind, summary, patch: diffDocuments(previous, next) },
      now: clock(),
    };
  }

  /** One item changed in place: only its subtree is sealed and diffed, so big collections stay fast. */
  function itemWrite(
    current: CollectionRecord,
    edit: (doc: JsonObject, ids: ItemIdNode[]) => { pointer: string; before: unknown; after: unknown; summary: string; kind: ChangeKind },
    actor: Actor,
  ): CollectionWrite {
    const doc = storedDocument(current);
    const ids = structuredClone(current.itemIds);
    const { pointer, before, after, summary, kind } = edit(doc, ids);
    const patch: PatchOperation[] =
      before === undefined
        ? [{ op: 'add', path: pointer, value: after }]
        : after === undefined
          ? [{ op: 'remove', path: pointer }]
          : diffDocuments(before, after, pointer);
    return {
      name: nameOf(doc),
      document: JSON.stringify(doc),
      itemIds: ids,
      requestCount: countRequests(itemsOf(doc)),
      change: { actorId: actor?.id ?? null, kind, summary, patch },
      now: clock(),
    };
  }

  async function updateOrGone(id: string, compute: (current: CollectionRecord) => CollectionWrite): Promise<CollectionRecord> {
    const record = await store.update(id, compute);
    if (!record) throw collectionNotFound();
    await deps.onChange?.({ kind: 'updated', record });
    return record;
  }

  const read = (record: CollectionRecord, role: ReaderRole): CollectionRead => ({
    record,
    role,
    document: openCollection(storedDocument(record), secretViewFor(role), box),
  });

  /**
   * The export as JSON text. Documents without sealed secrets are served as stored, skipping a
   * parse and a stringify of what can be megabytes (the common case, and the benchmark's).
   */
  const exportText = (record: CollectionRecord, role: ReaderRole): string =>
    record.document.includes(SEALED_PREFIX) ? JSON.stringify(read(record, role).document) : record.document;

  /** The sibling list holding an item, and its place there; 404 when the id names no item. */
  function listHolding(doc: JsonObject, ids: ItemIdNode[], itemId: string) {
    const path = findItem(ids, itemId);
    if (!path) throw itemNotFound();
    return { ...parentListOf(doc, ids, path), path };
  }

  /** A folder's children and their ids, for adding or moving into it; 400 when `folderId` is no folder. */
  function folderList(doc: JsonObject, ids: ItemIdNode[], folderId: string) {
    const path = findItem(ids, folderId);
    const list = path && parentListOf(doc, ids, path);
    const items = list && childItems(list.items[list.index]);
    if (!path || !list || !items) {
      throw badRequest('parentId must be the id of a folder of this collection.', {
        code: 'PARENT_NOT_FOUND',
        errors: [{ path: 'body.parentId', message: 'no such folder' }],
      });
    }
    return { items, ids: (list.ids[list.index]!.children ??= []), path };
  }

  function itemOf(record: CollectionRecord, role: ReaderRole, itemId: string): ItemRead {
    const path = findItem(record.itemIds, itemId);
    if (!path) throw itemNotFound();
    const { items, index } = parentListOf(storedDocument(record), record.itemIds, path);
    const item = openCollection(items[index] as JsonObject, secretViewFor(role), box);
    return { id: itemId, parentId: parentIdOf(record.itemIds, path), item, revision: record.revision };
  }

  /** The folder `itemId` names in a stored document; 404 for no item, 400 NOT_A_FOLDER for a request. */
  function folderAt(doc: JsonObject, ids: ItemIdNode[], collectionId: string, itemId: string): { folder: JsonObject; pointer: string } {
    const path = findItem(ids, itemId);
    if (!path) throw itemNotFound();
    const { items, index } = parentListOf(doc, ids, path);
    const folder = items[index];
    if (!childItems(folder)) {
      const name = isObject(folder) && typeof folder.name === 'string' ? `"${folder.name}"` : 'This item';
      throw badRequest(`${name} is a request; edit it with PUT /api/collections/${collectionId}/items/${itemId}.`, { code: 'NOT_A_FOLDER' });
    }
    return { folder: folder as JsonObject, pointer: itemPointer(path) };
  }

  /**
   * Writes the settings of the collection (`itemId` undefined) or of one folder: only the given
   * fields, recorded as one change whose patch covers only them. A write that changes nothing
   * records nothing and answers the current revision.
   */
  async function writeSettings(
    actor: CurrentUser,
    id: string,
    itemId: string | undefined,
    changes: SettingsChanges,
    ifMatch: number | undefined,
  ): Promise<SettingsRead> {
    const { role } = await authorize(actor, id, 'editor');
    checkSettingsInput(changes);
    const owner: SettingsOwner = itemId === undefined ? 'collection' : 'folder';
    let node: JsonObject = {};
    let record: CollectionRecord;
    try {
      record = await updateOrGone(id, (current) => {
        checkRevision(current.revision, ifMatch);
        return itemWrite(
          current,
          (doc, ids) => {
            const at = itemId === undefined ? { folder: doc, pointer: '' } : folderAt(doc, ids, id, itemId);
            node = at.folder;
            const { before, after, changed } = applySettings(node, owner, changes, box);
            if (changed.length === 0) throw new Unchanged(current);
            const fields = describeFields(changed);
            return itemId === undefined
              ? { pointer: '', before, after, kind: 'collection_update', summary: `Changed the collection's ${fields}` }
              : { pointer: at.pointer, before, after, kind: 'item_update', summary: `Changed the ${fields} of ${itemLabel(node)}` };
          },
          actor,
        );
      });
    } catch (error) {
      if (!(error instanceof Unchanged)) throw error;
      record = error.record;
    }
    return { revision: record.revision, ...readSettings(node, owner, role, box) };
  }

  /** The document as it was at `revision` (stored form), for reading or restoring. */
  async function documentAt(record: CollectionRecord, revision: number): Promise<JsonObject> {
    if (!Number.isInteger(revision) || revision < 1 || revision > record.revision) {
      throw notFound(`This collection has revisions 1 to ${record.revision}.`, { code: 'REVISION_NOT_FOUND' });
    }
    if (revision === record.revision) return storedDocument(record);
    const document = documentFromHistory(await store.patchesUpTo(record.id, revision), revision);
    if (!document) throw notFound(`Revision ${revision} of this collection was not recorded.`, { code: 'REVISION_NOT_FOUND' });
    return document as JsonObject;
  }

  return {
    authorize,
    read,
    exportText,
    documentAt,

    /** Import (P2): Postman v2.0/v2.1 JSON stored as given, secrets sealed, revision 1. */
    async importCollection(actor: CurrentUser, workspaceId: string, input: unknown): Promise<CollectionRead> {
      const { role } = await access.require(actor, workspaceId, 'editor');
      const parsed = parseCollectionInput(input);
      const stored = sealCollection(parsed, undefined, box);
      const record = await store.create({
        workspaceId,
        createdBy: actor.id,
        name: nameOf(stored),
        document: JSON.stringify(stored),
        itemIds: assignItemIds(itemsOf(stored)),
        requestCount: countRequests(itemsOf(stored)),
        change: { actorId: actor.id, kind: 'import', summary: `Imported "${nameOf(stored)}"`, patch: [{ op: 'replace', path: '', value: stored }] },
        now: clock(),
      });
      await deps.onChange?.({ kind: 'created', record });
      return read(record, role);
    },

    async list(actor: Actor, workspaceId: string, page: PageQuery): Promise<Page<CollectionSummaryRecord>> {
      await access.require(actor, workspaceId, 'viewer');
      const after = page.cursor ? (decodeCursor(page.cursor, 2) as [string, string]) : undefined;
      const rows = await store.listByWorkspace(workspaceId, page.limit + 1, after);
      return pageOf(rows, page.limit, (r) => [r.createdAt.toISOString(), r.id]);
    },

    async get(actor: Actor, id: string): Promise<CollectionRead> {
      const { record, role } = await authorize(actor, id, 'viewer');
      return read(record, role);
    },

    async replace(actor: CurrentUser, id: string, input: unknown, ifMatch: number | undefined): Promise<CollectionRead> {
      const { role } = await authorize(actor, id, 'editor');
      const parsed = parseCollectionInput(input);
      const record = await updateOrGone(id, (current) => {
        checkRevision(current.revision, ifMatch);
        const next = sealCollection(parsed, storedDocument(current), box);
        return fullWrite(current, next, actor, 'replace', `Replaced the collection "${nameOf(next)}"`);
      });
      return read(record, role);
    },

    async remove(actor: CurrentUser, id: string, ifMatch: number | undefined): Promise<void> {
      const { record } = await authorize(actor, id, 'editor');
      checkRevision(record.revision, ifMatch);
      await store.remove(id);
      await deps.onChange?.({ kind: 'deleted', record });
    },

    async outline(actor: Actor, id: string): Promise<{ record: CollectionRecord; items: OutlineNode[] }> {
      const { record } = await authorize(actor, id, 'viewer');
      return { record, items: outline(itemsOf(storedDocument(record)), record.itemIds) };
    },

    async getItem(actor: Actor, id: string, itemId: string): Promise<ItemRead> {
      const { record, role } = await authorize(actor, id, 'viewer');
      return itemOf(record, role, itemId);
    },

    async putItem(actor: CurrentUser, id: string, itemId: string, input: unknown, ifMatch: number | undefined): Promise<ItemRead> {
      const { role } = await authorize(actor, id, 'editor');
      const item = parseItemInput(input);
      const record = await updateOrGone(id, (current) => {
        checkRevision(current.revision, ifMatch);
        return itemWrite(
          current,
          (doc, ids) => {
            const { path, ...list } = listHolding(doc, ids, itemId);
            const before = list.items[list.index] as JsonObject;
            const after = sealItem(item, before, box);
            list.items[list.index] = after;
            const node: ItemIdNode = { id: itemId };
            const children = childItems(after);
            if (children) node.children = assignItemIds(children, childItems(before) ?? [], list.ids[list.index]?.children ?? []);
            list.ids[list.index] = node;
            return { pointer: itemPointer(path), before, after, kind: 'item_update', summary: `Edited ${itemLabel(after)}` };
          },
          actor,
        );
      });
      return itemOf(record, role, itemId);
    },

    async addItem(
      actor: CurrentUser,
      id: string,
      input: { parentId?: string | undefined; index?: number | undefined; item: unknown },
      ifMatch: number | undefined,
    ): Promise<ItemRead> {
      const { role } = await authorize(actor, id, 'editor');
      const item = parseItemInput(input.item);
      let newId = '';
      const record = await updateOrGone(id, (current) => {
        checkRevision(current.revision, ifMatch);
        return itemWrite(
          current,
          (doc, ids) => {
            let items: unknown[];
            let idList: ItemIdNode[];
            let parentPath: number[] = [];
            if (input.parentId === undefined) {
              if (!Array.isArray(doc.item)) doc.item = [];
              items = doc.item as unknown[];
              idList = ids;
            } else {
              ({ items, ids: idList, path: parentPath } = folderList(doc, ids, input.parentId));
            }
            const at = Math.min(input.index ?? items.length, items.length);
            const after = sealItem(item, undefined, box);
            items.splice(at, 0, after);
            const [node] = assignItemIds([after]);
            newId = node!.id;
            idList.splice(at, 0, node!);
            return { pointer: itemPointer([...parentPath, at]), before: undefined, after, kind: 'item_create', summary: `Added ${itemLabel(after)}` };
          },
          actor,
        );
      });
      return itemOf(record, role, newId);
    },

    /**
     * Moves a request or folder to another place in the same collection (drag-and-drop in the
     * sidebar): `parentId` a folder or null for the top level, `index` its place there once it has
     * left its old one (the end when absent). Recorded as one RFC 6902 move.
     */
    /** The collection's own settings (name, description, variables, auth, scripts). */
    async getSettings(actor: Actor, id: string): Promise<SettingsRead> {
      const { record, role } = await authorize(actor, id, 'viewer');
      return { revision: record.revision, ...readSettings(storedDocument(record), 'collection', role, box) };
    },

    patchSettings: (actor: CurrentUser, id: string, changes: SettingsChanges, ifMatch: number | undefined): Promise<SettingsRead> =>
      writeSettings(actor, id, undefined, changes, ifMatch),

    /** A folder's own settings, without its items; a request is NOT_A_FOLDER. */
    async getFolderSettings(actor: Actor, id: string, itemId: string): Promise<SettingsRead> {
      const { record, role } = await authorize(actor, id, 'viewer');
      const { folder } = folderAt(storedDocument(record), record.itemIds, id, itemId);
      return { revision: record.revision, ...readSettings(folder, 'folder', role, box) };
    },

    patchFolderSettings: (actor: CurrentUser, id: string, itemId: string, changes: SettingsChanges, ifMatch: number | undefined): Promise<SettingsRead> =>
      writeSettings(actor, id, itemId, changes, ifMatch),

    async moveItem(
      actor: CurrentUser,
      id: string,
      itemId: string,
      input: { parentId: string | null; index?: number | undefined },
      ifMatch: number | undefined,
    ): Promise<ItemRead> {
      const { role } = await authorize(actor, id, 'editor');
      const record = await updateOrGone(id, (current) => {
        checkRevision(current.revision, ifMatch);
        const doc = storedDocument(current);
        const ids = structuredClone(current.itemIds);
        const { path: fromPath, ...from } = listHolding(doc, ids, itemId);
        if (input.parentId !== null) {
          const parentPath = findItem(ids, input.parentId);
          const isInside = parentPath !== undefined && fromPath.every((step, i) => parentPath[i] === step);
          if (isInside) {
            throw badRequest('A folder cannot move into itself or one of its folders.', {
              code: 'INVALID_MOVE',
              errors: [{ path: 'body.parentId', message: 'inside the moved item' }],
            });
          }
        }
        const [moved] = from.items.splice(from.index, 1);
        const [node] = from.ids.splice(from.index, 1);
        const target = input.parentId === null ? { items: (doc.item ??= []) as unknown[], ids, path: [] as number[] } : folderList(doc, ids, input.parentId);
        const at = Math.min(input.index ?? target.items.length, target.items.length);
        target.items.splice(at, 0, moved);
        target.ids.splice(at, 0, node!);
        const toPath = [...target.path, at];
        return {
          name: nameOf(doc),
          document: JSON.stringify(doc),
          itemIds: ids,
          requestCount: current.requestCount,
          change: {
            actorId: actor.id,
            kind: 'item_move',
            summary: `Moved ${itemLabel(moved)}`,
            patch: [{ op: 'move', from: itemPointer(fromPath), path: itemPointer(toPath) }],
          },
          now: clock(),
        };
      });
      return itemOf(record, role, itemId);
    },

    async deleteItem(actor: CurrentUser, id: string, itemId: string, ifMatch: number | undefined): Promise<CollectionRecord> {
      await authorize(actor, id, 'editor');
      return updateOrGone(id, (current) => {
        checkRevision(current.revision, ifMatch);
        return itemWrite(
          current,
          (doc, ids) => {
            const { path, ...list } = listHolding(doc, ids, itemId);
            const [before] = list.items.splice(list.index, 1);
            list.ids.splice(list.index, 1);
            return { pointer: itemPointer(path), before, after: undefined, kind: 'item_delete', summary: `Deleted ${itemLabel(before)}` };
          },
          actor,
        );
      });
    },

    /** History, newest first; sealed secrets appear as a placeholder for everyone. */
    async listChanges(actor: Actor, id: string, page: PageQuery): Promise<Page<ChangeView>> {
      await authorize(actor, id, 'viewer');
      const before = page.cursor ? Number(decodeCursor(page.cursor, 1)[0]) : undefined;
      const rows = await store.listChanges(id, page.limit + 1, before);
      const result = pageOf(rows, page.limit, (r) => [r.revision]);
      return { ...result, items: result.items.map(changeView) };
    },

    async revision(actor: Actor, id: string, revision: number): Promise<{ record: CollectionRecord; document: JsonObject }> {
      const { record, role } = await authorize(actor, id, 'viewer');
      const stored = await documentAt(record, revision);
      return { record, document: openCollection(stored, secretViewFor(role), box) };
    },

    /** Restoring is itself a recorded change (the history only grows). */
    async restore(actor: CurrentUser, id: string, revision: number, ifMatch: number | undefined): Promise<CollectionRead> {
      const { record: seen, role } = await authorize(actor, id, 'editor');
      const target = await documentAt(seen, revision);
      const record = await updateOrGone(id, (current) => {
        checkRevision(current.revision, ifMatch);
        return fullWrite(current, target, actor, 'restore', `Restored revision ${revision}`);
      });
      return read(record, role);
    },

    /** A merge or other whole-document change computed elsewhere (pull requests). */
    async writeDocument(
      actor: CurrentUser,
      id: string,
      expectedRevision: number,
      next: JsonObject,
      kind: ChangeKind,
      summary: string,
    ): Promise<CollectionRecord> {
      return updateOrGone(id, (current) => {
        checkRevision(current.revision, expectedRevision);
        return fullWrite(current, next, actor, kind, summary);
      });
    },
  };
}

export type CollectionService = ReturnType<typeof createCollectionService>;

function parentIdOf(ids: ItemIdNode[], path: number[]): string | null {
  if (path.length < 2) return null;
  let list = ids;
  let parent: ItemIdNode | undefined;
  for (const i of path.slice(0, -1)) {
    parent = list[i];
    list = parent?.children ?? [];
  }
  return parent?.id ?? null;
}

function changeView(row: ChangeRecord): ChangeView {
  return {
    revision: row.revision,
    actorId: row.actorId,
    kind: row.kind,
    summary: row.summary,
    patch: redactSealed(row.patch as PatchOperation[]),
    createdAt: row.createdAt,
  };
}
