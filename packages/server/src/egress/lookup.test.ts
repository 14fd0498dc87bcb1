import type { LookupAddress } from 'node:dns';
import { describe, expect, it } from 'vitest';
import { guardedLookup } from './lookup.ts';
import { createEgressGuard } from './policy.ts';
import { EgressRefusedError } from './refused.ts';

const guard = createEgressGuard({ mode: 'public-only', allow: [] });

/** A resolver answering from a script, one answer per call (the last repeats). */
function scripted(...answers: LookupAddress[][]) {
  let call = 0;
  return (_host: string, _options: unknown, cb: (err: NodeJS.ErrnoException | null, a: LookupAddress[]) => void) => {
    const answer = answers[Math.min(call++, answers.length - 1)]!;
    queueMicrotask(() => cb(null, answer));
  };
}

function lookupOnce(lookup: ReturnType<typeof guardedLookup>, host: string, all: boolean) {
  return new Promise<{ err: Error | null; address: unknown; family?: number }>((resolve) => {
    lookup(host, { all }, (err, address, family) => resolve({ err, address, ...(family !== undefined && { family }) }));
  });
}

describe('guarded lookup', () => {
  it('passes public addresses through, in both callback shapes', async () => {
    const lookup = guardedLookup(guard, scripted([{ address: '93.184.216.34', family: 4 }]));
    expect(await lookupOnce(lookup, 'example.test', false)).toEqual({ err: null, address: '93.184.216.34', family: 4 });
    expect(await lookupOnce(lookup, 'example.test', true)).toEqual({ err: null, address: [{ address: '93.184.216.34', family: 4 }] });
  });

  it('refuses a name when any of its addresses is private', async () => {
    const lookup = guardedLookup(guard, scripted([{ address: '93.184.216.34', family: 4 }, { address: '10.0.0.5', family: 4 }]));
    const { err } = await lookupOnce(lookup, 'mixed.test', true);
    expect(err).toBeInstanceOf(EgressRefusedError);
    expect(err).toMatchObject({ code: 'EGRESS_REFUSED', address: '10.0.0.5', hostname: 'mixed.test' });
    expect(err!.message).toContain('private network');
  });

  it('checks every resolution, so a name rebound to a private address is refused (DNS rebinding)', async () => {
    const lookup = guardedLookup(guard, scripted([{ address: '93.184.216.34', family: 4 }], [{ address: '127.0.0.1', family: 4 }]));
    expect((await lookupOnce(lookup, 'rebind.test', false)).err).toBeNull();
    const second = await lookupOnce(lookup, 'rebind.test', false);
    expect(second.err).toMatchObject({ code: 'EGRESS_REFUSED', range: 'loopback' });
  });

  it('refuses localhost through the real resolver', async () => {
    const { err } = await lookupOnce(guardedLookup(guard), 'localhost', true);
    expect(err).toMatchObject({ code: 'EGRESS_REFUSED', range: 'loopback' });
    expect(err!.message).toContain('localhost resolves to it');
  });
});
