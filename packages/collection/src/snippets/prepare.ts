/**
 * A Postman request → what every snippet states: the static half of what the runtime's
 * prepareRequest does (variables, URL encoding, body, default Content-Type, auth that needs no
 * clock, nonce or challenge). Mirrors packages/runtime/src/prepare.ts and http/body.ts; the runtime
 * cannot be imported from here (it depends on this package), and snippet tests compare the two on
 * the wire.
 */
import { getSigner } from '../auth/registry.ts';
import { BODY_PRUNED_METHODS, RAW_LANGUAGE_TYPES } from '../body-rules.ts';
import type { SignableRequest, SignContext } from '../auth/signer.ts';
import { authParams, headersOf, toRequestObject } from '../request.ts';
import type { Auth, Request, RequestBody } from '../types.ts';
import { toAbsoluteUrl, urlToString } from '../url.ts';
import { VariableResolver } from '../variables.ts';
import { variableListToScope } from '../environment.ts';
import type { SnippetBody, SnippetHeader, SnippetOptions, SnippetPart, SnippetRequest } from './types.ts';

/** Auth types whose credentials are fixed values, applied here with the collection's own signers. */
const STATIC_AUTH = new Set(['basic', 'bearer', 'apikey', 'oauth2']);

const UNRESOLVED = /\{\{([^{}]+?)\}\}/g;

/** Static signers never read the clock or randomness; this makes sure of it. */
const NO_SIGN_CONTEXT: SignContext = {
  now: () => {
    throw new Error('static auth read the clock');
  },
  randomBytes: () => {
    throw new Error('static auth asked for random bytes');
  },
};

export function toSnippetRequest(request: Request, options: SnippetOptions = {}): SnippetRequest {
  const req = toRequestObject(request);
  const resolver = resolverOf(options.variables);
  const unresolved = new Set<string>();
  const resolve = (text: string): string => {
    const out = resolver.replaceIn(text);
    for (const m of out.matchAll(UNRESOLVED)) unresolved.add(m[1]!);
    return out;
  };
  const behavior = options.behavior ?? {};
  const notes: string[] = [];

  const method = resolve(req.method ?? 'GET').toUpperCase();
  const url = toAbsoluteUrl(req.url === undefined ? '' : urlToString(req.url, { resolve, disableUrlEncoding: Boolean(behavior.disableUrlEncoding) }));

  let headers: SnippetHeader[] = [];
  for (const h of headersOf(req)) {
    if (h.disabled || !h.key) continue;
    headers.push({ key: resolve(h.key), value: resolve(h.value ?? '') });
  }

  const pruned = BODY_PRUNED_METHODS.has(method) && !behavior.disableBodyPruning;
  if (pruned && hasBody(req.body)) notes.push(`The body is left out: Postman does not send a body with ${method} unless disableBodyPruning is set.`);
  const built = pruned ? {} : buildBody(req.body, resolve);
  if (built.body?.kind === 'multipart') {
    if (headers.some((h) => isContentType(h.key))) {
      notes.push('The Content-Type header is left to the client, which adds the multipart boundary.');
      headers = headers.filter((h) => !isContentType(h.key));
    }
  } else if (built.contentType && !headers.some((h) => isContentType(h.key))) {
    headers.push({ key: 'Content-Type', value: built.contentType });
  }

  const out: SnippetRequest = { method, url, headers, notes, ...(built.body ? { body: built.body } : {}) };
  const auth = req.auth !== undefined && req.auth !== null && req.auth.type !== 'inherit' ? req.auth : options.auth;
  applyAuth(out, auth, resolve, built.body);

  const dynamic = [...unresolved].filter((n) => n.startsWith('$'));
  const missing = [...unresolved].filter((n) => !n.startsWith('$'));
  if (dynamic.length > 0) {
    notes.unshift(`${listNames(dynamic)} ${dynamic.length === 1 ? 'is' : 'are'} generated anew each time Postern sends the request; the snippet keeps ${dynamic.length === 1 ? 'it' : 'them'} as written.`);
  }
  if (missing.length > 0) {
    notes.unshift(`${listNames(missing)} ${missing.length === 1 ? 'is' : 'are'} not defined in the variables given, so the snippet keeps ${missing.length === 1 ? 'it' : 'them'} as written.`);
  }
  return out;
}

function listNames(names: string[]): string {
  return names.map((n) => `{{${n}}}`).join(', ');
}

function resolverOf(variables: SnippetOptions['variables']): VariableResolver {
  if (variables instanceof VariableResolver) return variables;
  return new VariableResolver((variables ?? []).map((list) => variableListToScope(list)));
}

function isContentType(key: string): boolean {
  return key.toLowerCase() === 'content-type';
}

function hasBody(body: RequestBody | null | undefined): boolean {
  return Boolean(body && !body.disabled && body.mode);
}

interface BuiltBody {
  body?: SnippetBody;
  contentType?: string;
}

function buildBody(body: RequestBody | null | undefined, resolve: (s: string) => string): BuiltBody {
  if (!body || body.disabled || !body.mode) return {};
  switch (body.mode) {
    case 'raw': {
      const raw = resolve(typeof body.raw === 'string' ? body.raw : '');
      if (raw === '') return {};
      const language = body.options?.raw?.language;
      return { body: { kind: 'text', text: raw }, contentType: RAW_LANGUAGE_TYPES[language ?? 'text'] ?? 'text/plain' };
    }
    case 'urlencoded': {
      const params = new URLSearchParams();
      for (const p of body.urlencoded ?? []) {
        if (p.disabled || !p.key) continue;
        params.append(resolve(p.key), resolve(p.value ?? ''));
      }
      return { body: { kind: 'text', text: params.toString() }, contentType: 'application/x-www-form-urlencoded' };
    }
    case 'formdata': {
      const parts: SnippetPart[] = [];
      for (const p of body.formdata ?? []) {
        if (p.disabled || !p.key) continue;
        const name = resolve(p.key);
        const contentType = typeof p.contentType === 'string' && p.contentType !== '' ? p.contentType : undefined;
        if (p.type === 'file') {
          const sources = Array.isArray(p.src) ? p.src : p.src ? [p.src] : [];
          for (const src of sources) {
            if (typeof src !== 'string' || src === '') continue;
            // Stated explicitly, because clients otherwise guess from the extension; undici sends this one.
            parts.push({ kind: 'file', name, path: src, fileName: baseName(src), contentType: contentType ?? 'application/octet-stream' });
          }
        } else {
          const value = resolve(p.value ?? '');
          parts.push(contentType ? { kind: 'text', name, value, contentType } : { kind: 'text', name, value });
        }
      }
      return { body: { kind: 'multipart', parts } };
    }
    case 'file': {
      const src = body.file?.src;
      if (typeof src === 'string' && src !== '') return { body: { kind: 'file', path: src } };
      if (typeof body.file?.content === 'string') return { body: { kind: 'text', text: body.file.content } };
      return {};
    }
    case 'graphql': {
      const g = body.graphql ?? {};
      let variables: unknown = g.variables;
      if (typeof variables === 'string') {
        const text = resolve(variables).trim();
        try {
          variables = text ? JSON.parse(text) : undefined;
        } catch {
          variables = undefined;
        }
      }
      const payload: Record<string, unknown> = { query: resolve(g.query ?? '') };
      if (variables !== undefined) payload.variables = variables;
      return { body: { kind: 'text', text: JSON.stringify(payload) }, contentType: 'application/json' };
    }
    default:
      return {};
  }
}

/** Like node:path basename for both separators, without depending on node:path in the model. */
function baseName(path: string): string {
  const parts = path.split(/[\\/]/);
  return parts[parts.length - 1] || path;
}

function applyAuth(out: SnippetRequest, auth: Auth | null | undefined, resolve: (s: string) => string, body: SnippetBody | undefined): void {
  if (!auth || auth.type === 'noauth') return;
  const params: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(authParams(auth))) params[k] = typeof v === 'string' ? resolve(v) : v;

  if (auth.type === 'digest') {
    out.digest = { username: stringParam(params, 'username'), password: stringParam(params, 'password') };
    return;
  }
  const signer = STATIC_AUTH.has(auth.type) ? getSigner(auth.type) : undefined;
  if (!signer) {
    out.notes.push(
      `${auth.type} auth is computed when the request is sent (signatures, nonces or timestamps), so the snippet sends the request unsigned; run it with Postern to have it signed.`,
    );
    return;
  }
  let url: URL;
  try {
    url = new URL(out.url);
  } catch {
    out.notes.push(`${auth.type} auth is left out because the URL "${out.url}" is not valid.`);
    return;
  }
  const signable: SignableRequest = {
    method: out.method,
    url,
    headers: out.headers.map((h) => ({ ...h })),
    ...(body?.kind === 'text' ? { bodyText: body.text } : {}),
  };
  void signer.sign(signable, params, NO_SIGN_CONTEXT);
  out.headers = signable.headers;
  // As the runtime does: a signed request goes out with the URL as WHATWG URL serializes it.
  out.url = signable.url.toString();
}

function stringParam(params: Record<string, unknown>, key: string): string {
  const v = params[key];
  return v === undefined || v === null ? '' : typeof v === 'string' ? v : String(v);
}
