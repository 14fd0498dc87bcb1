import { useState } from 'react';
import { Link } from 'react-router';
import { messageOf } from '../api/client.ts';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { PagedList } from '../components/PagedList.tsx';
import { usePaged } from '../components/use-paged.ts';
import { useTitle } from '../components/use-title.ts';
import { formatDate } from '../pages/labels.ts';
import { announceNotificationsChanged, notifications } from './api.ts';
import type { AppNotification } from './api.ts';

/** The in-app feed, newest first; entries are kept 90 days. */
export function NotificationsPage() {
  useTitle('Notifications');
  const [error, setError] = useState<unknown>(null);
  const [status, setStatus] = useState('');
  // Read marks made here, shown at once without reloading the list.
  const [readHere, setReadHere] = useState<Set<string>>(new Set());
  const feed = usePaged((cursor) => notifications.list(cursor), 'notifications');
  const isRead = (n: AppNotification) => n.readAt !== null || readHere.has(n.id);
  const unread = feed.items.filter((n) => !isRead(n)).length;

  async function act(work: () => Promise<void>, done: string) {
    setError(null);
    try {
      await work();
      setStatus(done);
      announceNotificationsChanged();
    } catch (thrown) {
      setError(thrown);
      setStatus(`Failed: ${messageOf(thrown)}`);
    }
  }

  return (
    <>
      <h1>Notifications</h1>
      <p>
        Choose what you are told about in <Link to="/settings/notifications">notification settings</Link>. Notifications are deleted after 90 days.
      </p>
      {feed.items.length > 0 && (
        <button
          type="button"
          disabled={unread === 0}
          onClick={() =>
            void act(async () => {
              await notifications.markAllRead();
              setReadHere(new Set(feed.items.map((n) => n.id)));
            }, 'All notifications marked read.')
          }
        >
          Mark all read
        </button>
      )}
      <p className="visually-hidden" role="status">
        {status}
      </p>
      {error !== null && <ErrorMessage error={error} />}
      <PagedList list={feed} what="notifications" label="Notifications" empty="No notifications.">
        {(n) => (
          <li key={n.id} className={isRead(n) ? 'notification' : 'notification unread'}>
            <p>
              {!isRead(n) && <strong className="badge">New</strong>} {n.link ? <Link to={n.link}>{n.title}</Link> : n.title}
              <span className="muted"> · {formatDate(n.createdAt)}</span>
            </p>
            {!isRead(n) && (
              <button
                type="button"
                className="secondary"
                aria-label={`Mark read: ${n.title}`}
                onClick={() =>
                  void act(async () => {
                    await notifications.markRead(n.id);
                    setReadHere((s) => new Set(s).add(n.id));
                  }, `Marked read: ${n.title}`)
                }
              >
                Mark read
              </button>
            )}
          </li>
        )}
      </PagedList>
    </>
  );
}
