import { and, asc, desc, eq, gt, lt, lte, or } from 'drizzle-orm';
import type { Database } from '../../db/database.ts';
import type { PatchOperation, RecordedPatch } from './json-patch.ts';
import { collectionChanges, collections } from './schema.ts';

export type CollectionRecord = typeof collections.$inferSelect;
export type CollectionSummaryRecord = Pick<
  CollectionRecord,
  'id' | 'workspaceId' | 'name' | 'requestCount' | 'revision' | 'forkedFromId' | 'forkLabel' | 'createdAt' | 'updatedAt'
>;
export type ChangeRecord = typeof collectionChanges.$inferSelect;

export interface RecordedChange {
  actorId: string | null;
  kind: ChangeKind;
  summary: string;
  patch: PatchOperation[];
}

// Stored as text: a new kind needs no migration.
export type ChangeKind =
  | 'import'
  | 'replace'
  | 'collection_update'
  | 'item_create'
  | 'item_update'
  | 'item_delete'
  | 'item_move'
  | 'restore'
  | 'fork'
  | 'merge';

/** The new state of a collection, with the change that led to it. */
export interface CollectionWrite {
  name: string;
  document: string;
  itemIds: CollectionRecord['itemIds'];
  requestCount: number;
  change: RecordedChange;
  now: Date;
}

export interface NewCollection extends CollectionWrite {
  workspaceId: string;
  createdBy: string | null;
  fork?: { fromId: string; label: string | null; revision: number; document: string };
}

export interface CollectionStore {
  /** Inserts the collection at revision 1 together with its first recorded change. */
  create(collection: NewCollection): Promise<CollectionRecord>;
  find(id: string): Promise<CollectionRecord | undefined>;
  listByWorkspace(workspaceId: string, limit: number, after?: [string, string]): Promise<CollectionSummaryRecord[]>;
  /**
   * Read-modify-write under a row lock: `compute` sees the current row and returns the next state
   * (or throws, which changes nothing); the revision goes up by one and the change is recorded.
   * Undefined when there is no such collection.
   */
  update(id: string, compute: (current: CollectionRecord) => CollectionWrite): Promise<CollectionRecord | undefined>;
  remove(id: string): Promise<boolean>;
  /** Newest first. */
  listChanges(collectionId: string, limit: number, beforeRevision?: number): Promise<ChangeRecord[]>;
  /** The recorded changes of revisions 1..revision, oldest first. */
  patchesUpTo(collectionId: string, revision: number): Promise<RecordedPatch[]>;
}

export function createCollectionStore(db: Database): CollectionStore {
  const summaryColumns = {
    id: collections.id,
    workspaceId: collections.workspaceId,
    name: collections.name,
    requestCount: collections.requestCount,
    revision: collections.revision,
    forkedFromId: collections.forkedFromId,
    forkLabel: collections.forkLabel,
    createdAt: collections.createdAt,
    updatedAt: collections.updatedAt,
  };
  return {
    async create(c) {
      return db.transaction(async (tx) => {
        const [row] = await tx
          .insert(collections)
          .values({
            workspaceId: c.workspaceId,
            name: c.name,
            document: c.document,
            itemIds: c.itemIds,
            requestCount: c.requestCount,
            revision: 1,
            createdBy: c.createdBy,
            createdAt: c.now,
            updatedAt: c.now,
            ...(c.fork && {
              forkedFromId: c.fork.fromId,
              forkLabel: c.fork.label,
              forkRevision: c.fork.revision,
              forkDocument: c.fork.document,
            }),
          })
          .returning();
        await tx.insert(collectionChanges).values({ collectionId: row!.id, revision: 1, ...c.change, createdAt: c.now });
        return row!;
      });
    },
    async find(id) {
      const [row] = await db.select().from(collections).where(eq(collections.id, id)).limit(1);
      return row;
    },
    async listByWorkspace(workspaceId, limit, after) {
      const cursor = after
        ? or(gt(collections.createdAt, new Date(after[0])), and(eq(collections.createdAt, new Date(after[0])), gt(collections.id, after[1])))
        : undefined;
      return db
        .select(summaryColumns)
        .from(collections)
        .where(and(eq(collections.workspaceId, workspaceId), cursor))
        .orderBy(asc(collections.createdAt), asc(collections.id))
        .limit(limit);
    },
    async update(id, compute) {
      return db.transaction(async (tx) => {
        const [current] = await tx.select().from(collections).where(eq(collections.id, id)).for('update');
        if (!current) return undefined;
        const next = compute(current);
        const revision = current.revision + 1;
        const [row] = await tx
          .update(collections)
          .set({
            name: next.name,
            document: next.document,
            itemIds: next.itemIds,
            requestCount: next.requestCount,
            revision,
            updatedAt: next.now,
          })
          .where(eq(collections.id, id))
          .returning();
        await tx.insert(collectionChanges).values({ collectionId: id, revision, ...next.change, createdAt: next.now });
        return row!;
      });
    },
    async remove(id) {
      const deleted = await db.delete(collections).where(eq(collections.id, id)).returning({ id: collections.id });
      return deleted.length > 0;
    },
    async listChanges(collectionId, limit, beforeRevision) {
      return db
        .select()
        .from(collectionChanges)
        .where(
          and(
            eq(collectionChanges.collectionId, collectionId),
            beforeRevision === undefined ? undefined : lt(collectionChanges.revision, beforeRevision),
          ),
        )
        .orderBy(desc(collectionChanges.revision))
        .limit(limit);
    },
    async patchesUpTo(collectionId, revision) {
      const rows = await db
        .select({ revision: collectionChanges.revision, patch: collectionChanges.patch })
        .from(collectionChanges)
        .where(and(eq(collectionChanges.collectionId, collectionId), lte(collectionChanges.revision, revision)))
        .orderBy(asc(collectionChanges.revision));
      return rows.map((r) => ({ revision: r.revision, patch: r.patch as PatchOperation[] }));
    },
  };
}
