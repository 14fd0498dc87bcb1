import type { JWTHeaderParameters, KeyLike } from 'jose';

// jose is loaded on first use: most runs never sign a JWT, and it costs ~13 MB at start-up.
const loadJose = () => import('jose');
import { AuthParamsError } from './errors.ts';
import { flag, text } from './params.ts';
import { appendQueryParams, removeQueryParams } from './query.ts';
import { setHeader, type AuthParams, type AuthSigner, type SignableRequest } from './signer.ts';

const HMAC_ALGORITHMS = new Set(['HS256', 'HS384', 'HS512']);
const KEY_ALGORITHMS = new Set(['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512']);

/** `header` and `payload` arrive as JSON text (as Postman stores them) or as objects; blank means `{}`. */
function jsonObject(params: AuthParams, key: 'header' | 'payload'): Record<string, unknown> {
  const raw = params[key];
  let value: unknown = raw;
  if (raw === undefined || raw === null) return {};
  if (typeof raw === 'string') {
    if (raw.trim() === '') return {};
    try {
      value = JSON.parse(raw);
    } catch {
      throw new AuthParamsError('jwt', `The JWT ${key} is not valid JSON; write it as a JSON object, e.g. {"sub": "123"}.`);
    }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new AuthParamsError('jwt', `The JWT ${key} must be a JSON object.`);
  }
  return value as Record<string, unknown>;
}

async function signingKey(algorithm: string, params: AuthParams): Promise<Uint8Array | KeyLike | undefined> {
  if (HMAC_ALGORITHMS.has(algorithm)) {
    const secret = text(params, 'secret');
    if (!secret) return undefined;
    return new Uint8Array(Buffer.from(secret, flag(params, 'isSecretBase64Encoded') ? 'base64' : 'utf8'));
  }
  const privateKey = text(params, 'privateKey');
  if (!privateKey) return undefined;
  try {
    return await (await loadJose()).importPKCS8(privateKey, algorithm);
  } catch {
    throw new AuthParamsError(
      'jwt',
      `The JWT private key could not be read for ${algorithm}; paste a PEM-encoded PKCS#8 private key ("-----BEGIN PRIVATE KEY-----").`,
    );
  }
}

function addToken(request: SignableRequest, params: AuthParams, token: string): void {
  if (text(params, 'addTokenTo') === 'queryParam') {
    const name = text(params, 'queryParamKey') || 'token';
    removeQueryParams(request.url, (key) => key === name);
    appendQueryParams(request.url, [[name, token]]);
    return;
  }
  // Postman: an unset prefix means "Bearer"; an empty one sends the bare token.
  const prefix = params['headerPrefix'] === undefined || params['headerPrefix'] === null ? 'Bearer' : text(params, 'headerPrefix');
  setHeader(request, 'Authorization', prefix ? `${prefix} ${token}` : token);
}

/**
 * `jwt`: signs `payload` with jose and sends it as a bearer header or a
 * query parameter. The `alg` param wins over any `alg` in `header`. No
 * claims are added (no `iat`), so a fixed payload signs identically every
 * time; ES and PS signatures still differ per run, by their design.
 */
export const jwtSigner: AuthSigner = {
  type: 'jwt',
  async sign(request, params) {
    const algorithm = text(params, 'algorithm') || 'HS256';
    if (!HMAC_ALGORITHMS.has(algorithm) && !KEY_ALGORITHMS.has(algorithm)) {
      throw new AuthParamsError('jwt', `JWT algorithm "${algorithm}" is not supported; use HS, RS, PS or ES with 256, 384 or 512.`);
    }
    const key = await signingKey(algorithm, params);
    if (!key) return;
    const header = { ...jsonObject(params, 'header'), alg: algorithm } as JWTHeaderParameters;
    const payload = jsonObject(params, 'payload');
    let token: string;
    try {
      const { SignJWT } = await loadJose();
      token = await new SignJWT(payload).setProtectedHeader(header).sign(key);
    } catch (error) {
      throw new AuthParamsError('jwt', `The JWT could not be signed: ${(error as Error).message}.`);
    }
    addToken(request, params, token);
  },
};
