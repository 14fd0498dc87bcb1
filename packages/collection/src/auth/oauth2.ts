import { removeHeader } from './headers.ts';
import { text } from './params.ts';
import { appendQueryParams, removeQueryParams } from './query.ts';
import { setHeader, type AuthSigner } from './signer.ts';

/**
 * `oauth2`: sends a token obtained earlier (fetching one is a separate flow).
 * Header `Authorization: <headerPrefix> <token>` by default, or
 * `?access_token=` when `addTokenTo` is `queryParams`. MAC tokens are not
 * supported, as in Postman; every other token type is sent as a bearer token.
 */
export const oauth2Signer: AuthSigner = {
  type: 'oauth2',
  sign(request, params) {
    const token = text(params, 'accessToken');
    if (!token || text(params, 'tokenType').toLowerCase() === 'mac') return;

    // Either placement clears both, so a token never travels twice.
    removeHeader(request, 'Authorization');
    removeQueryParams(request.url, (name) => name === 'access_token');
    if (text(params, 'addTokenTo') === 'queryParams') {
      appendQueryParams(request.url, [['access_token', token]]);
      return;
    }
    const prefix = params['headerPrefix'] === undefined || params['headerPrefix'] === null ? 'Bearer' : text(params, 'headerPrefix').trim();
    setHeader(request, 'Authorization', prefix ? `${prefix} ${token}` : token);
  },
};
