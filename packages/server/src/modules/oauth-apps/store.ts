import { and, asc, desc, eq, gt, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { Database } from '../../db/database.ts';
import { users } from '../accounts/schema.ts';
import type { SessionOwner } from '../sessions/store.ts';
import { teamMembers, teams } from '../teams/schema.ts';
import { oauthApps, oauthCodes, oauthGrants, oauthTeamPolicies, oauthTeamRules, oauthTokens } from './schema.ts';
import type { OAuthScope } from './scopes.ts';

export type OAuthAppRecord = typeof oauthApps.$inferSelect;
export type OAuthGrantRecord = typeof oauthGrants.$inferSelect;
export type OAuthCodeRecord = typeof oauthCodes.$inferSelect;
export type OAuthTokenRecord = typeof oauthTokens.$inferSelect;
export type TeamRule = 'allow' | 'block';

export type OAuthStore = ReturnType<typeof createOAuthStore>;

export function createOAuthStore(db: Database) {
  return {
    async createApp(values: typeof oauthApps.$inferInsert): Promise<OAuthAppRecord> {
      const [row] = await db.insert(oauthApps).values(values).returning();
      return row!;
    },
    listOwnedApps(ownerId: string): Promise<OAuthAppRecord[]> {
      return db.select().from(oauthApps).where(eq(oauthApps.ownerId, ownerId)).orderBy(desc(oauthApps.createdAt), desc(oauthApps.id));
    },
    /** Every app on the instance, newest first (operators). */
    listApps(limit: number): Promise<OAuthAppRecord[]> {
      return db.select().from(oauthApps).orderBy(desc(oauthApps.createdAt), desc(oauthApps.id)).limit(limit);
    },
    async deleteOwnedApp(id: string, ownerId: string): Promise<boolean> {
      const rows = await db
        .delete(oauthApps)
        .where(and(eq(oauthApps.id, id), eq(oauthApps.ownerId, ownerId)))
        .returning({ id: oauthApps.id });
      return rows.length > 0;
    },
    async findAppByClientId(clientId: string): Promise<OAuthAppRecord | undefined> {
      const [row] = await db.select().from(oauthApps).where(eq(oauthApps.clientId, clientId)).limit(1);
      return row;
    },
    async findAppById(id: string): Promise<OAuthAppRecord | undefined> {
      const [row] = await db.select().from(oauthApps).where(eq(oauthApps.id, id)).limit(1);
      return row;
    },
    async setBlocked(id: string, blockedAt: Date | null): Promise<boolean> {
      const rows = await db.update(oauthApps).set({ blockedAt }).where(eq(oauthApps.id, id)).returning({ id: oauthApps.id });
      return rows.length > 0;
    },

    /**
     * The slug of a team of the person that refuses the app (blocks it, or allows only
     * allow-listed apps and this one is not), if any.
     */
    async refusingTeam(userId: string, appId: string): Promise<string | undefined> {
      const [row] = await db
        .select({ slug: teams.slug })
        .from(teamMembers)
        .innerJoin(teams, eq(teams.id, teamMembers.teamId))
        .leftJoin(oauthTeamPolicies, eq(oauthTeamPolicies.teamId, teamMembers.teamId))
        .leftJoin(oauthTeamRules, and(eq(oauthTeamRules.teamId, teamMembers.teamId), eq(oauthTeamRules.appId, appId)))
        .where(
          and(
            eq(teamMembers.userId, userId),
            or(
              eq(oauthTeamRules.rule, 'block'),
              and(eq(oauthTeamPolicies.allowListedOnly, true), or(isNull(oauthTeamRules.rule), sql`${oauthTeamRules.rule} <> 'allow'`)),
            ),
          ),
        )
        .orderBy(asc(teams.slug))
        .limit(1);
      return row?.slug;
    },
    async teamPolicy(teamId: string): Promise<boolean> {
      const [row] = await db.select().from(oauthTeamPolicies).where(eq(oauthTeamPolicies.teamId, teamId)).limit(1);
      return row?.allowListedOnly ?? false;
    },
    async setTeamPolicy(teamId: string, allowListedOnly: boolean, now: Date): Promise<void> {
      await db
        .insert(oauthTeamPolicies)
        .values({ teamId, allowListedOnly, updatedAt: now })
        .onConflictDoUpdate({ target: oauthTeamPolicies.teamId, set: { allowListedOnly, updatedAt: now } });
    },
    listTeamRules(teamId: string) {
      return db
        .select({ rule: oauthTeamRules.rule, createdAt: oauthTeamRules.createdAt, app: oauthApps })
        .from(oauthTeamRules)
        .innerJoin(oauthApps, eq(oauthApps.id, oauthTeamRules.appId))
        .where(eq(oauthTeamRules.teamId, teamId))
        .orderBy(asc(oauthApps.name), asc(oauthApps.id));
    },
    async setTeamRule(teamId: string, appId: string, rule: TeamRule, now: Date): Promise<void> {
      await db
        .insert(oauthTeamRules)
        .values({ teamId, appId, rule, createdAt: now })
        .onConflictDoUpdate({ target: [oauthTeamRules.teamId, oauthTeamRules.appId], set: { rule, createdAt: now } });
    },
    async deleteTeamRule(teamId: string, appId: string): Promise<boolean> {
      const rows = await db
        .delete(oauthTeamRules)
        .where(and(eq(oauthTeamRules.teamId, teamId), eq(oauthTeamRules.appId, appId)))
        .returning({ appId: oauthTeamRules.appId });
      return rows.length > 0;
    },

    async findGrant(userId: string, appId: string): Promise<OAuthGrantRecord | undefined> {
      const [row] = await db
        .select()
        .from(oauthGrants)
        .where(and(eq(oauthGrants.userId, userId), eq(oauthGrants.appId, appId)))
        .limit(1);
      return row;
    },
    async saveGrant(userId: string, appId: string, scopes: OAuthScope[], now: Date): Promise<OAuthGrantRecord> {
      const [row] = await db
        .insert(oauthGrants)
        .values({ userId, appId, scopes, createdAt: now, grantedAt: now })
        .onConflictDoUpdate({ target: [oauthGrants.userId, oauthGrants.appId], set: { scopes, grantedAt: now } })
        .returning();
      return row!;
    },
    listGrantsOf(userId: string) {
      return db
        .select({ grant: oauthGrants, app: oauthApps })
        .from(oauthGrants)
        .innerJoin(oauthApps, eq(oauthApps.id, oauthGrants.appId))
        .where(eq(oauthGrants.userId, userId))
        .orderBy(desc(oauthGrants.grantedAt), desc(oauthGrants.id));
    },
    /** Deletes the consent; codes and tokens go with it (foreign keys cascade). */
    async deleteGrant(userId: string, appId: string): Promise<boolean> {
      const rows = await db
        .delete(oauthGrants)
        .where(and(eq(oauthGrants.userId, userId), eq(oauthGrants.appId, appId)))
        .returning({ id: oauthGrants.id });
      return rows.length > 0;
    },
    async touchGrant(id: string, now: Date, notAfter: Date): Promise<void> {
      await db
        .update(oauthGrants)
        .set({ lastUsedAt: now })
        .where(and(eq(oauthGrants.id, id), or(isNull(oauthGrants.lastUsedAt), lte(oauthGrants.lastUsedAt, notAfter))));
    },

    async insertCode(values: typeof oauthCodes.$inferInsert): Promise<void> {
      await db.insert(oauthCodes).values(values);
    },
    /** The code with its grant, marking it used; `reused` when it had been used before. */
    async consumeCode(codeHash: string, now: Date): Promise<{ code: OAuthCodeRecord; grant: OAuthGrantRecord; reused: boolean } | undefined> {
      const [found] = await db
        .select({ code: oauthCodes, grant: oauthGrants })
        .from(oauthCodes)
        .innerJoin(oauthGrants, eq(oauthGrants.id, oauthCodes.grantId))
        .where(eq(oauthCodes.codeHash, codeHash))
        .limit(1);
      if (!found) return undefined;
      if (found.code.usedAt) return { ...found, reused: true };
      // Conditional update: of two racing exchanges only one wins.
      const won = await db
        .update(oauthCodes)
        .set({ usedAt: now })
        .where(and(eq(oauthCodes.id, found.code.id), isNull(oauthCodes.usedAt)))
        .returning({ id: oauthCodes.id });
      return { ...found, reused: won.length === 0 };
    },

    async insertTokens(rows: (typeof oauthTokens.$inferInsert)[]): Promise<void> {
      await db.insert(oauthTokens).values(rows);
    },
    /** A live token of this kind with its grant, app and live owner. */
    async findToken(tokenHash: string, kind: 'access' | 'refresh', now: Date) {
      const [row] = await db
        .select({
          token: oauthTokens,
          grant: oauthGrants,
          app: oauthApps,
          user: { id: users.id, username: users.username, operator: users.operator } satisfies Record<keyof SessionOwner, unknown>,
          suspendedAt: users.suspendedAt,
        })
        .from(oauthTokens)
        .innerJoin(oauthGrants, eq(oauthGrants.id, oauthTokens.grantId))
        .innerJoin(oauthApps, eq(oauthApps.id, oauthGrants.appId))
        .innerJoin(users, eq(users.id, oauthTokens.userId))
        .where(and(eq(oauthTokens.tokenHash, tokenHash), eq(oauthTokens.kind, kind), gt(oauthTokens.expiresAt, now), isNull(users.deletedAt)))
        .limit(1);
      return row;
    },
    /** Marks a refresh token used; false when it already was (a replay or a race). */
    async useRefreshToken(id: string, now: Date): Promise<boolean> {
      const rows = await db
        .update(oauthTokens)
        .set({ usedAt: now })
        .where(and(eq(oauthTokens.id, id), isNull(oauthTokens.usedAt)))
        .returning({ id: oauthTokens.id });
      return rows.length > 0;
    },
    async deleteTokensOfGrant(grantId: string): Promise<number> {
      const rows = await db.delete(oauthTokens).where(eq(oauthTokens.grantId, grantId)).returning({ id: oauthTokens.id });
      return rows.length;
    },
    /** Deletes a token if it belongs to one of the app's grants (RFC 7009 revocation). */
    async deleteTokenOfApp(tokenHash: string, appId: string): Promise<boolean> {
      const grantIds = db.select({ id: oauthGrants.id }).from(oauthGrants).where(eq(oauthGrants.appId, appId));
      const rows = await db
        .delete(oauthTokens)
        .where(and(eq(oauthTokens.tokenHash, tokenHash), inArray(oauthTokens.grantId, grantIds)))
        .returning({ id: oauthTokens.id });
      return rows.length > 0;
    },
  };
}
