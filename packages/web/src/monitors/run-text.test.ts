import { describe, expect, it } from 'vitest';
import type { MonitorRun } from './api.ts';
import { countsText, durationText, jobLine } from './run-text.ts';

const run = (over: Partial<MonitorRun>): MonitorRun => ({
  id: 'r',
  monitorId: 'm',
  trigger: 'manual',
  scheduledFor: '2026-03-04T08:30:00Z',
  startedAt: null,
  finishedAt: null,
  status: 'queued',
  attempts: 1,
  counts: { requests: 0, assertionsPassed: 0, assertionsFailed: 0, errors: 0 },
  durationMs: null,
  avgResponseMs: null,
  error: null,
  ...over,
});

describe('monitor run words', () => {
  it('says what the job is doing', () => {
    expect(jobLine(run({ status: 'queued' }))).toBe('Queued: waiting for a worker to pick it up.');
    expect(jobLine(run({ status: 'running' }))).toBe('Running…');
    expect(jobLine(run({ status: 'running', attempts: 2 }))).toBe('Running (attempt 2)…');
    expect(jobLine(run({ status: 'error' }))).toBe('Error.');
  });

  it('counts in the singular and the plural', () => {
    expect(countsText({ requests: 2, assertionsPassed: 1, assertionsFailed: 1, errors: 0 })).toBe('2 requests · 1 test passed · 1 failed · 0 errors');
    expect(countsText({ requests: 1, assertionsPassed: 3, assertionsFailed: 0, errors: 1 })).toBe('1 request · 3 tests passed · 0 failed · 1 error');
  });

  it('shows durations in ms below a second, else in seconds', () => {
    expect(durationText(null)).toBe('—');
    expect(durationText(850)).toBe('850 ms');
    expect(durationText(1500)).toBe('1.5 s');
  });
});
