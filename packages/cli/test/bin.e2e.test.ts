import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixtures } from './helpers.ts';

const bin = join(import.meta.dirname, '../bin/postern.js');
const run = (args: string[]) => spawnSync(process.execPath, [bin, ...args], { cwd: fixtures, encoding: 'utf8', timeout: 20_000 });

// The installed command, as a pipeline calls it: real process, real exit codes.
describe('the postern binary', () => {
  it('prints its version', () => {
    const r = run(['--version']);
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('lists Newman’s flag names in run --help', () => {
    const r = run(['run', '--help']);
    expect(r.status).toBe(0);
    for (const flag of ['--environment', '--iteration-data', '--folder', '--env-var', '--bail', '--insecure', '--export-environment', '--suppress-exit-code', '--reporters']) {
      expect(r.stdout).toContain(flag);
    }
  });

  it('exits 1 with one line and no stack trace on bad input', () => {
    const r = run(['run', 'v1.json']);
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('exits 1 on an unknown flag', () => {
    const r = run(['run', 'basic.postman_collection.json', '--no-such-flag']);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/unknown option/);
  });
});
