import { useState } from 'react';
import { history } from '../api/endpoints.ts';
import type { HistoryEntry } from '../api/types.ts';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { LoadStatus } from '../components/LoadStatus.tsx';
import { Loading } from '../components/Loading.tsx';
import { useLoad } from '../components/use-load.ts';
import { usePaged } from '../components/use-paged.ts';
import type { OpenTab } from '../workbench/open-tabs.ts';
import { MethodBadge } from '../workbench/RequestTree.tsx';
import { canReopen, formatSize, groupByDay, outcomeClass, outcomeOf, tabNameOf, timeOf } from './history-view.ts';

interface HistoryPanelProps {
  workspaceId: string;
  /** Opens a request of this workspace in a tab. */
  onOpenRequest(tab: OpenTab): void;
}

/**
 * The person's sent requests, newest first, grouped by day. An entry that names a request of this
 * workspace opens it in a tab; any other opens a read-only view of what was sent. Entries can be
 * deleted one by one or all at once; how long they are kept is set in Settings → Profile.
 */
export function HistoryPanel({ workspaceId, onOpenRequest }: HistoryPanelProps) {
  const [allWorkspaces, setAllWorkspaces] = useState(false);
  const [version, setVersion] = useState(0);
  const [shown, setShown] = useState<HistoryEntry | null>(null);
  const [confirmClear, setConfirmClear] = useState(false);
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<unknown>(null);
  const list = usePaged(
    (cursor) => history.list({ ...(!allWorkspaces && { workspaceId }), cursor }),
    `${workspaceId}:${allWorkspaces}:${version}`,
  );

  async function act(action: () => Promise<void>) {
    setBusy(true);
    setActionError(null);
    try {
      await action();
      setVersion((n) => n + 1);
    } catch (error) {
      setActionError(error);
    } finally {
      setBusy(false);
    }
  }

  const open = (entry: HistoryEntry) => {
    if (canReopen(entry, workspaceId)) {
      onOpenRequest({ collectionId: entry.collectionId!, itemId: entry.itemId!, name: tabNameOf(entry.url), method: entry.method });
    } else {
      setShown(entry);
    }
  };

  return (
    <div className="history-panel">
      <div className="history-toolbar">
        <label className="choice">
          <input type="checkbox" checked={allWorkspaces} onChange={(event) => setAllWorkspaces(event.currentTarget.checked)} /> All
          workspaces
        </label>
        <button type="button" className="secondary" onClick={() => setVersion((n) => n + 1)} disabled={busy}>
          Refresh
        </button>
        {list.items.length > 0 && !confirmClear && (
          <button type="button" className="secondary" onClick={() => setConfirmClear(true)} disabled={busy}>
            Clear all
          </button>
        )}
      </div>
      {confirmClear && (
        <div className="history-confirm" role="group" aria-label="Confirm clearing the history">
          <p>Delete your whole history of sent requests, in every workspace? This cannot be undone.</p>
          <button
            type="button"
            className="danger"
            disabled={busy}
            onClick={() =>
              void act(async () => {
                await history.clear();
                setConfirmClear(false);
                setShown(null);
              })
            }
          >
            {busy ? 'Deleting…' : 'Delete all'}
          </button>{' '}
          <button type="button" className="secondary" onClick={() => setConfirmClear(false)}>
            Cancel
          </button>
        </div>
      )}
      {actionError !== null && <ErrorMessage error={actionError} />}
      {shown && <HistoryDetails entry={shown} onClose={() => setShown(null)} />}
      <LoadStatus state={list} what="the history" />
      {list.status === 'ready' && list.items.length === 0 && (
        <p className="empty">{allWorkspaces ? 'No sent requests yet.' : 'No requests sent from this workspace yet.'}</p>
      )}
      {list.status === 'ready' &&
        groupByDay(list.items, new Date()).map((group) => (
          <section key={group.key} className="history-day" aria-label={group.label}>
            <h3>{group.label}</h3>
            <ul className="history-list">
              {group.entries.map((entry) => (
                <li key={entry.id} className="history-entry">
                  <button
                    type="button"
                    className="history-open"
                    onClick={() => open(entry)}
                    title={canReopen(entry, workspaceId) ? 'Open the request in a tab' : 'Show what was sent'}
                  >
                    <MethodBadge method={entry.method} />
                    <span className="history-url">{entry.url || '(no URL)'}</span>
                    <span className={`history-status ${outcomeClass(entry)}`}>{outcomeOf(entry)}</span>
                    <time className="history-time" dateTime={entry.createdAt}>
                      {timeOf(entry.createdAt)}
                    </time>
                  </button>
                  <button
                    type="button"
                    className="history-delete"
                    aria-label={`Delete ${entry.method} ${entry.url} from the history`}
                    title="Delete from the history"
                    disabled={busy}
                    onClick={() =>
                      void act(async () => {
                        await history.remove(entry.id);
                        if (shown?.id === entry.id) setShown(null);
                      })
                    }
                  >
                    ×
                  </button>
                </li>
              ))}
            </ul>
          </section>
        ))}
      {list.error !== null && list.status === 'ready' && <ErrorMessage error={list.error} />}
      {list.hasMore && (
        <button type="button" onClick={list.loadMore} disabled={list.loadingMore}>
          {list.loadingMore ? 'Loading more…' : 'Show older requests'}
        </button>
      )}
    </div>
  );
}

/** A read-only view of one sent request: the outcome and the request as it was written. */
function HistoryDetails({ entry, onClose }: { entry: HistoryEntry; onClose(): void }) {
  const detail = useLoad(() => history.get(entry.id), entry.id);
  return (
    <section className="history-details panel" aria-label="Sent request">
      <p className="request-line">
        <MethodBadge method={entry.method} /> <code className="request-url">{entry.url || '(no URL)'}</code>
      </p>
      <dl className="facts">
        <dt>Sent</dt>
        <dd>{new Date(entry.createdAt).toLocaleString()}</dd>
        <dt>Outcome</dt>
        <dd>{entry.status !== null ? `Status ${entry.status}` : `${outcomeOf(entry)} (${entry.errorCode ?? 'no response'})`}</dd>
        <dt>Time</dt>
        <dd>{entry.durationMs} ms</dd>
        {entry.responseSize !== null && (
          <>
            <dt>Size</dt>
            <dd>{formatSize(entry.responseSize)}</dd>
          </>
        )}
      </dl>
      <Loading loaded={detail} what="the request">
        {(d) => (
          <>
            {d.bodyOmitted && <p className="muted">The body was larger than 64 KiB and was not kept.</p>}
            <pre className="history-request" aria-label="The request as written, variables unresolved" tabIndex={0}>
              {JSON.stringify(d.request, null, 2)}
            </pre>
          </>
        )}
      </Loading>
      <button type="button" className="secondary" onClick={onClose}>
        Close
      </button>
    </section>
  );
}
