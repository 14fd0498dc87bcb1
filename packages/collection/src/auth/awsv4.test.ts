import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { awsv4Signer } from './awsv4.ts';
import type { AuthParams, SignableRequest } from './signer.ts';
import { authorization, fixedContext, makeRequest } from './test-helpers.ts';

async function sign(request: SignableRequest, params: AuthParams, now: number): Promise<SignableRequest> {
  await awsv4Signer.sign(request, params, fixedContext(now));
  return request;
}

function header(request: SignableRequest, name: string): string | undefined {
  return request.headers.find((h) => h.key.toLowerCase() === name.toLowerCase())?.value;
}

const IAM_EXAMPLE = { accessKey: 'AKIDEXAMPLE', secretKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY', region: 'us-east-1', service: 'iam' };
const S3_EXAMPLE = { accessKey: 'AKIAIOSFODNN7EXAMPLE', secretKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', region: 'us-east-1', service: 's3' };
const MAY_24_2013 = Date.UTC(2013, 4, 24);
const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

describe('awsv4: AWS published examples', () => {
  it('IAM ListUsers (SigV4 documentation)', async () => {
    const request = makeRequest('https://iam.amazonaws.com/?Action=ListUsers&Version=2010-05-08', {
      headers: { 'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8', 'X-Amz-Date': '19990101T000000Z' },
    });
    await sign(request, IAM_EXAMPLE, Date.UTC(2015, 7, 30, 12, 36, 0));
    expect(authorization(request)).toBe(
      'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request, SignedHeaders=content-type;host;x-amz-date, ' +
        'Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7',
    );
    expect(header(request, 'X-Amz-Date')).toBe('20150830T123600Z');
    expect(header(request, 'Host')).toBe('iam.amazonaws.com');
    expect(request.headers.filter((h) => h.key.toLowerCase() === 'x-amz-date')).toHaveLength(1);
  });

  it('S3 PUT Object, with x-amz-content-sha256 of the body', async () => {
    const request = makeRequest('https://examplebucket.s3.amazonaws.com/test$file.text', {
      method: 'PUT',
      headers: { Date: 'Fri, 24 May 2013 00:00:00 GMT', 'x-amz-storage-class': 'REDUCED_REDUNDANCY' },
      bodyText: 'Welcome to Amazon S3.',
    });
    await sign(request, S3_EXAMPLE, MAY_24_2013);
    expect(header(request, 'X-Amz-Content-Sha256')).toBe('44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072');
    expect(authorization(request)).toBe(
      'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, ' +
        'SignedHeaders=date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class, ' +
        'Signature=98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd',
    );
  });

  it('S3 GET Bucket Lifecycle, hashing the empty body', async () => {
    const request = await sign(makeRequest('https://examplebucket.s3.amazonaws.com/?lifecycle'), S3_EXAMPLE, MAY_24_2013);
    expect(header(request, 'X-Amz-Content-Sha256')).toBe(EMPTY_SHA256);
    expect(authorization(request)).toContain('Signature=fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543');
  });

  it('S3 presigned URL (addAuthDataToQuery)', async () => {
    const request = await sign(makeRequest('https://examplebucket.s3.amazonaws.com/test.txt'), { ...S3_EXAMPLE, addAuthDataToQuery: true }, MAY_24_2013);
    expect(Object.fromEntries(request.url.searchParams)).toEqual({
      'X-Amz-Date': '20130524T000000Z',
      'X-Amz-Expires': '86400',
      'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
      'X-Amz-Credential': 'AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request',
      'X-Amz-SignedHeaders': 'host',
      'X-Amz-Signature': 'aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404',
    });
    expect(authorization(request)).toBeUndefined();
    expect(header(request, 'X-Amz-Date')).toBeUndefined();
  });
});

describe('awsv4: options', () => {
  it('defaults to execute-api in us-east-1 and hashes any body', async () => {
    const request = makeRequest('https://abc.execute-api.amazonaws.com/prod/items', { method: 'POST', bodyText: '{"a":1}' });
    await sign(request, { accessKey: 'AK', secretKey: 'SK' }, Date.UTC(2024, 0, 1));
    expect(authorization(request)).toContain('Credential=AK/20240101/us-east-1/execute-api/aws4_request');
    expect(header(request, 'X-Amz-Content-Sha256')).toBe(createHash('sha256').update('{"a":1}').digest('hex'));
  });

  it('signs the session token as a header', async () => {
    const request = await sign(makeRequest('https://sts.amazonaws.com/'), { ...IAM_EXAMPLE, sessionToken: 'TOKEN' }, Date.UTC(2024, 0, 1));
    expect(header(request, 'X-Amz-Security-Token')).toBe('TOKEN');
    expect(authorization(request)).toContain('SignedHeaders=host;x-amz-date;x-amz-security-token,');
  });

  it('presigns with the session token and keeps the existing query as written', async () => {
    const request = makeRequest('https://svc.us-east-1.amazonaws.com/p?q=a%20b&X-Amz-Signature=stale');
    await sign(request, { ...IAM_EXAMPLE, service: 'svc', sessionToken: 'T/1', addAuthDataToQuery: true }, Date.UTC(2024, 0, 1));
    expect(request.url.search.startsWith('?q=a%20b&')).toBe(true);
    expect(request.url.searchParams.get('X-Amz-Security-Token')).toBe('T/1');
    expect(request.url.searchParams.getAll('X-Amz-Signature')).toHaveLength(1);
    expect(request.url.searchParams.get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/);
    expect(request.url.searchParams.get('X-Amz-Signature')).not.toBe('stale');
  });
});
