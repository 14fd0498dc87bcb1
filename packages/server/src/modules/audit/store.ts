import { and, desc, eq, lt } from 'drizzle-orm';
import type { Database } from '../../db/database.ts';
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
