import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { workspaces } from '../api/endpoints.ts';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { Loading } from '../components/Loading.tsx';
import { useLoad } from '../components/use-load.ts';
import { useTitle } from '../components/use-title.ts';
import { formatDate } from '../pages/labels.ts';
import { FindingRow } from './SecretWarnings.tsx';
import { STATE_LABELS, secretsApi } from './secrets-api.ts';
import type { FindingState, ScannedItemKind, SecretFinding, SecretScan } from './secrets-api.ts';

/** `/w/:workspaceId/secrets`: every secret finding of a workspace, with filters and the re-scan (P17). */
export function SecretsPage() {
  const { workspaceId = '' } = useParams();
  const workspace = useLoad(() => workspaces.get(workspaceId), workspaceId);
  const [state, setState] = useState<FindingState | ''>('active');
  const [itemKind, setItemKind] = useState<ScannedItemKind | ''>('');
  const [includeRemoved, setIncludeRemoved] = useState(false);
  const [version, setVersion] = useState(0);
  const findings = useLoad(() => secretsApi.list(workspaceId, { state, itemKind, includeRemoved }), `${workspaceId}:${state}:${itemKind}:${includeRemoved}:${version}`);
  const [changed, setChanged] = useState<Record<string, SecretFinding>>({});
  useTitle('Secrets');

  return (
    <Loading loaded={workspace} what="the workspace">
      {(w) => (
        <>
          <p>
            <Link to={`/w/${workspaceId}`}>← {w.name}</Link>
          </p>
          <h1>Secrets in {w.name}</h1>
          <p className="muted">
            Every save of a collection, environment or the globals is scanned for API keys, tokens, passwords and private keys. Values are never stored: only a
            masked preview and a hash. While any finding is active, the workspace cannot be made public. Mark each one revoked (after rotating it with its
            provider), a false positive or an accepted risk, or remove the value and save.
          </p>
          {w.abilities.canAdmin && <RescanPanel workspaceId={workspaceId} onDone={() => setVersion((n) => n + 1)} />}
          <form className="filters" aria-label="Filter findings" onSubmit={(e) => e.preventDefault()}>
            <label className="field">
              <span>State</span>
              <select value={state} onChange={(e) => setState(e.target.value as FindingState | '')}>
                <option value="">Any</option>
                {(Object.keys(STATE_LABELS) as FindingState[]).map((s) => (
                  <option key={s} value={s}>
                    {STATE_LABELS[s]}
                  </option>
                ))}
              </select>
            </label>
            <label className="field">
              <span>Where</span>
              <select value={itemKind} onChange={(e) => setItemKind(e.target.value as ScannedItemKind | '')}>
                <option value="">Everywhere</option>
                <option value="collection">Collections</option>
                <option value="environment">Environments</option>
                <option value="globals">Globals</option>
              </select>
            </label>
            <label className="choice">
              <input type="checkbox" checked={includeRemoved} onChange={(e) => setIncludeRemoved(e.target.checked)} /> Include values no longer in the content
            </label>
          </form>
          <Loading loaded={findings} what="the findings">
            {(items) =>
              items.length === 0 ? (
                <p>No findings match.</p>
              ) : (
                <ul className="secret-finding-list" aria-label="Findings">
                  {items.map((f) => (
                    <FindingRow
                      key={f.id}
                      finding={changed[f.id] ?? f}
                      canEdit={w.abilities.canEdit}
                      showItem
                      onChanged={(next) => setChanged((m) => ({ ...m, [next.id]: next }))}
                    />
                  ))}
                </ul>
              )
            }
          </Loading>
        </>
      )}
    </Loading>
  );
}

function RescanPanel({ workspaceId, onDone }: { workspaceId: string; onDone(): void }) {
  const [scan, setScan] = useState<SecretScan | null>(null);
  const [error, setError] = useState<unknown>(null);
  const running = scan?.status === 'queued' || scan?.status === 'running';
  useEffect(() => {
    let current = true;
    const poll = () =>
      secretsApi.scanStatus(workspaceId).then(
        (s) => {
          if (!current) return;
          setScan((before) => {
            if ((before?.status === 'queued' || before?.status === 'running') && (s.status === 'done' || s.status === 'failed')) onDone();
            return s;
          });
        },
        (failure: unknown) => current && setError(failure),
      );
    void poll();
    const timer = running ? setInterval(poll, 1000) : undefined;
    return () => {
      current = false;
      if (timer) clearInterval(timer);
    };
    // onDone is a new function on every render; polling depends on the status only.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [workspaceId, running]);

  async function start() {
    setError(null);
    try {
      setScan(await secretsApi.rescan(workspaceId));
    } catch (failure) {
      setError(failure);
    }
  }

  return (
    <section className="panel" aria-labelledby="rescan-heading">
      <h2 id="rescan-heading">Full re-scan</h2>
      <p className="muted">Everything is re-scanned with the current rules every night. Start it now after the rules changed or to check old content.</p>
      <p role="status">
        {scan === null || scan.status === 'none'
          ? 'No full re-scan has run yet.'
          : scan.status === 'queued'
            ? 'Queued…'
            : scan.status === 'running'
              ? `Scanning: ${scan.itemsDone} of ${scan.itemsTotal} items.`
              : scan.status === 'done'
                ? `Last re-scan (${scan.trigger === 'schedule' ? 'nightly' : 'on request'}) finished ${formatDate(scan.finishedAt ?? undefined)}: ${scan.itemsTotal} items, ${scan.newFindings} new findings.`
                : `The last re-scan failed: ${scan.error ?? 'unknown error'}`}
      </p>
      <button type="button" onClick={() => void start()} disabled={running}>
        Re-scan now
      </button>
      {error !== null && <ErrorMessage error={error} />}
    </section>
  );
}
