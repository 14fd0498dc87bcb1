import { text } from './params.ts';
import { setHeader, type AuthSigner } from './signer.ts';

/** `bearer` (RFC 6750 §2.1). Without a token the request is left alone. */
export const bearerSigner: AuthSigner = {
  type: 'bearer',
  sign(request, params) {
    const token = text(params, 'token');
    if (!token) return;
    setHeader(request, 'Authorization', `Bearer ${token}`);
  },
};
