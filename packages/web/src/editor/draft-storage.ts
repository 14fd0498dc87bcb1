import type { Draft } from './request-draft.ts';

/** Unsaved drafts live in sessionStorage per tab, so a reload keeps them; `revision` is what they were based on. */
const keyOf = (collectionId: string, itemId: string) => `postern.draft:${collectionId}:${itemId}`;

export interface StoredDraft {
  revision: number;
  draft: Draft;
}

export function loadDraft(collectionId: string, itemId: string): StoredDraft | null {
  try {
    const text = sessionStorage.getItem(keyOf(collectionId, itemId));
    return text ? (JSON.parse(text) as StoredDraft) : null;
  } catch {
    return null;
  }
}

export function storeDraft(collectionId: string, itemId: string, stored: StoredDraft | null): void {
  try {
    if (stored) sessionStorage.setItem(keyOf(collectionId, itemId), JSON.stringify(stored));
    else sessionStorage.removeItem(keyOf(collectionId, itemId));
  } catch {
    // Storage full or disabled: the draft still lives in memory.
  }
}
