import type { Clock } from '../../clock.ts';
import { badRequest, conflict, forbidden, notFound } from '../../errors.ts';
import type { CurrentUser } from '../../http/env.ts';
import type { Mailer } from '../../mail/mailer.ts';
import type { OperatorRead, WorkspaceAccess } from '../../policies/workspaces.ts';
import type { AuditService } from '../audit/service.ts';
import type { CommunicationsStore } from '../communications/store.ts';
import { accessStartedMessage, consentRequestedMessage } from './messages.ts';
import type { OperatorAccessReason } from './schema.ts';
import { grantStatus } from './store.ts';
import type { GrantRecord, GrantStatus, OperatorAccessStore, ReadRecord, WorkspaceFacts } from './store.ts';

/** The longest time box an operator may ask for unless the instance sets another (POSTERN_OPERATOR_ACCESS_MAX_HOURS). */
export const DEFAULT_MAX_GRANT_HOURS = 72;
/** Grants and their read log are kept this long after the grant's time box (P19); see docs/admin.md. */
export const TRANSPARENCY_LOG_RETENTION_DAYS = 730;

export interface OperatorAccessDeps {
  store: OperatorAccessStore;
  access: WorkspaceAccess;
  audit: AuditService;
  mailer: Mailer;
  feed: Pick<CommunicationsStore, 'addNotifications'>;
  clock: Clock;
  publicUrl: string;
  maxHours?: number;
  reportError: (error: unknown) => void;
}

export interface CreateGrantInput {
  workspaceId: string;
  reason: OperatorAccessReason;
  ticketRef?: string | undefined;
  justification: string;
  hours: number;
}

export type GrantView = GrantRecord & { status: GrantStatus };

export type OperatorAccessService = ReturnType<typeof createOperatorAccessService>;

const HOUR_MS = 60 * 60 * 1000;
const grantNotFound = () => notFound('No such operator access grant.', { code: 'OPERATOR_GRANT_NOT_FOUND' });
const operatorOnly = () => forbidden('Only the operator of this instance can do this.', { code: 'OPERATOR_ONLY' });

/**
 * Operator access to private workspaces (P16): the operator records a reason, a justification and
 * a time box; the owner (and a team's admins) are told at once and see every read. Enforcement is
 * not here: policies/workspaces.ts turns an active grant into read-only access and logs each read.
 */
export function createOperatorAccessService(deps: OperatorAccessDeps) {
  const { store, access, audit, clock } = deps;
  const maxHours = deps.maxHours ?? DEFAULT_MAX_GRANT_HOURS;
  const view = (g: GrantRecord): GrantView => ({ ...g, status: grantStatus(g, clock()) });
  const logUrl = (workspaceId: string) => `${deps.publicUrl}/w/${workspaceId}/access-log`;

  /** In-app and email, whatever the switches say (P9): it is about the person's own work. */
  async function tell(workspace: WorkspaceFacts, grant: GrantRecord, kind: 'started' | 'consent') {
    try {
      const stewards = await store.stewards(workspace);
      const now = clock();
      const title =
        kind === 'started'
          ? `The operator can read your workspace “${workspace.name}” until ${grant.expiresAt.toISOString()}`
          : `The operator asks for your consent to read your workspace “${workspace.name}”`;
      await deps.feed.addNotifications(stewards.map((s) => ({ userId: s.id, type: 'operatorAccess', title, link: `/w/${workspace.id}/access-log`, now })));
      for (const s of stewards) {
        const facts = { ...grant, username: s.username, url: logUrl(workspace.id) };
        await deps.mailer.send(kind === 'started' ? accessStartedMessage(s.email, facts) : consentRequestedMessage(s.email, facts));
      }
    } catch (error) {
      deps.reportError(error);
    }
  }

  async function load(id: string): Promise<GrantRecord> {
    const grant = await store.find(id);
    if (!grant) throw grantNotFound();
    return grant;
  }

  return {
    maxHours,

    async create(operator: CurrentUser, input: CreateGrantInput): Promise<GrantView> {
      if (!operator.operator) throw operatorOnly();
      const ticketRef = input.ticketRef?.trim() || null;
      if (input.reason === 'support_requested' && ticketRef === null) {
        throw badRequest('Support access needs the reference of the ticket in which the owner asked for it.', {
          errors: [{ path: 'body.ticketRef', message: 'required when the reason is support_requested' }],
        });
      }
      if (!Number.isInteger(input.hours) || input.hours < 1 || input.hours > maxHours) {
        throw badRequest(`The time box is 1 to ${maxHours} hours.`, { errors: [{ path: 'body.hours', message: `must be a whole number from 1 to ${maxHours}` }] });
      }
      const workspace = await store.workspace(input.workspaceId);
      if (!workspace) throw notFound('No such workspace.', { code: 'WORKSPACE_NOT_FOUND' });
      const now = clock();
      const needsConsent = input.reason === 'owner_consent';
      const id = await store.create({
        workspaceId: workspace.id,
        operatorId: operator.id,
        reason: input.reason,
        ticketRef,
        justification: input.justification,
        hours: input.hours,
        createdAt: now,
        // Consent must come within the time box asked for; the box restarts when it does.
        startsAt: needsConsent ? null : now,
        expiresAt: new Date(now.getTime() + input.hours * HOUR_MS),
      });
      const grant = await load(id);
      await audit.record({
        actorId: operator.id,
        action: needsConsent ? 'operator_access.consent_requested' : 'operator_access.granted',
        targetType: 'workspace',
        targetId: workspace.id,
        details: { grantId: id, reason: input.reason, hours: input.hours, ...(ticketRef && { ticketRef }) },
        teamId: workspace.teamId,
      });
      await tell(workspace, grant, needsConsent ? 'consent' : 'started');
      return view(grant);
    },

    async listForOperator(operator: CurrentUser): Promise<GrantView[]> {
      if (!operator.operator) throw operatorOnly();
      return (await store.list({}, 200)).map(view);
    },

    /** The access transparency log: the workspace's grants and every read under them; its admins only. */
    async transparency(actor: CurrentUser, workspaceId: string): Promise<{ grants: GrantView[]; reads: ReadRecord[] }> {
      await access.require(actor, workspaceId, 'admin');
      const [grants, reads] = await Promise.all([store.list({ workspaceId }, 500), store.reads(workspaceId, 1000)]);
      return { grants: grants.map(view), reads };
    },

    /** The owner's answer to an 'owner_consent' grant: agreeing starts its time box now. */
    async decide(actor: CurrentUser, grantId: string, agree: boolean): Promise<GrantView> {
      const grant = await load(grantId);
      // Only the workspace's admins decide; anyone else is told the grant does not exist.
      try {
        await access.require(actor, grant.workspaceId, 'admin');
      } catch {
        throw grantNotFound();
      }
      const now = clock();
      if (grant.reason !== 'owner_consent' || grantStatus(grant, now) !== 'awaiting_consent') {
        throw conflict('This grant does not wait for consent (it started, ended or lapsed).', { code: 'OPERATOR_GRANT_NOT_AWAITING_CONSENT' });
      }
      const changed = agree
        ? await store.consent(grantId, actor.id, now, new Date(now.getTime() + grant.hours * HOUR_MS))
        : await store.end(grantId, actor.id, 'declined', now);
      if (!changed) throw conflict('This grant does not wait for consent any more.', { code: 'OPERATOR_GRANT_NOT_AWAITING_CONSENT' });
      const workspace = (await store.workspace(grant.workspaceId))!;
      await audit.record({
        actorId: actor.id,
        action: agree ? 'operator_access.granted' : 'operator_access.declined',
        targetType: 'workspace',
        targetId: grant.workspaceId,
        details: { grantId, reason: grant.reason, consent: agree },
        teamId: workspace.teamId,
      });
      const updated = await load(grantId);
      if (agree) await tell(workspace, updated, 'started');
      return view(updated);
    },

    /** Ends a grant early: the operator, or an admin of the workspace. */
    async end(actor: CurrentUser, grantId: string): Promise<GrantView> {
      const grant = await load(grantId);
      if (!actor.operator) {
        try {
          await access.require(actor, grant.workspaceId, 'admin');
        } catch {
          throw grantNotFound();
        }
      }
      const now = clock();
      if (!(await store.end(grantId, actor.id, 'ended', now))) {
        throw conflict('This grant has already ended or lapsed.', { code: 'OPERATOR_GRANT_ALREADY_ENDED' });
      }
      const workspace = await store.workspace(grant.workspaceId);
      await audit.record({
        actorId: actor.id,
        action: 'operator_access.ended',
        targetType: 'workspace',
        targetId: grant.workspaceId,
        details: { grantId, reason: grant.reason, by: actor.operator ? 'operator' : 'workspace_admin' },
        teamId: workspace?.teamId ?? null,
      });
      return view(await load(grantId));
    },
  };
}

/**
 * The audit event of each logged read; policies/workspaces.ts calls it (as onOperatorRead) after
 * writing the read to the transparency log. Standalone because the access policy is built first.
 */
export function auditOperatorRead(deps: { store: OperatorAccessStore; audit: AuditService }) {
  return async (read: OperatorRead): Promise<void> => {
    const workspace = await deps.store.workspace(read.workspaceId);
    await deps.audit.record({
      actorId: read.operatorId,
      action: 'operator_access.read',
      targetType: 'workspace',
      targetId: read.workspaceId,
      details: { grantId: read.grantId, reason: read.reason, method: read.method, route: read.route },
      teamId: workspace?.teamId ?? null,
    });
  };
}
