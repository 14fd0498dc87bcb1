import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../src/db/database.ts';
import { forEachDatabase } from './for-each-database.ts';
import { MemoryMailer, openTestApp, signUpPerson } from './support/app.ts';
import type { TestApp } from './support/app.ts';
import type { Browser, JsonResponse } from './support/browser.ts';
import { createTeam, joinTeam } from './support/teams.ts';

const T0 = new Date('2026-06-15T12:00:00Z');
const REDIRECT = 'https://app.example.test/callback';

type Signed = Awaited<ReturnType<typeof signUpPerson>>;

function pkce() {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

forEachDatabase('OAuth apps (P14)', (target) => {
  let t: TestApp;
  let now = T0;
  const mailer = new MemoryMailer();
  let operator: Signed;
  let developer: Signed;

  beforeAll(async () => {
    t = await openTestApp(target, { clock: () => now, mailer });
    operator = await signUpPerson(t.app);
    developer = await signUpPerson(t.app);
    // Migrating a fresh database is slow on a busy machine.
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  async function register(body: Record<string, unknown> = {}) {
    const res = await developer.browser.request('POST', '/api/me/oauth-apps', {
      body: { name: 'Reporter', homepageUrl: 'https://app.example.test', redirectUris: [REDIRECT], scopes: ['profile:read', 'workspaces:read', 'workspaces:write'], clientType: 'public', ...body },
    });
    expect(res.status).toBe(201);
    return res.json();
  }

  function authorizeQuery(clientId: string, challenge: string, extra: Record<string, string> = {}) {
    return new URLSearchParams({
      response_type: 'code',
      client_id: clientId,
      redirect_uri: REDIRECT,
      scope: 'profile:read workspaces:read',
      state: 'xyz-state',
      code_challenge: challenge,
      code_challenge_method: 'S256',
      ...extra,
    });
  }

  /** The person allows the app; returns the code from the redirect. */
  async function consent(browser: Browser, query: URLSearchParams): Promise<string> {
    const shown = await browser.request('GET', `/api/oauth/authorize?${query}`);
    expect(shown.status).toBe(200);
    expect((await shown.json()).kind).toBe('consent');
    const res = await browser.request('POST', '/api/oauth/authorize', { body: { ...Object.fromEntries(query), decision: 'allow' } });
    expect(res.status).toBe(200);
    const to = new URL((await res.json()).redirectTo);
    expect(`${to.origin}${to.pathname}`).toBe(REDIRECT);
    expect(to.searchParams.get('state')).toBe('xyz-state');
    return to.searchParams.get('code')!;
  }

  async function token(form: Record<string, string>, headers: Record<string, string> = {}): Promise<JsonResponse> {
    return (await t.app.request('/api/oauth/token', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
      body: new URLSearchParams(form).toString(),
    })) as JsonResponse;
  }

  const exchange = (clientId: string, code: string, verifier: string, extra: Record<string, string> = {}) =>
    token({ grant_type: 'authorization_code', client_id: clientId, code, redirect_uri: REDIRECT, code_verifier: verifier, ...extra });

  const withToken = async (accessToken: string, method: string, path: string, body?: unknown): Promise<JsonResponse> =>
    (await t.app.request(path, {
      method,
      headers: { Authorization: `Bearer ${accessToken}`, ...(body !== undefined && { 'Content-Type': 'application/json' }) },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    })) as JsonResponse;

  async function connect(person: Signed, clientId: string, scope = 'profile:read workspaces:read') {
    const { verifier, challenge } = pkce();
    const code = await consent(person.browser, authorizeQuery(clientId, challenge, { scope }));
    const res = await exchange(clientId, code, verifier);
    expect(res.status).toBe(200);
    return res.json();
  }

  it('registers apps with exact https or loopback redirect URIs; secrets are shown once and stored hashed', async () => {
    const pub = await register();
    expect(pub).toMatchObject({ clientId: expect.stringMatching(/^pco_/), clientType: 'public', clientSecret: null, redirectUris: [REDIRECT] });
    const conf = await register({ clientType: 'confidential', redirectUris: ['http://127.0.0.1:8123/cb'] });
    expect(conf.clientSecret).toMatch(/^pcs_/);
    const [row] = await queryRows<{ secret_hash: string }>(t.database.db, sql`select secret_hash from oauth_apps where id = ${conf.id}`);
    expect(row!.secret_hash).toBe(createHash('sha256').update(conf.clientSecret).digest('hex'));
    const listed = await (await developer.browser.request('GET', '/api/me/oauth-apps')).json();
    expect(JSON.stringify(listed)).not.toContain(conf.clientSecret);

    for (const uri of ['http://app.example.test/cb', 'https://app.example.test/cb#frag', 'javascript:alert(1)', 'https://user:pw@app.example.test/cb', 'cb']) {
      const res = await developer.browser.request('POST', '/api/me/oauth-apps', {
        body: { name: 'Bad', redirectUris: [uri], scopes: ['profile:read'], clientType: 'public' },
      });
      expect(res.status, uri).toBe(400);
      expect((await res.json()).errors[0].path).toBe('body.redirectUris.0');
    }
    const audit = await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from audit_events where action = 'oauth.app_registered' and target_id = ${pub.id}`);
    expect(audit[0]!.n).toBe(1);
    const doc = (await (await t.app.request('/api/openapi.json')).json()) as { paths: Record<string, unknown> };
    for (const path of ['/api/oauth/authorize', '/api/oauth/token', '/api/oauth/revoke', '/api/oauth/userinfo', '/api/me/connected-apps']) expect(doc.paths[path], path).toBeDefined();
  });

  it('runs the code flow with PKCE; the token acts as the person only within the granted scopes', async () => {
    const app = await register();
    const person = await signUpPerson(t.app);
    const { verifier, challenge } = pkce();
    const query = authorizeQuery(app.clientId, challenge);
    const shown = await (await person.browser.request('GET', `/api/oauth/authorize?${query}`)).json();
    expect(shown).toEqual({
      kind: 'consent',
      app: { name: 'Reporter', clientId: app.clientId, homepageUrl: 'https://app.example.test', redirectHost: 'app.example.test' },
      scopes: [
        { name: 'profile:read', description: expect.stringContaining('username') },
        { name: 'workspaces:read', description: expect.stringContaining('workspaces') },
      ],
      remembered: false,
    });
    const code = await consent(person.browser, query);
    const res = await exchange(app.clientId, code, verifier);
    expect(res.status).toBe(200);
    expect(res.headers.get('Cache-Control')).toBe('no-store');
    const tokens = await res.json();
    expect(tokens).toEqual({
      access_token: expect.stringMatching(/^poa_/),
      refresh_token: expect.stringMatching(/^por_/),
      token_type: 'Bearer',
      expires_in: 3600,
      scope: 'profile:read workspaces:read',
    });
    const stored = await queryRows<{ token_hash: string }>(t.database.db, sql`select token_hash from oauth_tokens where user_id = ${person.account.id}`);
    expect(JSON.stringify(stored)).not.toContain(tokens.access_token);

    const info = await withToken(tokens.access_token, 'GET', '/api/oauth/userinfo');
    expect(await info.json()).toEqual({ sub: person.account.id, username: person.person.username, displayName: null });
    expect((await withToken(tokens.access_token, 'GET', '/api/workspaces')).status).toBe(200);
    // Outside the shown scopes: writing, the account, keys, sharing, sending.
    const refused: [string, string, unknown?][] = [
      ['POST', '/api/workspaces', { name: 'x' }],
      ['GET', '/api/me'],
      ['PATCH', '/api/me', { bio: 'app was here' }],
      ['GET', '/api/me/api-keys'],
      ['GET', '/api/me/connected-apps'],
      ['GET', '/api/teams'],
      ['GET', '/api/history'],
      ['POST', '/api/send', {}],
      ['GET', `/api/workspaces/${randomUuid()}/grants`],
    ];
    for (const [method, path, body] of refused) {
      expect((await withToken(tokens.access_token, method, path, body)).status, `${method} ${path}`).toBe(403);
    }
    const audit = await queryRows<{ details: { scopes: string[] } }>(
      t.database.db,
      sql`select details from audit_events where action = 'oauth.consent_granted' and actor_id = ${person.account.id}`,
    );
    expect(audit.map((a) => a.details.scopes)).toEqual([['profile:read', 'workspaces:read']]);
  });

  it('refuses a wrong verifier, a reused code (revoking its tokens), a redirect_uri mismatch and an expired code', async () => {
    const app = await register();
    const person = await signUpPerson(t.app);
    const { verifier, challenge } = pkce();
    const code = await consent(person.browser, authorizeQuery(app.clientId, challenge));
    const wrong = await exchange(app.clientId, code, pkce().verifier);
    expect(wrong.status).toBe(400);
    expect(await wrong.json()).toMatchObject({ error: 'invalid_grant' });
    // The failed attempt used the code up.
    expect((await exchange(app.clientId, code, verifier)).status).toBe(400);

    const second = pkce();
    const code2 = await consent(person.browser, authorizeQuery(app.clientId, second.challenge));
    const mismatch = await exchange(app.clientId, code2, second.verifier, { redirect_uri: 'https://app.example.test/other' });
    expect(await mismatch.json()).toMatchObject({ error: 'invalid_grant' });

    const third = pkce();
    const code3 = await consent(person.browser, authorizeQuery(app.clientId, third.challenge));
    const first = await exchange(app.clientId, code3, third.verifier);
    expect(first.status).toBe(200);
    const { access_token } = await first.json();
    const replay = await exchange(app.clientId, code3, third.verifier);
    expect(replay.status).toBe(400);
    expect(await replay.json()).toMatchObject({ error: 'invalid_grant' });
    expect((await withToken(access_token, 'GET', '/api/workspaces')).status).toBe(401);

    const fourth = pkce();
    const code4 = await consent(person.browser, authorizeQuery(app.clientId, fourth.challenge));
    now = new Date(T0.getTime() + 61_000);
    try {
      expect(await (await exchange(app.clientId, code4, fourth.verifier)).json()).toMatchObject({ error: 'invalid_grant' });
    } finally {
      now = T0;
    }
    // Another client cannot redeem someone else's code; unknown clients are invalid_client.
    const fifth = pkce();
    const code5 = await consent(person.browser, authorizeQuery(app.clientId, fifth.challenge));
    const other = await register();
    expect(await (await exchange(other.clientId, code5, fifth.verifier)).json()).toMatchObject({ error: 'invalid_grant' });
    const unknown = await exchange('pco_nobody', code5, fifth.verifier);
    expect(unknown.status).toBe(401);
    expect(await unknown.json()).toMatchObject({ error: 'invalid_client' });
    expect((await token({ grant_type: 'password', client_id: app.clientId })).status).toBe(400);
    expect(await (await token({ grant_type: 'password', client_id: app.clientId })).json()).toMatchObject({ error: 'unsupported_grant_type' });
  });

  it('refuses plain PKCE, missing PKCE, unregistered scopes and unknown redirect URIs', async () => {
    const app = await register({ scopes: ['profile:read'] });
    const person = await signUpPerson(t.app);
    const { challenge } = pkce();
    const backWith = async (extra: Record<string, string>) => {
      const res = await person.browser.request('GET', `/api/oauth/authorize?${authorizeQuery(app.clientId, challenge, extra)}`);
      expect(res.status).toBe(200);
      const body = await res.json();
      expect(body.kind).toBe('redirect');
      const to = new URL(body.redirectTo);
      expect(to.searchParams.get('state')).toBe('xyz-state');
      return to.searchParams.get('error');
    };
    expect(await backWith({ code_challenge_method: 'plain', code_challenge: 'a'.repeat(43), scope: 'profile:read' })).toBe('invalid_request');
    expect(await backWith({ code_challenge_method: '', scope: 'profile:read' })).toBe('invalid_request');
    expect(await backWith({ scope: 'profile:read workspaces:write' })).toBe('invalid_scope');
    expect(await backWith({ scope: 'admin' })).toBe('invalid_scope');
    // The same refusals on the POST: nothing can be granted beyond what the screen listed.
    const posted = await person.browser.request('POST', '/api/oauth/authorize', {
      body: { ...Object.fromEntries(authorizeQuery(app.clientId, challenge, { scope: 'profile:read workspaces:write' })), decision: 'allow' },
    });
    expect(new URL((await posted.json()).redirectTo).searchParams.get('error')).toBe('invalid_scope');
    const mismatch = await person.browser.request('GET', `/api/oauth/authorize?${authorizeQuery(app.clientId, challenge, { redirect_uri: 'https://evil.example.test/cb' })}`);
    expect(mismatch.status).toBe(400);
    expect((await mismatch.json()).code).toBe('OAUTH_REDIRECT_URI_MISMATCH');
    expect(await queryRows(t.database.db, sql`select id from oauth_grants where user_id = ${person.account.id}`)).toEqual([]);
    // Refreshing cannot widen scopes either.
    const tokens = await connect(person, app.clientId, 'profile:read');
    const wider = await token({ grant_type: 'refresh_token', client_id: app.clientId, refresh_token: tokens.refresh_token, scope: 'profile:read workspaces:read' });
    expect(await wider.json()).toMatchObject({ error: 'invalid_scope' });
  });

  it('remembers consent per app and scopes, and asks again when the scopes grow', async () => {
    const app = await register();
    const person = await signUpPerson(t.app);
    await connect(person, app.clientId, 'profile:read');
    const { challenge } = pkce();
    const same = await (await person.browser.request('GET', `/api/oauth/authorize?${authorizeQuery(app.clientId, challenge, { scope: 'profile:read' })}`)).json();
    expect(same.remembered).toBe(true);
    const more = await (await person.browser.request('GET', `/api/oauth/authorize?${authorizeQuery(app.clientId, challenge, { scope: 'profile:read workspaces:write' })}`)).json();
    expect(more.remembered).toBe(false);
    expect(more.scopes.map((s: { name: string }) => s.name)).toEqual(['profile:read', 'workspaces:write']);
    const denied = await person.browser.request('POST', '/api/oauth/authorize', {
      body: { ...Object.fromEntries(authorizeQuery(app.clientId, challenge, { scope: 'profile:read workspaces:write' })), decision: 'deny' },
    });
    const to = new URL((await denied.json()).redirectTo);
    expect(to.searchParams.get('error')).toBe('access_denied');
    expect(to.searchParams.get('state')).toBe('xyz-state');
    expect(to.searchParams.get('code')).toBeNull();
  });

  it('rotates refresh tokens; an old refresh token is refused and revokes the rest', async () => {
    const app = await register({ clientType: 'confidential' });
    const person = await signUpPerson(t.app);
    const { verifier, challenge } = pkce();
    const code = await consent(person.browser, authorizeQuery(app.clientId, challenge));
    const basic = { Authorization: `Basic ${Buffer.from(`${app.clientId}:${app.clientSecret}`).toString('base64')}` };
    const noSecret = await token({ grant_type: 'authorization_code', client_id: app.clientId, code, redirect_uri: REDIRECT, code_verifier: verifier });
    expect(noSecret.status).toBe(401);
    expect(noSecret.headers.get('WWW-Authenticate')).toContain('Basic');
    const code2 = await consent(person.browser, authorizeQuery(app.clientId, challenge));
    const first = await (await token({ grant_type: 'authorization_code', code: code2, redirect_uri: REDIRECT, code_verifier: verifier }, basic)).json();
    const second = await token({ grant_type: 'refresh_token', refresh_token: first.refresh_token }, basic);
    expect(second.status).toBe(200);
    const rotated = await second.json();
    expect(rotated.refresh_token).not.toBe(first.refresh_token);
    expect((await withToken(rotated.access_token, 'GET', '/api/workspaces')).status).toBe(200);
    const replay = await token({ grant_type: 'refresh_token', refresh_token: first.refresh_token }, basic);
    expect(replay.status).toBe(400);
    expect(await replay.json()).toMatchObject({ error: 'invalid_grant' });
    // The replay revoked the tokens of the rotation too.
    expect((await withToken(rotated.access_token, 'GET', '/api/workspaces')).status).toBe(401);
    expect((await token({ grant_type: 'refresh_token', refresh_token: rotated.refresh_token }, basic)).status).toBe(400);
  });

  it('lists connected apps and revoking one kills its tokens at once', async () => {
    const app = await register();
    const person = await signUpPerson(t.app);
    const tokens = await connect(person, app.clientId);
    expect((await withToken(tokens.access_token, 'GET', '/api/oauth/userinfo')).status).toBe(200);
    const list = await (await person.browser.request('GET', '/api/me/connected-apps')).json();
    expect(list.items).toEqual([
      {
        app: { id: app.id, name: 'Reporter', homepageUrl: 'https://app.example.test' },
        scopes: [expect.objectContaining({ name: 'profile:read' }), expect.objectContaining({ name: 'workspaces:read' })],
        grantedAt: T0.toISOString(),
        lastUsedAt: T0.toISOString(),
      },
    ]);
    // API keys and app tokens cannot see or revoke connected apps.
    expect((await withToken(tokens.access_token, 'DELETE', `/api/me/connected-apps/${app.id}`)).status).toBe(403);
    expect((await person.browser.request('DELETE', `/api/me/connected-apps/${app.id}`)).status).toBe(204);
    const after = await withToken(tokens.access_token, 'GET', '/api/oauth/userinfo');
    expect(after.status).toBe(401);
    expect((await after.json()).code).toBe('OAUTH_TOKEN_INVALID');
    expect((await token({ grant_type: 'refresh_token', client_id: app.clientId, refresh_token: tokens.refresh_token })).status).toBe(400);
    expect((await (await person.browser.request('GET', '/api/me/connected-apps')).json()).items).toEqual([]);
    const audit = await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from audit_events where action = 'oauth.token_revoked' and actor_id = ${person.account.id}`);
    expect(audit[0]!.n).toBe(1);
  });

  it('lets team admins block apps or allow only listed ones, and operators block apps instance-wide', async () => {
    const app = await register();
    const owner = await signUpPerson(t.app);
    const member = await signUpPerson(t.app);
    await createTeam(owner, 'oauth-team');
    const [team] = await queryRows<{ id: string }>(t.database.db, sql`select id from teams where slug = 'oauth-team'`);
    await joinTeam(mailer, owner, member, 'oauth-team');
    const tokens = await connect(member, app.clientId);

    // Members cannot change the lists.
    expect((await member.browser.request('PUT', `/api/teams/oauth-team/oauth-apps/rules/${app.clientId}`, { body: { rule: 'block' } })).status).toBe(403);
    expect((await owner.browser.request('PUT', `/api/teams/oauth-team/oauth-apps/rules/${app.clientId}`, { body: { rule: 'block' } })).status).toBe(204);
    // Tokens already issued stop working, and the app cannot be authorized again.
    expect((await withToken(tokens.access_token, 'GET', '/api/workspaces')).status).toBe(401);
    const { challenge } = pkce();
    const refused = await member.browser.request('GET', `/api/oauth/authorize?${authorizeQuery(app.clientId, challenge)}`);
    expect(refused.status).toBe(403);
    expect((await refused.json()).code).toBe('OAUTH_APP_BLOCKED');
    expect((await token({ grant_type: 'refresh_token', client_id: app.clientId, refresh_token: tokens.refresh_token })).status).toBe(400);
    // Outsiders are not affected.
    const outsider = await signUpPerson(t.app);
    await connect(outsider, app.clientId);

    // Allow-listed only: the block goes, but the app is not listed, so it is still refused; then listed.
    expect((await owner.browser.request('DELETE', `/api/teams/oauth-team/oauth-apps/rules/${app.clientId}`)).status).toBe(204);
    expect((await owner.browser.request('PUT', '/api/teams/oauth-team/oauth-apps/settings', { body: { allowListedOnly: true } })).status).toBe(204);
    expect((await member.browser.request('GET', `/api/oauth/authorize?${authorizeQuery(app.clientId, challenge)}`)).status).toBe(403);
    expect((await owner.browser.request('PUT', `/api/teams/oauth-team/oauth-apps/rules/${app.clientId}`, { body: { rule: 'allow' } })).status).toBe(204);
    const fresh = await connect(member, app.clientId);
    const settings = await (await member.browser.request('GET', '/api/teams/oauth-team/oauth-apps')).json();
    expect(settings).toEqual({ allowListedOnly: true, rules: [{ rule: 'allow', app: { clientId: app.clientId, name: 'Reporter', homepageUrl: 'https://app.example.test' } }] });

    // The operator blocks it everywhere.
    expect((await developer.browser.request('PUT', `/api/admin/oauth-apps/${app.id}/block`, { body: { blocked: true } })).status).toBe(403);
    expect((await operator.browser.request('PUT', `/api/admin/oauth-apps/${app.id}/block`, { body: { blocked: true } })).status).toBe(204);
    expect((await withToken(fresh.access_token, 'GET', '/api/workspaces')).status).toBe(401);
    expect((await outsider.browser.request('GET', `/api/oauth/authorize?${authorizeQuery(app.clientId, challenge)}`)).status).toBe(403);
    const blocked = await queryRows<{ team_id: string | null; details: { scope: string } }>(
      t.database.db,
      sql`select team_id, details from audit_events where action = 'oauth.app_blocked' and target_id = ${app.id} order by occurred_at, id`,
    );
    expect(blocked.map((b) => [b.team_id, b.details.scope]).sort()).toEqual([
      [team!.id, 'team'],
      [null, 'instance'],
    ].sort());
  });

  it('gives userinfo only the granted fields, and lets an app give its tokens back (RFC 7009)', async () => {
    const app = await register({ scopes: ['profile:read', 'email:read'], clientType: 'confidential' });
    const person = await signUpPerson(t.app);
    const { verifier, challenge } = pkce();
    const code = await consent(person.browser, authorizeQuery(app.clientId, challenge, { scope: 'email:read' }));
    // client_secret_post; both ways at once is refused.
    const posted = await exchange(app.clientId, code, verifier, { client_secret: app.clientSecret });
    const tokens = await posted.json();
    expect(posted.status).toBe(200);
    expect(await (await withToken(tokens.access_token, 'GET', '/api/oauth/userinfo')).json()).toEqual({ sub: person.account.id, email: person.person.email });
    const basic = `Basic ${Buffer.from(`${app.clientId}:${app.clientSecret}`).toString('base64')}`;
    const twice = await token({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token, client_secret: app.clientSecret }, { Authorization: basic });
    expect(await twice.json()).toMatchObject({ error: 'invalid_request' });
    const revoke = (form: Record<string, string>) =>
      t.app.request('/api/oauth/revoke', { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded', Authorization: basic }, body: new URLSearchParams(form).toString() });
    expect((await revoke({ token: tokens.access_token })).status).toBe(200);
    expect((await revoke({ token: 'poa_unknown' })).status).toBe(200);
    expect((await withToken(tokens.access_token, 'GET', '/api/oauth/userinfo')).status).toBe(401);
    // Form bodies only, no repeated parameters.
    const asJson = await t.app.request('/api/oauth/token', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
    expect(asJson.status).toBe(400);
    expect(await asJson.json()).toMatchObject({ error: 'invalid_request' });
    const repeated = await t.app.request('/api/oauth/token', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: `grant_type=refresh_token&client_id=${app.clientId}&client_id=${app.clientId}`,
    });
    expect(await repeated.json()).toMatchObject({ error: 'invalid_request' });
  });

  it('takes grants, codes and tokens with the person, and apps with their owner', async () => {
    const app = await register();
    const person = await signUpPerson(t.app);
    await connect(person, app.clientId);
    await t.database.db.execute(sql`delete from users where id = ${person.account.id}`);
    for (const table of ['oauth_grants', 'oauth_codes', 'oauth_tokens']) {
      const rows = await queryRows(t.database.db, sql`select 1 from ${sql.identifier(table)} where user_id = ${person.account.id}`);
      expect(rows, table).toEqual([]);
    }
  });
});

describe('oauthAllows', async () => {
  const { oauthAllows } = await import('../src/modules/oauth-apps/scopes.ts');
  it('is default-deny and maps read and write onto workspace paths', () => {
    expect(oauthAllows([], 'GET', '/api/workspaces')).toBe(false);
    expect(oauthAllows(['workspaces:read'], 'GET', '/api/collections/1/items')).toBe(true);
    expect(oauthAllows(['workspaces:read'], 'PUT', '/api/collections/1')).toBe(false);
    expect(oauthAllows(['workspaces:write'], 'PUT', '/api/collections/1')).toBe(true);
    expect(oauthAllows(['workspaces:write'], 'GET', '/api/collections/1')).toBe(false);
    expect(oauthAllows(['workspaces:read', 'workspaces:write'], 'POST', '/api/workspaces/1/grants')).toBe(false);
    expect(oauthAllows(['workspaces:read'], 'GET', '/api/workspacesx')).toBe(false);
    expect(oauthAllows(['workspaces:read'], 'GET', '/api/workspaces/1/globals/revisions/3')).toBe(true);
    expect(oauthAllows(['workspaces:write'], 'POST', '/api/collections/1/items/2/move')).toBe(true);
    // Sub-resources not listed on purpose stay closed: who read or shares a workspace, webhooks, findings, URL imports.
    for (const path of ['/api/workspaces/1/access-log', '/api/workspaces/1/grants/2', '/api/workspaces/1/webhooks', '/api/workspaces/1/secret-findings', '/api/collections/1/webhooks']) {
      expect(oauthAllows(['workspaces:read', 'workspaces:write'], 'GET', path), path).toBe(false);
    }
    expect(oauthAllows(['workspaces:write'], 'POST', '/api/workspaces/1/collections/import-url')).toBe(false);
    expect(oauthAllows(['email:read'], 'GET', '/api/oauth/userinfo')).toBe(true);
    expect(oauthAllows(['workspaces:read'], 'GET', '/api/oauth/userinfo')).toBe(false);
  });
});

function randomUuid(): string {
  return crypto.randomUUID();
}
