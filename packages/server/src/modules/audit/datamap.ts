import { byAccount, personal, rowId, system } from '../../db/datamap/declare.ts';
import type { TableDeclaration } from '../../db/datamap/types.ts';
import { auditEvents } from './schema.ts';

/** How long audit events are kept (P18, P19): a year plus a margin for yearly reviews. */
export const AUDIT_RETENTION_DAYS = 400;

export const declarations: TableDeclaration[] = [
  {
    table: auditEvents,
    description: 'A security- or privacy-relevant event (P18): who did what to which record; never an email, name or address.',
    // An event about an account (target_type 'account') names it in target_id; erasure clears both.
    subjects: [byAccount('actor_id', 'actor', 'reattribute'), byAccount('target_id', 'subject', 'reattribute')],
    retention: { kind: 'age', column: 'occurred_at', days: AUDIT_RETENTION_DAYS, describe: `${AUDIT_RETENTION_DAYS} days; after an account is deleted its events read “Deleted user”` },
    columns: {
      id: rowId('event'),
      occurred_at: system('When it happened.', 'system.timestamp'),
      actor_id: personal('user.unique_id', 'Who did it.', ['security', 'legal_compliance'], 'legitimate_interest'),
      action: system('What was done (a code).', 'system.audit'),
      target_type: system('What kind of record it was done to.', 'system.audit'),
      target_id: personal('user.unique_id', 'Which record; an account id when the event is about an account.', ['security', 'legal_compliance'], 'legitimate_interest'),
      details: system('Ids, counts and codes about it.', 'system.audit'),
      team_id: system('The team whose admins may read the event.', 'system.audit'),
    },
  },
];
