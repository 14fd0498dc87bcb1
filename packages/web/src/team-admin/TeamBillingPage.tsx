import { useState } from 'react';
import { teams } from '../api/endpoints.ts';
import { Field, Form, SelectField } from '../components/Form.tsx';
import { Loading } from '../components/Loading.tsx';
import { useLoad } from '../components/use-load.ts';
import { useTitle } from '../components/use-title.ts';
import { billingApi, PLAN_LABELS } from '../support/api.ts';
import type { Billing, BillingInput, BillingPlan } from '../support/api.ts';
import { useTeamAdmin } from './TeamAdminLayout.tsx';

type ContactKind = 'none' | 'member' | 'email';

/**
 * The team's plan and billing contact (P4), for the owner. Records only: there is no payment here,
 * and the server refuses anything that looks like a card number.
 */
export function TeamBillingPage() {
  const { team } = useTeamAdmin();
  useTitle(`${team.name} · Billing`);
  const billing = useLoad(() => billingApi.get(team.slug), `billing:${team.slug}`);
  const members = useLoad(() => teams.members(team.slug), `billing-members:${team.slug}`);
  if (team.role !== 'owner') {
    return (
      <>
        <h2>Billing</h2>
        <p className="error">Only the team’s owner can see and change billing.</p>
      </>
    );
  }
  return (
    <>
      <h2>Billing</h2>
      <p>
        Record the team’s plan and who receives invoices. Postern never stores card data: card details belong with a payment processor, and
        anything that looks like a card number is refused.
      </p>
      <Loading loaded={billing} what="billing">
        {(current) => <BillingForm slug={team.slug} current={current} members={members.status === 'ready' ? members.data.items.map((m) => m.username) : []} />}
      </Loading>
    </>
  );
}

// The form keeps what was saved; reloading would remount it and lose the confirmation.
function BillingForm({ slug, current, members }: { slug: string; current: Billing; members: string[] }) {
  const [kind, setKind] = useState<ContactKind>(current.contact?.kind ?? 'none');
  const [saved, setSaved] = useState(false);
  return (
    <Form
      submitLabel="Save billing"
      pendingLabel="Saving…"
      listFieldErrors
      onSubmit={async (data) => {
        setSaved(false);
        const text = (name: string) => String(data.get(name) ?? '').trim();
        const seats = text('seats');
        const contact: BillingInput['contact'] =
          kind === 'member' ? { username: text('contactUsername') } : kind === 'email' ? { name: text('contactName'), email: text('contactEmail') } : null;
        await billingApi.set(slug, {
          plan: text('plan') as BillingPlan,
          seats: seats === '' ? null : Number(seats),
          renewalDate: text('renewalDate') || null,
          contact,
        });
        setSaved(true);
      }}
    >
      {saved && (
        <p className="success" role="status">
          Saved.
        </p>
      )}
      <SelectField name="plan" label="Plan" defaultValue={current.plan}>
        {Object.entries(PLAN_LABELS).map(([plan, label]) => (
          <option key={plan} value={plan}>
            {label}
          </option>
        ))}
      </SelectField>
      <Field name="seats" label="Seats" type="number" min={0} step={1} defaultValue={current.seats ?? ''} />
      <Field name="renewalDate" label="Renewal date" type="date" defaultValue={current.renewalDate ?? ''} />
      <fieldset>
        <legend>Billing contact</legend>
        <div className="field">
          <label htmlFor="billing-contact-kind">Who receives invoices</label>
          <select id="billing-contact-kind" value={kind} onChange={(e) => setKind(e.target.value as ContactKind)}>
            <option value="none">Nobody yet</option>
            <option value="member">A member of the team</option>
            <option value="email">Someone else, by email</option>
          </select>
        </div>
        {kind === 'member' && (
          <SelectField name="contactUsername" label="Member" defaultValue={current.contact?.kind === 'member' ? current.contact.username : (members[0] ?? '')}>
            {members.map((username) => (
              <option key={username} value={username}>
                {username}
              </option>
            ))}
          </SelectField>
        )}
        {kind === 'email' && (
          <>
            <Field name="contactName" label="Name" required maxLength={200} defaultValue={current.contact?.kind === 'email' ? current.contact.name : ''} />
            <Field name="contactEmail" label="Email address" type="email" required defaultValue={current.contact?.kind === 'email' ? current.contact.email : ''} />
          </>
        )}
      </fieldset>
    </Form>
  );
}
