import { byAccount, personal, rowId, system } from '../../db/datamap/declare.ts';
import type { TableDeclaration } from '../../db/datamap/types.ts';
import { REMOVED_FINDING_RETENTION_DAYS } from './service.ts';
import { secretFindings, secretScans } from './schema.ts';

const content = (what: string) => personal('user.content.secret_finding', what, ['provide_service', 'security'], 'contract');

export const declarations: TableDeclaration[] = [
  {
    table: secretFindings,
    description: 'A secret found in a collection, environment or globals (P17): where, which rule, masked and hashed only.',
    // Findings are workspace content; the person who changed a state is reattributed on erasure.
    subjects: [byAccount('state_changed_by', 'reviewer', 'reattribute')],
    retention: {
      kind: 'age',
      column: 'removed_at',
      days: REMOVED_FINDING_RETENTION_DAYS,
      describe: `as long as the value stays in the workspace; ${REMOVED_FINDING_RETENTION_DAYS} days after it was removed`,
    },
    columns: {
      id: rowId('finding'),
      workspace_id: system('The workspace holding the content.', 'system.reference'),
      item_kind: system('Collection, environment or globals.', 'system.reference'),
      item_id: system('The collection or environment (or the workspace, for globals).', 'system.reference'),
      json_path: content('Where in the document the value sits.'),
      target: content('The request or variable it belongs to.'),
      line: system('The line within the value.', 'system.reference'),
      rule_id: system('The rule that matched.', 'system.configuration'),
      masked: content('A masked preview: a few leading characters and the length, never the value.'),
      value_sha256: system('SHA-256 of the value, to recognise it again without keeping it.', 'system.hash', false),
      state: system('Active, false positive, revoked or accepted risk.', 'system.status'),
      state_note: personal('user.content.secret_finding', 'The note given with the last state change.', ['security', 'collaboration'], 'contract', {
        erasure: 'null',
        mentions: true,
      }),
      state_changed_by: personal('user.unique_id', 'Who last changed the state.', ['security', 'collaboration'], 'contract'),
      state_changed_at: system('When the state last changed.', 'system.timestamp'),
      first_seen_at: system('When the value was first found.', 'system.timestamp'),
      last_seen_at: system('When a scan last found it.', 'system.timestamp'),
      removed_at: system('When the value disappeared from the content.', 'system.timestamp'),
    },
  },
  {
    table: secretScans,
    description: 'Progress of the latest full secret re-scan of a workspace (P17).',
    subjects: [],
    retention: { kind: 'content', describe: 'as long as the workspace' },
    columns: {
      workspace_id: system('The workspace.', 'system.reference'),
      status: system('Queued, running, done or failed.', 'system.status'),
      trigger: system('The daily schedule or a request.', 'system.status'),
      items_total: system('Items to scan.', 'system.operations'),
      items_done: system('Items scanned so far.', 'system.operations'),
      new_findings: system('Findings the run added.', 'system.operations'),
      queued_at: system('When it was queued.', 'system.timestamp'),
      started_at: system('When it started.', 'system.timestamp'),
      finished_at: system('When it finished.', 'system.timestamp'),
      error: system('Why it failed, if it did.', 'system.operations'),
    },
  },
];
