import { byAccount, personal, rowId, system } from '../../db/datamap/declare.ts';
import type { TableDeclaration } from '../../db/datamap/types.ts';
import { consentRecords } from './schema.ts';

/** Consent records prove what a person agreed to; they are kept three years (P20). */
export const CONSENT_RECORD_RETENTION_DAYS = 3 * 365;

const proof = (what: string) => personal('user.consent', what, ['legal_compliance'], 'legal_obligation');

export const declarations: TableDeclaration[] = [
  {
    table: consentRecords,
    description: 'A cookie and tracking decision, kept as proof of consent (P20, P27).',
    subjects: [byAccount('account_id', 'owner', 'delete')],
    retention: { kind: 'age', column: 'created_at', days: CONSENT_RECORD_RETENTION_DAYS, describe: '3 years, as proof of consent; an account’s records go with the account' },
    columns: {
      id: rowId('record'),
      choices: proof('The choices made per cookie category.'),
      policy_revision: system('The cookie policy revision in force.', 'system.version'),
      method: proof('How the choice was made (banner, preference centre, GPC signal, API).'),
      gpc: proof('Whether the browser sent Global Privacy Control.'),
      account_id: personal('user.unique_id', 'The account signed in on the browser, if any.', ['legal_compliance'], 'legal_obligation'),
      ip_hmac: personal('user.device.ip_address', 'Keyed hash of the IP address.', ['legal_compliance'], 'legal_obligation', { export: false }),
      user_agent_family: personal('user.device.user_agent', 'The browser family.', ['legal_compliance'], 'legal_obligation'),
      created_at: proof('When the choice was made.'),
    },
  },
];
