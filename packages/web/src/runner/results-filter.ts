import type { RunResult } from './api.ts';

export type ResultFilter = 'all' | 'passed' | 'failed';

/** A request failed when it got no response, a script failed, or an assertion failed. */
export function resultFailed(result: RunResult): boolean {
  return result.error !== undefined || result.status === null || result.assertions.some((a) => !a.passed);
}

/** The rows shown for a status filter and a text filter (name, folder path, URL, method, assertion names). */
export function filterResults(results: RunResult[], filter: ResultFilter, text: string): RunResult[] {
  const needle = text.trim().toLowerCase();
  return results.filter((result) => {
    if (filter === 'passed' && resultFailed(result)) return false;
    if (filter === 'failed' && !resultFailed(result)) return false;
    if (!needle) return true;
    const haystack = [result.name, ...result.path, result.url, result.method, ...result.assertions.map((a) => a.name)].join('\n').toLowerCase();
    return haystack.includes(needle);
  });
}

export const isRunGoingOn = (status: string): boolean => status === 'queued' || status === 'running';

/** "3 of 10 requests", for the progress bar's label. */
export function progressLabel(progress: { done: number; total: number }): string {
  return `${progress.done} of ${progress.total} ${progress.total === 1 ? 'request' : 'requests'}`;
}
