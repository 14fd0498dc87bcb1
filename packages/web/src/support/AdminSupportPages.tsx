import { FilterSelect } from '../components/FilterSelect.tsx';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { Form, SelectField, TextAreaField } from '../components/Form.tsx';
import { Loading } from '../components/Loading.tsx';
import { useLoad } from '../components/use-load.ts';
import { useTitle } from '../components/use-title.ts';
import { supportApi, TICKET_STATE_LABELS } from './api.ts';
import type { TicketState } from './api.ts';
import { Conversation, when } from './SupportPages.tsx';

const FILTERS: [string, string][] = [['active', 'Open and waiting'], ['', 'All tickets'], ...Object.entries(TICKET_STATE_LABELS)];

/** For the operator: the support queue (P3), tickets untouched longest first, then resolved ones. */
export function AdminSupportPage() {
  useTitle('Support queue');
  const [filter, setFilter] = useState('active');
  const loaded = useLoad(() => supportApi.queue(filter), `support-queue:${filter}`);
  return (
    <>
      <h1>Support queue</h1>
      <p>
        Tickets from people with and without an account. Answers are emailed to the contact address and shown in the app. Resolved tickets
        are deleted 12 months after resolution, their attachments after 90 days.
      </p>
      <FilterSelect id="support-filter" options={FILTERS} value={filter} onChange={setFilter} />
      <Loading loaded={loaded} what="tickets">
        {({ tickets }) =>
          tickets.length === 0 ? (
            <p>No tickets.</p>
          ) : (
            <div className="table-scroll">
              <table>
                <caption>Tickets</caption>
                <thead>
                  <tr>
                    <th scope="col">Reference</th>
                    <th scope="col">Summary</th>
                    <th scope="col">From</th>
                    <th scope="col">State</th>
                    <th scope="col">Last change</th>
                  </tr>
                </thead>
                <tbody>
                  {tickets.map((t) => (
                    <tr key={t.id}>
                      <td>
                        <Link to={`/admin/support/${t.id}`}>{t.reference}</Link>
                      </td>
                      <td>{t.summary}</td>
                      <td>
                        {t.contactName} &lt;{t.contactEmail}&gt;{t.hasAccount ? '' : ' (no account)'}
                      </td>
                      <td>{TICKET_STATE_LABELS[t.state]}</td>
                      <td>{when(t.updatedAt)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </Loading>
    </>
  );
}

/** One ticket for the operator: the thread, an answer with the next state, or a state change alone. */
export function AdminSupportTicketPage() {
  const { id = '' } = useParams();
  const loaded = useLoad(() => supportApi.get(id), `support-ticket-admin:${id}`);
  const [formKey, setFormKey] = useState(0);
  useTitle(loaded.status === 'ready' ? `Ticket ${loaded.data.reference}` : 'Support ticket');
  return (
    <>
      <p>
        <Link to="/admin/support">Support queue</Link>
      </p>
      <Loading loaded={loaded} what="the ticket">
        {(ticket) => (
          <>
            <h1>
              {ticket.reference}: {ticket.summary}
            </h1>
            <p>
              From {ticket.contactName} &lt;{ticket.contactEmail}&gt;{ticket.hasAccount ? ', signed in' : ', without an account'}; opened{' '}
              {when(ticket.createdAt)}. State: <strong>{TICKET_STATE_LABELS[ticket.state]}</strong>.
            </p>
            <Conversation ticket={ticket} viewer="operator" attachmentUrl={(attachmentId) => supportApi.attachmentUrl(ticket.id, attachmentId)} />
            <h2>Answer</h2>
            <Form
              key={formKey}
              submitLabel="Send answer"
              pendingLabel="Sending…"
              onSubmit={async (data) => {
                await supportApi.reply(ticket.id, String(data.get('body') ?? '').trim(), String(data.get('state')) as TicketState);
                setFormKey((k) => k + 1);
                loaded.reload();
              }}
            >
              <TextAreaField name="body" label="Answer" required rows={5} maxLength={20000} hint="Emailed to the contact address and shown in the app." />
              <SelectField name="state" label="Then the ticket is" defaultValue="waiting">
                <option value="waiting">{TICKET_STATE_LABELS.waiting}</option>
                <option value="resolved">{TICKET_STATE_LABELS.resolved}</option>
                <option value="open">{TICKET_STATE_LABELS.open}</option>
              </SelectField>
            </Form>
            {ticket.state !== 'resolved' ? (
              <button
                type="button"
                onClick={async () => {
                  await supportApi.setState(ticket.id, 'resolved');
                  loaded.reload();
                }}
              >
                Mark resolved without answering
              </button>
            ) : (
              <button
                type="button"
                onClick={async () => {
                  await supportApi.setState(ticket.id, 'open');
                  loaded.reload();
                }}
              >
                Reopen
              </button>
            )}
          </>
        )}
      </Loading>
    </>
  );
}
