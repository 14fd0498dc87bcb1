/**
 * One self-contained HTML page: inline CSS, no scripts, no external assets
 * (a Content-Security-Policy forbids them). Each request's row is rendered to
 * a string when its item ends; only those strings are kept until the end.
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
  RunFailure,
  RunSummary,
  ScriptEvent,
} from '../events.ts';
import { ExecutionReport, executionOf } from './execution-report.ts';
import { createFileReporter } from './file-reporter.ts';
import { formatDuration, formatSize, fullName } from './format.ts';
import type { FileReporterState, ReporterOptions } from './options.ts';
import { stripInvalidXmlChars } from './xml.ts';

export function escapeHtml(value: unknown): string {
  return stripInvalidXmlChars(String(value ?? ''))
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const e = escapeHtml;

const STYLE = `
:root { color-scheme: light dark; --ok: #1a7f37; --fail: #cf222e; --skip: #8250df; --muted: #6e7781; --line: #d0d7de; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0 auto; padding: 24px; max-width: 1200px; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 17px; margin: 28px 0 8px; }
.meta { color: var(--muted); margin: 0; }
table { border-collapse: collapse; width: 100%; }
th, td { border-bottom: 1px solid var(--line); padding: 6px 8px; text-align: left; vertical-align: top; }
th { font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.stats { width: auto; min-width: 420px; }
.ok { color: var(--ok); }
.fail { color: var(--fail); }
.skip { color: var(--skip); }
.muted { color: var(--muted); }
.url { word-break: break-all; font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 13px; }
ul.assertions { list-style: none; margin: 0; padding: 0; }
ul.assertions li { margin: 0; }
ol.failures li { margin-bottom: 10px; }
pre { white-space: pre-wrap; word-break: break-word; margin: 4px 0 0; font-size: 12px; }
.badge { display: inline-block; border-radius: 10px; padding: 0 8px; font-weight: 600; }
.badge.ok { background: rgba(26,127,55,.12); }
.badge.fail { background: rgba(207,34,46,.12); }
`;

interface OpenRow {
  item: ItemRef;
  cursor: Cursor;
  method?: string;
  url?: string;
  code?: number;
  status?: string;
  time?: number;
  size?: number;
  requestError?: RunError;
  scriptErrors: Array<{ at: string; error: RunError }>;
  assertions: string[];
  failed: boolean;
}

function statsTable(summary: RunSummary): string {
  const rows: Array<[keyof RunSummary['stats'], string]> = [
    ['iterations', 'Iterations'],
    ['requests', 'Requests'],
    ['testScripts', 'Test scripts'],
    ['prerequestScripts', 'Pre-request scripts'],
    ['assertions', 'Assertions'],
  ];
  const body = rows
    .map(([key, label]) => {
      const stat = summary.stats[key];
      const cls = stat.failed ? 'fail' : 'ok';
      return `<tr><th scope="row">${e(label)}</th><td class="num">${stat.total}</td><td class="num ${cls}">${stat.failed}</td></tr>`;
    })
    .join('\n');
  const t = summary.timings;
  return (
    `<table class="stats"><thead><tr><th></th><th class="num">Executed</th><th class="num">Failed</th></tr></thead>\n<tbody>\n${body}\n</tbody></table>\n` +
    '<ul>' +
    `<li>Total run duration: ${e(formatDuration(Math.max(0, t.completed - t.started)))}</li>` +
    `<li>Total data received: ${e(formatSize(summary.transfers.responseTotal))} (approx)</li>` +
    `<li>Average response time: ${e(formatDuration(t.responseAverage))} ` +
    `[min: ${e(formatDuration(t.responseMin))}, max: ${e(formatDuration(t.responseMax))}, s.d.: ${e(formatDuration(t.responseSd))}]</li>` +
    '</ul>'
  );
}

function failureList(failures: RunFailure[]): string {
  if (failures.length === 0) return '<p class="ok">No failures.</p>';
  const items = failures.map((failure) => {
    const iteration = failure.cursor && failure.cursor.iterationCount > 1 ? ` <span class="muted">(iteration ${failure.cursor.iteration + 1})</span>` : '';
    const test = failure.error.test ? ` — ${e(failure.error.test)}` : '';
    return (
      `<li><strong class="fail">${e(failure.error.name || 'Error')}</strong>${test}${iteration}` +
      `<pre>${e(failure.error.message)}</pre>` +
      `<div class="muted">at ${e(failure.at)}, inside “${e(fullName(failure.source))}”</div></li>`
    );
  });
  return `<ol class="failures">\n${items.join('\n')}\n</ol>`;
}

export class HtmlReportBuilder extends ExecutionReport<OpenRow, string> {
  private readonly rows: string[] = [];

  protected onItemEvent<K extends RunEventName>(event: K, payload: RunEvents[K]): void {
    switch (event) {
      case 'request':
        this.onRequest(payload as RequestEvent);
        break;
      case 'prerequest':
      case 'test': {
        const script = payload as ScriptEvent;
        if (script.error) {
          const row = this.record(script);
          row.failed = true;
          row.scriptErrors.push({ at: `${script.event}-script`, error: script.error });
        }
        break;
      }
      case 'assertion':
        this.onAssertion(payload as AssertionEvent);
        break;
      default:
        break;
    }
  }

  protected openRecord(event: ItemEventBase): OpenRow {
    return {
      ...executionOf(event),
      scriptErrors: [],
      assertions: [],
      failed: false,
    };
  }

  private onRequest(event: RequestEvent): void {
    const row = this.record(event);
    row.method = event.request.method;
    row.url = event.request.url;
    if (event.response) {
      row.code = event.response.code;
      row.status = event.response.status;
      row.time = event.response.responseTime;
      row.size = event.response.size.total;
    }
    if (event.error) {
      row.requestError = event.error;
      row.failed = true;
    }
  }

  private onAssertion(event: AssertionEvent): void {
    const row = this.record(event);
    if (event.skipped) {
      row.assertions.push(`<li class="skip">– ${e(event.assertion)} <span class="muted">(skipped)</span></li>`);
    } else if (event.error) {
      row.failed = true;
      row.assertions.push(`<li class="fail">✗ ${e(event.assertion)}<pre>${e(event.error.message)}</pre></li>`);
    } else {
      row.assertions.push(`<li class="ok">✓ ${e(event.assertion)}</li>`);
    }
  }

  protected close(row: OpenRow): void {
    const status = row.requestError
      ? `<span class="fail">${e(row.requestError.name || 'Error')}</span><pre>${e(row.requestError.message)}</pre>`
      : row.code !== undefined
        ? `${row.code} ${e(row.status ?? '')}`
        : '<span class="muted">—</span>';
    const errors = row.scriptErrors.map(({ at, error }) => `<li class="fail">${e(error.name || 'Error')} in ${e(at)}<pre>${e(error.message)}</pre></li>`);
    const checks = [...errors, ...row.assertions];
    this.rows.push(
      `<tr class="${row.failed ? 'fail-row' : 'ok-row'}">` +
        `<td class="num">${row.cursor.iteration + 1}</td>` +
        `<td><span class="${row.failed ? 'fail' : 'ok'}">${row.failed ? '✗' : '✓'}</span> ${e(fullName(row.item))}</td>` +
        `<td>${e(row.method ?? '')}</td>` +
        `<td class="url">${e(row.url ?? '')}</td>` +
        `<td>${status}</td>` +
        `<td class="num">${row.time !== undefined ? e(formatDuration(row.time)) : ''}</td>` +
        `<td class="num">${row.size !== undefined ? e(formatSize(row.size)) : ''}</td>` +
        `<td>${checks.length > 0 ? `<ul class="assertions">${checks.join('')}</ul>` : '<span class="muted">none</span>'}</td>` +
        '</tr>',
    );
  }

  protected render(done: RunEvents['done']): string {
    const summary = done.summary;
    const name = summary.collectionName || this.collectionName;
    const failed = summary.failures.length > 0 || Boolean(done.error);
    const started = summary.timings.started ? new Date(summary.timings.started).toISOString() : '';
    const runError = done.error ? `<p class="fail"><strong>The run stopped:</strong> ${e(done.error.message)}</p>` : '';
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${e(name)} — Postern run report</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>${e(name)}</h1>
<p class="meta">Postern run report · started ${e(started)} · <span class="badge ${failed ? 'fail' : 'ok'}">${failed ? `${summary.failures.length} failed` : 'passed'}</span>${summary.aborted ? ' · stopped early' : ''}</p>
</header>
${runError}
<section>
<h2>Summary</h2>
${statsTable(summary)}
</section>
<section>
<h2>Failures</h2>
${failureList(summary.failures)}
</section>
<section>
<h2>Requests</h2>
<table class="requests">
<thead><tr><th class="num">Iteration</th><th>Request</th><th>Method</th><th>URL</th><th>Status</th><th class="num">Time</th><th class="num">Size</th><th>Tests</th></tr></thead>
<tbody>
${this.rows.join('\n')}
</tbody>
</table>
</section>
</body>
</html>
`;
  }
}

export function createHtmlReporter(options: ReporterOptions = {}): Reporter & FileReporterState {
  const builder = new HtmlReportBuilder();
  return createFileReporter('html', 'html', options, builder, () => {
    const html = builder.result();
    return html === undefined ? undefined : { text: html, collectionName: builder.name };
  });
}
