/** Insomnia `authentication` objects → Postman v2.1 auth (or a reason it cannot be carried over). */
import type { Auth } from '../../types.ts';
import { asString, authOf } from '../shared/import-helpers.ts';
import type { JsonObject } from '../shared/import-helpers.ts';

const OAUTH2_GRANTS: Record<string, string> = {
  authorization_code: 'authorization_code',
  client_credentials: 'client_credentials',
  password: 'password_credentials',
  implicit: 'implicit',
};

export type AuthConversion = { auth?: Auth; skipped?: string };

/** `text` converts one templated string (variables and tags). */
export function convertAuth(source: JsonObject, text: (value: unknown) => string | undefined): AuthConversion {
  const type = asString(source.type);
  if (!type) return {};
  if (source.disabled === true) return { auth: { type: 'noauth' } };
  const t = (key: string) => text(source[key]);
  switch (type) {
    case 'none':
      return { auth: { type: 'noauth' } };
    case 'basic':
      return { auth: authOf('basic', { username: t('username'), password: t('password') }) };
    case 'bearer': {
      const prefix = t('prefix');
      if (prefix && prefix !== 'Bearer') return { auth: authOf('apikey', { key: 'Authorization', value: `${prefix} ${t('token') ?? ''}`, in: 'header' }) };
      return { auth: authOf('bearer', { token: t('token') }) };
    }
    case 'apikey': {
      const addTo = asString(source.addTo) ?? 'header';
      if (addTo === 'cookie') return { skipped: 'API key sent as a cookie (Postman sends API keys only as a header or query parameter)' };
      return { auth: authOf('apikey', { key: t('key'), value: t('value'), in: addTo === 'queryParams' ? 'query' : 'header' }) };
    }
    case 'digest':
      return { auth: authOf('digest', { username: t('username'), password: t('password') }) };
    case 'ntlm':
      return { auth: authOf('ntlm', { username: t('username'), password: t('password') }) };
    case 'oauth1':
      return {
        auth: authOf('oauth1', {
          consumerKey: t('consumerKey'), consumerSecret: t('consumerSecret'), token: t('tokenKey'), tokenSecret: t('tokenSecret'),
          signatureMethod: t('signatureMethod'), version: t('version'), nonce: t('nonce'), timestamp: t('timestamp'),
          realm: t('realm'), callback: t('callback'), verifier: t('verifier'), privateKey: t('privateKey'), addParamsToHeader: true,
        }),
      };
    case 'oauth2': {
      const grant = asString(source.grantType) ?? 'authorization_code';
      if (!OAUTH2_GRANTS[grant]) return { skipped: `OAuth 2.0 grant "${grant}" (no Postman equivalent)` };
      return {
        auth: authOf('oauth2', {
          grant_type: OAUTH2_GRANTS[grant], accessTokenUrl: t('accessTokenUrl'), authUrl: t('authorizationUrl'), clientId: t('clientId'),
          clientSecret: t('clientSecret'), scope: t('scope'), state: t('state'), redirect_uri: t('redirectUrl'), username: t('username'),
          password: t('password'), audience: t('audience'), resource: t('resource'),
          client_authentication: source.credentialsInBody === true ? 'body' : 'header',
          challengeAlgorithm: source.usePkce === true ? (asString(source.pkceMethod) ?? 'S256') : undefined,
          headerPrefix: t('tokenPrefix'), addTokenTo: 'header',
        }),
      };
    }
    case 'iam':
    case 'awsv4':
      return {
        auth: authOf('awsv4', {
          accessKey: t('accessKeyId'), secretKey: t('secretAccessKey'), sessionToken: t('sessionToken'), region: t('region'), service: t('service'),
        }),
      };
    case 'hawk':
      return {
        auth: authOf('hawk', {
          authId: t('id'), authKey: t('key'), algorithm: t('algorithm'), extraData: t('ext'), includePayloadHash: source.validatePayload === true,
        }),
      };
    case 'netrc':
      return { skipped: 'netrc authentication (credentials from a local ~/.netrc file)' };
    case 'asap':
      return { skipped: 'Atlassian ASAP authentication' };
    default:
      return { skipped: `authentication type "${type}"` };
  }
}
