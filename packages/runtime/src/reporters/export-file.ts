/**
 * Where file reporters write, with Newman's rules: an explicit file path is
 * used as is; a directory (existing, or a path ending in a separator) gets a
 * timestamped file inside; no path at all means the `postern/` folder.
 */
import { mkdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileTimestamp, safeFileName } from './format.ts';

export const DEFAULT_EXPORT_DIR = 'postern';

export class ReportExportError extends Error {
  readonly code = 'REPORT_EXPORT_FAILED';
  constructor(
    readonly reporter: string,
    readonly target: string,
    readonly reason: string,
  ) {
    super(`The ${reporter} report could not be written to ${target}: ${reason}`);
    this.name = 'ReportExportError';
  }
}

export interface ExportTarget {
  export?: string;
  /** File extension without the dot. */
  extension: string;
  collectionName: string;
  now: number;
  cwd?: string;
}

async function isDirectory(target: string): Promise<boolean> {
  try {
    return (await stat(target)).isDirectory();
  } catch {
    return false;
  }
}

export async function resolveExportPath(target: ExportTarget): Promise<string> {
  const cwd = target.cwd ?? process.cwd();
  const defaultName = `${safeFileName(target.collectionName)}-${fileTimestamp(target.now)}.${target.extension}`;
  if (!target.export) return path.resolve(cwd, DEFAULT_EXPORT_DIR, defaultName);
  const resolved = path.resolve(cwd, target.export);
  const namesDirectory = /[\\/]$/.test(target.export) || (await isDirectory(resolved));
  return namesDirectory ? path.join(resolved, defaultName) : resolved;
}

/** Writes the report, creating missing folders; returns the absolute path written. */
export async function writeExport(reporter: string, target: ExportTarget, content: string): Promise<string> {
  const file = await resolveExportPath(target);
  try {
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, content);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new ReportExportError(reporter, file, reason);
  }
  return file;
}
