import { sql } from 'drizzle-orm';
import { check, index, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt } from '../../db/columns.ts';
import { users } from '../accounts/schema.ts';
import { teams } from '../teams/schema.ts';

export const workspaces = pgTable(
  'workspaces',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    description: text('description'),
    // Who may see it (P10, P13): personal and private ones only the owner and grantees; team ones
    // also the team's members; public ones anyone, signed in or not.
    kind: text('kind', { enum: ['personal', 'private', 'team', 'public'] }).notNull(),
    // Null once the owner's account is gone: public content survives it anonymized (P13).
    ownerId: uuid('owner_id').references(() => users.id, { onDelete: 'set null' }),
    // Set for team workspaces (and optionally public ones); a team with workspaces cannot be deleted.
    teamId: uuid('team_id').references(() => teams.id, { onDelete: 'restrict' }),
    // The role every member of `teamId` has without a grant.
    teamRole: text('team_role', { enum: ['viewer', 'editor', 'admin'] }).notNull().default('editor'),
    createdAt: createdAt(),
  },
  (t) => [
    index('workspaces_owner_id_idx').on(t.ownerId),
    index('workspaces_team_id_idx').on(t.teamId),
    // Every account has exactly one personal workspace.
    uniqueIndex('workspaces_one_personal_key').on(t.ownerId).where(sql`${t.kind} = 'personal'`),
    check('workspaces_kind_check', sql`${t.kind} in ('personal', 'private', 'team', 'public')`),
    check('workspaces_team_role_check', sql`${t.teamRole} in ('viewer', 'editor', 'admin')`),
    check('workspaces_team_kind_check', sql`${t.kind} <> 'team' or ${t.teamId} is not null`),
  ],
);

/** A role on one workspace given to one person or to every member of one team. */
export const workspaceGrants = pgTable(
  'workspace_grants',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'cascade' }),
    teamId: uuid('team_id').references(() => teams.id, { onDelete: 'cascade' }),
    role: text('role', { enum: ['viewer', 'editor', 'admin'] }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('workspace_grants_user_key').on(t.workspaceId, t.userId).where(sql`${t.userId} is not null`),
    uniqueIndex('workspace_grants_team_key').on(t.workspaceId, t.teamId).where(sql`${t.teamId} is not null`),
    index('workspace_grants_user_id_idx').on(t.userId),
    index('workspace_grants_team_id_idx').on(t.teamId),
    check('workspace_grants_role_check', sql`${t.role} in ('viewer', 'editor', 'admin')`),
    check('workspace_grants_one_grantee_check', sql`(${t.userId} is null) <> (${t.teamId} is null)`),
  ],
);
