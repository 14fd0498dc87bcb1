/**
 * Running a stored collection on the server, shared by collection runs (service.ts) and monitors:
 * the runtime's runner with the egress-guarded dispatcher (P18), the isolated-vm script sandbox,
 * no working directory, and a collector that turns the run's events into counts and result rows.
 */
import type { Collection, VariableScope } from '@postern/collection';
import { RunConfigError, runCollection, type DataRow, type Reporter, type RunEventName, type RunEvents, type ScriptHost } from '@postern/runtime';
import { createGuardedDispatcher } from '../../egress/dispatcher.ts';
import type { EgressGuard } from '../../egress/policy.ts';
import { DEFAULT_MAX_RESPONSE_BYTES } from '../send/service.ts';
import type { RunAssertion, RunResultRow, RunSummaryView } from './schema.ts';

/** Stored per-request results stop here (the counts and reports still cover the whole run). */
export const MAX_STORED_RESULTS = 10_000;

export interface ServerRunInput {
  collection: Collection;
  environment?: VariableScope;
  globals: VariableScope;
  iterations: number;
  data?: DataRow[];
  delayMs: number;
  timeoutRequestMs: number;
  followRedirects: boolean;
  /** Skip TLS certificate checks. */
  insecure: boolean;
  guard: EgressGuard;
  createScriptHost: () => ScriptHost;
  reporters: Reporter[];
  signal: AbortSignal;
}

/** Runs the collection to its end (or the signal); the reporters receive everything that happened. */
export async function runCollectionOnServer(input: ServerRunInput): Promise<void> {
  const http = createGuardedDispatcher(input.guard, { insecure: input.insecure });
  const scriptHost = input.createScriptHost();
  try {
    await runCollection({
      collection: input.collection,
      ...(input.environment && { environment: input.environment }),
      globals: input.globals,
      iterationCount: input.iterations,
      ...(input.data && { data: input.data }),
      ...(input.delayMs > 0 ? { delayRequest: input.delayMs } : {}),
      timeoutRequest: input.timeoutRequestMs,
      // Scripts see at most this much of each body, so one run cannot fill the server's memory.
      maxBodyBytes: DEFAULT_MAX_RESPONSE_BYTES,
      ...(!input.followRedirects && { ignoreRedirects: true }),
      // No working dir the scripts or file bodies could read: the server's own disk is not content.
      workingDir: null,
      dispatcher: http,
      scriptHost,
      reporters: input.reporters,
      signal: input.signal,
      env: {},
    });
  } finally {
    scriptHost.dispose();
    await http.close().catch(() => undefined);
  }
}

/** What a run that stopped on `error` tells its reader (configuration errors say what to fix). */
export function runFailureMessage(error: unknown): string {
  return error instanceof RunConfigError ? error.message : 'The run stopped on an unexpected error.';
}

export const emptySummary = (): RunSummaryView => ({
  progress: { done: 0, total: 0 },
  counts: { requests: 0, assertionsPassed: 0, assertionsFailed: 0, errors: 0 },
});

/** Collects a run's events into the stored view: progress, counts and one row per request. */
export class ResultCollector implements Reporter {
  readonly name = 'server';
  readonly summary = emptySummary();
  readonly results: RunResultRow[] = [];
  private readonly open = new Map<string, RunResultRow>();

  on<K extends RunEventName>(name: K, payload: RunEvents[K]): void {
    if (name === 'start') {
      const start = payload as RunEvents['start'];
      this.summary.progress.total = start.itemCount * start.iterationCount;
    } else if (name === 'beforeItem') {
      const { cursor, item } = payload as RunEvents['beforeItem'];
      const row: RunResultRow = {
        iteration: cursor.iteration,
        itemId: item.id,
        path: [...(item.path ?? [])],
        name: item.name,
        method: '',
        url: '',
        status: null,
        timeMs: null,
        size: null,
        assertions: [],
      };
      this.open.set(cursor.ref, row);
      if (this.results.length < MAX_STORED_RESULTS) this.results.push(row);
      else this.summary.resultsTruncated = true;
    } else if (name === 'request') {
      const event = payload as RunEvents['request'];
      const row = this.open.get(event.cursor.ref);
      this.summary.counts.requests++;
      if (event.error) this.summary.counts.errors++;
      if (!row) return;
      row.method = event.request.method;
      row.url = event.request.url;
      if (event.response) {
        row.status = event.response.code;
        row.timeMs = Math.round(event.response.responseTime);
        row.size = event.response.size.total;
      }
      if (event.error) row.error = event.error.message;
    } else if (name === 'assertion') {
      const event = payload as RunEvents['assertion'];
      if (event.skipped) return;
      const passed = !event.error;
      if (passed) this.summary.counts.assertionsPassed++;
      else this.summary.counts.assertionsFailed++;
      const assertion: RunAssertion = { name: event.assertion, passed, ...(event.error && { error: event.error.message }) };
      this.open.get(event.cursor.ref)?.assertions.push(assertion);
    } else if (name === 'prerequest' || name === 'test') {
      const event = payload as RunEvents['test'];
      if (!event.error) return;
      this.summary.counts.errors++;
      const row = this.open.get(event.cursor.ref);
      if (row && !row.error) row.error = `${event.event} script: ${event.error.message}`;
    } else if (name === 'item') {
      const { cursor } = payload as RunEvents['item'];
      this.open.delete(cursor.ref);
      this.summary.progress.done = Math.min(this.summary.progress.done + 1, this.summary.progress.total);
    }
  }
}

