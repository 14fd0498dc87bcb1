import { Reader } from 'maxmind';
import type { CityResponse } from 'maxmind';
import { describe, expect, it } from 'vitest';
import { writeMmdb } from './support/mmdb-writer.ts';
import type { MmdbValue } from './support/mmdb-writer.ts';

/** A GeoIP2 City shaped record, with the numbers and booleans the writer must also encode. */
function city(name: string, region: string, regionCode: string, countryCode: string, country: string): MmdbValue {
  return {
    city: { geoname_id: 2_267_057, names: { en: name, 'pt-BR': `${name} (pt)` } },
    subdivisions: [{ iso_code: regionCode, names: { en: region } }],
    country: { iso_code: countryCode, names: { en: country }, is_in_european_union: countryCode === 'PT' },
    location: { latitude: 38.7167, longitude: -9.1333, accuracy_radius: 100 },
  };
}

const lisbon = city('Lisbon', 'Lisbon', '11', 'PT', 'Portugal');
const porto = city('Porto', 'Porto', '13', 'PT', 'Portugal');
const berlin = city('Berlin', 'Land Berlin', 'BE', 'DE', 'Germany');
// Long enough to need the 2-byte size extension for strings (> 284 bytes).
const tokyo = city('T'.repeat(300), 'Tokyo', '13', 'JP', 'Japan');

describe('writeMmdb', () => {
  const buffer = writeMmdb(
    [
      { network: '203.0.113.0/24', data: lisbon },
      { network: '198.51.100.0/24', data: porto },
      { network: '192.0.2.0/25', data: tokyo },
      { network: '2001:db8:abcd::/48', data: berlin },
    ],
    { databaseType: 'GeoIP2-City', languages: ['en', 'pt-BR'] },
  );
  const reader = new Reader<CityResponse>(buffer);

  it('finds each IPv4 network and nothing outside them', () => {
    expect(reader.get('203.0.113.1')).toEqual(lisbon);
    expect(reader.get('203.0.113.254')).toEqual(lisbon);
    expect(reader.get('198.51.100.77')).toEqual(porto);
    expect(reader.get('192.0.2.5')).toEqual(tokyo);
    expect(reader.get('192.0.2.200')).toBeNull(); // the upper half of a /25
    expect(reader.get('203.0.114.1')).toBeNull();
    expect(reader.get('8.8.8.8')).toBeNull();
    expect(reader.getWithPrefixLength('203.0.113.9')[1]).toBe(24);
  });

  it('finds the IPv6 network and nothing outside it', () => {
    expect(reader.get('2001:db8:abcd:12::1')).toEqual(berlin);
    expect(reader.get('2001:db8:abcd:ffff:ffff:ffff:ffff:ffff')).toEqual(berlin);
    expect(reader.get('2001:db8:abce::1')).toBeNull();
    expect(reader.get('::1')).toBeNull();
    expect(reader.getWithPrefixLength('2001:db8:abcd::7')[1]).toBe(48);
  });

  it('keeps IPv4 under ::/96 and aliases IPv4-mapped addresses to it, as real databases do', () => {
    // The reader walks ::ffff:a.b.c.d as a plain IPv6 address; only the tree alias finds it.
    expect(reader.get('::203.0.113.1')).toEqual(lisbon);
    expect(reader.get('::ffff:203.0.113.1')).toEqual(lisbon);
    expect(reader.get('::ffff:198.51.100.1')).toEqual(porto);
    expect(reader.get('::ffff:8.8.8.8')).toBeNull();
  });

  it('writes metadata the reader understands', () => {
    const { metadata } = reader;
    expect(metadata.databaseType).toBe('GeoIP2-City');
    expect(metadata.ipVersion).toBe(6);
    expect(metadata.recordSize).toBe(24);
    expect(metadata.binaryFormatMajorVersion).toBe(2);
    expect(metadata.binaryFormatMinorVersion).toBe(0);
    expect(metadata.languages).toEqual(['en', 'pt-BR']);
    expect(metadata.description).toEqual({ en: expect.any(String) });
    expect(Math.abs(metadata.buildEpoch.getTime() - Date.now())).toBeLessThan(60_000);
    // The tree, the separator and the data sit before the metadata, so node_count must match.
    expect(metadata.nodeCount).toBeGreaterThan(96);
    expect(metadata.searchTreeSize).toBe(metadata.nodeCount * 6);
    expect(buffer.subarray(metadata.searchTreeSize, metadata.searchTreeSize + 16)).toEqual(Buffer.alloc(16));
  });

  it('defaults to a GeoLite2-City database in English', () => {
    const { metadata } = new Reader(writeMmdb([{ network: '10.0.0.0/8', data: { ok: true } }]));
    expect(metadata.databaseType).toBe('GeoLite2-City');
    expect(metadata.languages).toEqual(['en']);
  });

  it('lets a narrower network carve a hole out of a broader one, in any order', () => {
    const db = new Reader(
      writeMmdb([
        { network: '10.1.0.0/16', data: { n: 'narrow' } },
        { network: '10.0.0.0/8', data: { n: 'broad', big: 2 ** 40, negative: -3, zero: 0 } },
      ]),
    );
    expect(db.get('10.1.2.3')).toEqual({ n: 'narrow' });
    expect(db.get('10.2.0.1')).toEqual({ n: 'broad', big: 2 ** 40, negative: -3, zero: 0 });
    expect(db.get('11.0.0.1')).toBeNull();
  });

  it('refuses invalid CIDRs with a clear error', () => {
    const write = (network: string) => () => writeMmdb([{ network, data: 'x' }]);
    expect(write('203.0.113.0')).toThrow("invalid CIDR '203.0.113.0': expected address/prefix");
    expect(write('203.0.113.0/33')).toThrow('IPv4 prefix must be at most 32');
    expect(write('2001:db8::/129')).toThrow('IPv6 prefix must be at most 128');
    expect(write('203.0.113.300/24')).toThrow('not an IPv4 or IPv6 address');
    expect(write('example.com/24')).toThrow('not an IPv4 or IPv6 address');
    expect(write('203.0.113.5/24')).toThrow('host bits are set');
    expect(write('::/0')).toThrow('a /0 network cannot be stored');
  });
});
