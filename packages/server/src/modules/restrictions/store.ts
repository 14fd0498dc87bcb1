import { and, eq } from 'drizzle-orm';
import type { Database } from '../../db/database.ts';
import { dataRestrictions } from './schema.ts';
import type { ProcessingRestrictedBy } from './schema.ts';

export interface Restrictions {
  marketing: boolean;
  analytics: boolean;
  personalisation: boolean;
}

/** The account-wide "processing restricted" state (P25); null when processing is not restricted. */
export interface ProcessingRestriction {
  by: ProcessingRestrictedBy;
  reason: string | null;
  since: Date;
  requestId: string | null;
}

export interface StoredRestrictions extends Restrictions {
  processing: ProcessingRestriction | null;
  updatedAt: Date;
}

export interface RestrictionStore {
  find(userId: string): Promise<StoredRestrictions | undefined>;
  save(userId: string, restrictions: Restrictions, now: Date): Promise<StoredRestrictions>;
  setProcessing(userId: string, processing: ProcessingRestriction, now: Date): Promise<StoredRestrictions>;
  /** Lifts it if set, and, when `onlyBy` is given, only if set that way; whether anything changed. */
  liftProcessing(userId: string, now: Date, onlyBy?: { by: ProcessingRestrictedBy; requestId?: string }): Promise<boolean>;
}

const columns = {
  marketing: dataRestrictions.marketing,
  analytics: dataRestrictions.analytics,
  personalisation: dataRestrictions.personalisation,
  processingRestricted: dataRestrictions.processingRestricted,
  processingRestrictedBy: dataRestrictions.processingRestrictedBy,
  processingRestrictedReason: dataRestrictions.processingRestrictedReason,
  processingRestrictedSince: dataRestrictions.processingRestrictedSince,
  processingRestrictedRequestId: dataRestrictions.processingRestrictedRequestId,
  updatedAt: dataRestrictions.updatedAt,
};

type Row = Omit<typeof dataRestrictions.$inferSelect, 'userId'>;

function toStored(row: Row): StoredRestrictions {
  return {
    marketing: row.marketing,
    analytics: row.analytics,
    personalisation: row.personalisation,
    processing:
      row.processingRestricted && row.processingRestrictedSince
        ? {
            by: row.processingRestrictedBy ?? 'person',
            reason: row.processingRestrictedReason,
            since: row.processingRestrictedSince,
            requestId: row.processingRestrictedRequestId,
          }
        : null,
    updatedAt: row.updatedAt,
  };
}

const LIFTED = {
  processingRestricted: false,
  processingRestrictedBy: null,
  processingRestrictedReason: null,
  processingRestrictedSince: null,
  processingRestrictedRequestId: null,
};

export function createRestrictionStore(db: Database): RestrictionStore {
  return {
    async find(userId) {
      const [row] = await db.select(columns).from(dataRestrictions).where(eq(dataRestrictions.userId, userId));
      return row && toStored(row);
    },
    async save(userId, restrictions, now) {
      const [row] = await db
        .insert(dataRestrictions)
        .values({ userId, ...restrictions, updatedAt: now })
        .onConflictDoUpdate({ target: dataRestrictions.userId, set: { ...restrictions, updatedAt: now } })
        .returning(columns);
      return toStored(row!);
    },
    async setProcessing(userId, processing, now) {
      const set = {
        processingRestricted: true,
        processingRestrictedBy: processing.by,
        processingRestrictedReason: processing.reason,
        processingRestrictedSince: processing.since,
        processingRestrictedRequestId: processing.requestId,
        updatedAt: now,
      };
      const [row] = await db
        .insert(dataRestrictions)
        .values({ userId, ...set })
        .onConflictDoUpdate({ target: dataRestrictions.userId, set })
        .returning(columns);
      return toStored(row!);
    },
    async liftProcessing(userId, now, onlyBy) {
      const conditions = [eq(dataRestrictions.userId, userId), eq(dataRestrictions.processingRestricted, true)];
      if (onlyBy) conditions.push(eq(dataRestrictions.processingRestrictedBy, onlyBy.by));
      if (onlyBy?.requestId) conditions.push(eq(dataRestrictions.processingRestrictedRequestId, onlyBy.requestId));
      const updated = await db
        .update(dataRestrictions)
        .set({ ...LIFTED, updatedAt: now })
        .where(and(...conditions))
        .returning({ userId: dataRestrictions.userId });
      return updated.length > 0;
    },
  };
}
