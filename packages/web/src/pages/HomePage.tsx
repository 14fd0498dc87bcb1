import { Link } from 'react-router';
import { teams, workspaces } from '../api/endpoints.ts';
import { PagedList } from '../components/PagedList.tsx';
import { usePaged } from '../components/use-paged.ts';
import { WORKSPACE_KIND_LABELS } from './labels.ts';
import { useTitle } from '../components/use-title.ts';
import { PolicyBanner } from '../policies/PolicyBanner.tsx';

/** The signed-in person's workspaces and teams. */
export function HomePage() {
  useTitle('Workspaces');
  const workspaceList = usePaged((cursor) => workspaces.list(cursor), 'workspaces');
  const teamList = usePaged((cursor) => teams.list(cursor), 'teams');

  return (
    <>
      <PolicyBanner />
      <section aria-labelledby="workspaces-heading">
        <div className="section-heading">
          <h1 id="workspaces-heading">Your workspaces</h1>
          <Link className="button" to="/workspaces/new">
            New workspace
          </Link>
        </div>
        <PagedList
          list={workspaceList}
          what="workspaces"
          label="Workspaces"
          empty="No workspaces yet. Create one to import your Postman collections."
        >
          {(w) => (
            <li key={w.id}>
              <Link to={w.webPath}>{w.name}</Link>{' '}
              <span className="tag">{WORKSPACE_KIND_LABELS[w.kind]?.name ?? w.kind}</span>
              {w.team && <span className="muted"> · team {w.team.name}</span>}
            </li>
          )}
        </PagedList>
      </section>

      <section aria-labelledby="teams-heading">
        <div className="section-heading">
          <h2 id="teams-heading">Your teams</h2>
          <Link className="button secondary" to="/teams/new">
            New team
          </Link>
        </div>
        <PagedList list={teamList} what="teams" label="Teams" empty="You are not in a team yet.">
          {(t) => (
            <li key={t.slug}>
              <Link to={`/teams/${encodeURIComponent(t.slug)}`}>{t.name}</Link> <span className="muted">({t.slug}, {t.role})</span>
            </li>
          )}
        </PagedList>
      </section>
    </>
  );
}
