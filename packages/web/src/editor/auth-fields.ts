/** The auth types the collection model signs, with their Postman parameter names, for labelled fields. */
export interface AuthField {
  key: string;
  label: string;
  kind?: 'secret' | 'multiline' | 'checkbox' | { options: string[] };
}

export interface AuthKind {
  type: string;
  label: string;
  fields: AuthField[];
}

const secret = 'secret' as const;
const check = 'checkbox' as const;

export const AUTH_KINDS: AuthKind[] = [
  { type: 'noauth', label: 'No auth', fields: [] },
  { type: 'basic', label: 'Basic', fields: [{ key: 'username', label: 'Username' }, { key: 'password', label: 'Password', kind: secret }] },
  { type: 'bearer', label: 'Bearer token', fields: [{ key: 'token', label: 'Token', kind: secret }] },
  {
    type: 'apikey',
    label: 'API key',
    fields: [{ key: 'key', label: 'Key' }, { key: 'value', label: 'Value', kind: secret }, { key: 'in', label: 'Add to', kind: { options: ['header', 'query'] } }],
  },
  {
    type: 'digest',
    label: 'Digest',
    fields: [
      { key: 'username', label: 'Username' },
      { key: 'password', label: 'Password', kind: secret },
      { key: 'realm', label: 'Realm' },
      { key: 'nonce', label: 'Nonce' },
      { key: 'algorithm', label: 'Algorithm', kind: { options: ['MD5', 'MD5-sess', 'SHA-256', 'SHA-256-sess'] } },
      { key: 'qop', label: 'qop' },
      { key: 'nonceCount', label: 'Nonce count' },
      { key: 'clientNonce', label: 'Client nonce' },
      { key: 'opaque', label: 'Opaque' },
    ],
  },
  {
    type: 'oauth1',
    label: 'OAuth 1.0',
    fields: [
      { key: 'signatureMethod', label: 'Signature method', kind: { options: ['HMAC-SHA1', 'HMAC-SHA256', 'HMAC-SHA512', 'RSA-SHA1', 'RSA-SHA256', 'RSA-SHA512', 'PLAINTEXT'] } },
      { key: 'consumerKey', label: 'Consumer key' },
      { key: 'consumerSecret', label: 'Consumer secret', kind: secret },
      { key: 'token', label: 'Access token' },
      { key: 'tokenSecret', label: 'Token secret', kind: secret },
      { key: 'privateKey', label: 'Private key (RSA)', kind: 'multiline' },
      { key: 'callback', label: 'Callback URL' },
      { key: 'verifier', label: 'Verifier' },
      { key: 'timestamp', label: 'Timestamp' },
      { key: 'nonce', label: 'Nonce' },
      { key: 'version', label: 'Version' },
      { key: 'realm', label: 'Realm' },
      { key: 'addParamsToHeader', label: 'Add parameters to the header', kind: check },
      { key: 'addEmptyParamsToSign', label: 'Sign empty parameters', kind: check },
      { key: 'includeBodyHash', label: 'Include body hash', kind: check },
    ],
  },
  {
    type: 'oauth2',
    label: 'OAuth 2.0',
    fields: [
      { key: 'accessToken', label: 'Access token', kind: secret },
      { key: 'tokenType', label: 'Token type' },
      { key: 'addTokenTo', label: 'Add token to', kind: { options: ['header', 'queryParams'] } },
      { key: 'headerPrefix', label: 'Header prefix' },
    ],
  },
  {
    type: 'hawk',
    label: 'Hawk',
    fields: [
      { key: 'authId', label: 'Hawk auth ID' },
      { key: 'authKey', label: 'Hawk auth key', kind: secret },
      { key: 'algorithm', label: 'Algorithm', kind: { options: ['sha256', 'sha1'] } },
      { key: 'user', label: 'User' },
      { key: 'nonce', label: 'Nonce' },
      { key: 'extraData', label: 'ext' },
      { key: 'app', label: 'app' },
      { key: 'delegation', label: 'dlg' },
      { key: 'timestamp', label: 'Timestamp' },
      { key: 'includePayloadHash', label: 'Include payload hash', kind: check },
    ],
  },
  {
    type: 'awsv4',
    label: 'AWS Signature',
    fields: [
      { key: 'accessKey', label: 'Access key' },
      { key: 'secretKey', label: 'Secret key', kind: secret },
      { key: 'region', label: 'AWS region' },
      { key: 'service', label: 'Service name' },
      { key: 'sessionToken', label: 'Session token', kind: secret },
      { key: 'addAuthDataToQuery', label: 'Add auth data to the query', kind: check },
    ],
  },
  {
    type: 'ntlm',
    label: 'NTLM',
    fields: [
      { key: 'username', label: 'Username' },
      { key: 'password', label: 'Password', kind: secret },
      { key: 'domain', label: 'Domain' },
      { key: 'workstation', label: 'Workstation' },
    ],
  },
  {
    type: 'edgegrid',
    label: 'Akamai EdgeGrid',
    fields: [
      { key: 'accessToken', label: 'Access token', kind: secret },
      { key: 'clientToken', label: 'Client token', kind: secret },
      { key: 'clientSecret', label: 'Client secret', kind: secret },
      { key: 'nonce', label: 'Nonce' },
      { key: 'timestamp', label: 'Timestamp' },
      { key: 'baseURL', label: 'Base URL' },
      { key: 'headersToSign', label: 'Headers to sign' },
    ],
  },
  {
    type: 'jwt',
    label: 'JWT bearer',
    fields: [
      { key: 'algorithm', label: 'Algorithm', kind: { options: ['HS256', 'HS384', 'HS512', 'RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512'] } },
      { key: 'secret', label: 'Secret', kind: secret },
      { key: 'isSecretBase64Encoded', label: 'Secret is Base64 encoded', kind: check },
      { key: 'privateKey', label: 'Private key', kind: 'multiline' },
      { key: 'payload', label: 'Payload (JSON)', kind: 'multiline' },
      { key: 'header', label: 'Header (JSON)', kind: 'multiline' },
      { key: 'addTokenTo', label: 'Add token to', kind: { options: ['header', 'query'] } },
      { key: 'headerPrefix', label: 'Header prefix' },
      { key: 'queryParamKey', label: 'Query parameter name' },
    ],
  },
];

export function authKind(type: string): AuthKind | undefined {
  return AUTH_KINDS.find((kind) => kind.type === type);
}
