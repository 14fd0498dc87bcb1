import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { edgegridSigner } from './edgegrid.ts';
import { randomUuid } from './random.ts';
import type { AuthParams, SignableRequest } from './signer.ts';
import { authorization, fixedContext, makeRequest } from './test-helpers.ts';

// Akamai's shared EdgeGrid test data (testdata.json in the AkamaiOPEN-edgegrid libraries).
const AKAMAI = {
  clientToken: 'akab-client-token-xxx-xxxxxxxxxxxxxxxx',
  accessToken: 'akab-access-token-xxx-xxxxxxxxxxxxxxxx',
  clientSecret: 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx=',
  headersToSign: 'X-Test1, X-Test2, X-Test3',
  nonce: 'nonce-xx-xxxx-xxxx-xxxx-xxxxxxxxxxxx',
  timestamp: '20140321T19:34:21+0000',
};
const HOST = 'https://akaa-baseurl-xxxxxxxxxxx-xxxxxxxxxxxxx.luna.akamaiapis.net';
const PREFIX =
  'EG1-HMAC-SHA256 client_token=akab-client-token-xxx-xxxxxxxxxxxxxxxx;access_token=akab-access-token-xxx-xxxxxxxxxxxxxxxx;' +
  'timestamp=20140321T19:34:21+0000;nonce=nonce-xx-xxxx-xxxx-xxxx-xxxxxxxxxxxx;';

async function sign(request: SignableRequest, params: AuthParams = AKAMAI, now?: number): Promise<SignableRequest> {
  await edgegridSigner.sign(request, params, fixedContext(now));
  return request;
}

describe('edgegrid: Akamai test data', () => {
  it.each([
    ['simple GET', 'GET', '/', {}, undefined, 'tL+y4hxyHxgWVD30X3pWnGKHcPzmrIF+LThiAOhMxYU='],
    ['GET with querystring', 'GET', '/testapi/v1/t1?p1=1&p2=2', {}, undefined, 'hKDH1UlnQySSHjvIcZpDMbQHihTQ0XyVAKZaApabdeA='],
    ['POST inside limit', 'POST', '/testapi/v1/t3', {}, 'datadatadatadatadatadatadatadata', 'hXm4iCxtpN22m4cbZb4lVLW5rhX8Ca82vCFqXzSTPe4='],
    ['POST length equals max_body', 'POST', '/testapi/v1/t3', {}, 'd'.repeat(2048), '6Q6PiTipLae6n4GsSIDTCJ54bEbHUBp+4MUXrbQCBoY='],
    ['POST empty body', 'POST', '/testapi/v1/t6', {}, '', '1gEDxeQGD5GovIkJJGcBaKnZ+VaPtrc4qBUHixjsPCQ='],
    ['simple header signing', 'GET', '/testapi/v1/t4', { 'X-Test1': 'test-simple-header' }, undefined, '8F9AybcRw+PLxnvT+H0JRkjROrrUgsxJTnRXMzqvcwY='],
    ['header containing spaces', 'GET', '/testapi/v1/t4', { 'X-Test1': '"     test-header-with-spaces     "' }, undefined, 'ucq2AbjCNtobHfCTuS38fdkl5UDdWHZhQX46fYR8CqI='],
    ['leading and interior spaces', 'GET', '/testapi/v1/t4', { 'X-Test1': '     first-thing      second-thing' }, undefined, 'WtnneL539UadAAOJwnsXvPqT4Kt6z7HMgBEwAFpt3+c='],
    ['headers out of order', 'GET', '/testapi/v1/t4', { 'X-Test2': 't2', 'X-Test1': 't1', 'X-Test3': 't3' }, undefined, 'Wus73Nx8jOYM+kkBFF2q8D1EATRIMr0WLWwpLBgkBqY='],
    ['extra header', 'GET', '/testapi/v1/t5', { 'X-Test2': 't2', 'X-Test1': 't1', 'X-Test3': 't3', 'X-Extra': "this won't be included" }, undefined, 'Knd/jc0A5Ghhizjayr0AUUvl2MZjBpS3FDSzvtq4Ixc='],
    ['PUT test', 'PUT', '/testapi/v1/t6', {}, 'PPPPPPPPPPPPPPPPPPPPPPPPPPPPPPP', 'GNBWEYSEWOLtu+7dD52da2C39aX/Jchpon3K/AmBqBU='],
  ] as const)('%s', async (_name, method, path, headers, bodyText, signature) => {
    const request = makeRequest(HOST + path, { method, headers: { ...headers }, ...(bodyText === undefined ? {} : { bodyText }) });
    await sign(request);
    expect(authorization(request)).toBe(`${PREFIX}signature=${signature}`);
  });
});

describe('edgegrid: computed', () => {
  it('draws timestamp and nonce from ctx, and the signature checks out independently', async () => {
    const now = Date.UTC(2024, 1, 3, 4, 5, 6);
    const request = makeRequest('https://host.example/p?q=1', { method: 'POST', headers: { 'x-b': ' two   words ' }, bodyText: 'body' });
    await sign(request, { accessToken: 'at', clientToken: 'ct', clientSecret: 'cs', headersToSign: ['X-B', 'X-Missing'] }, now);

    const timestamp = '20240203T04:05:06+0000';
    const nonce = randomUuid(fixedContext());
    expect(nonce).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const prefix = `EG1-HMAC-SHA256 client_token=ct;access_token=at;timestamp=${timestamp};nonce=${nonce};`;
    const bodyHash = createHash('sha256').update('body').digest('base64');
    const data = ['POST', 'https', 'host.example', '/p?q=1', 'x-b:two words', bodyHash, prefix].join('\t');
    const key = createHmac('sha256', 'cs').update(timestamp).digest('base64');
    expect(authorization(request)).toBe(`${prefix}signature=${createHmac('sha256', key).update(data).digest('base64')}`);
  });

  it('signs the host of baseURL (either spelling) instead of the request host', async () => {
    // The scheme is still the request's, so these stay on https.
    const viaBase = await sign(makeRequest('https://127.0.0.1:3000/'), { ...AKAMAI, headersToSign: '', baseURL: `${HOST}/` });
    expect(authorization(viaBase)).toBe(`${PREFIX}signature=tL+y4hxyHxgWVD30X3pWnGKHcPzmrIF+LThiAOhMxYU=`);
    const viaBaseUri = await sign(makeRequest('https://127.0.0.1/'), { ...AKAMAI, baseURi: 'akaa-baseurl-xxxxxxxxxxx-xxxxxxxxxxxxx.luna.akamaiapis.net' });
    expect(authorization(viaBaseUri)).toBe(`${PREFIX}signature=tL+y4hxyHxgWVD30X3pWnGKHcPzmrIF+LThiAOhMxYU=`);
  });
});
