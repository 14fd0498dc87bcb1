/**
 * Which addresses server-side sending may connect to (SSRF guard). `open` allows everything (the
 * local single-user default); `public-only` allows only public unicast addresses, plus what the
 * operator lists in POSTERN_EGRESS_ALLOW.
 */
import ipaddr from 'ipaddr.js';

export type EgressMode = 'open' | 'public-only';

export interface EgressSettings {
  mode: EgressMode;
  /** CIDRs, single addresses or host names allowed even when private (POSTERN_EGRESS_ALLOW). */
  allow: string[];
}

export type EgressVerdict = { allowed: true } | { allowed: false; address: string; range: string };

export interface EgressGuard {
  readonly mode: EgressMode;
  /** Whether a connection to `address` (an IP literal) may be opened; `hostname` is the name it came from. */
  check(address: string, hostname?: string): EgressVerdict;
}

export const OPEN_EGRESS: EgressSettings = { mode: 'open', allow: [] };

/** Plain names of ipaddr.js ranges, for the refusal message. */
const RANGE_NAMES: Record<string, string> = {
  loopback: 'loopback',
  private: 'private network (RFC 1918)',
  linkLocal: 'link-local (includes the cloud metadata address 169.254.169.254)',
  carrierGradeNat: 'carrier-grade NAT (100.64.0.0/10)',
  uniqueLocal: 'unique-local (fc00::/7)',
  unspecified: 'unspecified (0.0.0.0 or ::)',
  multicast: 'multicast',
  broadcast: 'broadcast',
  reserved: 'reserved',
  deprecatedSiteLocal: 'site-local (fec0::/10)',
  rfc6052: 'NAT64 (64:ff9b::/96)',
  rfc6145: 'IPv4-translated',
  '6to4': '6to4 (2002::/16)',
  teredo: 'Teredo (2001::/32)',
};

type Parsed = ReturnType<typeof ipaddr.parse>;

/** Parses one POSTERN_EGRESS_ALLOW entry; undefined when it is neither a CIDR, an address nor a host name. */
export function parseAllowEntry(entry: string): { cidr: [Parsed, number] } | { host: string } | undefined {
  const value = entry.trim();
  if (value.includes('/')) {
    try {
      const [addr, bits] = ipaddr.parseCIDR(value);
      const mapped = addr.kind() === 'ipv6' && (addr as ipaddr.IPv6).isIPv4MappedAddress() && bits >= 96;
      return { cidr: mapped ? [normalize(addr), bits - 96] : [addr, bits] };
    } catch {
      return undefined;
    }
  }
  const literal = value.replace(/^\[(.*)\]$/, '$1');
  if (ipaddr.isValid(literal)) {
    const addr = normalize(ipaddr.parse(literal));
    return { cidr: [addr, addr.kind() === 'ipv4' ? 32 : 128] };
  }
  if (/^(?=.{1,253}$)([a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)(\.[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)*\.?$/i.test(value)) {
    return { host: value.toLowerCase().replace(/\.$/, '') };
  }
  return undefined;
}

export function createEgressGuard(settings: EgressSettings): EgressGuard {
  const cidrs: Array<[Parsed, number]> = [];
  const hosts = new Set<string>();
  for (const entry of settings.allow) {
    const parsed = parseAllowEntry(entry);
    if (!parsed) throw new Error(`invalid egress allow entry "${entry}"`);
    if ('cidr' in parsed) cidrs.push(parsed.cidr);
    else hosts.add(parsed.host);
  }
  return {
    mode: settings.mode,
    check(address, hostname) {
      if (settings.mode === 'open') return { allowed: true };
      if (hostname && hosts.has(hostname.toLowerCase().replace(/\.$/, ''))) return { allowed: true };
      let addr: Parsed;
      try {
        addr = normalize(ipaddr.parse(address));
      } catch {
        return { allowed: false, address, range: 'not an IP address' };
      }
      if (cidrs.some(([net, bits]) => net.kind() === addr.kind() && addr.match(net, bits))) return { allowed: true };
      const range = addr.range();
      // IPv6 must also be global unicast (2000::/3): anything else may reach an IPv4 or local host.
      const globalV6 = addr.kind() === 'ipv4' || addr.match(ipaddr.parse('2000::'), 3);
      if (range === 'unicast' && globalV6) return { allowed: true };
      return { allowed: false, address: addr.toString(), range: RANGE_NAMES[range] ?? (range === 'unicast' ? 'non-global IPv6' : range) };
    },
  };
}

/** IPv4-mapped IPv6 (::ffff:127.0.0.1) is checked as the IPv4 address it reaches. */
function normalize(addr: Parsed): Parsed {
  return addr.kind() === 'ipv6' && (addr as ipaddr.IPv6).isIPv4MappedAddress() ? (addr as ipaddr.IPv6).toIPv4Address() : addr;
}
