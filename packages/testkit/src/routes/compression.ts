import { brotliCompressSync, constants, deflateSync, gzipSync } from 'node:zlib';
import type { Route, RouteContext } from '../context.ts';

type Encoder = (input: Buffer) => Buffer;

/** Quality 4 keeps brotli fast enough for benchmark traffic; the answer is tiny anyway. */
const brotli: Encoder = (input) => brotliCompressSync(input, { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } });

/**
 * Always compressed, whatever Accept-Encoding says: these endpoints exist
 * to test a client's decoding. Body: `{ <flag>: true, headers, method }`.
 */
function compressed(encoding: string, flag: string, encode: Encoder) {
  return (ctx: RouteContext): void => {
    const json = JSON.stringify({ [flag]: true, headers: ctx.req.headers, method: ctx.method });
    const body = encode(Buffer.from(json));
    ctx.res.writeHead(200, {
      'content-type': 'application/json; charset=utf-8',
      'content-encoding': encoding,
      'content-length': body.length,
      vary: 'Accept-Encoding',
    });
    ctx.res.end(body);
  };
}

export const compressionRoutes: readonly Route[] = [
  { path: '/gzip', methods: ['GET'], handle: compressed('gzip', 'gzipped', gzipSync) },
  { path: '/deflate', methods: ['GET'], handle: compressed('deflate', 'deflated', deflateSync) },
  { path: '/brotli', methods: ['GET'], handle: compressed('br', 'brotli', brotli) },
];
