import { CollectionError, parseVariableList } from '@postern/collection';
import type { VariableListKind } from '@postern/collection';
import type { Clock } from '../../clock.ts';
import type { SecretBox } from '../../crypto/secret-box.ts';
import { AppError, badRequest, notFound } from '../../errors.ts';
import type { CurrentUser } from '../../http/env.ts';
import { decodeCursor, pageOf } from '../../http/pagination.ts';
import type { Page, PageQuery } from '../../http/pagination.ts';
import type { WorkspaceAccess, WorkspaceRole } from '../../policies/workspaces.ts';
import { diffDocuments, documentFromHistory } from '../collections/json-patch.ts';
import { checkRevision } from '../collections/revision.ts';
import { openVariableList, redactSealed, sealVariableList, secretViewFor } from '../collections/secret-variables.ts';
import type { ChangeLog, EnvironmentRecord, EnvironmentStore, VariableListChange, VariableListChangeRecord } from './store.ts';

type Actor = CurrentUser | undefined;
type JsonObject = Record<string, unknown>;

export interface EnvironmentServiceDeps {
  store: EnvironmentStore;
  access: WorkspaceAccess;
  box: SecretBox;
  clock: Clock;
  /** Told after an environment is created, changed or deleted (webhooks); must not throw. */
  onChange?: (change: { kind: 'created' | 'updated' | 'deleted'; record: EnvironmentRecord }) => Promise<void>;
}

export interface VariableListRead {
  revision: number;
  document: JsonObject;
}

const environmentNotFound = () => notFound('No such environment.', { code: 'ENVIRONMENT_NOT_FOUND' });
const nameOf = (doc: JsonObject) => (typeof doc.name === 'string' && doc.name !== '' ? doc.name : 'Untitled environment');

/** Postman environment/globals JSON from a request; the model's problems become a 400 with the path. */
function parseInput(input: unknown, kind: VariableListKind): JsonObject {
  try {
    return parseVariableList(input, { kind }) as JsonObject;
  } catch (error) {
    if (error instanceof CollectionError) {
      throw badRequest(error.message, { code: error.code, errors: [{ path: error.path ? `body.${error.path}` : 'body', message: error.message }] });
    }
    throw error;
  }
}

const NEVER_SAVED_GLOBALS = { revision: 0, document: '{"values":[]}' };

/** The first recorded change holds the whole document, later ones a diff from the one before. */
function changeFrom(previous: JsonObject | undefined, stored: JsonObject, summary: string): VariableListChange {
  return { summary, patch: previous ? diffDocuments(previous, stored) : [{ op: 'replace', path: '', value: stored }] };
}

/** Environments and globals of a workspace (P2); secret-typed values sealed at rest, hidden from viewers. */
export function createEnvironmentService(deps: EnvironmentServiceDeps) {
  const { store, access, box, clock } = deps;

  async function authorize(actor: Actor, id: string, need: WorkspaceRole) {
    const record = /^[0-9a-f-]{36}$/i.test(id) ? await store.find(id) : undefined;
    if (!record) throw environmentNotFound();
    try {
      const { role } = await access.require(actor, record.workspaceId, need);
      return { record, role };
    } catch (error) {
      if (error instanceof AppError && error.code === 'WORKSPACE_NOT_FOUND') throw environmentNotFound();
      throw error;
    }
  }

  const open = (document: string, role: string): JsonObject => openVariableList(JSON.parse(document) as JsonObject, secretViewFor(role), box);

  /** History, newest first; sealed secrets appear as "[secret]". */
  async function changesPage(log: ChangeLog, ownerId: string, page: PageQuery): Promise<Page<VariableListChangeRecord>> {
    const before = page.cursor ? Number(decodeCursor(page.cursor, 1)[0]) : undefined;
    const result = pageOf(await log.list(ownerId, page.limit + 1, before), page.limit, (r) => [r.revision]);
    return { ...result, items: result.items.map((r) => ({ ...r, patch: redactSealed(r.patch) })) };
  }

  /** The stored document (secrets sealed) at `revision`, for reading or restoring. */
  async function documentAt(log: ChangeLog, ownerId: string, current: { revision: number; document: string }, revision: number, what: string) {
    if (revision === current.revision) return JSON.parse(current.document) as JsonObject;
    const document = revision >= 1 && revision < current.revision ? documentFromHistory(await log.patchesUpTo(ownerId, revision), revision) : undefined;
    if (!document) throw notFound(`Revision ${revision} of ${what} was not recorded; it is at revision ${current.revision}.`, { code: 'REVISION_NOT_FOUND' });
    return document as JsonObject;
  }

  return {
    async create(actor: CurrentUser, workspaceId: string, input: unknown): Promise<EnvironmentRecord> {
      await access.require(actor, workspaceId, 'editor');
      const stored = sealVariableList(parseInput(input, 'environment'), undefined, box);
      const created = await store.create({
        workspaceId,
        name: nameOf(stored),
        document: JSON.stringify(stored),
        actorId: actor.id,
        now: clock(),
        change: changeFrom(undefined, stored, `Imported "${nameOf(stored)}"`),
      });
      await deps.onChange?.({ kind: 'created', record: created });
      return created;
    },

    async list(actor: Actor, workspaceId: string, page: PageQuery): Promise<Page<EnvironmentRecord>> {
      await access.require(actor, workspaceId, 'viewer');
      const after = page.cursor ? (decodeCursor(page.cursor, 2) as [string, string]) : undefined;
      const rows = await store.listByWorkspace(workspaceId, page.limit + 1, after);
      return pageOf(rows, page.limit, (r) => [r.createdAt.toISOString(), r.id]);
    },

    async get(actor: Actor, id: string): Promise<{ record: EnvironmentRecord; document: JsonObject }> {
      const { record, role } = await authorize(actor, id, 'viewer');
      return { record, document: open(record.document, role) };
    },

    async replace(actor: CurrentUser, id: string, input: unknown, ifMatch: number | undefined): Promise<EnvironmentRecord> {
      await authorize(actor, id, 'editor');
      const parsed = parseInput(input, 'environment');
      const record = await store.update(id, (current) => {
        checkRevision(current.revision, ifMatch, 'environment');
        const previous = JSON.parse(current.document) as JsonObject;
        const stored = sealVariableList(parsed, previous, box);
        return {
          name: nameOf(stored),
          document: JSON.stringify(stored),
          actorId: actor.id,
          now: clock(),
          change: changeFrom(previous, stored, `Replaced the environment "${nameOf(stored)}"`),
        };
      });
      if (!record) throw environmentNotFound();
      await deps.onChange?.({ kind: 'updated', record });
      return record;
    },

    async remove(actor: CurrentUser, id: string, ifMatch: number | undefined): Promise<void> {
      const { record } = await authorize(actor, id, 'editor');
      checkRevision(record.revision, ifMatch, 'environment');
      await store.remove(id);
      await deps.onChange?.({ kind: 'deleted', record });
    },

    /** History, newest first; sealed secrets appear as "[secret]". */
    async listChanges(actor: Actor, id: string, page: PageQuery): Promise<Page<VariableListChangeRecord>> {
      await authorize(actor, id, 'viewer');
      return changesPage(store.environmentHistory, id, page);
    },

    async revision(actor: Actor, id: string, revision: number): Promise<JsonObject> {
      const { record, role } = await authorize(actor, id, 'viewer');
      const stored = await documentAt(store.environmentHistory, id, record, revision, 'this environment');
      return openVariableList(stored, secretViewFor(role), box);
    },

    /** Restoring is itself a recorded change (the history only grows). */
    async restore(actor: CurrentUser, id: string, revision: number, ifMatch: number | undefined): Promise<EnvironmentRecord> {
      const { record: seen } = await authorize(actor, id, 'editor');
      const target = await documentAt(store.environmentHistory, id, seen, revision, 'this environment');
      const record = await store.update(id, (current) => {
        checkRevision(current.revision, ifMatch, 'environment');
        return {
          name: nameOf(target),
          document: JSON.stringify(target),
          actorId: actor.id,
          now: clock(),
          change: changeFrom(JSON.parse(current.document) as JsonObject, target, `Restored revision ${revision}`),
        };
      });
      if (!record) throw environmentNotFound();
      await deps.onChange?.({ kind: 'updated', record });
      return record;
    },

    /** The workspace's globals; an empty list at revision 0 until first saved. */
    async getGlobals(actor: Actor, workspaceId: string): Promise<VariableListRead> {
      const { role } = await access.require(actor, workspaceId, 'viewer');
      const record = await store.findGlobals(workspaceId);
      if (!record || record.revision === 0) return { revision: 0, document: { values: [] } };
      return { revision: record.revision, document: open(record.document, role) };
    },

    async putGlobals(actor: CurrentUser, workspaceId: string, input: unknown, ifMatch: number | undefined): Promise<VariableListRead> {
      const { role } = await access.require(actor, workspaceId, 'editor');
      const parsed = parseInput(input, 'globals');
      const record = await store.updateGlobals(workspaceId, (current) => {
        checkRevision(current?.revision ?? 0, ifMatch, 'globals');
        const previous = current ? (JSON.parse(current.document) as JsonObject) : undefined;
        const stored = sealVariableList(parsed, previous, box);
        const change = changeFrom(previous, stored, previous ? 'Saved the globals' : 'Created the globals');
        return { document: JSON.stringify(stored), actorId: actor.id, now: clock(), change };
      });
      return { revision: record.revision, document: open(record.document, role) };
    },

    async listGlobalsChanges(actor: Actor, workspaceId: string, page: PageQuery): Promise<Page<VariableListChangeRecord>> {
      await access.require(actor, workspaceId, 'viewer');
      return changesPage(store.globalsHistory, workspaceId, page);
    },

    async globalsRevision(actor: Actor, workspaceId: string, revision: number): Promise<JsonObject> {
      const { role } = await access.require(actor, workspaceId, 'viewer');
      const current = (await store.findGlobals(workspaceId)) ?? NEVER_SAVED_GLOBALS;
      return openVariableList(await documentAt(store.globalsHistory, workspaceId, current, revision, 'the globals'), secretViewFor(role), box);
    },

    async restoreGlobals(actor: CurrentUser, workspaceId: string, revision: number, ifMatch: number | undefined): Promise<VariableListRead> {
      const { role } = await access.require(actor, workspaceId, 'editor');
      const seen = (await store.findGlobals(workspaceId)) ?? NEVER_SAVED_GLOBALS;
      const target = await documentAt(store.globalsHistory, workspaceId, seen, revision, 'the globals');
      const record = await store.updateGlobals(workspaceId, (current) => {
        checkRevision(current?.revision ?? 0, ifMatch, 'globals');
        const previous = current ? (JSON.parse(current.document) as JsonObject) : undefined;
        return { document: JSON.stringify(target), actorId: actor.id, now: clock(), change: changeFrom(previous, target, `Restored revision ${revision}`) };
      });
      return { revision: record.revision, document: open(record.document, role) };
    },
  };
}

export type EnvironmentService = ReturnType<typeof createEnvironmentService>;
