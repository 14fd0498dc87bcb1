/**
 * localStorage for Functional conveniences (P20): written only with Functional consent. Without
 * it a value lives in this page's memory only (lost on reload), so the feature still works now.
 * Consent given later stores what the page already holds; consent withdrawn removes what was
 * stored (consent-state.ts enforce()), while the page keeps its in-memory values.
 */
import { hasConsent, subscribeConsent } from './consent-state.ts';

const memory = new Map<string, string>();
let consented = hasConsent('functional');

subscribeConsent(() => {
  const now = hasConsent('functional');
  if (now && !consented) {
    for (const [key, value] of memory) {
      try {
        localStorage.setItem(key, value);
      } catch {
        // Storage full or disabled: the value stays in memory.
      }
    }
  }
  consented = now;
});

export const functionalStorage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> = {
  getItem(key) {
    if (memory.has(key)) return memory.get(key) ?? null;
    if (!hasConsent('functional')) return null;
    try {
      return localStorage.getItem(key);
    } catch {
      return null;
    }
  },
  setItem(key, value) {
    memory.set(key, value);
    if (hasConsent('functional')) localStorage.setItem(key, value);
  },
  removeItem(key) {
    memory.delete(key);
    try {
      localStorage.removeItem(key);
    } catch {
      // Storage disabled: nothing was stored.
    }
  },
};
