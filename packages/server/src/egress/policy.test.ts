import { describe, expect, it } from 'vitest';
import { createEgressGuard, parseAllowEntry } from './policy.ts';

const publicOnly = createEgressGuard({ mode: 'public-only', allow: [] });

describe('egress guard', () => {
  it('allows everything when open (the local single-user default)', () => {
    const open = createEgressGuard({ mode: 'open', allow: [] });
    for (const address of ['127.0.0.1', '10.1.2.3', '169.254.169.254', '::1']) {
      expect(open.check(address)).toEqual({ allowed: true });
    }
  });

  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['10.0.0.1', 'private network'],
    ['172.16.5.4', 'private network'],
    ['192.168.1.1', 'private network'],
    ['100.64.0.1', 'carrier-grade NAT'],
    ['169.254.169.254', 'link-local (includes the cloud metadata address'],
    ['0.0.0.0', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['255.255.255.255', 'broadcast'],
    ['192.0.2.10', 'reserved'],
    ['::1', 'loopback'],
    ['::', 'unspecified'],
    ['fe80::1', 'link-local'],
    ['fd00::1', 'unique-local'],
    ['ff02::1', 'multicast'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:10.0.0.1', 'private network'],
    ['64:ff9b::a00:1', 'NAT64'],
    ['2002:a00:1::1', '6to4'],
    ['::7f00:1', 'non-global IPv6'],
  ])('refuses %s as %s when public-only', (address, range) => {
    const verdict = publicOnly.check(address);
    expect(verdict.allowed).toBe(false);
    expect(verdict.allowed === false && verdict.range).toContain(range);
  });

  it('reports an IPv4-mapped address as the IPv4 address it reaches', () => {
    expect(publicOnly.check('::ffff:169.254.169.254')).toMatchObject({ allowed: false, address: '169.254.169.254' });
  });

  it.each(['93.184.216.34', '8.8.8.8', '2606:4700:4700::1111', '::ffff:8.8.8.8'])('allows the public address %s', (address) => {
    expect(publicOnly.check(address)).toEqual({ allowed: true });
  });

  it('allows what the operator lists: CIDRs, single addresses and host names', () => {
    const guard = createEgressGuard({ mode: 'public-only', allow: ['10.20.0.0/16', '127.0.0.1', 'fd00::/8', 'Intranet.Example.'] });
    expect(guard.check('10.20.3.4').allowed).toBe(true);
    expect(guard.check('::ffff:10.20.3.4').allowed).toBe(true);
    expect(guard.check('10.21.0.1').allowed).toBe(false);
    expect(guard.check('127.0.0.1').allowed).toBe(true);
    expect(guard.check('127.0.0.2').allowed).toBe(false);
    expect(guard.check('fd12::1').allowed).toBe(true);
    expect(guard.check('192.168.0.7', 'intranet.example').allowed).toBe(true);
    expect(guard.check('192.168.0.7', 'other.example').allowed).toBe(false);
  });

  it('parses allow entries and rejects garbage', () => {
    expect(parseAllowEntry('10.0.0.0/8')).toMatchObject({ cidr: [expect.anything(), 8] });
    expect(parseAllowEntry('::ffff:10.0.0.0/104')).toMatchObject({ cidr: [expect.anything(), 8] });
    expect(parseAllowEntry('[::1]')).toMatchObject({ cidr: [expect.anything(), 128] });
    expect(parseAllowEntry('db.internal')).toEqual({ host: 'db.internal' });
    for (const bad of ['10.0.0.0/33', 'http://x', 'a b', '']) expect(parseAllowEntry(bad)).toBeUndefined();
    expect(() => createEgressGuard({ mode: 'public-only', allow: ['nope nope'] })).toThrow(/invalid egress allow entry/);
  });
});
