import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { createdAt } from '../../db/columns.ts';
import { users } from '../accounts/schema.ts';
import { collections } from '../collections/schema.ts';

/** Comments on a collection, or on one of its items when `itemId` (a stable item id) is set. */
export const collectionComments = pgTable(
  'collection_comments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    collectionId: uuid('collection_id')
      .notNull()
      .references(() => collections.id, { onDelete: 'cascade' }),
    itemId: text('item_id'),
    // Null once the author's account is erased; the comment stays, anonymized.
    authorId: uuid('author_id').references(() => users.id, { onDelete: 'set null' }),
    body: text('body').notNull(),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }),
  },
  (t) => [index('collection_comments_collection_idx').on(t.collectionId, t.createdAt, t.id)],
);
