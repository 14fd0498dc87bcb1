import { describe, expect, it } from 'vitest';
import { safeNext } from './safe-next.ts';
import { slugOf } from './slug.ts';

describe('safeNext', () => {
  it('returns to a page of this site', () => {
    expect(safeNext('/w/123?tab=env')).toBe('/w/123?tab=env');
  });

  it('never sends the person to another site (open redirect)', () => {
    for (const next of ['https://evil.example', '//evil.example', '/\\evil.example', 'javascript:alert(1)', '', null]) {
      expect(safeNext(next)).toBe('/');
    }
  });
});

describe('slugOf', () => {
  it('suggests a team handle from its name', () => {
    expect(slugOf('Acme QA')).toBe('acme-qa');
    expect(slugOf('  Équipe Données!  ')).toBe('equipe-donnees');
    expect(slugOf(`${'a'.repeat(38)} b`)).toBe('a'.repeat(38));
    expect(slugOf('!!!')).toBe('');
  });
});
