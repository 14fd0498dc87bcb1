import { isIPv4, isIPv6 } from 'node:net';

/**
 * All that is kept of a session's address (P5, P7): its network, cut to /24 for IPv4 and /48 for
 * IPv6 (typically one provider's site, shared by many people), written as CIDR. The place shown as
 * "approximate location" is derived from this network when a location database is configured
 * (geoip/network-locator.ts). Unparseable input gives null.
 */
export function approximateNetwork(address: string | undefined): string | null {
  if (!address) return null;
  const plain = address.replace(/%.*$/, '');
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(plain)?.[1];
  if (mapped && isIPv4(mapped)) return ipv4Network(mapped);
  if (isIPv4(plain)) return ipv4Network(plain);
  if (isIPv6(plain)) return ipv6Network(plain);
  return null;
}

function ipv4Network(address: string): string {
  const [a, b, c] = address.split('.');
  return `${a}.${b}.${c}.0/24`;
}

function ipv6Network(address: string): string {
  const groups = expandIPv6(address).slice(0, 3).map((g) => g.replace(/^0+(?=.)/, ''));
  // Trailing zero groups fold into the "::" (canonical form, RFC 5952).
  while (groups.at(-1) === '0') groups.pop();
  return `${groups.join(':')}::/48`;
}

/** The eight 16-bit groups of an IPv6 address, an embedded IPv4 tail included. */
function expandIPv6(address: string): string[] {
  let text = address.toLowerCase();
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text)?.[1];
  if (v4) {
    const [a, b, c, d] = v4.split('.').map(Number) as [number, number, number, number];
    text = text.slice(0, -v4.length) + `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const missing = tail === undefined ? 0 : 8 - left.length - right.length;
  return [...left, ...Array<string>(missing).fill('0'), ...right];
}
