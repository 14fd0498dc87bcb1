/**
 * Monitor notifications: email to the listed members and a JSON POST to the webhook URL (through
 * the egress guard, with the webhooks module's sender). A failing streak notifies at most
 * `repeatLimit` times, then stays silent until a run passes, which sends one "recovered" notice.
 */
import type { Clock } from '../../clock.ts';
import { createGuardedDispatcher } from '../../egress/dispatcher.ts';
import type { EgressGuard } from '../../egress/policy.ts';
import type { Mailer } from '../../mail/mailer.ts';
import type { WorkspaceAccess } from '../../policies/workspaces.ts';
import { postWebhook } from '../webhooks/deliver.ts';
import { EVENT_TYPE_HEADER } from '../webhooks/signature.ts';
import type { MonitorRunStatus } from './schema.ts';
import type { MonitorRecord, MonitorRunRecord, MonitorStore } from './store.ts';

export type MonitorEvent = 'monitor.failed' | 'monitor.error' | 'monitor.recovered';

export interface MonitorNotifierDeps {
  store: MonitorStore;
  access: WorkspaceAccess;
  mailer: Mailer;
  guard: EgressGuard;
  clock: Clock;
  publicUrl: string;
  reportError: (error: unknown) => void;
  webhookTimeoutMs?: number;
}

export function createMonitorNotifier(deps: MonitorNotifierDeps) {
  const { store, access, mailer, guard, clock } = deps;

  async function notify(event: MonitorEvent, monitor: MonitorRecord, run: MonitorRunRecord) {
    const link = `${deps.publicUrl}/w/${monitor.workspaceId}/monitors/${monitor.id}?run=${run.id}`;
    const c = run.counts;
    const what =
      event === 'monitor.recovered'
        ? `passes again.`
        : event === 'monitor.failed'
          ? `failed: ${c.assertionsFailed} of ${c.assertionsPassed + c.assertionsFailed} tests failed.`
          : `ended in an error: ${run.error ?? `${c.errors} request or script error${c.errors === 1 ? '' : 's'}`}.`;
    const subject = `Monitor "${monitor.name}" ${event === 'monitor.recovered' ? 'recovered' : event === 'monitor.failed' ? 'failed' : 'errored'}`;
    const text = [
      `The monitor "${monitor.name}" ${what}`,
      '',
      `Run: ${run.trigger === 'manual' ? 'started by hand' : 'scheduled'} for ${run.scheduledFor.toISOString()}`,
      `Requests: ${c.requests}, tests passed: ${c.assertionsPassed}, failed: ${c.assertionsFailed}, errors: ${c.errors}`,
      '',
      `See the run: ${link}`,
      '',
      'You get this because an editor of the workspace listed you on the monitor.',
    ].join('\n');
    for (const recipient of await store.recipients(monitor.id)) {
      // Only people who may still read the workspace (P10); a removed member's address stays unused.
      const role = await access.roleOf({ id: recipient.id, username: '', operator: false }, monitor.workspaceId);
      if (role === null || role === 'public') continue;
      await mailer.send({ to: recipient.email, subject, text }).catch(deps.reportError);
    }
    const url = monitor.notifications.webhookUrl;
    if (url) {
      const body = JSON.stringify({
        event,
        occurredAt: clock().toISOString(),
        monitor: { id: monitor.id, name: monitor.name, workspaceId: monitor.workspaceId, url: link },
        run: { id: run.id, status: run.status, trigger: run.trigger, scheduledFor: run.scheduledFor.toISOString(), finishedAt: run.finishedAt?.toISOString() ?? null, counts: c, error: run.error },
      });
      const handle = createGuardedDispatcher(guard, { insecure: false });
      try {
        const outcome = await postWebhook(
          handle.dispatcher,
          url,
          { 'content-type': 'application/json', 'user-agent': 'Postern-Monitors', [EVENT_TYPE_HEADER]: event },
          body,
          { timeoutMs: deps.webhookTimeoutMs ?? 10_000, maxResponseBytes: 4096, excerptChars: 200 },
        );
        if (outcome.error || (outcome.status !== undefined && outcome.status >= 300)) {
          deps.reportError(new Error(`monitor ${monitor.id} webhook: ${outcome.error ?? `answered ${outcome.status}`}`));
        }
      } finally {
        await handle.close().catch(() => undefined);
      }
    }
  }

  return {
    /** Decides and sends the notifications after run `runId` of the monitor finished with `status`. */
    async afterRun(monitorId: string, finished: { id: string; status: MonitorRunStatus }): Promise<void> {
      const monitor = await store.find(monitorId);
      const run = monitor && (await store.findRun(monitorId, finished.id));
      if (!monitor || !run) return;
      const n = monitor.notifications;
      if (finished.status === 'failed' || finished.status === 'error') {
        const wanted = finished.status === 'failed' ? n.onFailure : n.onError;
        const send = wanted && monitor.streakNotices < n.repeatLimit;
        await store.setStreak(monitor.id, true, monitor.streakNotices + (send ? 1 : 0));
        if (send) await notify(finished.status === 'failed' ? 'monitor.failed' : 'monitor.error', monitor, run);
      } else if (finished.status === 'passed' && monitor.failing) {
        await store.setStreak(monitor.id, false, 0);
        // Only those who heard of the failure hear of the recovery.
        if (monitor.streakNotices > 0) await notify('monitor.recovered', monitor, run);
      }
    },
  };
}

export type MonitorNotifier = ReturnType<typeof createMonitorNotifier>;
