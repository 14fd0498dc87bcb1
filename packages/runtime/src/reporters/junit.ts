/**
 * JUnit XML as Jenkins and GitLab read it: one <testsuite> per executed item
 * (per iteration), one <testcase> per assertion, request and script errors as
 * <error> test cases. Each suite is rendered to a string when its item ends;
 * only those strings are kept until the file is written.
 */
import type {
  AssertionEvent,
  Cursor,
  ItemEventBase,
  ItemRef,
  Reporter,
  RequestEvent,
  RunError,
  RunEventName,
  RunEvents,
  ScriptEvent,
} from '../events.ts';
import { ExecutionReport, executionOf } from './execution-report.ts';
import { createFileReporter } from './file-reporter.ts';
import { fullName } from './format.ts';
import type { FileReporterState, ReporterOptions } from './options.ts';
import { escapeXmlAttribute as attr, escapeXmlText as text } from './xml.ts';

interface OpenSuite {
  item: ItemRef;
  cursor: Cursor;
  startedAt: number;
  request?: string;
  responseTime: number;
  assertionIndex: number;
  cases: string[];
  failures: number;
  errors: number;
  skipped: number;
  /** Errors already written, so an `exception` repeating a script/request error adds no second case. */
  recorded: Set<string>;
}

function seconds(ms: number): string {
  return (Math.max(0, ms) / 1000).toFixed(3);
}

/** JUnit's schema wants a local-less ISO timestamp without zone; we give UTC. */
function junitTimestamp(at: number): string {
  return new Date(at).toISOString().replace(/\.\d{3}Z$/, '');
}

/** Dotted class name Jenkins shows as package tree: Collection.Folder.Item. */
function className(collection: string, item: ItemRef): string {
  return [collection, ...(item.path ?? []), item.name].map((part) => part.replace(/\./g, '_').trim() || '_').join('.');
}

function errorBody(lines: Array<string | undefined>): string {
  return text(lines.filter((line) => line !== undefined && line !== '').join('\n'));
}

export class JunitReportBuilder extends ExecutionReport<OpenSuite, string> {
  private readonly suites: string[] = [];
  private totals = { tests: 0, failures: 0, errors: 0, skipped: 0, time: 0 };

  constructor(private readonly now: () => number = Date.now) {
    super();
  }

  protected onItemEvent<K extends RunEventName>(event: K, payload: RunEvents[K]): void {
    switch (event) {
      case 'request':
        this.onRequest(payload as RequestEvent);
        break;
      case 'prerequest':
      case 'test': {
        const script = payload as ScriptEvent;
        if (script.error) this.addError(script, `${script.event}-script`, script.error);
        break;
      }
      case 'exception': {
        const exception = payload as RunEvents['exception'];
        const at = exception.source === 'request' || exception.source === 'runner' ? exception.source : `${exception.source}-script`;
        this.addError(exception, at, exception.error);
        break;
      }
      case 'assertion':
        this.onAssertion(payload as AssertionEvent);
        break;
      default:
        break;
    }
  }

  protected openRecord(event: ItemEventBase): OpenSuite {
    return {
      ...executionOf(event),
      startedAt: this.now(),
      responseTime: 0,
      assertionIndex: 0,
      cases: [],
      failures: 0,
      errors: 0,
      skipped: 0,
      recorded: new Set(),
    };
  }

  private onRequest(event: RequestEvent): void {
    const suite = this.record(event);
    suite.request = `${event.request.method} ${event.request.url}`;
    if (event.response) suite.responseTime = event.response.responseTime;
    if (event.error) this.addError(event, 'request', event.error);
  }

  private addError(event: { cursor: Cursor; item: ItemRef }, at: string, error: RunError): void {
    const suite = this.record(event);
    const key = `${at}\u0000${error.name}\u0000${error.message}`;
    if (suite.recorded.has(key)) return;
    suite.recorded.add(key);
    suite.errors += 1;
    const type = error.name || 'Error';
    suite.cases.push(
      `    <testcase name="${attr(`${type} in ${at}`)}" classname="${attr(className(this.collectionName, suite.item))}" time="0.000">\n` +
        `      <error type="${attr(type)}" message="${attr(error.message)}">${errorBody([
          error.message,
          `at ${at}`,
          suite.request && `request: ${suite.request}`,
          `iteration: ${suite.cursor.iteration + 1}`,
          error.stack,
        ])}</error>\n` +
        '    </testcase>',
    );
  }

  private onAssertion(event: AssertionEvent): void {
    const suite = this.record(event);
    const index = suite.assertionIndex++;
    const open = `    <testcase name="${attr(event.assertion)}" classname="${attr(className(this.collectionName, suite.item))}" time="0.000"`;
    if (event.skipped) {
      suite.skipped += 1;
      suite.cases.push(`${open}>\n      <skipped/>\n    </testcase>`);
    } else if (event.error) {
      suite.failures += 1;
      const message = event.error.message;
      suite.cases.push(
        `${open}>\n` +
          `      <failure type="AssertionFailure" message="${attr(message)}">${errorBody([
            `${event.error.name || 'AssertionError'}: ${message}`,
            `at assertion:${index} in ${event.event}-script`,
            suite.request && `request: ${suite.request}`,
            `iteration: ${suite.cursor.iteration + 1}`,
            event.error.stack,
          ])}</failure>\n` +
          '    </testcase>',
      );
    } else {
      suite.cases.push(`${open}/>`);
    }
  }

  protected close(suite: OpenSuite): void {
    const tests = suite.cases.length;
    this.totals.tests += tests;
    this.totals.failures += suite.failures;
    this.totals.errors += suite.errors;
    this.totals.skipped += suite.skipped;
    this.totals.time += suite.responseTime;
    const head =
      `  <testsuite name="${attr(fullName(suite.item))}" id="${attr(suite.item.id)}" tests="${tests}" ` +
      `failures="${suite.failures}" errors="${suite.errors}" skipped="${suite.skipped}" ` +
      `time="${seconds(suite.responseTime)}" timestamp="${junitTimestamp(suite.startedAt)}">\n` +
      `    <properties>\n      <property name="iteration" value="${suite.cursor.iteration + 1}"/>\n    </properties>`;
    this.suites.push(tests > 0 ? `${head}\n${suite.cases.join('\n')}\n  </testsuite>` : `${head}\n  </testsuite>`);
  }

  protected render(): string {
    const t = this.totals;
    return (
      '<?xml version="1.0" encoding="UTF-8"?>\n' +
      `<testsuites name="${attr(this.collectionName)}" tests="${t.tests}" failures="${t.failures}" ` +
      `errors="${t.errors}" skipped="${t.skipped}" time="${seconds(t.time)}">\n` +
      (this.suites.length > 0 ? `${this.suites.join('\n')}\n` : '') +
      '</testsuites>\n'
    );
  }
}

export function createJunitReporter(options: ReporterOptions = {}): Reporter & FileReporterState {
  const builder = new JunitReportBuilder(options.now ?? Date.now);
  return createFileReporter('junit', 'xml', options, builder, () => {
    const xml = builder.result();
    return xml === undefined ? undefined : { text: xml, collectionName: builder.name };
  });
}
