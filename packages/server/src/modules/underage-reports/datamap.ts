import { byAccount, createdAt, personal, rowId, system } from '../../db/datamap/declare.ts';
import { ACCOUNT_GRACE_DAYS } from '../../db/datamap/declare.ts';
import type { TableDeclaration } from '../../db/datamap/types.ts';
import { underageReports } from './schema.ts';

export const declarations: TableDeclaration[] = [
  {
    table: underageReports,
    description: 'A report that an account belongs to a child (P7).',
    subjects: [byAccount('account_id', 'reported', 'delete'), byAccount('reporter_id', 'reporter', 'reattribute'), byAccount('reviewed_by', 'reviewer', 'reattribute')],
    retention: { kind: 'account', graceDays: ACCOUNT_GRACE_DAYS, describe: 'as long as the reported account; deleted with it' },
    columns: {
      id: rowId('report'),
      account_id: personal('user.unique_id', 'The account reported.', ['legal_compliance'], 'legal_obligation'),
      reporter_id: personal('user.unique_id', 'Who reported it, when signed in.', ['legal_compliance'], 'legal_obligation'),
      // Of the reporter, only their network; it goes when their account does.
      reporter_network: personal('user.device.ip_address', 'The network (/24 or /48) the report came from.', ['security'], 'legitimate_interest', { erasure: 'null' }),
      note: personal('user.content.report', 'What the reporter wrote.', ['legal_compliance'], 'legal_obligation'),
      status: system('Open, confirmed or dismissed.'),
      created_at: createdAt('report'),
      reviewed_at: system('When an operator decided.', 'system.timestamp'),
      reviewed_by: personal('user.unique_id', 'The operator who decided.', ['legal_compliance'], 'legal_obligation'),
    },
  },
];
