import { z } from '@hono/zod-openapi';
import { WORKSPACE_KINDS, WORKSPACE_ROLES } from '../../policies/workspaces.ts';
import type { GrantRecord } from './store.ts';
import type { WorkspaceWithRole } from './service.ts';

/** The stable web address of a workspace, relative to the instance's public URL (P13). */
export const workspaceWebPath = (id: string) => `/w/${id}`;

export const WorkspaceSchema = z
  .object({
    id: z.string().uuid(),
    name: z.string(),
    description: z.string().nullable(),
    kind: z.enum(WORKSPACE_KINDS),
    team: z.object({ slug: z.string(), name: z.string() }).nullable(),
    teamRole: z.enum(WORKSPACE_ROLES).openapi({ description: "The role the team's members have without a grant." }),
    webPath: z.string().openapi({ description: 'Stable address in the web app, relative to the instance URL.', example: '/w/0b8f…' }),
    createdAt: z.string().openapi({ format: 'date-time' }),
    role: z
      .enum([...WORKSPACE_ROLES, 'public'])
      .openapi({ description: "The requester's role; 'public' for people without one reading a public workspace." }),
    abilities: z.object({ canView: z.boolean(), canEdit: z.boolean(), canAdmin: z.boolean() }),
  })
  .openapi('Workspace');

export function toWorkspaceView({ workspace, role, abilities }: WorkspaceWithRole): z.infer<typeof WorkspaceSchema> {
  return {
    id: workspace.id,
    name: workspace.name,
    description: workspace.description,
    kind: workspace.kind,
    team: workspace.team,
    teamRole: workspace.teamRole,
    webPath: workspaceWebPath(workspace.id),
    createdAt: workspace.createdAt.toISOString(),
    role,
    abilities,
  };
}

export const GrantSchema = z
  .object({
    id: z.string().uuid(),
    role: z.enum(WORKSPACE_ROLES),
    user: z.object({ username: z.string(), displayName: z.string().nullable() }).nullable(),
    team: z.object({ slug: z.string(), name: z.string() }).nullable(),
    createdAt: z.string().openapi({ format: 'date-time' }),
  })
  .openapi('WorkspaceGrant');

export function toGrantView(grant: GrantRecord): z.infer<typeof GrantSchema> {
  return { ...grant, createdAt: grant.createdAt.toISOString() };
}
