import { and, asc, desc, eq, gt, lt, lte, or } from 'drizzle-orm';
import type { Database } from '../../db/database.ts';
import type { PatchOperation, RecordedPatch } from '../collections/json-patch.ts';
import { environmentChanges, environments, globalsChanges, workspaceGlobals } from './schema.ts';

export type EnvironmentRecord = typeof environments.$inferSelect;
export type GlobalsRecord = typeof workspaceGlobals.$inferSelect;
/** One recorded change to an environment or to a workspace's globals. */
export type VariableListChangeRecord = Omit<typeof environmentChanges.$inferSelect, 'environmentId'>;

export interface VariableListChange {
  summary: string;
  patch: PatchOperation[];
}

export interface VariableListWrite {
  name: string;
  document: string;
  actorId: string;
  now: Date;
  change: VariableListChange;
}

/** The history of one environment or one workspace's globals. */
export interface ChangeLog {
  /** Newest first. */
  list(ownerId: string, limit: number, beforeRevision?: number): Promise<VariableListChangeRecord[]>;
  /** The recorded changes of revisions up to `revision`, oldest first. */
  patchesUpTo(ownerId: string, revision: number): Promise<RecordedPatch[]>;
}

export interface EnvironmentStore {
  create(env: { workspaceId: string } & VariableListWrite): Promise<EnvironmentRecord>;
  find(id: string): Promise<EnvironmentRecord | undefined>;
  listByWorkspace(workspaceId: string, limit: number, after?: [string, string]): Promise<EnvironmentRecord[]>;
  /** Read-modify-write under a row lock (see CollectionStore.update); undefined when gone. */
  update(id: string, compute: (current: EnvironmentRecord) => VariableListWrite): Promise<EnvironmentRecord | undefined>;
  remove(id: string): Promise<boolean>;
  environmentHistory: ChangeLog;
  findGlobals(workspaceId: string): Promise<GlobalsRecord | undefined>;
  /** Creates the workspace's globals on first write; `current` is undefined then. */
  updateGlobals(workspaceId: string, compute: (current: GlobalsRecord | undefined) => Omit<VariableListWrite, 'name'>): Promise<GlobalsRecord>;
  globalsHistory: ChangeLog;
}

type ChangeTable = typeof environmentChanges | typeof globalsChanges;

function changeLog(db: Database, table: ChangeTable, owner: typeof environmentChanges.environmentId | typeof globalsChanges.workspaceId): ChangeLog {
  const columns = { id: table.id, revision: table.revision, actorId: table.actorId, summary: table.summary, patch: table.patch, createdAt: table.createdAt };
  return {
    async list(ownerId, limit, beforeRevision) {
      return db
        .select(columns)
        .from(table)
        .where(and(eq(owner, ownerId), beforeRevision === undefined ? undefined : lt(table.revision, beforeRevision)))
        .orderBy(desc(table.revision))
        .limit(limit);
    },
    async patchesUpTo(ownerId, revision) {
      const rows = await db
        .select({ revision: table.revision, patch: table.patch })
        .from(table)
        .where(and(eq(owner, ownerId), lte(table.revision, revision)))
        .orderBy(asc(table.revision));
      return rows.map((r) => ({ revision: r.revision, patch: r.patch as PatchOperation[] }));
    },
  };
}

export function createEnvironmentStore(db: Database): EnvironmentStore {
  return {
    async create(env) {
      return db.transaction(async (tx) => {
        const [row] = await tx
          .insert(environments)
          .values({
            workspaceId: env.workspaceId,
            name: env.name,
            document: env.document,
            revision: 1,
            createdBy: env.actorId,
            updatedBy: env.actorId,
            createdAt: env.now,
            updatedAt: env.now,
          })
          .returning();
        await tx.insert(environmentChanges).values({ environmentId: row!.id, revision: 1, actorId: env.actorId, ...env.change, createdAt: env.now });
        return row!;
      });
    },
    async find(id) {
      const [row] = await db.select().from(environments).where(eq(environments.id, id)).limit(1);
      return row;
    },
    async listByWorkspace(workspaceId, limit, after) {
      const cursor = after
        ? or(gt(environments.createdAt, new Date(after[0])), and(eq(environments.createdAt, new Date(after[0])), gt(environments.id, after[1])))
        : undefined;
      return db
        .select()
        .from(environments)
        .where(and(eq(environments.workspaceId, workspaceId), cursor))
        .orderBy(asc(environments.createdAt), asc(environments.id))
        .limit(limit);
    },
    async update(id, compute) {
      return db.transaction(async (tx) => {
        const [current] = await tx.select().from(environments).where(eq(environments.id, id)).for('update');
        if (!current) return undefined;
        const next = compute(current);
        const revision = current.revision + 1;
        const [row] = await tx
          .update(environments)
          .set({ name: next.name, document: next.document, revision, updatedBy: next.actorId, updatedAt: next.now })
          .where(eq(environments.id, id))
          .returning();
        await tx.insert(environmentChanges).values({ environmentId: id, revision, actorId: next.actorId, ...next.change, createdAt: next.now });
        return row!;
      });
    },
    async remove(id) {
      const deleted = await db.delete(environments).where(eq(environments.id, id)).returning({ id: environments.id });
      return deleted.length > 0;
    },
    environmentHistory: changeLog(db, environmentChanges, environmentChanges.environmentId),
    async findGlobals(workspaceId) {
      const [row] = await db.select().from(workspaceGlobals).where(eq(workspaceGlobals.workspaceId, workspaceId)).limit(1);
      return row;
    },
    async updateGlobals(workspaceId, compute) {
      return db.transaction(async (tx) => {
        // Revision 0 is "never saved"; inserting it first gives concurrent first writers a row to lock.
        await tx.insert(workspaceGlobals).values({ workspaceId, document: '{"values":[]}', revision: 0 }).onConflictDoNothing();
        const [current] = await tx.select().from(workspaceGlobals).where(eq(workspaceGlobals.workspaceId, workspaceId)).for('update');
        const next = compute(current!.revision === 0 ? undefined : current);
        const revision = current!.revision + 1;
        const [row] = await tx
          .update(workspaceGlobals)
          .set({ document: next.document, revision, updatedBy: next.actorId, updatedAt: next.now })
          .where(eq(workspaceGlobals.workspaceId, workspaceId))
          .returning();
        await tx.insert(globalsChanges).values({ workspaceId, revision, actorId: next.actorId, ...next.change, createdAt: next.now });
        return row!;
      });
    },
    globalsHistory: changeLog(db, globalsChanges, globalsChanges.workspaceId),
  };
}
