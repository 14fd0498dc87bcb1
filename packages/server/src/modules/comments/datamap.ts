import { byAccount, createdAt, personal, rowId, system } from '../../db/datamap/declare.ts';
import type { TableDeclaration } from '../../db/datamap/types.ts';
import { collectionComments } from './schema.ts';

export const declarations: TableDeclaration[] = [
  {
    table: collectionComments,
    description: 'A comment on a collection or one of its requests (P2); public ones stay, anonymized, after the author leaves (P13).',
    subjects: [byAccount('author_id', 'author', 'reattribute')],
    retention: { kind: 'content', describe: 'as long as the collection, until its author deletes it; stays anonymized when the author’s account is deleted' },
    columns: {
      id: rowId('comment'),
      collection_id: system('The collection.', 'system.reference'),
      item_id: system('The request it is about, if any.', 'system.reference'),
      author_id: personal('user.unique_id', 'Who wrote it.', ['collaboration'], 'contract'),
      body: personal('user.content.comment', 'The comment.', ['collaboration'], 'contract'),
      created_at: createdAt('comment'),
      updated_at: system('When it was last edited.', 'system.timestamp'),
    },
  },
];
