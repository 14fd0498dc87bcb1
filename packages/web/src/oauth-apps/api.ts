import { api } from '../api/client.ts';

const id = (value: string) => encodeURIComponent(value);

export type OAuthScope = 'profile:read' | 'email:read' | 'workspaces:read' | 'workspaces:write';

/** The scopes an app may register, with the words the consent screen uses (the server's list). */
export const OAUTH_SCOPE_CHOICES: { value: OAuthScope; label: string }[] = [
  { value: 'profile:read', label: 'profile:read — username and display name' },
  { value: 'email:read', label: 'email:read — email address' },
  { value: 'workspaces:read', label: 'workspaces:read — see workspaces and their contents' },
  { value: 'workspaces:write', label: 'workspaces:write — change workspaces and their contents' },
];

export interface ScopeView {
  name: OAuthScope;
  description: string;
}

export interface OAuthApp {
  id: string;
  clientId: string;
  name: string;
  homepageUrl: string | null;
  redirectUris: string[];
  scopes: OAuthScope[];
  clientType: 'public' | 'confidential';
  createdAt: string;
  blocked: boolean;
}

export type ConsentView =
  | { kind: 'consent'; app: { name: string; clientId: string; homepageUrl: string | null; redirectHost: string }; scopes: ScopeView[]; remembered: boolean }
  | { kind: 'redirect'; redirectTo: string };

export interface ConnectedApp {
  app: { id: string; name: string; homepageUrl: string | null };
  scopes: ScopeView[];
  grantedAt: string;
  lastUsedAt: string | null;
}

export interface TeamOAuthSettings {
  allowListedOnly: boolean;
  rules: { rule: 'allow' | 'block'; app: { clientId: string; name: string; homepageUrl: string | null } }[];
}

export const oauthApps = {
  /** `search` is the authorization request's query string, passed through as the app sent it. */
  check: (search: string) => api<ConsentView>('GET', `/api/oauth/authorize${search}`),
  decide: (params: Record<string, string>, decision: 'allow' | 'deny') =>
    api<{ redirectTo: string }>('POST', '/api/oauth/authorize', { body: { ...params, decision } }),
  connected: () => api<{ items: ConnectedApp[] }>('GET', '/api/me/connected-apps'),
  disconnect: (appId: string) => api<void>('DELETE', `/api/me/connected-apps/${id(appId)}`),
  mine: () => api<{ items: OAuthApp[] }>('GET', '/api/me/oauth-apps'),
  register: (input: { name: string; homepageUrl: string | null; redirectUris: string[]; scopes: OAuthScope[]; clientType: 'public' | 'confidential' }) =>
    api<OAuthApp & { clientSecret: string | null }>('POST', '/api/me/oauth-apps', { body: input }),
  remove: (appId: string) => api<void>('DELETE', `/api/me/oauth-apps/${id(appId)}`),
  team: (slug: string) => api<TeamOAuthSettings>('GET', `/api/teams/${id(slug)}/oauth-apps`),
  setTeamPolicy: (slug: string, allowListedOnly: boolean) =>
    api<void>('PUT', `/api/teams/${id(slug)}/oauth-apps/settings`, { body: { allowListedOnly } }),
  setTeamRule: (slug: string, clientId: string, rule: 'allow' | 'block') =>
    api<void>('PUT', `/api/teams/${id(slug)}/oauth-apps/rules/${id(clientId)}`, { body: { rule } }),
  removeTeamRule: (slug: string, clientId: string) => api<void>('DELETE', `/api/teams/${id(slug)}/oauth-apps/rules/${id(clientId)}`),
  all: () => api<{ items: OAuthApp[] }>('GET', '/api/admin/oauth-apps'),
  setBlocked: (appId: string, blocked: boolean) => api<void>('PUT', `/api/admin/oauth-apps/${id(appId)}/block`, { body: { blocked } }),
};
