import { useState } from 'react';
import { useNavigate } from 'react-router';
import { teams } from '../api/endpoints.ts';
import { Field, Form } from '../components/Form.tsx';
import { slugOf } from './slug.ts';
import { useTitle } from '../components/use-title.ts';

export function NewTeamPage() {
  useTitle('New team');
  const navigate = useNavigate();
  const [name, setName] = useState('');
  const [slug, setSlug] = useState('');
  const [slugEdited, setSlugEdited] = useState(false);

  async function create() {
    const team = await teams.create({ name: name.trim(), slug: slug.trim() });
    // The team's page, where members are invited and its first workspace is one click away.
    await navigate(`/teams/${encodeURIComponent(team.slug)}`);
  }

  return (
    <section className="narrow">
      <h1>New team</h1>
      <p>A team shares workspaces among its members.</p>
      <Form onSubmit={create} submitLabel="Create team" pendingLabel="Creating team…">
        <Field
          name="name"
          label="Team name"
          required
          value={name}
          onChange={(e) => {
            setName(e.target.value);
            if (!slugEdited) setSlug(slugOf(e.target.value));
          }}
        />
        <Field
          name="slug"
          label="Short name"
          required
          value={slug}
          onChange={(e) => {
            setSlug(e.target.value);
            setSlugEdited(true);
          }}
          hint="Lower-case letters, digits and dashes; it appears in links."
        />
      </Form>
    </section>
  );
}
