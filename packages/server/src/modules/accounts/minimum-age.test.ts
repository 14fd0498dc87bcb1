import { describe, expect, it } from 'vitest';
import { ageOn, minimumAgeFor } from './minimum-age.ts';

describe('minimum age', () => {
  it('is 13 by default and the national choice where higher', () => {
    expect(minimumAgeFor('US')).toBe(13);
    expect(minimumAgeFor('SE')).toBe(13);
    expect(minimumAgeFor('es')).toBe(14);
    expect(minimumAgeFor('FR')).toBe(15);
    expect(minimumAgeFor('DE')).toBe(16);
  });

  it('counts whole years, the birthday itself included', () => {
    const today = new Date('2026-06-15T12:00:00Z');
    expect(ageOn('2013-06-15', today)).toBe(13);
    expect(ageOn('2013-06-16', today)).toBe(12);
    expect(ageOn('2013-05-31', today)).toBe(13);
    expect(ageOn('2012-12-31', today)).toBe(13);
  });
});
