import type { Auth } from '@postern/collection';
import { AUTH_KINDS, authKind, type AuthField } from './auth-fields.ts';
import { authValue, withAuthValue } from './request-draft.ts';

interface Props {
  auth: Auth | undefined;
  onChange: (auth: Auth | undefined) => void;
  /** Where an inherited auth comes from ("the collection", a folder's name). */
  parentName: string;
  /** What is edited, starting a sentence: "This request" (default), "This folder". */
  subject?: string;
  /** A collection: nothing to inherit from, so `undefined` is the "No auth" choice. */
  noParent?: boolean;
}

/** Picks the auth type and edits its parameters as labelled fields. */
export function AuthEditor({ auth, onChange, parentName, subject = 'This request', noParent = false }: Props) {
  const unset = noParent ? 'noauth' : 'inherit';
  const type = auth?.type ?? unset;
  const kind = auth ? authKind(auth.type) : undefined;
  return (
    <div className="auth-editor">
      <label className="field">
        <span>Auth type</span>
        <select value={type} onChange={(e) => onChange(e.target.value === unset ? undefined : { type: e.target.value })}>
          {!noParent && <option value="inherit">Inherit auth from parent</option>}
          {AUTH_KINDS.map((k) => (
            <option key={k.type} value={k.type}>
              {k.label}
            </option>
          ))}
          {auth && !kind && <option value={auth.type}>{auth.type} (not supported)</option>}
        </select>
      </label>
      {!auth && !noParent && (
        <p className="muted">
          {subject} inherits its auth from {parentName}.
        </p>
      )}
      {(auth?.type === 'noauth' || (!auth && noParent)) && <p className="muted">No auth is sent with {subject.toLowerCase()}{noParent ? ' unless a folder or request sets its own' : ''}.</p>}
      {auth && kind?.fields.map((field) => <AuthFieldInput key={field.key} auth={auth} field={field} onChange={onChange} />)}
    </div>
  );
}

function AuthFieldInput({ auth, field, onChange }: { auth: Auth; field: AuthField; onChange: (auth: Auth) => void }) {
  const value = authValue(auth, field.key);
  const set = (next: string) => onChange(withAuthValue(auth, field.key, next));
  if (field.kind === 'checkbox') {
    return (
      <label className="check">
        <input type="checkbox" checked={value === 'true'} onChange={(e) => set(String(e.target.checked))} /> {field.label}
      </label>
    );
  }
  const kind = field.kind;
  return (
    <label className="field">
      <span>{field.label}</span>
      {typeof kind === 'object' ? (
        <select value={value} onChange={(e) => set(e.target.value)}>
          <option value="">(default)</option>
          {kind.options.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
      ) : kind === 'multiline' ? (
        <textarea rows={4} value={value} onChange={(e) => set(e.target.value)} />
      ) : (
        <input type={kind === 'secret' ? 'password' : 'text'} autoComplete="off" value={value} onChange={(e) => set(e.target.value)} />
      )}
    </label>
  );
}
