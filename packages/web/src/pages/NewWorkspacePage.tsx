import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { teams, workspaces } from '../api/endpoints.ts';
import { CREATABLE_WORKSPACE_KINDS } from '../api/types.ts';
import { Field, FieldErrorText, Form, SelectField } from '../components/Form.tsx';
import { usePaged } from '../components/use-paged.ts';
import { WORKSPACE_KIND_LABELS } from './labels.ts';
import { useTitle } from '../components/use-title.ts';

export function NewWorkspacePage() {
  useTitle('New workspace');
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const presetTeam = params.get('team') ?? '';
  const [kind, setKind] = useState<(typeof CREATABLE_WORKSPACE_KINDS)[number]>(presetTeam ? 'team' : 'private');
  const teamList = usePaged((cursor) => teams.list(cursor), 'teams');

  async function create(data: FormData) {
    const teamSlug = String(data.get('teamSlug') ?? '');
    const workspace = await workspaces.create({
      name: String(data.get('name') ?? '').trim(),
      kind,
      ...(kind === 'team' && { teamSlug }),
    });
    await navigate(workspace.webPath);
  }

  return (
    <section className="narrow">
      <h1>New workspace</h1>
      <p>Your personal workspace already exists; create another to share collections.</p>
      <Form onSubmit={create} submitLabel="Create workspace" pendingLabel="Creating workspace…">
        <Field name="name" label="Workspace name" required />
        <fieldset className="field">
          <legend>Who can see it</legend>
          <FieldErrorText name="kind" />
          {CREATABLE_WORKSPACE_KINDS.map((k) => (
            <label key={k} className="choice">
              <input type="radio" name="kind" value={k} checked={kind === k} onChange={() => setKind(k)} />
              <span>
                <strong>{WORKSPACE_KIND_LABELS[k].name}</strong> — {WORKSPACE_KIND_LABELS[k].description}
              </span>
            </label>
          ))}
        </fieldset>
        {kind === 'team' &&
          (teamList.status === 'ready' && teamList.items.length === 0 ? (
            <p className="empty">
              You are not in a team yet. <Link to="/teams/new">Create a team</Link> first.
            </p>
          ) : (
            <SelectField name="teamSlug" label="Team" required defaultValue={presetTeam} key={teamList.items.length}>
              <option value="">Choose a team</option>
              {teamList.items.map((t) => (
                <option key={t.slug} value={t.slug}>
                  {t.name}
                </option>
              ))}
            </SelectField>
          ))}
      </Form>
    </section>
  );
}
