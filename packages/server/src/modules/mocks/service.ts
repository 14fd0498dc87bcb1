/**
 * Hosted mock servers of a workspace: editors create and change them, viewers read them and their
 * call log. Serving lives in served.ts; this file holds the rules.
 */
import type { Clock } from '../../clock.ts';
import { AppError, badRequest } from '../../errors.ts';
import type { CurrentUser } from '../../http/env.ts';
import { decodeCursor, pageOf } from '../../http/pagination.ts';
import type { Page, PageQuery } from '../../http/pagination.ts';
import type { WorkspaceAccess, WorkspaceRole } from '../../policies/workspaces.ts';
import type { AuditService } from '../audit/service.ts';
import type { CallLog } from './call-log.ts';
import { DEFAULT_CALL_RETENTION_DAYS } from './datamap.ts';
import type { MockServing } from './served.ts';
import { mockNotFound } from './served.ts';
import type { MockCallRecord, MockChanges, MockRecord, MockStore } from './store.ts';

type Actor = CurrentUser | undefined;

export interface NewMockInput {
  name: string;
  collectionId: string;
  collectionRevision?: number | null | undefined;
  environmentId?: string | null | undefined;
  private?: boolean | undefined;
  delay?: boolean | undefined;
  callRetentionDays?: number | undefined;
}

export type MockUpdateInput = Partial<{
  name: string;
  collectionRevision: number | null;
  environmentId: string | null;
  private: boolean;
  delay: boolean;
  enabled: boolean;
  callRetentionDays: number;
}>;

export interface MockServiceDeps {
  store: MockStore;
  access: WorkspaceAccess;
  audit: Pick<AuditService, 'record'>;
  serving: MockServing;
  callLog: CallLog;
  clock: Clock;
}

export function createMockService(deps: MockServiceDeps) {
  const { store, access, audit, serving, callLog, clock } = deps;

  /** The mock and the actor's role; MOCK_NOT_FOUND for anyone who may not see its workspace. */
  async function authorize(actor: Actor, id: string, need: WorkspaceRole): Promise<MockRecord> {
    const mock = await store.find(id);
    if (!mock) throw mockNotFound();
    try {
      await access.require(actor, mock.workspaceId, need);
    } catch (error) {
      if (error instanceof AppError && error.code === 'WORKSPACE_NOT_FOUND') throw mockNotFound();
      throw error;
    }
    return mock;
  }

  /** The collection must be in the workspace, and a pinned revision one it has. */
  async function checkCollection(workspaceId: string, collectionId: string, revision: number | null | undefined): Promise<void> {
    const info = await store.collectionInfo(collectionId);
    if (!info || info.workspaceId !== workspaceId) {
      throw badRequest('collectionId must be a collection of this workspace.', {
        code: 'COLLECTION_NOT_FOUND',
        errors: [{ path: 'body.collectionId', message: 'no such collection in this workspace' }],
      });
    }
    if (revision !== null && revision !== undefined && revision > info.revision) {
      throw badRequest(`The collection has revisions 1 to ${info.revision}; pin one of them or leave collectionRevision out for the latest.`, {
        code: 'REVISION_NOT_FOUND',
        errors: [{ path: 'body.collectionRevision', message: `at most ${info.revision}` }],
      });
    }
  }

  async function checkEnvironment(workspaceId: string, environmentId: string | null | undefined): Promise<void> {
    if (environmentId === null || environmentId === undefined) return;
    if ((await store.environmentWorkspace(environmentId)) !== workspaceId) {
      throw badRequest('environmentId must be an environment of this workspace.', {
        code: 'ENVIRONMENT_NOT_FOUND',
        errors: [{ path: 'body.environmentId', message: 'no such environment in this workspace' }],
      });
    }
  }

  const record = async (actor: CurrentUser, mock: MockRecord, action: string, details: Record<string, unknown>) =>
    audit.record({ actorId: actor.id, action, targetType: 'mock', targetId: mock.id, details, teamId: await store.teamOf(mock.workspaceId) });

  return {
    async list(actor: Actor, workspaceId: string, page: PageQuery): Promise<Page<MockRecord>> {
      await access.require(actor, workspaceId, 'viewer');
      const after = page.cursor ? (decodeCursor(page.cursor, 2) as [string, string]) : undefined;
      const rows = await store.listByWorkspace(workspaceId, page.limit + 1, after);
      return pageOf(rows, page.limit, (r) => [r.createdAt.toISOString(), r.id]);
    },

    async create(actor: CurrentUser, workspaceId: string, input: NewMockInput): Promise<MockRecord> {
      await access.require(actor, workspaceId, 'editor');
      await checkCollection(workspaceId, input.collectionId, input.collectionRevision);
      await checkEnvironment(workspaceId, input.environmentId);
      const mock = await store.create({
        workspaceId,
        collectionId: input.collectionId,
        collectionRevision: input.collectionRevision ?? null,
        environmentId: input.environmentId ?? null,
        name: input.name,
        private: input.private ?? true,
        delay: input.delay ?? true,
        callRetentionDays: input.callRetentionDays ?? DEFAULT_CALL_RETENTION_DAYS,
        createdBy: actor.id,
        now: clock(),
      });
      await record(actor, mock, 'mock.created', { private: mock.private, collectionId: mock.collectionId });
      return mock;
    },

    get: (actor: Actor, id: string): Promise<MockRecord> => authorize(actor, id, 'viewer'),

    async update(actor: CurrentUser, id: string, input: MockUpdateInput): Promise<MockRecord> {
      const before = await authorize(actor, id, 'editor');
      if (input.collectionRevision !== undefined) await checkCollection(before.workspaceId, before.collectionId, input.collectionRevision);
      await checkEnvironment(before.workspaceId, input.environmentId);
      const changes: MockChanges = {};
      for (const key of ['name', 'collectionRevision', 'environmentId', 'private', 'delay', 'enabled', 'callRetentionDays'] as const) {
        if (input[key] !== undefined) Object.assign(changes, { [key]: input[key] });
      }
      const mock = await store.update(id, changes, clock());
      if (!mock) throw mockNotFound();
      serving.forget(id);
      if (mock.private !== before.private) await record(actor, mock, 'mock.visibility_changed', { private: mock.private });
      return mock;
    },

    async remove(actor: CurrentUser, id: string): Promise<void> {
      const mock = await authorize(actor, id, 'editor');
      if (!(await store.remove(id))) throw mockNotFound();
      serving.forget(id);
      await record(actor, mock, 'mock.deleted', { private: mock.private });
    },

    /** The call log, newest first; calls still queued are written first, so the list is current. */
    async listCalls(actor: Actor, id: string, page: PageQuery): Promise<Page<MockCallRecord>> {
      await authorize(actor, id, 'viewer');
      await callLog.flush();
      let before: [Date, string] | undefined;
      if (page.cursor) {
        const [at, callId] = decodeCursor(page.cursor, 2).map(String) as [string, string];
        const date = new Date(at);
        if (Number.isNaN(date.getTime())) throw badRequest('The cursor is not one this list gave out; start again without it.', { code: 'INVALID_CURSOR' });
        before = [date, callId];
      }
      const rows = await store.listCalls(id, page.limit + 1, before);
      return pageOf(rows, page.limit, (r) => [r.createdAt.toISOString(), r.id]);
    },

    async clearCalls(actor: CurrentUser, id: string): Promise<number> {
      await authorize(actor, id, 'editor');
      await callLog.flush();
      return store.clearCalls(id);
    },
  };
}

export type MockService = ReturnType<typeof createMockService>;

