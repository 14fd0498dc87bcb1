import { Field, Form, SelectField } from '../components/Form.tsx';
import { Loading } from '../components/Loading.tsx';
import { useLoad } from '../components/use-load.ts';
import { ConfirmAction } from '../pages/ConfirmAction.tsx';
import { useTeamAdmin } from '../team-admin/TeamAdminLayout.tsx';
import { oauthApps } from './api.ts';

/**
 * Team admin console → Integrations (P14): which third-party apps the team's members may connect.
 * A blocked app cannot be authorized by any member, and tokens members already gave it stop working.
 */
export function TeamIntegrationsPage() {
  const { team } = useTeamAdmin();
  const settings = useLoad(() => oauthApps.team(team.slug), `oauth-team:${team.slug}`);
  return (
    <section aria-labelledby="integrations-heading">
      <h2 id="integrations-heading">Third-party apps</h2>
      <p className="hint">
        Blocking an app, or allowing only listed apps, applies to every member of this team: they cannot connect a refused app, and
        access they already gave it stops at once, for all their workspaces.
      </p>
      <Loading loaded={settings} what="the team’s app rules">
        {(data) => (
          <>
            <Form
              key={String(data.allowListedOnly)}
              submitLabel="Save"
              pendingLabel="Saving…"
              onSubmit={async (form) => {
                await oauthApps.setTeamPolicy(team.slug, form.get('allowListedOnly') === 'only');
                settings.reload();
              }}
            >
              <SelectField name="allowListedOnly" label="Which apps members may connect" defaultValue={data.allowListedOnly ? 'only' : 'any'}>
                <option value="any">Any app not on the block-list</option>
                <option value="only">Only apps on the allow-list</option>
              </SelectField>
            </Form>
            <Form
              submitLabel="Add to list"
              pendingLabel="Adding…"
              onSubmit={async (form) => {
                await oauthApps.setTeamRule(team.slug, String(form.get('clientId') ?? '').trim(), form.get('rule') === 'block' ? 'block' : 'allow');
                settings.reload();
              }}
            >
              <Field name="clientId" label="App client ID" required maxLength={200} placeholder="pco_…" hint="The app’s maker can tell you its client ID." />
              <SelectField name="rule" label="List" defaultValue="block">
                <option value="block">Block-list</option>
                <option value="allow">Allow-list</option>
              </SelectField>
            </Form>
            {data.rules.length === 0 ? (
              <p className="empty">No apps are listed.</p>
            ) : (
              <ul className="list" aria-label="Listed apps">
                {data.rules.map((r) => (
                  <li key={r.app.clientId} className="row">
                    <span>
                      <strong>{r.app.name}</strong> <code>{r.app.clientId}</code>{' '}
                      <span className="tag">{r.rule === 'block' ? 'blocked' : 'allowed'}</span>
                    </span>
                    <ConfirmAction
                      label="Remove"
                      accessibleLabel={`Remove ${r.app.name} from the list`}
                      question={`Remove ${r.app.name} from the list?`}
                      confirmLabel="Remove"
                      onConfirm={async () => {
                        await oauthApps.removeTeamRule(team.slug, r.app.clientId);
                        settings.reload();
                      }}
                    />
                  </li>
                ))}
              </ul>
            )}
          </>
        )}
      </Loading>
    </section>
  );
}
