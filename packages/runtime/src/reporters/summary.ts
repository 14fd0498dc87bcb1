/**
 * Builds Newman's run summary (stats, timings, transfers, failures) from run
 * events. Memory stays bounded: counters and running statistics only, plus the
 * failures themselves and small per-item state dropped when the item ends.
 */
import type {
  AssertionEvent,
  Cursor,
  ItemRef,
  Reporter,
  RequestEvent,
  RunError,
  RunEventName,
  RunEvents,
  RunFailure,
  RunSummary,
  ScriptEvent,
  StatCounter,
} from '../events.ts';

type StatName = keyof RunSummary['stats'];

export interface RunSummaryCollectorOptions {
  /** Clock for `timings.completed` (and `started` when no start event came). */
  now?: () => number;
}

/** Per-execution state, kept only while its item runs. */
interface OpenItem {
  /** Next assertion index per script kind, as Newman numbers `assertion:N`. */
  assertionIndex: { prerequest: number; test: number };
  /** Errors already listed as failures, so an `exception` repeating a script/request error is not listed twice. */
  recorded: Set<string>;
}

/** Running mean/variance (Welford), so no per-request values are stored. */
class RunningStats {
  count = 0;
  mean = 0;
  private m2 = 0;
  min = 0;
  max = 0;

  add(value: number): void {
    this.count += 1;
    const delta = value - this.mean;
    this.mean += delta / this.count;
    this.m2 += delta * (value - this.mean);
    this.min = this.count === 1 ? value : Math.min(this.min, value);
    this.max = this.count === 1 ? value : Math.max(this.max, value);
  }

  /** Population standard deviation, as Newman reports it. */
  get sd(): number {
    return this.count > 0 ? Math.sqrt(this.m2 / this.count) : 0;
  }
}

function counter(): StatCounter {
  return { total: 0, pending: 0, failed: 0 };
}

function copyError(error: RunError): RunError {
  const copy: RunError = { name: error.name || 'Error', message: error.message ?? '' };
  if (error.code !== undefined) copy.code = error.code;
  if (error.stack !== undefined) copy.stack = error.stack;
  return copy;
}

function sourceOf(item: ItemRef): ItemRef {
  return { id: item.id, name: item.name, path: [...(item.path ?? [])] };
}

export class RunSummaryCollector implements Reporter {
  readonly name = 'summary';
  private readonly now: () => number;
  private collectionName = '';
  private readonly stats: RunSummary['stats'] = {
    iterations: counter(),
    items: counter(),
    scripts: counter(),
    prerequests: counter(),
    requests: counter(),
    tests: counter(),
    assertions: counter(),
    testScripts: counter(),
    prerequestScripts: counter(),
  };
  private readonly responseTimes = new RunningStats();
  private responseTotal = 0;
  private started: number | undefined;
  private completed: number | undefined;
  private aborted = false;
  private readonly failures: RunFailure[] = [];
  private readonly openItems = new Map<string, OpenItem>();

  constructor(options: RunSummaryCollectorOptions = {}) {
    this.now = options.now ?? Date.now;
  }

  /** Number of failures so far; reporters use it to number failures as they happen. */
  get failureCount(): number {
    return this.failures.length;
  }

  /** Marks the run as stopped early (bail, abort); shows in `summary().aborted`. */
  markAborted(): void {
    this.aborted = true;
  }

  on<K extends RunEventName>(event: K, payload: RunEvents[K]): void {
    switch (event) {
      case 'start': {
        const start = payload as RunEvents['start'];
        this.collectionName = start.collectionName;
        this.started = start.startedAt;
        break;
      }
      case 'beforeIteration':
        this.begin('iterations');
        break;
      case 'iteration':
        this.end('iterations', false);
        break;
      case 'beforeItem':
        this.begin('items');
        this.openItem((payload as RunEvents['beforeItem']).cursor);
        break;
      case 'item':
        this.end('items', false);
        this.openItems.delete((payload as RunEvents['item']).cursor.ref);
        break;
      case 'prerequest':
      case 'test':
        this.onScript(payload as ScriptEvent);
        break;
      case 'beforeRequest':
        this.begin('requests');
        break;
      case 'request':
        this.onRequest(payload as RequestEvent);
        break;
      case 'assertion':
        this.onAssertion(payload as AssertionEvent);
        break;
      case 'exception': {
        const exception = payload as RunEvents['exception'];
        const at = exception.source === 'request' || exception.source === 'runner' ? exception.source : `${exception.source}-script`;
        this.addFailure(exception.error, at, exception.item, exception.cursor);
        break;
      }
      case 'done': {
        const done = payload as RunEvents['done'];
        if (done.summary?.aborted) this.aborted = true;
        this.completed ??= this.now();
        this.openItems.clear();
        break;
      }
      default:
        break;
    }
  }

  /** A snapshot of the summary; fills `completed` with the current time if the run has not finished. */
  summary(): RunSummary {
    const times = this.responseTimes;
    const stats = Object.fromEntries(
      Object.entries(this.stats).map(([name, value]) => [name, { ...value }]),
    ) as RunSummary['stats'];
    return {
      collectionName: this.collectionName,
      stats,
      timings: {
        responseAverage: times.mean,
        responseMin: times.min,
        responseMax: times.max,
        responseSd: times.sd,
        started: this.started ?? 0,
        completed: this.completed ?? this.now(),
      },
      transfers: { responseTotal: this.responseTotal },
      failures: [...this.failures],
      aborted: this.aborted,
    };
  }

  private begin(name: StatName): void {
    this.stats[name].pending += 1;
  }

  private end(name: StatName, failed: boolean): void {
    const stat = this.stats[name];
    if (stat.pending > 0) stat.pending -= 1;
    stat.total += 1;
    if (failed) stat.failed += 1;
  }

  private openItem(cursor: Cursor): OpenItem {
    let open = this.openItems.get(cursor.ref);
    if (!open) {
      open = { assertionIndex: { prerequest: 0, test: 0 }, recorded: new Set() };
      this.openItems.set(cursor.ref, open);
    }
    return open;
  }

  private onScript(script: ScriptEvent): void {
    const failed = Boolean(script.error);
    this.end(script.event === 'prerequest' ? 'prerequests' : 'tests', failed);
    this.end(script.event === 'prerequest' ? 'prerequestScripts' : 'testScripts', failed);
    this.end('scripts', failed);
    if (script.error) this.addFailure(script.error, `${script.event}-script`, script.item, script.cursor);
  }

  private onRequest(request: RequestEvent): void {
    this.end('requests', Boolean(request.error));
    if (request.error) {
      this.addFailure(request.error, 'request', request.item, request.cursor);
      return;
    }
    const response = request.response;
    if (!response) return;
    this.responseTimes.add(response.responseTime);
    // Newman's "total data received" sums response bodies.
    this.responseTotal += response.size?.body ?? 0;
  }

  private onAssertion(assertion: AssertionEvent): void {
    const open = this.openItem(assertion.cursor);
    const index = open.assertionIndex[assertion.event];
    open.assertionIndex[assertion.event] = index + 1;
    const failed = Boolean(assertion.error) && !assertion.skipped;
    this.end('assertions', failed);
    if (!failed || !assertion.error) return;
    this.failures.push({
      error: { ...copyError(assertion.error), name: assertion.error.name || 'AssertionError', test: assertion.assertion },
      at: `assertion:${index} in ${assertion.event}-script`,
      source: sourceOf(assertion.item),
      cursor: { ...assertion.cursor },
    });
  }

  private addFailure(error: RunError, at: string, item: ItemRef | undefined, cursor: Cursor | undefined): void {
    const open = cursor ? this.openItems.get(cursor.ref) : undefined;
    if (open) {
      const key = `${at}\u0000${error.name}\u0000${error.message}`;
      if (open.recorded.has(key)) return;
      open.recorded.add(key);
    }
    const failure: RunFailure = {
      error: copyError(error),
      at,
      source: item ? sourceOf(item) : { id: '', name: this.collectionName, path: [] },
    };
    if (cursor) failure.cursor = { ...cursor };
    this.failures.push(failure);
  }
}
