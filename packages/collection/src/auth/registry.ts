import { apikeySigner } from './apikey.ts';
import { awsv4Signer } from './awsv4.ts';
import { basicSigner } from './basic.ts';
import { bearerSigner } from './bearer.ts';
import { digestSigner } from './digest.ts';
import { edgegridSigner } from './edgegrid.ts';
import { hawkSigner } from './hawk.ts';
import { jwtSigner } from './jwt.ts';
import { noauthSigner } from './noauth.ts';
import { ntlmSigner } from './ntlm.ts';
import { oauth1Signer } from './oauth1.ts';
import { oauth2Signer } from './oauth2.ts';
import type { AuthSigner } from './signer.ts';

/** Every signer, keyed by its Postman auth `type`. */
export const authSigners: readonly AuthSigner[] = [
  noauthSigner,
  basicSigner,
  bearerSigner,
  apikeySigner,
  digestSigner,
  oauth1Signer,
  oauth2Signer,
  hawkSigner,
  awsv4Signer,
  edgegridSigner,
  jwtSigner,
  ntlmSigner,
];

const byType = new Map(authSigners.map((signer) => [signer.type, signer]));

/**
 * The signer for a Postman auth type, or undefined for a type Postern does
 * not know. `ntlm` has a signer, but it throws AuthNotSupportedError.
 */
export function getSigner(type: string): AuthSigner | undefined {
  return byType.get(type);
}

/** The auth types that actually sign requests (everything but `ntlm`). */
export const supportedAuthTypes: readonly string[] = authSigners
  .map((signer) => signer.type)
  .filter((type) => type !== ntlmSigner.type);
