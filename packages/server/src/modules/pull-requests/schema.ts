import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { createdAt } from '../../db/columns.ts';
import { users } from '../accounts/schema.ts';
import { collections } from '../collections/schema.ts';

/** A request to merge a fork (`source`) back into the collection it was forked from (`target`). */
export const pullRequests = pgTable(
  'pull_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    sourceId: uuid('source_id')
      .notNull()
      .references(() => collections.id, { onDelete: 'cascade' }),
    targetId: uuid('target_id')
      .notNull()
      .references(() => collections.id, { onDelete: 'cascade' }),
    authorId: uuid('author_id').references(() => users.id, { onDelete: 'set null' }),
    title: text('title').notNull(),
    description: text('description'),
    status: text('status', { enum: ['open', 'merged', 'declined'] }).notNull().default('open'),
    // The parent's revision the merge produced.
    mergedRevision: integer('merged_revision'),
    closedBy: uuid('closed_by').references(() => users.id, { onDelete: 'set null' }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    index('pull_requests_target_id_idx').on(t.targetId, t.createdAt, t.id),
    index('pull_requests_source_id_idx').on(t.sourceId),
    check('pull_requests_status_check', sql`${t.status} in ('open', 'merged', 'declined')`),
  ],
);

export const pullRequestReviews = pgTable(
  'pull_request_reviews',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    pullRequestId: uuid('pull_request_id')
      .notNull()
      .references(() => pullRequests.id, { onDelete: 'cascade' }),
    reviewerId: uuid('reviewer_id').references(() => users.id, { onDelete: 'set null' }),
    decision: text('decision', { enum: ['approve', 'request_changes'] }).notNull(),
    comment: text('comment'),
    createdAt: createdAt(),
  },
  (t) => [
    index('pull_request_reviews_pr_idx').on(t.pullRequestId, t.createdAt),
    check('pull_request_reviews_decision_check', sql`${t.decision} in ('approve', 'request_changes')`),
  ],
);
