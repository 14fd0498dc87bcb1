/** Bruno auth blocks (`auth:basic { … }` with the mode named in the request) → Postman v2.1 auth. */
import type { BruRequest } from '@usebruno/lang';
import type { Auth } from '../../types.ts';
import { asString, authOf } from '../shared/import-helpers.ts';

const OAUTH2_GRANTS: Record<string, string> = {
  authorization_code: 'authorization_code',
  client_credentials: 'client_credentials',
  password: 'password_credentials',
  implicit: 'implicit',
};

/** `undefined` auth means "inherit" (the Postman default when `auth` is absent). */
export function convertBrunoAuth(mode: string | undefined, parsed: BruRequest): { auth?: Auth; skipped?: string } {
  if (!mode || mode === 'inherit') return {};
  if (mode === 'none') return { auth: { type: 'noauth' } };
  const block = parsed.auth?.[mode === 'akamai-edgegrid' ? 'akamaiEdgegrid' : mode];
  const p: Record<string, unknown> = typeof block === 'object' && block !== null ? block : {};
  const s = (key: string) => asString(p[key]);
  switch (mode) {
    case 'basic':
      return { auth: authOf('basic', { username: s('username'), password: s('password') }) };
    case 'bearer':
      return { auth: authOf('bearer', { token: s('token') }) };
    case 'digest':
      return { auth: authOf('digest', { username: s('username'), password: s('password') }) };
    case 'ntlm':
      return { auth: authOf('ntlm', { username: s('username'), password: s('password'), domain: s('domain') }) };
    case 'apikey': {
      const placement = s('placement') ?? 'header';
      return { auth: authOf('apikey', { key: s('key'), value: s('value'), in: placement === 'queryparams' ? 'query' : 'header' }) };
    }
    case 'awsv4':
      return {
        auth: authOf('awsv4', {
          accessKey: s('accessKeyId'), secretKey: s('secretAccessKey'), sessionToken: s('sessionToken'), service: s('service'), region: s('region'),
        }),
      };
    case 'oauth1':
      return {
        auth: authOf('oauth1', {
          consumerKey: s('consumerKey'), consumerSecret: s('consumerSecret'), token: s('accessToken'), tokenSecret: s('accessTokenSecret'),
          signatureMethod: s('signatureMethod'), timestamp: s('timestamp'), nonce: s('nonce'), version: s('version'), realm: s('realm'),
          callback: s('callbackUrl'), verifier: s('verifier'), addParamsToHeader: s('placement') !== 'query' && s('placement') !== 'body',
        }),
      };
    case 'oauth2': {
      const grant = s('grantType') ?? '';
      if (!OAUTH2_GRANTS[grant]) return { skipped: `OAuth 2.0 grant "${grant}" (no Postman equivalent)` };
      return {
        auth: authOf('oauth2', {
          grant_type: OAUTH2_GRANTS[grant], accessTokenUrl: s('accessTokenUrl'), authUrl: s('authorizationUrl'), redirect_uri: s('callbackUrl'),
          clientId: s('clientId'), clientSecret: s('clientSecret'), scope: s('scope'), state: s('state'), username: s('username'), password: s('password'),
          client_authentication: s('credentialsPlacement') === 'basic_auth_header' ? 'header' : 'body',
          headerPrefix: s('tokenHeaderPrefix'), addTokenTo: s('tokenPlacement') === 'url' ? 'queryParams' : 'header',
        }),
      };
    }
    case 'akamai-edgegrid':
      return {
        auth: authOf('edgegrid', {
          accessToken: s('accessToken'), clientToken: s('clientToken'), clientSecret: s('clientSecret'), nonce: s('nonce'), timestamp: s('timestamp'),
          baseURL: s('baseUrl'), headersToSign: s('headersToSign'),
        }),
      };
    default:
      return { skipped: `auth mode "${mode}" (no Postman equivalent)` };
  }
}
