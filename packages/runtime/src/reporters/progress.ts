/**
 * Progress of the run on stderr: a redrawn bar on a terminal, and off a
 * terminal one plain line each time another tenth of the requests is done
 * (steps, not a timer, so CI logs stay short and repeatable in shape).
 */
import type { Reporter, RunEventName, RunEvents } from '../events.ts';
import { colorsFor } from './colors.ts';
import type { Colors } from './colors.ts';
import { formatDuration } from './format.ts';
import { isTty } from './options.ts';
import type { ReporterOptions } from './options.ts';

const BAR_WIDTH = 24;
const REDRAW_MS = 100;
const PLAIN_STEPS = 10;

export interface ProgressState {
  done: number;
  total: number;
  failed: number;
  elapsedMs: number;
}

/** Remaining time at the current pace; undefined until something is done. */
export function estimateRemaining(state: ProgressState): number | undefined {
  if (state.done === 0) return undefined;
  if (state.done >= state.total) return 0;
  return (state.elapsedMs / state.done) * (state.total - state.done);
}

export function renderProgressBar(state: ProgressState, c: Colors): string {
  const ratio = state.total > 0 ? Math.min(1, state.done / state.total) : 0;
  const filled = Math.round(ratio * BAR_WIDTH);
  const bar = `${c.green('█'.repeat(filled))}${c.gray('░'.repeat(BAR_WIDTH - filled))}`;
  return `${bar} ${progressText(state, c)}`;
}

export function progressText(state: ProgressState, c: Colors): string {
  const eta = estimateRemaining(state);
  const failed = state.failed > 0 ? c.red(`${state.failed} failed`) : '0 failed';
  return (
    `${state.done}/${state.total} requests · ${formatDuration(state.elapsedMs)} elapsed · ` +
    `ETA ${eta === undefined ? '?' : eta === 0 ? '0s' : formatDuration(eta)} · ${failed}`
  );
}

class ProgressReporter implements Reporter {
  readonly name = 'progress';
  private readonly out: NonNullable<ReporterOptions['out']>;
  private readonly c: Colors;
  private readonly now: () => number;
  private readonly tty: boolean;
  private startedAt = 0;
  private total = 0;
  private done = 0;
  private failed = 0;
  private lastDraw = Number.NEGATIVE_INFINITY;
  private lastStep = 0;

  constructor(private readonly options: ReporterOptions) {
    this.out = options.out ?? process.stderr;
    this.c = colorsFor(options.color, this.out);
    this.now = options.now ?? Date.now;
    this.tty = isTty(this.out);
  }

  on<K extends RunEventName>(event: K, payload: RunEvents[K]): void {
    if (this.options.silent) return;
    switch (event) {
      case 'start': {
        const start = payload as RunEvents['start'];
        this.startedAt = start.startedAt;
        this.total = start.itemCount * start.iterationCount;
        break;
      }
      case 'request': {
        this.done += 1;
        // Flow control (setNextRequest) can run more requests than planned.
        this.total = Math.max(this.total, this.done);
        if ((payload as RunEvents['request']).error) this.failed += 1;
        this.update();
        break;
      }
      case 'prerequest':
      case 'test':
        if ((payload as RunEvents['test']).error) this.failed += 1;
        break;
      case 'assertion': {
        const assertion = payload as RunEvents['assertion'];
        if (assertion.error && !assertion.skipped) this.failed += 1;
        break;
      }
      case 'done':
        this.finishLine((payload as RunEvents['done']).summary.failures.length);
        break;
      default:
        break;
    }
  }

  private state(): ProgressState {
    return { done: this.done, total: this.total, failed: this.failed, elapsedMs: Math.max(0, this.now() - this.startedAt) };
  }

  private update(): void {
    if (this.tty) {
      const now = this.now();
      if (now - this.lastDraw < REDRAW_MS) return;
      this.lastDraw = now;
      this.out.write(`\r\x1b[2K${renderProgressBar(this.state(), this.c)}`);
      return;
    }
    const step = this.total > 0 ? Math.floor((this.done / this.total) * PLAIN_STEPS) : 0;
    if (step > this.lastStep && this.done < this.total) {
      this.lastStep = step;
      this.out.write(`progress: ${progressText(this.state(), this.c)}\n`);
    }
  }

  private finishLine(failures: number): void {
    this.failed = failures;
    const state = this.state();
    if (this.tty) this.out.write(`\r\x1b[2K${renderProgressBar(state, this.c)}\n`);
    else this.out.write(`progress: ${progressText(state, this.c)}\n`);
  }
}

export function createProgressReporter(options: ReporterOptions = {}): Reporter {
  return new ProgressReporter(options);
}
