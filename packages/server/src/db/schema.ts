// Every table of the one schema. Each module declares its tables in its own schema.ts; this file
// gathers them for Drizzle (typed queries) and drizzle-kit (migrations). Add a line per module.
export * from '../modules/accounts/schema.ts';
export * from '../modules/sessions/schema.ts';
export * from '../modules/teams/schema.ts';
export * from '../modules/workspaces/schema.ts';
export * from '../modules/outbox/schema.ts';
export * from '../modules/recovery/schema.ts';
export * from '../modules/rate-limits/schema.ts';
export * from '../modules/api-keys/schema.ts';
export * from '../modules/two-factor/schema.ts';
export * from '../modules/profiles/schema.ts';
export * from '../modules/identities/schema.ts';
export * from '../modules/collections/schema.ts';
export * from '../modules/environments/schema.ts';
export * from '../modules/pull-requests/schema.ts';
export * from '../modules/comments/schema.ts';
export * from '../modules/history/schema.ts';
export * from '../modules/runs/schema.ts';
export * from '../modules/policies/schema.ts';
export * from '../modules/underage-reports/schema.ts';
export * from '../modules/communications/schema.ts';
export * from '../modules/consent/schema.ts';
export * from '../modules/restrictions/schema.ts';
export * from '../modules/analytics/schema.ts';
export * from '../modules/audit/schema.ts';
