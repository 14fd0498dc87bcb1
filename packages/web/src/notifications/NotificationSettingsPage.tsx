import { useState } from 'react';
import { messageOf } from '../api/client.ts';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { Loading } from '../components/Loading.tsx';
import { useLoad } from '../components/use-load.ts';
import { useTitle } from '../components/use-title.ts';
import { notifications } from './api.ts';
import type { NotificationPreferences, NotificationType } from './api.ts';

type Channel = 'inApp' | 'email';
const CHANNEL_WORDS: Record<Channel, string> = { inApp: 'in the app', email: 'by email' };

/** Settings → Notifications: a switch per type and channel (saved at once), and what is always sent (P9, P22). */
export function NotificationSettingsPage() {
  useTitle('Notification settings');
  const loaded = useLoad(() => notifications.preferences(), 'notification-preferences');
  return (
    <Loading loaded={loaded} what="notification settings">
      {(initial) => <PreferencesForm initial={initial} />}
    </Loading>
  );
}

function PreferencesForm({ initial }: { initial: NotificationPreferences }) {
  const [prefs, setPrefs] = useState(initial);
  const [pending, setPending] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [status, setStatus] = useState('');

  async function toggle(type: NotificationType, channel: Channel, on: boolean, label: string) {
    const key = `${type}.${channel}`;
    setPending(key);
    setError(null);
    try {
      setPrefs(await notifications.updatePreferences({ [type]: { [channel]: on } }));
      setStatus(`Saved: ${label} ${CHANNEL_WORDS[channel]} ${on ? 'on' : 'off'}.`);
    } catch (thrown) {
      setError(thrown);
      setStatus(`Not saved: ${messageOf(thrown)}`);
    } finally {
      setPending(null);
    }
  }

  const productNews = prefs.types.find((t) => t.type === 'productNews');
  return (
    <>
      <h2>Notifications</h2>
      <p>Choose what you hear about, in the app and by email. Changes are saved as soon as you switch them.</p>
      {error !== null && <ErrorMessage error={error} />}
      <p className="success" role="status">
        {status}
      </p>
      <table className="notification-preferences">
        <caption>Notification types</caption>
        <thead>
          <tr>
            <th scope="col">Type</th>
            <th scope="col">In the app</th>
            <th scope="col">By email</th>
          </tr>
        </thead>
        <tbody>
          {prefs.types.map((t) => (
            <tr key={t.type}>
              <th scope="row">
                {t.label}
                <span className="hint">{t.description}</span>
                {!t.available && <span className="hint">Not available yet: nothing sends this type today.</span>}
              </th>
              {(['inApp', 'email'] as const).map((channel) => (
                <td key={channel}>
                  <input
                    type="checkbox"
                    aria-label={`${t.label} ${CHANNEL_WORDS[channel]}`}
                    checked={t[channel]}
                    disabled={pending === `${t.type}.${channel}`}
                    onChange={(event) => void toggle(t.type, channel, event.currentTarget.checked, t.label)}
                  />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>

      <h3>Product news (marketing)</h3>
      <p>
        Product news by email is off unless you turn it on. Every such email has a one-click unsubscribe link that works without signing in.{' '}
        {productNews?.email ? 'You are subscribed.' : 'You are not subscribed.'}
        {prefs.marketingEmailChangedAt && ` Last changed ${new Date(prefs.marketingEmailChangedAt).toLocaleString()}.`}
      </p>

      <h3>Always sent</h3>
      <p>These messages cannot be switched off: they keep your account safe and usable, or the law requires them. They are never marketing.</p>
      <ul className="always-on">
        {prefs.alwaysOn.map((m) => (
          <li key={m.id}>
            <strong>{m.label}</strong>: {m.reason}
          </li>
        ))}
      </ul>
    </>
  );
}
