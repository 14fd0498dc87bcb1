import { useEffect, useRef, useState } from 'react';
import { apiKeys } from '../api/endpoints.ts';
import type { ApiKeyScope, CreatedApiKey } from '../api/types.ts';
import { CopyButton } from '../components/CopyButton.tsx';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { Field, FieldErrorText, Form, SelectField } from '../components/Form.tsx';
import { PagedList } from '../components/PagedList.tsx';
import { usePaged } from '../components/use-paged.ts';
import { useTitle } from '../components/use-title.ts';
import { EXPIRY_CHOICES, expiryFromChoice } from './api-key-expiry.ts';
import { formatDate } from './labels.ts';

const SCOPES: { value: ApiKeyScope; label: string }[] = [
  { value: 'read', label: 'Read: GET and HEAD requests only' },
  { value: 'write', label: 'Write: every request an API key may make' },
];

/** Settings → API keys: personal keys for scripts and CI, each shown once when created. */
export function ApiKeysPage() {
  useTitle('API keys');
  const list = usePaged((cursor) => apiKeys.list(cursor), 'api-keys');
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  const [revokeError, setRevokeError] = useState<unknown>(null);
  const [revoking, setRevoking] = useState<string | null>(null);
  const [revoked, setRevoked] = useState<string | null>(null);
  const [formKey, setFormKey] = useState(0);

  async function create(data: FormData) {
    const key = await apiKeys.create({
      name: String(data.get('name') ?? '').trim(),
      scopes: data.getAll('scopes').map(String) as ApiKeyScope[],
      expiresInDays: expiryFromChoice(String(data.get('expiresInDays') ?? 'never')),
    });
    setRevoked(null);
    setCreated(key);
    setFormKey((n) => n + 1);
    list.reload();
  }

  async function revoke(id: string, name: string) {
    setRevokeError(null);
    setRevoked(null);
    setRevoking(id);
    try {
      await apiKeys.revoke(id);
      if (created?.id === id) setCreated(null);
      setRevoked(name);
      list.reload();
    } catch (error) {
      setRevokeError(error);
    } finally {
      setRevoking(null);
    }
  }

  return (
    <>
      <section aria-labelledby="new-key-heading">
        <h2 id="new-key-heading">New API key</h2>
        <p>
          Send a key as <code>Authorization: Bearer &lt;key&gt;</code>. It acts as you, within its scopes, until it
          expires or you revoke it.
        </p>
        {created && <NewKey created={created} onDone={() => setCreated(null)} />}
        <Form key={formKey} onSubmit={create} submitLabel="Create API key" pendingLabel="Creating…">
          <Field name="name" label="Key name" required maxLength={100} hint="To recognise it later, e.g. “CI on my laptop”." />
          <fieldset className="field">
            <legend>What it may do</legend>
            <FieldErrorText name="scopes" />
            {SCOPES.map((s) => (
              <label key={s.value} className="choice">
                <input type="checkbox" name="scopes" value={s.value} defaultChecked={s.value === 'read'} />
                <span>{s.label}</span>
              </label>
            ))}
          </fieldset>
          <SelectField name="expiresInDays" label="Expires" defaultValue="90">
            {EXPIRY_CHOICES.map((c) => (
              <option key={c.value} value={c.value}>
                {c.label}
              </option>
            ))}
          </SelectField>
        </Form>
      </section>
      <section aria-labelledby="keys-heading">
        <h2 id="keys-heading">Your API keys</h2>
        {revoked && (
          <p className="success" role="status">
            Revoked “{revoked}”: it stopped working at once.
          </p>
        )}
        {revokeError !== null && <ErrorMessage error={revokeError} />}
        <PagedList list={list} what="API keys" label="API keys" empty="You have no API keys.">
          {(key) => (
            <li key={key.id} className="row">
              <span>
                <strong>{key.name}</strong> <code>{key.prefix}…</code> {key.scopes.map((s) => <span key={s} className="tag">{s}</span>)}
                <br />
                <span className="muted">
                  Created {formatDate(key.createdAt)} · {key.lastUsedAt ? `last used ${formatDate(key.lastUsedAt)}` : 'never used'} ·{' '}
                  {key.expiresAt ? `expires ${formatDate(key.expiresAt)}` : 'never expires'}
                </span>
              </span>
              <button
                type="button"
                className="secondary"
                disabled={revoking !== null}
                aria-label={`Revoke ${key.name}`}
                onClick={() => void revoke(key.id, key.name)}
              >
                Revoke
              </button>
            </li>
          )}
        </PagedList>
      </section>
    </>
  );
}

/** The secret of a key just created: only its hash is stored, so this is the one chance to copy it. */
function NewKey({ created, onDone }: { created: CreatedApiKey; onDone(): void }) {
  const panel = useRef<HTMLDivElement>(null);
  useEffect(() => panel.current?.focus(), [created.id]);
  return (
    <div className="panel secret-panel" tabIndex={-1} ref={panel} aria-labelledby="new-key-title">
      <h3 id="new-key-title">Copy your new key “{created.name}” now</h3>
      <p>
        <strong>You will not see it again:</strong> Postern keeps only a fingerprint of it. Store it somewhere safe, such
        as a password manager or your CI’s secret settings. Anyone with the key acts as you.
      </p>
      <p>
        <label htmlFor="new-api-key">Your new API key</label>
        <br />
        <input id="new-api-key" className="secret" readOnly value={created.key} onFocus={(e) => e.currentTarget.select()} />
      </p>
      <p>
        <CopyButton text={created.key} label="Copy the key" />
      </p>
      <p>
        <button type="button" onClick={onDone}>
          I have stored it
        </button>
      </p>
    </div>
  );
}
