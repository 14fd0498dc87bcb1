/**
 * A DNS lookup for sockets that vets every address it returns against the egress guard. Because
 * the socket connects to exactly the address vetted here, a name that resolves to a public address
 * once and a private one later (DNS rebinding) is still checked where it matters: at connect time.
 */
import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import type { LookupFunction } from 'node:net';
import type { EgressGuard } from './policy.ts';
import { EgressRefusedError } from './refused.ts';

type Resolve = (hostname: string, options: LookupOptions & { all: true }, callback: (err: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void) => void;

export function guardedLookup(guard: EgressGuard, resolve: Resolve = dnsLookup): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, '', 0);
      // Refuse the name when any of its addresses is refused: connecting may pick any of them.
      for (const { address } of addresses) {
        const verdict = guard.check(address, hostname);
        if (!verdict.allowed) return callback(new EgressRefusedError(verdict.address, verdict.range, hostname), '', 0);
      }
      const first = addresses[0];
      if (options.all) return callback(null, addresses);
      if (!first) return callback(Object.assign(new Error(`no address for ${hostname}`), { code: 'ENOTFOUND' }), '', 0);
      callback(null, first.address, first.family);
    });
  };
}
