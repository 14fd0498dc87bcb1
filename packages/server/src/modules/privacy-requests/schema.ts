import { bigserial, customType, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { createdAt } from '../../db/columns.ts';
import { users } from '../accounts/schema.ts';
import type { RequestKind, RequestLaw, RequestState } from './kinds.ts';

export type { RequestKind, RequestLaw, RequestState } from './kinds.ts';

/** account: signed in (the session is the identity check); email: no account; agent: acting for someone. */
export type RequesterType = 'account' | 'email' | 'agent';
export type RequestEventKind = 'transition' | 'note' | 'restriction';

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  // node-postgres gives a Buffer, PGlite a Uint8Array: callers always get a Buffer.
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
});

/**
 * The request desk (P26): one row per request about personal data. The requester's contact
 * details are kept to answer them; the CSV log for regulators leaves them out.
 */
export const privacyRequests = pgTable(
  'privacy_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Shown to the requester and in every email, e.g. PR-7K2M-Q9XD. */
    reference: text('reference').notNull().unique(),
    kind: text('kind').$type<RequestKind>().notNull(),
    law: text('law').$type<RequestLaw>().notNull(),
    state: text('state').$type<RequestState>().notNull(),
    requesterType: text('requester_type').$type<RequesterType>().notNull(),
    /** The account the request is about: the signed-in requester, or the account of the verified address. */
    accountId: uuid('account_id').references(() => users.id, { onDelete: 'set null' }),
    // Required by the service; null only once erasure (P24) anonymized a closed request kept for the log.
    requesterName: text('requester_name'),
    requesterEmail: text('requester_email'),
    /** Only for agents: the person they act for. */
    subjectName: text('subject_name'),
    subjectEmail: text('subject_email'),
    details: text('details'),
    /** SHA-256 of the status token emailed with the acknowledgement. */
    statusTokenHash: text('status_token_hash').notNull(),
    /** HMAC-SHA256 of the current 6-digit code; null once verified. */
    codeHash: text('code_hash'),
    codeExpiresAt: timestamp('code_expires_at', { withTimezone: true }),
    codeAttempts: integer('code_attempts').notNull().default(0),
    codeSends: integer('code_sends').notNull().default(0),
    codeSentAt: timestamp('code_sent_at', { withTimezone: true }),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    verifiedAt: timestamp('verified_at', { withTimezone: true }),
    extendedAt: timestamp('extended_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    /** The reason of a denial or extension, or the note of a completion: it is sent to the requester. */
    outcome: text('outcome'),
    /** For a completed access request: where the person gets their data export. */
    exportUrl: text('export_url'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('privacy_requests_due_idx').on(t.state, t.dueAt), index('privacy_requests_account_idx').on(t.accountId)],
);

/** The audit trail of each request: every transition, note and restriction change. */
export const privacyRequestEvents = pgTable(
  'privacy_request_events',
  {
    // A sequence, so events written in the same instant keep their order.
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    requestId: uuid('request_id')
      .notNull()
      .references(() => privacyRequests.id, { onDelete: 'cascade' }),
    at: timestamp('at', { withTimezone: true }).notNull(),
    kind: text('kind').$type<RequestEventKind>().notNull(),
    /** 'requester', 'system' or 'operator'; for an operator, actor_id says who. */
    actor: text('actor').$type<'requester' | 'system' | 'operator'>().notNull(),
    actorId: uuid('actor_id').references(() => users.id, { onDelete: 'set null' }),
    fromState: text('from_state').$type<RequestState>(),
    toState: text('to_state').$type<RequestState>(),
    note: text('note'),
  },
  (t) => [index('privacy_request_events_request_idx').on(t.requestId, t.at)],
);

/** An agent's signed authorization (PDF, PNG or JPEG, at most 5 MiB), apart so lists never load it. */
export const privacyRequestAuthorizations = pgTable('privacy_request_authorizations', {
  requestId: uuid('request_id')
    .primaryKey()
    .references(() => privacyRequests.id, { onDelete: 'cascade' }),
  /** Detected from the bytes, never taken from the upload. */
  contentType: text('content_type').notNull(),
  bytes: bytea('bytes').notNull(),
  size: integer('size').notNull(),
  createdAt: createdAt(),
});
