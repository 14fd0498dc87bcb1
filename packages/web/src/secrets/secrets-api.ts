/** The secret-scanning calls (P17): findings of a workspace, their states, and the re-scan. */
import { api } from '../api/client.ts';

export type FindingState = 'active' | 'false_positive' | 'revoked' | 'accepted_risk';
export type ScannedItemKind = 'collection' | 'environment' | 'globals';

export interface SecretFinding {
  id: string;
  workspaceId: string;
  itemKind: ScannedItemKind;
  itemId: string;
  itemName: string | null;
  /** The request/folder id in a collection, or the variable's key. */
  target: string | null;
  jsonPath: string;
  line: number | null;
  ruleId: string;
  masked: string;
  state: FindingState;
  note: string | null;
  stateChangedBy: { id: string | null; username: string } | null;
  stateChangedAt: string | null;
  firstSeenAt: string;
  lastSeenAt: string;
  removedAt: string | null;
}

export interface SecretScan {
  status: 'none' | 'queued' | 'running' | 'done' | 'failed';
  trigger: 'schedule' | 'request' | null;
  itemsTotal: number;
  itemsDone: number;
  newFindings: number;
  queuedAt: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  error: string | null;
}

export const STATE_LABELS: Record<FindingState, string> = {
  active: 'Active',
  false_positive: 'False positive',
  revoked: 'Revoked',
  accepted_risk: 'Accepted risk',
};

/** `postern/postman-api-key` → `Postman API key`-ish label from the rule id. */
export function ruleLabel(ruleId: string): string {
  const name = ruleId.replace(/^@secretlint\/secretlint-rule-/, '').replace(/^postern\//, '');
  const text = name.replace(/[-_]/g, ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

const id = (value: string) => encodeURIComponent(value);

export interface FindingQuery {
  state?: FindingState | '';
  itemKind?: ScannedItemKind | '';
  itemId?: string;
  includeRemoved?: boolean;
}

export const secretsApi = {
  list(workspaceId: string, query: FindingQuery = {}) {
    const params = new URLSearchParams();
    if (query.state) params.set('state', query.state);
    if (query.itemKind) params.set('itemKind', query.itemKind);
    if (query.itemId) params.set('itemId', query.itemId);
    if (query.includeRemoved) params.set('includeRemoved', 'true');
    const qs = params.toString();
    return api<{ items: SecretFinding[] }>('GET', `/api/workspaces/${id(workspaceId)}/secret-findings${qs ? `?${qs}` : ''}`).then((r) => r.items);
  },
  setState: (findingId: string, state: FindingState, note?: string) =>
    api<SecretFinding>('PATCH', `/api/secret-findings/${id(findingId)}`, { body: { state, ...(note ? { note } : {}) } }),
  counts: (workspaceId: string) =>
    api<{ total: number; items: { itemKind: ScannedItemKind; itemId: string; target: string | null; count: number }[] }>(
      'GET',
      `/api/workspaces/${id(workspaceId)}/secret-findings/counts`,
    ),
  rescan: (workspaceId: string) => api<SecretScan>('POST', `/api/workspaces/${id(workspaceId)}/secret-scans`),
  scanStatus: (workspaceId: string) => api<SecretScan>('GET', `/api/workspaces/${id(workspaceId)}/secret-scans/latest`),
};

/** Tree keys (`c:<collection>`, `i:<collection>:<item>`) of what holds active findings, for the sidebar. */
export function flaggedTreeKeys(counts: { itemKind: ScannedItemKind; itemId: string; target: string | null }[]): Set<string> {
  const keys = new Set<string>();
  for (const c of counts) {
    if (c.itemKind !== 'collection') continue;
    keys.add(`c:${c.itemId}`);
    if (c.target) keys.add(`i:${c.itemId}:${c.target}`);
  }
  return keys;
}
