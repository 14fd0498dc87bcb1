import { and, asc, eq, ne, sql } from 'drizzle-orm';
import type { Database } from '../../db/database.ts';
import { users } from '../accounts/schema.ts';
import { teamMembers, teams } from './schema.ts';

/** A team the person owns, and who takes it over when their account is erased (P24). */
export interface TeamSuccession {
  teamId: string;
  teamName: string;
  successor: { id: string; username: string } | null;
}

/**
 * Who takes over each team `ownerId` owns: its longest-standing admin, else its longest-standing
 * member, preferring people not suspended; null when nobody else is in the team.
 */
export async function plannedSuccessions(db: Database, ownerId: string): Promise<TeamSuccession[]> {
  const owned = await db
    .select({ teamId: teams.id, teamName: teams.name })
    .from(teamMembers)
    .innerJoin(teams, eq(teams.id, teamMembers.teamId))
    .where(and(eq(teamMembers.userId, ownerId), eq(teamMembers.role, 'owner')))
    .orderBy(asc(teams.name));
  const plans: TeamSuccession[] = [];
  for (const team of owned) {
    const [next] = await db
      .select({ id: teamMembers.userId, username: users.username })
      .from(teamMembers)
      .innerJoin(users, eq(users.id, teamMembers.userId))
      .where(and(eq(teamMembers.teamId, team.teamId), ne(teamMembers.userId, ownerId), sql`${users.deletedAt} is null`))
      .orderBy(
        sql`${teamMembers.suspendedAt} is not null`,
        sql`case ${teamMembers.role} when 'admin' then 0 else 1 end`,
        asc(teamMembers.createdAt),
        asc(users.username),
      )
      .limit(1);
    plans.push({ ...team, successor: next ?? null });
  }
  return plans;
}

/**
 * Hands each team the person owns to its successor before their account is erased, so no team is
 * left without an owner. Run inside the erasure's transaction. A team nobody else is in keeps no
 * owner: nobody else can reach it, and its workspaces follow the data map like any other content.
 */
export async function handOverOwnedTeams(tx: Database, ownerId: string): Promise<TeamSuccession[]> {
  const plans = await plannedSuccessions(tx, ownerId);
  for (const plan of plans) {
    if (!plan.successor) continue;
    // One owner per team (a unique index): the leaving owner steps down first.
    await tx.update(teamMembers).set({ role: 'member' }).where(and(eq(teamMembers.teamId, plan.teamId), eq(teamMembers.userId, ownerId)));
    await tx
      .update(teamMembers)
      .set({ role: 'owner', suspendedAt: null })
      .where(and(eq(teamMembers.teamId, plan.teamId), eq(teamMembers.userId, plan.successor.id)));
  }
  return plans;
}
