/** The events webhooks may subscribe to; a fixed list so receivers know every shape. */
export const WEBHOOK_EVENTS = [
  'ping',
  'collection.created',
  'collection.updated',
  'collection.deleted',
  'environment.created',
  'environment.updated',
  'environment.deleted',
  'workspace.visibility_changed',
  'member.added',
  'member.removed',
  'member.role_changed',
  'secret_finding.detected',
] as const;

export type WebhookEventType = (typeof WEBHOOK_EVENTS)[number];

/**
 * Something that happened, as a module reports it. The endpoints that hear it are the team's
 * (`teamIds`), the workspace's, and those of the team the workspace belongs to.
 */
export interface WebhookEventInput {
  type: Exclude<WebhookEventType, 'ping'>;
  workspaceId?: string | undefined;
  teamIds?: string[] | undefined;
  data: Record<string, unknown>;
}

/** Reports an event; never throws (a webhook problem never fails the change that caused it). */
export type EmitWebhookEvent = (event: WebhookEventInput) => Promise<void>;

/** The JSON body every delivery carries. */
export interface WebhookEnvelope {
  id: string;
  type: WebhookEventType;
  time: string;
  data: Record<string, unknown>;
}
