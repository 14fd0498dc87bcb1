import { and, arrayContains, count, desc, eq, inArray, lt, lte, or, sql } from 'drizzle-orm';
import type { Database } from '../../db/database.ts';
import { users } from '../accounts/schema.ts';
import { teamMembers, teams } from '../teams/schema.ts';
import { workspaces } from '../workspaces/schema.ts';
import { webhookDeliveries, webhookEndpoints } from './schema.ts';

export type EndpointRecord = typeof webhookEndpoints.$inferSelect;
export type DeliveryRecord = typeof webhookDeliveries.$inferSelect;
export type NewEndpoint = Pick<EndpointRecord, 'teamId' | 'workspaceId' | 'url' | 'description' | 'events' | 'secretSealed' | 'createdBy'> & { now: Date };
export type EndpointPatch = Partial<Pick<EndpointRecord, 'url' | 'description' | 'events' | 'enabled' | 'disabledReason' | 'consecutiveFailures' | 'secretSealed'>>;
export type Owner = { teamId: string } | { workspaceId: string };

export type WebhookStore = ReturnType<typeof createWebhookStore>;

const ownedBy = (owner: Owner) =>
  'teamId' in owner ? eq(webhookEndpoints.teamId, owner.teamId) : eq(webhookEndpoints.workspaceId, owner.workspaceId);

export function createWebhookStore(db: Database) {
  return {
    async insertEndpoint(input: NewEndpoint): Promise<EndpointRecord> {
      const { now, ...values } = input;
      const [row] = await db.insert(webhookEndpoints).values({ ...values, createdAt: now, updatedAt: now }).returning();
      return row!;
    },
    async countEndpoints(owner: Owner): Promise<number> {
      const [row] = await db.select({ n: count() }).from(webhookEndpoints).where(ownedBy(owner));
      return Number(row?.n ?? 0);
    },
    async listEndpoints(owner: Owner): Promise<EndpointRecord[]> {
      return db.select().from(webhookEndpoints).where(ownedBy(owner)).orderBy(webhookEndpoints.createdAt, webhookEndpoints.id);
    },
    async findEndpoint(owner: Owner, id: string): Promise<EndpointRecord | undefined> {
      const [row] = await db.select().from(webhookEndpoints).where(and(ownedBy(owner), eq(webhookEndpoints.id, id))).limit(1);
      return row;
    },
    async endpointById(id: string): Promise<EndpointRecord | undefined> {
      const [row] = await db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, id)).limit(1);
      return row;
    },
    async updateEndpoint(id: string, patch: EndpointPatch, now: Date): Promise<EndpointRecord | undefined> {
      const [row] = await db.update(webhookEndpoints).set({ ...patch, updatedAt: now }).where(eq(webhookEndpoints.id, id)).returning();
      return row;
    },
    async deleteEndpoint(id: string): Promise<void> {
      await db.delete(webhookEndpoints).where(eq(webhookEndpoints.id, id));
    },
    /**
     * Enabled endpoints subscribed to `type` that hear about this event: the team's, the
     * workspace's, and those of the team the workspace belongs to.
     */
    async subscribers(type: string, scope: { teamIds: string[]; workspaceId?: string | undefined }): Promise<EndpointRecord[]> {
      const who = [
        ...(scope.teamIds.length > 0 ? [inArray(webhookEndpoints.teamId, [...new Set(scope.teamIds)])] : []),
        ...(scope.workspaceId
          ? [
              eq(webhookEndpoints.workspaceId, scope.workspaceId),
              inArray(webhookEndpoints.teamId, db.select({ teamId: workspaces.teamId }).from(workspaces).where(eq(workspaces.id, scope.workspaceId))),
            ]
          : []),
      ];
      if (who.length === 0) return [];
      // One query per change, also when nobody listens: every save of a collection passes here.
      return db
        .select()
        .from(webhookEndpoints)
        .where(and(eq(webhookEndpoints.enabled, true), arrayContains(webhookEndpoints.events, [type]), or(...who)));
    },
    async insertDelivery(values: Pick<DeliveryRecord, 'endpointId' | 'eventId' | 'eventType' | 'payload' | 'nextAttemptAt' | 'createdAt'>): Promise<DeliveryRecord> {
      const [row] = await db
        .insert(webhookDeliveries)
        .values({ ...values, status: 'pending', attempts: 0 })
        .returning();
      return row!;
    },
    async findDelivery(endpointId: string, id: string): Promise<DeliveryRecord | undefined> {
      const [row] = await db
        .select()
        .from(webhookDeliveries)
        .where(and(eq(webhookDeliveries.endpointId, endpointId), eq(webhookDeliveries.id, id)))
        .limit(1);
      return row;
    },
    /** Newest first; `before` is the (createdAt, id) of the last one already seen. */
    async listDeliveries(endpointId: string, limit: number, before?: [Date, string]): Promise<DeliveryRecord[]> {
      return db
        .select()
        .from(webhookDeliveries)
        .where(
          and(
            eq(webhookDeliveries.endpointId, endpointId),
            before === undefined
              ? undefined
              : or(lt(webhookDeliveries.createdAt, before[0]), and(eq(webhookDeliveries.createdAt, before[0]), lt(webhookDeliveries.id, before[1]))),
          ),
        )
        .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
        .limit(limit);
    },
    /**
     * Takes a due delivery for one attempt. Only one caller wins, so a queued job and the sweep
     * never send the same attempt twice; a 'sending' row older than `staleBefore` (its process
     * died mid-attempt) may be taken again.
     */
    async claim(id: string, now: Date, staleBefore: Date): Promise<DeliveryRecord | undefined> {
      const [row] = await db
        .update(webhookDeliveries)
        .set({ status: 'sending', lastAttemptAt: now, attempts: sql`${webhookDeliveries.attempts} + 1` })
        .where(
          and(
            eq(webhookDeliveries.id, id),
            or(
              and(inArray(webhookDeliveries.status, ['pending', 'retrying']), lte(webhookDeliveries.nextAttemptAt, now)),
              and(eq(webhookDeliveries.status, 'sending'), lt(webhookDeliveries.lastAttemptAt, staleBefore)),
            ),
          ),
        )
        .returning();
      return row;
    },
    async finishAttempt(id: string, change: Pick<DeliveryRecord, 'status' | 'nextAttemptAt' | 'durationMs' | 'responseStatus' | 'responseExcerpt' | 'error'>): Promise<void> {
      await db.update(webhookDeliveries).set(change).where(eq(webhookDeliveries.id, id));
    },
    async dueIds(now: Date, staleBefore: Date, limit: number): Promise<string[]> {
      const rows = await db
        .select({ id: webhookDeliveries.id })
        .from(webhookDeliveries)
        .where(
          or(
            and(inArray(webhookDeliveries.status, ['pending', 'retrying']), lte(webhookDeliveries.nextAttemptAt, now)),
            and(eq(webhookDeliveries.status, 'sending'), lt(webhookDeliveries.lastAttemptAt, staleBefore)),
          ),
        )
        .orderBy(webhookDeliveries.nextAttemptAt)
        .limit(limit);
      return rows.map((r) => r.id);
    },
    /** Stops what is still queued for a disabled endpoint. */
    async abandonQueued(endpointId: string, reason: string): Promise<void> {
      await db
        .update(webhookDeliveries)
        .set({ status: 'failed', nextAttemptAt: null, error: reason })
        .where(and(eq(webhookDeliveries.endpointId, endpointId), inArray(webhookDeliveries.status, ['pending', 'retrying'])));
    },
    async recordOutcome(id: string, success: boolean): Promise<EndpointRecord | undefined> {
      const [row] = await db
        .update(webhookEndpoints)
        .set({ consecutiveFailures: success ? 0 : sql`${webhookEndpoints.consecutiveFailures} + 1` })
        .where(eq(webhookEndpoints.id, id))
        .returning();
      return row;
    },
    /** Addresses of the team's owner and admins, to tell them an endpoint was switched off. */
    async teamAdminEmails(teamId: string): Promise<string[]> {
      const rows = await db
        .select({ email: users.email })
        .from(teamMembers)
        .innerJoin(users, eq(users.id, teamMembers.userId))
        .where(and(eq(teamMembers.teamId, teamId), inArray(teamMembers.role, ['owner', 'admin'])));
      return rows.map((r) => r.email);
    },
    async accountEmail(id: string | null): Promise<string | undefined> {
      if (!id) return undefined;
      const [row] = await db.select({ email: users.email }).from(users).where(eq(users.id, id)).limit(1);
      return row?.email;
    },
    async teamSlug(teamId: string): Promise<string | undefined> {
      const [row] = await db.select({ slug: teams.slug }).from(teams).where(eq(teams.id, teamId)).limit(1);
      return row?.slug;
    },
    async workspaceOwnerEmail(workspaceId: string): Promise<string | undefined> {
      const [row] = await db
        .select({ email: users.email })
        .from(workspaces)
        .innerJoin(users, eq(users.id, workspaces.ownerId))
        .where(eq(workspaces.id, workspaceId))
        .limit(1);
      return row?.email;
    },
  };
}
