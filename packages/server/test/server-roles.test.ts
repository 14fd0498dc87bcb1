import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.ts';
import { startServer } from '../src/server.ts';
import { forEachDatabase } from './for-each-database.ts';
import { FAST_HASHING } from './support/app.ts';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

forEachDatabase('server roles', (target) => {
  // Two starts, the first on fresh data: allow for a slow machine.
  it('runs no jobs in the web role and serves no HTTP in the worker role', async () => {
    const runs: string[] = [];
    const web = await startServer(target.config({ role: 'web' }), { passwordHashing: FAST_HASHING });
    try {
      expect(web.role).toBe('web');
      expect((await fetch(`${web.url}/api/health/live`)).status).toBe(200);
      web.jobs.work('test.role', async () => {
        runs.push('web');
      });
      expect(await web.jobs.send('test.role', {})).toEqual(expect.any(String));
      await pause(2_500); // longer than a worker's polling interval (2 s)
      expect(runs).toEqual([]);
    } finally {
      await web.close();
    }

    // PGlite belongs to one process at a time: the worker starts once the web process is gone.
    const worker = await startServer(target.config({ role: 'worker' }), { passwordHashing: FAST_HASHING });
    try {
      expect(worker.role).toBe('worker');
      expect(worker.url).toBe('');
      expect(worker.port).toBe(0);
      if (target.kind === 'pglite') expect(worker.warnings).toEqual([expect.stringMatching(/POSTERN_ROLE is worker on the embedded database/)]);
      worker.jobs.work('test.role', async () => {
        runs.push('worker');
      });
      const deadline = Date.now() + 10_000;
      while (runs.length === 0 && Date.now() < deadline) await pause(50);
      expect(runs).toEqual(['worker']);
    } finally {
      await worker.close();
    }
  }, 90_000);
});

describe('POSTERN_ROLE', () => {
  it('is read from the environment, absent by default (all), and checked', () => {
    expect(loadConfig({}, '/tmp').role).toBeUndefined();
    expect(loadConfig({ POSTERN_ROLE: 'Worker' }, '/tmp').role).toBe('worker');
    expect(loadConfig({ POSTERN_ROLE: 'web' }, '/tmp').role).toBe('web');
    expect(() => loadConfig({ POSTERN_ROLE: 'cron' }, '/tmp')).toThrow(ConfigError);
    expect(() => loadConfig({ POSTERN_ROLE: 'cron' }, '/tmp')).toThrow(/POSTERN_ROLE: must be web, worker or all/);
  });
});
