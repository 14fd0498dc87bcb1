import { byAccount, createdAt, personal, rowId, system, withAccount } from '../../db/datamap/declare.ts';
import type { TableDeclaration } from '../../db/datamap/types.ts';
import { policyAcknowledgements, policyVersions } from './schema.ts';

export const declarations: TableDeclaration[] = [
  {
    table: policyVersions,
    description: 'A version of the privacy policy, cookie policy or terms (P28).',
    subjects: [byAccount('published_by', 'publisher', 'reattribute')],
    retention: { kind: 'content', describe: 'permanently: every published version stays readable in the archive' },
    columns: {
      id: rowId('version'),
      kind: system('Which policy.', 'system.content'),
      version: system('The version number.', 'system.version'),
      title: system('The title.', 'system.content'),
      body: system('The text.', 'system.content'),
      effective_at: system('When it takes effect.', 'system.timestamp'),
      published_at: system('When it was published.', 'system.timestamp'),
      significant: system('Whether it is announced and acknowledged.', 'system.content'),
      key_changes: system('Its key changes.', 'system.content'),
      published_by: personal('user.unique_id', 'The operator who published it.', ['legal_compliance'], 'legitimate_interest'),
      created_at: createdAt('version'),
      announced_count: system('How many accounts were emailed about it.'),
      announcement_finished_at: system('When the announcement finished.', 'system.timestamp'),
    },
  },
  {
    table: policyAcknowledgements,
    description: 'A person’s acknowledgement of a significant policy change (P28).',
    subjects: [byAccount('user_id', 'owner', 'delete')],
    retention: withAccount('Acknowledgements'),
    columns: {
      user_id: personal('user.unique_id', 'Who acknowledged.', ['legal_compliance'], 'legal_obligation'),
      kind: system('Which policy.', 'system.content'),
      version: system('Which version.', 'system.version'),
      acknowledged_at: personal('user.consent', 'When you acknowledged a significant policy change.', ['legal_compliance'], 'legal_obligation'),
    },
  },
];
