/**
 * The shape every file reporter (json, junit, html) shares: a builder consumes
 * run events, and when the run ends its rendered document is written once.
 */
import type { Reporter, RunEventName, RunEvents } from '../events.ts';
import { writeExport } from './export-file.ts';
import type { FileReporterState, ReporterOptions } from './options.ts';

export interface RenderedReport {
  text: string;
  /** The collection name the run reported, for the default file name. */
  collectionName: string;
}

export interface ReportBuilder {
  on<K extends RunEventName>(event: K, payload: RunEvents[K]): void;
}

class FileReporter implements Reporter, FileReporterState {
  exportedPath: string | undefined;

  constructor(
    readonly name: string,
    private readonly extension: string,
    private readonly options: ReporterOptions,
    private readonly builder: ReportBuilder,
    private readonly render: () => RenderedReport | undefined,
  ) {}

  on<K extends RunEventName>(event: K, payload: RunEvents[K]): void {
    this.builder.on(event, payload);
  }

  async finish(): Promise<void> {
    const report = this.render();
    if (!report) return;
    this.exportedPath = await writeExport(
      this.name,
      {
        export: this.options.export,
        extension: this.extension,
        collectionName: report.collectionName || this.options.collectionName || '',
        now: (this.options.now ?? Date.now)(),
        cwd: this.options.cwd,
      },
      report.text,
    );
  }
}

export function createFileReporter(
  name: string,
  extension: string,
  options: ReporterOptions,
  builder: ReportBuilder,
  render: () => RenderedReport | undefined,
): Reporter & FileReporterState {
  return new FileReporter(name, extension, options, builder, render);
}
