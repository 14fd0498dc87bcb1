import { Resolver } from 'node:dns/promises';

/** What a TXT lookup found: the records, or why there are none. */
export type TxtAnswer = { kind: 'records'; records: string[] } | { kind: 'nxdomain' } | { kind: 'no-records' } | { kind: 'failed'; code: string };

export type TxtLookup = (name: string) => Promise<TxtAnswer>;

/**
 * TXT lookups through the system resolver, or through `server` (`host:port`, POSTERN_DNS_RESOLVER)
 * when set, so an instance can use its own resolver and tests a local DNS server.
 */
export function createTxtLookup(server?: string, timeoutMs = 5000): TxtLookup {
  const resolver = new Resolver({ timeout: timeoutMs, tries: 2 });
  if (server) resolver.setServers([server]);
  return async (name) => {
    try {
      // A TXT record may be split into several strings; they form one value.
      const records = (await resolver.resolveTxt(name)).map((chunks) => chunks.join(''));
      return { kind: 'records', records };
    } catch (error) {
      const code = (error as { code?: string }).code ?? 'UNKNOWN';
      if (code === 'ENOTFOUND') return { kind: 'nxdomain' };
      if (code === 'ENODATA') return { kind: 'no-records' };
      return { kind: 'failed', code };
    }
  };
}
