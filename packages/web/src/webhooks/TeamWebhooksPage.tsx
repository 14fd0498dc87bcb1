import { useState } from 'react';
import type { ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { isSignedOut } from '../api/client.ts';
import { workspaces } from '../api/endpoints.ts';
import { useAuth } from '../auth/auth-context.ts';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { Field, FieldErrorText, Form } from '../components/Form.tsx';
import { Loading } from '../components/Loading.tsx';
import { useLoad } from '../components/use-load.ts';
import { ConfirmAction } from '../pages/ConfirmAction.tsx';
import { formatDate } from '../pages/labels.ts';
import { useTeamAdmin } from '../team-admin/TeamAdminLayout.tsx';
import { WEBHOOK_EVENT_CHOICES, webhookBase, webhooksAt } from './api.ts';
import type { WebhookDelivery, WebhookEndpoint } from './api.ts';

/**
 * A team's (or workspace's) outgoing webhooks: register an endpoint (its signing secret is shown once here, and
 * admins may read it again), switch it off or on, send a test ping, and read its delivery log.
 */
export function TeamWebhooksPage() {
  const { team } = useTeamAdmin();
  return <WebhooksPanel base={webhookBase.team(team.slug)} heading={<h2 id="webhooks-heading">Webhooks</h2>} scope={`${team.name} or its workspaces`} />;
}

/** `/w/:workspaceId/webhooks`: the webhooks of one workspace, for its admins. */
export function WorkspaceWebhooksPage() {
  const { workspaceId = '' } = useParams();
  const workspace = useLoad(() => workspaces.get(workspaceId), `workspace:${workspaceId}`);
  return (
    <Loading loaded={workspace} what="the workspace">
      {(w) => (
        <>
          <p>
            <Link to={`/w/${workspaceId}`}>← {w.name}</Link>
          </p>
          <WebhooksPanel base={webhookBase.workspace(workspaceId)} heading={<h1 id="webhooks-heading">Webhooks of {w.name}</h1>} scope={w.name} />
        </>
      )}
    </Loading>
  );
}

function WebhooksPanel({ base, heading, scope }: { base: string; heading: ReactNode; scope: string }) {
  const hooks = webhooksAt(base);
  const endpoints = useLoad(() => hooks.list(), `webhooks:${base}`);
  const [created, setCreated] = useState<{ url: string; secret: string } | null>(null);
  return (
    <>
      <section aria-labelledby="webhooks-heading">
        {heading}
        <p className="hint">
          Postern sends a signed JSON POST to each endpoint when something happens in {scope}. A failed delivery is
          tried up to 6 times in all, over about 5 hours. An endpoint that answers 410, or fails 5 deliveries in a row, is switched off, and the
          admins are told by email. See “Webhooks” in the administration guide for how to check the signature.
        </p>
        <Form
          submitLabel="Add endpoint"
          pendingLabel="Adding…"
          listFieldErrors
          onSubmit={async (data) => {
            const description = String(data.get('description') ?? '').trim();
            const made = await hooks.create({
              url: String(data.get('url') ?? '').trim(),
              ...(description && { description }),
              events: data.getAll('events').map(String),
            });
            setCreated({ url: made.url, secret: made.secret });
            endpoints.reload();
          }}
        >
          <Field name="url" label="Endpoint URL" type="url" required maxLength={2000} placeholder="https://example.com/postern-hook" />
          <Field name="description" label="Description (optional)" maxLength={500} />
          <fieldset className="field">
            <legend>Events to send</legend>
            <FieldErrorText name="events" />
            {WEBHOOK_EVENT_CHOICES.map((e) => (
              <label key={e.value} className="choice">
                <input type="checkbox" name="events" value={e.value} defaultChecked={e.value.startsWith('collection.')} />
                <span>
                  {e.label} <code>{e.value}</code>
                </span>
              </label>
            ))}
          </fieldset>
        </Form>
        {created && (
          <div className="notice" role="status">
            <p>
              Added {created.url}. Its signing secret is below. Copy it into your receiver now. Owners and admins can also show it again
              later.
            </p>
            <p>
              <code aria-label="Signing secret">{created.secret}</code>
            </p>
          </div>
        )}
      </section>
      <Loading loaded={endpoints} what="the webhooks">
        {({ items }) =>
          items.length === 0 ? (
            <p className="empty">No webhooks yet.</p>
          ) : (
            <>
              {items.map((e) => (
                <EndpointSection key={e.id} base={base} initial={e} onRemoved={endpoints.reload} />
              ))}
            </>
          )
        }
      </Loading>
    </>
  );
}

function EndpointSection({ base, initial, onRemoved }: { base: string; initial: WebhookEndpoint; onRemoved(): void }) {
  const { forget } = useAuth();
  const hooks = webhooksAt(base);
  const [endpoint, setEndpoint] = useState(initial);
  const [secret, setSecret] = useState<string | null>(null);
  const [message, setMessage] = useState('');
  const [error, setError] = useState<unknown>(null);
  const log = useLoad(() => hooks.deliveries(endpoint.id), `webhook-deliveries:${endpoint.id}`);
  const headingId = `webhook-${endpoint.id}`;

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

  return (
    <section aria-labelledby={headingId} className="card">
      <h3 id={headingId}>{endpoint.url}</h3>
      {endpoint.description && <p>{endpoint.description}</p>}
      <p>
        {endpoint.enabled ? 'On' : 'Switched off'}
        {endpoint.disabledReason && `: ${endpoint.disabledReason}`}. Events: {endpoint.events.join(', ')}.
      </p>
      <div className="actions">
        <button
          type="button"
          onClick={() =>
            act(async () => {
              const updated = await hooks.update(endpoint.id, { enabled: !endpoint.enabled });
              setEndpoint(updated);
              return updated.enabled ? 'Switched on.' : 'Switched off.';
            })
          }
        >
          {endpoint.enabled ? 'Switch off' : 'Switch on'}
        </button>
        <button
          type="button"
          onClick={() =>
            act(async () => {
              await hooks.ping(endpoint.id);
              log.reload();
              return 'Test ping queued; it shows in the delivery log below.';
            })
          }
        >
          Send test ping
        </button>
        <button
          type="button"
          onClick={() =>
            act(async () => {
              setSecret((await hooks.secret(endpoint.id)).secret);
              return '';
            })
          }
        >
          Show signing secret
        </button>
        <ConfirmAction
          label="Delete"
          accessibleLabel={`Delete the webhook ${endpoint.url}`}
          question="Delete this endpoint and its delivery log?"
          confirmLabel="Delete endpoint"
          onConfirm={async () => {
            await hooks.remove(endpoint.id);
            onRemoved();
          }}
        />
      </div>
      {secret && (
        <p>
          Signing secret: <code>{secret}</code>
        </p>
      )}
      <p role="status">{message}</p>
      {error !== null && <ErrorMessage error={error} />}
      <h4>Delivery log</h4>
      <button type="button" onClick={log.reload}>
        Refresh log
      </button>
      <Loading loaded={log} what="the delivery log">
        {({ items }) =>
          items.length === 0 ? (
            <p className="empty">Nothing sent yet.</p>
          ) : (
            <DeliveryTable
              url={endpoint.url}
              items={items}
              onRedeliver={(d) =>
                act(async () => {
                  await hooks.redeliver(endpoint.id, d.id);
                  log.reload();
                  return `The ${d.eventType} event was queued again.`;
                })
              }
            />
          )
        }
      </Loading>
    </section>
  );
}

const STATUS_LABELS: Record<WebhookDelivery['status'], string> = {
  pending: 'Queued',
  sending: 'Sending',
  retrying: 'Will retry',
  delivered: 'Delivered',
  failed: 'Failed',
};

function DeliveryTable({ url, items, onRedeliver }: { url: string; items: WebhookDelivery[]; onRedeliver(d: WebhookDelivery): void }) {
  return (
    <div className="table-scroll">
      <table>
        <caption className="visually-hidden">Deliveries to {url}, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Event</th>
            <th scope="col">Status</th>
            <th scope="col">Attempts</th>
            <th scope="col">Response</th>
            <th scope="col">Duration</th>
            <th scope="col">Sent</th>
            <th scope="col">Next retry</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {items.map((d) => (
            <tr key={d.id}>
              <th scope="row">
                <code>{d.eventType}</code>
              </th>
              <td>{STATUS_LABELS[d.status]}</td>
              <td>{d.attempts}</td>
              <td>
                {d.responseStatus ?? '—'}
                {(d.error ?? d.responseExcerpt) && <div className="muted">{d.error ?? d.responseExcerpt}</div>}
              </td>
              <td>{d.durationMs === null ? '—' : `${d.durationMs} ms`}</td>
              <td>{d.lastAttemptAt ? formatDate(d.lastAttemptAt) : '—'}</td>
              <td>{d.nextAttemptAt ? formatDate(d.nextAttemptAt) : '—'}</td>
              <td>
                <button type="button" aria-label={`Redeliver the ${d.eventType} event sent ${formatDate(d.createdAt)}`} onClick={() => onRedeliver(d)}>
                  Redeliver
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
