import { describe, expect, it } from 'vitest';
import { emailDomain, maskEmail } from './mask.ts';

describe('maskEmail (P12)', () => {
  it('masks addresses outside the verified domains as first letter, bullets, domain', () => {
    expect(maskEmail('ada@example.com', [])).toBe('a•••@example.com');
    expect(maskEmail('Bob.Smith@Other.org', ['example.com'])).toBe('B•••@Other.org');
    expect(maskEmail('ada@sub.example.com', ['example.com'])).toBe('a•••@sub.example.com');
    expect(maskEmail('éa@x.test')).toBe('é•••@x.test');
  });

  it('shows the full address within a verified domain, regardless of case', () => {
    expect(maskEmail('ada@Example.COM', ['example.com'])).toBe('ada@Example.COM');
  });

  it('reveals nothing of something that is not an address', () => {
    expect(maskEmail('no-at-sign', ['example.com'])).toBe('•••');
    expect(maskEmail('@example.com', ['example.com'])).toBe('•••');
  });

  it('finds the domain of an address', () => {
    expect(emailDomain('a@Example.com')).toBe('example.com');
    expect(emailDomain('nothing')).toBe('');
  });
});
