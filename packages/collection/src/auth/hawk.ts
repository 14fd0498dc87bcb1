import { createRequire } from 'node:module';
import { AuthParamsError } from './errors.ts';
import { flag, text } from './params.ts';
import { randomAlphanumeric, unixSeconds } from './random.ts';
import { getHeader, setHeader, type AuthSigner } from './signer.ts';

/** The part of @hapi/hawk's client API used here (the package ships no types). */
interface HawkClient {
  header(
    uri: { protocol: string; hostname: string; port: string; pathname: string; search: string },
    method: string,
    options: {
      credentials: { id: string; key: string; algorithm: string };
      timestamp: number;
      nonce: string;
      ext?: string;
      app?: string;
      dlg?: string;
      payload?: string;
      contentType?: string;
    },
  ): { header: string };
}

const require = createRequire(import.meta.url);
const hawkClient = (require('@hapi/hawk') as { client: HawkClient }).client;

const ALGORITHMS = new Set(['sha1', 'sha256']);

/**
 * `hawk`: @hapi/hawk builds the header; the timestamp and nonce come from
 * the params when set, otherwise from ctx (never from Hawk's own clock).
 */
export const hawkSigner: AuthSigner = {
  type: 'hawk',
  sign(request, params, ctx) {
    const id = text(params, 'authId');
    const key = text(params, 'authKey');
    if (!id || !key) return;
    const algorithm = text(params, 'algorithm') || 'sha256';
    if (!ALGORITHMS.has(algorithm)) {
      throw new AuthParamsError('hawk', `Hawk algorithm "${algorithm}" is not supported; use sha256 or sha1.`);
    }

    const options: Parameters<HawkClient['header']>[2] = {
      credentials: { id, key, algorithm },
      timestamp: parseInt(text(params, 'timestamp'), 10) || unixSeconds(ctx),
      nonce: text(params, 'nonce') || randomAlphanumeric(ctx, 6),
    };
    const ext = text(params, 'extraData');
    if (ext) options.ext = ext;
    const app = text(params, 'app');
    if (app) options.app = app;
    const dlg = text(params, 'delegation');
    if (dlg) options.dlg = dlg;
    if (flag(params, 'includePayloadHash')) {
      options.payload = request.bodyText ?? '';
      options.contentType = getHeader(request, 'Content-Type') ?? '';
    }

    let header: string;
    try {
      // A parsed-URL object keeps Hawk off the legacy url.parse().
      const { protocol, hostname, port, pathname, search } = request.url;
      header = hawkClient.header({ protocol, hostname, port, pathname, search }, request.method, options).header;
    } catch (error) {
      throw new AuthParamsError('hawk', `Hawk could not sign the request: ${(error as Error).message}.`);
    }
    setHeader(request, 'Authorization', header);
  },
};
