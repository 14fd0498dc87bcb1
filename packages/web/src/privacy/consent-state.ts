/**
 * The cookie and tracking choices in force in this page (P20, P27), for every part of the web app
 * that stores something optional or would load an optional script: ask `hasConsent(category)` at
 * the point of use and `subscribeConsent()` to hear about changes (a withdrawal included).
 *
 * Before the server has answered, the postern_consent cookie gives the last known choices; with no
 * cookie nothing optional is allowed. When a category loses consent, every browser storage entry
 * the server's registry lists for it is removed (`enforce`).
 */
import { useSyncExternalStore } from 'react';
import { consentApi, OPTIONAL_CATEGORIES } from './consent-api.ts';
import type { ConsentChoices, ConsentState, OptionalCategory, StorageCategory } from './consent-api.ts';

const COOKIE = 'postern_consent';

export type ConsentBasis = 'consent' | 'legitimateInterest';

interface Snapshot {
  /** The server's answer; null until it came. */
  state: ConsentState | null;
  /** The choices in force (from the cookie until the server answers); null: none made. */
  choices: ConsentChoices | null;
  /** Whether the preference center is open. */
  preferencesOpen: boolean;
}

let snapshot: Snapshot = { state: null, choices: choicesFromCookie(), preferencesOpen: false };
const listeners = new Set<() => void>();

function update(changes: Partial<Snapshot>): void {
  snapshot = { ...snapshot, ...changes };
  for (const listener of listeners) listener();
}

/** `<record id>.<revision>.<six 0/1 flags>.<g|n>`, as the server's formatConsentCookie writes it. */
function choicesFromCookie(): ConsentChoices | null {
  if (typeof document === 'undefined') return null;
  const value = document.cookie
    .split(';')
    .map((part) => part.trim())
    .find((part) => part.startsWith(`${COOKIE}=`))
    ?.slice(COOKIE.length + 1);
  const flags = value?.split('.')[2];
  if (!flags || !/^[01]{6}$/.test(flags)) return null;
  const bit = (i: number) => flags[i] === '1';
  return {
    functional: { consent: bit(0), legitimateInterest: bit(1) },
    performance: { consent: bit(2), legitimateInterest: bit(3) },
    targeting: { consent: bit(4), legitimateInterest: bit(5) },
  };
}

/** Whether the browser itself signals Global Privacy Control. */
export function browserSendsGpc(): boolean {
  return typeof navigator !== 'undefined' && (navigator as Navigator & { globalPrivacyControl?: boolean }).globalPrivacyControl === true;
}

/** Whether a use in `category` may happen now: `consent` (the default) or `legitimateInterest` (until objected). */
export function hasConsent(category: OptionalCategory, basis: ConsentBasis = 'consent'): boolean {
  if (category === 'targeting' && snapshot.state?.doNotSellOrShare) return false;
  return snapshot.choices?.[category][basis] ?? false;
}

export function subscribeConsent(listener: () => void): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

export function consentSnapshot(): Snapshot {
  return snapshot;
}

/** The snapshot, for React components (re-renders on every change). */
export function useConsent(): Snapshot {
  return useSyncExternalStore(subscribeConsent, consentSnapshot);
}

export function openPreferences(): void {
  update({ preferencesOpen: true });
}

export function closePreferences(): void {
  update({ preferencesOpen: false });
}

let registry: Promise<StorageCategory[]> | null = null;

/** The storage registry from the server, loaded once per page. */
export function storageRegistry(): Promise<StorageCategory[]> {
  registry ??= consentApi.storage().then(
    (r) => r.categories,
    (error: unknown) => {
      registry = null;
      throw error;
    },
  );
  return registry;
}

/** The fixed part of a registry name: `postern.env.<workspace id>` → `postern.env.`. */
const prefixOf = (name: string) => name.split('<')[0] ?? name;

/** Removes every entry of the categories that have no consent now (storage and cookies). */
async function enforce(): Promise<void> {
  const categories = await storageRegistry().catch(() => []);
  for (const category of categories) {
    if (category.id === 'necessary' || hasConsent(category.id)) continue;
    for (const entry of category.entries) {
      const prefix = prefixOf(entry.name);
      if (entry.kind === 'cookie') {
        const names = document.cookie.split(';').map((part) => part.trim().split('=')[0] ?? '');
        for (const name of names.filter((n) => n === entry.name || (prefix !== entry.name && n.startsWith(prefix)))) {
          document.cookie = `${name}=; Max-Age=0; Path=/; SameSite=Lax`;
        }
        continue;
      }
      try {
        const storage = entry.kind === 'localStorage' ? localStorage : sessionStorage;
        const keys = Array.from({ length: storage.length }, (_, i) => storage.key(i)).filter((k): k is string => k !== null);
        for (const key of keys) if (key === entry.name || (prefix !== entry.name && key.startsWith(prefix))) storage.removeItem(key);
      } catch {
        // Storage disabled: nothing was stored.
      }
    }
  }
}

function applyState(state: ConsentState): void {
  update({ state, choices: state.choices });
  void enforce();
}

/**
 * Asks the server which choices are in force (on every page load and after signing in or out,
 * which may change whose choices apply). A browser signalling GPC without the header is reported.
 */
export async function loadConsent(): Promise<ConsentState> {
  let state = await consentApi.state();
  if (browserSendsGpc() && !state.gpc) state = await consentApi.signalGpc();
  applyState(state);
  return state;
}

/** Records a decision; consent withdrawn takes effect at once, stored entries included. */
export async function decideConsent(choices: ConsentChoices, method: 'banner' | 'preference_center'): Promise<ConsentState> {
  const state = await consentApi.decide(choices, method);
  applyState(state);
  return state;
}

const all = (value: boolean, gpc: boolean): ConsentChoices =>
  Object.fromEntries(
    OPTIONAL_CATEGORIES.map((c) => [c, { consent: value && !(c === 'targeting' && gpc), legitimateInterest: value && !(c === 'targeting' && gpc) }]),
  ) as ConsentChoices;

/**
 * "Accept all". With Global Privacy Control on, Targeting stays refused: a general "accept" does
 * not override the browser's explicit signal; only the Targeting switch itself does (P27).
 */
export const acceptAllChoices = (gpc: boolean): ConsentChoices => all(true, gpc);
export const rejectAllChoices = (): ConsentChoices => all(false, false);
