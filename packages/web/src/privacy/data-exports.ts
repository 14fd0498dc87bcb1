/** The API calls of "Download my data" (P21). */
import { api } from '../api/client.ts';

export type DataExportStatus = 'queued' | 'building' | 'ready' | 'failed' | 'expired';

export interface DataExport {
  id: string;
  status: DataExportStatus;
  progress: number;
  step: string | null;
  size: number | null;
  sha256: string | null;
  createdAt: string;
  finishedAt: string | null;
  expiresAt: string | null;
  downloadCount: number;
  lastDownloadedAt: string | null;
  errorCode: string | null;
  downloadUrl: string | null;
}

export const dataExportsApi = {
  list: () => api<{ exports: DataExport[] }>('GET', '/api/me/exports'),
  start: () => api<DataExport>('POST', '/api/me/exports'),
};

/** Whether the export is still being built (the list is polled while one is). */
export const isBuilding = (e: DataExport) => e.status === 'queued' || e.status === 'building';

const STEPS: Record<string, string> = {
  queued: 'Waiting to start',
  collecting: 'Collecting your records',
  collections: 'Adding your collections and environments',
  writing: 'Writing the ZIP file',
};

export const stepLabel = (e: DataExport) => STEPS[e.step ?? 'queued'] ?? 'Working';

/** Bytes as a short size for people: 1.2 MB. */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
