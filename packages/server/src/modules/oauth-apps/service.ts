import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Clock } from '../../clock.ts';
import { badRequest, forbidden, notFound, unauthorized } from '../../errors.ts';
import type { CurrentApiKey, CurrentUser } from '../../http/env.ts';
import { authorizeTeam } from '../../policies/teams.ts';
import { accountSuspended } from '../accounts/suspension.ts';
import type { AuditService } from '../audit/service.ts';
import type { TeamStore } from '../teams/store.ts';
import { SCOPE_DESCRIPTIONS, includesAll, normalizeScopes, parseScopes } from './scopes.ts';
import type { OAuthScope } from './scopes.ts';
import type { OAuthAppRecord, OAuthStore, TeamRule } from './store.ts';

/** Prefixes that tell the kinds of credential apart (and let secret scanners spot leaks). */
export const CLIENT_ID_PREFIX = 'pco_';
export const CLIENT_SECRET_PREFIX = 'pcs_';
export const ACCESS_TOKEN_PREFIX = 'poa_';
export const REFRESH_TOKEN_PREFIX = 'por_';

export const CODE_LIFETIME_MS = 60 * 1000;
export const ACCESS_TOKEN_LIFETIME_MS = 60 * 60 * 1000;
export const REFRESH_TOKEN_LIFETIME_MS = 30 * 24 * 60 * 60 * 1000;
/** last_used_at of a grant is written at most this often. */
const TOUCH_INTERVAL_MS = 60 * 1000;
const MAX_REDIRECT_URIS = 10;

/** An error of the token and revocation endpoints, answered in RFC 6749 §5.2 form. */
export class OAuthError extends Error {
  constructor(
    readonly error: 'invalid_request' | 'invalid_client' | 'invalid_grant' | 'unauthorized_client' | 'unsupported_grant_type' | 'invalid_scope',
    readonly description: string,
    readonly status = error === 'invalid_client' ? 401 : 400,
  ) {
    super(description);
    this.name = 'OAuthError';
  }
}

export interface NewAppInput {
  name: string;
  homepageUrl: string | null;
  redirectUris: string[];
  scopes: OAuthScope[];
  clientType: 'public' | 'confidential';
}

/** The query of an authorization request (RFC 6749 §4.1.1 with RFC 7636 PKCE). */
export interface AuthorizeParams {
  response_type?: string | undefined;
  client_id?: string | undefined;
  redirect_uri?: string | undefined;
  scope?: string | undefined;
  state?: string | undefined;
  code_challenge?: string | undefined;
  code_challenge_method?: string | undefined;
}

export type AuthorizeCheck =
  | { kind: 'consent'; app: OAuthAppRecord; redirectUri: string; scopes: OAuthScope[]; remembered: boolean; state: string | undefined }
  | { kind: 'redirect'; redirectTo: string };

export interface TokenRequest {
  form: Record<string, string | undefined>;
  /** The Authorization header, for client_secret_basic. */
  authorization: string | undefined;
}

export type OAuthService = ReturnType<typeof createOAuthService>;

export function createOAuthService({
  store,
  teams,
  audit,
  clock,
}: {
  store: OAuthStore;
  teams: Pick<TeamStore, 'findWithRole'>;
  audit: AuditService;
  clock: Clock;
}) {
  /** Throws 403 when the operator or one of the person's teams refuses the app (P14). */
  async function assertAllowed(userId: string, app: OAuthAppRecord): Promise<void> {
    const reason = await refusal(userId, app);
    if (reason) throw forbidden(reason, { code: 'OAUTH_APP_BLOCKED' });
  }

  async function refusal(userId: string, app: OAuthAppRecord): Promise<string | undefined> {
    if (app.blockedAt) return 'This app is blocked on this Postern instance; ask its operator.';
    const team = await store.refusingTeam(userId, app.id);
    if (team) return `Your team "${team}" does not allow this app; ask the team's admins to allow it.`;
    return undefined;
  }

  /**
   * Validates an authorization request. A bad client_id or redirect_uri is shown to the person
   * (never redirected to, RFC 6749 §4.1.2.1); any other error goes back to the app.
   */
  async function check(user: CurrentUser, params: AuthorizeParams): Promise<AuthorizeCheck> {
    const app = params.client_id ? await store.findAppByClientId(params.client_id) : undefined;
    if (!app) {
      throw badRequest('The app that sent you here is not registered on this Postern; tell the app’s maker.', {
        code: 'OAUTH_CLIENT_UNKNOWN',
        errors: [{ path: 'query.client_id', message: 'is not a registered app' }],
      });
    }
    const redirectUri = params.redirect_uri ?? (app.redirectUris.length === 1 ? app.redirectUris[0] : undefined);
    if (!redirectUri || !app.redirectUris.includes(redirectUri)) {
      throw badRequest('The app asked to send you to an address it did not register; tell the app’s maker.', {
        code: 'OAUTH_REDIRECT_URI_MISMATCH',
        errors: [{ path: 'query.redirect_uri', message: 'is not one of the app’s registered redirect URIs' }],
      });
    }
    const back = (error: string, description: string): AuthorizeCheck => ({
      kind: 'redirect',
      redirectTo: withQuery(redirectUri, { error, error_description: description, state: params.state }),
    });
    if (params.response_type !== 'code') return back('unsupported_response_type', 'Only response_type=code is supported.');
    if (params.code_challenge_method !== 'S256') {
      return back('invalid_request', 'PKCE is required with code_challenge_method=S256; "plain" is not accepted.');
    }
    if (!params.code_challenge || !/^[A-Za-z0-9_-]{43}$/.test(params.code_challenge)) {
      return back('invalid_request', 'code_challenge must be the base64url SHA-256 of the code verifier (43 characters).');
    }
    const asked = params.scope === undefined || params.scope.trim() === '' ? app.scopes : parseScopes(params.scope);
    if (!asked || asked.length === 0 || !includesAll(app.scopes, asked)) {
      return back('invalid_scope', 'The app asked for a scope it did not register or that does not exist.');
    }
    await assertAllowed(user.id, app);
    const grant = await store.findGrant(user.id, app.id);
    return {
      kind: 'consent',
      app,
      redirectUri,
      scopes: normalizeScopes(asked),
      remembered: grant !== undefined && includesAll(grant.scopes, asked),
      state: params.state,
    };
  }

  async function issueTokens(grantId: string, userId: string, scopes: OAuthScope[]) {
    const now = clock();
    const access = ACCESS_TOKEN_PREFIX + randomBytes(32).toString('base64url');
    const refresh = REFRESH_TOKEN_PREFIX + randomBytes(32).toString('base64url');
    await store.insertTokens([
      { grantId, userId, kind: 'access', tokenHash: sha256(access), scopes, createdAt: now, expiresAt: new Date(now.getTime() + ACCESS_TOKEN_LIFETIME_MS) },
      { grantId, userId, kind: 'refresh', tokenHash: sha256(refresh), scopes, createdAt: now, expiresAt: new Date(now.getTime() + REFRESH_TOKEN_LIFETIME_MS) },
    ]);
    return {
      access_token: access,
      token_type: 'Bearer' as const,
      expires_in: ACCESS_TOKEN_LIFETIME_MS / 1000,
      refresh_token: refresh,
      scope: scopes.join(' '),
    };
  }

  /** The app making a token or revocation request (RFC 6749 §2.3.1); invalid_client otherwise. */
  async function authenticateClient({ form, authorization }: TokenRequest): Promise<OAuthAppRecord> {
    let clientId = form.client_id;
    let secret = form.client_secret;
    if (authorization && /^Basic /i.test(authorization)) {
      if (secret !== undefined) throw new OAuthError('invalid_request', 'Authenticate the client one way only.');
      const decoded = Buffer.from(authorization.slice(6).trim(), 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      if (colon < 0) throw new OAuthError('invalid_client', 'Malformed Basic credentials.');
      try {
        const fromHeader = decodeURIComponent(decoded.slice(0, colon));
        if (clientId !== undefined && clientId !== fromHeader) throw new OAuthError('invalid_request', 'client_id differs from the Basic credentials.');
        clientId = fromHeader;
        secret = decodeURIComponent(decoded.slice(colon + 1));
      } catch (error) {
        if (error instanceof OAuthError) throw error;
        throw new OAuthError('invalid_client', 'Malformed Basic credentials.');
      }
    }
    const app = clientId ? await store.findAppByClientId(clientId) : undefined;
    if (!app) throw new OAuthError('invalid_client', 'Unknown client.');
    if (app.clientType === 'confidential') {
      if (!secret || !app.secretHash || !sameHash(sha256(secret), app.secretHash)) {
        throw new OAuthError('invalid_client', 'The client secret is missing or wrong.');
      }
    }
    return app;
  }

  return {
    async registerApp(user: CurrentUser, input: NewAppInput) {
      const redirectUris = [...new Set(input.redirectUris)];
      redirectUris.forEach((uri, i) => assertRedirectUri(uri, `body.redirectUris.${i}`));
      if (redirectUris.length > MAX_REDIRECT_URIS) {
        throw badRequest(`Register at most ${MAX_REDIRECT_URIS} redirect URIs.`, { errors: [{ path: 'body.redirectUris', message: 'too many' }] });
      }
      if (input.homepageUrl !== null && !/^https?:$/.test(safeUrl(input.homepageUrl)?.protocol ?? '')) {
        throw badRequest('The homepage must be an http(s) address.', { errors: [{ path: 'body.homepageUrl', message: 'must be an http(s) URL' }] });
      }
      const secret = input.clientType === 'confidential' ? CLIENT_SECRET_PREFIX + randomBytes(32).toString('base64url') : null;
      const app = await store.createApp({
        clientId: CLIENT_ID_PREFIX + randomBytes(16).toString('base64url'),
        ownerId: user.id,
        name: input.name,
        homepageUrl: input.homepageUrl,
        redirectUris,
        scopes: normalizeScopes(input.scopes),
        clientType: input.clientType,
        secretHash: secret && sha256(secret),
        createdAt: clock(),
      });
      await audit.record({ actorId: user.id, action: 'oauth.app_registered', targetType: 'oauth_app', targetId: app.id, details: { clientType: app.clientType, scopes: app.scopes } });
      return { app, clientSecret: secret };
    },

    listOwnedApps: (user: CurrentUser) => store.listOwnedApps(user.id),

    async deleteApp(user: CurrentUser, id: string): Promise<void> {
      if (!(await store.deleteOwnedApp(id, user.id))) throw notFound('No such app among yours.', { code: 'OAUTH_APP_NOT_FOUND' });
    },

    /** What the consent screen shows, or where to send the person back with an error. */
    check,

    /**
     * The person's answer on the consent screen; the request is checked again, and what is
     * granted is exactly what `check` listed. Returns where to send the browser.
     */
    async decide(user: CurrentUser, params: AuthorizeParams, allow: boolean): Promise<string> {
      const checked = await check(user, params);
      if (checked.kind === 'redirect') return checked.redirectTo;
      const { app, redirectUri, scopes, state } = checked;
      if (!allow) return withQuery(redirectUri, { error: 'access_denied', error_description: 'The person declined.', state });
      const now = clock();
      const existing = await store.findGrant(user.id, app.id);
      // Consent is remembered per app; asking for more adds to it only through this screen.
      const granted = normalizeScopes([...(existing?.scopes ?? []), ...scopes]);
      const grant = await store.saveGrant(user.id, app.id, granted, now);
      if (!existing || !includesAll(existing.scopes, scopes)) {
        await audit.record({ actorId: user.id, action: 'oauth.consent_granted', targetType: 'oauth_app', targetId: app.id, details: { scopes } });
      }
      const code = randomBytes(32).toString('base64url');
      await store.insertCode({
        codeHash: sha256(code),
        grantId: grant.id,
        userId: user.id,
        redirectUri,
        codeChallenge: params.code_challenge!,
        scopes,
        createdAt: now,
        expiresAt: new Date(now.getTime() + CODE_LIFETIME_MS),
      });
      return withQuery(redirectUri, { code, state });
    },

    /** The token endpoint (RFC 6749 §3.2): authorization_code with PKCE, and refresh_token. */
    async token(request: TokenRequest) {
      const app = await authenticateClient(request);
      const { form } = request;
      const now = clock();
      if (form.grant_type === 'authorization_code') {
        if (!form.code || !form.code_verifier || !form.redirect_uri) {
          throw new OAuthError('invalid_request', 'Send code, redirect_uri and code_verifier.');
        }
        const found = await store.consumeCode(sha256(form.code), now);
        if (!found || found.grant.appId !== app.id) throw new OAuthError('invalid_grant', 'The code is unknown or was issued to another client.');
        if (found.reused) {
          // A replayed code may have been stolen: everything issued from this consent goes (RFC 6749 §4.1.2).
          await store.deleteTokensOfGrant(found.grant.id);
          throw new OAuthError('invalid_grant', 'The code was already used.');
        }
        if (found.code.expiresAt <= now) throw new OAuthError('invalid_grant', 'The code expired; start the authorization again.');
        if (found.code.redirectUri !== form.redirect_uri) throw new OAuthError('invalid_grant', 'redirect_uri differs from the authorization request.');
        if (!/^[A-Za-z0-9._~-]{43,128}$/.test(form.code_verifier) || !sameHash(s256(form.code_verifier), found.code.codeChallenge)) {
          throw new OAuthError('invalid_grant', 'The code_verifier does not match the code_challenge.');
        }
        const reason = await refusal(found.grant.userId, app);
        if (reason) throw new OAuthError('invalid_grant', reason);
        return issueTokens(found.grant.id, found.grant.userId, found.code.scopes);
      }
      if (form.grant_type === 'refresh_token') {
        if (!form.refresh_token) throw new OAuthError('invalid_request', 'Send refresh_token.');
        const found = await store.findToken(sha256(form.refresh_token), 'refresh', now);
        if (!found || found.app.id !== app.id) throw new OAuthError('invalid_grant', 'The refresh token is unknown, expired, revoked or issued to another client.');
        if (found.token.usedAt || !(await store.useRefreshToken(found.token.id, now))) {
          // Rotation: an old refresh token coming back means it leaked (RFC 9700 §4.14.2).
          await store.deleteTokensOfGrant(found.grant.id);
          throw new OAuthError('invalid_grant', 'The refresh token was already used; every token of this authorization is revoked.');
        }
        if (found.suspendedAt) throw new OAuthError('invalid_grant', 'The account is suspended.');
        const reason = await refusal(found.user.id, app);
        if (reason) throw new OAuthError('invalid_grant', reason);
        // Never more than the person still grants (they may have revoked and re-consented to less).
        let scopes = found.token.scopes.filter((s) => found.grant.scopes.includes(s));
        if (form.scope !== undefined) {
          const narrower = parseScopes(form.scope);
          if (!narrower || !includesAll(scopes, narrower)) throw new OAuthError('invalid_scope', 'A refresh can only keep or narrow the scopes.');
          scopes = narrower;
        }
        return issueTokens(found.grant.id, found.user.id, scopes);
      }
      if (!form.grant_type) throw new OAuthError('invalid_request', 'Send grant_type.');
      throw new OAuthError('unsupported_grant_type', 'Use authorization_code or refresh_token.');
    },

    /** RFC 7009: the app gives a token back; unknown tokens are not an error. */
    async revokeToken(request: TokenRequest): Promise<void> {
      const app = await authenticateClient(request);
      if (request.form.token) await store.deleteTokenOfApp(sha256(request.form.token), app.id);
    },

    /** The person and scopes behind an access token; 401 when it is unknown, expired or refused. */
    async resolve(token: string): Promise<{ user: CurrentUser; apiKey: CurrentApiKey }> {
      const now = clock();
      const found = token.startsWith(ACCESS_TOKEN_PREFIX) ? await store.findToken(sha256(token), 'access', now) : undefined;
      if (!found) {
        throw unauthorized('The access token is unknown, revoked or expired; the app must ask for a new one.', { code: 'OAUTH_TOKEN_INVALID' });
      }
      if (found.suspendedAt) throw accountSuspended();
      // Team and operator blocks apply at once to tokens already issued.
      const reason = await refusal(found.user.id, found.app);
      if (reason) throw unauthorized(reason, { code: 'OAUTH_APP_BLOCKED' });
      const lastUsed = found.grant.lastUsedAt?.getTime();
      if (lastUsed === undefined || now.getTime() - lastUsed >= TOUCH_INTERVAL_MS) {
        await store.touchGrant(found.grant.id, now, new Date(now.getTime() - TOUCH_INTERVAL_MS));
      }
      const scopes = found.token.scopes;
      return {
        user: found.user,
        apiKey: {
          id: `oauth:${found.grant.id}`,
          // The API-key vocabulary: read-only unless a write scope was granted.
          scopes: scopes.some((s) => s.endsWith(':write')) ? ['read', 'write'] : ['read'],
          oauth: { appId: found.app.id, scopes },
        },
      };
    },

    async connectedApps(user: CurrentUser) {
      const rows = await store.listGrantsOf(user.id);
      return rows.map(({ grant, app }) => ({ app, grant, scopes: grant.scopes.map((name) => ({ name, description: SCOPE_DESCRIPTIONS[name] })) }));
    },

    /** Revokes the person's consent to an app: its tokens stop working at once. */
    async disconnect(user: CurrentUser, appId: string): Promise<void> {
      if (!(await store.deleteGrant(user.id, appId))) throw notFound('This app is not connected to your account.', { code: 'OAUTH_GRANT_NOT_FOUND' });
      await audit.record({ actorId: user.id, action: 'oauth.token_revoked', targetType: 'oauth_app', targetId: appId, details: { by: 'person' } });
    },

    async teamSettings(user: CurrentUser, slug: string) {
      const team = await teamFor(user, slug, 'view');
      const [allowListedOnly, rules] = await Promise.all([store.teamPolicy(team.id), store.listTeamRules(team.id)]);
      return { allowListedOnly, rules };
    },

    async setTeamPolicy(user: CurrentUser, slug: string, allowListedOnly: boolean): Promise<void> {
      const team = await teamFor(user, slug, 'update');
      await store.setTeamPolicy(team.id, allowListedOnly, clock());
      await audit.record({ actorId: user.id, action: 'oauth.team_policy_changed', targetType: 'team', targetId: team.id, teamId: team.id, details: { allowListedOnly } });
    },

    async setTeamRule(user: CurrentUser, slug: string, clientId: string, rule: TeamRule | null): Promise<void> {
      const team = await teamFor(user, slug, 'update');
      const app = await store.findAppByClientId(clientId);
      if (!app) throw notFound('No app has this client ID.', { code: 'OAUTH_APP_NOT_FOUND' });
      if (rule === null) {
        if (!(await store.deleteTeamRule(team.id, app.id))) throw notFound('This app is on neither list.', { code: 'OAUTH_APP_NOT_FOUND' });
      } else {
        await store.setTeamRule(team.id, app.id, rule, clock());
      }
      await audit.record({
        actorId: user.id,
        action: rule === 'block' ? 'oauth.app_blocked' : 'oauth.team_rule_changed',
        targetType: 'oauth_app',
        targetId: app.id,
        teamId: team.id,
        details: { scope: 'team', rule },
      });
    },

    /** Operators: every app, to find one to block. */
    async listAllApps(user: CurrentUser) {
      if (!user.operator) throw forbidden('Only operators may list every app.', { code: 'OPERATOR_REQUIRED' });
      return store.listApps(500);
    },

    async setBlocked(user: CurrentUser, appId: string, blocked: boolean): Promise<void> {
      if (!user.operator) throw forbidden('Only operators may block apps for the whole instance.', { code: 'OPERATOR_REQUIRED' });
      if (!(await store.setBlocked(appId, blocked ? clock() : null))) throw notFound('No such app.', { code: 'OAUTH_APP_NOT_FOUND' });
      await audit.record({
        actorId: user.id,
        action: blocked ? 'oauth.app_blocked' : 'oauth.app_unblocked',
        targetType: 'oauth_app',
        targetId: appId,
        details: { scope: 'instance' },
      });
    },
  };

  async function teamFor(user: CurrentUser, slug: string, action: 'view' | 'update') {
    const found = await teams.findWithRole(slug, user.id);
    authorizeTeam(found?.role ?? null, action);
    return found!.team;
  }
}

/** https anywhere, or http on a loopback address only (RFC 8252 §7.3); no fragment, no credentials. */
function assertRedirectUri(uri: string, path: string): void {
  const url = safeUrl(uri);
  const fail = (message: string) => {
    throw badRequest(`Redirect URI ${JSON.stringify(uri)} ${message}.`, { errors: [{ path, message }] });
  };
  if (!url) return fail('is not an absolute URL');
  if (url.hash || uri.includes('#')) return fail('must not have a fragment');
  if (url.username || url.password) return fail('must not contain credentials');
  if (url.protocol === 'https:') return;
  if (url.protocol === 'http:' && ['127.0.0.1', '[::1]', 'localhost'].includes(url.hostname)) return;
  fail('must use https, or http on a loopback address (127.0.0.1, [::1], localhost)');
}

function safeUrl(value: string): URL | undefined {
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}

/** Adds parameters to a redirect URI, keeping its own query (RFC 6749 §3.1.2). */
function withQuery(uri: string, params: Record<string, string | undefined>): string {
  const url = new URL(uri);
  for (const [key, value] of Object.entries(params)) if (value !== undefined) url.searchParams.append(key, value);
  return url.toString();
}

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');
const s256 = (verifier: string) => createHash('sha256').update(verifier, 'ascii').digest('base64url');

function sameHash(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
