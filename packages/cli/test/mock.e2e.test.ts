/** `postern mock`: the real binary serving a collection fixture, and its errors. */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { looksLikeOpenApi } from '../src/commands/mock.ts';
import { postern, tempDir } from './helpers.ts';

const bin = join(import.meta.dirname, '../bin/postern.js');
const fixture = join(import.meta.dirname, '../../mock/test/fixtures/shop.postman_collection.json');

describe('postern mock', () => {
  it('serves a collection, logs each request and stops on SIGTERM', async () => {
    // From source: the bundle in dist/ may predate this command until the next build.
    const child = spawn(process.execPath, [bin, 'mock', fixture, '--port', '0', '--no-delay'], {
      env: { ...process.env, POSTERN_FROM_SOURCE: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no URL printed; stdout: ${out} stderr: ${err}`)), 20_000);
        child.stdout.on('data', () => {
          const m = /running at (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
          if (m) {
            clearTimeout(timer);
            resolve(m[1]!);
          }
        });
        child.on('exit', () => reject(new Error(`exited early: ${err}`)));
      });
      expect(out).toContain('(20 examples, 13 routes)');

      const ok = await fetch(`${url}/users/42`);
      expect(ok.status).toBe(200);
      expect(await ok.json()).toEqual({ id: 42, name: 'Ada' });

      const slowStarted = performance.now();
      expect((await fetch(`${url}/slow`)).status).toBe(200);
      // --no-delay: the example's 150 ms response time is not waited.
      expect(performance.now() - slowStarted).toBeLessThan(140);

      const miss = await fetch(`${url}/nope`, { method: 'POST' });
      expect(miss.status).toBe(404);
      expect(((await miss.json()) as any).error.name).toBe('mockRequestNotFoundError');

      await new Promise((r) => setTimeout(r, 50));
      expect(out).toMatch(/GET \/users\/42 → 200 User 42, \d+ ms/);
      expect(out).toMatch(/POST \/nope → 404 no match, \d+ ms/);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  });

  it('names the file and the JSON path of a broken collection', async () => {
    const dir = tempDir();
    try {
      writeFileSync(join(dir.path, 'broken.json'), JSON.stringify({ info: { name: 'x' }, item: 'nope' }));
      const r = await postern(['mock', 'broken.json', '--port', '0'], dir.path);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('broken.json');
      expect(r.stderr).toMatch(/\bitem\b/);
      expect(r.stderr).not.toMatch(/\n\s+at /);

      writeFileSync(join(dir.path, 'syntax.json'), '{ "info": { "name": "x" },\n  "item": [ }');
      const s = await postern(['mock', 'syntax.json'], dir.path);
      expect(s.code).toBe(1);
      expect(s.stderr).toContain('syntax.json');
      expect(s.stderr).toMatch(/line 2/);
    } finally {
      dir.cleanup();
    }
  });

  it('rejects a missing file and a bad port', async () => {
    const missing = await postern(['mock', 'no-such-file.json']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('not found: no-such-file.json');
    const port = await postern(['mock', fixture, '--port', 'eighty']);
    expect(port.code).toBe(1);
    expect(port.stderr).toContain('--port must be a number');
  });

  it('tells collections from OpenAPI documents by content', () => {
    expect(looksLikeOpenApi('{"openapi":"3.1.0","info":{},"paths":{}}')).toBe(true);
    expect(looksLikeOpenApi('swagger: "2.0"\ninfo:\n  title: x\n')).toBe(true);
    expect(looksLikeOpenApi('# spec\nopenapi: 3.0.3\n')).toBe(true);
    expect(looksLikeOpenApi('{"info":{"name":"openapi"},"item":[]}')).toBe(false);
    expect(looksLikeOpenApi('{ broken')).toBe(false);
  });
});
