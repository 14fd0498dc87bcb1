import { byAccount, createdAt, personal, rowId, system } from '../../db/datamap/declare.ts';
import type { TableDeclaration } from '../../db/datamap/types.ts';
import { pullRequestReviews, pullRequests } from './schema.ts';

const content = { kind: 'content', describe: 'as long as the collections it belongs to; stays, reattributed, when its author leaves' } as const;
const text = (what: string) => personal('user.content.pull_request', what, ['collaboration'], 'contract');
const actor = (what: string) => personal('user.unique_id', what, ['collaboration'], 'contract');

export const declarations: TableDeclaration[] = [
  {
    table: pullRequests,
    description: 'A request to merge a fork back into its parent collection.',
    subjects: [byAccount('author_id', 'author', 'reattribute'), byAccount('closed_by', 'closer', 'reattribute')],
    retention: content,
    columns: {
      id: rowId('pull request'),
      source_id: system('The fork.', 'system.reference'),
      target_id: system('The parent collection.', 'system.reference'),
      author_id: actor('Who opened it.'),
      title: text('Its title.'),
      description: text('Its description.'),
      status: system('Open, merged or declined.'),
      merged_revision: system('The parent’s revision the merge produced.', 'system.version'),
      closed_by: actor('Who merged or declined it.'),
      closed_at: system('When it was merged or declined.', 'system.timestamp'),
      created_at: createdAt('pull request'),
    },
  },
  {
    table: pullRequestReviews,
    description: 'A review of a pull request.',
    subjects: [byAccount('reviewer_id', 'reviewer', 'reattribute')],
    retention: content,
    columns: {
      id: rowId('review'),
      pull_request_id: system('The pull request.', 'system.reference'),
      reviewer_id: actor('Who reviewed it.'),
      decision: text('Approve or request changes.'),
      comment: text('The reviewer’s comment.'),
      created_at: createdAt('review'),
    },
  },
];
