import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { collections, workspaces } from '../api/endpoints.ts';
import type { CollectionChange } from '../api/types.ts';
import { useAuth } from '../auth/auth-context.ts';
import { CodeMirror } from '../codemirror/CodeMirror.tsx';
import { codeViewerSetup } from '../codemirror/setup.ts';
import { downloadText, safeFileName } from '../components/download.ts';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { Loading } from '../components/Loading.tsx';
import { PagedList } from '../components/PagedList.tsx';
import { PatchDetails, RestoreConfirm } from '../components/ChangeHistoryParts.tsx';
import { describeOperation } from '../components/patch-operations.ts';
import { useLoad } from '../components/use-load.ts';
import { usePaged } from '../components/use-paged.ts';
import { useTitle } from '../components/use-title.ts';
import { formatDate } from '../pages/labels.ts';

/** Operations listed per change before "and N more" (an import is one operation; a big edit many). */

/**
 * Every recorded change to a collection (P2): who, when, what (the diff), each revision viewable and
 * downloadable, and restorable by editors as a new change (the history only grows).
 */
export function CollectionHistoryPage() {
  const { workspaceId = '', collectionId = '' } = useParams();
  const { account } = useAuth();
  const context = useLoad(
    async () => ({ workspace: await workspaces.get(workspaceId), outline: await collections.outline(collectionId) }),
    `${workspaceId}:${collectionId}`,
  );
  const changes = usePaged((cursor) => collections.changes(collectionId, cursor), `changes:${collectionId}`);
  const [shown, setShown] = useState<{ revision: number; text: string } | null>(null);
  const [confirming, setConfirming] = useState<number | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const name = context.status === 'ready' ? context.data.outline.collection.name : 'Collection';
  useTitle(`History of ${name}`);

  async function act(work: () => Promise<void>) {
    setError(null);
    setStatus(null);
    try {
      await work();
    } catch (failure) {
      setError(failure);
    }
  }

  const view = (revision: number) =>
    act(async () => {
      const text = await collections.revision(collectionId, revision);
      setShown({ revision, text: JSON.stringify(JSON.parse(text), null, 2) });
    });
  const download = (revision: number) =>
    act(async () => downloadText(safeFileName(`${name} revision ${revision}`, '.postman_collection.json'), await collections.revision(collectionId, revision)));
  const restore = (revision: number) =>
    act(async () => {
      const summary = await collections.restore(collectionId, revision);
      setConfirming(null);
      setStatus(`Revision ${revision} restored as revision ${summary.revision}.`);
      changes.reload();
      context.reload();
    });

  const who = (change: CollectionChange) => (change.actorId === null ? 'a deleted account' : change.actorId === account?.id ? 'you' : 'another member');

  return (
    <Loading loaded={context} what="the collection">
      {({ workspace, outline }) => (
        <>
          <p>
            <Link to={`/w/${workspaceId}`}>← {workspace.name}</Link>
          </p>
          <h1>History of {outline.collection.name}</h1>
          <p className="muted">
            Now at revision {outline.collection.revision}. Every change is kept; restoring an old revision saves it as a new one, so it can be undone the same
            way. Secret values show as [secret].
          </p>
          <div role="status" className="page-status">
            {status}
          </div>
          {error !== null && <ErrorMessage error={error} />}
          <PagedList list={changes} what="changes" label="Changes, newest first" empty="No changes recorded.">
            {(change) => (
              <li key={change.revision} className="history-change">
                <div className="row">
                  <span>
                    <strong>Revision {change.revision}</strong> · {change.summary}{' '}
                    <span className="muted">
                      · by {who(change)} · {formatDate(change.createdAt)}
                    </span>
                  </span>
                  <span className="actions">
                    <button type="button" className="secondary" onClick={() => void view(change.revision)}>
                      View<span className="visually-hidden"> revision {change.revision}</span>
                    </button>
                    <button type="button" className="secondary" onClick={() => void download(change.revision)}>
                      Download<span className="visually-hidden"> revision {change.revision}</span>
                    </button>
                    {workspace.abilities.canEdit && change.revision !== outline.collection.revision && (
                      <button type="button" className="secondary" onClick={() => setConfirming(change.revision)}>
                        Restore<span className="visually-hidden"> revision {change.revision}</span>
                      </button>
                    )}
                  </span>
                </div>
                {confirming === change.revision && (
                  <RestoreConfirm
                    revision={change.revision}
                    message={`Bring back revision ${change.revision}? It is saved as a new revision; nothing in the history is lost.`}
                    onRestore={() => void restore(change.revision)}
                    onCancel={() => setConfirming(null)}
                  />
                )}
                <PatchDetails patch={change.patch} describe={(op) => describeOperation(op)} />
              </li>
            )}
          </PagedList>
          {shown && <RevisionView revision={shown.revision} text={shown.text} onClose={() => setShown(null)} />}
        </>
      )}
    </Loading>
  );
}

function RevisionView({ revision, text, onClose }: { revision: number; text: string; onClose: () => void }) {
  const extensions = useMemo(() => codeViewerSetup('json'), []);
  return (
    <section aria-labelledby="revision-heading" className="panel">
      <h2 id="revision-heading">Revision {revision}</h2>
      <CodeMirror value={text} extensions={extensions} ariaLabel={`The collection at revision ${revision}`} className="revision-view" />
      <button type="button" className="secondary" onClick={onClose}>
        Close revision {revision}
      </button>
    </section>
  );
}
