import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { isSignedOut } from '../api/client.ts';
import { collections, workspaces } from '../api/endpoints.ts';
import type { CollectionSummary, Workspace } from '../api/types.ts';
import { useAuth } from '../auth/auth-context.ts';
import { CopyButton } from '../components/CopyButton.tsx';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { CheckboxField, Field, Form, SelectField } from '../components/Form.tsx';
import { Loading } from '../components/Loading.tsx';
import { LoadStatus } from '../components/LoadStatus.tsx';
import { PagedList } from '../components/PagedList.tsx';
import { useLoad } from '../components/use-load.ts';
import { usePaged } from '../components/use-paged.ts';
import { useTitle } from '../components/use-title.ts';
import { environmentApi } from '../environments/environment-api.ts';
import type { EnvironmentInfo } from '../environments/environment-api.ts';
import { ConfirmAction } from '../pages/ConfirmAction.tsx';
import { formatDate } from '../pages/labels.ts';
import { mockApi } from './api.ts';
import type { MockServer } from './api.ts';

/** Every collection of the workspace (the API pages them). */
async function allCollections(workspaceId: string): Promise<CollectionSummary[]> {
  const all: CollectionSummary[] = [];
  let cursor: string | null = null;
  do {
    const page = await collections.list(workspaceId, cursor);
    all.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return all;
}

/** Where the mock answers, as this browser reaches Postern (the API's `url` assumes PUBLIC_URL). */
const mockUrl = (mock: MockServer) => `${window.location.origin}/mock/${mock.id}`;

interface Sources {
  collections: CollectionSummary[];
  environments: EnvironmentInfo[];
}

/**
 * `/w/:workspaceId/mocks`: the workspace's hosted mock servers. Editors create one from a
 * collection (its latest saved state or one revision) with an optional environment; everyone who
 * can view the workspace sees the URL and the call log.
 */
export function MocksPage() {
  const { workspaceId = '' } = useParams();
  const workspace = useLoad(() => workspaces.get(workspaceId), `workspace:${workspaceId}`);
  const sources = useLoad(
    async (): Promise<Sources> => ({ collections: await allCollections(workspaceId), environments: await environmentApi.listAll(workspaceId) }),
    `mock-sources:${workspaceId}`,
  );
  const mocks = usePaged((cursor) => mockApi.list(workspaceId, cursor), `mocks:${workspaceId}`);
  useTitle(workspace.status === 'ready' ? `Mock servers of ${workspace.data.name}` : 'Mock servers');
  return (
    <Loading loaded={workspace} what="the workspace">
      {(w) => (
        <>
          <p>
            <Link to={`/w/${workspaceId}`}>← {w.name}</Link>
          </p>
          <h1>Mock servers of {w.name}</h1>
          <p className="hint">
            A mock server answers requests with the saved examples of a collection, matched the way Postman’s mock servers match them
            (method, path, query and the <code>x-mock-*</code> headers). A private mock needs an API key of someone who can view this
            workspace in the <code>x-api-key</code> header. Each call is logged without credentials or cookies, and without the caller’s
            address.
          </p>
          <Loading loaded={sources} what="the collections and environments">
            {(s) => (
              <>
                {w.abilities.canEdit && <CreateMockForm workspaceId={workspaceId} sources={s} onCreated={mocks.reload} />}
                <section aria-labelledby="mocks-heading">
                  <h2 id="mocks-heading">Mock servers</h2>
                  <PagedList list={mocks} what="mock servers" label="Mock servers" empty="No mock servers yet.">
                    {(m) => (
                      <li key={m.id}>
                        <MockSection initial={m} workspace={w} sources={s} onRemoved={mocks.reload} />
                      </li>
                    )}
                  </PagedList>
                </section>
              </>
            )}
          </Loading>
        </>
      )}
    </Loading>
  );
}

function CreateMockForm({ workspaceId, sources, onCreated }: { workspaceId: string; sources: Sources; onCreated(): void }) {
  const [created, setCreated] = useState<MockServer | null>(null);
  if (sources.collections.length === 0) {
    return <p className="empty">Import a collection with saved examples first; a mock server serves its examples.</p>;
  }
  return (
    <section aria-labelledby="new-mock-heading">
      <h2 id="new-mock-heading">New mock server</h2>
      <Form
        submitLabel="Create mock server"
        pendingLabel="Creating…"
        onSubmit={async (data) => {
          const revision = String(data.get('collectionRevision') ?? '').trim();
          const environmentId = String(data.get('environmentId') ?? '');
          const mock = await mockApi.create(workspaceId, {
            name: String(data.get('name') ?? '').trim(),
            collectionId: String(data.get('collectionId') ?? ''),
            ...(revision && { collectionRevision: Number(revision) }),
            ...(environmentId && { environmentId }),
            private: data.get('private') === 'on',
            delay: data.get('delay') === 'on',
            callRetentionDays: Number(data.get('callRetentionDays') ?? 30),
          });
          setCreated(mock);
          onCreated();
        }}
      >
        <Field name="name" label="Name" required maxLength={200} />
        <SelectField name="collectionId" label="Collection">
          {sources.collections.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name} (revision {c.revision})
            </option>
          ))}
        </SelectField>
        <Field
          name="collectionRevision"
          label="Revision (optional)"
          type="number"
          min={1}
          step={1}
          inputMode="numeric"
          hint="Leave empty to always serve the latest saved state; a number pins the collection as it was at that revision."
        />
        <SelectField name="environmentId" label="Environment" hint="Its variables resolve {{variables}} in example URLs and bodies.">
          <option value="">No environment</option>
          {sources.environments.map((e) => (
            <option key={e.id} value={e.id}>
              {e.name}
            </option>
          ))}
        </SelectField>
        <CheckboxField name="private" label="Private: callers need an API key (x-api-key)" defaultChecked />
        <CheckboxField name="delay" label="Wait each example’s response time before answering" defaultChecked />
        <Field name="callRetentionDays" label="Keep the call log for (days, 1–90)" type="number" min={1} max={90} step={1} defaultValue={30} required />
      </Form>
      {created && (
        <div className="notice" role="status">
          <p>
            Created {created.name}. It answers at <code>{mockUrl(created)}</code>
          </p>
        </div>
      )}
    </section>
  );
}

function MockSection({ initial, workspace, sources, onRemoved }: { initial: MockServer; workspace: Workspace; sources: Sources; onRemoved(): void }) {
  const { forget } = useAuth();
  const [mock, setMock] = useState(initial);
  const [message, setMessage] = useState('');
  const [error, setError] = useState<unknown>(null);
  const calls = usePaged((cursor) => mockApi.calls(mock.id, cursor), `mock-calls:${mock.id}`);
  const headingId = `mock-${mock.id}`;
  const collection = sources.collections.find((c) => c.id === mock.collectionId)?.name ?? 'a deleted collection';
  const environment = mock.environmentId ? (sources.environments.find((e) => e.id === mock.environmentId)?.name ?? 'an environment') : null;
  const canEdit = workspace.abilities.canEdit;

  async function act(work: () => Promise<string>) {
    setError(null);
    setMessage('');
    try {
      setMessage(await work());
    } catch (thrown) {
      if (isSignedOut(thrown)) forget();
      setError(thrown);
    }
  }
  const change = (body: Parameters<typeof mockApi.update>[1], done: (m: MockServer) => string) =>
    act(async () => {
      const updated = await mockApi.update(mock.id, body);
      setMock(updated);
      return done(updated);
    });

  return (
    <section aria-labelledby={headingId} className="card">
      <h3 id={headingId}>{mock.name}</h3>
      <p>
        <code aria-label={`URL of ${mock.name}`}>{mockUrl(mock)}</code> <CopyButton text={mockUrl(mock)} label="Copy URL" />
      </p>
      <p>
        Serves {collection}, {mock.collectionRevision === null ? 'latest saved state' : `revision ${mock.collectionRevision}`}
        {environment && `, with the variables of ${environment}`}. {mock.private ? 'Private (API key needed)' : 'Public (anyone with the URL)'}.{' '}
        {mock.enabled ? 'On' : 'Switched off'}. Calls are kept {mock.callRetentionDays} days.
      </p>
      {canEdit && (
        <div className="actions">
          <button type="button" onClick={() => change({ private: !mock.private }, (m) => (m.private ? 'Now private.' : 'Now public.'))}>
            {mock.private ? 'Make public' : 'Make private'}
          </button>
          <button type="button" onClick={() => change({ enabled: !mock.enabled }, (m) => (m.enabled ? 'Switched on.' : 'Switched off.'))}>
            {mock.enabled ? 'Switch off' : 'Switch on'}
          </button>
          <ConfirmAction
            label="Clear call log"
            accessibleLabel={`Clear call log of ${mock.name}`}
            question="Delete every logged call of this mock?"
            confirmLabel="Clear log"
            onConfirm={async () => {
              const { deleted } = await mockApi.clearCalls(mock.id);
              calls.reload();
              setMessage(`Deleted ${deleted} logged ${deleted === 1 ? 'call' : 'calls'}.`);
            }}
          />
          <ConfirmAction
            label="Delete"
            accessibleLabel={`Delete the mock server ${mock.name}`}
            question="Delete this mock server and its call log? Its URL stops answering."
            confirmLabel="Delete mock server"
            onConfirm={async () => {
              await mockApi.remove(mock.id);
              onRemoved();
            }}
          />
        </div>
      )}
      <p role="status">{message}</p>
      {error !== null && <ErrorMessage error={error} />}
      <h4>Call log</h4>
      <button type="button" onClick={calls.reload}>
        Refresh call log
      </button>
      {calls.status !== 'ready' ? (
        <LoadStatus state={calls} what="the call log" />
      ) : calls.items.length === 0 ? (
        <p className="empty">No calls yet.</p>
      ) : (
        <div className="table-scroll">
          <table>
            <caption className="visually-hidden">Calls to {mock.name}, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Time</th>
                <th scope="col">Request</th>
                <th scope="col">Status</th>
                <th scope="col">Example</th>
                <th scope="col">Duration</th>
              </tr>
            </thead>
            <tbody>
              {calls.items.map((c) => (
                <tr key={c.id}>
                  <td>{formatDate(c.createdAt)}</td>
                  <th scope="row">
                    <code>
                      {c.method} {c.path}
                    </code>
                  </th>
                  <td>{c.status}</td>
                  <td>{c.example ?? <span className="muted">no match</span>}</td>
                  <td>{c.durationMs} ms</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {calls.status === 'ready' && calls.error !== null && <ErrorMessage error={calls.error} />}
      {calls.hasMore && (
        <button type="button" onClick={calls.loadMore} disabled={calls.loadingMore}>
          {calls.loadingMore ? 'Loading more calls…' : 'Show more calls'}
        </button>
      )}
    </section>
  );
}
