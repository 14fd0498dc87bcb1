import { useState } from 'react';
import { profile } from '../api/endpoints.ts';
import { useAuth } from '../auth/auth-context.ts';
import { Form, SelectField } from '../components/Form.tsx';
import { RETENTION_OPTIONS, isRetentionDays } from './history-view.ts';

/** Settings → Profile: how long the history of sent requests is kept (or that none is). */
export function HistoryRetentionSection() {
  const { account, signedIn } = useAuth();
  const [saved, setSaved] = useState(false);
  if (!account) return null;

  async function save(data: FormData) {
    setSaved(false);
    const days = Number(data.get('historyRetentionDays'));
    if (!isRetentionDays(days)) throw new Error('Choose one of the listed periods.');
    signedIn(await profile.update({ preferences: { historyRetentionDays: days } }));
    setSaved(true);
  }

  return (
    <section aria-labelledby="history-retention-heading">
      <h2 id="history-retention-heading">History of sent requests</h2>
      <p>
        Each request you send is kept in your history, visible only to you: the request as you wrote it (method, URL, headers, body, with{' '}
        <code>{'{{variables}}'}</code> left unfilled, so values from environments are not copied), the status, how long it took and the
        size of the response; never the response itself. Entries older than the period you choose are deleted, and at most the latest
        1,000 are kept. A shorter period deletes older entries at once; “Don’t keep history” deletes them all and records nothing.
      </p>
      <Form onSubmit={save} submitLabel="Save history setting" pendingLabel="Saving…">
        <SelectField name="historyRetentionDays" label="Keep my history for" defaultValue={String(account.preferences.historyRetentionDays)}>
          {RETENTION_OPTIONS.map((option) => (
            <option key={option.value} value={String(option.value)}>
              {option.label}
            </option>
          ))}
        </SelectField>
      </Form>
      {saved && (
        <p className="success" role="status">
          {account.preferences.historyRetentionDays === 0 ? 'Your history is no longer kept.' : 'Your history setting is saved.'}
        </p>
      )}
    </section>
  );
}
