import { eq } from 'drizzle-orm';
import type { Clock } from '../../clock.ts';
import type { Database } from '../../db/database.ts';
import { badRequest, forbidden } from '../../errors.ts';
import { teamNotFound } from '../../policies/teams.ts';
import { users } from '../accounts/schema.ts';
import type { AuditService } from '../audit/service.ts';
import { createTeamStore } from '../teams/store.ts';
import type { TeamRecord } from '../teams/store.ts';
import { teamBilling } from './schema.ts';
import type { BillingPlan } from './schema.ts';

export type BillingContactInput = { username: string } | { name: string; email: string } | null;

export interface BillingInput {
  plan: BillingPlan;
  seats: number | null;
  /** YYYY-MM-DD */
  renewalDate: string | null;
  contact: BillingContactInput;
}

export type BillingContact = { kind: 'member'; username: string; displayName: string | null } | { kind: 'email'; name: string; email: string } | null;

export interface BillingView {
  plan: BillingPlan;
  seats: number | null;
  renewalDate: string | null;
  contact: BillingContact;
  updatedAt: Date | null;
}

export type BillingService = ReturnType<typeof createBillingService>;

/** A team's billing contact and plan (P4): the team owner's records, nothing about payment. */
export function createBillingService(deps: { db: Database; clock: Clock; audit: Pick<AuditService, 'record'> }) {
  const { db } = deps;
  const teams = createTeamStore(db);

  /** Only the owner: other members get 403, outsiders 404 (the team's existence stays hidden). */
  async function ownerTeam(slug: string, userId: string): Promise<TeamRecord> {
    const found = await teams.findWithRole(slug, userId);
    if (!found?.role) throw teamNotFound();
    if (found.role !== 'owner') throw forbidden("Only the team's owner may see and change billing.", { code: 'TEAM_ROLE_REQUIRED' });
    return found.team;
  }

  async function view(teamId: string): Promise<BillingView> {
    const [row] = await db.select().from(teamBilling).where(eq(teamBilling.teamId, teamId));
    if (!row) return { plan: 'free', seats: null, renewalDate: null, contact: null, updatedAt: null };
    let contact: BillingContact = null;
    if (row.contactUserId) {
      const [user] = await db.select({ username: users.username, displayName: users.displayName }).from(users).where(eq(users.id, row.contactUserId));
      if (user) contact = { kind: 'member', username: user.username, displayName: user.displayName };
    } else if (row.contactEmail) {
      contact = { kind: 'email', name: row.contactName ?? '', email: row.contactEmail };
    }
    return { plan: row.plan, seats: row.seats, renewalDate: row.renewalDate, contact, updatedAt: row.updatedAt };
  }

  return {
    async get(slug: string, userId: string): Promise<BillingView> {
      return view((await ownerTeam(slug, userId)).id);
    },

    async set(slug: string, userId: string, input: BillingInput): Promise<BillingView> {
      const team = await ownerTeam(slug, userId);
      let contactUserId: string | null = null;
      if (input.contact && 'username' in input.contact) {
        const member = await teams.findMember(team.id, input.contact.username);
        if (!member) {
          throw badRequest('The billing contact must be a member of the team, or give a name and email address instead.', {
            code: 'CONTACT_NOT_MEMBER',
            errors: [{ path: 'body.contact.username', message: 'is not a member of this team' }],
          });
        }
        contactUserId = member.userId;
      }
      const external = input.contact && 'email' in input.contact ? input.contact : null;
      const values = {
        plan: input.plan,
        seats: input.seats,
        renewalDate: input.renewalDate,
        contactUserId,
        contactName: external?.name ?? null,
        contactEmail: external?.email ?? null,
        updatedBy: userId,
        updatedAt: deps.clock(),
      };
      await db
        .insert(teamBilling)
        .values({ teamId: team.id, ...values })
        .onConflictDoUpdate({ target: teamBilling.teamId, set: values });
      // Which kind of contact, never who: the audit log outlives the people in it.
      await deps.audit.record({
        actorId: userId,
        action: 'billing.updated',
        targetType: 'team',
        targetId: team.id,
        teamId: team.id,
        details: { plan: input.plan, seats: input.seats, contact: contactUserId ? 'member' : external ? 'email' : 'none' },
      });
      return view(team.id);
    },
  };
}
