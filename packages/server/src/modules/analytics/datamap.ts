import { createdAt, personal, rowId, system } from '../../db/datamap/declare.ts';
import type { TableDeclaration } from '../../db/datamap/types.ts';
import { analyticsEvents, errorReports } from './schema.ts';
import { RETENTION_DAYS } from './service.ts';

export const declarations: TableDeclaration[] = [
  {
    table: analyticsEvents,
    description: 'A pseudonymous page view or feature use, with Performance consent only (P5).',
    // No account, session or cookie id: no row can be found for a person.
    subjects: [],
    // Each type for its own period (RETENTION_DAYS), by retention/tasks.ts's 'analytics' task.
    retention: {
      kind: 'custom',
      job: 'analytics',
      describe: `${RETENTION_DAYS.page_view} days for page views, ${RETENTION_DAYS.feature_used} days for feature use`,
    },
    columns: {
      id: rowId('event'),
      type: system('Page view or feature use.', 'system.configuration'),
      name: personal('user.behavior.usage', 'The page (ids removed) or feature used.', ['analytics'], 'consent'),
      occurred_at: personal('user.behavior.usage', 'When.', ['analytics'], 'consent'),
      network: personal('user.device.ip_address', 'The network (/24 or /48) it came from.', ['analytics'], 'consent'),
    },
  },
  {
    table: errorReports,
    description: 'An error the web app hit, scrubbed of personal data, until the person objects (P5).',
    subjects: [],
    retention: { kind: 'age', column: 'created_at', days: RETENTION_DAYS.error_report, describe: `${RETENTION_DAYS.error_report} days` },
    columns: {
      id: rowId('report'),
      message: personal('user.device.error_report', 'The error message (scrubbed).', ['analytics'], 'legitimate_interest'),
      stack: personal('user.device.error_report', 'Where in the code it happened (scrubbed).', ['analytics'], 'legitimate_interest'),
      path: personal('user.device.error_report', 'The page, ids removed.', ['analytics'], 'legitimate_interest'),
      created_at: createdAt('report'),
    },
  },
];
