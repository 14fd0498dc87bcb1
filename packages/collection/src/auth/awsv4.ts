import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { removeHeader } from './headers.ts';
import { flag, text } from './params.ts';
import { appendQueryParams, removeQueryParams } from './query.ts';
import { getHeader, setHeader, type AuthSigner, type SignableRequest } from './signer.ts';

/** The part of the aws4 package used here (it ships no types). */
interface Aws4 {
  sign(
    request: {
      host: string;
      path: string;
      method: string;
      service: string;
      region: string;
      headers: Record<string, string>;
      signQuery?: boolean;
    },
    credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string },
  ): { path: string; headers: Record<string, string | number> };
}

const require = createRequire(import.meta.url);
const aws4 = require('aws4') as Aws4;

const SIGNED_QUERY_PARAMS = [
  'X-Amz-Security-Token',
  'X-Amz-Date',
  'X-Amz-Algorithm',
  'X-Amz-Credential',
  'X-Amz-SignedHeaders',
  'X-Amz-Signature',
];
const AMZ_PREFIX = 'x-amz-';

/** `20150830T123600Z`, SigV4's ISO 8601 basic format. */
function amzDate(ms: number): string {
  return new Date(ms).toISOString().replace(/[:-]|\.\d{3}/g, '');
}

/** Duplicate header names are joined with commas, as SigV4's canonical form wants. */
function headerRecord(request: SignableRequest): Record<string, string> {
  const record: Record<string, string> = {};
  const names = new Map<string, string>();
  for (const { key, value } of request.headers) {
    const existing = names.get(key.toLowerCase());
    if (existing === undefined) {
      names.set(key.toLowerCase(), key);
      record[key] = value;
    } else {
      record[existing] = `${record[existing]},${value}`;
    }
  }
  return record;
}

/**
 * `awsv4` (AWS Signature Version 4) through the aws4 package, with the
 * date pinned from ctx. Defaults follow Postman: service `execute-api`,
 * region `us-east-1`; the body hash goes in X-Amz-Content-Sha256 when there
 * is a body; `addAuthDataToQuery` presigns the URL instead of adding headers.
 */
export const awsv4Signer: AuthSigner = {
  type: 'awsv4',
  sign(request, params, ctx) {
    const accessKeyId = text(params, 'accessKey');
    const secretAccessKey = text(params, 'secretKey');
    if (!accessKeyId || !secretAccessKey) return;

    for (const name of ['Authorization', 'X-Amz-Date', 'X-Amz-Security-Token', 'X-Amz-Content-Sha256']) removeHeader(request, name);
    const signQuery = flag(params, 'addAuthDataToQuery');
    if (signQuery) removeQueryParams(request.url, (key) => SIGNED_QUERY_PARAMS.includes(key));

    const date = amzDate(ctx.now());
    const headers = headerRecord(request);
    let path = request.url.pathname + request.url.search;
    if (signQuery) {
      // aws4 reads the presign date from the query; it is replaced by the signed copy below.
      path += `${request.url.search ? '&' : '?'}X-Amz-Date=${date}`;
    } else {
      headers['X-Amz-Date'] = date;
      if (request.bodyText) {
        headers['X-Amz-Content-Sha256'] = createHash('sha256').update(request.bodyText, 'utf8').digest('hex');
      }
    }

    const sessionToken = text(params, 'sessionToken');
    const signed = aws4.sign(
      {
        host: request.url.host,
        path,
        method: request.method,
        service: text(params, 'service') || 'execute-api',
        region: text(params, 'region') || 'us-east-1',
        headers,
        signQuery,
      },
      sessionToken ? { accessKeyId, secretAccessKey, sessionToken } : { accessKeyId, secretAccessKey },
    );

    if (signQuery) {
      const present = new Set(request.url.searchParams.keys());
      const signedQuery = new URLSearchParams(signed.path.slice(signed.path.indexOf('?') + 1));
      const added = [...signedQuery].filter(([key]) => key.toLowerCase().startsWith(AMZ_PREFIX) && !present.has(key));
      appendQueryParams(request.url, added);
    }
    for (const [key, value] of Object.entries(signed.headers)) {
      if (getHeader(request, key) !== String(value)) setHeader(request, key, String(value));
    }
  },
};
