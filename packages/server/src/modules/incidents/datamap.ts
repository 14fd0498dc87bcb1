import { byAccount, personal, rowId, system } from '../../db/datamap/declare.ts';
import type { TableDeclaration } from '../../db/datamap/types.ts';
import { AUDIT_RETENTION_DAYS } from '../audit/datamap.ts';
import { securityIncidents } from './schema.ts';

export const declarations: TableDeclaration[] = [
  {
    table: securityIncidents,
    description: 'A security incident a team owner opened to look at members’ usage and device data (P15).',
    // The team keeps the record of why it looked; a deleted opener reads as "Deleted user".
    subjects: [byAccount('opened_by', 'opener', 'reattribute'), byAccount('closed_by', 'closer', 'reattribute')],
    // As long as the audit events that record what was viewed under it.
    retention: { kind: 'age', column: 'opened_at', days: AUDIT_RETENTION_DAYS, describe: `${AUDIT_RETENTION_DAYS} days after it was opened, like the audit log` },
    columns: {
      id: rowId('incident'),
      team_id: system('The team the incident is about.', 'system.reference'),
      title: personal('user.content.incident', 'The incident’s title.', ['security'], 'legitimate_interest', { mentions: true }),
      justification: personal('user.content.incident', 'Why the owner needs to look; may name people.', ['security'], 'legitimate_interest', { mentions: true }),
      opened_by: personal('user.unique_id', 'The owner who opened it.', ['security'], 'legitimate_interest'),
      opened_at: system('When it was opened.', 'system.timestamp'),
      closed_by: personal('user.unique_id', 'Who closed it.', ['security'], 'legitimate_interest'),
      closed_at: system('When it was closed; access ended then.', 'system.timestamp'),
    },
  },
];
