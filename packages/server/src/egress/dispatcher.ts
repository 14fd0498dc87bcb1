/** The undici dispatcher every server-side send uses: the runtime's, with the egress guard's lookup. */
import { createDispatcher, type DispatcherHandle } from '@postern/runtime';
import { guardedLookup } from './lookup.ts';
import type { EgressGuard } from './policy.ts';

export function createGuardedDispatcher(
  guard: EgressGuard,
  tls: { insecure?: boolean } = {},
  /** The resolver under the guard; the system's by default (tests pass a scripted one). */
  resolve?: Parameters<typeof guardedLookup>[1],
): DispatcherHandle {
  // `open` sends like `postern run`, HTTP(S)_PROXY included. Otherwise no proxy: it would resolve
  // the target where the guard cannot see the address.
  if (guard.mode === 'open') return createDispatcher(tls);
  return createDispatcher(tls, {}, { lookup: guardedLookup(guard, resolve) });
}
