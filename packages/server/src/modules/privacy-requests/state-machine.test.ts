import { describe, expect, it } from 'vitest';
import { REQUEST_STATES } from './kinds.ts';
import { checkTransition, isClosed, nextStates } from './state-machine.ts';

describe('request desk state machine (P26)', () => {
  it('follows received → identity unverified → verified → in progress → completed', () => {
    expect(checkTransition('received', 'identity_unverified')).toEqual({ ok: true });
    expect(checkTransition('identity_unverified', 'verified')).toEqual({ ok: true });
    expect(checkTransition('verified', 'in_progress')).toEqual({ ok: true });
    expect(checkTransition('in_progress', 'completed')).toEqual({ ok: true });
    // Signed in: the session is the identity check.
    expect(checkTransition('received', 'verified')).toEqual({ ok: true });
  });

  it('refuses skipping steps and leaving a closed state', () => {
    expect(checkTransition('identity_unverified', 'in_progress')).toMatchObject({ ok: false, code: 'INVALID_TRANSITION' });
    expect(checkTransition('verified', 'completed')).toMatchObject({ ok: false, code: 'INVALID_TRANSITION' });
    expect(checkTransition('received', 'completed')).toMatchObject({ ok: false, code: 'INVALID_TRANSITION' });
    for (const to of REQUEST_STATES) {
      expect(checkTransition('completed', to, { reason: 'x' }).ok).toBe(false);
      expect(checkTransition('denied', to, { reason: 'x' }).ok).toBe(false);
    }
    expect(isClosed('completed')).toBe(true);
    expect(isClosed('denied')).toBe(true);
    expect(isClosed('extended')).toBe(false);
  });

  it('needs a reason to deny or extend', () => {
    expect(checkTransition('in_progress', 'denied')).toMatchObject({ ok: false, code: 'REASON_REQUIRED' });
    expect(checkTransition('in_progress', 'denied', { reason: '  ' })).toMatchObject({ ok: false, code: 'REASON_REQUIRED' });
    expect(checkTransition('in_progress', 'denied', { reason: 'Could not confirm identity.' })).toEqual({ ok: true });
    expect(checkTransition('identity_unverified', 'denied', { reason: 'Never confirmed.' })).toEqual({ ok: true });
    expect(checkTransition('in_progress', 'extended')).toMatchObject({ ok: false, code: 'REASON_REQUIRED' });
    expect(checkTransition('in_progress', 'extended', { reason: 'Many systems to search.' })).toEqual({ ok: true });
  });

  it('allows one extension only, and an extension returns to in progress', () => {
    expect(checkTransition('in_progress', 'extended', { reason: 'again', alreadyExtended: true })).toMatchObject({
      ok: false,
      code: 'ALREADY_EXTENDED',
    });
    expect(nextStates('extended')).toEqual(['in_progress']);
    expect(checkTransition('verified', 'extended', { reason: 'too early' })).toMatchObject({ ok: false, code: 'INVALID_TRANSITION' });
  });
});
