/**
 * Security requirements → Postman auth. Credentials become `{{variables}}` (added to the
 * collection, empty) so nobody's secret is written into the collection. Only the first scheme of
 * the first requirement can apply: a Postman request has one auth.
 */
import type { Auth, AuthAttribute } from '../../types.ts';
import { asArray, deref, isObj, type Json, type JsonObject } from './json.ts';
import type { ImportContext } from './import-context.ts';

const GRANTS: Array<[flow: string, grant: string]> = [
  ['authorizationCode', 'authorization_code'],
  ['clientCredentials', 'client_credentials'],
  ['password', 'password_credentials'],
  ['implicit', 'implicit'],
];

const attrs = (pairs: Array<[string, string]>): AuthAttribute[] => pairs.map(([key, value]) => ({ key, value, type: 'string' }));

/** The auth for a `security` list, or undefined when none applies; `[]` means no auth. */
export function authFor(ctx: ImportContext, security: Json | undefined, at: (string | number)[]): Auth | undefined {
  if (!Array.isArray(security)) return undefined;
  if (security.length === 0) return { type: 'noauth' };
  const first = security[0];
  if (!isObj(first)) return undefined;
  const entries = Object.entries(first);
  // `{}` first: anonymous access is allowed, which Postman says as "no auth".
  if (entries.length === 0) return { type: 'noauth' };
  if (entries.length > 1 || security.length > 1) {
    const others = [...entries.slice(1).map(([n]) => n), ...security.slice(1).flatMap((s) => (isObj(s) ? Object.keys(s) : []))];
    if (others.length) ctx.note(at, `other security schemes (${others.join(', ')}); a request has one auth, ${entries[0]![0]} was used`);
  }
  const [name, scopes] = entries[0]!;
  const schemes = isObj(ctx.doc.components) && isObj(ctx.doc.components.securitySchemes) ? ctx.doc.components.securitySchemes : {};
  const scheme = deref(ctx.doc, schemes[name]);
  if (!isObj(scheme)) {
    ctx.note(at, `security scheme "${name}" is not defined in components.securitySchemes`);
    return undefined;
  }
  return schemeAuth(ctx, name, scheme, asArray(scopes).map(String), ['components', 'securitySchemes', name]);
}

function schemeAuth(ctx: ImportContext, name: string, scheme: JsonObject, scopes: string[], at: string[]): Auth | undefined {
  const type = String(scheme.type ?? '');
  if (type === 'http') {
    const kind = String(scheme.scheme ?? '').toLowerCase();
    if (kind === 'basic') return { type: 'basic', basic: attrs([['username', ctx.secret('basicAuthUsername')], ['password', ctx.secret('basicAuthPassword')]]) };
    if (kind === 'bearer') return { type: 'bearer', bearer: attrs([['token', ctx.secret('bearerToken')]]) };
    if (kind === 'digest') return { type: 'digest', digest: attrs([['username', ctx.secret('digestAuthUsername')], ['password', ctx.secret('digestAuthPassword')]]) };
    ctx.note(at, `HTTP auth scheme "${kind}" (Postman has no equivalent)`);
    return undefined;
  }
  if (type === 'apiKey') {
    if (scheme.in !== 'header' && scheme.in !== 'query') {
      ctx.note(at, `API key in ${String(scheme.in)} (Postman sends API keys in a header or the query only)`);
      return undefined;
    }
    return { type: 'apikey', apikey: attrs([['key', String(scheme.name ?? '')], ['value', ctx.secret('apiKey')], ['in', scheme.in]]) };
  }
  if (type === 'oauth2') {
    const flows = isObj(scheme.flows) ? scheme.flows : {};
    const found = GRANTS.find(([flow]) => isObj(flows[flow]));
    const pairs: Array<[string, string]> = [];
    if (found) {
      const flow = flows[found[0]] as JsonObject;
      pairs.push(['grant_type', found[1]]);
      if (typeof flow.authorizationUrl === 'string') pairs.push(['authUrl', flow.authorizationUrl]);
      if (typeof flow.tokenUrl === 'string') pairs.push(['accessTokenUrl', flow.tokenUrl]);
      if (typeof flow.refreshUrl === 'string') pairs.push(['refreshTokenUrl', flow.refreshUrl]);
      const otherFlows = Object.keys(flows).filter((f) => f !== found[0]);
      if (otherFlows.length) ctx.note([...at, 'flows'], `other OAuth2 flows (${otherFlows.join(', ')}); ${found[0]} was used`);
    }
    if (scopes.length) pairs.push(['scope', scopes.join(' ')]);
    pairs.push(['addTokenTo', 'header']);
    return { type: 'oauth2', oauth2: attrs(pairs) };
  }
  if (type === 'openIdConnect') {
    // Postman has no discovery: an authorization-code OAuth2 setup that names the discovery URL.
    const url = String(scheme.openIdConnectUrl ?? '');
    const pairs: Array<[string, string]> = [['grant_type', 'authorization_code'], ['openIdConnectUrl', url]];
    pairs.push(['scope', ['openid', ...scopes.filter((s) => s !== 'openid')].join(' ')], ['addTokenTo', 'header']);
    return { type: 'oauth2', oauth2: attrs(pairs) };
  }
  ctx.note(at, `security scheme "${name}" of type ${type} (not supported)`);
  return undefined;
}
