/**
 * Outgoing webhooks (issue #8): team and workspace admins register endpoints; events are fanned
 * out into deliveries, each sent as signed JSON through the egress guard by a job, retried with
 * exponential backoff, and logged. An endpoint answering 410 Gone, or failing too many deliveries
 * in a row, is switched off and its admins are told.
 */
import { randomUUID } from 'node:crypto';
import type { Dispatcher } from 'undici';
import type { Clock } from '../../clock.ts';
import type { SecretBox } from '../../crypto/secret-box.ts';
import { createGuardedDispatcher } from '../../egress/dispatcher.ts';
import type { EgressGuard } from '../../egress/policy.ts';
import { AppError, badRequest, conflict, forbidden, notFound } from '../../errors.ts';
import type { CurrentUser } from '../../http/env.ts';
import { decodeCursor, pageOf } from '../../http/pagination.ts';
import type { Page, PageQuery } from '../../http/pagination.ts';
import type { JobQueue } from '../../jobs/queue.ts';
import type { Mailer } from '../../mail/mailer.ts';
import { authorizeTeam } from '../../policies/teams.ts';
import type { TeamRole } from '../../policies/teams.ts';
import type { WorkspaceAccess } from '../../policies/workspaces.ts';
import type { AuditService } from '../audit/service.ts';
import { postWebhook } from './deliver.ts';
import type { AttemptOutcome } from './deliver.ts';
import { WEBHOOK_EVENTS } from './events.ts';
import type { WebhookEnvelope, WebhookEventInput, WebhookEventType } from './events.ts';
import { endpointDisabledMessage } from './messages.ts';
import { EVENT_ID_HEADER, EVENT_TYPE_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER, generateWebhookSecret, signWebhook } from './signature.ts';
import type { DeliveryRecord, EndpointRecord, Owner, WebhookStore } from './store.ts';

export const DELIVER_JOB = 'webhooks.deliver';
export const SWEEP_JOB = 'webhooks.sweep';

/** Attempts per delivery, and the wait after each failed one (the last entry repeats). */
export const MAX_ATTEMPTS = 6;
export const BACKOFF_MS = [30_000, 2 * 60_000, 10 * 60_000, 60 * 60_000, 4 * 60 * 60_000];
export const ATTEMPT_TIMEOUT_MS = 10_000;
export const MAX_RESPONSE_BYTES = 64 * 1024;
const EXCERPT_CHARS = 500;
/** Deliveries that failed after all their attempts, in a row, before the endpoint is switched off. */
export const DISABLE_AFTER_FAILURES = 5;
export const MAX_ENDPOINTS = 20;
/** A 'sending' delivery older than this was cut short (its process stopped) and may be sent again. */
const STALE_MS = 5 * 60_000;

export type WebhookScope = { team: string } | { workspace: string };

export interface WebhookServiceDeps {
  store: WebhookStore;
  guard: EgressGuard;
  box: SecretBox;
  jobs: JobQueue;
  mailer: Mailer;
  audit: AuditService;
  clock: Clock;
  access: WorkspaceAccess;
  /** The team with this handle and the person's role in it (the team store's findWithRole). */
  findTeam(slug: string, userId: string): Promise<{ team: { id: string; slug: string; name: string }; role: TeamRole | null; suspended?: boolean } | undefined>;
  publicUrl: string;
  reportError(error: unknown): void;
  /** Tests: what sends (e.g. a guarded dispatcher with a scripted resolver). */
  dispatcher?: Dispatcher;
  limits?: Partial<{ maxAttempts: number; backoffMs: number[]; timeoutMs: number; maxResponseBytes: number; disableAfterFailures: number }>;
}

export interface EndpointInput {
  url: string;
  description?: string | null | undefined;
  events: WebhookEventType[];
}

export interface EndpointPatchInput {
  url?: string | undefined;
  description?: string | null | undefined;
  events?: WebhookEventType[] | undefined;
  enabled?: boolean | undefined;
}

export type WebhookService = ReturnType<typeof createWebhookService>;

const endpointNotFound = () => notFound('No such webhook endpoint here.', { code: 'WEBHOOK_NOT_FOUND' });
const deliveryNotFound = () => notFound('No such delivery for this endpoint.', { code: 'WEBHOOK_DELIVERY_NOT_FOUND' });

export function createWebhookService(deps: WebhookServiceDeps) {
  const { store, box, jobs, clock } = deps;
  const limits = {
    maxAttempts: deps.limits?.maxAttempts ?? MAX_ATTEMPTS,
    backoffMs: deps.limits?.backoffMs ?? BACKOFF_MS,
    timeoutMs: deps.limits?.timeoutMs ?? ATTEMPT_TIMEOUT_MS,
    maxResponseBytes: deps.limits?.maxResponseBytes ?? MAX_RESPONSE_BYTES,
    disableAfterFailures: deps.limits?.disableAfterFailures ?? DISABLE_AFTER_FAILURES,
  };
  // One keep-alive pool for every delivery; the guard vets each new connection's address.
  let handle: { dispatcher: Dispatcher; close(): Promise<void> } | undefined;
  const dispatcher = () => deps.dispatcher ?? (handle ??= createGuardedDispatcher(deps.guard)).dispatcher;

  /** Who owns endpoints at `scope`, if the actor may manage them (team owner/admin, workspace admin). */
  async function authorize(actor: CurrentUser, scope: WebhookScope): Promise<{ owner: Owner; teamId: string | null }> {
    if ('team' in scope) {
      const found = await deps.findTeam(scope.team, actor.id);
      authorizeTeam(found?.role ?? null, 'update');
      if (found!.suspended) {
        throw forbidden('Your access to this team is suspended; ask its owner or an admin to lift the suspension.', { code: 'TEAM_MEMBER_SUSPENDED' });
      }
      return { owner: { teamId: found!.team.id }, teamId: found!.team.id };
    }
    await deps.access.require(actor, scope.workspace, 'admin');
    return { owner: { workspaceId: scope.workspace }, teamId: null };
  }

  async function endpointAt(actor: CurrentUser, scope: WebhookScope, id: string) {
    const context = await authorize(actor, scope);
    const endpoint = UUID.test(id) ? await store.findEndpoint(context.owner, id) : undefined;
    if (!endpoint) throw endpointNotFound();
    return { ...context, endpoint };
  }

  function checkUrl(url: string, path = 'body.url'): string {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw badRequest('The URL is not a valid absolute URL.', { errors: [{ path, message: 'must be an absolute http:// or https:// URL' }] });
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
      throw badRequest('Webhooks are sent over http:// or https:// only.', { errors: [{ path, message: 'must start with http:// or https://' }] });
    }
    if (parsed.username || parsed.password) {
      throw badRequest('Put no credentials in the URL; verify the signature instead.', { errors: [{ path, message: 'must not contain a user name or password' }] });
    }
    // A literal address the guard refuses is refused now, not on every delivery. Names are
    // checked when each connection is opened (they may resolve differently later).
    const host = parsed.hostname.replace(/^\[(.*)\]$/, '$1');
    if (/^[\d.]+$|:/.test(host)) {
      const verdict = deps.guard.check(host, host);
      if (!verdict.allowed) {
        throw new AppError(
          400,
          'EGRESS_REFUSED',
          `This server does not send to ${verdict.address}: it is a ${verdict.range} address. Use a public address, or ask the operator to allow it with POSTERN_EGRESS_ALLOW.`,
          { errors: [{ path, message: 'refused by the egress rules' }] },
        );
      }
    }
    return parsed.toString();
  }

  async function queue(endpoint: EndpointRecord, envelope: WebhookEnvelope): Promise<DeliveryRecord> {
    const now = clock();
    const delivery = await store.insertDelivery({
      endpointId: endpoint.id,
      eventId: envelope.id,
      eventType: envelope.type,
      payload: JSON.stringify(envelope),
      nextAttemptAt: now,
      createdAt: now,
    });
    await jobs.send(DELIVER_JOB, { deliveryId: delivery.id }, { retryLimit: 0 });
    return delivery;
  }

  async function disable(endpoint: EndpointRecord, reason: string): Promise<void> {
    const updated = await store.updateEndpoint(endpoint.id, { enabled: false, disabledReason: reason }, clock());
    if (!updated || !endpoint.enabled) return;
    await store.abandonQueued(endpoint.id, 'Not sent: the endpoint was switched off.');
    await deps.audit.record({
      actorId: null,
      action: 'webhook.disabled',
      targetType: 'webhook_endpoint',
      targetId: endpoint.id,
      details: { reason: reason.startsWith('The endpoint answered 410') ? 'gone' : 'failures' },
      teamId: endpoint.teamId,
    });
    // Tell those who can switch it back on.
    const recipients = new Set<string>();
    if (endpoint.teamId) for (const email of await store.teamAdminEmails(endpoint.teamId)) recipients.add(email);
    if (endpoint.workspaceId) {
      const ownerEmail = await store.workspaceOwnerEmail(endpoint.workspaceId);
      if (ownerEmail) recipients.add(ownerEmail);
    }
    const creator = await store.accountEmail(endpoint.createdBy);
    if (creator) recipients.add(creator);
    const slug = endpoint.teamId ? await store.teamSlug(endpoint.teamId) : undefined;
    const owner = slug ? `the team ${slug}` : 'your workspace';
    const pageUrl = `${deps.publicUrl}${slug ? `/teams/${slug}/admin/webhooks` : `/w/${endpoint.workspaceId}/webhooks`}`;
    for (const to of recipients) {
      await deps.mailer.send(endpointDisabledMessage(to, { url: endpoint.url, owner, reason, pageUrl })).catch(deps.reportError);
    }
  }

  /** One attempt of one delivery, if it is due and nobody else took it. */
  async function attempt(deliveryId: string): Promise<void> {
    const started = clock();
    const delivery = await store.claim(deliveryId, started, new Date(started.getTime() - STALE_MS));
    if (!delivery) return;
    const endpoint = await store.endpointById(delivery.endpointId);
    if (!endpoint) return;
    if (!endpoint.enabled && delivery.attempts > 1) {
      await store.finishAttempt(delivery.id, { status: 'failed', nextAttemptAt: null, durationMs: null, responseStatus: null, responseExcerpt: null, error: 'Not sent: the endpoint was switched off.' });
      return;
    }
    let secret: string;
    try {
      secret = box.open(endpoint.secretSealed);
    } catch (error) {
      deps.reportError(error);
      await store.finishAttempt(delivery.id, { status: 'failed', nextAttemptAt: null, durationMs: null, responseStatus: null, responseExcerpt: null, error: 'The signing secret cannot be read (the server’s secret key changed); rotate it.' });
      return;
    }
    const timestamp = Math.floor(clock().getTime() / 1000);
    const headers = {
      'content-type': 'application/json',
      'user-agent': 'Postern-Webhooks/1',
      [EVENT_ID_HEADER]: delivery.eventId,
      [EVENT_TYPE_HEADER]: delivery.eventType,
      [TIMESTAMP_HEADER]: String(timestamp),
      [SIGNATURE_HEADER]: signWebhook(secret, timestamp, delivery.payload),
    };
    const outcome: AttemptOutcome = await postWebhook(dispatcher(), endpoint.url, headers, delivery.payload, {
      timeoutMs: limits.timeoutMs,
      maxResponseBytes: limits.maxResponseBytes,
      excerptChars: EXCERPT_CHARS,
    });
    const result = {
      durationMs: outcome.durationMs,
      responseStatus: outcome.status ?? null,
      responseExcerpt: outcome.excerpt ?? null,
      error: outcome.error ?? (outcome.status !== undefined && (outcome.status < 200 || outcome.status > 299) ? `The endpoint answered ${outcome.status}; only 2xx counts as delivered.` : null),
    };
    if (outcome.status !== undefined && outcome.status >= 200 && outcome.status <= 299) {
      await store.finishAttempt(delivery.id, { status: 'delivered', nextAttemptAt: null, ...result });
      await store.recordOutcome(endpoint.id, true);
      return;
    }
    if (outcome.status === 410) {
      await store.finishAttempt(delivery.id, { status: 'failed', nextAttemptAt: null, ...result, error: 'The endpoint answered 410 Gone: it was switched off.' });
      await disable(endpoint, 'The endpoint answered 410 Gone (it asks not to be sent to any more).');
      return;
    }
    // A refused address is refused again on every retry: fail now, with the reason.
    if (!outcome.refused && delivery.attempts < limits.maxAttempts) {
      const wait = limits.backoffMs[Math.min(delivery.attempts - 1, limits.backoffMs.length - 1)]!;
      const nextAttemptAt = new Date(clock().getTime() + wait);
      await store.finishAttempt(delivery.id, { status: 'retrying', nextAttemptAt, ...result });
      await jobs.send(DELIVER_JOB, { deliveryId: delivery.id }, { startAfter: nextAttemptAt, retryLimit: 0 });
      return;
    }
    await store.finishAttempt(delivery.id, { status: 'failed', nextAttemptAt: null, ...result });
    const after = await store.recordOutcome(endpoint.id, false);
    if (after && after.enabled && after.consecutiveFailures >= limits.disableAfterFailures) {
      await disable(after, `${after.consecutiveFailures} deliveries in a row failed after all their attempts.`);
    }
  }

  async function event(type: WebhookEventType, data: Record<string, unknown>): Promise<WebhookEnvelope> {
    return { id: randomUUID(), type, time: clock().toISOString(), data };
  }

  return {
    attempt,

    /** Sends every delivery that is due (the sweep job: retries whose job was lost, tests with a moved clock). */
    async runDue(): Promise<number> {
      const now = clock();
      const ids = await store.dueIds(now, new Date(now.getTime() - STALE_MS), 200);
      for (const id of ids) await attempt(id);
      return ids.length;
    },

    /** Fans an event out to the endpoints subscribed to it. Never throws. */
    async emit(input: WebhookEventInput): Promise<void> {
      try {
        const endpoints = await store.subscribers(input.type, { teamIds: input.teamIds ?? [], workspaceId: input.workspaceId });
        if (endpoints.length === 0) return;
        const envelope = await event(input.type, {
          ...(input.workspaceId && { workspaceId: input.workspaceId }),
          ...input.data,
        });
        for (const endpoint of endpoints) await queue(endpoint, envelope);
      } catch (error) {
        deps.reportError(error);
      }
    },

    async list(actor: CurrentUser, scope: WebhookScope): Promise<EndpointRecord[]> {
      const { owner } = await authorize(actor, scope);
      return store.listEndpoints(owner);
    },

    async create(actor: CurrentUser, scope: WebhookScope, input: EndpointInput): Promise<{ endpoint: EndpointRecord; secret: string }> {
      const { owner, teamId } = await authorize(actor, scope);
      const url = checkUrl(input.url);
      if ((await store.countEndpoints(owner)) >= MAX_ENDPOINTS) {
        throw conflict(`There can be at most ${MAX_ENDPOINTS} webhook endpoints here; delete one first.`, { code: 'WEBHOOK_LIMIT' });
      }
      const secret = generateWebhookSecret();
      const endpoint = await store.insertEndpoint({
        teamId: 'teamId' in owner ? owner.teamId : null,
        workspaceId: 'workspaceId' in owner ? owner.workspaceId : null,
        url,
        description: input.description ?? null,
        events: [...new Set(input.events)],
        secretSealed: box.seal(secret),
        createdBy: actor.id,
        now: clock(),
      });
      await deps.audit.record({ actorId: actor.id, action: 'webhook.created', targetType: 'webhook_endpoint', targetId: endpoint.id, details: { events: endpoint.events }, teamId });
      return { endpoint, secret };
    },

    async get(actor: CurrentUser, scope: WebhookScope, id: string): Promise<EndpointRecord> {
      return (await endpointAt(actor, scope, id)).endpoint;
    },

    async update(actor: CurrentUser, scope: WebhookScope, id: string, patch: EndpointPatchInput): Promise<EndpointRecord> {
      const { endpoint, teamId } = await endpointAt(actor, scope, id);
      const change: Parameters<WebhookStore['updateEndpoint']>[1] = {};
      if (patch.url !== undefined) change.url = checkUrl(patch.url);
      if (patch.description !== undefined) change.description = patch.description;
      if (patch.events !== undefined) change.events = [...new Set(patch.events)];
      if (patch.enabled !== undefined) {
        change.enabled = patch.enabled;
        // Switched on again: a fresh start. Switched off by hand: no automatic reason.
        change.consecutiveFailures = 0;
        change.disabledReason = null;
      }
      const updated = (await store.updateEndpoint(endpoint.id, change, clock())) ?? endpoint;
      if (patch.enabled === false && endpoint.enabled) await store.abandonQueued(endpoint.id, 'Not sent: the endpoint was switched off.');
      await deps.audit.record({ actorId: actor.id, action: 'webhook.updated', targetType: 'webhook_endpoint', targetId: endpoint.id, details: { fields: Object.keys(change) }, teamId });
      return updated;
    },

    async remove(actor: CurrentUser, scope: WebhookScope, id: string): Promise<void> {
      const { endpoint, teamId } = await endpointAt(actor, scope, id);
      await store.deleteEndpoint(endpoint.id);
      await deps.audit.record({ actorId: actor.id, action: 'webhook.deleted', targetType: 'webhook_endpoint', targetId: endpoint.id, teamId });
    },

    /** The signing secret in clear, for admins setting up a receiver (audited). */
    async secret(actor: CurrentUser, scope: WebhookScope, id: string): Promise<string> {
      const { endpoint, teamId } = await endpointAt(actor, scope, id);
      await deps.audit.record({ actorId: actor.id, action: 'webhook.secret_viewed', targetType: 'webhook_endpoint', targetId: endpoint.id, teamId });
      return box.open(endpoint.secretSealed);
    },

    /** A new signing secret; the old one stops working at once. */
    async rotateSecret(actor: CurrentUser, scope: WebhookScope, id: string): Promise<string> {
      const { endpoint, teamId } = await endpointAt(actor, scope, id);
      const secret = generateWebhookSecret();
      await store.updateEndpoint(endpoint.id, { secretSealed: box.seal(secret) }, clock());
      await deps.audit.record({ actorId: actor.id, action: 'webhook.secret_rotated', targetType: 'webhook_endpoint', targetId: endpoint.id, teamId });
      return secret;
    },

    /** Queues a `ping` to the endpoint (also when it is switched off, to test it before switching it on). */
    async ping(actor: CurrentUser, scope: WebhookScope, id: string): Promise<DeliveryRecord> {
      const { endpoint } = await endpointAt(actor, scope, id);
      const envelope = await event('ping', { endpoint: { id: endpoint.id, url: endpoint.url, events: endpoint.events } });
      return queue(endpoint, envelope);
    },

    async deliveries(actor: CurrentUser, scope: WebhookScope, id: string, page: PageQuery): Promise<Page<DeliveryRecord>> {
      const { endpoint } = await endpointAt(actor, scope, id);
      const after = page.cursor ? (decodeCursor(page.cursor, 2) as [string, string]) : undefined;
      const rows = await store.listDeliveries(endpoint.id, page.limit + 1, after && [new Date(after[0]), after[1]]);
      return pageOf(rows, page.limit, (r) => [r.createdAt.toISOString(), r.id]);
    },

    async delivery(actor: CurrentUser, scope: WebhookScope, id: string, deliveryId: string): Promise<DeliveryRecord> {
      const { endpoint } = await endpointAt(actor, scope, id);
      const delivery = UUID.test(deliveryId) ? await store.findDelivery(endpoint.id, deliveryId) : undefined;
      if (!delivery) throw deliveryNotFound();
      return delivery;
    },

    /** Sends a delivery's event again, as a new delivery with the same event id and body. */
    async redeliver(actor: CurrentUser, scope: WebhookScope, id: string, deliveryId: string): Promise<DeliveryRecord> {
      const { endpoint } = await endpointAt(actor, scope, id);
      const original = UUID.test(deliveryId) ? await store.findDelivery(endpoint.id, deliveryId) : undefined;
      if (!original) throw deliveryNotFound();
      return queue(endpoint, JSON.parse(original.payload) as WebhookEnvelope);
    },

    async close(): Promise<void> {
      await handle?.close().catch(() => undefined);
    },
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Checks an event type list from outside (routes validate with zod; this serves other callers). */
export function isWebhookEvent(value: string): value is WebhookEventType {
  return (WEBHOOK_EVENTS as readonly string[]).includes(value);
}
