import { useRef, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { isSignedOut } from '../api/client.ts';
import { teams } from '../api/endpoints.ts';
import type { TeamDetail, TeamMember } from '../api/types.ts';
import { useAuth } from '../auth/auth-context.ts';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { LoadStatus } from '../components/LoadStatus.tsx';
import { Field, Form, SelectField } from '../components/Form.tsx';
import { Loading } from '../components/Loading.tsx';
import { PagedList } from '../components/PagedList.tsx';
import { useLoad } from '../components/use-load.ts';
import { usePaged } from '../components/use-paged.ts';
import { useTitle } from '../components/use-title.ts';
import { ConfirmAction } from './ConfirmAction.tsx';
import { formatDate } from './labels.ts';
import { deleteConfirmed, memberControls, transferCandidates } from './sharing.ts';

const TEAM_ROLE_LABELS: Record<TeamMember['role'], string> = { owner: 'Owner', admin: 'Admin', member: 'Member' };

/** One team: its name, members and their roles, invitations, ownership and deletion. */
export function TeamPage() {
  const { slug = '' } = useParams();
  const team = useLoad(() => teams.get(slug), slug);
  useTitle(team.status === 'ready' ? team.data.name : 'Team');
  return (
    <Loading loaded={team} what="the team">
      {(t) => <TeamView key={t.slug} initial={t} />}
    </Loading>
  );
}

function TeamView({ initial }: { initial: TeamDetail }) {
  const { account, forget } = useAuth();
  const navigate = useNavigate();
  const [team, setTeam] = useState(initial);
  const { slug } = team;
  const members = usePaged((cursor) => teams.members(slug, cursor), `members:${slug}`);
  // Changes made on this page, shown at once without reloading the table (which would move focus).
  const [roles, setRoles] = useState<Record<string, TeamMember['role']>>({});
  const [removed, setRemoved] = useState<ReadonlySet<string>>(new Set());
  const [status, setStatus] = useState('');
  const [roleError, setRoleError] = useState<unknown>(null);
  const membersHeading = useRef<HTMLHeadingElement>(null);
  useTitle(team.name);

  const shown = members.items.filter((m) => !removed.has(m.username)).map((m) => ({ ...m, role: roles[m.username] ?? m.role }));

  /** The team again (your role and abilities change with a transfer), quietly: the page stays. */
  async function refreshTeam() {
    try {
      setTeam(await teams.get(slug));
    } catch (error) {
      if (isSignedOut(error)) forget();
    }
  }

  async function changeRole(member: TeamMember, role: 'admin' | 'member') {
    setRoleError(null);
    setStatus('');
    try {
      const updated = await teams.changeRole(slug, member.username, role);
      setRoles((r) => ({ ...r, [member.username]: updated.role }));
      setStatus(`${member.username} is now ${TEAM_ROLE_LABELS[updated.role].toLowerCase()}.`);
    } catch (error) {
      if (isSignedOut(error)) forget();
      setRoleError(error);
    }
  }

  return (
    <>
      <h1>{team.name}</h1>
      <p className="muted">
        Handle <code>{team.slug}</code> · {team.memberCount} {team.memberCount === 1 ? 'member' : 'members'} · your role:{' '}
        {TEAM_ROLE_LABELS[team.role].toLowerCase()}
      </p>
      <p>
        <Link className="button secondary" to={`/workspaces/new?team=${encodeURIComponent(slug)}`}>
          New workspace for this team
        </Link>
      </p>
      {team.role !== 'member' && (
        <p>
          <Link to={`/teams/${encodeURIComponent(slug)}/admin`}>Admin console</Link>: members, audit log, security incidents, email domains
        </p>
      )}

      {team.abilities.canUpdate && (
        <section aria-labelledby="rename-heading">
          <h2 id="rename-heading">Name</h2>
          <Form
            className="form inline-form"
            submitLabel="Rename team"
            pendingLabel="Renaming…"
            onSubmit={async (data) => {
              setStatus('');
              const updated = await teams.update(slug, { name: String(data.get('name') ?? '').trim() });
              setTeam((t) => ({ ...t, ...updated }));
              setStatus(`The team is now called ${updated.name}.`);
            }}
          >
            <Field name="name" label="Team name" required maxLength={100} defaultValue={team.name} />
          </Form>
        </section>
      )}

      <section aria-labelledby="members-heading">
        <h2 id="members-heading" tabIndex={-1} ref={membersHeading}>
          Members
        </h2>
        <p className="success" role="status">
          {status}
        </p>
        {roleError !== null && <ErrorMessage error={roleError} />}
        <LoadStatus state={members} what="members" />
        {members.status === 'ready' && (
          <div className="table-scroll">
            <table className="members-table">
              <caption className="visually-hidden">Members of {team.name}</caption>
              <thead>
                <tr>
                  <th scope="col">Username</th>
                  <th scope="col">Name</th>
                  {team.role !== 'member' && <th scope="col">Email</th>}
                  <th scope="col">Role</th>
                  <th scope="col">Joined</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {shown.map((m) => {
                  const controls = memberControls(team, account?.username, m);
                  return (
                    <tr key={m.username}>
                      <th scope="row">
                        {/* The public profile, where an account held by a child can be reported (P7). */}
                        <Link to={`/u/${encodeURIComponent(m.username)}`}>{m.username}</Link>
                        {controls.leave && <span className="muted"> (you)</span>}
                      </th>
                      <td>{m.displayName ?? <span className="muted">—</span>}</td>
                      {/* P12: the server sends it only to owners and admins, masked outside verified domains. */}
                      {team.role !== 'member' && <td>{m.email ?? <span className="muted">—</span>}</td>}
                      <td>
                        {controls.changeRole ? (
                          <select
                            aria-label={`Role of ${m.username}`}
                            value={m.role}
                            onChange={(e) => void changeRole(m, e.target.value as 'admin' | 'member')}
                          >
                            <option value="member">Member</option>
                            <option value="admin">Admin</option>
                          </select>
                        ) : (
                          TEAM_ROLE_LABELS[m.role]
                        )}
                      </td>
                      <td>{formatDate(m.joinedAt)}</td>
                      <td>
                        {controls.remove && (
                          <ConfirmAction
                            label="Remove"
                            accessibleLabel={`Remove ${m.username}`}
                            question={`Remove ${m.username} from ${team.name}? They lose access to the team's workspaces.`}
                            confirmLabel={`Yes, remove ${m.username}`}
                            pendingLabel="Removing…"
                            onConfirm={async () => {
                              setStatus('');
                              await teams.removeMember(slug, m.username);
                              setRemoved((r) => new Set(r).add(m.username));
                              setTeam((t) => ({ ...t, memberCount: t.memberCount - 1 }));
                              setStatus(`Removed ${m.username} from the team.`);
                              // Their row and its buttons are gone: keep keyboard users in the table's section.
                              membersHeading.current?.focus();
                            }}
                          />
                        )}
                        {controls.leave && (
                          <ConfirmAction
                            label="Leave team"
                            question={`Leave ${team.name}? You lose access to its workspaces until someone invites you again.`}
                            confirmLabel="Yes, leave the team"
                            pendingLabel="Leaving…"
                            onConfirm={async () => {
                              await teams.leave(slug);
                              await navigate('/');
                            }}
                          />
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
        {members.status === 'ready' && members.error !== null && <ErrorMessage error={members.error} />}
        {members.hasMore && (
          <button type="button" onClick={members.loadMore} disabled={members.loadingMore}>
            {members.loadingMore ? 'Loading more members…' : 'Show more members'}
          </button>
        )}
      </section>

      {team.abilities.canInvite && <Invitations slug={slug} />}

      {team.abilities.canTransfer && (
        <TransferOwnership
          team={team}
          candidates={transferCandidates(shown)}
          onTransferred={async (username) => {
            setRoles({});
            setRemoved(new Set());
            members.reload();
            await refreshTeam();
            setStatus(`${username} is now the owner; you are an admin.`);
          }}
        />
      )}

      {team.abilities.canDelete && (
        <section aria-labelledby="delete-heading" className="danger-zone">
          <h2 id="delete-heading">Delete the team</h2>
          <p>
            Its memberships, pending invitations and workspace grants are deleted. Workspaces that belong to the team
            must be moved or deleted first.
          </p>
          <DeleteTeam team={team} onDeleted={() => navigate('/')} />
        </section>
      )}
    </>
  );
}

/**
 * Invite by email, and the pending invitations. The address is another person's data given by the
 * inviter (P6): the server keeps it only while the invitation is pending.
 */
function Invitations({ slug }: { slug: string }) {
  const { forget } = useAuth();
  const list = usePaged((cursor) => teams.invitations(slug, cursor), `invitations:${slug}`);
  const [formKey, setFormKey] = useState(0);
  const [status, setStatus] = useState('');
  const [revokeError, setRevokeError] = useState<unknown>(null);
  const [revoking, setRevoking] = useState<string | null>(null);

  async function revoke(id: string, email: string) {
    setRevokeError(null);
    setStatus('');
    setRevoking(id);
    try {
      await teams.revokeInvitation(slug, id);
      setStatus(`Revoked the invitation to ${email}; its address is deleted.`);
      list.reload();
    } catch (error) {
      if (isSignedOut(error)) forget();
      setRevokeError(error);
    } finally {
      setRevoking(null);
    }
  }

  return (
    <section aria-labelledby="invitations-heading">
      <h2 id="invitations-heading">Invitations</h2>
      <p id="invitation-privacy" className="hint">
        We email a link valid for 7 days. The address is kept only while the invitation is pending: accepting,
        declining, revoking or expiry deletes it. Members never see each other’s addresses.
      </p>
      <Form
        key={formKey}
        submitLabel="Send invitation"
        pendingLabel="Sending…"
        onSubmit={async (data) => {
          setStatus('');
          const sent = await teams.invite(slug, {
            email: String(data.get('email') ?? '').trim(),
            role: data.get('role') === 'admin' ? 'admin' : 'member',
          });
          setFormKey((n) => n + 1);
          setStatus(`Invitation sent to ${sent.email}.`);
          list.reload();
        }}
      >
        <Field name="email" label="Email address to invite" type="email" autoComplete="off" required maxLength={254} />
        <SelectField name="role" label="Role in the team" defaultValue="member">
          <option value="member">Member: sees the team and its workspaces</option>
          <option value="admin">Admin: also manages members and invitations</option>
        </SelectField>
      </Form>
      <p className="success" role="status">
        {status}
      </p>
      {revokeError !== null && <ErrorMessage error={revokeError} />}
      <h3 id="pending-heading">Pending</h3>
      <PagedList list={list} what="invitations" label="Pending invitations" empty="No pending invitations.">
        {(i) => (
          <li key={i.id} className="row">
            <span>
              <strong>{i.email}</strong> <span className="tag">{i.role}</span>
              <br />
              <span className="muted">
                {i.invitedBy ? `Invited by ${i.invitedBy} · ` : ''}expires {formatDate(i.expiresAt)}
              </span>
            </span>
            <button
              type="button"
              className="secondary"
              disabled={revoking !== null}
              aria-label={`Revoke the invitation to ${i.email}`}
              onClick={() => void revoke(i.id, i.email)}
            >
              Revoke
            </button>
          </li>
        )}
      </PagedList>
    </section>
  );
}

function TransferOwnership({
  team,
  candidates,
  onTransferred,
}: {
  team: TeamDetail;
  candidates: TeamMember[];
  onTransferred(username: string): Promise<void>;
}) {
  const [chosen, setChosen] = useState('');
  const target = candidates.find((m) => m.username === chosen) ?? candidates[0];
  return (
    <section aria-labelledby="transfer-heading">
      <h2 id="transfer-heading">Transfer ownership</h2>
      {target === undefined ? (
        <p className="empty">Ownership can go only to another member: invite someone first.</p>
      ) : (
        <>
          <p>The new owner can delete the team and transfer it again. You stay on as an admin.</p>
          <div className="field">
            <label htmlFor="new-owner">New owner</label>
            <select id="new-owner" value={target.username} onChange={(e) => setChosen(e.target.value)}>
              {candidates.map((m) => (
                <option key={m.username} value={m.username}>
                  {m.displayName ? `${m.displayName} (${m.username})` : m.username}
                </option>
              ))}
            </select>
          </div>
          <ConfirmAction
            label="Transfer ownership"
            question={`Make ${target.username} the owner of ${team.name}? You become an admin and cannot undo this yourself.`}
            confirmLabel={`Yes, make ${target.username} the owner`}
            pendingLabel="Transferring…"
            onConfirm={async () => {
              await teams.transfer(team.slug, target.username);
              await onTransferred(target.username);
            }}
          />
        </>
      )}
    </section>
  );
}

function DeleteTeam({ team, onDeleted }: { team: TeamDetail; onDeleted(): Promise<void> | void }) {
  const [typed, setTyped] = useState('');
  const [mismatch, setMismatch] = useState<string | undefined>(undefined);
  return (
    <Form
      submitLabel="Delete team"
      pendingLabel="Deleting…"
      onSubmit={async () => {
        if (!deleteConfirmed(typed, team.name)) {
          const message = `Type the team’s name, ${team.name}, to confirm.`;
          setMismatch(message);
          throw new Error(message);
        }
        setMismatch(undefined);
        await teams.delete(team.slug);
        await onDeleted();
      }}
    >
      <Field
        name="confirmName"
        label={`Type “${team.name}” to confirm`}
        autoComplete="off"
        value={typed}
        localError={mismatch}
        onChange={(e) => setTyped(e.target.value)}
      />
    </Form>
  );
}
