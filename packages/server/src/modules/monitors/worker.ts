/**
 * Runs one queued monitor run (the `monitors.run` job): the collection as its `run_as` person may
 * run it, through the shared server executor (egress guard, script sandbox), with the monitor's
 * options, an overall time limit and up to `retries` further attempts; then the notifications.
 */
import { RunConfigError, type ScriptHost } from '@postern/runtime';
import type { Clock } from '../../clock.ts';
import type { EgressGuard } from '../../egress/policy.ts';
import { AppError } from '../../errors.ts';
import { lazyIsolatedScriptHost } from '../../scripts/lazy-script-host.ts';
import { ResultCollector, runCollectionOnServer, runFailureMessage } from '../runs/execute.ts';
import type { RunResultRow } from '../runs/schema.ts';
import type { RunService } from '../runs/service.ts';
import type { MonitorRunCounts, MonitorRunStatus } from './schema.ts';
import type { MonitorRecord, MonitorStore } from './store.ts';

/** How long one attempt of a monitor run may take, all requests and scripts together (default 5 min). */
export const DEFAULT_RUN_TIME_LIMIT_MS = 5 * 60_000;

export interface AttemptOutcome {
  status: Exclude<MonitorRunStatus, 'queued' | 'running'>;
  counts: MonitorRunCounts;
  results: RunResultRow[];
  error: string | null;
}

export interface MonitorWorkerDeps {
  store: MonitorStore;
  runs: Pick<RunService, 'prepare'>;
  guard: EgressGuard;
  clock: Clock;
  /** Scripts run here; the isolated-vm sandbox by default. */
  createScriptHost?: () => ScriptHost;
  runTimeLimitMs?: number;
  /** Told about each finished run (notifications); must not throw. */
  afterRun: (monitorId: string, run: { id: string; status: AttemptOutcome['status'] }) => Promise<void>;
  reportError: (error: unknown) => void;
}

const emptyCounts = (): MonitorRunCounts => ({ requests: 0, assertionsPassed: 0, assertionsFailed: 0, errors: 0 });

export function createMonitorWorker(deps: MonitorWorkerDeps) {
  const { store, runs, guard, clock } = deps;
  const limitMs = deps.runTimeLimitMs ?? DEFAULT_RUN_TIME_LIMIT_MS;

  async function attempt(monitor: MonitorRecord): Promise<AttemptOutcome> {
    const failed = (error: string): AttemptOutcome => ({ status: 'error', counts: emptyCounts(), results: [], error });
    if (!monitor.runAs) return failed('Nobody to run as: the person this monitor ran as deleted their account. An editor should save the monitor to run it as them.');
    let prepared;
    try {
      prepared = await runs.prepare({ id: monitor.runAs, username: '', operator: false }, monitor.collectionId, {
        ...(monitor.environmentId && { environmentId: monitor.environmentId }),
      });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      // No longer an editor of the workspace, or the collection cannot be parsed any more.
      return failed(`The monitor cannot run: ${error.message} An editor should check the monitor and save it again.`);
    }
    const collector = new ResultCollector();
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), limitMs);
    let error: string | null = null;
    try {
      await runCollectionOnServer({
        collection: prepared.collection,
        ...(prepared.environment && { environment: prepared.environment }),
        globals: prepared.globals,
        iterations: 1,
        delayMs: monitor.options.requestDelayMs,
        timeoutRequestMs: monitor.options.requestTimeoutMs,
        followRedirects: monitor.options.followRedirects,
        insecure: !monitor.options.verifyTls,
        guard,
        createScriptHost: deps.createScriptHost ?? lazyIsolatedScriptHost,
        reporters: [collector],
        signal: abort.signal,
      });
    } catch (failure) {
      if (!abort.signal.aborted) {
        error = runFailureMessage(failure);
        // A configuration problem is the monitor's to fix; anything else is the server's.
        if (!(failure instanceof RunConfigError)) deps.reportError(failure);
      }
    } finally {
      clearTimeout(timer);
    }
    if (abort.signal.aborted) error = `The run took longer than ${Math.round(limitMs / 1000)} s and was stopped.`;
    const { counts } = collector.summary;
    const status = error !== null || counts.errors > 0 ? 'error' : counts.assertionsFailed > 0 ? 'failed' : 'passed';
    return { status, counts: { ...counts }, results: collector.results, error };
  }

  return {
    /** Runs the run if it is still queued (a job delivered twice runs it once). */
    async run(runId: string): Promise<void> {
      const run = await store.startRun(runId, clock());
      if (!run) return;
      const monitor = await store.find(run.monitorId);
      if (!monitor) return;
      const started = performance.now();
      let outcome: AttemptOutcome;
      let attempts = 0;
      try {
        do {
          attempts++;
          outcome = await attempt(monitor);
        } while (outcome.status !== 'passed' && attempts <= monitor.options.retries);
      } catch (error) {
        deps.reportError(error);
        outcome = { status: 'error', counts: emptyCounts(), results: [], error: 'The run stopped on an unexpected error.' };
      }
      const times = outcome.results.flatMap((r) => (r.timeMs === null ? [] : [r.timeMs]));
      await store.finishRun(runId, {
        status: outcome.status,
        attempts,
        counts: outcome.counts,
        results: outcome.results,
        error: outcome.error,
        durationMs: Math.round(performance.now() - started),
        avgResponseMs: times.length ? Math.round(times.reduce((a, b) => a + b, 0) / times.length) : null,
        maxResponseMs: times.length ? Math.max(...times) : null,
        finishedAt: clock(),
      });
      await deps.afterRun(monitor.id, { id: runId, status: outcome.status }).catch(deps.reportError);
    },
  };
}

export type MonitorWorker = ReturnType<typeof createMonitorWorker>;
