/** The monitor endpoints (server module monitors): scheduled collection runs with history and stats. */
import { api } from '../api/client.ts';
import type { Page } from '../api/types.ts';
import type { RunResult } from '../runner/api.ts';

export interface MonitorOptions {
  followRedirects: boolean;
  requestDelayMs: number;
  requestTimeoutMs: number;
  verifyTls: boolean;
  /** Extra attempts of a failed or errored run (0–3). */
  retries: number;
}

export interface MonitorNotifications {
  onFailure: boolean;
  onError: boolean;
  emails: string[];
  webhookUrl: string | null;
  /** Notifications per failing streak, then silence until it passes again (1–10). */
  repeatLimit: number;
}

export interface MonitorInput {
  name: string;
  collectionId: string;
  environmentId: string | null;
  /** Five standard cron fields. */
  cron: string;
  /** IANA time zone the cron is read in. */
  timezone: string;
  enabled: boolean;
  options: MonitorOptions;
  notifications: MonitorNotifications;
}

export type MonitorRunStatus = 'queued' | 'running' | 'passed' | 'failed' | 'error';

export interface Monitor extends MonitorInput {
  id: string;
  workspaceId: string;
  collectionName: string;
  environmentName: string | null;
  /** Null when the monitor is switched off. */
  nextRunAt: string | null;
  lastRun: { id: string; status: MonitorRunStatus; finishedAt: string | null } | null;
  createdAt: string;
  updatedAt: string;
}

export interface MonitorRun {
  id: string;
  monitorId: string;
  trigger: 'schedule' | 'manual';
  scheduledFor: string;
  startedAt: string | null;
  finishedAt: string | null;
  status: MonitorRunStatus;
  attempts: number;
  counts: { requests: number; assertionsPassed: number; assertionsFailed: number; errors: number };
  durationMs: number | null;
  avgResponseMs: number | null;
  error: string | null;
}

export interface MonitorRunDetail extends MonitorRun {
  results: RunResult[];
}

export interface MonitorStatPoint {
  runId: string;
  /** When the run finished. */
  at: string;
  status: MonitorRunStatus;
  avgResponseMs: number | null;
  maxResponseMs: number | null;
  failedAssertions: number;
  errors: number;
}

const enc = encodeURIComponent;

export const monitors = {
  list: (workspaceId: string) => api<{ items: Monitor[] }>('GET', `/api/workspaces/${enc(workspaceId)}/monitors`),
  create: (workspaceId: string, body: MonitorInput) => api<Monitor>('POST', `/api/workspaces/${enc(workspaceId)}/monitors`, { body }),
  get: (monitorId: string) => api<Monitor>('GET', `/api/monitors/${enc(monitorId)}`),
  update: (monitorId: string, body: Partial<MonitorInput>) => api<Monitor>('PATCH', `/api/monitors/${enc(monitorId)}`, { body }),
  remove: (monitorId: string) => api<void>('DELETE', `/api/monitors/${enc(monitorId)}`),
  runNow: (monitorId: string) => api<MonitorRun>('POST', `/api/monitors/${enc(monitorId)}/run`),
  runs: (monitorId: string, cursor: string | null, limit = 20) =>
    api<Page<MonitorRun>>('GET', `/api/monitors/${enc(monitorId)}/runs?limit=${limit}${cursor ? `&cursor=${enc(cursor)}` : ''}`),
  run: (monitorId: string, runId: string) => api<MonitorRunDetail>('GET', `/api/monitors/${enc(monitorId)}/runs/${enc(runId)}`),
  stats: (monitorId: string, days: number) => api<{ points: MonitorStatPoint[] }>('GET', `/api/monitors/${enc(monitorId)}/stats?days=${days}`),
};

/** Whether a run has not finished yet (the page reads it again until it has). */
export function isRunPending(status: MonitorRunStatus): boolean {
  return status === 'queued' || status === 'running';
}

export const RUN_STATUS_LABELS: Record<MonitorRunStatus, string> = {
  queued: 'Queued',
  running: 'Running',
  passed: 'Passed',
  failed: 'Failed',
  error: 'Error',
};
