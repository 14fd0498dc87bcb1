import { byAccount, createdAt, personal, rowId, system, withAccount } from '../../db/datamap/declare.ts';
import type { TableDeclaration } from '../../db/datamap/types.ts';
import { oauthApps, oauthCodes, oauthGrants, oauthTeamPolicies, oauthTeamRules, oauthTokens } from './schema.ts';

export const declarations: TableDeclaration[] = [
  {
    table: oauthApps,
    // Apps go with their owner: an app nobody answers for should not keep acting for people.
    description: 'A third-party app someone registered (OAuth 2 client); deleting it, or its owner’s account, ends every grant of it.',
    subjects: [byAccount('owner_id', 'owner', 'delete')],
    retention: withAccount('Apps'),
    columns: {
      id: rowId('app'),
      client_id: system('The app’s public client identifier.', 'system.id'),
      owner_id: personal('user.unique_id', 'The account that registered the app.', ['provide_service'], 'contract'),
      name: personal('user.account.settings', 'The app’s name, shown on consent screens.', ['provide_service'], 'contract'),
      homepage_url: personal('user.account.settings', 'The app’s homepage.', ['provide_service'], 'contract'),
      redirect_uris: personal('user.account.settings', 'Where people are sent back after consenting.', ['provide_service', 'security'], 'contract'),
      scopes: personal('user.account.settings', 'The most the app may ask for.', ['provide_service'], 'contract'),
      client_type: system('Public (no secret) or confidential.', 'system.configuration'),
      secret_hash: personal('user.authorization.credentials', 'Hash of the app’s client secret.', ['security'], 'contract', { export: false }),
      created_at: createdAt('app'),
      blocked_at: system('When an operator blocked the app on this instance.', 'system.timestamp'),
    },
  },
  {
    table: oauthGrants,
    description: 'Your consent to a third-party app: what it may do (P14). Revoking it in Settings → Connected apps deletes it.',
    subjects: [byAccount('user_id', 'grantor', 'delete')],
    retention: withAccount('Connected apps'),
    columns: {
      id: rowId('grant'),
      user_id: personal('user.unique_id', 'The account that allowed the app.', ['provide_service'], 'consent'),
      app_id: personal('user.account.settings', 'The app you allowed.', ['provide_service'], 'consent'),
      scopes: personal('user.account.settings', 'What you allowed the app to do.', ['provide_service', 'security'], 'consent'),
      created_at: createdAt('grant'),
      granted_at: personal('user.account.settings', 'When you last allowed the app.', ['provide_service'], 'consent'),
      last_used_at: personal('user.behavior.activity', 'When the app last used its access.', ['security'], 'legitimate_interest'),
    },
  },
  {
    table: oauthCodes,
    description: 'A one-time authorization code handed to an app after consent; valid 60 seconds.',
    subjects: [byAccount('user_id', 'grantor', 'delete')],
    retention: { kind: 'expiry', column: 'expires_at', graceDays: 1, describe: 'a day after the code expires (codes live 60 seconds)' },
    columns: {
      id: rowId('code'),
      code_hash: personal('user.authorization.credentials', 'Hash of the code.', ['security'], 'consent', { export: false }),
      grant_id: system('The consent the code was issued under.', 'system.reference'),
      user_id: personal('user.unique_id', 'The account the code acts for.', ['provide_service'], 'consent'),
      redirect_uri: system('The address the code was sent to.', 'system.configuration'),
      code_challenge: system('The app’s PKCE challenge.', 'system.configuration', false),
      scopes: personal('user.account.settings', 'What the code grants.', ['provide_service'], 'consent'),
      created_at: createdAt('code'),
      expires_at: system('When the code stops working.', 'system.timestamp'),
      used_at: system('When the code was exchanged.', 'system.timestamp'),
    },
  },
  {
    table: oauthTokens,
    description: 'An app’s access token (1 hour) or refresh token (30 days, replaced on each use).',
    subjects: [byAccount('user_id', 'grantor', 'delete')],
    retention: { kind: 'expiry', column: 'expires_at', graceDays: 0, describe: 'until the token expires or the app is revoked' },
    columns: {
      id: rowId('token'),
      grant_id: system('The consent the token was issued under.', 'system.reference'),
      user_id: personal('user.unique_id', 'The account the token acts for.', ['provide_service'], 'consent'),
      kind: system('Access or refresh.', 'system.configuration'),
      token_hash: personal('user.authorization.credentials', 'Hash of the token.', ['security'], 'consent', { export: false }),
      scopes: personal('user.account.settings', 'What the token may do.', ['provide_service', 'security'], 'consent'),
      created_at: createdAt('token'),
      expires_at: system('When the token stops working.', 'system.timestamp'),
      used_at: system('When a refresh token was exchanged for a new one.', 'system.timestamp'),
    },
  },
  {
    table: oauthTeamPolicies,
    description: 'Whether a team allows only allow-listed third-party apps.',
    subjects: [],
    retention: { kind: 'content', describe: 'as long as the team' },
    columns: {
      team_id: system('The team.', 'system.reference'),
      allow_listed_only: system('Only allow-listed apps may be used by members.', 'system.configuration'),
      updated_at: system('When the setting last changed.', 'system.timestamp'),
    },
  },
  {
    table: oauthTeamRules,
    description: 'An app on a team’s allow-list or block-list.',
    subjects: [],
    retention: { kind: 'content', describe: 'as long as the team and the app' },
    columns: {
      team_id: system('The team.', 'system.reference'),
      app_id: system('The app.', 'system.reference'),
      rule: system('Allow or block.', 'system.configuration'),
      created_at: createdAt('rule'),
    },
  },
];
