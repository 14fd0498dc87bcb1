import { byAccount, createdAt, personal, rowId, system } from '../../db/datamap/declare.ts';
import type { TableDeclaration } from '../../db/datamap/types.ts';
import { collectionChanges, collections } from './schema.ts';

const content = { kind: 'content', describe: 'as long as the workspace holding it, until deleted; shared content stays when its author leaves' } as const;

export const declarations: TableDeclaration[] = [
  {
    table: collections,
    description: 'A Postman collection: requests, scripts and variables (P2).',
    subjects: [byAccount('created_by', 'author', 'reattribute')],
    retention: content,
    columns: {
      id: rowId('collection'),
      workspace_id: system('The workspace holding it.', 'system.reference'),
      name: personal('user.content.collection', 'The collection’s name.', ['provide_service', 'collaboration'], 'contract'),
      document: personal('user.content.collection', 'The collection as written (secret variables encrypted).', ['provide_service', 'collaboration'], 'contract'),
      item_ids: system('Stable ids of the collection’s items.', 'system.index'),
      request_count: system('How many requests it holds.'),
      revision: system('Its revision number.', 'system.version'),
      forked_from_id: system('The collection it was forked from.', 'system.reference'),
      fork_label: personal('user.content.collection', 'The fork’s label.', ['provide_service', 'collaboration'], 'contract'),
      fork_revision: system('The parent’s revision when forked.', 'system.version'),
      fork_document: personal('user.content.collection', 'The parent’s collection when forked.', ['provide_service', 'collaboration'], 'contract'),
      created_by: personal('user.unique_id', 'Who created it.', ['collaboration'], 'contract'),
      created_at: createdAt('collection'),
      updated_at: system('When it last changed.', 'system.timestamp'),
    },
  },
  {
    table: collectionChanges,
    description: 'One recorded change to a collection: who, when and what (P2).',
    subjects: [byAccount('actor_id', 'author', 'reattribute')],
    retention: content,
    columns: {
      id: rowId('change'),
      collection_id: system('The collection.', 'system.reference'),
      revision: system('The revision the change made.', 'system.version'),
      actor_id: personal('user.unique_id', 'Who made the change.', ['collaboration'], 'contract'),
      kind: system('What kind of change it was.'),
      summary: personal('user.content.collection', 'A summary of the change.', ['collaboration'], 'contract'),
      patch: personal('user.content.collection', 'The change itself.', ['provide_service', 'collaboration'], 'contract'),
      created_at: createdAt('change'),
    },
  },
];
