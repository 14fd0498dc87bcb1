import { and, asc, desc, eq, gt, isNotNull, isNull, lte, sql } from 'drizzle-orm';
import type { Database } from '../../db/database.ts';
import { users } from '../accounts/schema.ts';
import { policyAcknowledgements, policyVersions } from './schema.ts';
import type { PolicyKind } from './schema.ts';

export type PolicyVersionRecord = typeof policyVersions.$inferSelect;

export interface DraftFields {
  title: string;
  body: string;
  effectiveAt: Date | null;
  significant: boolean;
  keyChanges: string[];
}

export interface PolicyStore {
  /** Inserts version 1 of each kind unless any version exists; safe when several instances start at once. */
  seedIfEmpty(versions: { kind: PolicyKind; title: string; body: string }[], now: Date): Promise<boolean>;
  /** The published version in effect at `now` (the latest with effective_at ≤ now). */
  current(kind: PolicyKind, now: Date): Promise<PolicyVersionRecord | undefined>;
  /** Published versions, newest first. */
  published(kind: PolicyKind): Promise<PolicyVersionRecord[]>;
  /** Every version of every kind, drafts included, newest first per kind. */
  all(): Promise<PolicyVersionRecord[]>;
  find(kind: PolicyKind, version: number): Promise<PolicyVersionRecord | undefined>;
  /** The kind's draft, numbered after the last version; undefined when a draft already exists. */
  createDraft(kind: PolicyKind, fields: DraftFields): Promise<PolicyVersionRecord | undefined>;
  /** Changes a draft; undefined when the version is not (or no longer) a draft. */
  updateDraft(kind: PolicyKind, version: number, fields: Partial<DraftFields>): Promise<PolicyVersionRecord | undefined>;
  deleteDraft(kind: PolicyKind, version: number): Promise<boolean>;
  /** Publishes a draft; undefined when it is not (or no longer) a draft. */
  publish(kind: PolicyKind, version: number, at: { publishedAt: Date; effectiveAt: Date; publishedBy: string }): Promise<PolicyVersionRecord | undefined>;
  /** The latest published, significant version of the kind in effect at `now`. */
  latestSignificant(kind: PolicyKind, now: Date): Promise<PolicyVersionRecord | undefined>;
  acknowledged(userId: string, kind: PolicyKind, version: number): Promise<boolean>;
  /** Records the acknowledgement once; later calls keep the first time. */
  acknowledge(userId: string, kind: PolicyKind, version: number, at: Date): Promise<void>;
  /** Live, not suspended accounts after `afterId` in id order: the recipients of an announcement. */
  recipients(afterId: string | undefined, limit: number): Promise<{ id: string; email: string; username: string }[]>;
  recordAnnouncement(id: string, sent: number, finishedAt: Date | null): Promise<void>;
}

export function createPolicyStore(db: Database): PolicyStore {
  const kindVersion = (kind: PolicyKind, version: number) => and(eq(policyVersions.kind, kind), eq(policyVersions.version, version));
  const isDraft = isNull(policyVersions.publishedAt);
  return {
    async seedIfEmpty(versions, now) {
      return db.transaction(async (tx) => {
        // Two processes starting on one new database: the second waits, then sees the rows.
        await tx.execute(sql`select pg_advisory_xact_lock(hashtext('postern:policies:seed'))`);
        const [any] = await tx.select({ id: policyVersions.id }).from(policyVersions).limit(1);
        if (any) return false;
        await tx.insert(policyVersions).values(
          versions.map((v) => ({ ...v, version: 1, effectiveAt: now, publishedAt: now, significant: false, keyChanges: ['First version.'] })),
        );
        return true;
      });
    },
    async current(kind, now) {
      const [row] = await db
        .select()
        .from(policyVersions)
        .where(and(eq(policyVersions.kind, kind), isNotNull(policyVersions.publishedAt), lte(policyVersions.effectiveAt, now)))
        .orderBy(desc(policyVersions.version))
        .limit(1);
      return row;
    },
    async published(kind) {
      return db
        .select()
        .from(policyVersions)
        .where(and(eq(policyVersions.kind, kind), isNotNull(policyVersions.publishedAt)))
        .orderBy(desc(policyVersions.version));
    },
    async all() {
      return db.select().from(policyVersions).orderBy(asc(policyVersions.kind), desc(policyVersions.version));
    },
    async find(kind, version) {
      const [row] = await db.select().from(policyVersions).where(kindVersion(kind, version)).limit(1);
      return row;
    },
    async createDraft(kind, fields) {
      try {
        const [row] = await db
          .insert(policyVersions)
          .values({
            kind,
            ...fields,
            version: sql`(select coalesce(max(${policyVersions.version}), 0) + 1 from ${policyVersions} where ${policyVersions.kind} = ${kind})`,
          })
          .returning();
        return row;
      } catch (error) {
        if (isUniqueViolation(error)) return undefined;
        throw error;
      }
    },
    async updateDraft(kind, version, fields) {
      const [row] = await db
        .update(policyVersions)
        .set(fields)
        .where(and(kindVersion(kind, version), isDraft))
        .returning();
      return row;
    },
    async deleteDraft(kind, version) {
      const deleted = await db
        .delete(policyVersions)
        .where(and(kindVersion(kind, version), isDraft))
        .returning({ id: policyVersions.id });
      return deleted.length > 0;
    },
    async publish(kind, version, at) {
      const [row] = await db
        .update(policyVersions)
        .set(at)
        .where(and(kindVersion(kind, version), isDraft))
        .returning();
      return row;
    },
    async latestSignificant(kind, now) {
      const [row] = await db
        .select()
        .from(policyVersions)
        .where(
          and(
            eq(policyVersions.kind, kind),
            isNotNull(policyVersions.publishedAt),
            eq(policyVersions.significant, true),
            lte(policyVersions.effectiveAt, now),
          ),
        )
        .orderBy(desc(policyVersions.version))
        .limit(1);
      return row;
    },
    async acknowledged(userId, kind, version) {
      const [row] = await db
        .select({ userId: policyAcknowledgements.userId })
        .from(policyAcknowledgements)
        .where(and(eq(policyAcknowledgements.userId, userId), eq(policyAcknowledgements.kind, kind), eq(policyAcknowledgements.version, version)))
        .limit(1);
      return row !== undefined;
    },
    async acknowledge(userId, kind, version, at) {
      await db.insert(policyAcknowledgements).values({ userId, kind, version, acknowledgedAt: at }).onConflictDoNothing();
    },
    async recipients(afterId, limit) {
      return db
        .select({ id: users.id, email: users.email, username: users.username })
        .from(users)
        .where(and(isNull(users.deletedAt), isNull(users.suspendedAt), afterId ? gt(users.id, afterId) : undefined))
        .orderBy(asc(users.id))
        .limit(limit);
    },
    async recordAnnouncement(id, sent, finishedAt) {
      await db.update(policyVersions).set({ announcedCount: sent, announcementFinishedAt: finishedAt }).where(eq(policyVersions.id, id));
    },
  };
}

function isUniqueViolation(error: unknown): boolean {
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    if ((e as { code?: string }).code === '23505') return true;
  }
  return false;
}
