import { byAccount, createdAt, personal, rowId, system } from '../../db/datamap/declare.ts';
import type { TableDeclaration } from '../../db/datamap/types.ts';
import { environmentChanges, environments, globalsChanges, workspaceGlobals } from './schema.ts';

const content = { kind: 'content', describe: 'as long as the workspace holding it, until deleted; shared content stays when its author leaves' } as const;
const document = (what: string) => personal('user.content.environment', what, ['provide_service', 'collaboration'], 'contract');
const actor = (what: string) => personal('user.unique_id', what, ['collaboration'], 'contract');

export const declarations: TableDeclaration[] = [
  {
    table: environments,
    description: 'A Postman environment: a named set of variables (P2).',
    subjects: [byAccount('created_by', 'author', 'reattribute'), byAccount('updated_by', 'editor', 'reattribute')],
    retention: content,
    columns: {
      id: rowId('environment'),
      workspace_id: system('The workspace holding it.', 'system.reference'),
      name: document('The environment’s name.'),
      document: document('The environment as written (secret values encrypted).'),
      revision: system('Its revision number.', 'system.version'),
      created_by: actor('Who created it.'),
      updated_by: actor('Who last changed it.'),
      created_at: createdAt('environment'),
      updated_at: system('When it last changed.', 'system.timestamp'),
    },
  },
  {
    table: workspaceGlobals,
    description: 'A workspace’s global variables (P2).',
    subjects: [byAccount('updated_by', 'editor', 'reattribute')],
    retention: content,
    columns: {
      workspace_id: system('The workspace.', 'system.reference'),
      document: document('The variables (secret values encrypted).'),
      revision: system('Its revision number.', 'system.version'),
      updated_by: actor('Who last changed them.'),
      updated_at: system('When they last changed.', 'system.timestamp'),
    },
  },
  {
    table: environmentChanges,
    description: 'One recorded change to an environment (P2).',
    subjects: [byAccount('actor_id', 'author', 'reattribute')],
    retention: content,
    columns: {
      id: rowId('change'),
      environment_id: system('The environment.', 'system.reference'),
      revision: system('The revision the change made.', 'system.version'),
      actor_id: actor('Who made the change.'),
      summary: document('A summary of the change.'),
      patch: document('The change itself.'),
      created_at: createdAt('change'),
    },
  },
  {
    table: globalsChanges,
    description: 'One recorded change to a workspace’s globals (P2).',
    subjects: [byAccount('actor_id', 'author', 'reattribute')],
    retention: content,
    columns: {
      id: rowId('change'),
      workspace_id: system('The workspace.', 'system.reference'),
      revision: system('The revision the change made.', 'system.version'),
      actor_id: actor('Who made the change.'),
      summary: document('A summary of the change.'),
      patch: document('The change itself.'),
      created_at: createdAt('change'),
    },
  },
];
