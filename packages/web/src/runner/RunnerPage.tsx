import { useEffect, useMemo, useState } from 'react';
import type { FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { collections, workspaces } from '../api/endpoints.ts';
import { environmentApi } from '../environments/environment-api.ts';
import { downloadText, safeFileName } from '../components/download.ts';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { Loading } from '../components/Loading.tsx';
import { PagedList } from '../components/PagedList.tsx';
import { useLoad } from '../components/use-load.ts';
import { usePaged } from '../components/use-paged.ts';
import { useTitle } from '../components/use-title.ts';
import { formatDate } from '../pages/labels.ts';
import { foldersOf, runs, type ReportFormat, type Run, type RunSummary } from './api.ts';
import { filterResults, isRunGoingOn, progressLabel, resultFailed, type ResultFilter } from './results-filter.ts';

/** How often a run going on is read again. */
const POLL_MS = 500;
const REPORTS: Array<{ format: ReportFormat; label: string; suffix: string; type: string }> = [
  { format: 'json', label: 'JSON', suffix: '.json', type: 'application/json' },
  { format: 'junit', label: 'JUnit', suffix: '.xml', type: 'application/xml' },
  { format: 'html', label: 'HTML', suffix: '.html', type: 'text/html' },
];

/** Runs a collection on the server (editors), shows its progress and results, and lists recent runs. */
export function RunnerPage() {
  const { workspaceId = '', collectionId = '' } = useParams();
  const context = useLoad(
    async () => ({
      workspace: await workspaces.get(workspaceId),
      outline: await collections.outline(collectionId),
      // Every page of them, as the workbench's selector offers.
      environments: await environmentApi.listAll(workspaceId),
    }),
    `${workspaceId}:${collectionId}`,
  );
  const recent = usePaged((cursor) => runs.list(collectionId, cursor), `runs:${collectionId}`);
  const [folderId, setFolderId] = useState('');
  const [environmentId, setEnvironmentId] = useState('');
  const [iterations, setIterations] = useState('1');
  const [delay, setDelay] = useState('0');
  const [data, setData] = useState<{ name: string; text: string } | null>(null);
  const [runId, setRunId] = useState<string | null>(null);
  const [run, setRun] = useState<Run | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [filter, setFilter] = useState<ResultFilter>('all');
  const [text, setText] = useState('');
  const name = context.status === 'ready' ? context.data.outline.collection.name : 'Collection';
  useTitle(`Run ${name}`);

  // Reads the shown run, again every POLL_MS while it goes on.
  useEffect(() => {
    if (!runId) return undefined;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const read = async () => {
      try {
        const next = await runs.get(runId);
        if (stopped) return;
        setRun(next);
        if (isRunGoingOn(next.status)) timer = setTimeout(() => void read(), POLL_MS);
        else recent.reload();
      } catch (failure) {
        if (!stopped) setError(failure);
      }
    };
    void read();
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    };
    // recent.reload is stable enough; re-polling on its identity would restart the loop.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [runId]);

  const shown = useMemo(() => (run ? filterResults(run.results, filter, text) : []), [run, filter, text]);

  async function start(event: FormEvent) {
    event.preventDefault();
    setError(null);
    try {
      const { runId: started } = await runs.start(collectionId, {
        ...(folderId && { folderId }),
        ...(environmentId && { environmentId }),
        // With a data file the server runs one iteration per row.
        ...(data ? { data: data.text } : { iterations: Number(iterations) }),
        delayMs: Number(delay),
      });
      setRun(null);
      setRunId(started);
      recent.reload();
    } catch (failure) {
      setError(failure);
    }
  }

  async function pickData(files: FileList | null) {
    const file = files?.[0];
    setData(file ? { name: file.name, text: await file.text() } : null);
  }

  async function exportReport(format: ReportFormat) {
    if (!run) return;
    const report = REPORTS.find((r) => r.format === format)!;
    try {
      downloadText(safeFileName(`${name} run`, report.suffix), await runs.report(run.id, format), report.type);
    } catch (failure) {
      setError(failure);
    }
  }

  return (
    <Loading loaded={context} what="the collection">
      {({ workspace, outline, environments: envs }) => (
        <div className="runner">
          <p>
            <Link to={`/w/${workspaceId}`}>← {workspace.name}</Link>
          </p>
          <h1>Run {outline.collection.name}</h1>
          <p className="muted">Runs on the server, through its outgoing-request rules. Running needs the editor role.</p>
          <form className="runner-form" onSubmit={(e) => void start(e)}>
            <label>
              Folder
              <select value={folderId} onChange={(e) => setFolderId(e.target.value)}>
                <option value="">Whole collection</option>
                {foldersOf(outline.items).map((f) => (
                  <option key={f.id} value={f.id}>
                    {f.label}
                  </option>
                ))}
              </select>
            </label>
            <label>
              Environment
              <select value={environmentId} onChange={(e) => setEnvironmentId(e.target.value)}>
                <option value="">No environment</option>
                {envs.map((env) => (
                  <option key={env.id} value={env.id}>
                    {env.name}
                  </option>
                ))}
              </select>
            </label>
            <label>
              Iterations
              <input type="number" min={1} max={1000} required disabled={data !== null} value={iterations} onChange={(e) => setIterations(e.target.value)} />
            </label>
            <label>
              Data file (CSV or JSON)
              <input type="file" accept=".csv,.json,text/csv,application/json" onChange={(e) => void pickData(e.target.files)} />
            </label>
            {data && <p className="muted">One iteration per row of {data.name}.</p>}
            <label>
              Delay between requests (ms)
              <input type="number" min={0} max={60000} required value={delay} onChange={(e) => setDelay(e.target.value)} />
            </label>
            <button type="submit" disabled={run !== null && isRunGoingOn(run.status)}>
              Start
            </button>
          </form>
          {error !== null && <ErrorMessage error={error} />}
          {run && (
            <section aria-label="Current run" className="runner-run">
              <h2>
                Run of {formatDate(run.createdAt)} · <span className={`run-status run-${run.status}`}>{run.status}</span>
              </h2>
              <label className="runner-progress">
                Progress: {progressLabel(run.progress)}
                <progress max={Math.max(run.progress.total, 1)} value={run.progress.done} />
              </label>
              {isRunGoingOn(run.status) && (
                <button type="button" className="secondary" onClick={() => void runs.cancel(run.id).catch(setError)}>
                  Cancel
                </button>
              )}
              {run.error && <p className="error">{run.error}</p>}
              <p className="runner-counts" role="status">
                {run.counts.requests} requests · {run.counts.assertionsPassed} assertions passed · {run.counts.assertionsFailed} failed · {run.counts.errors}{' '}
                errors
              </p>
              {!isRunGoingOn(run.status) && (
                <p className="actions">
                  {REPORTS.map((r) => (
                    <button key={r.format} type="button" className="secondary" onClick={() => void exportReport(r.format)}>
                      Export {r.label}
                    </button>
                  ))}
                </p>
              )}
              <div className="runner-filters">
                <fieldset>
                  <legend>Show</legend>
                  {(['all', 'passed', 'failed'] as const).map((f) => (
                    <label key={f}>
                      <input type="radio" name="result-filter" value={f} checked={filter === f} onChange={() => setFilter(f)} />
                      {f === 'all' ? 'All' : f === 'passed' ? 'Passed' : 'Failed'}
                    </label>
                  ))}
                </fieldset>
                <label>
                  Filter
                  <input type="search" value={text} onChange={(e) => setText(e.target.value)} />
                </label>
              </div>
              {run.resultsTruncated && <p className="muted">Only the first 10,000 results are kept; the counts and reports cover the whole run.</p>}
              <table className="runner-results">
                <caption>
                  {shown.length} of {run.results.length} results
                </caption>
                <thead>
                  <tr>
                    <th scope="col">#</th>
                    <th scope="col">Request</th>
                    <th scope="col">Status</th>
                    <th scope="col">Time</th>
                    <th scope="col">Size</th>
                    <th scope="col">Tests</th>
                  </tr>
                </thead>
                <tbody>
                  {shown.map((r, i) => (
                    <tr key={`${r.iteration}:${r.itemId}:${i}`} className={resultFailed(r) ? 'run-failed' : 'run-passed'}>
                      <td>{r.iteration + 1}</td>
                      <td>
                        <strong>{[...r.path, r.name].join(' / ')}</strong>
                        <div className="muted">
                          {r.method} {r.url}
                        </div>
                      </td>
                      <td>{r.status ?? '—'}</td>
                      <td>{r.timeMs === null ? '—' : `${r.timeMs} ms`}</td>
                      <td>{r.size === null ? '—' : `${r.size} B`}</td>
                      <td>
                        {r.error && <div className="error">{r.error}</div>}
                        <ul className="runner-assertions">
                          {r.assertions.map((a, j) => (
                            <li key={j} className={a.passed ? 'run-passed' : 'run-failed'}>
                              {a.passed ? '✓' : '✗'} {a.name}
                              {a.error && <span className="muted"> — {a.error}</span>}
                            </li>
                          ))}
                        </ul>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          )}
          <h2>Recent runs</h2>
          <PagedList list={recent} what="runs" label="Recent runs" empty={<p className="muted">No runs yet.</p>}>
            {(r: RunSummary) => (
              <li key={r.id} className="row">
                <span>
                  {formatDate(r.createdAt)} · <span className={`run-status run-${r.status}`}>{r.status}</span>{' '}
                  <span className="muted">
                    · {r.counts.requests} requests, {r.counts.assertionsFailed} failed assertions, {r.counts.errors} errors
                  </span>
                </span>
                <span className="actions">
                  <button type="button" className="secondary" onClick={() => setRunId(r.id)} aria-label={`Show the run of ${formatDate(r.createdAt)}`}>
                    Show
                  </button>
                </span>
              </li>
            )}
          </PagedList>
        </div>
      )}
    </Loading>
  );
}
