import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { CheckboxField, Field, Form, TextAreaField } from '../components/Form.tsx';
import { Loading } from '../components/Loading.tsx';
import { useLoad } from '../components/use-load.ts';
import { useTitle } from '../components/use-title.ts';
import { ConfirmAction } from '../pages/ConfirmAction.tsx';
import { formatDay } from './PolicyPages.tsx';
import { POLICY_KINDS, POLICY_LABELS, isPolicyKind, policies } from './policy-api.ts';
import type { AdminPolicyVersion, PolicyDraft, PolicyKind } from './policy-api.ts';

/** For the operator: draft, publish and follow the announcement of each policy (P28). */
export function AdminPoliciesPage() {
  useTitle('Policies');
  const [params] = useSearchParams();
  const chosen = params.get('kind') ?? undefined;
  const kind: PolicyKind = isPolicyKind(chosen) ? chosen : 'privacy';
  const loaded = useLoad(() => policies.all(), 'admin-policies');
  // Kept here: the section below is rebuilt while the list reloads after each change.
  const [status, setStatus] = useState('');
  return (
    <>
      <h1>Policies</h1>
      <p>
        A published version never changes; every earlier one stays readable in the archive. A significant version is announced by a banner on
        the home and sign-in pages and by email to every account.
      </p>
      <nav aria-label="Policy">
        <ul className="inline-list">
          {POLICY_KINDS.map((k) => (
            <li key={k}>
              <Link to={`?kind=${k}`} aria-current={k === kind ? 'page' : undefined}>
                {POLICY_LABELS[k]}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <p className="success" role="status">
        {status}
      </p>
      <Loading loaded={loaded} what="policies">
        {({ versions }) => (
          <KindSection
            key={kind}
            kind={kind}
            versions={versions.filter((v) => v.kind === kind)}
            done={(message) => {
              setStatus(message);
              loaded.reload();
            }}
          />
        )}
      </Loading>
    </>
  );
}

function KindSection({ kind, versions, done }: { kind: PolicyKind; versions: AdminPolicyVersion[]; done(message: string): void }) {
  const draft = versions.find((v) => v.publishedAt === null);
  const published = versions.filter((v) => v.publishedAt !== null);
  const latest = published[0];
  async function save(data: FormData) {
    const effective = String(data.get('effectiveAt') ?? '');
    const fields: PolicyDraft = {
      title: String(data.get('title') ?? ''),
      body: String(data.get('body') ?? ''),
      effectiveAt: effective ? new Date(effective).toISOString() : null,
      significant: data.get('significant') === 'on',
      keyChanges: String(data.get('keyChanges') ?? '')
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean),
    };
    const saved = draft ? await policies.updateDraft(kind, draft.version, fields) : await policies.createDraft(kind, fields);
    done(`Saved version ${saved.version} as a draft.`);
  }

  const base = draft ?? latest;
  return (
    <section aria-labelledby="kind-heading">
      <h2 id="kind-heading">{POLICY_LABELS[kind]}</h2>
      <p>
        <Link to={`/policies/${kind}`}>Public page</Link> · <Link to={`/policies/${kind}/archive`}>Archive</Link>
      </p>
      <h3>Published versions</h3>
      <ul>
        {published.map((v) => (
          <li key={v.version}>
            <Link to={v.path}>Version {v.version}</Link> · effective {formatDay(v.effectiveAt)}
            {v.significant && ' · significant'}
            {v.announcement &&
              (v.announcement.finishedAt
                ? ` · emailed to ${v.announcement.sent} accounts`
                : ` · emailing accounts (${v.announcement.sent} so far)`)}
          </li>
        ))}
      </ul>
      <h3>{draft ? `Draft of version ${draft.version}` : 'Next version'}</h3>
      <Form key={draft?.version ?? 'new'} onSubmit={save} submitLabel="Save draft" pendingLabel="Saving…">
        <Field name="title" label="Title" defaultValue={base?.title ?? POLICY_LABELS[kind]} required />
        <TextAreaField name="body" label="Text (Markdown)" defaultValue={base?.body ?? ''} rows={16} required />
        <TextAreaField
          name="keyChanges"
          label="Key changes"
          hint="One per line; shown in the archive, the banner and the email."
          defaultValue={draft?.keyChanges.join('\n') ?? ''}
          rows={3}
        />
        <Field
          name="effectiveAt"
          label="Takes effect on"
          type="datetime-local"
          hint="Leave empty to take effect when published."
          defaultValue={draft?.effectiveAt ? toLocalInput(draft.effectiveAt) : ''}
        />
        <CheckboxField
          name="significant"
          label="Significant change"
          hint="Shows a banner until each person acknowledges it and emails every account when published."
          defaultChecked={draft?.significant ?? false}
        />
      </Form>
      {draft && (
        <div className="form-actions">
          <ConfirmAction
            label={`Publish version ${draft.version}`}
            question={`Publish version ${draft.version}? It can never be changed afterwards${draft.significant ? ', and every account is emailed' : ''}.`}
            confirmLabel="Yes, publish"
            pendingLabel="Publishing…"
            onConfirm={async () => {
              await policies.publish(kind, draft.version);
              done(`Published version ${draft.version}.`);
            }}
          />
          <ConfirmAction
            label="Delete draft"
            question={`Delete the draft of version ${draft.version}?`}
            confirmLabel="Yes, delete"
            onConfirm={async () => {
              await policies.deleteDraft(kind, draft.version);
              done('Deleted the draft.');
            }}
          />
        </div>
      )}
    </section>
  );
}

/** An ISO date as the value of a datetime-local input, in the browser's time zone. */
function toLocalInput(iso: string): string {
  const date = new Date(iso);
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 16);
}
