import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';
import { MIGRATIONS_FOLDER } from '../src/db/migrate.ts';

const schemaFile = fileURLToPath(new URL('../src/db/schema.ts', import.meta.url));
const drizzleKit = fileURLToPath(new URL('../../../node_modules/drizzle-kit/bin.cjs', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'postern-migrations-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

// Generating into a copy of the committed migrations must find nothing to add; otherwise someone
// changed src/db/schema.ts without running `npm run db:generate`.
it('has committed a migration for every schema change', () => {
  cpSync(MIGRATIONS_FOLDER, join(work, 'drizzle'), { recursive: true });
  const before = readdirSync(join(work, 'drizzle')).sort();
  const output = execFileSync(
    process.execPath,
    [drizzleKit, 'generate', '--dialect', 'postgresql', '--schema', relative(work, schemaFile), '--out', './drizzle'],
    { cwd: work, encoding: 'utf8' },
  );
  expect(readdirSync(join(work, 'drizzle')).sort()).toEqual(before);
  expect(output).toMatch(/No schema changes/);
});
