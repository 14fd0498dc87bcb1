import { and, desc, eq, getTableColumns, lt, or } from 'drizzle-orm';
import type { Database } from '../../db/database.ts';
import { collectionRuns } from './schema.ts';

export type RunRecord = typeof collectionRuns.$inferSelect;
export type RunListRecord = Omit<RunRecord, 'results' | 'reports'>;
export type NewRun = Pick<RunRecord, 'collectionId' | 'userId' | 'status' | 'options' | 'summary' | 'results' | 'createdAt'>;

export interface RunStore {
  insert(run: NewRun): Promise<RunRecord>;
  find(id: string): Promise<RunRecord | undefined>;
  update(id: string, change: Partial<Omit<RunRecord, 'id' | 'collectionId' | 'userId'>>): Promise<void>;
  /** Newest first; `before` is the (createdAt, id) of the last run already seen. */
  listByCollection(collectionId: string, limit: number, before?: [Date, string]): Promise<RunListRecord[]>;
}

export function createRunStore(db: Database): RunStore {
  const { results: _results, reports: _reports, ...listColumns } = getTableColumns(collectionRuns);
  return {
    async insert(run) {
      const [row] = await db.insert(collectionRuns).values(run).returning();
      return row!;
    },
    async find(id) {
      const [row] = await db.select().from(collectionRuns).where(eq(collectionRuns.id, id)).limit(1);
      return row;
    },
    async update(id, change) {
      await db.update(collectionRuns).set(change).where(eq(collectionRuns.id, id));
    },
    async listByCollection(collectionId, limit, before) {
      return db
        .select(listColumns)
        .from(collectionRuns)
        .where(
          and(
            eq(collectionRuns.collectionId, collectionId),
            before === undefined
              ? undefined
              : or(lt(collectionRuns.createdAt, before[0]), and(eq(collectionRuns.createdAt, before[0]), lt(collectionRuns.id, before[1]))),
          ),
        )
        .orderBy(desc(collectionRuns.createdAt), desc(collectionRuns.id))
        .limit(limit);
    },
  };
}
