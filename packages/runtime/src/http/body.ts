/**
 * Turns a (variable-resolved) Postman request body into bytes and a content type.
 */
import { readFile } from 'node:fs/promises';
import { basename, isAbsolute, resolve } from 'node:path';
import { RAW_LANGUAGE_TYPES } from '@postern/collection';
import type { RequestBody } from '@postern/collection';

export interface BuiltBody {
  data?: Buffer | string;
  /** Content type implied by the body mode, used only when the request sets none. */
  contentType?: string;
}

export class BodyError extends Error {
  readonly code = 'BODY_FILE';
}

export interface BodyContext {
  /** Where relative file sources are read from; without it file bodies are refused (server-side sending). */
  workingDir?: string;
  /**
   * Contents provided with the send (the browser uploads the files it chose), looked up by `src`
   * before the working dir.
   */
  files?: BodyFileSource;
  resolve: (s: string) => string;
}

/** Returns the bytes of a body file by its `src`, or undefined when it was not provided. */
export type BodyFileSource = (src: string) => Buffer | undefined;

export async function buildBody(body: RequestBody | null | undefined, ctx: BodyContext): Promise<BuiltBody> {
  if (!body || body.disabled || !body.mode) return {};
  switch (body.mode) {
    case 'raw': {
      const raw = ctx.resolve(typeof body.raw === 'string' ? body.raw : '');
      if (raw === '') return {};
      const language = body.options?.raw?.language;
      return { data: raw, contentType: RAW_LANGUAGE_TYPES[language ?? 'text'] ?? 'text/plain' };
    }
    case 'urlencoded': {
      const params = new URLSearchParams();
      for (const p of body.urlencoded ?? []) {
        if (p.disabled || !p.key) continue;
        params.append(ctx.resolve(p.key), ctx.resolve(p.value ?? ''));
      }
      return { data: params.toString(), contentType: 'application/x-www-form-urlencoded' };
    }
    case 'formdata':
      return buildMultipart(body, ctx);
    case 'file': {
      const src = body.file?.src;
      if (src) return { data: await readBodyFile(src, ctx) };
      if (typeof body.file?.content === 'string') return { data: body.file.content };
      return {};
    }
    case 'graphql': {
      const g = body.graphql ?? {};
      let variables: unknown = g.variables;
      if (typeof variables === 'string') {
        const text = ctx.resolve(variables).trim();
        try {
          variables = text ? JSON.parse(text) : undefined;
        } catch {
          variables = undefined;
        }
      }
      const payload: Record<string, unknown> = { query: ctx.resolve(g.query ?? '') };
      if (variables !== undefined) payload.variables = variables;
      return { data: JSON.stringify(payload), contentType: 'application/json' };
    }
    default:
      return {};
  }
}

async function buildMultipart(body: RequestBody, ctx: BodyContext): Promise<BuiltBody> {
  const form = new FormData();
  for (const p of body.formdata ?? []) {
    if (p.disabled || !p.key) continue;
    const key = ctx.resolve(p.key);
    if (p.type === 'file') {
      const sources = Array.isArray(p.src) ? p.src : p.src ? [p.src] : [];
      for (const src of sources) {
        const bytes = await readBodyFile(src, ctx);
        form.append(key, new Blob([bytes], p.contentType ? { type: p.contentType } : {}), basename(src));
      }
    } else {
      const value = ctx.resolve(p.value ?? '');
      form.append(key, p.contentType ? new Blob([value], { type: p.contentType }) : value);
    }
  }
  // The platform's Response serializes FormData to multipart with a fresh boundary.
  const encoded = new Response(form);
  const data = Buffer.from(await encoded.arrayBuffer());
  return { data, contentType: encoded.headers.get('content-type') ?? 'multipart/form-data' };
}

async function readBodyFile(src: string, ctx: BodyContext): Promise<Buffer> {
  const provided = ctx.files?.(src);
  if (provided !== undefined) return provided;
  if (ctx.workingDir === undefined) {
    if (ctx.files) {
      // The browser keeps chosen files only in memory, so after a reload (or in another tab) they are gone.
      throw new BodyError(`the file "${src}" was not uploaded with this send; choose it again`);
    }
    throw new BodyError(`the body refers to the file "${src}", which cannot be read here; send its content as a raw body instead`);
  }
  const path = isAbsolute(src) ? src : resolve(ctx.workingDir, src);
  try {
    return await readFile(path);
  } catch {
    throw new BodyError(`cannot read body file "${src}" (looked in ${path}); set --working-dir to the folder that holds it`);
  }
}
