/**
 * The fixed list of scopes a third-party app may ask for, in plain words for the consent screen
 * (P14), and the one rule that maps them onto the API. OAuth tokens are default-deny: a request
 * is served only when a granted scope names its method and path, so a token can do nothing the
 * consent screen did not list.
 */
export const OAUTH_SCOPES = ['profile:read', 'email:read', 'workspaces:read', 'workspaces:write'] as const;
export type OAuthScope = (typeof OAUTH_SCOPES)[number];

export const SCOPE_DESCRIPTIONS: Record<OAuthScope, string> = {
  'profile:read': 'See your username and display name.',
  'email:read': 'See your email address.',
  'workspaces:read':
    'See your workspaces and what is in them: collections, environments, globals, pull requests, comments and runs (not who a workspace is shared with).',
  'workspaces:write':
    'Create, change and delete workspaces, collections, environments, pull requests and comments, and run collections. It cannot see or change who a workspace is shared with.',
};

export const isOAuthScope = (value: string): value is OAuthScope => (OAUTH_SCOPES as readonly string[]).includes(value);

/** Parses a space-separated `scope` parameter (RFC 6749 §3.3); undefined when a name is unknown. */
export function parseScopes(raw: string | undefined | null): OAuthScope[] | undefined {
  const names = (raw ?? '').split(' ').filter((s) => s !== '');
  if (!names.every(isOAuthScope)) return undefined;
  return normalizeScopes(names as OAuthScope[]);
}

/** Sorted and unique, in the list's order, so stored and compared lists read the same. */
export const normalizeScopes = (scopes: readonly OAuthScope[]): OAuthScope[] => OAUTH_SCOPES.filter((s) => scopes.includes(s));

export const includesAll = (have: readonly OAuthScope[], want: readonly OAuthScope[]) => want.every((s) => have.includes(s));

const READ = new Set(['GET', 'HEAD']);
const ID = '[^/]+';
/**
 * Workspace content an app may reach, listed path by path (every route still checks workspace
 * access itself, P10). Listed rather than matched by prefix, so a sub-resource added later (who
 * read a workspace, who it is shared with, webhooks, secret findings, URL imports) stays closed
 * to apps until it is put here on purpose.
 */
const WORKSPACE_CONTENT = [
  /^\/api\/workspaces$/,
  new RegExp(`^/api/workspaces/${ID}$`),
  new RegExp(`^/api/workspaces/${ID}/(collections|environments)$`),
  new RegExp(`^/api/workspaces/${ID}/globals(/changes|/restore|/revisions/${ID})?$`),
  new RegExp(`^/api/collections/${ID}(/(changes|comments|forks|items|pull-requests|restore|runs|settings)|/items/${ID}(/move|/settings)?|/revisions/${ID})?$`),
  new RegExp(`^/api/environments/${ID}(/changes|/restore|/revisions/${ID})?$`),
  new RegExp(`^/api/pull-requests/${ID}(/decline|/merge|/reviews)?$`),
  new RegExp(`^/api/comments/${ID}$`),
  new RegExp(`^/api/runs/${ID}(/cancel|/report)?$`),
];

/** Whether a token with `scopes` may make this request; `path` has no trailing slash. */
export function oauthAllows(scopes: readonly OAuthScope[], method: string, path: string): boolean {
  const read = READ.has(method);
  if (path === '/api/oauth/userinfo') return read && (scopes.includes('profile:read') || scopes.includes('email:read'));
  if (!WORKSPACE_CONTENT.some((pattern) => pattern.test(path))) return false;
  return scopes.includes(read ? 'workspaces:read' : 'workspaces:write');
}
