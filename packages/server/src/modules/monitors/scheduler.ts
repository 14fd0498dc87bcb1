/**
 * The monitor scheduler: each tick claims the monitors that are due and queues one run per claimed
 * tick. It is safe to run in any number of processes at once (see store.claimTick): the
 * compare-and-set on next_run_at lets one process take a tick, and the unique (monitor_id,
 * scheduled_for) index refuses a second run of it. A monitor that missed ticks (the server was
 * down) runs once for them, then continues from the first tick after now.
 */
import type { Clock } from '../../clock.ts';
import type { JobQueue } from '../../jobs/queue.ts';
import { nextTick } from './cron.ts';
import { MONITOR_RUN_JOB } from './service.ts';
import type { MonitorStore } from './store.ts';

export const MONITOR_TICK_JOB = 'monitors.tick';
/** pg-boss's schedules have minute granularity, which is the monitors' too. */
export const MONITOR_TICK_CRON = '* * * * *';
/** Monitors claimed per query; a tick loops until none are due. */
const BATCH = 200;
/** A run queued this long lost its job (a crash between queuing and sending): it is sent again. */
const REQUEUE_AFTER_MS = 10 * 60_000;
/** A run `running` this long belongs to a process that stopped (runs end within their time limit). */
const ABANDONED_AFTER_MS = 60 * 60_000;

export interface MonitorScheduler {
  /** Queues the runs due at `now` (default: the clock); answers how many this call queued. */
  tick(now?: Date): Promise<number>;
}

export function createMonitorScheduler(deps: {
  store: MonitorStore;
  jobs: JobQueue;
  clock: Clock;
  reportError: (error: unknown) => void;
}): MonitorScheduler {
  const { store, jobs, clock } = deps;
  return {
    async tick(now = clock()) {
      await store.endAbandoned(new Date(now.getTime() - ABANDONED_AFTER_MS), now, 'The process running this run stopped before it ended.');
      // The worker starts a run only if it is still queued, so sending one twice runs it once.
      for (const runId of await store.longQueued(new Date(now.getTime() - REQUEUE_AFTER_MS), BATCH)) {
        await jobs.send(MONITOR_RUN_JOB, { runId }, { retryLimit: 0 });
      }
      let queued = 0;
      const skipped = new Set<string>();
      for (;;) {
        const due = (await store.due(now, BATCH)).filter((m) => !skipped.has(m.id));
        if (due.length === 0) return queued;
        for (const monitor of due) {
          let next: Date;
          try {
            next = nextTick(monitor.cron, monitor.timezone, now);
          } catch (error) {
            // Stored schedules were validated; one that no longer parses must not stop the others.
            skipped.add(monitor.id);
            deps.reportError(error);
            continue;
          }
          const runId = await store.claimTick(monitor.id, monitor.nextRunAt!, next, now);
          if (!runId) continue; // another process took this tick
          queued++;
          await jobs.send(MONITOR_RUN_JOB, { runId }, { retryLimit: 0 });
        }
        if (due.length < BATCH) return queued;
      }
    },
  };
}

/**
 * Registers the tick and run jobs and the every-minute schedule. `pollMs` (POSTERN_MONITOR_POLL_MS)
 * adds a tick job every so often from this process, for tests and for schedules that must not wait
 * up to a minute for pg-boss's clock.
 */
export function scheduleMonitors(
  jobs: JobQueue,
  scheduler: MonitorScheduler,
  runMonitor: (runId: string) => Promise<void>,
  reportError: (error: unknown) => void,
): void {
  jobs.work(MONITOR_TICK_JOB, async () => {
    await scheduler.tick();
  });
  jobs.work<{ runId: string }>(MONITOR_RUN_JOB, async ({ runId }) => {
    await runMonitor(runId);
  });
  jobs.schedule(MONITOR_TICK_JOB, MONITOR_TICK_CRON, {}, { tz: 'UTC' }).catch(reportError);
}

/** Sends a tick job every `ms` until stopped; several processes may do this at once. */
export function startMonitorPolling(jobs: JobQueue, ms: number, reportError: (error: unknown) => void): () => void {
  const timer = setInterval(() => {
    jobs.send(MONITOR_TICK_JOB, {}, { retryLimit: 0 }).catch(reportError);
  }, ms);
  return () => clearInterval(timer);
}
