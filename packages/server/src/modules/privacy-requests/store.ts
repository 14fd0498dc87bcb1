import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '../../db/database.ts';
import { privacyRequestAuthorizations, privacyRequestEvents, privacyRequests } from './schema.ts';
import type { RequestEventKind, RequestState } from './schema.ts';

export type PrivacyRequestRecord = typeof privacyRequests.$inferSelect;
export type NewPrivacyRequest = typeof privacyRequests.$inferInsert;
export type PrivacyRequestEvent = typeof privacyRequestEvents.$inferSelect;

export interface NewRequestEvent {
  at: Date;
  kind: RequestEventKind;
  actor: 'requester' | 'system' | 'operator';
  actorId?: string | null;
  fromState?: RequestState | null;
  toState?: RequestState | null;
  note?: string | null;
}

export interface Authorization {
  contentType: string;
  bytes: Buffer;
  size: number;
}

export interface PrivacyRequestStore {
  /** Inserts the request, its authorization and its first events in one transaction. */
  create(request: NewPrivacyRequest, authorization: Authorization | null, events: NewRequestEvent[]): Promise<PrivacyRequestRecord>;
  find(id: string): Promise<PrivacyRequestRecord | undefined>;
  findByReference(reference: string): Promise<PrivacyRequestRecord | undefined>;
  /**
   * Applies `changes` only if the request is still in `expected` state, with its events, in one
   * transaction; undefined when someone else moved it first.
   */
  update(
    id: string,
    expected: RequestState,
    changes: Partial<NewPrivacyRequest>,
    events: NewRequestEvent[],
  ): Promise<PrivacyRequestRecord | undefined>;
  addEvent(requestId: string, event: NewRequestEvent): Promise<void>;
  /** Counts one code attempt if fewer than `max` were made; the new count, or undefined when none was left. */
  countCodeAttempt(id: string, max: number): Promise<number | undefined>;
  events(requestId: string): Promise<PrivacyRequestEvent[]>;
  /** Open requests first, by due date; then closed ones, latest due first. */
  list(states: readonly RequestState[] | undefined, limit: number): Promise<PrivacyRequestRecord[]>;
  listForAccount(accountId: string): Promise<PrivacyRequestRecord[]>;
  authorization(requestId: string): Promise<Authorization | undefined>;
  hasAuthorization(requestId: string): Promise<boolean>;
}

const withRequest = (requestId: string, event: NewRequestEvent) => ({ requestId, ...event });

export function createPrivacyRequestStore(db: Database): PrivacyRequestStore {
  return {
    async create(request, authorization, events) {
      return db.transaction(async (tx) => {
        const [row] = await tx.insert(privacyRequests).values(request).returning();
        if (authorization) await tx.insert(privacyRequestAuthorizations).values({ requestId: row!.id, ...authorization });
        if (events.length > 0) await tx.insert(privacyRequestEvents).values(events.map((e) => withRequest(row!.id, e)));
        return row!;
      });
    },
    async find(id) {
      const [row] = await db.select().from(privacyRequests).where(eq(privacyRequests.id, id));
      return row;
    },
    async findByReference(reference) {
      const [row] = await db.select().from(privacyRequests).where(eq(privacyRequests.reference, reference.toUpperCase()));
      return row;
    },
    async update(id, expected, changes, events) {
      return db.transaction(async (tx) => {
        const [row] = await tx
          .update(privacyRequests)
          .set(changes)
          .where(and(eq(privacyRequests.id, id), eq(privacyRequests.state, expected)))
          .returning();
        if (!row) return undefined;
        if (events.length > 0) await tx.insert(privacyRequestEvents).values(events.map((e) => withRequest(id, e)));
        return row;
      });
    },
    async addEvent(requestId, event) {
      await db.insert(privacyRequestEvents).values(withRequest(requestId, event));
    },
    async countCodeAttempt(id, max) {
      const [row] = await db
        .update(privacyRequests)
        .set({ codeAttempts: sql`${privacyRequests.codeAttempts} + 1` })
        .where(and(eq(privacyRequests.id, id), sql`${privacyRequests.codeAttempts} < ${max}`))
        .returning({ attempts: privacyRequests.codeAttempts });
      return row?.attempts;
    },
    async events(requestId) {
      return db
        .select()
        .from(privacyRequestEvents)
        .where(eq(privacyRequestEvents.requestId, requestId))
        .orderBy(asc(privacyRequestEvents.at), asc(privacyRequestEvents.id));
    },
    async list(states, limit) {
      const closed = sql`${privacyRequests.state} in ('completed', 'denied')`;
      return db
        .select()
        .from(privacyRequests)
        .where(states && states.length > 0 ? inArray(privacyRequests.state, [...states]) : undefined)
        .orderBy(
          sql`case when ${closed} then 1 else 0 end`,
          sql`case when ${closed} then null else ${privacyRequests.dueAt} end asc`,
          desc(privacyRequests.dueAt),
          asc(privacyRequests.reference),
        )
        .limit(limit);
    },
    async listForAccount(accountId) {
      return db.select().from(privacyRequests).where(eq(privacyRequests.accountId, accountId)).orderBy(desc(privacyRequests.receivedAt));
    },
    async authorization(requestId) {
      const [row] = await db
        .select({
          contentType: privacyRequestAuthorizations.contentType,
          bytes: privacyRequestAuthorizations.bytes,
          size: privacyRequestAuthorizations.size,
        })
        .from(privacyRequestAuthorizations)
        .where(eq(privacyRequestAuthorizations.requestId, requestId));
      return row;
    },
    async hasAuthorization(requestId) {
      const [row] = await db
        .select({ id: privacyRequestAuthorizations.requestId })
        .from(privacyRequestAuthorizations)
        .where(eq(privacyRequestAuthorizations.requestId, requestId));
      return row !== undefined;
    },
  };
}
