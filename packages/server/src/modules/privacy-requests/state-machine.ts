import type { RequestState } from './schema.ts';

/**
 * The life of a request at the desk (P26). `extended` is passed through: an extension moves the
 * request to `extended` and straight back to `in_progress` with a new due date, so the trail
 * shows it and the work goes on. Closed requests (completed, denied) never move again.
 */
const NEXT: Record<RequestState, readonly RequestState[]> = {
  received: ['identity_unverified', 'verified', 'denied'],
  identity_unverified: ['verified', 'denied'],
  verified: ['in_progress', 'denied'],
  in_progress: ['completed', 'denied', 'extended'],
  extended: ['in_progress'],
  completed: [],
  denied: [],
};

/** Transitions the requester must be told the reason of. */
const NEEDS_REASON: readonly RequestState[] = ['denied', 'extended'];

export const CLOSED_STATES: readonly RequestState[] = ['completed', 'denied'];

export type TransitionCheck =
  | { ok: true }
  | { ok: false; code: 'INVALID_TRANSITION' | 'REASON_REQUIRED' | 'ALREADY_EXTENDED'; message: string };

export function nextStates(from: RequestState): readonly RequestState[] {
  return NEXT[from];
}

export function isClosed(state: RequestState): boolean {
  return CLOSED_STATES.includes(state);
}

/** Whether `from → to` is allowed; a request may be extended once only. */
export function checkTransition(
  from: RequestState,
  to: RequestState,
  context: { reason?: string | null | undefined; alreadyExtended?: boolean } = {},
): TransitionCheck {
  if (!NEXT[from].includes(to)) {
    return { ok: false, code: 'INVALID_TRANSITION', message: `A request that is ${label(from)} cannot become ${label(to)}.` };
  }
  if (NEEDS_REASON.includes(to) && !context.reason?.trim()) {
    return { ok: false, code: 'REASON_REQUIRED', message: `Say why: the requester is told the reason a request is ${label(to)}.` };
  }
  if (to === 'extended' && context.alreadyExtended) {
    return { ok: false, code: 'ALREADY_EXTENDED', message: 'This request was already extended once; the law allows one extension.' };
  }
  return { ok: true };
}

export function label(state: RequestState): string {
  return state.replaceAll('_', ' ');
}
