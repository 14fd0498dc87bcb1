/**
 * The shapes the web app reads from the API (see /api/openapi.json). Only the fields the pages
 * use are listed; the server may send more.
 */

import type { Auth, Event } from '@postern/collection';

export type Theme = 'system' | 'light' | 'dark';

export interface Account {
  id: string;
  username: string;
  displayName: string | null;
  /** Public; at most 500 characters. */
  bio: string | null;
  /** Where the avatar is served (versioned by its change time); null without one. */
  avatarUrl: string | null;
  email: string;
  /** Whether the public profile shows the email (off by default). */
  publicEmail: boolean;
  preferences: { theme: Theme; historyRetentionDays: HistoryRetentionDays };
  emailVerified: boolean;
  /** A new address waiting for confirmation (P23); only GET /api/me reports it. */
  pendingEmail?: string | null;
  operator: boolean;
  createdAt: string;
}

export interface Session {
  id: string;
  current: boolean;
  browser: string | null;
  os: string | null;
  /** The /24 or /48 network the session started from. */
  approximateNetwork: string | null;
  /** "City, Region, Country" when the instance has a location database. */
  approximateLocation: string | null;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
}

/** One page of a list endpoint; pass `nextCursor` back as `cursor` for the next. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface Team {
  /** The team's handle, unique on the instance; teams are addressed by it. */
  slug: string;
  name: string;
  createdAt: string;
  role: 'owner' | 'admin' | 'member';
  abilities: { canUpdate: boolean; canManageMembers: boolean; canInvite: boolean; canDelete: boolean; canTransfer: boolean };
}

/** `GET /api/teams/{slug}`: the team with how many members it has. */
export interface TeamDetail extends Team {
  memberCount: number;
}

/** A member as other members see them: never their email (P12). */
export interface TeamMember {
  username: string;
  displayName: string | null;
  role: Team['role'];
  joinedAt: string;
  /** Only for the team's owner and admins (P12): in full within verified domains, else masked (a•••@example.com). */
  email?: string;
}

/** A pending invitation; its address is kept only while it is pending (P6). */
export interface TeamInvitation {
  id: string;
  email: string;
  role: 'admin' | 'member';
  /** The inviter's username; null once they erased their account. */
  invitedBy: string | null;
  createdAt: string;
  expiresAt: string;
}

/** What an invitation link offers (not the invited address). */
export interface InvitationPreview {
  team: { slug: string; name: string };
  invitedBy: string | null;
  role: 'admin' | 'member';
  expiresAt: string;
}

export type WorkspaceKind = 'personal' | 'private' | 'team' | 'public';
/** Every account gets its personal workspace automatically; these are the kinds one creates. */
export const CREATABLE_WORKSPACE_KINDS = ['private', 'team', 'public'] as const satisfies readonly WorkspaceKind[];

export type WorkspaceRole = 'viewer' | 'editor' | 'admin';

/** A person or a team given a role in a workspace (exactly one of `user` and `team` is set). */
export interface WorkspaceGrant {
  id: string;
  role: WorkspaceRole;
  user: { username: string; displayName: string | null } | null;
  team: { slug: string; name: string } | null;
  createdAt: string;
}

export interface Workspace {
  id: string;
  name: string;
  description: string | null;
  kind: WorkspaceKind;
  team: { slug: string; name: string } | null;
  /** The role the team's members have without a grant. */
  teamRole: WorkspaceRole;
  /** The workspace's stable address in this app (`/w/<id>`), P13. */
  webPath: string;
  createdAt: string;
  role: string;
  abilities: { canView: boolean; canEdit: boolean; canAdmin: boolean };
}

export interface CollectionSummary {
  id: string;
  workspaceId: string;
  name: string;
  requestCount: number;
  revision: number;
  createdAt: string;
  updatedAt: string;
}

/** One RFC 6902 operation as the history endpoints return it (secret values read "[secret]"). */
export interface PatchOperation {
  op: string;
  path: string;
  from?: string;
  value?: unknown;
}

/** One recorded change to a collection (`GET /api/collections/{id}/changes`). */
export interface CollectionChange {
  revision: number;
  /** Null once the author erased their account. */
  actorId: string | null;
  /** import, replace, item_add, item_edit, item_delete, restore, fork, merge… */
  kind: string;
  summary: string;
  /** RFC 6902 operations from the revision before; secret values read "[secret]". */
  patch: PatchOperation[];
  createdAt: string;
}

/** `GET /api/collections/{id}/items`: the item tree without request details. */
export interface CollectionOutline {
  collection: CollectionSummary;
  items: OutlineNode[];
}

export interface OutlineNode {
  id: string;
  name: string | null;
  type: 'folder' | 'request';
  /** Requests only: the HTTP method, upper-cased. */
  method?: string;
  children?: OutlineNode[];
}

/** `GET /api/collections/{id}/items/{itemId}`: one Postman item as stored. */
export interface CollectionItem {
  id: string;
  parentId: string | null;
  revision: number;
  item: unknown;
}

/** A variable of a collection or folder (Postman `variable`); secrets come blanked for viewers. */
export interface SettingsVariable {
  key?: string;
  value?: unknown;
  type?: string;
  enabled?: boolean;
  disabled?: boolean;
  /** Set by the server on a secret it blanked for a viewer; sent back, it keeps the stored secret. */
  _postern_redacted?: boolean;
  [field: string]: unknown;
}

/** `GET /api/collections/{id}/settings`: what applies to every request of the collection. */
export interface CollectionSettings {
  revision: number;
  name: string;
  description: string | null;
  variable: SettingsVariable[];
  /** Null: no auth (requests that inherit send none). */
  auth: Auth | null;
  event: Event[];
}

/** `GET /api/collections/{id}/items/{itemId}/settings` of a folder. */
export interface FolderSettings {
  revision: number;
  name: string;
  description: string | null;
  /** Null: inherited from the parent folder or the collection; `{ type: 'noauth' }` sends none. */
  auth: Auth | null;
  event: Event[];
  variable: SettingsVariable[];
}

/** The body of a settings PATCH: only the parts that changed. */
export interface SettingsChanges {
  name?: string;
  description?: string | null;
  variable?: SettingsVariable[];
  auth?: Auth | null;
  event?: Event[];
}

export interface EnvironmentSummary {
  id: string;
  name: string;
}

/** An email the instance would have sent, kept in the local outbox when no SMTP is configured. */
export interface OutboxMessage {
  id: string;
  to: string;
  subject: string;
  text: string;
  createdAt: string;
}

export type ApiKeyScope = 'read' | 'write';

/** A personal API key as listed: never the secret, only its first characters. */
export interface ApiKey {
  id: string;
  name: string;
  prefix: string;
  scopes: ApiKeyScope[];
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
}

/** A key just created: `key` is the secret, shown this once (only its hash is stored). */
export interface CreatedApiKey extends ApiKey {
  key: string;
}

export interface TotpStatus {
  enabled: boolean;
  /** Enrollment started, not confirmed yet. */
  pending: boolean;
  recoveryCodesLeft: number;
}

/** What an authenticator app needs: the base32 secret (to type) and the otpauth:// URI (for a QR code). */
export interface TotpEnrollment {
  secret: string;
  uri: string;
}

/** Whether single sign-on (OpenID Connect) is set up, and the button label (OIDC_NAME). */
export interface OidcProvider {
  enabled: boolean;
  name: string | null;
}

/** What the identity provider shared for a sign-up still waiting for its age check. */
export interface OidcPendingSignUp {
  provider: string;
  name: string | null;
  email: string;
  emailVerified: boolean;
}

export interface LinkedIdentity {
  id: string;
  /** The provider's issuer URL. */
  issuer: string;
  createdAt: string;
}

/** Days sent requests are kept; 0 keeps none (Settings → Profile). */
export type HistoryRetentionDays = 0 | 1 | 7 | 30 | 90 | 365;

/** One sent request in `GET /api/history` (newest first). */
export interface HistoryEntry {
  id: string;
  workspaceId: string | null;
  collectionId: string | null;
  itemId: string | null;
  method: string;
  /** As written, `{{variables}}` unresolved. */
  url: string;
  /** Null when no response came; `errorCode` says why. */
  status: number | null;
  errorCode: string | null;
  durationMs: number;
  /** Bytes of the response, headers included. */
  responseSize: number | null;
  createdAt: string;
}

/** `GET /api/history/{id}`: the entry with the request object as it was written. */
export interface HistoryEntryDetail extends HistoryEntry {
  request: Record<string, unknown>;
  /** The body was over 64 KiB and was not kept. */
  bodyOmitted: boolean;
}

/** A header of a sent request's response, in the order received. */
export interface SendHeader {
  key: string;
  value: string;
}

/** A cookie the response set (Set-Cookie), as parsed by the server. */
export interface SendCookie {
  key: string;
  value: string;
  domain: string | null;
  path: string | null;
  /** When it expires (an HTTP date or ISO string as received); null for a session cookie. */
  expires: string | null;
  httpOnly: boolean;
  secure: boolean;
}

/** The answer of POST /api/send: the upstream response (any status). */
export interface SendResponse {
  /** The URL of the last hop, after redirects. */
  url: string;
  status: number;
  statusText: string;
  headers: SendHeader[];
  /** The body as text (utf8) or, when it is not valid UTF-8, as base64. */
  body: string;
  bodyEncoding: 'utf8' | 'base64';
  /** The body was cut at the server's limit (10 MiB). */
  truncated: boolean;
  /** Bytes received. */
  size: { body: number; header: number; total: number };
  /**
   * Milliseconds. `firstByte` is counted from the start (connecting included), `download` from the
   * first byte to the last; `tcp` (http) or `tls` (https, handshake included) only when a new
   * connection was opened.
   */
  timings: { firstByte: number; download: number; total: number; tcp?: number; tls?: number };
  cookies: SendCookie[];
  /** Something the person should know about how it was sent (e.g. an auth type that was skipped). */
  warning?: string;
  /** pm.test results of the collection's, folders' and request's scripts, in order. */
  tests: SendTestResult[];
  /** What the scripts logged (at most 200 lines). */
  console: { level: string; message: string }[];
  /** Scripts that threw or timed out; the request was still sent. */
  scriptErrors: { event: 'prerequest' | 'test'; message: string }[];
  /** The page pm.visualizer.set produced: show it only in the sandboxed preview frame. */
  visualizerHtml?: string;
}

export interface SendTestResult {
  name: string;
  passed: boolean;
  skipped: boolean;
  error?: string;
  event: 'prerequest' | 'test';
}

/** The body of POST /api/send. */
export interface SendRequestBody {
  /** A Postman request object (collection format v2.1). */
  request: unknown;
  /** The request's name and its own pre-request and test scripts (Postman item `event`). */
  name?: string;
  events?: unknown[];
  /** Resolved like an environment: `{{key}}` in the request becomes the value. */
  variables?: { key: string; value: string }[];
  settings?: { followRedirects?: boolean; timeoutMs?: number; insecure?: boolean };
  /** Where the request comes from: the collection's variables, auth and scripts apply, and its history entry links back. */
  workspaceId?: string;
  collectionId?: string;
  itemId?: string;
  /** Contents of the files the body refers to by `src`, chosen in this browser (they are not saved). */
  files?: SendFile[];
}

/** A file sent along with POST /api/send, matched to the body's `src`. */
export interface SendFile {
  src: string;
  contentBase64: string;
}

/** One of your comments, with where it is while you can still see the collection (P24). */
export interface MyComment {
  id: string;
  collectionId: string;
  itemId: string | null;
  body: string;
  createdAt: string;
  updatedAt: string | null;
  collectionName: string | null;
  workspaceId: string | null;
}

/** The formats POST /api/workspaces/{id}/imports reads; auto detects it. */
export type ImportFormat = 'auto' | 'openapi' | 'curl' | 'har' | 'insomnia' | 'bruno' | 'postman-v1' | 'postman-dump' | 'postman';
export type ExportFormat = 'postman' | 'openapi' | 'curl' | 'har';

/** What an import created, and what it left out (with its place in the input). */
export interface ImportResult {
  format: string;
  collections: CollectionSummary[];
  environments: EnvironmentSummary[];
  skipped: Array<{ at: string; what: string }>;
}
