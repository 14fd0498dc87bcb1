import { byAccount, personal, system } from '../../db/datamap/declare.ts';
import type { TableDeclaration } from '../../db/datamap/types.ts';
import { teamBilling } from './schema.ts';

// Link columns are cleared by their own link on erasure; only the external contact's name needs a rule
// (it goes whenever any link of the row is erased, so no name outlives its address).
const billing = (category: `user.${string}`, what: string, erasure?: 'null') =>
  personal(category, what, ['provide_service'], 'contract', erasure ? { erasure } : {});

export const declarations: TableDeclaration[] = [
  {
    table: teamBilling,
    description: "A team's billing contact and plan (P4); never card data, which a payment processor would hold.",
    // Erasing the contact keeps the team's plan and clears who the contact was.
    subjects: [
      byAccount('contact_user_id', 'billing contact', 'reattribute'),
      { column: 'contact_email', by: 'email', role: 'billing contact', onErase: 'reattribute' },
      byAccount('updated_by', 'editor', 'reattribute'),
    ],
    retention: { kind: 'content', describe: 'as long as the team (deleted with it); a contact is cleared when their account is erased' },
    columns: {
      team_id: system('The team.', 'system.reference'),
      plan: system('Free, team or business.'),
      seats: system('Seats recorded for the plan.'),
      renewal_date: system('When the plan renews.', 'system.timestamp'),
      contact_user_id: billing('user.unique_id', 'The team member who is the billing contact.'),
      contact_name: billing('user.name', 'The name of a billing contact outside the team.', 'null'),
      contact_email: billing('user.contact.email', 'The address of a billing contact outside the team.'),
      updated_by: billing('user.unique_id', 'The owner who last changed these records.'),
      updated_at: system('When these records last changed.', 'system.timestamp'),
    },
  },
];
