/** Options every reporter accepts; each reporter reads the ones it needs. */
export type ColorMode = 'on' | 'off' | 'auto';

export interface ReporterOptions {
  /**
   * Where a file reporter (json, junit, html) writes. A directory, or a path
   * ending in '/', gets `<collection>-<timestamp>.<ext>` inside it; without
   * it the file goes to `postern/` under `cwd`.
   */
  export?: string;
  /** Where text goes: stdout for cli, stderr for progress by default. */
  out?: NodeJS.WritableStream;
  color?: ColorMode;
  silent?: boolean;
  verbose?: boolean;
  /** cli: on a TTY, show one live progress line instead of per-request lines. */
  progress?: boolean;
  /** Clock, injectable for tests. */
  now?: () => number;
  /** Base folder for relative export paths. */
  cwd?: string;
  /** cli, as Newman's `--reporter-cli-no-*` flags: leave out parts of the output. */
  noBanner?: boolean;
  noAssertions?: boolean;
  noSuccessAssertions?: boolean;
  noConsole?: boolean;
  noSummary?: boolean;
  noFailures?: boolean;
  /** Name used for default file names when the run's start event did not give one. */
  collectionName?: string;
}

/** A reporter that writes a file; `exportedPath` is set once `finish()` wrote it. */
export interface FileReporterState {
  readonly exportedPath: string | undefined;
}

/** True when the stream is an interactive terminal. */
export function isTty(stream: NodeJS.WritableStream): boolean {
  return Boolean((stream as NodeJS.WritableStream & { isTTY?: boolean }).isTTY);
}
