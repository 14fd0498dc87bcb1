import { useEffect, useState } from 'react';
import { accounts } from '../api/endpoints.ts';
import { useAuth } from '../auth/auth-context.ts';
import { Field, Form } from '../components/Form.tsx';
import { useLoad } from '../components/use-load.ts';
import { teamDomains } from '../team-domains/api.ts';
import { DomainNotice, WorkAddressWarning } from '../team-domains/DomainNotice.tsx';
import { formatDate } from './labels.ts';
import { ConfirmAction } from './ConfirmAction.tsx';

/**
 * Settings → Account: change the email (P23). The new address must be confirmed by the link mailed
 * to it; until then the change is shown as pending and can be cancelled. A managed account's change
 * (P11) first waits for its team's approval.
 */
export function EmailChangeSection() {
  const { account, signedIn } = useAuth();
  const [formKey, setFormKey] = useState(0);
  const [cancelled, setCancelled] = useState(false);
  const [newEmail, setNewEmail] = useState('');
  const [statusKey, setStatusKey] = useState(0);
  const managed = useLoad(() => teamDomains.myStatus(), `managed:${account?.id ?? ''}:${account?.email ?? ''}:${statusKey}`);

  // The account from sign-in has no pendingEmail: read it from GET /api/me once.
  useEffect(() => {
    let live = true;
    if (account && account.pendingEmail === undefined) {
      void accounts.me().then(
        (fresh) => live && signedIn(fresh),
        () => undefined,
      );
    }
    return () => {
      live = false;
    };
  }, [account, signedIn]);

  if (!account) return null;
  const pending = account.pendingEmail ?? null;
  const status = managed.status === 'ready' ? managed.data : null;
  const manager = status?.managedBy ?? null;
  const awaiting = status?.pendingApproval ?? null;

  async function requestChange(data: FormData) {
    if (!account) return;
    setCancelled(false);
    const newEmail = String(data.get('newEmail') ?? '').trim();
    const password = String(data.get('password') ?? '');
    const answer = await accounts.requestEmailChange(newEmail, password || undefined);
    // Waiting for approval (P11): nothing was mailed to the new address yet.
    signedIn({ ...account, pendingEmail: answer.awaitingApproval ? null : answer.pendingEmail });
    setStatusKey((n) => n + 1);
    setNewEmail('');
    setFormKey((n) => n + 1);
  }

  return (
    <section aria-labelledby="email-change-heading">
      <h2 id="email-change-heading">Change your email address</h2>
      {manager && (
        <p className="notice" id="managed-account">
          {manager.active
            ? `Your account is managed by the team “${manager.team}” through its verified domain ${manager.domain}: changing your email needs the approval of one of its admins.`
            : `From ${formatDate(manager.effectiveAt)}, the team “${manager.team}” will manage your account through its verified domain ${manager.domain}: changing your email will then need the approval of one of its admins. Until then you can change it as usual.`}
        </p>
      )}
      {awaiting && (
        <div className="panel">
          <p role="status">
            Waiting for approval: you asked to change your email to <strong>{awaiting}</strong>. An admin of {manager ? `“${manager.team}”` : 'the team managing your account'}{' '}
            must approve it; then we send a confirmation link to that address. Your account keeps {account.email} until then.
          </p>
          <ConfirmAction
            label="Withdraw the request"
            question={`Withdraw the change to ${awaiting}?`}
            confirmLabel="Withdraw the request"
            pendingLabel="Withdrawing…"
            onConfirm={async () => {
              await accounts.cancelEmailChange();
              setStatusKey((n) => n + 1);
              setCancelled(true);
            }}
          />
        </div>
      )}
      {pending && (
        <div className="panel">
          <p role="status">
            Waiting for confirmation: we sent a link to <strong>{pending}</strong>. Your account keeps {account.email} until you open it (within 24
            hours).
          </p>
          <ConfirmAction
            label="Cancel the change"
            question={`Cancel the change to ${pending}? The link we sent will stop working.`}
            confirmLabel="Cancel the change"
            pendingLabel="Cancelling…"
            onConfirm={async () => {
              await accounts.cancelEmailChange();
              signedIn({ ...account, pendingEmail: null });
              setCancelled(true);
            }}
          />
        </div>
      )}
      {cancelled && !pending && !awaiting && (
        <p className="success" role="status">
          The email change is cancelled.
        </p>
      )}
      <Form key={formKey} onSubmit={requestChange} submitLabel="Send a confirmation link" pendingLabel="Sending…">
        <Field
          name="newEmail"
          label="New email address"
          type="email"
          autoComplete="email"
          required
          maxLength={254}
          onChange={(e) => setNewEmail(e.target.value)}
          hint={
            <>
              We send a link to the new address; the change happens when you open it, and we tell your current address.{' '}
              <WorkAddressWarning />
            </>
          }
        />
        <DomainNotice email={newEmail} />
        <Field
          name="password"
          label="Current password"
          type="password"
          autoComplete="current-password"
          hint="To make sure it is you. Leave it empty only if your account has no password (you sign in with single sign-on)."
        />
      </Form>
    </section>
  );
}
