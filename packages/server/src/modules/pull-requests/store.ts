import { and, asc, desc, eq, lt, or } from 'drizzle-orm';
import type { Database } from '../../db/database.ts';
import { pullRequestReviews, pullRequests } from './schema.ts';

export type PullRequestRecord = typeof pullRequests.$inferSelect;
export type ReviewRecord = typeof pullRequestReviews.$inferSelect;

export interface PullRequestStore {
  create(pr: { sourceId: string; targetId: string; authorId: string; title: string; description: string | null; now: Date }): Promise<PullRequestRecord>;
  find(id: string): Promise<PullRequestRecord | undefined>;
  findOpenFrom(sourceId: string): Promise<PullRequestRecord | undefined>;
  /** Pull requests into the collection, newest first. */
  listByTarget(targetId: string, limit: number, before?: [string, string]): Promise<PullRequestRecord[]>;
  /** Closes an open pull request; undefined when it was no longer open. */
  close(id: string, close: { status: 'merged' | 'declined'; closedBy: string; now: Date; mergedRevision?: number }): Promise<PullRequestRecord | undefined>;
  addReview(review: { pullRequestId: string; reviewerId: string; decision: 'approve' | 'request_changes'; comment: string | null; now: Date }): Promise<ReviewRecord>;
  listReviews(pullRequestId: string): Promise<ReviewRecord[]>;
}

export function createPullRequestStore(db: Database): PullRequestStore {
  return {
    async create(pr) {
      const [row] = await db
        .insert(pullRequests)
        .values({ sourceId: pr.sourceId, targetId: pr.targetId, authorId: pr.authorId, title: pr.title, description: pr.description, createdAt: pr.now })
        .returning();
      return row!;
    },
    async find(id) {
      const [row] = await db.select().from(pullRequests).where(eq(pullRequests.id, id)).limit(1);
      return row;
    },
    async findOpenFrom(sourceId) {
      const [row] = await db
        .select()
        .from(pullRequests)
        .where(and(eq(pullRequests.sourceId, sourceId), eq(pullRequests.status, 'open')))
        .limit(1);
      return row;
    },
    async listByTarget(targetId, limit, before) {
      const cursor = before
        ? or(lt(pullRequests.createdAt, new Date(before[0])), and(eq(pullRequests.createdAt, new Date(before[0])), lt(pullRequests.id, before[1])))
        : undefined;
      return db
        .select()
        .from(pullRequests)
        .where(and(eq(pullRequests.targetId, targetId), cursor))
        .orderBy(desc(pullRequests.createdAt), desc(pullRequests.id))
        .limit(limit);
    },
    async close(id, close) {
      const [row] = await db
        .update(pullRequests)
        .set({ status: close.status, closedBy: close.closedBy, closedAt: close.now, mergedRevision: close.mergedRevision ?? null })
        .where(and(eq(pullRequests.id, id), eq(pullRequests.status, 'open')))
        .returning();
      return row;
    },
    async addReview(review) {
      const [row] = await db
        .insert(pullRequestReviews)
        .values({ pullRequestId: review.pullRequestId, reviewerId: review.reviewerId, decision: review.decision, comment: review.comment, createdAt: review.now })
        .returning();
      return row!;
    },
    async listReviews(pullRequestId) {
      return db.select().from(pullRequestReviews).where(eq(pullRequestReviews.pullRequestId, pullRequestId)).orderBy(asc(pullRequestReviews.createdAt), asc(pullRequestReviews.id));
    },
  };
}
