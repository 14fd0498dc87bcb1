import { describe, expect, it } from 'vitest';
import type { MonitorStatPoint } from './api.ts';
import { chartGeometry, chartSentence, niceCeiling, problemOf, summarizeByDay } from './chart.ts';

const point = (at: string, over: Partial<MonitorStatPoint> = {}): MonitorStatPoint => ({
  runId: at,
  at,
  status: 'passed',
  avgResponseMs: 100,
  maxResponseMs: 200,
  failedAssertions: 0,
  errors: 0,
  ...over,
});

describe('response-time chart geometry', () => {
  const frame = { from: new Date('2026-03-01T00:00:00Z'), to: new Date('2026-03-08T00:00:00Z'), width: 684, height: 260, timeZone: 'UTC', locale: 'en-GB' };

  it('rounds the axis up to 1, 2 or 5 × 10ⁿ', () => {
    expect([0, 1, 3, 10, 11, 180, 201, 4999].map(niceCeiling)).toEqual([1, 1, 5, 10, 20, 200, 500, 5000]);
  });

  it('places runs by time and response time, and breaks the line at a run without times', () => {
    const g = chartGeometry(
      [
        point('2026-03-01T00:00:00Z', { avgResponseMs: 100, maxResponseMs: 400 }),
        point('2026-03-04T12:00:00Z', { avgResponseMs: null, maxResponseMs: null, status: 'error', errors: 1 }),
        point('2026-03-08T00:00:00Z', { avgResponseMs: 300, maxResponseMs: 500 }),
      ],
      frame,
    );
    // Plot spans x 56→656 and y 12→212; the axis tops out at 500 ms.
    expect(g.plot).toEqual({ left: 56, top: 12, right: 656, bottom: 212 });
    expect(g.yTicks.map((t) => t.value)).toEqual([0, 125, 250, 375, 500]);
    expect(g.maxPath).toBe('M56 52 M656 12');
    expect(g.avgPath).toBe('M56 172 M656 92');
    expect(g.marks).toEqual([{ x: 356, runId: '2026-03-04T12:00:00Z', kind: 'error', at: '2026-03-04T12:00:00Z' }]);
    expect(g.dots).toEqual([
      { x: 56, avgY: 172, maxY: 52, runId: '2026-03-01T00:00:00Z' },
      { x: 656, avgY: 92, maxY: 12, runId: '2026-03-08T00:00:00Z' },
    ]);
    expect(g.xTicks).toHaveLength(8);
    expect(g.xTicks[0]).toEqual({ label: '1 Mar', x: 56 });
    expect(g.xTicks.at(-1)).toEqual({ label: '8 Mar', x: 656 });
  });

  it('draws joined lines between consecutive timed runs', () => {
    const g = chartGeometry([point('2026-03-01T00:00:00Z'), point('2026-03-08T00:00:00Z')], frame);
    expect(g.avgPath).toBe('M56 112 L656 112');
  });

  it('labels fewer days over longer ranges', () => {
    const month = chartGeometry([], { ...frame, from: new Date('2026-02-06T00:00:00Z') });
    expect(month.xTicks.length).toBeLessThanOrEqual(6);
    expect(month.yTicks.at(-1)?.value).toBe(1);
  });
});

describe('chart summaries', () => {
  it('tells failing runs from errored ones', () => {
    expect(problemOf(point('x'))).toBeNull();
    expect(problemOf(point('x', { status: 'failed', failedAssertions: 2 }))).toBe('failed');
    expect(problemOf(point('x', { status: 'failed', failedAssertions: 1, errors: 1 }))).toBe('error');
    expect(problemOf(point('x', { status: 'error' }))).toBe('error');
  });

  it('sums runs per day in the monitor’s time zone', () => {
    const points = [
      point('2026-03-01T22:30:00Z', { avgResponseMs: 100, maxResponseMs: 150 }),
      // Past midnight in Berlin: the next day there.
      point('2026-03-01T23:30:00Z', { avgResponseMs: 201, maxResponseMs: 900, status: 'failed', failedAssertions: 1 }),
      point('2026-03-02T08:00:00Z', { avgResponseMs: null, maxResponseMs: null, status: 'error', errors: 2 }),
    ];
    expect(summarizeByDay(points, 'UTC')).toEqual([
      { day: '2026-03-01', runs: 2, avgMs: 151, maxMs: 900, failedRuns: 1, erroredRuns: 0 },
      { day: '2026-03-02', runs: 1, avgMs: null, maxMs: null, failedRuns: 0, erroredRuns: 1 },
    ]);
    expect(summarizeByDay(points, 'Europe/Berlin').map((d) => [d.day, d.runs])).toEqual([
      ['2026-03-01', 1],
      ['2026-03-02', 2],
    ]);
    expect(chartSentence(points, 7)).toBe('3 runs in the last 7 days: average response 151 ms, slowest 900 ms; 1 with failed tests, 1 with errors.');
    expect(chartSentence([], 30)).toBe('No finished runs in the last 30 days.');
  });
});
