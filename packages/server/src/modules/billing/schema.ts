import { sql } from 'drizzle-orm';
import { check, date, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../accounts/schema.ts';
import { teams } from '../teams/schema.ts';

export type BillingPlan = 'free' | 'team' | 'business';
export const BILLING_PLANS = ['free', 'team', 'business'] as const satisfies readonly BillingPlan[];

/**
 * A team's billing contact and plan (P4): records only, no payment integration. There is
 * deliberately no column for card data: a payment processor would hold it, never Postern.
 * The contact is either a team member (contact_user_id) or an address with a name.
 */
export const teamBilling = pgTable(
  'team_billing',
  {
    teamId: uuid('team_id')
      .primaryKey()
      .references(() => teams.id, { onDelete: 'cascade' }),
    plan: text('plan').$type<BillingPlan>().notNull(),
    seats: integer('seats'),
    /** The next renewal, as a calendar day. */
    renewalDate: date('renewal_date'),
    contactUserId: uuid('contact_user_id').references(() => users.id, { onDelete: 'set null' }),
    contactName: text('contact_name'),
    contactEmail: text('contact_email'),
    updatedBy: uuid('updated_by').references(() => users.id, { onDelete: 'set null' }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    check('team_billing_plan_check', sql`${t.plan} in ('free', 'team', 'business')`),
    check('team_billing_seats_check', sql`${t.seats} is null or ${t.seats} >= 0`),
  ],
);
