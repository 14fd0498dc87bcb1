import { describe, expect, it } from 'vitest';
import { approximateNetwork } from './approximate-network.ts';

describe('approximateNetwork (P5: coarse, non-identifying location)', () => {
  it('keeps the /24 of an IPv4 address, mapped or not', () => {
    expect(approximateNetwork('203.0.113.77')).toBe('203.0.113.0/24');
    expect(approximateNetwork('::ffff:198.51.100.9')).toBe('198.51.100.0/24');
  });

  it('keeps the /48 of an IPv6 address', () => {
    expect(approximateNetwork('2001:db8:abcd:12:34::1')).toBe('2001:db8:abcd::/48');
    expect(approximateNetwork('2001:0db8:0000:0012::1')).toBe('2001:db8::/48');
    expect(approximateNetwork('2001:db8::1')).toBe('2001:db8::/48');
    expect(approximateNetwork('::1')).toBe('::/48');
    expect(approximateNetwork('fe80::1%eth0')).toBe('fe80::/48');
  });

  it('gives null for nothing or garbage', () => {
    expect(approximateNetwork(undefined)).toBeNull();
    expect(approximateNetwork('not an ip')).toBeNull();
  });
});
