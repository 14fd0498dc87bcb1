import { api } from '../api/client.ts';
import type { Page } from '../api/types.ts';

const id = (value: string) => encodeURIComponent(value);
const withPage = (path: string, cursor: string | null, limit?: number) => {
  const query = new URLSearchParams();
  if (limit !== undefined) query.set('limit', String(limit));
  if (cursor) query.set('cursor', cursor);
  const text = query.toString();
  return text ? `${path}?${text}` : path;
};

export interface MockServer {
  id: string;
  workspaceId: string;
  name: string;
  /** Where it answers; append an example's path. */
  url: string;
  collectionId: string;
  /** Null: always the collection's latest saved state. */
  collectionRevision: number | null;
  environmentId: string | null;
  private: boolean;
  delay: boolean;
  enabled: boolean;
  callRetentionDays: number;
  createdAt: string;
  updatedAt: string;
}

export interface MockCall {
  id: string;
  method: string;
  path: string;
  status: number;
  example: string | null;
  durationMs: number;
  requestHeaders: [string, string][];
  requestBody: string | null;
  responseHeaders: [string, string][];
  responseBody: string | null;
  createdAt: string;
}

export interface NewMock {
  name: string;
  collectionId: string;
  collectionRevision?: number | null;
  environmentId?: string | null;
  private: boolean;
  delay: boolean;
  callRetentionDays: number;
}

export const CALLS_PER_PAGE = 20;

export const mockApi = {
  list: (workspaceId: string, cursor: string | null) => api<Page<MockServer>>('GET', withPage(`/api/workspaces/${id(workspaceId)}/mocks`, cursor)),
  create: (workspaceId: string, body: NewMock) => api<MockServer>('POST', `/api/workspaces/${id(workspaceId)}/mocks`, { body }),
  update: (mockId: string, body: Partial<Omit<NewMock, 'collectionId'> & { enabled: boolean }>) => api<MockServer>('PATCH', `/api/mocks/${id(mockId)}`, { body }),
  remove: (mockId: string) => api<void>('DELETE', `/api/mocks/${id(mockId)}`),
  calls: (mockId: string, cursor: string | null) => api<Page<MockCall>>('GET', withPage(`/api/mocks/${id(mockId)}/calls`, cursor, CALLS_PER_PAGE)),
  clearCalls: (mockId: string) => api<{ deleted: number }>('DELETE', `/api/mocks/${id(mockId)}/calls`),
};
