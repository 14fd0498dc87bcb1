import { describe, expect, it } from 'vitest';
import type { Cursor, ItemRef, RunEvents } from '../events.ts';
import { RunSummaryCollector } from './summary.ts';
import { fakeClock, START_TIME, syntheticRun } from './test-run.fixture.ts';

function doneSummary() {
  const done = syntheticRun().find(([name]) => name === 'done');
  return (done![1] as RunEvents['done']).summary;
}

describe('RunSummaryCollector', () => {
  it('counts stats like Newman', () => {
    const { stats } = doneSummary();
    expect(stats.iterations).toEqual({ total: 2, pending: 0, failed: 0 });
    expect(stats.items).toEqual({ total: 8, pending: 0, failed: 0 });
    expect(stats.requests).toEqual({ total: 8, pending: 0, failed: 2 });
    expect(stats.prerequestScripts).toEqual({ total: 2, pending: 0, failed: 0 });
    expect(stats.prerequests).toEqual({ total: 2, pending: 0, failed: 0 });
    expect(stats.testScripts).toEqual({ total: 6, pending: 0, failed: 2 });
    expect(stats.tests).toEqual({ total: 6, pending: 0, failed: 2 });
    expect(stats.scripts).toEqual({ total: 8, pending: 0, failed: 2 });
    // Skipped assertions count as executed, not failed.
    expect(stats.assertions).toEqual({ total: 8, pending: 0, failed: 2 });
  });

  it('computes response timings and transfers in one pass', () => {
    const summary = doneSummary();
    // Responses: 10, 20, 30 (iteration 1) and 40, 50, 60 (iteration 2); the failed requests have none.
    expect(summary.timings.responseAverage).toBeCloseTo(35, 10);
    expect(summary.timings.responseMin).toBe(10);
    expect(summary.timings.responseMax).toBe(60);
    expect(summary.timings.responseSd).toBeCloseTo(Math.sqrt(1750 / 6), 10);
    expect(summary.transfers.responseTotal).toBe(600);
    expect(summary.timings.started).toBe(START_TIME);
    expect(summary.timings.completed).toBeGreaterThan(summary.timings.started);
    expect(summary.collectionName).toBe('Demo API');
    expect(summary.aborted).toBe(false);
  });

  it('lists failures with Newman-style locations, without duplicates from exception events', () => {
    const { failures } = doneSummary();
    expect(failures.map((f) => f.at)).toEqual([
      'assertion:1 in test-script',
      'test-script',
      'request',
      'assertion:1 in test-script',
      'test-script',
      'request',
    ]);
    const [assertion, script, request] = failures;
    expect(assertion!.error).toEqual({ name: 'AssertionError', message: 'expected 0 to be above 0', test: 'has users' });
    expect(assertion!.source).toEqual({ id: 'users', name: 'List users', path: ['Users'] });
    expect(assertion!.cursor).toMatchObject({ iteration: 0, iterationCount: 2, position: 1 });
    expect(script!.error).toMatchObject({ name: 'TypeError', message: 'pm.foo is not a function' });
    expect(request!.error).toMatchObject({ name: 'RequestError', code: 'ECONNREFUSED' });
    expect(failures[3]!.cursor!.iteration).toBe(1);
  });

  it('keeps pending counts for a run that stopped mid-item', () => {
    const collector = new RunSummaryCollector({ now: fakeClock() });
    const item: ItemRef = { id: 'a', name: 'A', path: [] };
    const cursor: Cursor = { iteration: 0, iterationCount: 1, position: 0, length: 1, ref: '0:0' };
    collector.on('start', { collectionName: 'c', iterationCount: 1, itemCount: 1, startedAt: START_TIME });
    collector.on('beforeIteration', { iteration: 0, iterationCount: 1 });
    collector.on('beforeItem', { cursor, item });
    collector.on('beforeRequest', { cursor, item, request: { method: 'GET', url: 'http://127.0.0.1/', headers: [], bodySize: 0 } });
    collector.markAborted();
    const summary = collector.summary();
    expect(summary.stats.requests).toEqual({ total: 0, pending: 1, failed: 0 });
    expect(summary.stats.items).toEqual({ total: 0, pending: 1, failed: 0 });
    expect(summary.aborted).toBe(true);
    expect(summary.timings.responseAverage).toBe(0);
  });

  it('records runner exceptions outside an item as failures', () => {
    const collector = new RunSummaryCollector({ now: fakeClock() });
    const item: ItemRef = { id: 'a', name: 'A', path: ['F'] };
    const cursor: Cursor = { iteration: 0, iterationCount: 1, position: 0, length: 1, ref: '0:0' };
    collector.on('exception', { cursor, item, source: 'runner', error: { name: 'SetNextRequestError', message: 'no such request' } });
    expect(collector.failureCount).toBe(1);
    expect(collector.summary().failures[0]).toMatchObject({ at: 'runner', source: { name: 'A', path: ['F'] } });
  });
});

/** Total number of entries held in arrays, maps and sets reachable from a value. */
function retainedEntries(value: unknown, seen = new Set<unknown>()): number {
  if (value === null || typeof value !== 'object' || seen.has(value)) return 0;
  seen.add(value);
  let count = 0;
  if (Array.isArray(value)) count += value.length;
  if (value instanceof Map || value instanceof Set) {
    count += value.size;
    for (const entry of value.values()) count += retainedEntries(entry, seen);
    if (value instanceof Map) for (const key of value.keys()) count += retainedEntries(key, seen);
  }
  for (const child of Object.values(value)) count += retainedEntries(child, seen);
  return count;
}

describe('RunSummaryCollector memory', () => {
  it('does not grow with the number of passing requests', () => {
    const collector = new RunSummaryCollector({ now: fakeClock() });
    const item: ItemRef = { id: 'ping', name: 'Ping', path: ['Load'] };
    const request = { method: 'GET', url: 'http://127.0.0.1:8080/ping', headers: [], bodySize: 0 };
    const total = 100_000;
    collector.on('start', { collectionName: 'load', iterationCount: total, itemCount: 1, startedAt: START_TIME });
    let afterWarmup = -1;
    for (let i = 0; i < total; i++) {
      const cursor: Cursor = { iteration: i, iterationCount: total, position: 0, length: 1, ref: `${i}:0` };
      const base = { cursor, item };
      collector.on('beforeIteration', { iteration: i, iterationCount: total });
      collector.on('beforeItem', base);
      collector.on('beforeRequest', { ...base, request });
      collector.on('request', {
        ...base,
        request,
        response: {
          code: 200,
          status: 'OK',
          headers: [],
          body: Buffer.alloc(0),
          size: { body: 10, header: 5, total: 15 },
          responseTime: 1 + (i % 7),
          timings: { firstByte: 1, download: 0, total: 1 + (i % 7) },
        },
      });
      collector.on('assertion', { ...base, event: 'test', assertion: 'ok', skipped: false });
      collector.on('test', { ...base, event: 'test' });
      collector.on('item', base);
      collector.on('iteration', { iteration: i, iterationCount: total });
      if (i === 999) afterWarmup = retainedEntries(collector);
    }
    expect(afterWarmup).toBeGreaterThanOrEqual(0);
    expect(retainedEntries(collector)).toBe(afterWarmup);
    const summary = collector.summary();
    expect(summary.stats.requests.total).toBe(total);
    expect(summary.stats.assertions.total).toBe(total);
    expect(summary.failures).toEqual([]);
    expect(summary.timings.responseMin).toBe(1);
    expect(summary.timings.responseMax).toBe(7);
    expect(summary.transfers.responseTotal).toBe(total * 10);

    // The measure sees the collector's private state: a failure is retained.
    const cursor: Cursor = { iteration: total, iterationCount: total, position: 0, length: 1, ref: 'last' };
    collector.on('assertion', { cursor, item, event: 'test', assertion: 'no', skipped: false, error: { name: 'AssertionError', message: 'x' } });
    expect(retainedEntries(collector)).toBeGreaterThan(afterWarmup);
  });
});
