// Who may do what in a workspace (P10, P13). One rule, used three ways: `require` guards every
// route that touches a workspace or its content, `roleOf`/`workspaceAbilities` tell the UI what the
// person may do, and the workspaces store filters its lists by the same facts. It is also the only
// place where the operator flag opens a workspace: through an active, logged grant (P16).
import { tryGetContext } from 'hono/context-storage';
import { systemClock } from '../clock.ts';
import type { Clock } from '../clock.ts';
import { forbidden, notFound, unauthorized } from '../errors.ts';
import type { Database } from '../db/database.ts';
import type { AppEnv, CurrentUser } from '../http/env.ts';
import { createOperatorAccessStore } from '../modules/operator-access/store.ts';
import type { OperatorAccessReason } from '../modules/operator-access/schema.ts';
import { createWorkspaceStore } from '../modules/workspaces/store.ts';
import type { TeamRole } from './teams.ts';

export type WorkspaceRole = 'viewer' | 'editor' | 'admin';
export type WorkspaceKind = 'personal' | 'private' | 'team' | 'public';
export const WORKSPACE_ROLES = ['viewer', 'editor', 'admin'] as const satisfies readonly WorkspaceRole[];
export const WORKSPACE_KINDS = ['personal', 'private', 'team', 'public'] as const satisfies readonly WorkspaceKind[];

const RANK: Record<WorkspaceRole, number> = { viewer: 1, editor: 2, admin: 3 };

/** Whether `role` is `need` or higher; 'public' (anyone reading a public workspace) ranks as viewer. */
export function roleAtLeast(role: WorkspaceRole | 'public' | null, need: WorkspaceRole): boolean {
  if (role === null) return false;
  return RANK[role === 'public' ? 'viewer' : role] >= RANK[need];
}

/** The facts about one workspace and one person that decide the person's role. */
export interface WorkspaceAccessFacts {
  workspace: { kind: WorkspaceKind; ownerId: string | null; teamId: string | null; teamRole: WorkspaceRole };
  /** The person's role in each of their teams, by team id. */
  myTeams: ReadonlyMap<string, TeamRole>;
  /** The workspace's grants that name the person or one of their teams. */
  grants: readonly { userId: string | null; teamId: string | null; role: WorkspaceRole }[];
  /**
   * Teams that suspended the person. They stay members but are left out of `myTeams` (so grants
   * to those teams do not reach them) and reach none of those teams' workspaces by any path.
   */
  suspendedTeams?: ReadonlySet<string>;
}

/**
 * The highest of: owner (admin; for a team's workspace only while in the team), a direct grant, a grant to one of the person's teams, and for a
 * workspace that belongs to a team, membership of it (the team's owner and admins are workspace
 * admins, other members get the workspace's `teamRole`). Without any of these a public workspace
 * is readable ('public') and any other is invisible (null). A member the team suspended gets
 * nothing from any path in that team's workspaces (see `suspendedTeams`). The operator flag plays no part: an
 * operator reads others' private workspaces only through the audited path (P16).
 */
export function resolveWorkspaceRole(facts: WorkspaceAccessFacts, actorId: string | undefined): WorkspaceRole | 'public' | null {
  const { workspace, myTeams, grants } = facts;
  // A member suspended by the team keeps nothing in its workspaces, not even a direct grant or
  // ownership, until unsuspended; a public one stays readable like for anyone.
  if (actorId !== undefined && workspace.teamId !== null && facts.suspendedTeams?.has(workspace.teamId)) {
    return workspace.kind === 'public' ? 'public' : null;
  }
  let best: WorkspaceRole | null = null;
  const offer = (role: WorkspaceRole) => {
    if (best === null || RANK[role] > RANK[best]) best = role;
  };
  if (actorId !== undefined) {
    // A workspace that belongs to a team is the team's: its creator keeps owning it only while a
    // member, so removing someone from a team ends their access to its workspaces.
    if (workspace.ownerId === actorId && (workspace.teamId === null || myTeams.has(workspace.teamId))) offer('admin');
    for (const grant of grants) {
      if (grant.userId === actorId || (grant.teamId !== null && myTeams.has(grant.teamId))) offer(grant.role);
    }
    const teamRole = workspace.teamId === null ? undefined : myTeams.get(workspace.teamId);
    if (teamRole !== undefined) offer(teamRole === 'member' ? workspace.teamRole : 'admin');
  }
  if (best !== null) return best;
  return workspace.kind === 'public' ? 'public' : null;
}

/** What the person may do, for the UI; computed from the same role `require` checks. */
export function workspaceAbilities(role: WorkspaceRole | 'public' | null) {
  return { canView: roleAtLeast(role, 'viewer'), canEdit: roleAtLeast(role, 'editor'), canAdmin: roleAtLeast(role, 'admin') };
}
export type WorkspaceAbilities = ReturnType<typeof workspaceAbilities>;

export interface WorkspaceAccess {
  /**
   * Resolves the actor's role in the workspace. Throws notFound (WORKSPACE_NOT_FOUND) when the
   * actor may not see it at all (someone else's private workspace, or a missing one) — never a 403
   * that would confirm it exists; throws forbidden (WORKSPACE_ROLE_REQUIRED) when they may see it
   * but their role is below `need`. Anonymous actors (undefined) may read ('viewer') public
   * workspaces only; asking more of them is a 401 (UNAUTHENTICATED), since signing in may help.
   */
  require(
    actor: CurrentUser | undefined,
    workspaceId: string,
    need: WorkspaceRole,
  ): Promise<{ workspaceId: string; role: WorkspaceRole | 'public'; operatorGrantId?: string }>;
  /** The role without throwing; null when the workspace is not visible to the actor. */
  roleOf(actor: CurrentUser | undefined, workspaceId: string): Promise<WorkspaceRole | 'public' | null>;
}

/** One read of a workspace by the operator under a grant (P16), as logged. */
export interface OperatorRead {
  grantId: string;
  reason: OperatorAccessReason;
  workspaceId: string;
  operatorId: string;
  at: Date;
  method: string;
  route: string;
  path: string;
}

export interface WorkspaceAccessOptions {
  clock?: Clock;
  /** Told of every logged operator read, after it is in the transparency log (the audit event). */
  onOperatorRead?: (read: OperatorRead) => Promise<void>;
}

export const workspaceNotFound = () => notFound('No such workspace.', { code: 'WORKSPACE_NOT_FOUND' });

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type OperatorGrant = { id: string; reason: OperatorAccessReason };

export function createWorkspaceAccess(db: Database, options: WorkspaceAccessOptions = {}): WorkspaceAccess {
  const store = createWorkspaceStore(db);
  const operatorGrants = createOperatorAccessStore(db);
  const clock = options.clock ?? systemClock;
  // Reads already logged per request (one request may ask more than once), by the request's context.
  const logged = new WeakMap<object, Set<string>>();

  const resolve = async (actor: CurrentUser | undefined, workspaceId: string): Promise<{ role: WorkspaceRole | 'public' | null; grant?: OperatorGrant }> => {
    // An id that is not a uuid names no workspace; answering here keeps it away from the database.
    if (!UUID.test(workspaceId)) return { role: null };
    const facts = await store.accessFacts(workspaceId, actor?.id);
    if (!facts) return { role: null };
    const role = resolveWorkspaceRole(facts, actor?.id);
    if (role !== null || actor === undefined || !actor.operator) return { role };
    // P16: an operator sees a workspace they have no role in only under an active grant, read-only.
    const grant = await operatorGrants.activeGrant(actor.id, workspaceId, clock());
    return grant ? { role: 'viewer', grant } : { role: null };
  };

  /** Every read under a grant goes into the transparency log here, so no route can skip it. */
  const logRead = async (actor: CurrentUser, workspaceId: string, grant: OperatorGrant) => {
    const c = tryGetContext<AppEnv>();
    if (c) {
      const seen = logged.get(c) ?? new Set<string>();
      if (seen.has(grant.id)) return;
      seen.add(grant.id);
      logged.set(c, seen);
    }
    const read: OperatorRead = {
      grantId: grant.id,
      reason: grant.reason,
      workspaceId,
      operatorId: actor.id,
      at: clock(),
      method: c?.req.method ?? 'INTERNAL',
      route: c?.req.routePath ?? '(outside a request)',
      path: c?.req.path ?? '',
    };
    await operatorGrants.recordRead({
      grantId: read.grantId,
      workspaceId,
      operatorId: actor.id,
      at: read.at,
      method: read.method,
      route: read.route,
      path: read.path,
    });
    await options.onOperatorRead?.(read);
  };

  return {
    async roleOf(actor, workspaceId) {
      const { role, grant } = await resolve(actor, workspaceId);
      if (grant && actor) await logRead(actor, workspaceId, grant);
      return role;
    },
    async require(actor, workspaceId, need) {
      const { role, grant } = await resolve(actor, workspaceId);
      if (role === null) throw workspaceNotFound();
      if (grant && need !== 'viewer') {
        throw forbidden('Operator access is read-only: nothing in this workspace can be changed under it.', { code: 'OPERATOR_ACCESS_READ_ONLY' });
      }
      if (!roleAtLeast(role, need)) {
        if (!actor) throw unauthorized();
        throw forbidden(`This needs the ${need} role in the workspace; ask one of its admins.`, { code: 'WORKSPACE_ROLE_REQUIRED' });
      }
      if (grant && actor) {
        await logRead(actor, workspaceId, grant);
        return { workspaceId, role, operatorGrantId: grant.id };
      }
      return { workspaceId, role };
    },
  };
}
