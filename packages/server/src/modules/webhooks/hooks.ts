/**
 * Where events come from: adapters from the other modules' change hooks to webhook events, and
 * the jobs that send deliveries. Payloads carry ids and names of what changed; the only people
 * they name are members added or removed (by username).
 */
import type { JobQueue } from '../../jobs/queue.ts';
import type { CollectionServiceDeps } from '../collections/service.ts';
import type { EnvironmentServiceDeps } from '../environments/service.ts';
import type { TeamActivityEvent } from '../teams/service.ts';
import type { WorkspaceServiceDeps } from '../workspaces/service.ts';
import type { EmitWebhookEvent } from './events.ts';
import { DELIVER_JOB, SWEEP_JOB } from './service.ts';
import type { WebhookService } from './service.ts';

/** Every minute: retries whose job was lost (a restart) and attempts cut short are sent. */
export const SWEEP_CRON = '* * * * *';

export function webhookHooks(emit: EmitWebhookEvent) {
  const collectionChanged: NonNullable<CollectionServiceDeps['onChange']> = ({ kind, record }) =>
    emit({
      type: `collection.${kind}`,
      workspaceId: record.workspaceId,
      data: { collection: { id: record.id, name: record.name, revision: record.revision } },
    });
  const environmentChanged: NonNullable<EnvironmentServiceDeps['onChange']> = ({ kind, record }) =>
    emit({
      type: `environment.${kind}`,
      workspaceId: record.workspaceId,
      data: { environment: { id: record.id, name: record.name, revision: record.revision } },
    });
  const visibilityChanged: NonNullable<WorkspaceServiceDeps['onVisibilityChanged']> = (change) =>
    emit({
      type: 'workspace.visibility_changed',
      workspaceId: change.workspaceId,
      // The team it left hears it too.
      teamIds: [change.from.teamId, change.to.teamId].filter((id): id is string => id !== null),
      data: { workspace: { id: change.workspaceId, name: change.name }, from: change.from, to: change.to },
    });
  const teamActivity = async (event: TeamActivityEvent): Promise<void> => {
    const type = event.kind === 'joined' ? 'member.added' : event.kind === 'role-changed' ? 'member.role_changed' : 'member.removed';
    await emit({
      type,
      teamIds: [event.team.id],
      data: {
        team: { id: event.team.id, slug: event.team.slug, name: event.team.name },
        member: { username: event.subject.username },
        ...(event.role !== undefined && { role: event.role }),
        reason: event.kind,
      },
    });
  };
  const secretsFound = (event: { workspace: { id: string; name: string }; count: number }) =>
    emit({ type: 'secret_finding.detected', workspaceId: event.workspace.id, data: { workspace: event.workspace, count: event.count } });
  return { collectionChanged, environmentChanged, visibilityChanged, teamActivity, secretsFound };
}

export function scheduleWebhooks(jobs: JobQueue, webhooks: WebhookService, reportError: (error: unknown) => void): void {
  jobs.work<{ deliveryId: string }>(DELIVER_JOB, async (data) => {
    await webhooks.attempt(data.deliveryId);
  });
  jobs.work(SWEEP_JOB, async () => {
    await webhooks.runDue();
  });
  jobs.schedule(SWEEP_JOB, SWEEP_CRON, {}, { tz: 'UTC' }).catch(reportError);
}
