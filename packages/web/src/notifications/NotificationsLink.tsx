import { useEffect, useState } from 'react';
import { NavLink, useLocation } from 'react-router';
import { NOTIFICATIONS_CHANGED, notifications } from './api.ts';

/** The header link to the feed, with the unread count in its name ("Notifications (2)"). */
export function NotificationsLink() {
  const { pathname } = useLocation();
  const [unread, setUnread] = useState<number | null>(null);
  const [changed, setChanged] = useState(0);

  useEffect(() => {
    const onChange = () => setChanged((n) => n + 1);
    window.addEventListener(NOTIFICATIONS_CHANGED, onChange);
    return () => window.removeEventListener(NOTIFICATIONS_CHANGED, onChange);
  }, []);

  // Counted again on every page change: there is no push channel yet.
  useEffect(() => {
    let current = true;
    notifications.unreadCount().then(
      (n) => {
        if (current) setUnread(n);
      },
      () => {
        // The count is a hint; the page itself reports errors.
        if (current) setUnread(null);
      },
    );
    return () => {
      current = false;
    };
  }, [pathname, changed]);

  return (
    <NavLink to="/notifications">
      Notifications{unread ? ` (${unread})` : ''}
      {unread ? <span className="visually-hidden"> unread</span> : null}
    </NavLink>
  );
}
