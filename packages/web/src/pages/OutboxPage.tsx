import { admin } from '../api/endpoints.ts';
import { PagedList } from '../components/PagedList.tsx';
import { usePaged } from '../components/use-paged.ts';
import { formatDate } from './labels.ts';
import { useTitle } from '../components/use-title.ts';

/** For the operator: the email the instance would have sent, kept here when no SMTP server is set. */
export function OutboxPage() {
  useTitle('Outbox');
  const outbox = usePaged((cursor) => admin.outbox(cursor), 'outbox');
  return (
    <>
      <h1>Outbox</h1>
      <p>Without SMTP settings, Postern keeps the email it would send here, newest first.</p>
      <PagedList list={outbox} what="messages" label="Messages" empty="No messages.">
        {(m) => (
          <li key={m.id} className="message">
            <p>
              <strong>{m.subject}</strong> <span className="muted">to {m.to}</span>
              <span className="muted"> · {formatDate(m.createdAt)}</span>
            </p>
            <pre>{m.text}</pre>
          </li>
        )}
      </PagedList>
    </>
  );
}
