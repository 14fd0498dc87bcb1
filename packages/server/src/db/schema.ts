// Every table of the one schema. Each module declares its tables in its own schema.ts; this file
// gathers them for Drizzle (typed queries) and drizzle-kit (migrations). Add a line per module.
export * from '../modules/accounts/schema.ts';
export * from '../modules/sessions/schema.ts';
