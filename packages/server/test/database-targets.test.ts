import { describe, expect, it } from 'vitest';
import { databaseTargets } from './database-targets.ts';

describe('databaseTargets', () => {
  it('runs both databases when TEST_DATABASE_URL is set', () => {
    expect(databaseTargets({ TEST_DATABASE_URL: 'postgres://x/y', CI: 'true' })).toEqual({ kinds: ['pglite', 'postgres'] });
  });

  it('warns and runs PGlite only outside CI', () => {
    const targets = databaseTargets({});
    expect(targets.kinds).toEqual(['pglite']);
    expect(targets.warning).toMatch(/TEST_DATABASE_URL/);
    expect(targets.failure).toBeUndefined();
  });

  it('fails under CI=true without TEST_DATABASE_URL', () => {
    const targets = databaseTargets({ CI: 'true' });
    expect(targets.failure).toMatch(/TEST_DATABASE_URL/);
  });
});
