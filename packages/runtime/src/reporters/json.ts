/**
 * Newman's JSON summary (`collection`, `environment`, `globals`, `run`).
 *
 * Executions are kept compactly: request and response metadata and headers,
 * assertions and script errors, but never bodies. A report of a long run
 * therefore grows with the number of requests, not with their payloads.
 */
import type { VariableList } from '@postern/collection';
import type {
  AssertionEvent,
  Cursor,
  ItemEventBase,
  Reporter,
  RequestEvent,
  RunError,
  RunEventName,
  RunEvents,
  RunSummary,
  ScriptEvent,
} from '../events.ts';
import { ExecutionReport } from './execution-report.ts';
import { createFileReporter } from './file-reporter.ts';
import type { FileReporterState, ReporterOptions } from './options.ts';

interface Header {
  key: string;
  value: string;
}

export interface JsonExecution {
  id: string;
  cursor: Cursor;
  item: { id: string; name: string };
  request?: { method: string; url: string; header: Header[] };
  response?: {
    code: number;
    status: string;
    responseTime: number;
    responseSize: number;
    header: Header[];
  };
  requestError?: RunError;
  prerequestScript?: Array<{ error: RunError }>;
  testScript?: Array<{ error: RunError }>;
  assertions?: Array<{ assertion: string; skipped: boolean; error?: RunError & { test: string } }>;
}

export interface JsonReport {
  collection: { info: { name: string } };
  environment: VariableList;
  globals: VariableList;
  run: {
    stats: RunSummary['stats'];
    timings: RunSummary['timings'];
    executions: JsonExecution[];
    transfers: RunSummary['transfers'];
    failures: RunSummary['failures'];
    error: RunError | null;
  };
}

function headers(list: Header[] | undefined): Header[] {
  return (list ?? []).map(({ key, value }) => ({ key, value }));
}

function plainError(error: RunError): RunError {
  const copy: RunError = { name: error.name, message: error.message };
  if (error.code !== undefined) copy.code = error.code;
  if (error.stack !== undefined) copy.stack = error.stack;
  return copy;
}

/** Collects executions and assembles the report; separate from file writing so it can be tested and reused. */
export class JsonReportBuilder extends ExecutionReport<JsonExecution, JsonReport> {
  private readonly executions: JsonExecution[] = [];

  protected openRecord({ cursor, item }: ItemEventBase): JsonExecution {
    return { id: item.id, cursor: { ...cursor }, item: { id: item.id, name: item.name } };
  }

  protected onItemEvent<K extends RunEventName>(event: K, payload: RunEvents[K]): void {
    if (event === 'request') this.onRequest(payload as RequestEvent);
    else if (event === 'prerequest' || event === 'test') this.onScript(payload as ScriptEvent);
    else if (event === 'assertion') this.onAssertion(payload as AssertionEvent);
  }

  protected close(execution: JsonExecution): void {
    this.executions.push(execution);
  }

  private onRequest(event: RequestEvent): void {
    const execution = this.record(event);
    execution.request = { method: event.request.method, url: event.request.url, header: headers(event.request.headers) };
    if (event.response) {
      execution.response = {
        code: event.response.code,
        status: event.response.status,
        responseTime: event.response.responseTime,
        responseSize: event.response.size.body,
        header: headers(event.response.headers),
      };
    }
    if (event.error) execution.requestError = plainError(event.error);
  }

  private onScript(event: ScriptEvent): void {
    if (!event.error) return;
    const execution = this.record(event);
    const key = event.event === 'prerequest' ? 'prerequestScript' : 'testScript';
    (execution[key] ??= []).push({ error: plainError(event.error) });
  }

  private onAssertion(event: AssertionEvent): void {
    const execution = this.record(event);
    const entry: NonNullable<JsonExecution['assertions']>[number] = { assertion: event.assertion, skipped: event.skipped };
    if (event.error) entry.error = { ...plainError(event.error), test: event.assertion };
    (execution.assertions ??= []).push(entry);
  }

  protected render(done: RunEvents['done']): JsonReport {
    const summary = done.summary;
    return {
      collection: { info: { name: summary.collectionName || this.collectionName } },
      environment: done.environment ?? { values: [] },
      globals: done.globals ?? { values: [] },
      run: {
        stats: summary.stats,
        timings: summary.timings,
        executions: this.executions,
        transfers: summary.transfers,
        failures: summary.failures,
        error: done.error ? plainError(done.error) : null,
      },
    };
  }
}

export function createJsonReporter(options: ReporterOptions = {}): Reporter & FileReporterState {
  const builder = new JsonReportBuilder();
  return createFileReporter('json', 'json', options, builder, () => {
    const report = builder.result();
    return report && { text: `${JSON.stringify(report, null, 2)}\n`, collectionName: report.collection.info.name };
  });
}
