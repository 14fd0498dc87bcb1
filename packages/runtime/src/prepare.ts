/**
 * From an item's request (after pre-request scripts) to bytes on the wire:
 * variables resolved, default headers, body built, auth signed.
 */
import {
  AuthNotSupportedError,
  BODY_PRUNED_METHODS,
  authParams,
  getSigner,
  headersOf,
  toAbsoluteUrl,
  urlToString,
  type Auth,
  type AuthParams,
  type AuthSigner,
  type ProtocolProfileBehavior,
  type RequestObject,
  type SignContext,
  type SignableRequest,
  type VariableResolver,
} from '@postern/collection';
import { buildBody, type BodyFileSource } from './http/body.ts';
import type { OutgoingRequest } from './http/send.ts';

export const USER_AGENT = 'PosternRuntime/0.1.0';

export interface PrepareContext {
  resolver: VariableResolver;
  /** Folder of file bodies; unset refuses them, so a server never reads its own disk for a sender. */
  workingDir?: string;
  /** File contents provided with the send, looked up by `src` before `workingDir`. */
  files?: BodyFileSource;
  signContext: SignContext;
  behavior: ProtocolProfileBehavior;
}

export interface PreparedAuth {
  signer: AuthSigner;
  params: AuthParams;
}

export interface PreparedRequest {
  outgoing: OutgoingRequest;
  auth?: PreparedAuth;
  /** Set when the auth type cannot be applied; the request goes out unsigned. */
  authWarning?: string;
  /** The request before signing, to re-sign on a challenge (digest). */
  unsigned: OutgoingRequest;
  form?: Array<{ key: string; value: string }>;
}

export class RequestBuildError extends Error {
  readonly code = 'INVALID_REQUEST';
}

export async function prepareRequest(
  request: RequestObject,
  auth: Auth | null | undefined,
  ctx: PrepareContext,
): Promise<PreparedRequest> {
  const resolve = (s: string) => ctx.resolver.replaceIn(s);
  const method = resolve(request.method ?? 'GET').toUpperCase();
  const rawUrl =
    request.url === undefined
      ? ''
      : urlToString(request.url, { resolve, disableUrlEncoding: Boolean(ctx.behavior.disableUrlEncoding) });
  if (!rawUrl.trim()) throw new RequestBuildError('the request has no URL');
  const url = toAbsoluteUrl(rawUrl);
  try {
    new URL(url);
  } catch {
    throw new RequestBuildError(`invalid URL "${url}"; check that every {{variable}} in it is defined`);
  }

  const headers: Array<{ key: string; value: string }> = [];
  for (const h of headersOf(request)) {
    if (h.disabled || !h.key) continue;
    headers.push({ key: resolve(h.key), value: resolve(h.value ?? '') });
  }

  const pruned = BODY_PRUNED_METHODS.has(method) && !ctx.behavior.disableBodyPruning;
  const body = pruned ? {} : await buildBody(request.body, { workingDir: ctx.workingDir, files: ctx.files, resolve });
  if (body.contentType && !hasHeader(headers, 'content-type')) headers.push({ key: 'Content-Type', value: body.contentType });
  addDefault(headers, 'User-Agent', USER_AGENT);
  addDefault(headers, 'Accept', '*/*');
  addDefault(headers, 'Accept-Encoding', 'gzip, deflate, br');

  const outgoing: OutgoingRequest = { method, url, headers, ...(body.data !== undefined ? { body: body.data } : {}) };
  const form = request.body?.mode === 'urlencoded' && !pruned ? urlencodedPairs(request, resolve) : undefined;
  const prepared: PreparedRequest = { outgoing, unsigned: { ...outgoing, headers: [...headers] }, ...(form ? { form } : {}) };

  if (!auth || auth.type === 'noauth') return prepared;
  const signer = getSigner(auth.type);
  const params = resolveParams(authParams(auth), resolve);
  if (!signer) {
    prepared.authWarning = `auth type "${auth.type}" is not supported yet; the request was sent without it`;
    return prepared;
  }
  prepared.auth = { signer, params };
  try {
    prepared.outgoing = await signRequest(prepared.unsigned, form, signer, params, ctx.signContext);
  } catch (err) {
    if (err instanceof AuthNotSupportedError) {
      prepared.authWarning = err.message;
      delete prepared.auth;
      return prepared;
    }
    throw err;
  }
  return prepared;
}

/** Signs a copy of `unsigned`; used first and again after an auth challenge. */
export async function signRequest(
  unsigned: OutgoingRequest,
  form: Array<{ key: string; value: string }> | undefined,
  signer: AuthSigner,
  params: AuthParams,
  ctx: SignContext,
): Promise<OutgoingRequest> {
  const signable: SignableRequest = {
    method: unsigned.method,
    url: new URL(unsigned.url),
    headers: unsigned.headers.map((h) => ({ ...h })),
    ...(typeof unsigned.body === 'string' ? { bodyText: unsigned.body } : {}),
    ...(form ? { form: form.map((p) => ({ ...p })) } : {}),
  };
  await signer.sign(signable, params, ctx);
  const signed: OutgoingRequest = { method: signable.method, url: signable.url.toString(), headers: signable.headers };
  if (signable.form && form && signable.form.length !== form.length) {
    signed.body = new URLSearchParams(signable.form.map((p): [string, string] => [p.key, p.value])).toString();
  } else if (signable.bodyText !== undefined && signable.bodyText !== unsigned.body) {
    signed.body = signable.bodyText;
  } else if (unsigned.body !== undefined) {
    signed.body = unsigned.body;
  }
  return signed;
}

function urlencodedPairs(request: RequestObject, resolve: (s: string) => string): Array<{ key: string; value: string }> {
  const out: Array<{ key: string; value: string }> = [];
  for (const p of request.body?.urlencoded ?? []) {
    if (p.disabled || !p.key) continue;
    out.push({ key: resolve(p.key), value: resolve(p.value ?? '') });
  }
  return out;
}

function resolveParams(params: AuthParams, resolve: (s: string) => string): AuthParams {
  const out: AuthParams = {};
  for (const [k, v] of Object.entries(params)) out[k] = typeof v === 'string' ? resolve(v) : v;
  return out;
}

function hasHeader(headers: Array<{ key: string }>, name: string): boolean {
  const lower = name.toLowerCase();
  return headers.some((h) => h.key.toLowerCase() === lower);
}

function addDefault(headers: Array<{ key: string; value: string }>, key: string, value: string): void {
  if (!hasHeader(headers, key)) headers.push({ key, value });
}
