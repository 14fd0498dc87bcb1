import { OIDC_FLOW_TTL_MS, PENDING_SIGNUP_TTL_MS } from '../identities/service.ts';
import { CSRF_COOKIE, SESSION_COOKIE } from '../sessions/cookies.ts';
import { SESSION_LIFETIME_MS } from '../sessions/service.ts';

/**
 * Every cookie and browser storage entry Postern sets, per category (P20). This is the one list:
 * `GET /api/privacy/storage` serves it, the web preference center renders it, and the browser
 * test compares what a browser really holds against it. A new cookie or storage key is added here
 * first; an entry in an optional category must be written only after `allows(…)` (server) or
 * `hasConsent(…)` (web, privacy/consent-state.ts) says so.
 */

export type OptionalCategory = 'functional' | 'performance' | 'targeting';
export type StorageCategory = 'necessary' | OptionalCategory;
export const OPTIONAL_CATEGORIES: readonly OptionalCategory[] = ['functional', 'performance', 'targeting'];

export interface StorageEntry {
  /** The cookie name or storage key; `<…>` marks the variable part of a key. */
  name: string;
  /** Who sets and reads it: always this Postern instance (no third party sets anything). */
  provider: 'This Postern instance';
  purpose: string;
  /** In words, e.g. "30 days, renewed while you use Postern". */
  lifetime: string;
  kind: 'cookie' | 'localStorage' | 'sessionStorage';
}

export interface StorageCategoryInfo {
  id: StorageCategory;
  name: string;
  description: string;
  /** What the Consent switch allows in this category (optional categories only). */
  consentUses: string | null;
  /** What relies on legitimate interest here, until the person objects (optional categories only). */
  legitimateInterestUses: string | null;
  entries: StorageEntry[];
  /** Said when `entries` is empty, so an empty list is never mistaken for a missing one. */
  emptyNote: string | null;
}

export const CONSENT_COOKIE = 'postern_consent';
export const CONSENT_COOKIE_DAYS = 180;

const DAY_MS = 24 * 60 * 60 * 1000;
const minutes = (ms: number) => `${Math.round(ms / 60_000)} minutes`;
const PROVIDER = 'This Postern instance' as const;

export const STORAGE_REGISTRY: readonly StorageCategoryInfo[] = [
  {
    id: 'necessary',
    name: 'Strictly necessary',
    description:
      'Needed for what you asked for: signing in, protecting your account from forged requests, remembering your privacy choices and keeping unsaved work in this tab. Always on.',
    consentUses: null,
    legitimateInterestUses: null,
    emptyNote: null,
    entries: [
      {
        name: SESSION_COOKIE,
        provider: PROVIDER,
        purpose: 'Keeps you signed in (HttpOnly: page scripts cannot read it).',
        lifetime: `${SESSION_LIFETIME_MS / DAY_MS} days, renewed while you use Postern; removed when you sign out`,
        kind: 'cookie',
      },
      {
        name: CSRF_COOKIE,
        provider: PROVIDER,
        purpose: 'Proves that a change comes from this web app and not from another site (cross-site request forgery protection).',
        lifetime: `Same as ${SESSION_COOKIE}`,
        kind: 'cookie',
      },
      {
        name: CONSENT_COOKIE,
        provider: PROVIDER,
        purpose: 'Remembers your cookie and tracking choices (the id of your consent record, the cookie policy revision and your choices).',
        lifetime: `${CONSENT_COOKIE_DAYS} days; you are asked again after that or when the cookie policy changes`,
        kind: 'cookie',
      },
      {
        name: 'postern_oidc_flow',
        provider: PROVIDER,
        purpose: 'Ties a single sign-on reply to the sign-in you started (only when single sign-on is used).',
        lifetime: minutes(OIDC_FLOW_TTL_MS),
        kind: 'cookie',
      },
      {
        name: 'postern_oidc_signup',
        provider: PROVIDER,
        purpose: 'Holds a single sign-on identity while you finish signing up (only when single sign-on is used).',
        lifetime: minutes(PENDING_SIGNUP_TTL_MS),
        kind: 'cookie',
      },
      {
        name: 'postern.tabs.<workspace id>',
        provider: PROVIDER,
        purpose: 'The request tabs you opened in a workspace, so a reload of this tab keeps them.',
        lifetime: 'Until you close the browser tab',
        kind: 'sessionStorage',
      },
      {
        name: 'postern.draft:<collection id>:<request id>',
        provider: PROVIDER,
        purpose: 'Your unsaved edits to a request, so a reload of this tab does not lose your work.',
        lifetime: 'Until you save or discard the edits, or close the browser tab',
        kind: 'sessionStorage',
      },
    ],
  },
  {
    id: 'functional',
    name: 'Functional',
    description: 'Remembers conveniences in this browser across visits. Without consent they last only until the page is closed or reloaded.',
    consentUses: 'Storing the conveniences below in this browser.',
    legitimateInterestUses: null,
    emptyNote: null,
    entries: [
      {
        name: 'postern.env.<workspace id>',
        provider: PROVIDER,
        purpose: 'The environment you selected in a workspace, so it is still selected on your next visit.',
        lifetime: 'Until you choose "No environment", withdraw consent or clear your browser data',
        kind: 'localStorage',
      },
    ],
  },
  {
    id: 'performance',
    name: 'Performance',
    description: 'Helps the operator of this instance see which features are used and fix what breaks.',
    consentUses:
      'Usage analytics: page views and features used, sent to this server only (never to a third party), stored without your account and with only the network of your address; page views kept 90 days, feature use 180.',
    legitimateInterestUses:
      'Error reports: what broke in the web app, without request contents or personal data, kept 30 days, until you object.',
    entries: [],
    emptyNote: 'No cookies or storage: events are sent to this server only, and only with your consent (error reports: until you object).',
  },
  {
    id: 'targeting',
    name: 'Targeting',
    description: 'Advertising and profiling across sites. Postern has none, and sells or shares no personal data.',
    consentUses: 'Nothing: Postern does no advertising, profiling or sharing for others.',
    legitimateInterestUses: 'Nothing.',
    entries: [],
    emptyNote: 'Postern sets no targeting cookies or storage and loads no advertising or third-party scripts.',
  },
];
