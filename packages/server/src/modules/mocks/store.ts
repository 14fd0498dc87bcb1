import { and, desc, eq, getTableColumns, lt, or, sql } from 'drizzle-orm';
import type { Database } from '../../db/database.ts';
import { queryRows } from '../../db/database.ts';
import { collections } from '../collections/schema.ts';
import { environments } from '../environments/schema.ts';
import { workspaces } from '../workspaces/schema.ts';
import { mockCalls, mockServers } from './schema.ts';

export type MockRecord = typeof mockServers.$inferSelect;
export type MockCallRecord = typeof mockCalls.$inferSelect;
export type NewMockCall = Omit<MockCallRecord, 'id'>;
export type MockCallSummary = Omit<MockCallRecord, 'requestHeaders' | 'requestBody' | 'responseHeaders' | 'responseBody'>;

export interface NewMock {
  workspaceId: string;
  collectionId: string;
  collectionRevision: number | null;
  environmentId: string | null;
  name: string;
  private: boolean;
  delay: boolean;
  callRetentionDays: number;
  createdBy: string;
  now: Date;
}

export type MockChanges = Partial<Pick<MockRecord, 'name' | 'private' | 'delay' | 'enabled' | 'callRetentionDays' | 'collectionRevision' | 'environmentId'>>;

export interface MockStore {
  create(mock: NewMock): Promise<MockRecord>;
  find(id: string): Promise<MockRecord | undefined>;
  listByWorkspace(workspaceId: string, limit: number, after?: [string, string]): Promise<MockRecord[]>;
  update(id: string, changes: MockChanges, now: Date): Promise<MockRecord | undefined>;
  remove(id: string): Promise<boolean>;
  /** The team of the workspace, for the audit log. */
  teamOf(workspaceId: string): Promise<string | null>;
  /** The collection's workspace and current revision. */
  collectionInfo(id: string): Promise<{ workspaceId: string; revision: number } | undefined>;
  environmentWorkspace(id: string): Promise<string | undefined>;
  insertCalls(calls: NewMockCall[]): Promise<void>;
  /** Newest first; `before` is the (createdAt, id) of the last call already seen. */
  listCalls(mockId: string, limit: number, before?: [Date, string]): Promise<MockCallRecord[]>;
  clearCalls(mockId: string): Promise<number>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function createMockStore(db: Database): MockStore {
  return {
    async create(m) {
      const [row] = await db
        .insert(mockServers)
        .values({
          workspaceId: m.workspaceId,
          collectionId: m.collectionId,
          collectionRevision: m.collectionRevision,
          environmentId: m.environmentId,
          name: m.name,
          private: m.private,
          delay: m.delay,
          callRetentionDays: m.callRetentionDays,
          createdBy: m.createdBy,
          createdAt: m.now,
          updatedAt: m.now,
        })
        .returning();
      return row!;
    },
    async find(id) {
      if (!UUID.test(id)) return undefined;
      const [row] = await db.select().from(mockServers).where(eq(mockServers.id, id)).limit(1);
      return row;
    },
    async listByWorkspace(workspaceId, limit, after) {
      return db
        .select()
        .from(mockServers)
        .where(
          and(
            eq(mockServers.workspaceId, workspaceId),
            after === undefined
              ? undefined
              : or(lt(mockServers.createdAt, new Date(after[0])), and(eq(mockServers.createdAt, new Date(after[0])), lt(mockServers.id, after[1]))),
          ),
        )
        .orderBy(desc(mockServers.createdAt), desc(mockServers.id))
        .limit(limit);
    },
    async update(id, changes, now) {
      const [row] = await db
        .update(mockServers)
        .set({ ...changes, updatedAt: now })
        .where(eq(mockServers.id, id))
        .returning();
      return row;
    },
    async remove(id) {
      const rows = await db.delete(mockServers).where(eq(mockServers.id, id)).returning({ id: mockServers.id });
      return rows.length > 0;
    },
    async teamOf(workspaceId) {
      const [row] = await db.select({ teamId: workspaces.teamId }).from(workspaces).where(eq(workspaces.id, workspaceId)).limit(1);
      return row?.teamId ?? null;
    },
    async collectionInfo(id) {
      if (!UUID.test(id)) return undefined;
      const [row] = await db
        .select({ workspaceId: collections.workspaceId, revision: collections.revision })
        .from(collections)
        .where(eq(collections.id, id))
        .limit(1);
      return row;
    },
    async environmentWorkspace(id) {
      if (!UUID.test(id)) return undefined;
      const [row] = await db.select({ workspaceId: environments.workspaceId }).from(environments).where(eq(environments.id, id)).limit(1);
      return row?.workspaceId;
    },
    async insertCalls(calls) {
      if (calls.length === 0) return;
      // Calls of a mock deleted meanwhile (in another process) are dropped, not an error for the rest.
      const ids = [...new Set(calls.map((c) => c.mockId))];
      const live = new Set(
        (await queryRows<{ id: string }>(db, sql`select id from ${mockServers} where id in (${sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `)})`)).map((r) => r.id),
      );
      const kept = calls.filter((c) => live.has(c.mockId));
      if (kept.length > 0) await db.insert(mockCalls).values(kept);
    },
    async listCalls(mockId, limit, before) {
      return db
        .select()
        .from(mockCalls)
        .where(
          and(
            eq(mockCalls.mockId, mockId),
            before === undefined ? undefined : or(lt(mockCalls.createdAt, before[0]), and(eq(mockCalls.createdAt, before[0]), lt(mockCalls.id, before[1]))),
          ),
        )
        .orderBy(desc(mockCalls.createdAt), desc(mockCalls.id))
        .limit(limit);
    },
    async clearCalls(mockId) {
      const rows = await db.delete(mockCalls).where(eq(mockCalls.mockId, mockId)).returning({ id: mockCalls.id });
      return rows.length;
    },
  };
}

/** Calls older than their mock's own retention (call_retention_days) as of `asOf`. */
export function mockCallsPastRetention(asOf: Date) {
  return sql`${mockCalls.createdAt} < ${asOf.toISOString()}::timestamptz - ${mockServers.callRetentionDays} * interval '1 day'`;
}

export const mockCallColumns = getTableColumns(mockCalls);
