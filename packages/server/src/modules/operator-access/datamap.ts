import { byAccount, createdAt, personal, rowId, system } from '../../db/datamap/declare.ts';
import type { TableDeclaration } from '../../db/datamap/types.ts';
import { operatorAccessGrants, operatorAccessReads } from './schema.ts';

// Kept two years past the time box (TRANSPARENCY_LOG_RETENTION_DAYS in service.ts): long enough for
// an owner to question an access and for a regulator's enquiry; the audit log keeps the events.
const TWO_YEARS = 730;

export const declarations: TableDeclaration[] = [
  {
    table: operatorAccessGrants,
    description: "The operator's time-boxed, read-only access to one workspace, with its recorded reason (P16).",
    subjects: [
      byAccount('operator_id', 'operator', 'reattribute'),
      byAccount('consented_by', 'consenting owner', 'reattribute'),
      byAccount('ended_by', 'who ended it', 'reattribute'),
    ],
    retention: { kind: 'expiry', column: 'expires_at', graceDays: TWO_YEARS, describe: 'two years after the access ended (the access transparency log)' },
    columns: {
      id: rowId('grant'),
      workspace_id: system('The workspace opened.', 'system.reference'),
      operator_id: personal('user.unique_id', 'The operator given access.', ['legal_compliance', 'security'], 'legal_obligation'),
      reason: system('The recorded reason, from a fixed list.', 'system.configuration'),
      ticket_ref: system('The support ticket in which the owner asked for help.', 'system.reference'),
      justification: personal('user.content.justification', 'Why the operator needed access, in their words.', ['legal_compliance', 'security'], 'legal_obligation', {
        mentions: true,
      }),
      hours: system('The time box asked for, in hours.', 'system.configuration'),
      created_at: createdAt('grant'),
      starts_at: system('When access started (after consent, for owner_consent).', 'system.timestamp'),
      expires_at: system('When access lapses.', 'system.timestamp'),
      consented_at: system('When the owner agreed.', 'system.timestamp'),
      consented_by: personal('user.unique_id', 'The admin of the workspace who agreed.', ['legal_compliance'], 'legal_obligation'),
      ended_at: system('When access was ended early or declined.', 'system.timestamp'),
      ended_by: personal('user.unique_id', 'Who ended or declined it.', ['legal_compliance'], 'legal_obligation'),
      ended_how: system('Ended early, or declined by the owner.', 'system.configuration'),
    },
  },
  {
    table: operatorAccessReads,
    description: 'One read of workspace content by the operator under a grant: the access transparency log (P16).',
    subjects: [byAccount('operator_id', 'operator', 'reattribute')],
    retention: { kind: 'age', column: 'at', days: TWO_YEARS, describe: 'two years after the read (the access transparency log)' },
    columns: {
      id: rowId('read'),
      grant_id: system('The grant it was made under.', 'system.reference'),
      workspace_id: system('The workspace read.', 'system.reference'),
      operator_id: personal('user.unique_id', 'The operator who read.', ['legal_compliance', 'security'], 'legal_obligation'),
      at: system('When.', 'system.timestamp'),
      method: system('The HTTP method.', 'system.operations'),
      route: system('The API route read.', 'system.operations'),
      path: system('The path read; its ids name the item.', 'system.operations'),
    },
  },
];
