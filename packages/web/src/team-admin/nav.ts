/**
 * The sections of a team's admin console, in the order shown. Each feature adds one line here
 * and one child route under `teams/:slug/admin` in router.tsx. `path` is relative to the console.
 */
export interface TeamAdminSection {
  path: string;
  label: string;
  /** Only the owner sees it (e.g. security incidents, P15); otherwise owner and admins. */
  ownerOnly?: boolean;
}

export const TEAM_ADMIN_NAV: TeamAdminSection[] = [
  { path: 'members', label: 'Members and roles' },
  { path: 'audit', label: 'Audit log' },
  { path: 'incidents', label: 'Security incidents' },
  { path: 'domains', label: 'Domains and email approvals' },
  { path: 'integrations', label: 'Integrations' },
  { path: 'webhooks', label: 'Webhooks' },
  { path: 'billing', label: 'Billing', ownerOnly: true },
];
