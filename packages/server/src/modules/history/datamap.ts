import { byAccount, personal, rowId, system } from '../../db/datamap/declare.ts';
import type { TableDeclaration } from '../../db/datamap/types.ts';
import { DEFAULT_HISTORY_RETENTION_DAYS } from './retention.ts';
import { requestHistory } from './schema.ts';

const sent = (what: string) => personal('user.behavior.browsing_history', what, ['provide_service'], 'contract');

export const declarations: TableDeclaration[] = [
  {
    table: requestHistory,
    description: 'A request the person sent through Postern and what came back (P2).',
    subjects: [byAccount('user_id', 'owner', 'delete')],
    retention: {
      kind: 'custom',
      job: 'history',
      describe: `for the period you choose (none, 1, 7, 30, 90 or 365 days; ${DEFAULT_HISTORY_RETENTION_DAYS} by default), at most 1,000 requests`,
    },
    columns: {
      id: rowId('entry'),
      user_id: personal('user.unique_id', 'Who sent the request.', ['provide_service'], 'contract'),
      workspace_id: system('The workspace it was sent from.', 'system.reference'),
      collection_id: system('The collection it came from.', 'system.reference'),
      item_id: system('The collection item it came from.', 'system.reference'),
      method: sent('The request’s method.'),
      url: sent('The request’s URL.'),
      request: sent('The request as written (variables unresolved).'),
      body_omitted: system('Whether the body was too large to keep.'),
      status: sent('The response’s status code.'),
      error_code: sent('Why no response came, if none did.'),
      duration_ms: sent('How long the request took.'),
      response_size: sent('The response’s size.'),
      created_at: sent('When the request was sent.'),
    },
  },
];
