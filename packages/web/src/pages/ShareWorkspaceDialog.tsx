import { useEffect, useId, useRef, useState } from 'react';
import { Link } from 'react-router';
import { isSignedOut } from '../api/client.ts';
import { teams, workspaces } from '../api/endpoints.ts';
import type { Workspace, WorkspaceGrant, WorkspaceRole } from '../api/types.ts';
import { CREATABLE_WORKSPACE_KINDS } from '../api/types.ts';
import { useAuth } from '../auth/auth-context.ts';
import { CopyButton } from '../components/CopyButton.tsx';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { Field, FieldErrorText, Form, SelectField } from '../components/Form.tsx';
import { PagedList } from '../components/PagedList.tsx';
import { usePaged } from '../components/use-paged.ts';
import { WORKSPACE_KIND_LABELS } from './labels.ts';
import type { ShareableKind } from './sharing.ts';
import { VISIBILITY_EXPLANATIONS, WORKSPACE_ROLE_LABELS, grantLabel, publicAddress, regrant, visibilityChanges } from './sharing.ts';

const ROLES: WorkspaceRole[] = ['viewer', 'editor', 'admin'];

/**
 * The "Share" button of a workspace (for its admins) and the modal dialog it opens: who can see
 * the workspace (private, team, public, P10/P13), the people and teams given a role, and a form to
 * add one. The native <dialog> traps focus and closes on Escape; focus returns to the button.
 */
export function ShareWorkspaceDialog({ workspace, onChange }: { workspace: Workspace; onChange(updated: Workspace): void }) {
  const [open, setOpen] = useState(false);
  const dialog = useRef<HTMLDialogElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const titleId = useId();

  useEffect(() => {
    if (open && dialog.current && !dialog.current.open) dialog.current.showModal();
  }, [open]);

  return (
    <>
      <button ref={button} type="button" className="secondary" aria-haspopup="dialog" onClick={() => setOpen(true)}>
        Share
      </button>
      <dialog
        ref={dialog}
        className="share-dialog"
        aria-labelledby={titleId}
        onClose={() => {
          setOpen(false);
          button.current?.focus();
        }}
      >
        {open && (
          <>
            <div className="dialog-heading">
              <h2 id={titleId}>Share “{workspace.name}”</h2>
              <button type="button" className="secondary" onClick={() => dialog.current?.close()}>
                Close
              </button>
            </div>
            <Visibility workspace={workspace} onChange={onChange} />
            <Grants workspace={workspace} />
          </>
        )}
      </dialog>
    </>
  );
}

function Visibility({ workspace, onChange }: { workspace: Workspace; onChange(updated: Workspace): void }) {
  const [kind, setKind] = useState<ShareableKind>(workspace.kind === 'personal' ? 'private' : workspace.kind);
  const [status, setStatus] = useState('');
  const teamList = usePaged((cursor) => teams.list(cursor), 'teams');
  const address = publicAddress(window.location.origin, workspace);

  return (
    <section aria-labelledby="visibility-heading">
      <h3 id="visibility-heading">Who can see it</h3>
      <Form
        submitLabel="Save who can see it"
        pendingLabel="Saving…"
        onSubmit={async (data) => {
          setStatus('');
          const teamSlug = String(data.get('teamSlug') ?? workspace.team?.slug ?? '');
          const teamRole = (data.get('teamRole') as WorkspaceRole | null) ?? workspace.teamRole;
          const updated = await workspaces.update(workspace.id, visibilityChanges(kind, teamSlug, teamRole));
          onChange(updated);
          setStatus(`Saved: the workspace is now ${WORKSPACE_KIND_LABELS[updated.kind].name.toLowerCase()}.`);
        }}
      >
        <fieldset className="field">
          <legend>Visibility</legend>
          <FieldErrorText name="kind" />
          {CREATABLE_WORKSPACE_KINDS.map((k) => (
            <label key={k} className="choice">
              <input type="radio" name="kind" value={k} checked={kind === k} onChange={() => setKind(k)} />
              <span>
                <strong>{WORKSPACE_KIND_LABELS[k].name}</strong> — {VISIBILITY_EXPLANATIONS[k]}
              </span>
            </label>
          ))}
        </fieldset>
        {kind === 'team' && (
          <>
            <SelectField name="teamSlug" label="Team" required defaultValue={workspace.team?.slug ?? ''} key={teamList.items.length}>
              <option value="">Choose one of your teams</option>
              {teamList.items.map((t) => (
                <option key={t.slug} value={t.slug}>
                  {t.name}
                </option>
              ))}
            </SelectField>
            <SelectField name="teamRole" label="Role of the team’s members" defaultValue={workspace.teamRole}>
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {WORKSPACE_ROLE_LABELS[r]}
                </option>
              ))}
            </SelectField>
          </>
        )}
        {kind === 'public' && (
          <p className="warning" id="public-warning">
            <strong>Anyone can read a public workspace without an account</strong>, and search engines may index it:
            its collections, requests and environments, though secret values stay hidden. Check it holds no private
            data or tokens before saving. A workspace with active secret findings cannot be made public: review them on its{' '}
            <Link to={`/w/${workspace.id}/secrets`}>Secrets page</Link> first.
          </p>
        )}
      </Form>
      <p className="success" role="status">
        {status}
      </p>
      {workspace.kind === 'public' && (
        <div className="field">
          <label htmlFor="public-address">Public address</label>
          <p className="hint" id="public-address-hint">
            It stays the same when the workspace is renamed.
          </p>
          <input id="public-address" readOnly value={address} aria-describedby="public-address-hint" onFocus={(e) => e.currentTarget.select()} />
          <span>
            <CopyButton text={address} label="Copy the public address" />
          </span>
        </div>
      )}
    </section>
  );
}

function Grants({ workspace }: { workspace: Workspace }) {
  const { forget } = useAuth();
  const list = usePaged((cursor) => workspaces.grants(workspace.id, cursor), `grants:${workspace.id}`);
  // Changes made here, shown at once without reloading the list (which would move focus).
  const [roles, setRoles] = useState<Record<string, WorkspaceRole>>({});
  const [removed, setRemoved] = useState<ReadonlySet<string>>(new Set());
  const [status, setStatus] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [grantee, setGrantee] = useState<'person' | 'team'>('person');
  const [formKey, setFormKey] = useState(0);
  const heading = useRef<HTMLHeadingElement>(null);
  const teamList = usePaged((cursor) => teams.list(cursor), 'teams');

  const shown = { ...list, items: list.items.filter((g) => !removed.has(g.id)).map((g) => ({ ...g, role: roles[g.id] ?? g.role })) };

  async function act(grant: WorkspaceGrant, action: () => Promise<string>) {
    setError(null);
    setStatus('');
    setBusy(grant.id);
    try {
      setStatus(await action());
    } catch (thrown) {
      if (isSignedOut(thrown)) forget();
      setError(thrown);
    } finally {
      setBusy(null);
    }
  }

  const changeRole = (grant: WorkspaceGrant, role: WorkspaceRole) =>
    act(grant, async () => {
      const input = regrant(grant, role);
      if (!input) throw new Error('This grant names neither a person nor a team.');
      const updated = await workspaces.putGrant(workspace.id, input);
      setRoles((r) => ({ ...r, [grant.id]: updated.role }));
      return `${grantLabel(grant)} is now ${updated.role}.`;
    });

  const remove = (grant: WorkspaceGrant) =>
    act(grant, async () => {
      await workspaces.deleteGrant(workspace.id, grant.id);
      setRemoved((r) => new Set(r).add(grant.id));
      // The row and its button are gone: keep keyboard users in the same part of the dialog.
      heading.current?.focus();
      return `Removed ${grantLabel(grant)}.`;
    });

  return (
    <section aria-labelledby="grants-heading">
      <h3 id="grants-heading" tabIndex={-1} ref={heading}>
        People and teams with access
      </h3>
      <p className="success" role="status">
        {status}
      </p>
      {error !== null && <ErrorMessage error={error} />}
      <PagedList list={shown} what="people and teams" label="People and teams with access" empty="Nobody has been given a role yet.">
        {(g) => (
          <li key={g.id} className="row">
            <span>
              {grantLabel(g)} {g.team && <span className="tag">team</span>}
            </span>
            <span className="actions">
              <select
                aria-label={`Role of ${grantLabel(g)}`}
                value={g.role}
                disabled={busy === g.id}
                onChange={(e) => void changeRole(g, e.target.value as WorkspaceRole)}
              >
                {ROLES.map((r) => (
                  <option key={r} value={r}>
                    {WORKSPACE_ROLE_LABELS[r]}
                  </option>
                ))}
              </select>
              <button type="button" className="secondary" disabled={busy === g.id} aria-label={`Remove ${grantLabel(g)}`} onClick={() => void remove(g)}>
                Remove
              </button>
            </span>
          </li>
        )}
      </PagedList>

      <h3 id="add-grant-heading">Add people or a team</h3>
      <Form
        key={formKey}
        submitLabel="Add"
        pendingLabel="Adding…"
        onSubmit={async (data) => {
          setStatus('');
          const role = String(data.get('role') ?? 'viewer') as WorkspaceRole;
          const name = String(data.get(grantee === 'person' ? 'username' : 'teamSlug') ?? '').trim();
          const added = await workspaces.putGrant(workspace.id, grantee === 'person' ? { username: name, role } : { teamSlug: name, role });
          setFormKey((n) => n + 1);
          setRemoved((r) => {
            const next = new Set(r);
            next.delete(added.id);
            return next;
          });
          setRoles((r) => ({ ...r, [added.id]: added.role }));
          list.reload();
          setStatus(`Added ${grantLabel(added)} as ${added.role}.`);
        }}
      >
        <fieldset className="field">
          <legend>Give access to</legend>
          <label className="choice">
            <input type="radio" name="grantee" value="person" checked={grantee === 'person'} onChange={() => setGrantee('person')} />
            <span>A person, by username</span>
          </label>
          <label className="choice">
            <input type="radio" name="grantee" value="team" checked={grantee === 'team'} onChange={() => setGrantee('team')} />
            <span>One of your teams: every member gets the role</span>
          </label>
        </fieldset>
        {grantee === 'person' ? (
          <Field name="username" label="Username" autoComplete="off" required />
        ) : teamList.status === 'ready' && teamList.items.length === 0 ? (
          <p className="empty">You are not in a team yet.</p>
        ) : (
          <SelectField name="teamSlug" label="Team" required defaultValue="" key={teamList.items.length}>
            <option value="">Choose one of your teams</option>
            {teamList.items.map((t) => (
              <option key={t.slug} value={t.slug}>
                {t.name}
              </option>
            ))}
          </SelectField>
        )}
        <SelectField name="role" label="Role" defaultValue="viewer">
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {WORKSPACE_ROLE_LABELS[r]}
            </option>
          ))}
        </SelectField>
      </Form>
    </section>
  );
}
