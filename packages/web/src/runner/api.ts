/** The collection-run endpoints (server module runs). Kept here so the runner is one folder. */
import { api, request } from '../api/client.ts';
import type { OutlineNode, Page } from '../api/types.ts';

export type RunStatus = 'queued' | 'running' | 'finished' | 'cancelled' | 'failed';
export type ReportFormat = 'json' | 'junit' | 'html';

export interface RunAssertion {
  name: string;
  passed: boolean;
  error?: string;
}

export interface RunResult {
  iteration: number;
  itemId: string;
  path: string[];
  name: string;
  method: string;
  url: string;
  status: number | null;
  timeMs: number | null;
  size: number | null;
  assertions: RunAssertion[];
  error?: string;
}

export interface RunSummary {
  id: string;
  collectionId: string;
  userId: string;
  status: RunStatus;
  options: Record<string, unknown>;
  progress: { done: number; total: number };
  counts: { requests: number; assertionsPassed: number; assertionsFailed: number; errors: number };
  error: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export interface Run extends RunSummary {
  results: RunResult[];
  resultsTruncated: boolean;
}

export interface StartRun {
  folderId?: string;
  environmentId?: string;
  iterations?: number;
  data?: string;
  delayMs?: number;
}

const enc = encodeURIComponent;

export const runs = {
  start: (collectionId: string, body: StartRun) => api<{ runId: string }>('POST', `/api/collections/${enc(collectionId)}/runs`, { body }),
  list: (collectionId: string, cursor: string | null) =>
    api<Page<RunSummary>>('GET', `/api/collections/${enc(collectionId)}/runs${cursor ? `?cursor=${enc(cursor)}` : ''}`),
  get: (runId: string) => api<Run>('GET', `/api/runs/${enc(runId)}`),
  cancel: async (runId: string) => {
    await request('POST', `/api/runs/${enc(runId)}/cancel`);
  },
  report: async (runId: string, format: ReportFormat) => (await request('GET', `/api/runs/${enc(runId)}/report?format=${format}`)).text(),
};

/** Folders of an outline, depth-first, with their path for the select's labels. */
export function foldersOf(nodes: OutlineNode[], path: string[] = []): Array<{ id: string; label: string }> {
  return nodes.flatMap((node) => {
    if (node.type !== 'folder') return [];
    const here = [...path, node.name ?? '(unnamed folder)'];
    return [{ id: node.id, label: here.join(' / ') }, ...foldersOf(node.children ?? [], here)];
  });
}
