import { useId } from 'react';
import type { MonitorStatPoint } from './api.ts';
import { chartGeometry, chartSentence, summarizeByDay } from './chart.ts';
import { formatInZone } from './schedule.ts';

const WIDTH = 720;
const HEIGHT = 260;

/**
 * Average and slowest response time per run, with failed and errored runs marked below the plot.
 * Plain SVG (no chart library to ship). Its text alternative: a one-sentence name, and the same
 * figures per day in a table under it.
 */
export function ResponseTimeChart({ points, days, timeZone, now }: { points: MonitorStatPoint[]; days: number; timeZone: string; now: Date }) {
  const titleId = useId();
  const from = new Date(now.getTime() - days * 86_400_000);
  const g = chartGeometry(points, { from, to: now, width: WIDTH, height: HEIGHT, timeZone });
  const sentence = chartSentence(points, days);
  const daily = summarizeByDay(points, timeZone);
  return (
    <figure className="monitor-chart">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby={titleId} className="monitor-chart-svg">
        <title id={titleId}>{`Response times over the last ${days} days. ${sentence}`}</title>
        <g className="chart-grid" aria-hidden="true">
          {g.yTicks.map((t) => (
            <g key={t.value}>
              <line x1={g.plot.left} x2={g.plot.right} y1={t.y} y2={t.y} />
              <text x={g.plot.left - 6} y={t.y + 4} textAnchor="end">
                {t.value} ms
              </text>
            </g>
          ))}
          {g.xTicks.map((t) => (
            <text key={t.x} x={t.x} y={g.plot.bottom + 16} textAnchor="middle">
              {t.label}
            </text>
          ))}
        </g>
        <path className="chart-line-max" d={g.maxPath} aria-hidden="true" />
        <path className="chart-line-avg" d={g.avgPath} aria-hidden="true" />
        <g aria-hidden="true">
          {g.dots.map((d) => (
            <g key={d.runId}>
              {d.maxY !== null && <circle className="chart-dot-max" cx={d.x} cy={d.maxY} r={3} />}
              {d.avgY !== null && <circle className="chart-dot" cx={d.x} cy={d.avgY} r={3} />}
            </g>
          ))}
          {g.marks.map((m) =>
            m.kind === 'failed' ? (
              <path key={m.runId} className="chart-mark-failed" d={`M${m.x} ${g.markY - 6} L${m.x + 6} ${g.markY + 5} L${m.x - 6} ${g.markY + 5} Z`}>
                <title>{`Failed tests, ${formatInZone(m.at, timeZone)}`}</title>
              </path>
            ) : (
              <rect key={m.runId} className="chart-mark-error" x={m.x - 5} y={g.markY - 5} width={10} height={10}>
                <title>{`Error, ${formatInZone(m.at, timeZone)}`}</title>
              </rect>
            ),
          )}
        </g>
      </svg>
      <figcaption>
        <ul className="chart-legend">
          <li>
            <span className="legend-swatch legend-avg" aria-hidden="true" /> Average response time
          </li>
          <li>
            <span className="legend-swatch legend-max" aria-hidden="true" /> Slowest response
          </li>
          <li>
            <span className="legend-failed" aria-hidden="true">
              ▲
            </span>{' '}
            Run with failed tests
          </li>
          <li>
            <span className="legend-error" aria-hidden="true">
              ■
            </span>{' '}
            Run with errors
          </li>
        </ul>
        <p>{sentence}</p>
      </figcaption>
      {daily.length > 0 && (
        <details className="chart-table">
          <summary>The chart’s figures per day</summary>
          <div className="table-scroll">
            <table>
              <caption className="visually-hidden">Runs per day ({timeZone.replaceAll('_', ' ')} time)</caption>
              <thead>
                <tr>
                  <th scope="col">Day</th>
                  <th scope="col">Runs</th>
                  <th scope="col">Average</th>
                  <th scope="col">Slowest</th>
                  <th scope="col">With failed tests</th>
                  <th scope="col">With errors</th>
                </tr>
              </thead>
              <tbody>
                {daily.map((d) => (
                  <tr key={d.day}>
                    <th scope="row">{d.day}</th>
                    <td>{d.runs}</td>
                    <td>{d.avgMs === null ? '—' : `${d.avgMs} ms`}</td>
                    <td>{d.maxMs === null ? '—' : `${d.maxMs} ms`}</td>
                    <td>{d.failedRuns}</td>
                    <td>{d.erroredRuns}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      )}
    </figure>
  );
}
