/**
 * Monitors (issue #9): a collection run on a cron schedule in a time zone, with its history and
 * notifications. Viewers of the workspace may read monitors and their runs; editors create,
 * change, delete and run them (a run uses the workspace's secrets in clear, as collection runs do).
 *
 * A monitor runs with the access of `run_as`: its creator, then whoever changed it last. Losing
 * the editor role (or the account) makes its runs end in an error until an editor saves it again.
 */
import type { Clock } from '../../clock.ts';
import { AppError, badRequest, notFound } from '../../errors.ts';
import type { FieldError } from '../../errors.ts';
import type { CurrentUser } from '../../http/env.ts';
import { decodeCursor, pageOf } from '../../http/pagination.ts';
import type { Page, PageQuery } from '../../http/pagination.ts';
import type { JobQueue } from '../../jobs/queue.ts';
import type { WorkspaceAccess } from '../../policies/workspaces.ts';
import type { AuditService } from '../audit/service.ts';
import type { CollectionService } from '../collections/service.ts';
import type { EnvironmentService } from '../environments/service.ts';
import { cronProblem, nextTick, timezoneProblem } from './cron.ts';
import type { MonitorNotifySettings, MonitorOptions } from './schema.ts';
import type { MonitorChange, MonitorDetails, MonitorRunListRecord, MonitorRunRecord, MonitorStore, StatRow } from './store.ts';

export const MONITOR_RUN_JOB = 'monitors.run';

export type MonitorNotificationsInput = MonitorNotifySettings & { emails: string[] };

export interface MonitorInput {
  name: string;
  collectionId: string;
  environmentId: string | null;
  cron: string;
  timezone: string;
  enabled: boolean;
  options: MonitorOptions;
  notifications: MonitorNotificationsInput;
}

/** What a create request may leave out (the defaults of the contract fill it in). */
export type MonitorCreateInput = Pick<MonitorInput, 'name' | 'collectionId' | 'cron'> &
  Partial<Omit<MonitorInput, 'name' | 'collectionId' | 'cron' | 'options' | 'notifications'>> & {
    options?: Partial<MonitorOptions> | undefined;
    notifications?: Partial<MonitorNotificationsInput> | undefined;
  };

export type MonitorPatchInput = Partial<Omit<MonitorCreateInput, 'options' | 'notifications'>> & {
  options?: Partial<MonitorOptions> | undefined;
  notifications?: Partial<MonitorNotificationsInput> | undefined;
};

export const DEFAULT_OPTIONS: MonitorOptions = { followRedirects: true, requestDelayMs: 0, requestTimeoutMs: 30_000, verifyTls: true, retries: 0 };
export const DEFAULT_NOTIFY: MonitorNotifySettings = { onFailure: true, onError: true, webhookUrl: null, repeatLimit: 3 };
export const MAX_STATS_DAYS = 90;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface MonitorServiceDeps {
  store: MonitorStore;
  access: WorkspaceAccess;
  collections: CollectionService;
  environments: EnvironmentService;
  jobs: JobQueue;
  audit: Pick<AuditService, 'record'>;
  clock: Clock;
}

export const monitorNotFound = () => notFound('No such monitor.', { code: 'MONITOR_NOT_FOUND' });
const monitorRunNotFound = () => notFound('No such run of this monitor.', { code: 'MONITOR_RUN_NOT_FOUND' });
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const invalid = (code: string, path: string, message: string) =>
  badRequest(`${path.replace(/^body\./, '')} ${message}.`, { code, errors: [{ path, message }] });

export function createMonitorService(deps: MonitorServiceDeps) {
  const { store, access, collections, environments, jobs, audit, clock } = deps;

  /** The monitor and the actor's role; MONITOR_NOT_FOUND for anyone who may not see its workspace. */
  async function authorize(actor: CurrentUser, id: string, need: 'viewer' | 'editor') {
    const monitor = UUID.test(id) ? await store.find(id) : undefined;
    if (!monitor) throw monitorNotFound();
    try {
      await access.require(actor, monitor.workspaceId, need);
    } catch (error) {
      if (error instanceof AppError && error.code === 'WORKSPACE_NOT_FOUND') throw monitorNotFound();
      throw error;
    }
    return monitor;
  }

  function checkSchedule(cron: string, timezone: string) {
    const cronError = cronProblem(cron);
    if (cronError) throw invalid('INVALID_CRON', 'body.cron', cronError);
    const tzError = timezoneProblem(timezone);
    if (tzError) throw invalid('INVALID_TIMEZONE', 'body.timezone', tzError);
  }

  async function checkTargets(actor: CurrentUser, workspaceId: string, collectionId: string | undefined, environmentId: string | null | undefined) {
    if (collectionId !== undefined) {
      const found = await collections.authorize(actor, collectionId, 'viewer').catch(() => undefined);
      if (!found || found.record.workspaceId !== workspaceId) {
        throw invalid('COLLECTION_NOT_FOUND', 'body.collectionId', 'must be a collection of this workspace');
      }
    }
    if (environmentId) {
      const found = await environments.get(actor, environmentId).catch(() => undefined);
      if (!found || found.record.workspaceId !== workspaceId) {
        throw invalid('ENVIRONMENT_NOT_FOUND', 'body.environmentId', 'must be an environment of this workspace');
      }
    }
  }

  /** The accounts behind the addresses; each must have a role in the workspace (not just public reading). */
  async function recipientIds(workspaceId: string, emails: string[]): Promise<string[]> {
    const accounts = await store.accountsByEmail(emails);
    const errors: FieldError[] = [];
    const ids: string[] = [];
    for (const [index, email] of emails.entries()) {
      const account = accounts.find((a) => a.email.toLowerCase() === email.toLowerCase());
      const role = account ? await access.roleOf({ id: account.id, username: '', operator: false }, workspaceId) : null;
      if (!account || role === null || role === 'public') {
        errors.push({ path: `body.notifications.emails.${index}`, message: 'is not the address of a member of this workspace' });
      } else if (!ids.includes(account.id)) ids.push(account.id);
    }
    if (errors.length) {
      throw badRequest('Notifications go only to members of the workspace; remove the addresses of anyone else.', { code: 'MONITOR_RECIPIENT_NOT_MEMBER', errors });
    }
    return ids;
  }

  const nextRunAt = (enabled: boolean, cron: string, timezone: string) => (enabled ? nextTick(cron, timezone, clock()) : null);

  async function auditChange(actor: CurrentUser, action: string, workspaceId: string, monitorId: string, details?: Record<string, unknown>) {
    await audit.record({
      actorId: actor.id,
      action,
      targetType: 'monitor',
      targetId: monitorId,
      ...(details && { details }),
      teamId: await store.teamOf(workspaceId),
    });
  }

  async function detailsOf(id: string): Promise<MonitorDetails> {
    const details = await store.details(id);
    if (!details) throw monitorNotFound();
    return details;
  }

  return {
    async list(actor: CurrentUser, workspaceId: string): Promise<MonitorDetails[]> {
      await access.require(actor, workspaceId, 'viewer');
      return store.listDetails(workspaceId);
    },

    async create(actor: CurrentUser, workspaceId: string, input: MonitorCreateInput): Promise<MonitorDetails> {
      await access.require(actor, workspaceId, 'editor');
      const timezone = input.timezone ?? 'UTC';
      checkSchedule(input.cron, timezone);
      await checkTargets(actor, workspaceId, input.collectionId, input.environmentId);
      const emails = input.notifications?.emails ?? (await store.emailsOf(actor.id));
      const recipients = await recipientIds(workspaceId, emails);
      const enabled = input.enabled ?? true;
      const now = clock();
      const { emails: _emails, ...notify } = input.notifications ?? {};
      const monitor = await store.insert(
        {
          workspaceId,
          collectionId: input.collectionId,
          environmentId: input.environmentId ?? null,
          name: input.name,
          cron: input.cron.trim(),
          timezone,
          enabled,
          options: { ...DEFAULT_OPTIONS, ...input.options },
          notifications: { ...DEFAULT_NOTIFY, ...notify },
          runAs: actor.id,
          nextRunAt: nextRunAt(enabled, input.cron, timezone),
          createdAt: now,
          updatedAt: now,
        },
        recipients,
      );
      await auditChange(actor, 'monitor.created', workspaceId, monitor.id, { enabled, cron: monitor.cron, timezone });
      return detailsOf(monitor.id);
    },

    async get(actor: CurrentUser, id: string): Promise<MonitorDetails> {
      await authorize(actor, id, 'viewer');
      return detailsOf(id);
    },

    async update(actor: CurrentUser, id: string, input: MonitorPatchInput): Promise<MonitorDetails> {
      const current = await authorize(actor, id, 'editor');
      const cron = input.cron ?? current.cron;
      const timezone = input.timezone ?? current.timezone;
      checkSchedule(cron, timezone);
      await checkTargets(actor, current.workspaceId, input.collectionId, input.environmentId);
      const recipients = input.notifications?.emails ? await recipientIds(current.workspaceId, input.notifications.emails) : undefined;
      const enabled = input.enabled ?? current.enabled;
      const { emails: _emails, ...notify } = input.notifications ?? {};
      const change: MonitorChange = {
        ...(input.name !== undefined && { name: input.name }),
        ...(input.collectionId !== undefined && { collectionId: input.collectionId }),
        ...(input.environmentId !== undefined && { environmentId: input.environmentId }),
        cron: cron.trim(),
        timezone,
        enabled,
        options: { ...current.options, ...input.options },
        notifications: { ...current.notifications, ...notify },
        // The editor who changed it last is whom it runs as from now on.
        runAs: actor.id,
        updatedAt: clock(),
      };
      // A new schedule, or switching it on, starts from now; otherwise the next tick stays.
      const scheduleChanged = cron.trim() !== current.cron || timezone !== current.timezone || enabled !== current.enabled;
      if (scheduleChanged || (enabled && current.nextRunAt === null)) change.nextRunAt = nextRunAt(enabled, cron, timezone);
      await store.update(id, change, recipients);
      const fields = Object.keys(input).filter((k) => (input as Record<string, unknown>)[k] !== undefined);
      await auditChange(actor, 'monitor.updated', current.workspaceId, id, { fields });
      return detailsOf(id);
    },

    async remove(actor: CurrentUser, id: string): Promise<void> {
      const current = await authorize(actor, id, 'editor');
      await store.remove(id);
      await auditChange(actor, 'monitor.deleted', current.workspaceId, id);
    },

    /** Queues a run now (trigger 'manual'); the worker runs it like a scheduled one. */
    async runNow(actor: CurrentUser, id: string): Promise<MonitorRunRecord> {
      await authorize(actor, id, 'editor');
      const run = await store.insertManualRun(id, clock());
      await jobs.send(MONITOR_RUN_JOB, { runId: run.id }, { retryLimit: 0 });
      return run;
    },

    async listRuns(actor: CurrentUser, id: string, page: PageQuery): Promise<Page<MonitorRunListRecord>> {
      await authorize(actor, id, 'viewer');
      const before = page.cursor ? (decodeCursor(page.cursor, 2) as [string, string]) : undefined;
      const rows = await store.listRuns(id, page.limit + 1, before && [new Date(before[0]), before[1]]);
      return pageOf(rows, page.limit, (r) => [r.createdAt.toISOString(), r.id]);
    },

    async getRun(actor: CurrentUser, id: string, runId: string): Promise<MonitorRunRecord> {
      await authorize(actor, id, 'viewer');
      const run = UUID.test(runId) ? await store.findRun(id, runId) : undefined;
      if (!run) throw monitorRunNotFound();
      return run;
    },

    async stats(actor: CurrentUser, id: string, days: number): Promise<StatRow[]> {
      await authorize(actor, id, 'viewer');
      return store.stats(id, new Date(clock().getTime() - days * DAY_MS));
    },
  };
}

export type MonitorService = ReturnType<typeof createMonitorService>;
