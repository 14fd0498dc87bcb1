// Kept out of schema.ts, which exports only tables (src/db/schema.ts gathers it for Drizzle).
export const REQUEST_KINDS = ['access', 'deletion', 'correction', 'opt_out', 'restriction', 'objection'] as const;
export type RequestKind = (typeof REQUEST_KINDS)[number];
export const REQUEST_LAWS = ['gdpr', 'ccpa', 'other'] as const;
export type RequestLaw = (typeof REQUEST_LAWS)[number];
export const REQUEST_STATES = ['received', 'identity_unverified', 'verified', 'in_progress', 'completed', 'denied', 'extended'] as const;
export type RequestState = (typeof REQUEST_STATES)[number];
