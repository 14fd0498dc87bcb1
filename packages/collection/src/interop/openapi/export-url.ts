/**
 * A Postman URL → the server it goes to and an OpenAPI path template: `:id` and whole
 * `{{var}}` segments become `{id}` / `{var}` path parameters; `{{var}}` in the host becomes a
 * server variable (default: the variable's value when the collection knows it).
 */
import { parseUrl } from '../../url.ts';
import type { QueryParam, Url, UrlObject, Variable } from '../../types.ts';
import type { ExportContext } from './export-context.ts';
import type { JsonObject } from './json.ts';

export interface ExportedUrl {
  server: JsonObject;
  path: string;
  pathParams: Array<{ name: string; example: string; description?: string }>;
  query: QueryParam[];
}

const VAR = /\{\{([^{}]+)\}\}/g;

export function exportUrl(ctx: ExportContext, url: Url | undefined): ExportedUrl {
  const u: UrlObject = typeof url === 'string' ? parseUrl(url) : (url ?? {});
  const host = Array.isArray(u.host) ? u.host.join('.') : (u.host ?? '');
  const segments = typeof u.path === 'string' ? u.path.split('/') : (u.path ?? []).map((s) => (typeof s === 'string' ? s : (s.value ?? '')));

  // `{{baseUrl}}` may hold a path as well (`https://api.example.com/v1`): it belongs to the server.
  const serverVars: JsonObject = {};
  const serverText = `${u.protocol ? `${u.protocol}://` : ''}${host}${u.port ? `:${u.port}` : ''}`.replace(VAR, (_, name: string) => {
    const value = ctx.valueOf(name);
    if (value !== undefined && name === 'baseUrl') return value.replace(/\/+$/, '');
    serverVars[name] = { default: value ?? '' };
    return `{${name}}`;
  });
  const server: JsonObject = { url: serverText || '/' };
  if (Object.keys(serverVars).length) server.variables = serverVars;

  const declared = new Map<string, Variable>((u.variable ?? []).filter((v) => typeof v.key === 'string').map((v) => [v.key as string, v]));
  const pathParams: ExportedUrl['pathParams'] = [];
  const seen = new Set<string>();
  const addParam = (name: string, example: string, description?: string) => {
    if (seen.has(name)) return;
    seen.add(name);
    pathParams.push(description ? { name, example, description } : { name, example });
  };
  const template = segments.map((segment) => {
    if (segment.startsWith(':') && segment.length > 1) {
      const name = segment.slice(1);
      const v = declared.get(name);
      addParam(name, v?.value == null ? '' : String(v.value), descriptionText(v?.description));
      return `{${name}}`;
    }
    return segment.replace(VAR, (_, name: string) => {
      addParam(name, ctx.valueOf(name) ?? '');
      return `{${name}}`;
    });
  });
  const path = `/${template.join('/')}`.replace(/^\/\//, '/');
  return { server, path, pathParams, query: (u.query ?? []).filter((q) => typeof q.key === 'string' && q.key !== '') };
}

export function descriptionText(d: unknown): string | undefined {
  if (typeof d === 'string') return d || undefined;
  if (d && typeof d === 'object' && typeof (d as { content?: unknown }).content === 'string') return (d as { content: string }).content || undefined;
  return undefined;
}
