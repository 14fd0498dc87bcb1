import { createHash, createHmac } from 'node:crypto';
import { firstText, text } from './params.ts';
import { randomUuid } from './random.ts';
import { getHeader, setHeader, type AuthParams, type AuthSigner, type SignableRequest } from './signer.ts';

function hmacBase64(key: string, data: string): string {
  return createHmac('sha256', key).update(data, 'utf8').digest('base64');
}

/** `20140321T19:34:21+0000`, the timestamp form EdgeGrid signs. */
function edgegridTimestamp(ms: number): string {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}T${iso.slice(11, 19)}+0000`;
}

/** `name:value` for each listed header the request carries, whitespace collapsed, tab-separated. */
function canonicalHeaders(request: SignableRequest, headersToSign: unknown): string {
  let names: string[] = [];
  if (Array.isArray(headersToSign)) names = headersToSign.map(String);
  else if (typeof headersToSign === 'string') names = headersToSign.split(',');
  return names
    .map((name) => name.trim().toLowerCase())
    .filter((name) => name !== '')
    .flatMap((name) => {
      const value = getHeader(request, name);
      return value ? [`${name}:${value.trim().replace(/\s+/g, ' ')}`] : [];
    })
    .join('\t');
}

/** The host to sign: that of `baseURL` when given (Postman also wrote it `baseURi`), else the request's. */
function signedHost(request: SignableRequest, params: AuthParams): string {
  const baseUrl = firstText(params, 'baseURL', 'baseURi', 'baseUri');
  if (!baseUrl) return request.url.host;
  try {
    return new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(baseUrl) ? baseUrl : `https://${baseUrl}`).host;
  } catch {
    return request.url.host;
  }
}

/**
 * `edgegrid` (Akamai EG1-HMAC-SHA256). The body hash covers POST bodies
 * only, as the protocol says; it is not truncated to a max-body size,
 * matching Postman.
 */
export const edgegridSigner: AuthSigner = {
  type: 'edgegrid',
  sign(request, params, ctx) {
    const accessToken = text(params, 'accessToken');
    const clientToken = text(params, 'clientToken');
    const clientSecret = text(params, 'clientSecret');
    if (!accessToken || !clientToken || !clientSecret) return;

    const timestamp = text(params, 'timestamp') || edgegridTimestamp(ctx.now());
    const nonce = text(params, 'nonce') || randomUuid(ctx);
    const authPrefix = `EG1-HMAC-SHA256 client_token=${clientToken};access_token=${accessToken};timestamp=${timestamp};nonce=${nonce};`;
    const hashedBody = request.method.toUpperCase() === 'POST' ? request.bodyText : undefined;
    const bodyHash = hashedBody ? createHash('sha256').update(hashedBody, 'utf8').digest('base64') : '';

    const dataToSign = [
      request.method.toUpperCase(),
      request.url.protocol.slice(0, -1),
      signedHost(request, params),
      request.url.pathname + request.url.search || '/',
      canonicalHeaders(request, params['headersToSign']),
      bodyHash,
      authPrefix,
    ].join('\t');
    const signingKey = hmacBase64(clientSecret, timestamp);
    setHeader(request, 'Authorization', `${authPrefix}signature=${hmacBase64(signingKey, dataToSign)}`);
  },
};
