import { byAccount, createdAt, personal, rowId, system } from '../../db/datamap/declare.ts';
import type { TableDeclaration } from '../../db/datamap/types.ts';
import { mockCalls, mockServers } from './schema.ts';

/** Call log retention a mock gets unless its editors choose otherwise (1–90 days). */
export const DEFAULT_CALL_RETENTION_DAYS = 30;
export const MAX_CALL_RETENTION_DAYS = 90;

const call = (what: string) => personal('user.content.mock_call', what, ['provide_service'], 'contract');

export const declarations: TableDeclaration[] = [
  {
    table: mockServers,
    description: 'A hosted mock server of a workspace: which collection (and revision) and environment it serves, and who may call it.',
    // Workspace content: it stays with the workspace when its creator's account goes.
    subjects: [byAccount('created_by', 'creator', 'reattribute')],
    retention: { kind: 'content', describe: 'until an editor deletes it, or with its workspace or collection' },
    columns: {
      id: rowId('mock server'),
      workspace_id: system('The workspace it belongs to.', 'system.reference'),
      collection_id: system('The collection whose examples it serves.', 'system.reference'),
      collection_revision: system('The revision it is pinned to, if any.', 'system.configuration'),
      environment_id: system('The environment whose variables it uses.', 'system.reference'),
      name: system('Its name, as its editors wrote it.', 'system.configuration'),
      private: system('Whether callers need an API key.', 'system.configuration'),
      delay: system('Whether examples’ response times delay answers.', 'system.configuration'),
      enabled: system('Whether it answers at all.', 'system.configuration'),
      call_retention_days: system('How many days its call log is kept.', 'system.configuration'),
      created_by: personal('user.unique_id', 'Who created the mock.', ['collaboration'], 'legitimate_interest'),
      created_at: createdAt('mock server'),
      updated_at: system('When it was last changed.', 'system.timestamp'),
    },
  },
  {
    table: mockCalls,
    description:
      'One request a hosted mock answered (its call log, workspace content). No caller IP address is stored; Authorization, Cookie, X-Api-Key and Set-Cookie headers are removed and bodies cut at 16 KB.',
    subjects: [],
    retention: {
      kind: 'custom',
      job: 'mock-calls',
      describe: `for the period the mock’s editors chose (1 to ${MAX_CALL_RETENTION_DAYS} days; ${DEFAULT_CALL_RETENTION_DAYS} by default), or until they clear the log`,
    },
    columns: {
      id: rowId('call'),
      mock_id: system('The mock that answered.', 'system.reference'),
      method: call('The request’s method.'),
      path: call('The path and query the caller sent.'),
      status: system('The status code answered.'),
      example: system('The saved example served, if one matched.'),
      duration_ms: system('How long the answer took.'),
      request_headers: call('The request’s headers, without credentials or cookies.'),
      request_body: call('The request’s body, at most 16 KB.'),
      response_headers: system('The headers answered.'),
      response_body: system('The body answered, at most 16 KB.'),
      created_at: createdAt('call'),
    },
  },
];
