import type { Clock } from '../../clock.ts';
import { AppError, badRequest, conflict, notFound, rateLimited, tooLarge } from '../../errors.ts';
import type { Mailer, MailMessage } from '../../mail/mailer.ts';
import { detectUploadType } from '../../uploads/file-type.ts';
import type { UploadType } from '../../uploads/file-type.ts';
import type { AuditService } from '../audit/service.ts';
import type { RestrictionService } from '../restrictions/service.ts';
import {
  CODE_TTL_MS,
  MAX_CODE_ATTEMPTS,
  MAX_CODE_SENDS,
  RESEND_INTERVAL_MS,
  codeMatches,
  hashCode,
  hashToken,
  newCode,
  newReference,
  newStatusToken,
} from './codes.ts';
import { dueDate, dueWarning, extendedDueDate } from './deadlines.ts';
import type { DueWarning } from './deadlines.ts';
import { acknowledgementMessage, codeMessage, completedMessage, deniedMessage, extendedMessage, verifiedMessage } from './messages.ts';
import type { RequestKind, RequestLaw, RequestState, RequesterType } from './schema.ts';
import { checkTransition, isClosed } from './state-machine.ts';
import type { NewRequestEvent, PrivacyRequestEvent, PrivacyRequestRecord, PrivacyRequestStore } from './store.ts';

/** The agent's signed authorization: at most 5 MiB, a PDF, PNG or JPEG by its bytes. */
export const MAX_AUTHORIZATION_BYTES = 5 * 1024 * 1024;
export const AUTHORIZATION_TYPES: readonly UploadType[] = ['application/pdf', 'image/png', 'image/jpeg'];
/** Where the web app shows a request's status; the acknowledgement links here with the token. */
export const STATUS_PAGE_PATH = '/privacy/requests/status';

export interface PrivacyRequestServiceDeps {
  store: PrivacyRequestStore;
  mailer: Mailer;
  clock: Clock;
  audit: Pick<AuditService, 'record'>;
  restrictions: Pick<RestrictionService, 'restrictForDispute' | 'liftDisputeRestriction' | 'get'>;
  accounts: { findAccount(id: string): Promise<{ id: string; email: string; username: string } | undefined>; findByEmail(email: string): Promise<{ id: string } | undefined> };
  /** Keys the verification codes' hashes. */
  secretKey: Buffer;
  publicUrl: string;
  /**
   * Starts the account deletion flow (P24) for a completed deletion request; when absent the
   * operator is told in the trail to delete the account by hand.
   */
  scheduleAccountDeletion?: (accountId: string, context: { requestId: string; operatorId: string }) => Promise<void>;
  reportError: (error: unknown) => void;
}

export interface PublicRequestInput {
  kind: RequestKind;
  law: RequestLaw;
  details: string | null;
  name: string;
  email: string;
  /** The requester is an authorized agent acting for this person. */
  onBehalfOf?: { name: string; email: string; authorization: Buffer } | undefined;
}

export interface Actor {
  id: string;
}

/** What a requester sees of their request: no contact details, no operator notes. */
export interface RequestStatus {
  reference: string;
  kind: RequestKind;
  law: RequestLaw;
  state: RequestState;
  requesterType: RequesterType;
  receivedAt: Date;
  dueAt: Date;
  extendedAt: Date | null;
  closedAt: Date | null;
  outcome: string | null;
  exportUrl: string | null;
  history: { at: Date; state: RequestState; reason: string | null }[];
}

/** What the operator sees. */
export interface RequestDetail extends RequestStatus {
  id: string;
  warning: DueWarning;
  /** Null once erasure anonymized the request. */
  requesterName: string | null;
  requesterEmail: string | null;
  subjectName: string | null;
  subjectEmail: string | null;
  details: string | null;
  account: { id: string; username: string } | null;
  hasAuthorization: boolean;
  processingRestriction: { by: 'person' | 'staff'; reason: string | null; since: Date; thisRequest: boolean } | null;
  events: PrivacyRequestEvent[];
}

export type PrivacyRequestService = ReturnType<typeof createPrivacyRequestService>;

const requestNotFound = () => notFound('No privacy request has this reference, or the link is wrong.', { code: 'REQUEST_NOT_FOUND' });

export function createPrivacyRequestService(deps: PrivacyRequestServiceDeps) {
  const { store, clock } = deps;

  async function send(message: MailMessage): Promise<void> {
    // An anonymized request (P24 erasure) has nobody left to write to.
    if (!message.to) return;
    try {
      await deps.mailer.send(message);
    } catch (error) {
      deps.reportError(error);
    }
  }

  const statusUrl = (reference: string, token: string) =>
    `${deps.publicUrl}${STATUS_PAGE_PATH}?reference=${encodeURIComponent(reference)}&token=${encodeURIComponent(token)}`;

  async function audit(actorId: string | null, request: PrivacyRequestRecord, from: RequestState | null, to: RequestState) {
    // Ids and codes only: the audit log outlives the people in it.
    await deps.audit.record({
      actorId,
      action: `privacy_request.${to}`,
      targetType: 'privacy_request',
      targetId: request.id,
      details: { reference: request.reference, kind: request.kind, law: request.law, from, to },
    });
  }

  function status(request: PrivacyRequestRecord, events: PrivacyRequestEvent[]): RequestStatus {
    return {
      reference: request.reference,
      kind: request.kind,
      law: request.law,
      state: request.state,
      requesterType: request.requesterType,
      receivedAt: request.receivedAt,
      dueAt: request.dueAt,
      extendedAt: request.extendedAt,
      closedAt: request.closedAt,
      outcome: request.outcome,
      exportUrl: request.state === 'completed' ? request.exportUrl : null,
      history: events
        .filter((e) => e.kind === 'transition' && e.toState)
        .map((e) => ({ at: e.at, state: e.toState!, reason: e.toState === 'denied' || e.toState === 'extended' ? e.note : null })),
    };
  }

  async function checkAuthorization(bytes: Buffer): Promise<string> {
    if (bytes.length === 0) throw badRequest('Attach the signed authorization.', { code: 'AUTHORIZATION_REQUIRED' });
    if (bytes.length > MAX_AUTHORIZATION_BYTES) {
      throw tooLarge('The signed authorization may be at most 5 MiB.', { code: 'AUTHORIZATION_TOO_LARGE' });
    }
    const detected = await detectUploadType(bytes, AUTHORIZATION_TYPES);
    if (!detected) {
      throw new AppError(415, 'AUTHORIZATION_TYPE_UNSUPPORTED', 'The signed authorization must be a PDF, PNG or JPEG file.');
    }
    return detected;
  }

  async function requireRequest(id: string): Promise<PrivacyRequestRecord> {
    const request = await store.find(id);
    if (!request) throw notFound('No such privacy request.', { code: 'REQUEST_NOT_FOUND' });
    return request;
  }

  function requireTransition(request: PrivacyRequestRecord, to: RequestState, reason?: string | null) {
    const check = checkTransition(request.state, to, { reason, alreadyExtended: request.extendedAt !== null });
    if (!check.ok) throw check.code === 'REASON_REQUIRED' ? badRequest(check.message, { code: check.code }) : conflict(check.message, { code: check.code });
  }

  /** Moves the request, writes its trail and the audit log; 409 if someone else moved it first. */
  async function move(
    request: PrivacyRequestRecord,
    actor: { kind: 'requester' | 'system' | 'operator'; id: string | null },
    steps: { to: RequestState; note?: string | null }[],
    changes: Parameters<PrivacyRequestStore['update']>[2] = {},
  ): Promise<PrivacyRequestRecord> {
    const now = clock();
    let from = request.state;
    const events: NewRequestEvent[] = steps.map((step) => {
      const event: NewRequestEvent = { at: now, kind: 'transition', actor: actor.kind, actorId: actor.id, fromState: from, toState: step.to, note: step.note ?? null };
      from = step.to;
      return event;
    });
    const updated = await store.update(request.id, request.state, { ...changes, state: from, updatedAt: now }, events);
    if (!updated) throw conflict('Someone else changed this request meanwhile; reload it.', { code: 'REQUEST_CHANGED' });
    let previous: RequestState = request.state;
    for (const step of steps) {
      await audit(actor.id, updated, previous, step.to);
      previous = step.to;
    }
    return updated;
  }

  /** Ends a staff restriction tied to this request once it is resolved (P25: "until it is resolved"). */
  async function liftDisputeRestriction(request: PrivacyRequestRecord, operatorId: string | null) {
    if (!request.accountId) return;
    if (await deps.restrictions.liftDisputeRestriction(request.accountId, request.id)) {
      await store.addEvent(request.id, {
        at: clock(),
        kind: 'restriction',
        actor: operatorId ? 'operator' : 'system',
        actorId: operatorId,
        note: 'Processing restriction lifted: the request is resolved.',
      });
      await deps.audit.record({ actorId: operatorId, action: 'privacy_request.restriction_lifted', targetType: 'account', targetId: request.accountId, details: { requestId: request.id } });
    }
  }

  const about = (r: PrivacyRequestRecord) => ({ to: r.requesterEmail ?? '', reference: r.reference, kind: r.kind });

  async function detail(request: PrivacyRequestRecord): Promise<RequestDetail> {
    const events = await store.events(request.id);
    const account = request.accountId ? await deps.accounts.findAccount(request.accountId) : undefined;
    const restriction = request.accountId ? (await deps.restrictions.get(request.accountId)).processing : null;
    return {
      ...status(request, events),
      id: request.id,
      warning: dueWarning(request.dueAt, clock(), isClosed(request.state)),
      requesterName: request.requesterName,
      requesterEmail: request.requesterEmail,
      subjectName: request.subjectName,
      subjectEmail: request.subjectEmail,
      details: request.details,
      account: account ? { id: account.id, username: account.username } : null,
      hasAuthorization: await store.hasAuthorization(request.id),
      processingRestriction: restriction
        ? { by: restriction.by, reason: restriction.reason, since: restriction.since, thisRequest: restriction.requestId === request.id }
        : null,
      events,
    };
  }

  return {
    /** A request from someone not signed in (or an agent): acknowledged at once, with a code to confirm it. */
    async submitPublic(input: PublicRequestInput): Promise<{ reference: string; state: RequestState; dueAt: Date }> {
      const contentType = input.onBehalfOf ? await checkAuthorization(input.onBehalfOf.authorization) : null;
      const now = clock();
      const token = newStatusToken();
      const code = newCode();
      const id = crypto.randomUUID();
      const request = await store.create(
        {
          id,
          reference: newReference(),
          kind: input.kind,
          law: input.law,
          state: 'identity_unverified',
          requesterType: input.onBehalfOf ? 'agent' : 'email',
          requesterName: input.name,
          requesterEmail: input.email,
          subjectName: input.onBehalfOf?.name ?? null,
          subjectEmail: input.onBehalfOf?.email ?? null,
          details: input.details,
          statusTokenHash: hashToken(token),
          codeHash: hashCode(deps.secretKey, id, code),
          codeExpiresAt: new Date(now.getTime() + CODE_TTL_MS),
          codeSends: 1,
          codeSentAt: now,
          receivedAt: now,
          dueAt: dueDate(input.law, now),
          updatedAt: now,
        },
        input.onBehalfOf && contentType ? { contentType, bytes: input.onBehalfOf.authorization, size: input.onBehalfOf.authorization.length } : null,
        [
          { at: now, kind: 'transition', actor: 'requester', toState: 'received' },
          { at: now, kind: 'transition', actor: 'system', fromState: 'received', toState: 'identity_unverified', note: 'Code emailed.' },
        ],
      );
      await audit(null, request, null, 'received');
      await audit(null, request, 'received', 'identity_unverified');
      await send(
        acknowledgementMessage({
          ...about(request),
          name: input.name,
          dueAt: request.dueAt,
          statusUrl: statusUrl(request.reference, token),
          code,
          onBehalfOf: input.onBehalfOf?.name ?? null,
        }),
      );
      return { reference: request.reference, state: request.state, dueAt: request.dueAt };
    },

    /** A signed-in person's request: the session already proves who they are. */
    async submitInApp(accountId: string, input: { kind: RequestKind; law: RequestLaw; details: string | null }): Promise<RequestStatus> {
      const account = await deps.accounts.findAccount(accountId);
      if (!account) throw notFound('No such account.');
      const now = clock();
      const token = newStatusToken();
      const request = await store.create(
        {
          reference: newReference(),
          kind: input.kind,
          law: input.law,
          state: 'verified',
          requesterType: 'account',
          accountId,
          requesterName: account.username,
          requesterEmail: account.email,
          details: input.details,
          statusTokenHash: hashToken(token),
          receivedAt: now,
          dueAt: dueDate(input.law, now),
          verifiedAt: now,
          updatedAt: now,
        },
        null,
        [
          { at: now, kind: 'transition', actor: 'requester', toState: 'received' },
          { at: now, kind: 'transition', actor: 'system', fromState: 'received', toState: 'verified', note: 'Made while signed in.' },
        ],
      );
      await audit(accountId, request, null, 'received');
      await audit(accountId, request, 'received', 'verified');
      await send(
        acknowledgementMessage({
          ...about(request),
          name: account.username,
          dueAt: request.dueAt,
          statusUrl: statusUrl(request.reference, token),
          code: null,
          onBehalfOf: null,
        }),
      );
      return status(request, await store.events(request.id));
    },

    async listMine(accountId: string): Promise<RequestStatus[]> {
      const requests = await store.listForAccount(accountId);
      return Promise.all(requests.filter((r) => r.requesterType === 'account').map(async (r) => status(r, await store.events(r.id))));
    },

    /** Checks the emailed code: 5 attempts per code, 30 minutes. */
    async verify(reference: string, code: string): Promise<RequestStatus> {
      const request = await store.findByReference(reference);
      if (!request) throw requestNotFound();
      if (request.state !== 'identity_unverified' || !request.codeHash || !request.codeExpiresAt) {
        throw conflict('This request no longer needs a code.', { code: 'ALREADY_VERIFIED' });
      }
      const now = clock();
      if (request.codeAttempts >= MAX_CODE_ATTEMPTS) {
        throw rateLimited('Too many wrong codes; ask for a new code.', { code: 'CODE_ATTEMPTS_EXHAUSTED' });
      }
      if (now.getTime() > request.codeExpiresAt.getTime()) {
        throw badRequest('This code has expired; ask for a new code.', { code: 'CODE_EXPIRED' });
      }
      const attempts = await store.countCodeAttempt(request.id, MAX_CODE_ATTEMPTS);
      if (attempts === undefined) throw rateLimited('Too many wrong codes; ask for a new code.', { code: 'CODE_ATTEMPTS_EXHAUSTED' });
      if (!codeMatches(deps.secretKey, request.id, code, request.codeHash)) {
        const left = MAX_CODE_ATTEMPTS - attempts;
        throw badRequest(left > 0 ? `That code is not right; ${left} ${left === 1 ? 'try' : 'tries'} left.` : 'That code is not right; ask for a new code.', {
          code: 'CODE_INVALID',
        });
      }
      // The account the request is about, if it has one: the verified address, or the agent's principal.
      const email = request.subjectEmail ?? request.requesterEmail;
      const account = email ? await deps.accounts.findByEmail(email) : undefined;
      const verified = await move(request, { kind: 'requester', id: null }, [{ to: 'verified' }], {
        verifiedAt: now,
        codeHash: null,
        codeExpiresAt: null,
        accountId: account?.id ?? null,
      });
      await send(verifiedMessage({ ...about(verified), dueAt: verified.dueAt }));
      return status(verified, await store.events(verified.id));
    },

    /** A new code (the old one stops working): 5 sends per request, one a minute. */
    async resendCode(reference: string): Promise<void> {
      const request = await store.findByReference(reference);
      if (!request) throw requestNotFound();
      if (request.state !== 'identity_unverified') throw conflict('This request no longer needs a code.', { code: 'ALREADY_VERIFIED' });
      const now = clock();
      if (request.codeSends >= MAX_CODE_SENDS) {
        throw rateLimited('No more codes can be sent for this request; make a new request.', { code: 'CODE_RESEND_LIMIT' });
      }
      if (request.codeSentAt && now.getTime() - request.codeSentAt.getTime() < RESEND_INTERVAL_MS) {
        throw rateLimited('Wait a minute before asking for another code.', {
          code: 'CODE_RESEND_TOO_SOON',
          retryAfterSeconds: Math.ceil((RESEND_INTERVAL_MS - (now.getTime() - request.codeSentAt.getTime())) / 1000),
        });
      }
      const code = newCode();
      const updated = await store.update(
        request.id,
        'identity_unverified',
        {
          codeHash: hashCode(deps.secretKey, request.id, code),
          codeExpiresAt: new Date(now.getTime() + CODE_TTL_MS),
          codeAttempts: 0,
          codeSends: request.codeSends + 1,
          codeSentAt: now,
          updatedAt: now,
        },
        [],
      );
      if (!updated) throw conflict('This request no longer needs a code.', { code: 'ALREADY_VERIFIED' });
      await send(codeMessage({ ...about(request), code }));
    },

    /** The requester's view, with the token from the acknowledgement email. */
    async status(reference: string, token: string): Promise<RequestStatus> {
      const request = await store.findByReference(reference);
      if (!request || request.statusTokenHash !== hashToken(token)) throw requestNotFound();
      return status(request, await store.events(request.id));
    },

    // ---- The operator's desk ----

    async list(states: readonly RequestState[] | undefined, limit = 500): Promise<RequestDetail[]> {
      const requests = await store.list(states, limit);
      return Promise.all(requests.map(detail));
    },

    async get(id: string): Promise<RequestDetail> {
      return detail(await requireRequest(id));
    },

    async authorization(id: string) {
      const file = await store.authorization((await requireRequest(id)).id);
      if (!file) throw notFound('This request has no authorization attached.', { code: 'AUTHORIZATION_NOT_FOUND' });
      return file;
    },

    async start(id: string, operator: Actor): Promise<RequestDetail> {
      const request = await requireRequest(id);
      requireTransition(request, 'in_progress');
      return detail(await move(request, { kind: 'operator', id: operator.id }, [{ to: 'in_progress' }]));
    },

    async complete(id: string, operator: Actor, input: { note: string | null; exportUrl: string | null }): Promise<RequestDetail> {
      const request = await requireRequest(id);
      requireTransition(request, 'completed');
      if (input.exportUrl && request.kind !== 'access') {
        throw badRequest('Only an access request is answered with a data export.', { code: 'EXPORT_ONLY_FOR_ACCESS' });
      }
      const completed = await move(request, { kind: 'operator', id: operator.id }, [{ to: 'completed', note: input.note }], {
        closedAt: clock(),
        outcome: input.note,
        exportUrl: input.exportUrl,
      });
      if (completed.kind === 'deletion' && completed.accountId) {
        if (deps.scheduleAccountDeletion) {
          await deps.scheduleAccountDeletion(completed.accountId, { requestId: completed.id, operatorId: operator.id });
          await store.addEvent(completed.id, { at: clock(), kind: 'note', actor: 'system', note: 'Account deletion scheduled (P24).' });
        } else {
          await store.addEvent(completed.id, {
            at: clock(),
            kind: 'note',
            actor: 'system',
            note: 'Account deletion is not started from the desk: ask the person to delete the account in Settings → Delete account, or delete it by hand.',
          });
        }
      }
      await liftDisputeRestriction(completed, operator.id);
      await send(completedMessage({ ...about(completed), note: input.note, exportUrl: input.exportUrl }));
      return detail(completed);
    },

    async deny(id: string, operator: Actor, reason: string): Promise<RequestDetail> {
      const request = await requireRequest(id);
      requireTransition(request, 'denied', reason);
      const denied = await move(request, { kind: 'operator', id: operator.id }, [{ to: 'denied', note: reason }], {
        closedAt: clock(),
        outcome: reason,
        codeHash: null,
        codeExpiresAt: null,
      });
      await liftDisputeRestriction(denied, operator.id);
      await send(deniedMessage({ ...about(denied), reason, law: denied.law }));
      return detail(denied);
    },

    /** The one extension allowed, decided before the current due date, with notice to the requester. */
    async extend(id: string, operator: Actor, reason: string): Promise<RequestDetail> {
      const request = await requireRequest(id);
      requireTransition(request, 'extended', reason);
      const now = clock();
      if (now.getTime() > request.dueAt.getTime()) {
        throw conflict('The due date has passed: an extension must be decided and notified before it.', { code: 'EXTENSION_TOO_LATE' });
      }
      const newDue = extendedDueDate(request.law, request.dueAt);
      const extended = await move(
        request,
        { kind: 'operator', id: operator.id },
        [
          { to: 'extended', note: reason },
          { to: 'in_progress', note: `New due date: ${newDue.toISOString().slice(0, 10)}.` },
        ],
        { extendedAt: now, dueAt: newDue, outcome: reason },
      );
      await send(extendedMessage({ ...about(extended), reason, dueAt: newDue }));
      return detail(extended);
    },

    /** Staff restrict (or lift) processing of the subject's account while the request is disputed (P25). */
    async setRestriction(id: string, operator: Actor, input: { restricted: boolean; reason: string | null }): Promise<RequestDetail> {
      const request = await requireRequest(id);
      if (!request.accountId) throw conflict('This request is not tied to an account.', { code: 'NO_ACCOUNT' });
      if (input.restricted) {
        if (isClosed(request.state)) throw conflict('This request is resolved; there is no dispute to restrict for.', { code: 'REQUEST_CLOSED' });
        if (!input.reason?.trim()) throw badRequest('Say why processing is restricted.', { code: 'REASON_REQUIRED' });
        await deps.restrictions.restrictForDispute(request.accountId, request.id, input.reason);
        await store.addEvent(request.id, { at: clock(), kind: 'restriction', actor: 'operator', actorId: operator.id, note: `Processing restricted: ${input.reason}` });
        await deps.audit.record({ actorId: operator.id, action: 'privacy_request.restriction_set', targetType: 'account', targetId: request.accountId, details: { requestId: request.id } });
      } else {
        if (!(await deps.restrictions.liftDisputeRestriction(request.accountId, request.id))) {
          throw conflict('Processing is not restricted for this request.', { code: 'NOT_RESTRICTED' });
        }
        await store.addEvent(request.id, { at: clock(), kind: 'restriction', actor: 'operator', actorId: operator.id, note: input.reason ? `Processing restriction lifted: ${input.reason}` : 'Processing restriction lifted.' });
        await deps.audit.record({ actorId: operator.id, action: 'privacy_request.restriction_lifted', targetType: 'account', targetId: request.accountId, details: { requestId: request.id } });
      }
      return detail(await requireRequest(id));
    },

    async addNote(id: string, operator: Actor, note: string): Promise<RequestDetail> {
      const request = await requireRequest(id);
      await store.addEvent(request.id, { at: clock(), kind: 'note', actor: 'operator', actorId: operator.id, note });
      await deps.audit.record({ actorId: operator.id, action: 'privacy_request.note', targetType: 'privacy_request', targetId: request.id });
      return detail(request);
    },

    /** Every request, for the CSV log (no contact details). */
    log(): Promise<PrivacyRequestRecord[]> {
      return store.list(undefined, 100_000);
    },
  };
}
