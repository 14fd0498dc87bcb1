import type { Clock } from '../../clock.ts';
import type { AuditService } from '../audit/service.ts';
import { badRequest, conflict, forbidden, notFound } from '../../errors.ts';
import type { CurrentUser } from '../../http/env.ts';
import { decodeCursor, pageOf } from '../../http/pagination.ts';
import type { Page, PageQuery } from '../../http/pagination.ts';
import { resolveWorkspaceRole, workspaceAbilities } from '../../policies/workspaces.ts';
import type { WorkspaceAbilities, WorkspaceAccess, WorkspaceKind, WorkspaceRole } from '../../policies/workspaces.ts';
import type { GrantRecord, Grantee, WorkspacePatch, WorkspaceRecord, WorkspaceStore } from './store.ts';

export const PERSONAL_WORKSPACE_NAME = 'Personal';

export interface WorkspaceWithRole {
  workspace: WorkspaceRecord;
  role: WorkspaceRole | 'public';
  abilities: WorkspaceAbilities;
}

export interface CreateWorkspaceInput {
  name: string;
  kind: Exclude<WorkspaceKind, 'personal'>;
  teamSlug?: string | undefined;
  description?: string | null | undefined;
  teamRole?: WorkspaceRole | undefined;
}

export interface UpdateWorkspaceInput {
  name?: string | undefined;
  description?: string | null | undefined;
  kind?: Exclude<WorkspaceKind, 'personal'> | undefined;
  /** A team to attach the workspace to, or null to detach it. */
  teamSlug?: string | null | undefined;
  teamRole?: WorkspaceRole | undefined;
}

export type GrantInput = { role: WorkspaceRole } & ({ username: string } | { teamSlug: string });

export interface WorkspaceServiceDeps {
  store: WorkspaceStore;
  access: WorkspaceAccess;
  clock: Clock;
  /** Told after a workspace's kind (who may see it) or team changes (webhooks); must not throw. */
  onVisibilityChanged?: (change: { workspaceId: string; name: string; from: { kind: string; teamId: string | null }; to: { kind: string; teamId: string | null } }) => Promise<void>;
  /** Throws to refuse making a workspace public (secret findings, P17). */
  beforePublic?: (user: CurrentUser, workspaceId: string) => Promise<void>;
  /** Records visibility changes (P18) with the team's id, so its admins see them. */
  audit?: Pick<AuditService, 'record'>;
}

export type WorkspaceService = ReturnType<typeof createWorkspaceService>;

const personalFixed = () =>
  conflict('A personal workspace is always private to its owner; create another workspace to share.', { code: 'PERSONAL_WORKSPACE_FIXED' });
const teamNotFound = () => notFound('No such team among yours.', { code: 'TEAM_NOT_FOUND' });

export function createWorkspaceService({ store, access, clock, beforePublic, audit, onVisibilityChanged }: WorkspaceServiceDeps) {
  /** The id of a team the person belongs to; other teams read as missing. */
  async function myTeamId(user: CurrentUser, slug: string): Promise<string> {
    const teamId = await store.teamIdBySlug(slug);
    if (teamId === undefined || !(await store.teamsOf(user.id)).has(teamId)) throw teamNotFound();
    return teamId;
  }

  async function load(actor: CurrentUser | undefined, id: string, need: WorkspaceRole): Promise<WorkspaceWithRole> {
    const { role } = await access.require(actor, id, need);
    const workspace = await store.findById(id);
    if (!workspace) throw notFound('No such workspace.', { code: 'WORKSPACE_NOT_FOUND' });
    return { workspace, role, abilities: workspaceAbilities(role) };
  }

  return {
    /**
     * Makes sure the person has their personal workspace. Called lazily (listing, creating) so that
     * every account gets one however it was created (sign-up, identity provider, import).
     */
    async ensurePersonal(user: { id: string }): Promise<void> {
      await store.ensurePersonal(user.id, PERSONAL_WORKSPACE_NAME, clock());
    },

    /** The workspaces the person has a role in (P10), by name. Others' public ones are reached by link. */
    async list(user: CurrentUser, page: PageQuery): Promise<Page<WorkspaceWithRole>> {
      // Once per listing (its first page) is enough to guarantee the personal workspace.
      if (page.cursor === undefined) await store.ensurePersonal(user.id, PERSONAL_WORKSPACE_NAME, clock());
      const after = page.cursor === undefined ? undefined : (decodeCursor(page.cursor, 2) as [string, string]);
      const rows = await store.listVisible(user.id, page.limit, after);
      const myTeams = await store.teamsOf(user.id);
      const grants = await store.grantsReaching(rows.map((r) => r.id), user.id, [...myTeams.keys()]);
      const items = rows.map((workspace) => {
        const facts = { workspace, myTeams, grants: grants.filter((g) => g.workspaceId === workspace.id) };
        // The list query only returns workspaces the person has a role in, so this is never null.
        const role = resolveWorkspaceRole(facts, user.id) ?? 'public';
        return { workspace, role, abilities: workspaceAbilities(role) };
      });
      return pageOf(items, page.limit, (item) => [item.workspace.name, item.workspace.id]);
    },

    async create(user: CurrentUser, input: CreateWorkspaceInput): Promise<WorkspaceWithRole> {
      if (input.kind === 'team' && input.teamSlug === undefined) {
        throw badRequest('A team workspace needs the team it belongs to.', { errors: [{ path: 'body.teamSlug', message: 'required for a team workspace' }] });
      }
      if (input.kind === 'private' && input.teamSlug !== undefined) {
        throw badRequest('A private workspace belongs to no team.', { errors: [{ path: 'body.teamSlug', message: 'not allowed for a private workspace' }] });
      }
      const teamId = input.teamSlug === undefined ? null : await myTeamId(user, input.teamSlug);
      await store.ensurePersonal(user.id, PERSONAL_WORKSPACE_NAME, clock());
      const created = await store.create({
        name: input.name,
        description: input.description ?? null,
        kind: input.kind,
        ownerId: user.id,
        teamId,
        ...(input.teamRole && { teamRole: input.teamRole }),
        createdAt: clock(),
      });
      return load(user, created.id, 'admin');
    },

    /** One workspace with the actor's role and abilities; anonymous actors see public ones only. */
    async get(actor: CurrentUser | undefined, id: string): Promise<WorkspaceWithRole> {
      return load(actor, id, 'viewer');
    },

    async update(user: CurrentUser, id: string, input: UpdateWorkspaceInput): Promise<WorkspaceWithRole> {
      const { workspace } = await load(user, id, 'admin');
      const patch: WorkspacePatch = {};
      if (input.name !== undefined) patch.name = input.name;
      if (input.description !== undefined) patch.description = input.description;
      if (input.teamRole !== undefined) patch.teamRole = input.teamRole;
      const changesSharing = input.kind !== undefined || input.teamSlug !== undefined;
      if (changesSharing && workspace.kind === 'personal') throw personalFixed();
      if (changesSharing) {
        const kind = input.kind ?? workspace.kind;
        let teamId = workspace.teamId;
        if (input.teamSlug === null) teamId = null;
        else if (input.teamSlug !== undefined) teamId = await myTeamId(user, input.teamSlug);
        // A private workspace is the owner's and its grantees' only, so it leaves its team.
        if (kind === 'private') {
          if (typeof input.teamSlug === 'string') {
            throw badRequest('A private workspace belongs to no team.', { errors: [{ path: 'body.teamSlug', message: 'not allowed for a private workspace' }] });
          }
          teamId = null;
        }
        if (kind === 'team' && teamId === null) {
          throw badRequest('A team workspace needs the team it belongs to.', { errors: [{ path: 'body.teamSlug', message: 'required for a team workspace' }] });
        }
        if (kind === 'public' && workspace.kind !== 'public') await beforePublic?.(user, id);
        patch.kind = kind;
        patch.teamId = teamId;
        // Taken out of its team, the workspace becomes the taker's: the creator may have left the
        // team since, and must not get the team's content back with it.
        if (workspace.teamId !== null && teamId === null) patch.ownerId = user.id;
      }
      await store.update(id, patch);
      if ((patch.kind !== undefined && patch.kind !== workspace.kind) || (patch.teamId !== undefined && patch.teamId !== workspace.teamId)) {
        const details = { from: workspace.kind, to: patch.kind ?? workspace.kind, teamChanged: patch.teamId !== undefined && patch.teamId !== workspace.teamId };
        await audit?.record({ actorId: user.id, action: 'workspace.visibility_changed', targetType: 'workspace', targetId: id, details, teamId: workspace.teamId });
        // Moved into another team: that team's admins see it too.
        if (patch.teamId && patch.teamId !== workspace.teamId) {
          await audit?.record({ actorId: user.id, action: 'workspace.visibility_changed', targetType: 'workspace', targetId: id, details, teamId: patch.teamId });
        }
        await onVisibilityChanged?.({
          workspaceId: id,
          name: patch.name ?? workspace.name,
          from: { kind: workspace.kind, teamId: workspace.teamId },
          to: { kind: patch.kind ?? workspace.kind, teamId: patch.teamId !== undefined ? patch.teamId : workspace.teamId },
        });
      }
      return load(user, id, 'viewer');
    },

    async delete(user: CurrentUser, id: string): Promise<void> {
      const { workspace } = await load(user, id, 'admin');
      if (workspace.kind === 'personal') throw personalFixed();
      await store.delete(id);
    },

    /** Who has been given access; for people with a role, not for anonymous readers of public ones. */
    async listGrants(user: CurrentUser, id: string, page: PageQuery): Promise<Page<GrantRecord>> {
      const { role } = await access.require(user, id, 'viewer');
      if (role === 'public') {
        throw forbidden('Only people with a role in this workspace see who else has one.', { code: 'WORKSPACE_ROLE_REQUIRED' });
      }
      const afterId = page.cursor === undefined ? undefined : String(decodeCursor(page.cursor, 1)[0]);
      const rows = await store.listGrants(id, page.limit, afterId);
      return pageOf(rows, page.limit, (g) => [g.id]);
    },

    /** Gives a person or every member of one of the actor's teams a role; replaces an earlier grant. */
    async putGrant(user: CurrentUser, id: string, input: GrantInput): Promise<GrantRecord> {
      const { workspace } = await load(user, id, 'admin');
      if (workspace.kind === 'personal') throw personalFixed();
      let grantee: Grantee;
      if ('username' in input) {
        const userId = await store.userIdByUsername(input.username);
        if (userId === undefined) throw notFound('No account has this username.', { code: 'USER_NOT_FOUND' });
        grantee = { userId };
      } else {
        grantee = { teamId: await myTeamId(user, input.teamSlug) };
      }
      const grantId = await store.putGrant(id, grantee, input.role, clock());
      const grant = await store.findGrant(id, grantId);
      if (!grant) throw notFound('No such grant on this workspace.', { code: 'GRANT_NOT_FOUND' });
      return grant;
    },

    async deleteGrant(user: CurrentUser, id: string, grantId: string): Promise<void> {
      await access.require(user, id, 'admin');
      if (!(await store.deleteGrant(id, grantId))) throw notFound('No such grant on this workspace.', { code: 'GRANT_NOT_FOUND' });
    },
  };
}
