/**
 * The terminal reporter, laid out like Newman's: item and request lines as
 * the run goes, then the summary table and the numbered failures. Off a TTY
 * nothing depends on the terminal (no spinner, no width), so logs are stable.
 */
import { STATUS_CODES } from 'node:http';
import { inspect } from 'node:util';
import Table from 'cli-table3';
import type {
  AssertionEvent,
  ConsoleEvent,
  ReceivedResponse,
  Reporter,
  RequestEvent,
  RunEventName,
  RunEvents,
  RunFailure,
  RunSummary,
  SentRequest,
  Timings,
} from '../events.ts';
import { colorsFor } from './colors.ts';
import type { Colors } from './colors.ts';
import { formatDuration, formatSize, fullName } from './format.ts';
import { isTty } from './options.ts';
import type { ReporterOptions } from './options.ts';
import { RunSummaryCollector } from './summary.ts';

const SYMBOLS = {
  folder: '❏',
  root: '→',
  sub: '↳',
  ok: '✓',
  scriptError: '⠄',
  consoleTop: '┌',
  consoleMiddle: '│',
  consoleBottom: '└',
};

/** cli-table3 characters for a borderless table. */
const BLANK_TABLE_CHARS = {
  top: '',
  'top-mid': '',
  'top-left': '',
  'top-right': '',
  bottom: '',
  'bottom-mid': '',
  'bottom-left': '',
  'bottom-right': '',
  left: '',
  'left-mid': '',
  mid: '',
  'mid-mid': '',
  right: '',
  'right-mid': '',
  middle: ' ',
};

const LIVE_REDRAW_MS = 100;

type Paint = (text: string) => string;

function consoleColor(c: Colors, level: ConsoleEvent['level']): Paint {
  switch (level) {
    case 'info':
      return c.cyan;
    case 'warn':
      return c.yellow;
    case 'error':
      return c.red;
    case 'debug':
      return c.blue;
    default:
      return c.gray;
  }
}

function formatConsoleMessages(messages: unknown[]): string {
  return messages
    .map((message) => (typeof message === 'string' ? message : inspect(message, { depth: 5, colors: false, breakLength: 100 })))
    .join(' ');
}

function statusText(response: ReceivedResponse): string {
  return response.status || STATUS_CODES[response.code] || '';
}

/** Durations of each connection phase, from Timings' offsets since the request started. */
export function timingPhases(timings: Timings): Array<[string, number]> {
  const phases: Array<[string, number]> = [];
  let previous = 0;
  const offsets: Array<[string, number | undefined]> = [
    ['wait', timings.wait],
    ['dns-lookup', timings.dns],
    ['tcp-handshake', timings.tcp],
    ['ssl-handshake', timings.tls],
    ['transfer-start', timings.firstByte],
  ];
  for (const [label, offset] of offsets) {
    if (offset === undefined) continue;
    phases.push([label, Math.max(0, offset - previous)]);
    previous = Math.max(previous, offset);
  }
  phases.push(['download', Math.max(0, timings.total - timings.firstByte)]);
  phases.push(['total', timings.total]);
  return phases;
}

export function renderSummaryTable(summary: RunSummary, c: Colors): string {
  const table = new Table({
    head: ['', 'executed', '  failed'],
    colAligns: ['right', 'right', 'right'],
    colWidths: [25, 19, 18],
    style: { head: [], border: [] },
  });
  const rows: Array<[keyof RunSummary['stats'], string]> = [
    ['iterations', 'iterations'],
    ['requests', 'requests'],
    ['testScripts', 'test-scripts'],
    ['prerequestScripts', 'prerequest-scripts'],
    ['assertions', 'assertions'],
  ];
  for (const [key, label] of rows) {
    const stat = summary.stats[key];
    const paintLabel = stat.failed ? c.red : stat.pending ? (text: string) => text : c.green;
    table.push([paintLabel(label), String(stat.total), stat.failed ? c.red(String(stat.failed)) : String(stat.failed)]);
  }
  const { timings } = summary;
  const wide = (content: string) => [{ colSpan: 3, content, hAlign: 'left' as const }];
  table.push(wide(`total run duration: ${formatDuration(Math.max(0, timings.completed - timings.started))}`));
  table.push(wide(`total data received: ${formatSize(summary.transfers.responseTotal)} (approx)`));
  if (summary.stats.requests.total - summary.stats.requests.failed > 0) {
    table.push(
      wide(
        `average response time: ${formatDuration(timings.responseAverage)} ` +
          `[min: ${formatDuration(timings.responseMin)}, max: ${formatDuration(timings.responseMax)}, ` +
          `s.d.: ${formatDuration(timings.responseSd)}]`,
      ),
    );
  }
  return table.toString();
}

export function renderFailureTable(failures: RunFailure[], c: Colors, width?: number): string {
  const indexWidth = String(failures.length).length;
  const colWidths: number[] = [];
  if (width && width > 20) {
    colWidths[0] = indexWidth + 3;
    colWidths[1] = Math.floor((width - colWidths[0]) * 0.2);
    colWidths[2] = Math.floor(width - (colWidths[0] + colWidths[1] + 5));
  }
  const table = new Table({
    head: [c.red(c.underline('#')), c.red(c.underline('failure')), c.red(c.underline('detail'))],
    chars: BLANK_TABLE_CHARS,
    colAligns: ['right', 'left', 'left'],
    style: { head: [], border: [], 'padding-left': 1, 'padding-right': 1 },
    wordWrap: colWidths.length > 0,
    ...(colWidths.length > 0 ? { colWidths } : {}),
  });
  failures.forEach((failure, index) => {
    let name = failure.error.name || 'Error';
    if (failure.cursor && failure.cursor.iterationCount > 1) name += `\n${c.gray(`iteration: ${failure.cursor.iteration + 1}`)}`;
    const detail: string[] = [];
    if (failure.error.test) detail.push(failure.error.test);
    detail.push(c.gray(failure.error.message || ''));
    detail.push(c.gray(`at ${failure.at}`));
    if (failure.source.name || failure.source.path.length) detail.push(c.gray(`inside "${fullName(failure.source)}"`));
    table.push([`${String(index + 1).padStart(indexWidth, ' ')}.`, name, detail.join('\n')]);
  });
  return table.toString();
}

class CliReporter implements Reporter {
  readonly name = 'cli';
  private readonly out: NonNullable<ReporterOptions['out']>;
  private readonly c: Colors;
  private readonly now: () => number;
  private readonly failures: RunSummaryCollector;
  private readonly live: boolean;
  private iterationCount = 1;
  private currentGroup: string | undefined;
  private requestLineOpen = false;
  // Live progress state.
  private expectedRequests = 0;
  private requestsDone = 0;
  private startedAt = 0;
  private lastDraw = Number.NEGATIVE_INFINITY;

  constructor(private readonly options: ReporterOptions) {
    this.out = options.out ?? process.stdout;
    this.c = colorsFor(options.color, this.out);
    this.now = options.now ?? Date.now;
    this.failures = new RunSummaryCollector({ now: this.now });
    this.live = Boolean(options.progress) && isTty(this.out);
  }

  on<K extends RunEventName>(event: K, payload: RunEvents[K]): void {
    if (this.options.silent) return;
    this.handle(event, payload);
    if (event === 'done') this.flush();
  }

  private handle<K extends RunEventName>(event: K, payload: RunEvents[K]): void {
    const failuresBefore = this.failures.failureCount;
    this.failures.on(event, payload);
    const newFailure = this.failures.failureCount > failuresBefore;
    switch (event) {
      case 'start':
        this.onStart(payload as RunEvents['start']);
        return;
      case 'done':
        this.onDone(payload as RunEvents['done']);
        return;
      default:
        break;
    }
    if (this.live) {
      this.onLiveEvent(event);
      return;
    }
    switch (event) {
      case 'beforeIteration':
        this.onBeforeIteration(payload as RunEvents['beforeIteration']);
        break;
      case 'beforeItem':
        this.onBeforeItem(payload as RunEvents['beforeItem']);
        break;
      case 'beforeRequest':
        this.openRequestLine((payload as RunEvents['beforeRequest']).request);
        break;
      case 'request':
        this.onRequest(payload as RequestEvent);
        break;
      case 'prerequest':
      case 'test': {
        const script = payload as RunEvents['test'];
        if (script.error && newFailure) this.printScriptError(script.error.name, `${script.event}-script`);
        break;
      }
      case 'exception': {
        const exception = payload as RunEvents['exception'];
        // Request errors already show on the request line.
        if (newFailure && exception.source !== 'request') {
          const at = exception.source === 'runner' ? 'runner' : `${exception.source}-script`;
          this.printScriptError(exception.error.name, at);
        }
        break;
      }
      case 'assertion':
        if (!this.options.noAssertions) this.onAssertion(payload as AssertionEvent);
        break;
      case 'console':
        if (!this.options.noConsole) this.onConsole(payload as ConsoleEvent);
        break;
      default:
        break;
    }
  }

  private pending = '';
  private flushTimer: NodeJS.Timeout | undefined;

  /**
   * Output is gathered and written at most every 50 ms (or every 16 KB): a write to a
   * pipe costs a system call, and one per request cost a fifth of the runner's
   * throughput. 50 ms still reads as live on a terminal.
   */
  private write(text: string): void {
    this.pending += text;
    if (this.pending.length > 16_384) this.flush();
    else this.flushTimer ??= setTimeout(() => this.flush(), 50).unref();
  }

  private flush(): void {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    if (!this.pending) return;
    this.out.write(this.pending);
    this.pending = '';
  }

  private onStart(start: RunEvents['start']): void {
    this.iterationCount = start.iterationCount;
    this.expectedRequests = start.itemCount * start.iterationCount;
    this.startedAt = start.startedAt;
    if (!this.options.noBanner) this.write(`${this.c.reset('postern')}\n\n`);
    this.write(`${this.c.reset(start.collectionName)}\n`);
  }

  private onBeforeIteration(iteration: RunEvents['beforeIteration']): void {
    this.currentGroup = undefined;
    if (iteration.iterationCount <= 1) return;
    this.write(`\n${this.c.gray(this.c.underline(`Iteration ${iteration.iteration + 1}/${iteration.iterationCount}`))}\n`);
  }

  private onBeforeItem({ item }: RunEvents['beforeItem']): void {
    const path = item.path ?? [];
    const group = path.join('\u0000');
    if (path.length > 0 && group !== this.currentGroup) {
      this.write(`\n${SYMBOLS.folder} ${this.c.reset(path.join(' / '))}`);
    }
    this.currentGroup = group;
    this.write(`\n${path.length > 0 ? SYMBOLS.sub : SYMBOLS.root} ${this.c.reset(item.name)}\n`);
  }

  private openRequestLine(request: SentRequest): void {
    this.write(`  ${this.c.gray(request.method)} ${this.c.gray(request.url)} `);
    this.requestLineOpen = true;
  }

  private onRequest(event: RequestEvent): void {
    const c = this.c;
    if (!this.requestLineOpen) this.openRequestLine(event.request);
    this.requestLineOpen = false;
    if (event.error || !event.response) {
      const message = event.error?.message ?? 'no response';
      this.write(`${c.red('[errored]')}\n${c.red(`     ${message}`)}\n`);
      return;
    }
    const response = event.response;
    const status = statusText(response);
    this.write(
      `${c.gray(`[${response.code}${status ? ` ${status}` : ''}, ${formatSize(response.size.total)}, ${formatDuration(response.responseTime)}]`)}\n`,
    );
    if (this.options.verbose) this.printVerbose(event.request, response);
  }

  private printVerbose(request: SentRequest, response: ReceivedResponse): void {
    const c = this.c;
    const lines: string[] = [];
    lines.push(`  ${c.gray('↑')} ${request.method} ${request.url} ${c.gray(`(body ${formatSize(request.bodySize)})`)}`);
    for (const header of request.headers) lines.push(`    ${header.key}: ${c.gray(header.value)}`);
    lines.push(`  ${c.gray('↓')} ${response.code} ${statusText(response)} ${c.gray(`(body ${formatSize(response.size.body)})`)}`);
    for (const header of response.headers) lines.push(`    ${header.key}: ${c.gray(header.value)}`);
    const phases = timingPhases(response.timings);
    lines.push(`  ${c.gray('timings:')} ${phases.map(([label, ms]) => `${label} ${formatDuration(ms)}`).join(c.gray(' · '))}`);
    this.write(`${lines.join('\n')}\n`);
  }

  private printScriptError(name: string, at: string): void {
    const number = String(this.failures.failureCount).padStart(3, ' ');
    this.write(`${this.c.bold(this.c.red(`${number}${SYMBOLS.scriptError} ${name || 'Error'} in ${at}`))}\n`);
  }

  private onAssertion(assertion: AssertionEvent): void {
    const c = this.c;
    const failed = Boolean(assertion.error) && !assertion.skipped;
    if (!failed && this.options.noSuccessAssertions) return;
    if (assertion.skipped) {
      this.write(`${c.cyan('  - ')} ${c.cyan(`[skipped] ${assertion.assertion}`)}\n`);
    } else if (!assertion.error) {
      this.write(`${c.green(`  ${SYMBOLS.ok} `)} ${c.gray(assertion.assertion)}\n`);
    } else {
      const number = String(this.failures.failureCount).padStart(3, ' ');
      this.write(`${c.bold(c.red(`${number}.`))} ${c.bold(c.red(assertion.assertion))}\n`);
    }
  }

  private onConsole(event: ConsoleEvent): void {
    const paint = consoleColor(this.c, event.level);
    const body = formatConsoleMessages(event.messages)
      .split(/\r?\n/)
      .map((line) => `${paint(`  ${SYMBOLS.consoleMiddle}`)} ${this.c.gray(line)}`);
    this.write(`${paint(`  ${SYMBOLS.consoleTop} ${event.level}`)}\n${body.join('\n')}\n${paint(`  ${SYMBOLS.consoleBottom}`)}\n`);
  }

  private onLiveEvent(event: RunEventName): void {
    if (event === 'request') this.requestsDone += 1;
    if (event !== 'request' && event !== 'assertion' && event !== 'exception') return;
    const now = this.now();
    if (now - this.lastDraw < LIVE_REDRAW_MS) return;
    this.lastDraw = now;
    this.drawLive(now);
  }

  private drawLive(now: number): void {
    const total = Math.max(this.expectedRequests, this.requestsDone);
    const seconds = Math.max((now - this.startedAt) / 1000, 0.001);
    const rps = (this.requestsDone / seconds).toFixed(1);
    const failed = this.failures.failureCount;
    const failedText = failed ? this.c.red(`${failed} failed`) : this.c.green('0 failed');
    this.write(`\r\x1b[2K  ${this.requestsDone}/${total} requests · ${rps} rps · ${failedText}`);
  }

  private onDone(done: RunEvents['done']): void {
    if (this.live) {
      this.drawLive(this.now());
      this.write('\n');
    }
    const summary = done.summary;
    if (!this.options.noSummary) this.write(`\n${renderSummaryTable(summary, this.c)}\n`);
    if (summary.failures.length > 0 && !this.options.noFailures) {
      const width = isTty(this.out) ? (this.out as NodeJS.WriteStream).columns : undefined;
      this.write(`\n${renderFailureTable(summary.failures, this.c, width)}\n`);
    }
    if (done.error) this.write(`\n${this.c.red(`error: ${done.error.message}`)}\n`);
  }
}

export function createCliReporter(options: ReporterOptions = {}): Reporter {
  return new CliReporter(options);
}
