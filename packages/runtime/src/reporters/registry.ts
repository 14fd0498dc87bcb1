/** Reporter names as the command line spells them (`-r cli,junit`). */
import type { Reporter } from '../events.ts';
import { createCliReporter } from './cli.ts';
import { createHtmlReporter } from './html.ts';
import { createJsonReporter } from './json.ts';
import { createJunitReporter } from './junit.ts';
import type { ReporterOptions } from './options.ts';
import { createProgressReporter } from './progress.ts';

const FACTORIES = {
  cli: createCliReporter,
  json: createJsonReporter,
  junit: createJunitReporter,
  html: createHtmlReporter,
  progress: createProgressReporter,
} satisfies Record<string, (options: ReporterOptions) => Reporter>;

export type ReporterName = keyof typeof FACTORIES;

export const REPORTER_NAMES = Object.keys(FACTORIES) as ReporterName[];

export class UnknownReporterError extends Error {
  readonly code = 'UNKNOWN_REPORTER';
  constructor(readonly reporter: string) {
    super(`Unknown reporter "${reporter}". Available reporters: ${REPORTER_NAMES.join(', ')}.`);
    this.name = 'UnknownReporterError';
  }
}

export function isReporterName(name: string): name is ReporterName {
  return Object.hasOwn(FACTORIES, name);
}

export function createReporter(name: string, options: ReporterOptions = {}): Reporter {
  if (!isReporterName(name)) throw new UnknownReporterError(name);
  return FACTORIES[name](options);
}
