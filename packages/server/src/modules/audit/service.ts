import type { Clock } from '../../clock.ts';
import type { AuditEventInput, AuditStore } from './store.ts';

export type AuditService = ReturnType<typeof createAuditService>;

/**
 * Writes and reads the audit log (P18). Callers pass ids and codes, never personal values: the log
 * outlives the people in it, and erasure only nulls the actor column.
 */
export function createAuditService({ store, clock }: { store: AuditStore; clock: Clock }) {
  return {
    record(event: AuditEventInput) {
      return store.insert(event, clock());
    },
    list(filter: { action?: string; actorId?: string; before?: Date; limit?: number } = {}) {
      return store.list({ ...filter, limit: Math.min(Math.max(filter.limit ?? 50, 1), 500) });
    },
  };
}
