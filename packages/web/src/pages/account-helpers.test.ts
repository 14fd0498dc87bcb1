import { describe, expect, it } from 'vitest';
import { AVATAR_MAX_BYTES, avatarFileProblem } from './avatar-file.ts';
import { oidcErrorMessage } from './oidc-errors.ts';
import { expiryFromChoice } from './api-key-expiry.ts';

describe('oidcErrorMessage', () => {
  it('says nothing without an error', () => {
    expect(oidcErrorMessage(null)).toBeNull();
    expect(oidcErrorMessage('')).toBeNull();
  });

  it('explains each code the callback sends in plain words', () => {
    for (const code of ['OIDC_STATE_INVALID', 'OIDC_FAILED', 'OIDC_EMAIL_MISSING', 'OIDC_EMAIL_TAKEN', 'OIDC_IDENTITY_TAKEN', 'OIDC_LINK_SESSION_CHANGED']) {
      const message = oidcErrorMessage(code);
      expect(message).toMatch(/^[A-Z].*\.$/);
      expect(message).not.toContain(code);
    }
    expect(oidcErrorMessage('OIDC_EMAIL_TAKEN')).toContain('Sign in with your password');
  });

  it('names an unknown code but never repeats arbitrary text from the URL', () => {
    expect(oidcErrorMessage('OIDC_NEW_THING')).toContain('(OIDC_NEW_THING)');
    const odd = oidcErrorMessage('Your account is locked, call +1 555');
    expect(odd).not.toContain('locked');
    expect(odd).toContain('did not work');
  });
});

describe('avatarFileProblem', () => {
  it('accepts the image types the server takes, up to 1 MiB', () => {
    expect(avatarFileProblem({ type: 'image/png', size: 10 })).toBeNull();
    expect(avatarFileProblem({ type: 'image/webp', size: AVATAR_MAX_BYTES })).toBeNull();
  });

  it('says why another file will not do', () => {
    expect(avatarFileProblem({ type: 'image/svg+xml', size: 10 })).toBe('Choose a PNG, JPEG, WebP or GIF image.');
    expect(avatarFileProblem({ type: 'image/png', size: 0 })).toContain('empty');
    expect(avatarFileProblem({ type: 'image/jpeg', size: 3 * AVATAR_MAX_BYTES })).toBe('This image is 3.0 MiB; the limit is 1 MiB.');
  });
});

describe('expiryFromChoice', () => {
  it('turns the expiry choice into the API’s expiresInDays', () => {
    expect(expiryFromChoice('never')).toBeNull();
    expect(expiryFromChoice('30')).toBe(30);
    expect(expiryFromChoice('365')).toBe(365);
  });
});
