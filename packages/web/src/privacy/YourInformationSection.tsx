import { Link } from 'react-router';
import { history, myComments, profile } from '../api/endpoints.ts';
import { useAuth } from '../auth/auth-context.ts';
import { Loading } from '../components/Loading.tsx';
import { useLoad } from '../components/use-load.ts';
import { formatDate } from '../pages/labels.ts';
import { ConfirmAction } from '../pages/ConfirmAction.tsx';

/**
 * "Your information" (P24): each item you gave us, with a way to delete it on its own. Deleting
 * removes it from the database, not just from view. Consent records are not here: they are the
 * proof of what you agreed to (Settings → Privacy).
 */
export function YourInformationSection() {
  const { account, signedIn } = useAuth();
  const latestHistory = useLoad(() => history.list(), 'your-information-history');
  const comments = useLoad(() => myComments.list(), 'your-information-comments');
  if (!account) return null;
  const current = account;

  return (
    <section aria-labelledby="your-information-heading">
      <h2 id="your-information-heading">Your information</h2>
      <p>Delete any of these on its own; it is removed from our database at once. To delete everything, delete your account.</p>
      <dl className="facts">
        <dt>Avatar</dt>
        <dd className="row">
          {current.avatarUrl ? <span>A picture</span> : <span className="muted">None</span>}
          {current.avatarUrl && (
            <ConfirmAction
              label="Delete"
              accessibleLabel="Delete your avatar"
              question="Delete your avatar? The picture is erased."
              confirmLabel="Delete avatar"
              onConfirm={async () => {
                await profile.removeAvatar();
                signedIn({ ...current, avatarUrl: null });
              }}
            />
          )}
        </dd>
        <dt>Display name</dt>
        <dd className="row">
          {current.displayName ? <span>{current.displayName}</span> : <span className="muted">None (your username is shown)</span>}
          {current.displayName && (
            <ConfirmAction
              label="Clear"
              accessibleLabel="Clear your display name"
              question="Clear your display name? Your username is shown instead."
              confirmLabel="Clear display name"
              onConfirm={async () => signedIn({ ...(await profile.update({ displayName: null })), pendingEmail: current.pendingEmail ?? null })}
            />
          )}
        </dd>
        <dt>Bio</dt>
        <dd className="row">
          {current.bio ? <span>{current.bio}</span> : <span className="muted">None</span>}
          {current.bio && (
            <ConfirmAction
              label="Clear"
              accessibleLabel="Clear your bio"
              question="Clear your bio?"
              confirmLabel="Clear bio"
              onConfirm={async () => signedIn({ ...(await profile.update({ bio: null })), pendingEmail: current.pendingEmail ?? null })}
            />
          )}
        </dd>
        <dt>History of sent requests</dt>
        <dd>
          <Loading loaded={latestHistory} what="your history">
            {(page) =>
              page.items.length === 0 ? (
                <span className="muted">Empty</span>
              ) : (
                <span className="row">
                  <span>
                    Latest {formatDate(page.items[0]!.createdAt)}. Delete single entries in the History panel of a workspace.
                  </span>
                  <ConfirmAction
                    label="Delete all"
                    accessibleLabel="Delete your whole history of sent requests"
                    question="Delete your whole history of sent requests?"
                    confirmLabel="Delete history"
                    onConfirm={async () => {
                      await history.clear();
                      latestHistory.reload();
                    }}
                  />
                </span>
              )
            }
          </Loading>
        </dd>
        <dt>Comments</dt>
        <dd>
          <Loading loaded={comments} what="your comments">
            {(page) =>
              page.items.length === 0 ? (
                <span className="muted">None</span>
              ) : (
                <ul className="item-list" aria-label="Your comments">
                  {page.items.map((comment) => (
                    <li key={comment.id} className="row">
                      <span>
                        <q>{comment.body}</q>{' '}
                        <span className="muted">
                          {formatDate(comment.createdAt)} on{' '}
                          {comment.workspaceId && comment.collectionName ? (
                            <Link to={`/w/${comment.workspaceId}`}>{comment.collectionName}</Link>
                          ) : (
                            'a collection you can no longer see'
                          )}
                        </span>
                      </span>
                      <ConfirmAction
                        label="Delete"
                        accessibleLabel={`Delete your comment from ${formatDate(comment.createdAt)}`}
                        question="Delete this comment? It is erased for everyone."
                        confirmLabel="Delete comment"
                        onConfirm={async () => {
                          await myComments.remove(comment.id);
                          comments.reload();
                        }}
                      />
                    </li>
                  ))}
                  {page.nextCursor && <li className="muted">Only your latest comments are listed; delete some to see older ones.</li>}
                </ul>
              )
            }
          </Loading>
        </dd>
      </dl>
    </section>
  );
}
