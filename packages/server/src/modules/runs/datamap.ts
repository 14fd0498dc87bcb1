import { byAccount, personal, rowId, system } from '../../db/datamap/declare.ts';
import type { TableDeclaration } from '../../db/datamap/types.ts';
import { collectionRuns } from './schema.ts';

const run = (what: string) => personal('user.content.run', what, ['provide_service'], 'contract');

export const declarations: TableDeclaration[] = [
  {
    table: collectionRuns,
    description: 'A collection run started from the web app or the API, with its results (P2).',
    subjects: [byAccount('user_id', 'runner', 'delete')],
    retention: { kind: 'content', describe: 'as long as the collection; deleted with it or with the account of whoever ran it' },
    columns: {
      id: rowId('run'),
      collection_id: system('The collection run.', 'system.reference'),
      user_id: personal('user.unique_id', 'Who started the run.', ['provide_service'], 'contract'),
      status: system('Queued, running, finished, cancelled or failed.'),
      options: run('The run’s options (iterations, environment, delays).'),
      summary: run('Progress and counts.'),
      results: run('Each request’s outcome (no bodies or headers).'),
      reports: run('The JSON, JUnit and HTML reports.'),
      created_at: run('When the run was started.'),
      started_at: system('When it began running.', 'system.timestamp'),
      finished_at: system('When it ended.', 'system.timestamp'),
    },
  },
];
