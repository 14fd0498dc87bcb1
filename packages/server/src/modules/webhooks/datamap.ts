import { byAccount, createdAt, personal, rowId, system } from '../../db/datamap/declare.ts';
import type { TableDeclaration } from '../../db/datamap/types.ts';
import { webhookDeliveries, webhookEndpoints } from './schema.ts';

/** How long the delivery log keeps a delivery (P19). */
export const DELIVERY_RETENTION_DAYS = 30;

export const declarations: TableDeclaration[] = [
  {
    table: webhookEndpoints,
    description: 'An outgoing webhook of a team or workspace: where events are sent and how they are signed.',
    // The endpoint belongs to its team or workspace and outlives the admin who registered it.
    subjects: [byAccount('created_by', 'creator', 'reattribute')],
    retention: { kind: 'content', describe: 'until an admin deletes it, or with its team or workspace' },
    columns: {
      id: rowId('webhook endpoint'),
      team_id: system('The team whose events it receives.', 'system.reference'),
      workspace_id: system('The workspace whose events it receives.', 'system.reference'),
      url: system('Where events are sent.', 'system.configuration'),
      description: system('What the endpoint is for, as its admins wrote it.', 'system.configuration'),
      events: system('The event types it receives.', 'system.configuration'),
      secret_sealed: system('The signing secret, encrypted.', 'system.credentials', false),
      enabled: system('Whether events are sent to it.', 'system.configuration'),
      disabled_reason: system('Why it was switched off automatically.', 'system.configuration'),
      consecutive_failures: system('Failed deliveries in a row.', 'system.operations'),
      created_by: personal('user.unique_id', 'The admin who registered the endpoint.', ['collaboration'], 'legitimate_interest'),
      created_at: createdAt('webhook endpoint'),
      updated_at: system('When it was last changed.', 'system.timestamp'),
    },
  },
  {
    table: webhookDeliveries,
    description: 'One event sent to a webhook endpoint, with the outcome of its last attempt (the delivery log).',
    subjects: [],
    retention: {
      kind: 'age',
      column: 'created_at',
      days: DELIVERY_RETENTION_DAYS,
      describe: `${DELIVERY_RETENTION_DAYS} days (the delivery log)`,
    },
    columns: {
      id: rowId('delivery'),
      endpoint_id: system('The endpoint.', 'system.reference'),
      event_id: system('The event’s identifier (the same for every endpoint and attempt).', 'system.id'),
      event_type: system('The event type.', 'system.operations'),
      // Events name the people involved (the actor, an added member) by username.
      payload: personal('user.content.webhook', 'The event as sent: what changed, and the usernames of who changed it or joined.', ['collaboration'], 'legitimate_interest', {
        mentions: true,
      }),
      status: system('Pending, sending, retrying, delivered or failed.'),
      attempts: system('How many times it was sent.'),
      next_attempt_at: system('When it is retried.', 'system.timestamp'),
      last_attempt_at: system('When it was last sent.', 'system.timestamp'),
      duration_ms: system('How long the last attempt took.'),
      response_status: system('The HTTP status the endpoint answered.'),
      response_excerpt: system('The start of the endpoint’s answer.', 'system.operations'),
      error: system('Why the last attempt failed (network error, refused address, timeout).'),
      created_at: createdAt('delivery'),
    },
  },
];
