import { and, desc, eq, getTableColumns, inArray, lt, or } from 'drizzle-orm';
import type { Database } from '../../db/database.ts';
import { users } from '../accounts/schema.ts';
import type { UserPreferences } from '../accounts/schema.ts';
import { requestHistory } from './schema.ts';

export type HistoryEntryRecord = typeof requestHistory.$inferSelect;
export type HistorySummaryRecord = Omit<HistoryEntryRecord, 'request' | 'bodyOmitted'>;
export type NewHistoryEntry = Omit<HistoryEntryRecord, 'id'>;

export interface HistoryStore {
  insert(entry: NewHistoryEntry): Promise<void>;
  /** Newest first; `before` is the (createdAt, id) of the last entry already seen. */
  list(userId: string, limit: number, filter: { workspaceId?: string; before?: [Date, string] }): Promise<HistorySummaryRecord[]>;
  /** The entry when it is the person's own. */
  find(userId: string, id: string): Promise<HistoryEntryRecord | undefined>;
  /** False when the person has no such entry. */
  remove(userId: string, id: string): Promise<boolean>;
  removeAll(userId: string): Promise<void>;
  /** Deletes the person's entries created before `cutoff`. */
  removeOlderThan(userId: string, cutoff: Date): Promise<void>;
  /** Deletes all but the newest `keep` entries of the person. */
  keepNewest(userId: string, keep: number): Promise<void>;
  /** The live account's preferences; undefined when there is none. */
  preferencesOf(userId: string): Promise<UserPreferences | undefined>;
}

const newestFirst = [desc(requestHistory.createdAt), desc(requestHistory.id)];

export function createHistoryStore(db: Database): HistoryStore {
  const { request: _request, bodyOmitted: _bodyOmitted, ...summaryColumns } = getTableColumns(requestHistory);
  return {
    async insert(entry) {
      await db.insert(requestHistory).values(entry);
    },
    async list(userId, limit, { workspaceId, before }) {
      return db
        .select(summaryColumns)
        .from(requestHistory)
        .where(
          and(
            eq(requestHistory.userId, userId),
            workspaceId === undefined ? undefined : eq(requestHistory.workspaceId, workspaceId),
            before === undefined
              ? undefined
              : or(lt(requestHistory.createdAt, before[0]), and(eq(requestHistory.createdAt, before[0]), lt(requestHistory.id, before[1]))),
          ),
        )
        .orderBy(...newestFirst)
        .limit(limit);
    },
    async find(userId, id) {
      const [row] = await db
        .select()
        .from(requestHistory)
        .where(and(eq(requestHistory.userId, userId), eq(requestHistory.id, id)))
        .limit(1);
      return row;
    },
    async remove(userId, id) {
      const rows = await db
        .delete(requestHistory)
        .where(and(eq(requestHistory.userId, userId), eq(requestHistory.id, id)))
        .returning({ id: requestHistory.id });
      return rows.length > 0;
    },
    async removeAll(userId) {
      await db.delete(requestHistory).where(eq(requestHistory.userId, userId));
    },
    async removeOlderThan(userId, cutoff) {
      await db.delete(requestHistory).where(and(eq(requestHistory.userId, userId), lt(requestHistory.createdAt, cutoff)));
    },
    async keepNewest(userId, keep) {
      const beyond = db
        .select({ id: requestHistory.id })
        .from(requestHistory)
        .where(eq(requestHistory.userId, userId))
        .orderBy(...newestFirst)
        .offset(keep);
      await db.delete(requestHistory).where(and(eq(requestHistory.userId, userId), inArray(requestHistory.id, beyond)));
    },
    async preferencesOf(userId) {
      const [row] = await db.select({ preferences: users.preferences }).from(users).where(eq(users.id, userId)).limit(1);
      return row?.preferences;
    },
  };
}
