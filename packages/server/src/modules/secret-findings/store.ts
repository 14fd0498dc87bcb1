import { and, asc, count, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Database } from '../../db/database.ts';
import { users } from '../accounts/schema.ts';
import { collections } from '../collections/schema.ts';
import type { ItemIdNode } from '../collections/item-ids.ts';
import { environments, workspaceGlobals } from '../environments/schema.ts';
import { teamMembers } from '../teams/schema.ts';
import { workspaceGrants, workspaces } from '../workspaces/schema.ts';
import { secretFindings, secretScans } from './schema.ts';
import type { FindingState, ScannedItemKind } from './schema.ts';

export type FindingRecord = typeof secretFindings.$inferSelect;
export type ScanRecord = typeof secretScans.$inferSelect;

/** What one scan of one item found, keyed by JSON path and value hash. */
export interface ScannedValue {
  jsonPath: string;
  target: string | null;
  line: number | null;
  ruleId: string;
  masked: string;
  valueSha256: string;
}

export interface ScannableItem {
  kind: ScannedItemKind;
  id: string;
  workspaceId: string;
  name: string;
  revision: number;
  document: string;
  itemIds?: ItemIdNode[];
}

export interface FindingFilter {
  state?: FindingState | undefined;
  itemKind?: ScannedItemKind | undefined;
  itemId?: string | undefined;
  includeRemoved?: boolean | undefined;
}

export type SecretFindingStore = ReturnType<typeof createSecretFindingStore>;

export function createSecretFindingStore(db: Database) {
  const itemWhere = (kind: ScannedItemKind, id: string) => and(eq(secretFindings.itemKind, kind), eq(secretFindings.itemId, id));

  return {
    async loadItem(kind: ScannedItemKind, id: string): Promise<ScannableItem | undefined> {
      if (kind === 'collection') {
        const [row] = await db
          .select({ id: collections.id, workspaceId: collections.workspaceId, name: collections.name, revision: collections.revision, document: collections.document, itemIds: collections.itemIds })
          .from(collections)
          .where(eq(collections.id, id));
        return row && { kind, ...row };
      }
      if (kind === 'environment') {
        const [row] = await db
          .select({ id: environments.id, workspaceId: environments.workspaceId, name: environments.name, revision: environments.revision, document: environments.document })
          .from(environments)
          .where(eq(environments.id, id));
        return row && { kind, ...row };
      }
      const [row] = await db
        .select({ workspaceId: workspaceGlobals.workspaceId, revision: workspaceGlobals.revision, document: workspaceGlobals.document })
        .from(workspaceGlobals)
        .where(eq(workspaceGlobals.workspaceId, id));
      return row && { kind, id: row.workspaceId, name: 'Globals', ...row };
    },

    /** The current revision, to drop results of a scan that a newer save overtook. */
    async revisionOf(kind: ScannedItemKind, id: string): Promise<number | undefined> {
      const table = kind === 'collection' ? collections : kind === 'environment' ? environments : workspaceGlobals;
      const key = kind === 'collection' ? collections.id : kind === 'environment' ? environments.id : workspaceGlobals.workspaceId;
      const [row] = await db.select({ revision: table.revision }).from(table).where(eq(key, id));
      return row?.revision;
    },

    /** Every collection, environment and the globals of a workspace. */
    async itemsOf(workspaceId: string): Promise<{ kind: ScannedItemKind; id: string }[]> {
      const cs = await db.select({ id: collections.id }).from(collections).where(eq(collections.workspaceId, workspaceId)).orderBy(asc(collections.id));
      const es = await db.select({ id: environments.id }).from(environments).where(eq(environments.workspaceId, workspaceId)).orderBy(asc(environments.id));
      const gs = await db.select({ id: workspaceGlobals.workspaceId }).from(workspaceGlobals).where(eq(workspaceGlobals.workspaceId, workspaceId));
      return [
        ...cs.map((r) => ({ kind: 'collection' as const, id: r.id })),
        ...es.map((r) => ({ kind: 'environment' as const, id: r.id })),
        ...gs.map((r) => ({ kind: 'globals' as const, id: r.id })),
      ];
    },

    async workspaceIds(): Promise<string[]> {
      return (await db.select({ id: workspaces.id }).from(workspaces).orderBy(asc(workspaces.id))).map((r) => r.id);
    },

    async workspace(id: string): Promise<{ id: string; name: string; kind: string; teamId: string | null; ownerId: string | null } | undefined> {
      const [row] = await db
        .select({ id: workspaces.id, name: workspaces.name, kind: workspaces.kind, teamId: workspaces.teamId, ownerId: workspaces.ownerId })
        .from(workspaces)
        .where(eq(workspaces.id, id));
      return row;
    },

    /**
     * Records one scan of an item: known (path, hash) pairs are seen again (and come back if they
     * had been removed), new ones are inserted active, and those no longer present are marked
     * removed. Answers the rows inserted. Skipped (undefined) when the item changed since it was read.
     */
    async applyScan(item: ScannableItem, found: ScannedValue[], now: Date): Promise<FindingRecord[] | undefined> {
      return db.transaction(async (tx) => {
        const table = item.kind === 'collection' ? collections : item.kind === 'environment' ? environments : workspaceGlobals;
        const key = item.kind === 'collection' ? collections.id : item.kind === 'environment' ? environments.id : workspaceGlobals.workspaceId;
        const [current] = await tx.select({ revision: table.revision }).from(table).where(eq(key, item.id));
        if (!current || current.revision !== item.revision) return undefined;
        const existing = await tx.select().from(secretFindings).where(itemWhere(item.kind, item.id));
        const byKey = new Map(existing.map((f) => [`${f.jsonPath}\u0000${f.valueSha256}`, f]));
        const seen = new Set<string>();
        const inserted: FindingRecord[] = [];
        for (const v of found) {
          const k = `${v.jsonPath}\u0000${v.valueSha256}`;
          if (seen.has(k)) continue;
          seen.add(k);
          const old = byKey.get(k);
          if (old) {
            await tx
              .update(secretFindings)
              .set({ lastSeenAt: now, removedAt: null, ruleId: v.ruleId, masked: v.masked, target: v.target, line: v.line })
              .where(eq(secretFindings.id, old.id));
          } else {
            const rows = await tx
              .insert(secretFindings)
              .values({ workspaceId: item.workspaceId, itemKind: item.kind, itemId: item.id, ...v, firstSeenAt: now, lastSeenAt: now })
              .onConflictDoNothing()
              .returning();
            inserted.push(...rows);
          }
        }
        const gone = existing.filter((f) => f.removedAt === null && !seen.has(`${f.jsonPath}\u0000${f.valueSha256}`)).map((f) => f.id);
        if (gone.length > 0) await tx.update(secretFindings).set({ removedAt: now }).where(inArray(secretFindings.id, gone));
        return inserted;
      });
    },

    async deleteForItem(kind: ScannedItemKind, id: string): Promise<void> {
      await db.delete(secretFindings).where(itemWhere(kind, id));
    },

    async list(workspaceId: string, filter: FindingFilter): Promise<(FindingRecord & { itemName: string | null; changedByName: string | null })[]> {
      const rows = await db
        .select({ finding: secretFindings, changedByName: users.username })
        .from(secretFindings)
        .leftJoin(users, eq(users.id, secretFindings.stateChangedBy))
        .where(
          and(
            eq(secretFindings.workspaceId, workspaceId),
            filter.state ? eq(secretFindings.state, filter.state) : undefined,
            filter.itemKind ? eq(secretFindings.itemKind, filter.itemKind) : undefined,
            filter.itemId ? eq(secretFindings.itemId, filter.itemId) : undefined,
            filter.includeRemoved ? undefined : isNull(secretFindings.removedAt),
          ),
        )
        .orderBy(asc(secretFindings.itemKind), asc(secretFindings.itemId), asc(secretFindings.jsonPath))
        .limit(1000);
      const names = await this.itemNames(workspaceId);
      return rows.map((r) => ({ ...r.finding, changedByName: r.changedByName, itemName: names.get(`${r.finding.itemKind}:${r.finding.itemId}`) ?? null }));
    },

    async itemNames(workspaceId: string): Promise<Map<string, string>> {
      const cs = await db.select({ id: collections.id, name: collections.name }).from(collections).where(eq(collections.workspaceId, workspaceId));
      const es = await db.select({ id: environments.id, name: environments.name }).from(environments).where(eq(environments.workspaceId, workspaceId));
      return new Map([
        ...cs.map((c) => [`collection:${c.id}`, c.name] as const),
        ...es.map((e) => [`environment:${e.id}`, e.name] as const),
        [`globals:${workspaceId}`, 'Globals'] as const,
      ]);
    },

    async find(id: string): Promise<FindingRecord | undefined> {
      const [row] = await db.select().from(secretFindings).where(eq(secretFindings.id, id));
      return row;
    },

    async setState(id: string, state: FindingState, note: string | null, by: string, now: Date): Promise<FindingRecord | undefined> {
      const [row] = await db
        .update(secretFindings)
        .set({ state, stateNote: note, stateChangedBy: by, stateChangedAt: now })
        .where(eq(secretFindings.id, id))
        .returning();
      return row;
    },

    /** Active, present findings per item (and per request/variable inside it). */
    async activeCounts(workspaceId: string): Promise<{ itemKind: ScannedItemKind; itemId: string; target: string | null; count: number }[]> {
      const rows = await db
        .select({ itemKind: secretFindings.itemKind, itemId: secretFindings.itemId, target: secretFindings.target, count: count() })
        .from(secretFindings)
        .where(and(eq(secretFindings.workspaceId, workspaceId), eq(secretFindings.state, 'active'), isNull(secretFindings.removedAt)))
        .groupBy(secretFindings.itemKind, secretFindings.itemId, secretFindings.target);
      return rows.map((r) => ({ ...r, count: Number(r.count) }));
    },

    /**
     * Candidates for "workspace admin": the owner, people granted admin, members of teams granted
     * admin, and the owner and admins of the workspace's team. The service confirms each one's role.
     */
    async adminCandidates(workspaceId: string): Promise<string[]> {
      const ws = await this.workspace(workspaceId);
      if (!ws) return [];
      const ids = new Set<string>();
      if (ws.ownerId) ids.add(ws.ownerId);
      const grants = await db
        .select({ userId: workspaceGrants.userId, teamId: workspaceGrants.teamId })
        .from(workspaceGrants)
        .where(and(eq(workspaceGrants.workspaceId, workspaceId), eq(workspaceGrants.role, 'admin')));
      for (const g of grants) if (g.userId) ids.add(g.userId);
      const teamIds = grants.flatMap((g) => (g.teamId ? [g.teamId] : []));
      if (teamIds.length > 0) {
        for (const m of await db.select({ userId: teamMembers.userId }).from(teamMembers).where(inArray(teamMembers.teamId, teamIds))) ids.add(m.userId);
      }
      if (ws.teamId) {
        const members = await db
          .select({ userId: teamMembers.userId })
          .from(teamMembers)
          .where(and(eq(teamMembers.teamId, ws.teamId), inArray(teamMembers.role, ['owner', 'admin'])));
        for (const m of members) ids.add(m.userId);
      }
      return [...ids];
    },

    async scan(workspaceId: string): Promise<ScanRecord | undefined> {
      const [row] = await db.select().from(secretScans).where(eq(secretScans.workspaceId, workspaceId));
      return row;
    },

    async putScan(workspaceId: string, values: Partial<Omit<ScanRecord, 'workspaceId'>> & Pick<ScanRecord, 'status'>): Promise<void> {
      await db
        .insert(secretScans)
        .values({ workspaceId, trigger: 'request', queuedAt: values.queuedAt ?? new Date(), ...values })
        .onConflictDoUpdate({ target: secretScans.workspaceId, set: values });
    },

    async bumpScan(workspaceId: string, newFindings: number): Promise<void> {
      await db
        .update(secretScans)
        .set({ itemsDone: sql`${secretScans.itemsDone} + 1`, newFindings: sql`${secretScans.newFindings} + ${newFindings}` })
        .where(eq(secretScans.workspaceId, workspaceId));
    },
  };
}
