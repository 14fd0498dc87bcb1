import { NavLink, Outlet, useOutletContext, useParams } from 'react-router';
import { teams } from '../api/endpoints.ts';
import type { TeamDetail } from '../api/types.ts';
import { Loading } from '../components/Loading.tsx';
import { useLoad } from '../components/use-load.ts';
import { useTitle } from '../components/use-title.ts';
import { TEAM_ADMIN_NAV } from './nav.ts';

export interface TeamAdminContext {
  team: TeamDetail;
  /** Loads the team again (e.g. after a role change touched your own abilities). */
  reloadTeam(): void;
}

/** What a console page gets from the layout: the team it administers. */
export function useTeamAdmin(): TeamAdminContext {
  return useOutletContext<TeamAdminContext>();
}

/**
 * The team admin console (P11): one heading, the sections as links, the chosen section below.
 * Only owners and admins get in; the server checks every request again.
 */
export function TeamAdminLayout() {
  const { slug = '' } = useParams();
  const team = useLoad(() => teams.get(slug), slug);
  useTitle(team.status === 'ready' ? `${team.data.name} · Admin` : 'Team admin');
  return (
    <Loading loaded={team} what="the team">
      {(t) =>
        t.role === 'member' ? (
          <>
            <h1>{t.name}: admin console</h1>
            <p className="error">Only the team’s owner and admins can use its admin console. Ask them if you need a change.</p>
          </>
        ) : (
          <>
            <h1>{t.name}: admin console</h1>
            <nav aria-label="Team admin" className="sub-nav">
              <ul>
                {TEAM_ADMIN_NAV.filter((s) => !s.ownerOnly || t.role === 'owner').map((s) => (
                  <li key={s.path}>
                    <NavLink to={`/teams/${encodeURIComponent(t.slug)}/admin/${s.path}`}>{s.label}</NavLink>
                  </li>
                ))}
              </ul>
            </nav>
            <Outlet context={{ team: t, reloadTeam: team.reload } satisfies TeamAdminContext} />
          </>
        )
      }
    </Loading>
  );
}
