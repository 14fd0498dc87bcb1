import { api } from '../api/client.ts';
import type { Page } from '../api/types.ts';

const id = (value: string) => encodeURIComponent(value);

/** The events an endpoint may subscribe to, with what they mean (the server's list). */
export const WEBHOOK_EVENT_CHOICES = [
  { value: 'collection.created', label: 'Collection created' },
  { value: 'collection.updated', label: 'Collection changed' },
  { value: 'collection.deleted', label: 'Collection deleted' },
  { value: 'environment.created', label: 'Environment created' },
  { value: 'environment.updated', label: 'Environment changed' },
  { value: 'environment.deleted', label: 'Environment deleted' },
  { value: 'workspace.visibility_changed', label: 'Workspace visibility changed' },
  { value: 'member.added', label: 'Member added' },
  { value: 'member.removed', label: 'Member removed' },
  { value: 'member.role_changed', label: 'Member’s role changed' },
  { value: 'secret_finding.detected', label: 'Secret found' },
  { value: 'ping', label: 'Ping (test)' },
] as const;

export interface WebhookEndpoint {
  id: string;
  url: string;
  description: string | null;
  events: string[];
  enabled: boolean;
  disabledReason: string | null;
  consecutiveFailures: number;
  createdAt: string;
  updatedAt: string;
}

export interface WebhookDelivery {
  id: string;
  eventId: string;
  eventType: string;
  status: 'pending' | 'sending' | 'retrying' | 'delivered' | 'failed';
  attempts: number;
  nextAttemptAt: string | null;
  lastAttemptAt: string | null;
  durationMs: number | null;
  responseStatus: number | null;
  responseExcerpt: string | null;
  error: string | null;
  createdAt: string;
}

/** Where a team's or a workspace's webhooks live in the API. */
export const webhookBase = {
  team: (slug: string) => `/api/teams/${id(slug)}/webhooks`,
  workspace: (workspaceId: string) => `/api/workspaces/${id(workspaceId)}/webhooks`,
};

/** The webhooks API at `base` (see webhookBase). */
export function webhooksAt(base: string) {
  return {
    list: () => api<{ items: WebhookEndpoint[] }>('GET', base),
    create: (body: { url: string; description?: string; events: string[] }) => api<WebhookEndpoint & { secret: string }>('POST', base, { body }),
    update: (endpointId: string, body: Partial<Pick<WebhookEndpoint, 'url' | 'description' | 'events' | 'enabled'>>) =>
      api<WebhookEndpoint>('PATCH', `${base}/${id(endpointId)}`, { body }),
    remove: (endpointId: string) => api<void>('DELETE', `${base}/${id(endpointId)}`),
    secret: (endpointId: string) => api<{ secret: string }>('GET', `${base}/${id(endpointId)}/secret`),
    ping: (endpointId: string) => api<WebhookDelivery>('POST', `${base}/${id(endpointId)}/ping`),
    deliveries: (endpointId: string, cursor?: string) =>
      api<Page<WebhookDelivery>>('GET', `${base}/${id(endpointId)}/deliveries${cursor ? `?cursor=${id(cursor)}` : ''}`),
    redeliver: (endpointId: string, deliveryId: string) => api<WebhookDelivery>('POST', `${base}/${id(endpointId)}/deliveries/${id(deliveryId)}/redeliver`),
  };
}
