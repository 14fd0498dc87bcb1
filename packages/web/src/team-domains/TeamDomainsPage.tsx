import { useState } from 'react';
import { isSignedOut } from '../api/client.ts';
import { useAuth } from '../auth/auth-context.ts';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { Field, Form } from '../components/Form.tsx';
import { Loading } from '../components/Loading.tsx';
import { useLoad } from '../components/use-load.ts';
import { ConfirmAction } from '../pages/ConfirmAction.tsx';
import { formatDate } from '../pages/labels.ts';
import { useTeamAdmin } from '../team-admin/TeamAdminLayout.tsx';
import { teamDomains } from './api.ts';
import type { TeamDomain } from './api.ts';

const DEFAULT_NOTICE_DAYS = 14;

/**
 * Email domains (P11, P12): add a domain, publish its TXT record, verify it; the owner may then
 * manage the accounts in it after a notice period. Below, the email changes waiting for approval.
 */
export function TeamDomainsPage() {
  const { team } = useTeamAdmin();
  const domains = useLoad(() => teamDomains.list(team.slug), `domains:${team.slug}`);
  return (
    <>
      <section aria-labelledby="domains-heading">
        <h2 id="domains-heading">Email domains</h2>
        <p className="hint">
          Verify a domain your organisation controls by publishing a DNS TXT record. Within verified domains, the team’s owner and admins
          see members’ full email addresses; elsewhere they are masked (a•••@example.com). One team per instance can verify a domain.
        </p>
        <Form
          submitLabel="Add domain"
          pendingLabel="Adding…"
          onSubmit={async (data) => {
            await teamDomains.add(team.slug, String(data.get('domain') ?? '').trim());
            domains.reload();
          }}
        >
          <Field name="domain" label="Domain" required maxLength={253} placeholder="example.com" hint="The part after @ in your organisation’s addresses." />
        </Form>
        <Loading loaded={domains} what="the domains">
          {({ items }) =>
            items.length === 0 ? (
              <p className="empty">No domains yet.</p>
            ) : (
              <ul className="list" aria-label="Domains">
                {items.map((d) => (
                  <DomainItem key={d.domain} slug={team.slug} isOwner={team.role === 'owner'} initial={d} onRemoved={domains.reload} />
                ))}
              </ul>
            )
          }
        </Loading>
      </section>
      <Approvals slug={team.slug} />
    </>
  );
}

function DomainItem({ slug, isOwner, initial, onRemoved }: { slug: string; isOwner: boolean; initial: TeamDomain; onRemoved(): void }) {
  const { forget } = useAuth();
  const [d, setD] = useState(initial);
  const [outcome, setOutcome] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [checking, setChecking] = useState(false);
  const headingId = `domain-${d.domain.replaceAll('.', '-')}`;

  async function verify() {
    setChecking(true);
    setOutcome('');
    setError(null);
    try {
      const updated = await teamDomains.verify(slug, d.domain);
      setD(updated);
      setOutcome(`Verified: the TXT record of ${d.domain} was found.`);
    } catch (thrown) {
      if (isSignedOut(thrown)) forget();
      setError(thrown);
      // A failed re-check un-verifies the domain: show the current state.
      const fresh = (await teamDomains.list(slug).catch(() => null))?.items.find((x) => x.domain === d.domain);
      if (fresh) setD(fresh);
    } finally {
      setChecking(false);
    }
  }

  return (
    <li className="panel" aria-labelledby={headingId}>
      <h3 id={headingId}>
        {d.domain} <span className="tag">{d.status === 'verified' ? 'Verified' : 'Not verified'}</span>
      </h3>
      {d.verifiedAt && <p className="muted">Verified {formatDate(d.verifiedAt)}; last checked {formatDate(d.lastCheckedAt ?? d.verifiedAt)}.</p>}
      <p>
        {d.status === 'verified' ? 'Keep this DNS record in place:' : 'Add this DNS record, wait until it is published, then verify:'}
      </p>
      <dl className="record">
        <dt>Type</dt>
        <dd>
          <code>TXT</code>
        </dd>
        <dt>Name</dt>
        <dd>
          <code>{d.record.name}</code>
        </dd>
        <dt>Value</dt>
        <dd>
          <code>{d.record.value}</code>
        </dd>
      </dl>
      <p className="success" role="status">
        {outcome}
      </p>
      {error !== null && <ErrorMessage error={error} />}
      <p>
        <button type="button" onClick={() => void verify()} disabled={checking}>
          {checking ? 'Looking up the record…' : d.status === 'verified' ? `Check ${d.domain} again` : `Verify ${d.domain}`}
        </button>{' '}
        <ConfirmAction
          label="Remove"
          accessibleLabel={`Remove ${d.domain}`}
          question={`Remove ${d.domain}? Accounts managed through it are released, and members’ addresses there are masked again.`}
          confirmLabel={`Yes, remove ${d.domain}`}
          pendingLabel="Removing…"
          onConfirm={async () => {
            await teamDomains.remove(slug, d.domain);
            onRemoved();
          }}
        />
      </p>
      <Capture slug={slug} isOwner={isOwner} domain={d} onStarted={setD} />
    </li>
  );
}

function Capture({ slug, isOwner, domain: d, onStarted }: { slug: string; isOwner: boolean; domain: TeamDomain; onStarted(d: TeamDomain): void }) {
  if (d.capture) {
    const effective = new Date(d.capture.effectiveAt).getTime() <= Date.now();
    return (
      <p>
        <strong>Managed accounts:</strong>{' '}
        {effective
          ? `since ${formatDate(d.capture.effectiveAt)}, this team manages the accounts with addresses at ${d.domain}.`
          : `from ${formatDate(d.capture.effectiveAt)} (after ${d.capture.noticeDays} days’ notice), this team manages the accounts with addresses at ${d.domain}.`}{' '}
        {d.capture.notifiedAccounts} told, {d.capture.managedAccounts} managed so far.
      </p>
    );
  }
  if (d.status !== 'verified') return <p className="muted">Once verified, the team’s owner can manage the accounts in this domain.</p>;
  if (!isOwner) return <p className="muted">Only the team’s owner can start managing the accounts in this domain.</p>;
  return (
    <section aria-labelledby={`capture-${d.domain}`}>
      <h4 id={`capture-${d.domain}`}>Manage the accounts at {d.domain}</h4>
      <p className="hint">
        Every account on this instance with an address at {d.domain} is told now, by email and in the app: what changes (their email
        changes need an admin’s approval; admins see their full address and, for team members, can suspend them or end their access), when, and
        whom to ask. It takes effect after the notice period. New sign-ups with such an address are told on the sign-up page and
        managed at once.
      </p>
      <Form
        submitLabel="Tell them and start the notice period"
        pendingLabel="Telling everyone…"
        onSubmit={async (data) => {
          const contact = String(data.get('contact') ?? '').trim();
          onStarted(await teamDomains.capture(slug, d.domain, { noticeDays: Number(data.get('noticeDays')), ...(contact && { contact }) }));
        }}
      >
        <Field name="noticeDays" label="Notice period (days)" type="number" min={1} max={90} required defaultValue={DEFAULT_NOTICE_DAYS} />
        <Field name="contact" label="Whom to ask (optional)" maxLength={200} hint="Named in the notice besides the team’s owner, e.g. your IT desk." />
      </Form>
    </section>
  );
}

function Approvals({ slug }: { slug: string }) {
  const list = useLoad(() => teamDomains.approvals(slug), `approvals:${slug}`);
  const [status, setStatus] = useState('');
  return (
    <section aria-labelledby="approvals-heading">
      <h2 id="approvals-heading">Email changes waiting for approval</h2>
      <p className="hint">
        Members whose accounts this team manages need your approval to change their email. Approving sends a confirmation link to the
        new address; refusing tells them. Addresses outside your verified domains are masked.
      </p>
      <p className="success" role="status">
        {status}
      </p>
      <Loading loaded={list} what="the waiting changes">
        {({ items }) =>
          items.length === 0 ? (
            <p className="empty">Nothing waits for approval.</p>
          ) : (
            <ul className="list" aria-label="Email changes waiting for approval">
              {items.map((a) => (
                <li key={a.username} className="row">
                  <span>
                    <strong>{a.username}</strong>: {a.currentEmail} → {a.newEmail}
                    <br />
                    <span className="muted">Asked {formatDate(a.requestedAt)}</span>
                  </span>
                  <span>
                    <ConfirmAction
                      label="Approve"
                      accessibleLabel={`Approve the email change of ${a.username}`}
                      question={`Approve changing ${a.username}’s email to ${a.newEmail}? A confirmation link goes to the new address.`}
                      confirmLabel="Yes, approve"
                      pendingLabel="Approving…"
                      onConfirm={async () => {
                        await teamDomains.approve(slug, a.username);
                        setStatus(`Approved: ${a.username} gets a confirmation link at the new address.`);
                        list.reload();
                      }}
                    />{' '}
                    <ConfirmAction
                      label="Refuse"
                      accessibleLabel={`Refuse the email change of ${a.username}`}
                      question={`Refuse ${a.username}’s email change? Their account keeps its address, and they are told.`}
                      confirmLabel="Yes, refuse"
                      pendingLabel="Refusing…"
                      onConfirm={async () => {
                        await teamDomains.deny(slug, a.username);
                        setStatus(`Refused: ${a.username} was told.`);
                        list.reload();
                      }}
                    />
                  </span>
                </li>
              ))}
            </ul>
          )
        }
      </Loading>
    </section>
  );
}
