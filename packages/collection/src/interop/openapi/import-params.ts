/**
 * Operation parameters → Postman query params, headers and path variables, with example values.
 * Optional query params and headers are added switched off, as Postman does, so the request sends
 * what the API requires and the rest is one click away.
 */
import type { Header, QueryParam, Variable } from '../../types.ts';
import { asArray, deref, isObj, type Json, type JsonObject } from './json.ts';
import type { ImportContext } from './import-context.ts';
import { asText } from './schema-example.ts';

export interface OperationParams {
  query: QueryParam[];
  header: Header[];
  path: Map<string, Variable>;
}

// The spec says these header parameters are ignored: content negotiation and auth say them.
const IGNORED_HEADERS = new Set(['accept', 'content-type', 'authorization']);

export function paramsFor(ctx: ImportContext, pathItem: JsonObject, op: JsonObject, at: (string | number)[]): OperationParams {
  const byKey = new Map<string, { param: JsonObject; at: (string | number)[] }>();
  const collect = (list: Json | undefined, where: (string | number)[]) =>
    asArray(list).forEach((raw, i) => {
      const param = deref(ctx.doc, raw);
      if (isObj(param)) byKey.set(`${String(param.in)}:${String(param.name)}`, { param, at: [...where, 'parameters', i] });
    });
  collect(pathItem.parameters, at.slice(0, -1));
  collect(op.parameters, at);

  const out: OperationParams = { query: [], header: [], path: new Map() };
  for (const { param, at: where } of byKey.values()) {
    const name = String(param.name);
    const description = describe(param);
    const value = valueOf(ctx, param);
    switch (param.in) {
      case 'path':
        out.path.set(name, withDescription<Variable>({ key: name, value: asText(value) }, description));
        break;
      case 'query':
        for (const [key, v] of queryPairs(name, param, value)) {
          out.query.push(withDescription<QueryParam>({ key, value: v, ...(param.required === true ? {} : { disabled: true }) }, description));
        }
        break;
      case 'header':
        if (IGNORED_HEADERS.has(name.toLowerCase())) {
          ctx.note(where, `header parameter ${name} (OpenAPI ignores it; the body media type and auth set it)`);
          break;
        }
        out.header.push(withDescription<Header>({ key: name, value: Array.isArray(value) ? value.map(asText).join(',') : asText(value), ...(param.required === true ? {} : { disabled: true }) }, description));
        break;
      case 'cookie':
        ctx.note(where, `cookie parameter ${name} (Postman keeps cookies in its cookie jar, not in requests)`);
        break;
      default:
        ctx.note(where, `parameter ${name} in "${String(param.in)}" (unknown location)`);
    }
  }
  return out;
}

function describe(param: JsonObject): string | undefined {
  const text = typeof param.description === 'string' ? param.description : '';
  if (param.required === true) return text ? `(Required) ${text}` : '(Required)';
  return text || undefined;
}

function withDescription<T extends { description?: unknown }>(entry: T, description: string | undefined): T {
  if (description !== undefined) entry.description = description;
  return entry;
}

function valueOf(ctx: ImportContext, param: JsonObject): Json {
  if (param.example !== undefined) return param.example;
  if (isObj(param.examples)) {
    const first = deref(ctx.doc, Object.values(param.examples)[0]);
    if (isObj(first) && first.value !== undefined) return first.value;
  }
  if (isObj(param.content)) {
    const media = Object.values(param.content)[0];
    if (isObj(media)) return media.example !== undefined ? media.example : JSON.stringify(ctx.example(media.schema, 'request'));
  }
  return ctx.example(param.schema, 'request');
}

/** Query serialisation per style/explode (form is the default: exploded arrays repeat the key). */
function queryPairs(name: string, param: JsonObject, value: Json): Array<[string, string]> {
  const explode = param.explode ?? (param.style === undefined || param.style === 'form');
  if (Array.isArray(value)) {
    if (explode === true) return value.map((v) => [name, asText(v)]);
    const sep = param.style === 'spaceDelimited' ? ' ' : param.style === 'pipeDelimited' ? '|' : ',';
    return [[name, value.map(asText).join(sep)]];
  }
  if (isObj(value)) {
    if (param.style === 'deepObject') return Object.entries(value).map(([k, v]) => [`${name}[${k}]`, asText(v)]);
    if (explode === true) return Object.entries(value).map(([k, v]) => [k, asText(v)]);
    return [[name, Object.entries(value).flatMap(([k, v]) => [k, asText(v)]).join(',')]];
  }
  return [[name, asText(value)]];
}
