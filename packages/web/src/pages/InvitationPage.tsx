import { useState } from 'react';
import type { ReactNode } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { invitations } from '../api/endpoints.ts';
import { useAuth } from '../auth/auth-context.ts';
import { Form } from '../components/Form.tsx';
import { Loading } from '../components/Loading.tsx';
import { useLoad } from '../components/use-load.ts';
import { useTitle } from '../components/use-title.ts';
import { formatDate } from './labels.ts';
import { tokenFromHash } from './link-token.ts';

/** Where a team invitation's link lands: join the team (signed in), or decline (no account needed). */
export function InvitationPage() {
  useTitle('Team invitation');
  const location = useLocation();
  const token = tokenFromHash(location.hash);
  const { account } = useAuth();
  const [declined, setDeclined] = useState(false);

  if (!token) {
    return (
      <section className="narrow">
        <h1>Team invitation</h1>
        <p>This link is incomplete. Open the link from the invitation email again.</p>
      </section>
    );
  }
  if (declined) {
    return (
      <section className="narrow">
        <h1>Invitation declined</h1>
        <p role="status">The invitation is gone, and the address it was sent to with it.</p>
      </section>
    );
  }
  const decline = (
    <Form
      onSubmit={async () => {
        await invitations.decline(token);
        setDeclined(true);
      }}
      submitLabel="Decline the invitation"
      pendingLabel="Declining…"
      className="form inline-form"
    >
      {null}
    </Form>
  );
  return (
    <section className="narrow">
      <h1>Team invitation</h1>
      {account ? (
        <InvitationOffer token={token} decline={decline} />
      ) : (
        <>
          <p>Sign in (or create an account) to see the invitation and join the team.</p>
          <p>
            <Link className="button" to={`/signin?next=${encodeURIComponent(`${location.pathname}${location.hash}`)}`}>
              Sign in to accept
            </Link>
          </p>
          <p>Not interested? You can decline without an account.</p>
          {decline}
        </>
      )}
    </section>
  );
}

function InvitationOffer({ token, decline }: { token: string; decline: ReactNode }) {
  const navigate = useNavigate();
  const preview = useLoad(() => invitations.preview(token), token);
  return (
    <Loading loaded={preview} what="the invitation">
      {(invitation) => (
        <>
          <p>
            {invitation.invitedBy ? <strong>{invitation.invitedBy}</strong> : 'Someone'} invites you to join the team{' '}
            <strong>{invitation.team.name}</strong> as {invitation.role === 'admin' ? 'an admin' : 'a member'}. The invitation
            expires on {formatDate(invitation.expiresAt)}.
          </p>
          <Form
            onSubmit={async () => {
              await invitations.accept(token);
              await navigate('/');
            }}
            submitLabel={`Join ${invitation.team.name}`}
            pendingLabel="Joining…"
          >
            {null}
          </Form>
          {decline}
        </>
      )}
    </Loading>
  );
}
