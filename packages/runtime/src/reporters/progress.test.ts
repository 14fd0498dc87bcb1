import { describe, expect, it } from 'vitest';
import pc from 'picocolors';
import type { Cursor, ItemRef } from '../events.ts';
import { createProgressReporter, estimateRemaining, progressText } from './progress.ts';
import { CaptureStream, fakeClock, replay, START_TIME, syntheticRun } from './test-run.fixture.ts';
import type { RecordedEvent } from './test-run.fixture.ts';

const plain = pc.createColors(false);

function passingRun(count: number): RecordedEvent[] {
  const item: ItemRef = { id: 'p', name: 'Ping', path: [] };
  const request = { method: 'GET', url: 'http://127.0.0.1/', headers: [], bodySize: 0 };
  const events: RecordedEvent[] = [['start', { collectionName: 'c', iterationCount: count, itemCount: 1, startedAt: START_TIME }]];
  for (let i = 0; i < count; i++) {
    const cursor: Cursor = { iteration: i, iterationCount: count, position: 0, length: 1, ref: `${i}` };
    events.push(['request', { cursor, item, request, error: undefined, response: undefined }]);
  }
  events.push(['done', { summary: { failures: [] } as never }]);
  return events;
}

describe('progress reporter', () => {
  it('prints a plain line per tenth of the run off a terminal, then a final line', async () => {
    const out = new CaptureStream(false);
    await replay(createProgressReporter({ out, color: 'off', now: fakeClock(START_TIME + 10, 10) }), passingRun(20));
    const lines = out.text.trimEnd().split('\n');
    expect(lines).toHaveLength(10);
    expect(lines[0]).toBe('progress: 2/20 requests · 10ms elapsed · ETA 90ms · 0 failed');
    expect(lines.at(-1)).toBe('progress: 20/20 requests · 100ms elapsed · ETA 0s · 0 failed');
    expect(out.text).not.toContain('\r');
  });

  it('redraws one bar on a terminal and counts failures', async () => {
    const out = new CaptureStream(true);
    await replay(createProgressReporter({ out, color: 'off', now: fakeClock() }), syntheticRun());
    expect(out.text).toContain('\r\u001b[2K');
    expect(out.text).toMatch(/█+ 8\/8 requests · .* · 6 failed\n$/);
  });

  it('is quiet when silent', async () => {
    const out = new CaptureStream(true);
    await replay(createProgressReporter({ out, silent: true }), syntheticRun());
    expect(out.text).toBe('');
  });

  it('estimates the remaining time from the pace so far', () => {
    expect(estimateRemaining({ done: 0, total: 10, failed: 0, elapsedMs: 0 })).toBeUndefined();
    expect(estimateRemaining({ done: 5, total: 10, failed: 0, elapsedMs: 1000 })).toBe(1000);
    expect(estimateRemaining({ done: 10, total: 10, failed: 0, elapsedMs: 1000 })).toBe(0);
    expect(progressText({ done: 1, total: 4, failed: 2, elapsedMs: 3000 }, plain)).toBe('1/4 requests · 3s elapsed · ETA 9s · 2 failed');
  });
});
