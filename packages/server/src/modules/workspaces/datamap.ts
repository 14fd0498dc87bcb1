import { createdAt, personal, rowId, system } from '../../db/datamap/declare.ts';
import type { TableDeclaration } from '../../db/datamap/types.ts';
import { workspaceGrants, workspaces } from './schema.ts';

export const declarations: TableDeclaration[] = [
  {
    table: workspaces,
    description: 'A workspace holding collections and environments (P2, P10).',
    subjects: [
      // A personal or private workspace goes with its owner. A team workspace also has an owner
      // (its creator; workspaces/service.ts create()), and it stays with the team; a public one
      // stays anonymized (P13). Both are reattributed instead.
      {
        column: 'owner_id',
        by: 'account',
        role: 'owner',
        onErase: 'delete',
        reattributeWhen: [
          { column: 'team_id', isNotNull: true },
          { column: 'kind', equals: 'public' },
        ],
      },
    ],
    retention: { kind: 'content', describe: 'until its owner or team deletes it; a personal or private workspace is deleted with its owner’s account' },
    columns: {
      id: rowId('workspace'),
      name: personal('user.content.workspace', 'The workspace’s name.', ['provide_service', 'collaboration'], 'contract'),
      description: personal('user.content.workspace', 'The workspace’s description.', ['provide_service', 'collaboration'], 'contract'),
      kind: system('Who may see it: personal, private, team or public.', 'system.configuration'),
      owner_id: personal('user.unique_id', 'The account that owns (or created) the workspace.', ['provide_service', 'collaboration'], 'contract'),
      team_id: system('The team it belongs to, if any.', 'system.reference'),
      team_role: system('The role every member of its team has.', 'system.configuration'),
      created_at: createdAt('workspace'),
    },
  },
  {
    table: workspaceGrants,
    description: 'A role on one workspace given to one person or to a team (P10).',
    subjects: [{ column: 'user_id', by: 'account', role: 'grantee', onErase: 'delete' }],
    retention: { kind: 'content', describe: 'until the access is removed or the workspace deleted' },
    columns: {
      id: rowId('grant'),
      workspace_id: system('The workspace.', 'system.reference'),
      user_id: personal('user.unique_id', 'The person given access.', ['collaboration'], 'contract'),
      team_id: system('The team given access.', 'system.reference'),
      role: personal('user.collaboration.role', 'The role given.', ['collaboration'], 'contract'),
      created_at: createdAt('grant'),
    },
  },
];
