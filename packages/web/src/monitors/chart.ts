/**
 * The geometry of the response-time chart and the summaries that stand in for it in words. Pure,
 * so the SVG component only draws what these work out.
 */
import type { MonitorStatPoint } from './api.ts';

export interface ChartFrame {
  from: Date;
  to: Date;
  width: number;
  height: number;
  /** Time zone of the day labels and the daily summary (the monitor's). */
  timeZone: string;
  locale?: string;
}

export interface ChartMark {
  x: number;
  runId: string;
  kind: 'failed' | 'error';
  at: string;
}

export interface ChartGeometry {
  plot: { left: number; top: number; right: number; bottom: number };
  /** Where failure and error marks sit, below the plot. */
  markY: number;
  yTicks: Array<{ value: number; y: number }>;
  xTicks: Array<{ label: string; x: number }>;
  /** SVG path data ("M x y L x y …"); a run without a time breaks the line. */
  avgPath: string;
  maxPath: string;
  marks: ChartMark[];
  /** One dot per timed run on each line, so a lone run still shows. */
  dots: Array<{ x: number; avgY: number | null; maxY: number | null; runId: string }>;
}

// The right margin leaves room for the last day's label, centred on the plot's edge.
const MARGIN = { left: 56, right: 28, top: 12, bottom: 48 };
const DAY_MS = 86_400_000;

/** The smallest 1, 2 or 5 × 10ⁿ at or above `value` (at least 1), so axis labels are round. */
export function niceCeiling(value: number): number {
  if (!(value > 1)) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  const step = [1, 2, 5, 10].find((m) => m * power >= value) ?? 10;
  return step * power;
}

/** Whether a run had failing tests, or errored (a run with both counts as an error). */
export function problemOf(point: MonitorStatPoint): 'failed' | 'error' | null {
  if (point.status === 'error' || point.errors > 0) return 'error';
  if (point.status === 'failed' || point.failedAssertions > 0) return 'failed';
  return null;
}

function pathOf(coords: Array<[number, number] | null>): string {
  let path = '';
  let pen = false;
  for (const c of coords) {
    if (!c) {
      pen = false;
      continue;
    }
    path += `${path ? ' ' : ''}${pen ? 'L' : 'M'}${round(c[0])} ${round(c[1])}`;
    pen = true;
  }
  return path;
}

const round = (n: number) => Math.round(n * 10) / 10;

/** Where everything goes for points (oldest first) between `from` and `to`. */
export function chartGeometry(points: MonitorStatPoint[], frame: ChartFrame): ChartGeometry {
  const plot = { left: MARGIN.left, top: MARGIN.top, right: frame.width - MARGIN.right, bottom: frame.height - MARGIN.bottom };
  const start = frame.from.getTime();
  const span = Math.max(frame.to.getTime() - start, 1);
  const xOf = (iso: string) => plot.left + ((new Date(iso).getTime() - start) / span) * (plot.right - plot.left);
  const highest = Math.max(0, ...points.map((p) => Math.max(p.maxResponseMs ?? 0, p.avgResponseMs ?? 0)));
  const yMax = niceCeiling(highest);
  const yOf = (ms: number) => plot.bottom - (ms / yMax) * (plot.bottom - plot.top);

  const yTicks = [0, 0.25, 0.5, 0.75, 1].map((f) => ({ value: round(yMax * f), y: round(yOf(yMax * f)) }));
  const days = span / DAY_MS;
  const stepDays = days <= 8 ? 1 : days <= 31 ? 7 : 14;
  const label = new Intl.DateTimeFormat(frame.locale, { month: 'short', day: 'numeric', timeZone: frame.timeZone });
  const xTicks: ChartGeometry['xTicks'] = [];
  for (let t = frame.to.getTime(); t >= start; t -= stepDays * DAY_MS) {
    xTicks.unshift({ label: label.format(new Date(t)), x: round(xOf(new Date(t).toISOString())) });
  }

  const line = (pick: (p: MonitorStatPoint) => number | null) =>
    pathOf(points.map((p) => {
      const ms = pick(p);
      return ms === null ? null : [xOf(p.at), yOf(ms)];
    }));
  const marks = points.flatMap((p): ChartMark[] => {
    const kind = problemOf(p);
    return kind ? [{ x: round(xOf(p.at)), runId: p.runId, kind, at: p.at }] : [];
  });
  const yOrNull = (ms: number | null) => (ms === null ? null : round(yOf(ms)));
  const dots = points.flatMap((p) =>
    p.avgResponseMs === null && p.maxResponseMs === null
      ? []
      : [{ x: round(xOf(p.at)), avgY: yOrNull(p.avgResponseMs), maxY: yOrNull(p.maxResponseMs), runId: p.runId }],
  );
  return {
    plot,
    markY: plot.bottom + 30,
    yTicks,
    xTicks,
    avgPath: line((p) => p.avgResponseMs),
    maxPath: line((p) => p.maxResponseMs),
    marks,
    dots,
  };
}

export interface DaySummary {
  /** The day in the monitor's time zone, YYYY-MM-DD. */
  day: string;
  runs: number;
  /** The mean of the runs' average response times; null when no run timed a request. */
  avgMs: number | null;
  maxMs: number | null;
  failedRuns: number;
  erroredRuns: number;
}

/** One row per day with runs, oldest first: the chart's text alternative. */
export function summarizeByDay(points: MonitorStatPoint[], timeZone: string): DaySummary[] {
  const dayOf = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
  const days = new Map<string, MonitorStatPoint[]>();
  for (const p of points) {
    const day = dayOf.format(new Date(p.at));
    days.set(day, [...(days.get(day) ?? []), p]);
  }
  return [...days.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([day, runs]) => ({ day, ...summarize(runs) }));
}

/** Totals over runs: how many, mean of average times, slowest time, how many failed or errored. */
export function summarize(points: MonitorStatPoint[]): Omit<DaySummary, 'day'> {
  const averages = points.map((p) => p.avgResponseMs).filter((ms): ms is number => ms !== null);
  const maxima = points.map((p) => p.maxResponseMs).filter((ms): ms is number => ms !== null);
  return {
    runs: points.length,
    avgMs: averages.length ? Math.round(averages.reduce((a, b) => a + b, 0) / averages.length) : null,
    maxMs: maxima.length ? Math.max(...maxima) : null,
    failedRuns: points.filter((p) => problemOf(p) === 'failed').length,
    erroredRuns: points.filter((p) => problemOf(p) === 'error').length,
  };
}

/** The chart in one sentence, for its accessible name. */
export function chartSentence(points: MonitorStatPoint[], days: number): string {
  if (points.length === 0) return `No finished runs in the last ${days} days.`;
  const s = summarize(points);
  const times = s.avgMs === null ? 'no response times recorded' : `average response ${s.avgMs} ms, slowest ${s.maxMs} ms`;
  return `${s.runs} ${s.runs === 1 ? 'run' : 'runs'} in the last ${days} days: ${times}; ${s.failedRuns} with failed tests, ${s.erroredRuns} with errors.`;
}
