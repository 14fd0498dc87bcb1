import { boolean, index, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt } from '../../db/columns.ts';
import { users } from '../accounts/schema.ts';
import { teams } from '../teams/schema.ts';
import type { OAuthScope } from './scopes.ts';

/** A third-party app registered by a person (OAuth 2 client). Deleting it ends every grant. */
export const oauthApps = pgTable(
  'oauth_apps',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    // The public client identifier apps send; random, so it says nothing about the owner.
    clientId: text('client_id').notNull().unique(),
    ownerId: uuid('owner_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    homepageUrl: text('homepage_url'),
    // Compared exactly (RFC 9700 §4.1.3): no wildcards, no prefix matching.
    redirectUris: text('redirect_uris').array().notNull(),
    // The most the app may ask for; a request for more is refused (invalid_scope).
    scopes: text('scopes').array().$type<OAuthScope[]>().notNull(),
    clientType: text('client_type', { enum: ['public', 'confidential'] }).notNull(),
    // SHA-256 of the 256-bit secret of confidential clients; null for public ones (PKCE only).
    secretHash: text('secret_hash'),
    createdAt: createdAt(),
    // Set by an operator: the app is refused everywhere on this instance.
    blockedAt: timestamp('blocked_at', { withTimezone: true }),
  },
  (t) => [index('oauth_apps_owner_id_idx').on(t.ownerId)],
);

/** A person's consent to one app: the scopes they saw and allowed (P14). Revoking deletes it. */
export const oauthGrants = pgTable(
  'oauth_grants',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    appId: uuid('app_id')
      .notNull()
      .references(() => oauthApps.id, { onDelete: 'cascade' }),
    scopes: text('scopes').array().$type<OAuthScope[]>().notNull(),
    createdAt: createdAt(),
    // When the person last allowed (a re-consent for more scopes moves it).
    grantedAt: timestamp('granted_at', { withTimezone: true }).notNull(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('oauth_grants_user_app_key').on(t.userId, t.appId), index('oauth_grants_app_id_idx').on(t.appId)],
);

/** Authorization codes: single use, 60 s, bound to the grant, redirect URI and PKCE challenge. */
export const oauthCodes = pgTable('oauth_codes', {
  id: uuid('id').primaryKey().defaultRandom(),
  codeHash: text('code_hash').notNull().unique(),
  grantId: uuid('grant_id')
    .notNull()
    .references(() => oauthGrants.id, { onDelete: 'cascade' }),
  userId: uuid('user_id')
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' }),
  redirectUri: text('redirect_uri').notNull(),
  codeChallenge: text('code_challenge').notNull(),
  scopes: text('scopes').array().$type<OAuthScope[]>().notNull(),
  createdAt: createdAt(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  // Kept after use so a replayed code is recognised and the tokens it produced are revoked.
  usedAt: timestamp('used_at', { withTimezone: true }),
});

/** Access (1 h) and refresh tokens (rotating); only hashes are stored. */
export const oauthTokens = pgTable(
  'oauth_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    grantId: uuid('grant_id')
      .notNull()
      .references(() => oauthGrants.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['access', 'refresh'] }).notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    scopes: text('scopes').array().$type<OAuthScope[]>().notNull(),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    // A refresh token used once is kept, marked, until it expires: presenting it again means it
    // leaked, and every token of the grant is revoked (RFC 9700 §4.14.2).
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [index('oauth_tokens_grant_id_idx').on(t.grantId)],
);

/** A team's rule for third-party apps: only allow-listed ones, or not. */
export const oauthTeamPolicies = pgTable('oauth_team_policies', {
  teamId: uuid('team_id')
    .primaryKey()
    .references(() => teams.id, { onDelete: 'cascade' }),
  allowListedOnly: boolean('allow_listed_only').notNull().default(false),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});

/** One app on a team's allow-list or block-list. */
export const oauthTeamRules = pgTable(
  'oauth_team_rules',
  {
    teamId: uuid('team_id')
      .notNull()
      .references(() => teams.id, { onDelete: 'cascade' }),
    appId: uuid('app_id')
      .notNull()
      .references(() => oauthApps.id, { onDelete: 'cascade' }),
    rule: text('rule', { enum: ['allow', 'block'] }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.appId] }), index('oauth_team_rules_app_id_idx').on(t.appId)],
);
