import { AuthNotSupportedError, type AuthSigner } from './signer.ts';

/**
 * `ntlm` needs a three-message handshake on one kept-alive connection, which
 * the sign-then-send model cannot express. The parameters still round-trip
 * in the collection; only sending with them is refused.
 */
export const ntlmSigner: AuthSigner = {
  type: 'ntlm',
  sign() {
    throw new AuthNotSupportedError('ntlm');
  },
};
