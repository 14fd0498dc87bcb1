import { and, asc, desc, eq, gt, isNull, lt, or } from 'drizzle-orm';
import type { Database } from '../../db/database.ts';
import { collectionComments } from './schema.ts';

export type CommentRecord = typeof collectionComments.$inferSelect;

export interface CommentStore {
  create(comment: { collectionId: string; itemId: string | null; authorId: string; body: string; now: Date }): Promise<CommentRecord>;
  find(id: string): Promise<CommentRecord | undefined>;
  /** Oldest first; `itemId` undefined: all, null: on the collection itself, else on that item. */
  list(collectionId: string, itemId: string | null | undefined, limit: number, after?: [string, string]): Promise<CommentRecord[]>;
  updateBody(id: string, body: string, now: Date): Promise<CommentRecord | undefined>;
  remove(id: string): Promise<void>;
  /** One person's comments anywhere, newest first (P24: find and delete them). */
  listByAuthor(authorId: string, limit: number, before?: [string, string]): Promise<CommentRecord[]>;
}

export function createCommentStore(db: Database): CommentStore {
  return {
    async create(c) {
      const [row] = await db
        .insert(collectionComments)
        .values({ collectionId: c.collectionId, itemId: c.itemId, authorId: c.authorId, body: c.body, createdAt: c.now })
        .returning();
      return row!;
    },
    async find(id) {
      const [row] = await db.select().from(collectionComments).where(eq(collectionComments.id, id)).limit(1);
      return row;
    },
    async list(collectionId, itemId, limit, after) {
      const cursor = after
        ? or(gt(collectionComments.createdAt, new Date(after[0])), and(eq(collectionComments.createdAt, new Date(after[0])), gt(collectionComments.id, after[1])))
        : undefined;
      const onItem = itemId === undefined ? undefined : itemId === null ? isNull(collectionComments.itemId) : eq(collectionComments.itemId, itemId);
      return db
        .select()
        .from(collectionComments)
        .where(and(eq(collectionComments.collectionId, collectionId), onItem, cursor))
        .orderBy(asc(collectionComments.createdAt), asc(collectionComments.id))
        .limit(limit);
    },
    async updateBody(id, body, now) {
      const [row] = await db.update(collectionComments).set({ body, updatedAt: now }).where(eq(collectionComments.id, id)).returning();
      return row;
    },
    async remove(id) {
      await db.delete(collectionComments).where(eq(collectionComments.id, id));
    },
    async listByAuthor(authorId, limit, before) {
      const cursor = before
        ? or(lt(collectionComments.createdAt, new Date(before[0])), and(eq(collectionComments.createdAt, new Date(before[0])), lt(collectionComments.id, before[1])))
        : undefined;
      return db
        .select()
        .from(collectionComments)
        .where(and(eq(collectionComments.authorId, authorId), cursor))
        .orderBy(desc(collectionComments.createdAt), desc(collectionComments.id))
        .limit(limit);
    },
  };
}
