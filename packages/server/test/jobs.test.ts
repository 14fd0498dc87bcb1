import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { openDatabase } from '../src/db/database.ts';
import type { DatabaseHandle } from '../src/db/database.ts';
import { createPgBossQueue } from '../src/jobs/pg-boss-queue.ts';
import type { PgBossQueue, PgBossQueueOptions } from '../src/jobs/pg-boss-queue.ts';
import { forEachDatabase } from './for-each-database.ts';

/** Polls until `check` holds (or fails the test after `ms`). */
async function waitFor(check: () => boolean, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

forEachDatabase('pg-boss job queue', (target) => {
  let database: DatabaseHandle;
  const open: PgBossQueue[] = [];
  const errors: { context: string; error: unknown }[] = [];

  const queue = (options: Partial<PgBossQueueOptions> = {}, on: DatabaseHandle = database) => {
    const q = createPgBossQueue(on, {
      pollingIntervalSeconds: 0.5,
      retryDelaySeconds: 1,
      reportError: (error, context) => errors.push({ context, error }),
      ...options,
    });
    open.push(q);
    return q;
  };

  // A fresh PGlite runs initdb first, which is slow on a busy machine.
  beforeAll(async () => {
    database = await openDatabase(target.config());
  }, 120_000);
  afterEach(async () => {
    for (const q of open.splice(0)) await q.stop();
    errors.splice(0);
  });
  afterAll(async () => {
    await database?.close();
  });

  if (target.kind === 'postgres') {
    it('shares the work between two processes: each job runs exactly once', async () => {
      // Two database handles (two pools) and two pg-boss instances: two processes' worth. First in
      // the file, so both also install pg-boss's schema at once on the fresh database.
      const other = await openDatabase(target.config());
      try {
        const counts = new Map<number, number>();
        const by = { one: 0, two: 0 };
        const handler = (who: 'one' | 'two') => async ({ i }: { i: number }) => {
          counts.set(i, (counts.get(i) ?? 0) + 1);
          by[who]++;
          await pause(100); // long enough that one process cannot drain the queue alone
        };
        const one = queue();
        one.work('test.shared', handler('one'));
        const two = queue({}, other);
        two.work('test.shared', handler('two'));
        await Promise.all([one.start(), two.start()]);
        for (let i = 0; i < 20; i++) await (i % 2 ? one : two).send('test.shared', { i });
        await waitFor(() => counts.size === 20, 15_000);
        await pause(1_200);
        expect([...counts.keys()].sort((a, b) => a - b)).toEqual([...Array(20).keys()]);
        expect([...counts.values()].every((n) => n === 1)).toBe(true);
        expect(by.one + by.two).toBe(20);
        expect(by.one).toBeGreaterThan(0);
        expect(by.two).toBeGreaterThan(0);
        expect(errors).toEqual([]);
        await one.stop();
        await two.stop();
      } finally {
        await other.close();
      }
    });
  }

  it('runs a sent job once, with its data', async () => {
    const runs: object[] = [];
    const q = queue();
    q.work<{ n: number }>('test.once', async (data) => {
      runs.push(data);
    });
    await q.start();
    expect(await q.send('test.once', { n: 7 })).toEqual(expect.any(String));
    await waitFor(() => runs.length === 1);
    await pause(1_200); // more than two polling rounds: nothing runs it again
    expect(runs).toEqual([{ n: 7 }]);
    expect(errors).toEqual([]);
  });

  it('keeps at most one queued or active job per singleton key', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const runs: string[] = [];
    const q = queue();
    q.work<{ who: string }>('test.single', async ({ who }) => {
      runs.push(who);
      await gate;
    });
    await q.start();
    const first = await q.send('test.single', { who: 'a1' }, { singletonKey: 'a' });
    expect(first).toEqual(expect.any(String));
    expect(await q.send('test.single', { who: 'a2' }, { singletonKey: 'a' })).toBeNull();
    expect(await q.send('test.single', { who: 'b1' }, { singletonKey: 'b' })).toEqual(expect.any(String));
    await waitFor(() => runs.includes('a1'));
    // Still running: still one.
    expect(await q.send('test.single', { who: 'a3' }, { singletonKey: 'a' })).toBeNull();
    release();
    await waitFor(() => runs.length === 2);
    // Done (pg-boss marks it completed just after the handler returns): the key is free again.
    let again: string | null = null;
    for (let i = 0; i < 40 && again === null; i++) {
      again = await q.send('test.single', { who: 'a4' }, { singletonKey: 'a' });
      if (again === null) await pause(50);
    }
    expect(again).toEqual(expect.any(String));
    await waitFor(() => runs.includes('a4'));
    expect(runs.sort()).toEqual(['a1', 'a4', 'b1']);
  });

  it('retries a failing job, reports each failure and gives up after the retry limit', async () => {
    const attempts = { flaky: 0, broken: 0 };
    const q = queue();
    q.work('test.flaky', async () => {
      attempts.flaky++;
      if (attempts.flaky < 2) throw new Error('not yet');
    });
    q.work('test.broken', async () => {
      attempts.broken++;
      throw new Error('never');
    });
    await q.start();
    await q.send('test.broken', {}, { retryLimit: 0 });
    await q.send('test.flaky', {}, { retryLimit: 2 });
    await waitFor(() => attempts.flaky === 2);
    // The flaky job's retry came 1-2 s after its failure; a retry of the broken one would have too.
    await pause(1_200);
    expect(attempts).toEqual({ flaky: 2, broken: 1 });
    expect(errors.map((e) => [e.context, (e.error as Error).message]).sort()).toEqual([
      ['job:test.broken', 'never'],
      ['job:test.flaky', 'not yet'],
    ]);
  });

  it('honours startAfter', async () => {
    let ranAt = 0;
    const q = queue();
    q.work('test.later', async () => {
      ranAt = Date.now();
    });
    await q.start();
    const sentAt = Date.now();
    await q.send('test.later', {}, { startAfter: new Date(sentAt + 1_500) });
    await waitFor(() => ranAt > 0);
    // The database's clock decides; allow it a little skew from ours.
    expect(ranAt - sentAt).toBeGreaterThanOrEqual(1_400);
  });

  it('stores schedules, with their time zone, registered before start', async () => {
    const q = queue();
    q.work('test.nightly', async () => {});
    await q.schedule('test.nightly', '0 3 * * *', { kind: 'nightly' }, { tz: 'Europe/Berlin' });
    await q.start();
    await q.schedule('test.hourly', '5 * * * *');
    const schedules = await q.schedules();
    expect(schedules).toEqual(
      expect.arrayContaining([
        { name: 'test.nightly', cron: '0 3 * * *', tz: 'Europe/Berlin' },
        { name: 'test.hourly', cron: '5 * * * *', tz: 'UTC' },
      ]),
    );
    // Registering again (every process does at start) replaces rather than adds.
    await q.schedule('test.hourly', '10 * * * *');
    const again = await q.schedules();
    expect(again.filter((s) => s.name === 'test.hourly')).toEqual([{ name: 'test.hourly', cron: '10 * * * *', tz: 'UTC' }]);
  });

  it('runs no handlers in the web role; a worker runs what the web role sent', async () => {
    const runs: string[] = [];
    const web = queue({ role: 'web' });
    web.work('test.roles', async () => {
      runs.push('web');
    });
    await web.start();
    await web.send('test.roles', {});
    await pause(1_200); // two polling rounds of a worker
    expect(runs).toEqual([]);
    const worker = queue({ role: 'worker' });
    worker.work('test.roles', async () => {
      runs.push('worker');
    });
    await worker.start();
    await waitFor(() => runs.length === 1);
    expect(runs).toEqual(['worker']);
  });

  it('refuses to send before start', async () => {
    await expect(queue().send('test.early', {})).rejects.toThrow(/not started/);
  });

});
