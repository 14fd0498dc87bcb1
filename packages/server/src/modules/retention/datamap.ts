import { byAccount, personal } from '../../db/datamap/declare.ts';
import type { TableDeclaration } from '../../db/datamap/types.ts';
import { accountActivity } from './schema.ts';
import { MARKETING_INACTIVITY_MONTHS } from './tasks.ts';

export const declarations: TableDeclaration[] = [
  {
    table: accountActivity,
    description: `When an account opted in to product news was last used, so that the opt-in lapses after ${MARKETING_INACTIVITY_MONTHS} months without activity (P19).`,
    subjects: [byAccount('user_id', 'owner', 'delete')],
    retention: {
      kind: 'custom',
      job: 'marketing-activity',
      describe: 'while the account is opted in to product news; deleted when the opt-in ends or lapses',
    },
    columns: {
      user_id: personal('user.unique_id', 'The account.', ['communications'], 'legitimate_interest'),
      last_active_at: personal('user.behavior.activity', 'When a session or API key of the account was last used.', ['communications'], 'legitimate_interest'),
    },
  },
];
