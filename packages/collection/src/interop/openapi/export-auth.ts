/** Postman auth → an OpenAPI security scheme and requirement (credentials are never exported). */
import { authParams } from '../../request.ts';
import type { Auth } from '../../types.ts';
import type { ExportContext } from './export-context.ts';
import type { Json, JsonObject } from './json.ts';

const FLOWS: Record<string, string> = {
  authorization_code: 'authorizationCode',
  authorization_code_with_pkce: 'authorizationCode',
  client_credentials: 'clientCredentials',
  password_credentials: 'password',
  implicit: 'implicit',
};

/** A `security` list for the auth: `[]` for noauth, undefined when it cannot be described. */
export function securityFor(ctx: ExportContext, auth: Auth, at: string): Json[] | undefined {
  const p = authParams(auth);
  const text = (k: string) => (typeof p[k] === 'string' ? (p[k] as string) : '');
  switch (auth.type) {
    case 'noauth':
      return [];
    case 'basic':
      return [{ [ctx.scheme('basicAuth', { type: 'http', scheme: 'basic' })]: [] }];
    case 'digest':
      return [{ [ctx.scheme('digestAuth', { type: 'http', scheme: 'digest' })]: [] }];
    case 'bearer':
    case 'jwt':
      return [{ [ctx.scheme('bearerAuth', { type: 'http', scheme: 'bearer', ...(auth.type === 'jwt' ? { bearerFormat: 'JWT' } : {}) })]: [] }];
    case 'apikey': {
      const where = text('in') === 'query' ? 'query' : 'header';
      return [{ [ctx.scheme('apiKeyAuth', { type: 'apiKey', in: where, name: text('key') || 'X-API-Key' })]: [] }];
    }
    case 'oauth2': {
      const flowName = FLOWS[text('grant_type') || 'authorization_code'] ?? 'authorizationCode';
      const scopes = text('scope').split(/\s+/).filter(Boolean);
      const flow: JsonObject = { scopes: Object.fromEntries(scopes.map((s) => [s, ''])) };
      // OpenAPI requires the flow's URLs: a missing one gets a placeholder, and the export says so.
      const url = (key: string, placeholder: string) => {
        if (text(key)) return text(key);
        ctx.note(at, `OAuth2 ${key} is not set (${placeholder} written instead)`);
        return placeholder;
      };
      if (flowName === 'authorizationCode' || flowName === 'implicit') flow.authorizationUrl = url('authUrl', 'https://example.com/oauth/authorize');
      if (flowName !== 'implicit') flow.tokenUrl = url('accessTokenUrl', 'https://example.com/oauth/token');
      if (text('refreshTokenUrl')) flow.refreshUrl = text('refreshTokenUrl');
      if (text('openIdConnectUrl')) return [{ [ctx.scheme('openIdConnect', { type: 'openIdConnect', openIdConnectUrl: text('openIdConnectUrl') })]: scopes }];
      return [{ [ctx.scheme('oauth2', { type: 'oauth2', flows: { [flowName]: flow } })]: scopes }];
    }
    default:
      ctx.note(at, `${auth.type} auth (OpenAPI has no security scheme for it)`);
      return undefined;
  }
}
