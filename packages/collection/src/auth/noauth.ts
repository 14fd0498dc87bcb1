import type { AuthSigner } from './signer.ts';

/** `noauth`: an explicit "send no credentials", which stops inheritance from a parent. */
export const noauthSigner: AuthSigner = {
  type: 'noauth',
  sign() {},
};
