import { randomBytes } from 'node:crypto';
import type { Route, RouteContext } from '../context.ts';
import { sendError } from '../http/respond.ts';

export const MAX_BYTES = 10 * 1024 * 1024;

/** mulberry32: tiny, fast, and the same bytes for the same seed on every run. */
export function seededBytes(length: number, seed: number): Buffer {
  const out = Buffer.allocUnsafe(length);
  let state = seed >>> 0;
  for (let i = 0; i < length; i++) {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    out[i] = ((t ^ (t >>> 14)) >>> 0) & 0xff;
  }
  return out;
}

/** /bytes/:n[?seed=k]: n bytes, random unless a seed makes them repeatable. */
function bytes(ctx: RouteContext): void {
  const raw = ctx.params['n'] ?? '';
  const length = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!(length <= MAX_BYTES)) {
    sendError(ctx.res, 400, 'INVALID_LENGTH', `Length must be from 0 to ${MAX_BYTES}, got "${raw}".`);
    return;
  }
  const seedParam = ctx.query.get('seed');
  const seed = seedParam !== null && /^\d+$/.test(seedParam) ? Number(seedParam) : undefined;
  const body = seed === undefined ? randomBytes(length) : seededBytes(length, seed);
  ctx.res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': body.length });
  ctx.res.end(body);
}

export const bytesRoutes: readonly Route[] = [{ path: '/bytes/:n', methods: ['GET'], handle: bytes }];
