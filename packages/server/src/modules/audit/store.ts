import { and, desc, eq, gte, ilike, inArray, like, lt, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Database } from '../../db/database.ts';
import { users } from '../accounts/schema.ts';
import { teamMembers } from '../teams/schema.ts';
import { auditEvents } from './schema.ts';

export interface AuditEventInput {
  actorId: string | null;
  action: string;
  targetType?: string;
  targetId?: string;
  details?: Record<string, unknown>;
  /** The team whose admins may read it; omit for instance-level events. */
  teamId?: string | null;
}

export interface AuditEvent extends Required<Omit<AuditEventInput, 'targetType' | 'targetId' | 'teamId'>> {
  id: string;
  occurredAt: Date;
  targetType: string | null;
  targetId: string | null;
  teamId: string | null;
}

export interface AuditStore {
  insert(event: AuditEventInput, at: Date): Promise<AuditEvent>;
  list(filter: { action?: string; actorId?: string; before?: Date; limit: number }): Promise<AuditEvent[]>;
}

export function createAuditStore(db: Database): AuditStore {
  return {
    async insert(event, at) {
      const [row] = await db
        .insert(auditEvents)
        .values({
          occurredAt: at,
          actorId: event.actorId,
          action: event.action,
          targetType: event.targetType ?? null,
          targetId: event.targetId ?? null,
          details: event.details ?? {},
          teamId: event.teamId ?? null,
        })
        .returning();
      return row!;
    },
    async list({ action, actorId, before, limit }) {
      return db
        .select()
        .from(auditEvents)
        .where(
          and(
            action ? eq(auditEvents.action, action) : undefined,
            actorId ? eq(auditEvents.actorId, actorId) : undefined,
            before ? lt(auditEvents.occurredAt, before) : undefined,
          ),
        )
        .orderBy(desc(auditEvents.occurredAt), desc(auditEvents.id))
        .limit(limit);
    },
  };
}

/** What the audit log search (P18) narrows by; every part is optional except the scope. */
export interface AuditSearch {
  /** A team's view: its events, and events by its current members on the team itself. Unset: everything (operator). */
  teamId?: string;
  /** Matches the action and anything under it: `team.member` finds `team.member.removed`. */
  actionPrefix?: string;
  /** An account id; an unknown username resolves to no events rather than all. */
  actorId?: string | null;
  /** A target id, or an account id when the target was given as a username. */
  targetIds?: string[];
  from?: Date;
  to?: Date;
  /** Free text over the action, target type and target id. */
  text?: string;
  /** Events strictly older than this (occurred_at, id) key. */
  before?: [Date, string];
  limit: number;
}

export interface AuditSearchRow extends AuditEvent {
  actorUsername: string | null;
  /** The account's username when the target is an account that still exists. */
  targetUsername: string | null;
}

/** Escapes LIKE wildcards so user text matches literally. */
const literal = (text: string) => text.replace(/[\\%_]/g, (ch) => `\\${ch}`);

export function searchAuditEvents(db: Database, search: AuditSearch): Promise<AuditSearchRow[]> {
  const target = alias(users, 'audit_target');
  const scope =
    search.teamId === undefined
      ? undefined
      : or(
          eq(auditEvents.teamId, search.teamId),
          and(
            eq(auditEvents.targetType, 'team'),
            eq(auditEvents.targetId, search.teamId),
            inArray(auditEvents.actorId, db.select({ id: teamMembers.userId }).from(teamMembers).where(eq(teamMembers.teamId, search.teamId))),
          ),
        );
  const text = search.text ? `%${literal(search.text)}%` : undefined;
  return db
    .select({
      id: auditEvents.id,
      occurredAt: auditEvents.occurredAt,
      actorId: auditEvents.actorId,
      action: auditEvents.action,
      targetType: auditEvents.targetType,
      targetId: auditEvents.targetId,
      details: auditEvents.details,
      teamId: auditEvents.teamId,
      actorUsername: users.username,
      targetUsername: target.username,
    })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorId))
    // Some modules name an account target 'user'; both read as the account's username.
    .leftJoin(target, and(inArray(auditEvents.targetType, ['account', 'user']), eq(sql`${target.id}::text`, auditEvents.targetId)))
    .where(
      and(
        scope,
        search.actionPrefix ? or(eq(auditEvents.action, search.actionPrefix), like(auditEvents.action, `${literal(search.actionPrefix)}.%`)) : undefined,
        search.actorId === undefined ? undefined : search.actorId === null ? sql`false` : eq(auditEvents.actorId, search.actorId),
        search.targetIds === undefined ? undefined : search.targetIds.length === 0 ? sql`false` : inArray(auditEvents.targetId, search.targetIds),
        search.from ? gte(auditEvents.occurredAt, search.from) : undefined,
        search.to ? lt(auditEvents.occurredAt, search.to) : undefined,
        text ? or(ilike(auditEvents.action, text), ilike(auditEvents.targetType, text), ilike(auditEvents.targetId, text)) : undefined,
        search.before ? sql`(${auditEvents.occurredAt}, ${auditEvents.id}) < (${search.before[0].toISOString()}::timestamptz, ${search.before[1]}::uuid)` : undefined,
      ),
    )
    .orderBy(desc(auditEvents.occurredAt), desc(auditEvents.id))
    .limit(search.limit);
}
