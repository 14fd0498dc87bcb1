import { text } from './params.ts';
import { setHeader, type AuthSigner } from './signer.ts';

/** `basic` (RFC 7617). Like Postman, empty credentials still send `Basic Og==`. */
export const basicSigner: AuthSigner = {
  type: 'basic',
  sign(request, params) {
    const credentials = `${text(params, 'username')}:${text(params, 'password')}`;
    setHeader(request, 'Authorization', `Basic ${Buffer.from(credentials, 'utf8').toString('base64')}`);
  },
};
