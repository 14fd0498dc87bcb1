import { byAccount, personal, system, withAccount } from '../../db/datamap/declare.ts';
import type { TableDeclaration } from '../../db/datamap/types.ts';
import { dataRestrictions } from './schema.ts';

const restriction = (what: string) => personal('user.preferences.restriction', what, ['legal_compliance'], 'legal_obligation');

export const declarations: TableDeclaration[] = [
  {
    table: dataRestrictions,
    description: 'Uses of their data a person has stopped, and restriction of all processing while a request is disputed (P25).',
    subjects: [byAccount('user_id', 'owner', 'delete')],
    retention: withAccount('Restrictions'),
    columns: {
      user_id: personal('user.unique_id', 'The account.', ['legal_compliance'], 'legal_obligation'),
      marketing: restriction('No marketing.'),
      analytics: restriction('No usage analytics.'),
      personalisation: restriction('No personalisation.'),
      processing_restricted: restriction('Every non-essential use stopped (by you, or by staff while a request is disputed).'),
      processing_restricted_by: restriction('Whether you or staff restricted processing.'),
      processing_restricted_reason: restriction('Why processing is restricted.'),
      processing_restricted_since: restriction('Since when processing is restricted.'),
      processing_restricted_request_id: system('The disputed privacy request, when staff restricted processing.', 'system.reference'),
      updated_at: system('When the restrictions last changed.', 'system.timestamp'),
    },
  },
];
