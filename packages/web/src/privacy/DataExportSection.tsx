import { useCallback, useEffect, useRef, useState } from 'react';
import { isSignedOut, messageOf } from '../api/client.ts';
import { useAuth } from '../auth/auth-context.ts';
import { dataExportsApi, formatSize, isBuilding, stepLabel } from './data-exports.ts';
import type { DataExport } from './data-exports.ts';

/** How often the list is asked again while an export is being built. */
const POLL_MS = 1000;

const STATUS_LABELS: Record<DataExport['status'], string> = {
  queued: 'Waiting',
  building: 'Being built',
  ready: 'Ready',
  failed: 'Failed',
  expired: 'Expired',
};

const when = (iso: string) => <time dateTime={iso}>{new Date(iso).toLocaleString()}</time>;

/**
 * Settings → Privacy → Download my data (P21): starts an export, shows its progress while the
 * server builds it (polling), then a download link until it expires. `focus` moves keyboard and
 * screen-reader focus to the section (the emailed link lands here).
 */
export function DataExportSection({ focus = false }: { focus?: boolean }) {
  const { forget } = useAuth();
  const [exports, setExports] = useState<DataExport[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);

  const load = useCallback(async () => {
    try {
      setExports((await dataExportsApi.list()).exports);
      setError(null);
    } catch (thrown) {
      if (isSignedOut(thrown)) forget();
      setError(messageOf(thrown));
    }
  }, [forget]);

  useEffect(() => {
    void load();
  }, [load]);

  const building = exports?.some(isBuilding) ?? false;
  useEffect(() => {
    if (!building) return;
    const timer = setTimeout(() => void load(), POLL_MS);
    return () => clearTimeout(timer);
  }, [building, exports, load]);

  useEffect(() => {
    if (focus) heading.current?.focus();
  }, [focus]);

  async function start() {
    setPending(true);
    setError(null);
    try {
      const started = await dataExportsApi.start();
      setExports((list) => [started, ...(list ?? []).filter((e) => e.id !== started.id)]);
    } catch (thrown) {
      setError(messageOf(thrown));
    } finally {
      setPending(false);
    }
  }

  return (
    <section aria-labelledby="data-export-heading" className="data-exports">
      <h2 id="data-export-heading" ref={heading} tabIndex={-1}>
        Download my data
      </h2>
      <p>
        Get a copy of everything Postern holds about you: a ZIP file with your personal data as JSON, your collections and environments in
        Postman format (importable into Postman or Newman), and a page explaining what is kept, why, for how long and your rights. We email
        you when it is ready; you download it here, signed in. Each file can be downloaded for 7 days.
      </p>
      <button type="button" onClick={() => void start()} disabled={pending || building} aria-describedby={building ? 'data-export-busy' : undefined}>
        Download my data
      </button>
      {building && (
        <p id="data-export-busy" className="muted">
          One export at a time: you can start another once this one is built.
        </p>
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {exports === null && !error && <p className="page-status">Loading your exports…</p>}
      {exports !== null && exports.length > 0 && (
        <ul className="plain-list data-export-list" aria-label="Your exports">
          {exports.map((e) => (
            <li key={e.id}>
              <p>
                <strong>{STATUS_LABELS[e.status]}</strong> — asked for {when(e.createdAt)}
              </p>
              {isBuilding(e) && (
                <div
                  className="progress-bar"
                  role="progressbar"
                  aria-label="Building your export"
                  aria-valuemin={0}
                  aria-valuemax={100}
                  aria-valuenow={e.progress}
                  aria-valuetext={`${e.progress}%: ${stepLabel(e)}`}
                >
                  <div className="progress-bar-fill" style={{ width: `${e.progress}%` }} />
                </div>
              )}
              {isBuilding(e) && (
                <p className="muted" aria-live="polite">
                  {stepLabel(e)}… {e.progress}%
                </p>
              )}
              {e.status === 'ready' && e.downloadUrl && (
                <p>
                  <a href={e.downloadUrl} download>
                    Download the ZIP file{e.size !== null && ` (${formatSize(e.size)})`}
                  </a>
                  {e.expiresAt && <> — available until {when(e.expiresAt)}</>}
                  {e.downloadCount > 0 && <> · downloaded {e.downloadCount === 1 ? 'once' : `${e.downloadCount} times`}</>}
                </p>
              )}
              {e.status === 'expired' && <p className="muted">The file was deleted after 7 days. Start a new export to get a fresh copy.</p>}
              {e.status === 'failed' && <p className="muted">Building it failed ({e.errorCode ?? 'unknown error'}). Start a new export to try again.</p>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
