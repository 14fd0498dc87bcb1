import { useRef, useState } from 'react';
import { Link } from 'react-router';
import { isSignedOut } from '../api/client.ts';
import { teams } from '../api/endpoints.ts';
import type { TeamMember } from '../api/types.ts';
import { useAuth } from '../auth/auth-context.ts';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { LoadStatus } from '../components/LoadStatus.tsx';
import { usePaged } from '../components/use-paged.ts';
import { ConfirmAction } from '../pages/ConfirmAction.tsx';
import { formatDate } from '../pages/labels.ts';
import { memberControls } from '../pages/sharing.ts';
import { teamAdmin } from './api.ts';
import type { AdminTeamMember } from './api.ts';
import { useTeamAdmin } from './TeamAdminLayout.tsx';

const ROLE_LABELS: Record<TeamMember['role'], string> = { owner: 'Owner', admin: 'Admin', member: 'Member' };

/**
 * Members and roles (P11): change a role, suspend (no access to the team's workspaces until lifted)
 * or end a person's access by removing them. Emails are masked outside the team's verified domains (P12).
 */
export function TeamMembersPage() {
  const { team } = useTeamAdmin();
  const { account, forget } = useAuth();
  const { slug } = team;
  const members = usePaged((cursor) => teamAdmin.members(slug, cursor), `admin-members:${slug}`);
  const [changes, setChanges] = useState<Record<string, Partial<AdminTeamMember>>>({});
  const [removed, setRemoved] = useState<ReadonlySet<string>>(new Set());
  const [status, setStatus] = useState('');
  const [error, setError] = useState<unknown>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  const shown = members.items.filter((m) => !removed.has(m.username)).map((m) => ({ ...m, ...changes[m.username] }));

  async function act(member: AdminTeamMember, run: () => Promise<AdminTeamMember>, done: (m: AdminTeamMember) => string) {
    setError(null);
    setStatus('');
    try {
      const updated = await run();
      setChanges((c) => ({ ...c, [member.username]: { role: updated.role, ...(updated.suspended !== undefined && { suspended: updated.suspended }) } }));
      setStatus(done(updated));
    } catch (thrown) {
      if (isSignedOut(thrown)) forget();
      setError(thrown);
    }
  }

  return (
    <section aria-labelledby="members-heading">
      <h2 id="members-heading" tabIndex={-1} ref={heading}>
        Members and roles
      </h2>
      <p className="hint">
        Suspending keeps someone in the team but blocks every workspace of the team for them until you lift it. Removing ends
        their access at once, including access given to them directly on the team’s workspaces.
      </p>
      <p className="success" role="status">
        {status}
      </p>
      {error !== null && <ErrorMessage error={error} />}
      <LoadStatus state={members} what="members" />
      {members.status === 'ready' && (
        <div className="table-scroll">
          <table className="members-table">
            <caption className="visually-hidden">Members of {team.name}</caption>
            <thead>
              <tr>
                <th scope="col">Username</th>
                <th scope="col">Email</th>
                <th scope="col">Role</th>
                <th scope="col">Status</th>
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
                      <Link to={`/u/${encodeURIComponent(m.username)}`}>{m.username}</Link>
                      {controls.leave && <span className="muted"> (you)</span>}
                    </th>
                    <td>{m.email ?? <span className="muted">—</span>}</td>
                    <td>
                      {controls.changeRole ? (
                        <select
                          aria-label={`Role of ${m.username}`}
                          value={m.role}
                          onChange={(e) =>
                            void act(
                              m,
                              () => teams.changeRole(slug, m.username, e.target.value as 'admin' | 'member'),
                              (u) => `${m.username} is now ${ROLE_LABELS[u.role].toLowerCase()}.`,
                            )
                          }
                        >
                          <option value="member">Member</option>
                          <option value="admin">Admin</option>
                        </select>
                      ) : (
                        ROLE_LABELS[m.role]
                      )}
                    </td>
                    <td>
                      {m.suspended ? <span className="tag">Suspended</span> : 'Active'}
                      {m.managed && (
                        <>
                          {' '}
                          <span className="tag" title="Its email is in a verified domain the team manages: email changes need your approval.">
                            Managed
                          </span>
                        </>
                      )}
                    </td>
                    <td>{formatDate(m.joinedAt)}</td>
                    <td>
                      {controls.remove && (
                        <>
                          {m.suspended ? (
                            <button
                              type="button"
                              className="secondary"
                              aria-label={`Lift suspension of ${m.username}`}
                              onClick={() => void act(m, () => teamAdmin.unsuspend(slug, m.username), () => `${m.username} can use the team’s workspaces again.`)}
                            >
                              Lift suspension
                            </button>
                          ) : (
                            <ConfirmAction
                              label="Suspend"
                              accessibleLabel={`Suspend ${m.username}`}
                              question={`Suspend ${m.username}? They keep their membership but reach none of ${team.name}’s workspaces until you lift it.`}
                              confirmLabel={`Yes, suspend ${m.username}`}
                              pendingLabel="Suspending…"
                              onConfirm={() => act(m, () => teamAdmin.suspend(slug, m.username), () => `${m.username} is suspended.`)}
                            />
                          )}{' '}
                          <ConfirmAction
                            label="Remove"
                            accessibleLabel={`Remove ${m.username}`}
                            question={`Remove ${m.username} from ${team.name}? Their access to the team’s workspaces ends at once.`}
                            confirmLabel={`Yes, remove ${m.username}`}
                            pendingLabel="Removing…"
                            onConfirm={async () => {
                              setStatus('');
                              await teams.removeMember(slug, m.username);
                              setRemoved((r) => new Set(r).add(m.username));
                              setStatus(`Removed ${m.username} from the team.`);
                              heading.current?.focus();
                            }}
                          />
                        </>
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
  );
}
