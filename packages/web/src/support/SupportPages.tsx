import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useAuth } from '../auth/auth-context.ts';
import { Field, Form, TextAreaField } from '../components/Form.tsx';
import { Loading } from '../components/Loading.tsx';
import { useLoad } from '../components/use-load.ts';
import { useTitle } from '../components/use-title.ts';
import {
  ATTACHMENT_ACCEPT,
  fileSize,
  fileToBase64,
  MAX_ATTACHMENT_BYTES,
  MAX_ATTACHMENTS,
  MAX_TOTAL_ATTACHMENT_BYTES,
  supportApi,
  TICKET_STATE_LABELS,
} from './api.ts';
import type { Ticket, TicketSummary } from './api.ts';

export const when = (iso: string) => new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** Checks the chosen files before they are read and sent; the server checks again, by their bytes. */
function checkFiles(files: File[]): string | undefined {
  if (files.length > MAX_ATTACHMENTS) return `Attach at most ${MAX_ATTACHMENTS} files.`;
  const big = files.find((f) => f.size > MAX_ATTACHMENT_BYTES);
  if (big) return `"${big.name}" is larger than 5 MiB; attach a smaller file.`;
  if (files.reduce((sum, f) => sum + f.size, 0) > MAX_TOTAL_ATTACHMENT_BYTES) return 'The files together may be at most 15 MiB.';
  return undefined;
}

/** The support form (P3): signed in or not; the contact is prefilled from the account and editable. */
export function SupportPage() {
  useTitle('Support');
  const { account } = useAuth();
  const [opened, setOpened] = useState<string | null>(null);
  const [fileError, setFileError] = useState<string | undefined>();
  const mine = useLoad(() => (account ? supportApi.mine() : Promise.resolve({ tickets: [] as TicketSummary[] })), `my-support-tickets:${account?.id ?? ''}`);
  return (
    <section className="narrow">
      <h1>Contact support</h1>
      <p>
        Tell the operator of this Postern instance what went wrong. Screenshots and logs help: PNG, JPEG, GIF, WebP, PDF or plain text, at
        most {MAX_ATTACHMENTS} files of 5 MiB each and 15 MiB together. Leave out passwords, tokens and card numbers.
      </p>
      <p className="muted">
        We use what you send only to answer you. A resolved ticket is deleted 12 months after it is resolved, its attachments after 90 days.
      </p>
      {opened ? (
        <p className="success" role="status">
          Thank you: ticket {opened} is open. We sent a confirmation to your contact address{account ? ', and you can follow it below' : ''}.
        </p>
      ) : (
        <Form
          submitLabel="Send to support"
          pendingLabel="Sending…"
          listFieldErrors
          onSubmit={async (data) => {
            const text = (name: string) => String(data.get(name) ?? '').trim();
            const files = data.getAll('attachments').filter((f): f is File => f instanceof File && f.size > 0);
            const problem = checkFiles(files);
            setFileError(problem);
            if (problem) return;
            const attachments = await Promise.all(files.map(async (f) => ({ name: f.name, data: await fileToBase64(f) })));
            const result = await supportApi.open({
              contactName: text('contactName'),
              contactEmail: text('contactEmail'),
              summary: text('summary'),
              description: text('description'),
              attachments,
            });
            setOpened(result.reference);
            mine.reload();
          }}
        >
          <Field name="contactName" label="Your name" autoComplete="name" required maxLength={200} defaultValue={account ? (account.displayName ?? account.username) : ''} />
          <Field
            name="contactEmail"
            label="Your email address"
            type="email"
            autoComplete="email"
            required
            defaultValue={account?.email ?? ''}
            hint="Where our answers go."
          />
          <Field name="summary" label="Summary" required maxLength={200} hint="One line, e.g. “Runs stop after the first request”." />
          <TextAreaField name="description" label="What happened?" required rows={6} maxLength={20000} hint="What you did, what you expected and what you saw." />
          <Field
            name="attachments"
            label="Screenshots or logs (optional)"
            type="file"
            multiple
            accept={ATTACHMENT_ACCEPT}
            hint={`Up to ${MAX_ATTACHMENTS} files: PNG, JPEG, GIF, WebP, PDF or plain text; 5 MiB each, 15 MiB together.`}
            localError={fileError}
          />
        </Form>
      )}
      {account && (
        <>
          <h2>Your tickets</h2>
          <Loading loaded={mine} what="your tickets">
            {({ tickets }) =>
              tickets.length === 0 ? (
                <p>None yet.</p>
              ) : (
                <ul className="plain-list">
                  {tickets.map((t) => (
                    <li key={t.reference}>
                      <Link to={`/support/tickets/${encodeURIComponent(t.reference)}`}>
                        {t.reference}: {t.summary}
                      </Link>{' '}
                      <span className="muted">
                        {TICKET_STATE_LABELS[t.state]}, opened {when(t.createdAt)}
                      </span>
                    </li>
                  ))}
                </ul>
              )
            }
          </Loading>
        </>
      )}
    </section>
  );
}

/** The conversation of one ticket, shared by the requester's page and the operator's. */
export function Conversation({ ticket, attachmentUrl, viewer }: { ticket: Ticket; attachmentUrl(id: string): string; viewer: 'requester' | 'operator' }) {
  const who = (from: 'requester' | 'operator') => (from === viewer ? 'You' : from === 'operator' ? 'Support' : ticket.contactName);
  return (
    <>
      <h2>Description</h2>
      <p style={{ whiteSpace: 'pre-wrap' }}>{ticket.description}</p>
      {ticket.attachments.length > 0 && (
        <>
          <h2>Attachments</h2>
          <ul className="plain-list">
            {ticket.attachments.map((a) => (
              <li key={a.id}>
                <a href={attachmentUrl(a.id)} download={a.fileName}>
                  {a.fileName}
                </a>{' '}
                <span className="muted">
                  {a.contentType}, {fileSize(a.size)}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
      <h2>Replies</h2>
      {ticket.messages.length === 0 ? (
        <p>No replies yet.</p>
      ) : (
        <ol className="plain-list">
          {ticket.messages.map((m) => (
            <li key={m.id}>
              <p>
                <strong>{who(m.from)}</strong> <span className="muted">{when(m.createdAt)}</span>
              </p>
              <p style={{ whiteSpace: 'pre-wrap' }}>{m.body}</p>
            </li>
          ))}
        </ol>
      )}
    </>
  );
}

/** A requester's own ticket: the thread, and a reply box (which reopens a resolved ticket). */
export function SupportTicketPage() {
  const { reference = '' } = useParams();
  useTitle(`Support ticket ${reference}`);
  const loaded = useLoad(() => supportApi.mineOne(reference), `support-ticket:${reference}`);
  const [formKey, setFormKey] = useState(0);
  return (
    <section className="narrow">
      <p>
        <Link to="/support">All your tickets</Link>
      </p>
      <Loading loaded={loaded} what="the ticket">
        {(ticket) => (
          <>
            <h1>
              {ticket.reference}: {ticket.summary}
            </h1>
            <p>
              State: <strong>{TICKET_STATE_LABELS[ticket.state]}</strong>. Answers go to {ticket.contactEmail}.
            </p>
            <Conversation ticket={ticket} viewer="requester" attachmentUrl={(id) => supportApi.mineAttachmentUrl(ticket.reference, id)} />
            <h2>Reply</h2>
            <Form
              key={formKey}
              submitLabel={ticket.state === 'resolved' ? 'Reply and reopen' : 'Send reply'}
              pendingLabel="Sending…"
              onSubmit={async (data) => {
                await supportApi.replyMine(ticket.reference, String(data.get('body') ?? '').trim());
                setFormKey((k) => k + 1);
                loaded.reload();
              }}
            >
              <TextAreaField name="body" label="Your reply" required rows={4} maxLength={20000} />
            </Form>
          </>
        )}
      </Loading>
    </section>
  );
}
