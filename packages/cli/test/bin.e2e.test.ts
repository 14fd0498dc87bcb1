import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
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

describe('postern serve', () => {
  it('starts on a fresh embedded database, prints its URL and answers', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'postern-serve-'));
    const child = spawn(process.execPath, [bin, 'serve', '--port', '0'], {
      env: { ...process.env, POSTERN_DATA_DIR: dataDir, DATABASE_URL: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          const m = /Postern is running at (http:\/\/\S+)/.exec(out);
          if (m) resolve(m[1]!);
        });
        child.once('exit', (code) => reject(new Error(`serve exited with ${code}`)));
      });
      const health = await (await fetch(`${url}/api/health`)).json();
      expect(health).toMatchObject({ status: 'ok', database: { kind: 'pglite' } });
      expect((await fetch(`${url}/`)).status).toBe(200);
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('close', r));
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('lists every bad setting and exits 1', () => {
    const r = spawnSync(process.execPath, [bin, 'serve'], {
      encoding: 'utf8',
      env: { ...process.env, PORT: 'abc', POSTERN_SECRET_KEY: 'short' },
      timeout: 20_000,
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/PORT/);
    expect(r.stderr).toMatch(/POSTERN_SECRET_KEY/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
