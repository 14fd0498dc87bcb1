/** One typed function per API call the pages make. */
import { api, request } from './client.ts';
import type {
  Account,
  ApiKey,
  ApiKeyScope,
  CollectionChange,
  CollectionItem,
  CollectionOutline,
  CollectionSettings,
  CollectionSummary,
  CreatedApiKey,
  EnvironmentSummary,
  ExportFormat,
  FolderSettings,
  HistoryEntry,
  HistoryEntryDetail,
  HistoryRetentionDays,
  ImportFormat,
  ImportResult,
  InvitationPreview,
  LinkedIdentity,
  MyComment,
  OidcPendingSignUp,
  OidcProvider,
  OutboxMessage,
  Page,
  SendRequestBody,
  SendResponse,
  SettingsChanges,
  Session,
  Team,
  TeamDetail,
  TeamInvitation,
  TeamMember,
  Theme,
  TotpEnrollment,
  TotpStatus,
  Workspace,
  WorkspaceGrant,
  WorkspaceKind,
  WorkspaceRole,
} from './types.ts';

const id = (value: string) => encodeURIComponent(value);

function withCursor(path: string, cursor?: string | null): string {
  return cursor ? `${path}?cursor=${encodeURIComponent(cursor)}` : path;
}

export interface SignUpInput {
  username: string;
  email: string;
  password: string;
  /** YYYY-MM-DD; used for the age check only, never stored. */
  birthDate: string;
  /** ISO 3166-1 alpha-2, e.g. FR; used for the age check only, never stored. */
  country: string;
}

export const accounts = {
  signUp: (input: SignUpInput) => api<Account>('POST', '/api/accounts', { body: input }),
  me: () => api<Account>('GET', '/api/me'),
  /** Confirms the address with the token of the emailed link (P18). */
  verifyEmail: (token: string) => api<void>('POST', '/api/email-verifications', { body: { token } }),
  resendVerification: () => api<void>('POST', '/api/me/email-verification'),
  /** Answers the same message whether or not an account has the address (no enumeration). */
  requestPasswordReset: (email: string) => api<{ message: string }>('POST', '/api/password-resets', { body: { email } }),
  /** Sets the new password; every session of the account ends. */
  completePasswordReset: (token: string, password: string) =>
    api<void>('POST', '/api/password-resets/complete', { body: { token, password } }),
  /** Mails a confirmation link to the new address and a notice to the current one (P23). */
  requestEmailChange: (newEmail: string, password?: string) =>
    api<{ pendingEmail: string; awaitingApproval?: true; managedBy?: string }>('POST', '/api/me/email-change', {
      body: { newEmail, ...(password && { password }) },
    }),
  cancelEmailChange: () => api<void>('DELETE', '/api/me/email-change'),
  /** Switches the email, with the token of the link mailed to the new address. */
  completeEmailChange: (token: string) => api<void>('POST', '/api/email-changes/complete', { body: { token } }),
  /** Cancels, with the token of the link mailed to the old address (no sign-in needed). */
  cancelEmailChangeByLink: (token: string) => api<void>('POST', '/api/email-changes/cancel', { body: { token } }),
};

export interface ProfileChanges {
  /** null clears it. */
  displayName?: string | null;
  /** Public, at most 500 characters; empty or null clears it. */
  bio?: string | null;
  publicEmail?: boolean;
  preferences?: { theme?: Theme; historyRetentionDays?: HistoryRetentionDays };
}

export const profile = {
  update: (changes: ProfileChanges) => api<Account>('PATCH', '/api/me', { body: changes }),
  /** The picked file is sent as it is; the server reads its type from the bytes. */
  setAvatar: (image: Blob) => api<Account>('PUT', '/api/me/avatar', { body: image }),
  removeAvatar: () => api<void>('DELETE', '/api/me/avatar'),
};

export interface SignInInput {
  login: string;
  password: string;
  /** The 6-digit code of an authenticator app, once the server asked for it (TOTP_REQUIRED). */
  totp?: string;
  /** A single-use recovery code, instead of `totp`. */
  recoveryCode?: string;
}

export const sessions = {
  signIn: (input: SignInInput) => api<Account>('POST', '/api/sessions', { body: input }),
  signOut: () => api<void>('DELETE', '/api/sessions/current'),
  list: () => api<{ sessions: Session[] }>('GET', '/api/sessions'),
  revoke: (sessionId: string) => api<void>('DELETE', `/api/sessions/${id(sessionId)}`),
};

export const teams = {
  list: (cursor?: string | null) => api<Page<Team>>('GET', withCursor('/api/teams', cursor)),
  create: (input: { name: string; slug: string }) => api<Team>('POST', '/api/teams', { body: input }),
  get: (slug: string) => api<TeamDetail>('GET', `/api/teams/${id(slug)}`),
  /** Owner and admins. */
  update: (slug: string, changes: { name?: string; slug?: string }) => api<Team>('PATCH', `/api/teams/${id(slug)}`, { body: changes }),
  /** Owner only; 409 TEAM_HAS_WORKSPACES while workspaces belong to it. */
  delete: (slug: string) => api<void>('DELETE', `/api/teams/${id(slug)}`),
  members: (slug: string, cursor?: string | null) => api<Page<TeamMember>>('GET', withCursor(`/api/teams/${id(slug)}/members`, cursor)),
  changeRole: (slug: string, username: string, role: 'admin' | 'member') =>
    api<TeamMember>('PATCH', `/api/teams/${id(slug)}/members/${id(username)}`, { body: { role } }),
  removeMember: (slug: string, username: string) => api<void>('DELETE', `/api/teams/${id(slug)}/members/${id(username)}`),
  /** The owner gets 409 OWNER_MUST_TRANSFER. */
  leave: (slug: string) => api<void>('POST', `/api/teams/${id(slug)}/leave`),
  /** The member becomes owner; you stay as an admin. */
  transfer: (slug: string, username: string) => api<TeamMember>('POST', `/api/teams/${id(slug)}/transfer`, { body: { username } }),
  /** Emails a single-use link valid 7 days; the address is kept only while it is pending (P6). */
  invite: (slug: string, input: { email: string; role: 'admin' | 'member' }) =>
    api<TeamInvitation>('POST', `/api/teams/${id(slug)}/invitations`, { body: input }),
  invitations: (slug: string, cursor?: string | null) =>
    api<Page<TeamInvitation>>('GET', withCursor(`/api/teams/${id(slug)}/invitations`, cursor)),
  revokeInvitation: (slug: string, invitationId: string) => api<void>('DELETE', `/api/teams/${id(slug)}/invitations/${id(invitationId)}`),
};

export const invitations = {
  preview: (token: string) => api<InvitationPreview>('GET', `/api/invitations/${id(token)}`),
  accept: (token: string) => api<Team>('POST', `/api/invitations/${id(token)}/accept`),
  decline: (token: string) => api<void>('POST', `/api/invitations/${id(token)}/decline`),
};

export interface NewWorkspace {
  name: string;
  kind: Exclude<WorkspaceKind, 'personal'>;
  /** Required for team workspaces: one of your teams. */
  teamSlug?: string;
}

export const workspaces = {
  list: (cursor?: string | null) => api<Page<Workspace>>('GET', withCursor('/api/workspaces', cursor)),
  create: (input: NewWorkspace) => api<Workspace>('POST', '/api/workspaces', { body: input }),
  get: (workspaceId: string) => api<Workspace>('GET', `/api/workspaces/${id(workspaceId)}`),
  /** Admin; `teamSlug: null` detaches it from its team. */
  update: (workspaceId: string, changes: WorkspaceChanges) =>
    api<Workspace>('PATCH', `/api/workspaces/${id(workspaceId)}`, { body: changes }),
  grants: (workspaceId: string, cursor?: string | null) =>
    api<Page<WorkspaceGrant>>('GET', withCursor(`/api/workspaces/${id(workspaceId)}/grants`, cursor)),
  /** Gives a person or one of your teams a role, replacing their earlier grant (admin). */
  putGrant: (workspaceId: string, input: GrantInput) =>
    api<WorkspaceGrant>('PUT', `/api/workspaces/${id(workspaceId)}/grants`, { body: input }),
  deleteGrant: (workspaceId: string, grantId: string) =>
    api<void>('DELETE', `/api/workspaces/${id(workspaceId)}/grants/${id(grantId)}`),
};

export interface WorkspaceChanges {
  name?: string;
  description?: string | null;
  kind?: Exclude<WorkspaceKind, 'personal'>;
  teamSlug?: string | null;
  teamRole?: WorkspaceRole;
}

/** Exactly one of `username` and `teamSlug`. */
export type GrantInput = ({ username: string; teamSlug?: never } | { teamSlug: string; username?: never }) & { role: WorkspaceRole };

export const collections = {
  list: (workspaceId: string, cursor?: string | null) =>
    api<Page<CollectionSummary>>('GET', withCursor(`/api/workspaces/${id(workspaceId)}/collections`, cursor)),
  /** `json` is the file's text, sent unchanged so the import sees exactly what the person chose. */
  import: (workspaceId: string, json: string) =>
    api<CollectionSummary>('POST', `/api/workspaces/${id(workspaceId)}/collections`, { body: json }),
  /** The server fetches the file (through its egress rules) and imports it. */
  importUrl: (workspaceId: string, url: string) =>
    api<CollectionSummary>('POST', `/api/workspaces/${id(workspaceId)}/collections/import-url`, { body: { url } }),
  /** The tree of folders and requests (ids, names, methods), for the sidebar. */
  outline: (collectionId: string) => api<CollectionOutline>('GET', `/api/collections/${id(collectionId)}/items`),
  item: (collectionId: string, itemId: string) =>
    api<CollectionItem>('GET', `/api/collections/${id(collectionId)}/items/${id(itemId)}`),
  /** Replaces one item (Postman item JSON); a stale `revision` is a 412 REVISION_MISMATCH. */
  putItem: (collectionId: string, itemId: string, item: unknown, revision: number) =>
    api<CollectionItem>('PUT', `/api/collections/${id(collectionId)}/items/${id(itemId)}`, {
      body: item,
      headers: { 'If-Match': `"${revision}"` },
    }),
  /** The Postman v2.1 document, as the server's text (downloaded as it is). */
  export: async (collectionId: string) => (await request('GET', `/api/collections/${id(collectionId)}`)).text(),
  /** The collection converted by the server (Postman, OpenAPI, cURL, HAR), with the file name it suggests. */
  exportAs: async (collectionId: string, to: ExportFormat) => {
    const response = await request('GET', `/api/collections/${id(collectionId)}/export?to=${to}`);
    const fileName = /filename="([^"]+)"/.exec(response.headers.get('Content-Disposition') ?? '')?.[1];
    return { text: await response.text(), type: response.headers.get('Content-Type') ?? 'text/plain', fileName };
  },
  /**
   * Imports any format the server reads (OpenAPI, cURL, HAR, Insomnia, a zipped Bruno folder,
   * Postman v1 and dumps): a picked file goes as multipart, pasted text as JSON.
   */
  importAny: (workspaceId: string, input: { file?: File; text?: string; from: ImportFormat }) => {
    const path = `/api/workspaces/${id(workspaceId)}/imports`;
    if (input.file) {
      const form = new FormData();
      form.set('file', input.file);
      form.set('from', input.from);
      return api<ImportResult>('POST', path, { body: form });
    }
    return api<ImportResult>('POST', path, { body: { text: input.text ?? '', from: input.from } });
  },
  /** Every recorded change, newest first (P2). */
  changes: (collectionId: string, cursor?: string | null) =>
    api<Page<CollectionChange>>('GET', withCursor(`/api/collections/${id(collectionId)}/changes`, cursor)),
  /** The document as it was at a revision, as text (shown or downloaded as it is). */
  revision: async (collectionId: string, revision: number) =>
    (await request('GET', `/api/collections/${id(collectionId)}/revisions/${revision}`)).text(),
  /** Adds a request or folder (Postman item JSON) to the collection's top level or a folder. */
  addItem: (collectionId: string, input: { parentId?: string; index?: number; item: unknown }) =>
    api<CollectionItem>('POST', `/api/collections/${id(collectionId)}/items`, { body: input }),
  /** Moves a request or folder within its collection (`index` counted without it). */
  moveItem: (collectionId: string, itemId: string, to: { parentId: string | null; index: number }) =>
    api<CollectionItem>('POST', `/api/collections/${id(collectionId)}/items/${id(itemId)}/move`, { body: to }),
  /** The collection's name, description, variables, auth and scripts (secrets blanked for viewers). */
  settings: (collectionId: string) => api<CollectionSettings>('GET', `/api/collections/${id(collectionId)}/settings`),
  /** Changes only the parts given; a stale `revision` is a 412 REVISION_MISMATCH. `auth: null` is no auth. */
  updateSettings: (collectionId: string, changes: SettingsChanges, revision: number) =>
    api<CollectionSettings>('PATCH', `/api/collections/${id(collectionId)}/settings`, { body: changes, headers: { 'If-Match': `"${revision}"` } }),
  /** A folder's settings; a request answers 400 NOT_A_FOLDER. */
  folderSettings: (collectionId: string, itemId: string) =>
    api<FolderSettings>('GET', `/api/collections/${id(collectionId)}/items/${id(itemId)}/settings`),
  /** Like updateSettings; `auth: null` inherits from the parent, `{ type: 'noauth' }` sends none. */
  updateFolderSettings: (collectionId: string, itemId: string, changes: SettingsChanges, revision: number) =>
    api<FolderSettings>('PATCH', `/api/collections/${id(collectionId)}/items/${id(itemId)}/settings`, {
      body: changes,
      headers: { 'If-Match': `"${revision}"` },
    }),
  /** Brings an earlier revision back as a new recorded change. */
  restore: (collectionId: string, revision: number) =>
    api<CollectionSummary>('POST', `/api/collections/${id(collectionId)}/restore`, { body: { revision } }),
};

export const environments = {
  list: (workspaceId: string, cursor?: string | null) =>
    api<Page<EnvironmentSummary>>('GET', withCursor(`/api/workspaces/${id(workspaceId)}/environments`, cursor)),
  import: (workspaceId: string, json: string) =>
    api<EnvironmentSummary>('POST', `/api/workspaces/${id(workspaceId)}/environments`, { body: json }),
  importUrl: (workspaceId: string, url: string) =>
    api<EnvironmentSummary>('POST', `/api/workspaces/${id(workspaceId)}/environments/import-url`, { body: { url } }),
  export: async (environmentId: string) => (await request('GET', `/api/environments/${id(environmentId)}`)).text(),
};

export const admin = {
  outbox: (cursor?: string | null) => api<Page<OutboxMessage>>('GET', withCursor('/api/admin/outbox', cursor)),
};

export interface NewApiKey {
  name: string;
  scopes: ApiKeyScope[];
  /** 1–365; null for a key that never expires. */
  expiresInDays: number | null;
}

export const apiKeys = {
  list: (cursor?: string | null) => api<Page<ApiKey>>('GET', withCursor('/api/me/api-keys', cursor)),
  create: (input: NewApiKey) => api<CreatedApiKey>('POST', '/api/me/api-keys', { body: input }),
  revoke: (keyId: string) => api<void>('DELETE', `/api/me/api-keys/${id(keyId)}`),
};

export const twoFactor = {
  status: () => api<TotpStatus>('GET', '/api/me/totp'),
  /** Nothing is active until `confirm` succeeds with a first code. */
  start: () => api<TotpEnrollment>('POST', '/api/me/totp'),
  /** Turns two-factor sign-in on; the recovery codes come back this once. */
  confirm: (code: string) => api<{ recoveryCodes: string[] }>('POST', '/api/me/totp/confirm', { body: { code } }),
  /** Turns it off, or cancels an enrollment that was never confirmed. */
  disable: (password: string) => api<void>('DELETE', '/api/me/totp', { body: { password } }),
  regenerateRecoveryCodes: (password: string) =>
    api<{ recoveryCodes: string[] }>('POST', '/api/me/totp/recovery-codes', { body: { password } }),
};

/**
 * Single sign-on. Starting it is a full-page visit to the server (it redirects to the provider),
 * so the pages link to `oidcStartPath`; the rest are API calls.
 */
export const oidc = {
  provider: () => api<OidcProvider>('GET', '/api/auth/oidc'),
  /** The sign-up the provider's answer left waiting (named by an HttpOnly cookie the server set). */
  pending: () => api<OidcPendingSignUp>('GET', '/api/auth/oidc/signup'),
  /** Creates the account once the age check passes, and signs in. */
  complete: (input: Pick<SignUpInput, 'username' | 'birthDate' | 'country'>) =>
    api<Account>('POST', '/api/auth/oidc/complete', { body: input }),
  identities: () => api<{ identities: LinkedIdentity[] }>('GET', '/api/me/identities'),
  unlink: (identityId: string) => api<void>('DELETE', `/api/me/identities/${id(identityId)}`),
};

export function oidcStartPath(intent: 'sign-in' | 'link'): string {
  return intent === 'link' ? '/api/auth/oidc/start?intent=link' : '/api/auth/oidc/start';
}

/** Your sent requests (kept as long as preferences.historyRetentionDays says). */
export const history = {
  /** Newest first; with `workspaceId`, only requests sent from that workspace. */
  list: (options: { workspaceId?: string; cursor?: string | null } = {}) => {
    const query = new URLSearchParams();
    if (options.workspaceId) query.set('workspaceId', options.workspaceId);
    if (options.cursor) query.set('cursor', options.cursor);
    const search = query.toString();
    return api<Page<HistoryEntry>>('GET', search ? `/api/history?${search}` : '/api/history');
  },
  get: (entryId: string) => api<HistoryEntryDetail>('GET', `/api/history/${id(entryId)}`),
  remove: (entryId: string) => api<void>('DELETE', `/api/history/${id(entryId)}`),
  clear: () => api<void>('DELETE', '/api/history'),
};

export const send = {
  /** Sends a Postman request through the server; aborting `signal` cancels it. */
  request: (body: SendRequestBody, signal?: AbortSignal) => api<SendResponse>('POST', '/api/send', { body, signal }),
};

/** Your own comments, to find and delete them (P24). */
export const myComments = {
  list: (cursor?: string | null) => api<Page<MyComment>>('GET', withCursor('/api/me/comments', cursor)),
  remove: (commentId: string) => api<void>('DELETE', `/api/comments/${id(commentId)}`),
};
