import { text } from './params.ts';
import { appendQueryParams, removeQueryParams } from './query.ts';
import { setHeader, type AuthSigner } from './signer.ts';

/** `apikey`: `key: value` as a header (the default) or `?key=value` when `in` is `query`. */
export const apikeySigner: AuthSigner = {
  type: 'apikey',
  sign(request, params) {
    const key = text(params, 'key');
    const value = text(params, 'value');
    // Postman signs when only the value is set, which yields a nameless header; that cannot be sent.
    if (!key) return;
    if (text(params, 'in') === 'query') {
      removeQueryParams(request.url, (name) => name === key);
      appendQueryParams(request.url, [[key, value]]);
    } else {
      setHeader(request, key, value);
    }
  },
};
