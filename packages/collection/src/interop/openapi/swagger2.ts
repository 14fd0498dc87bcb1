/**
 * Swagger 2.0 → OpenAPI 3.0, pure. Shared by the importer and packages/mock; keeps what either
 * needs: servers (host, schemes, basePath), parameters, bodies (body and formData), responses with
 * examples, security definitions with their OAuth2 flows. Unknown and `x-` fields on operations
 * survive as they are.
 */
import { METHODS, asArray, isObj, type Json, type JsonObject } from './json.ts';

const PARAM_SCHEMA_KEYS = [
  'type', 'format', 'items', 'enum', 'default', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum',
  'minLength', 'maxLength', 'pattern', 'minItems', 'maxItems', 'uniqueItems', 'multipleOf',
];

function rewriteRefs(v: Json): Json {
  if (Array.isArray(v)) return v.map(rewriteRefs);
  if (!isObj(v)) return v;
  const out: JsonObject = {};
  for (const [k, val] of Object.entries(v)) {
    if (k === '$ref' && typeof val === 'string') {
      out[k] = val
        .replace(/^#\/definitions\//, '#/components/schemas/')
        .replace(/^#\/parameters\//, '#/components/parameters/')
        .replace(/^#\/responses\//, '#/components/responses/');
    } else out[k] = rewriteRefs(val);
  }
  return out;
}

function paramSchema(p: JsonObject): JsonObject {
  const schema: JsonObject = {};
  for (const k of PARAM_SCHEMA_KEYS) if (p[k] !== undefined) schema[k] = p[k] as Json;
  if (schema.type === 'file') {
    schema.type = 'string';
    schema.format = 'binary';
  }
  return schema;
}

function convertParam(p: JsonObject): JsonObject {
  if (typeof p.$ref === 'string') return p;
  const out: JsonObject = { name: p.name as Json, in: p.in as Json, schema: paramSchema(p) };
  for (const k of ['required', 'description', 'deprecated', 'allowEmptyValue'] as const) if (p[k] !== undefined) out[k] = p[k] as Json;
  if (p['x-example'] !== undefined) out.example = p['x-example'] as Json;
  if (p.type === 'array') {
    const cf = p.collectionFormat ?? 'csv';
    out.explode = cf === 'multi';
    if (cf === 'ssv') out.style = 'spaceDelimited';
    if (cf === 'pipes') out.style = 'pipeDelimited';
  }
  return out;
}

function convertResponse(r: JsonObject, produces: string[]): JsonObject {
  if (typeof r.$ref === 'string') return r;
  const out: JsonObject = { description: r.description ?? '' };
  if (isObj(r.headers)) {
    const headers: JsonObject = {};
    for (const [n, h] of Object.entries(r.headers)) {
      if (!isObj(h)) continue;
      const header: JsonObject = { schema: paramSchema(h) };
      if (typeof h.description === 'string') header.description = h.description;
      headers[n] = header;
    }
    out.headers = headers;
  }
  const examples = isObj(r.examples) ? r.examples : {};
  if (r.schema !== undefined || Object.keys(examples).length) {
    const content: JsonObject = {};
    for (const mt of new Set([...produces, ...Object.keys(examples)])) {
      const media: JsonObject = {};
      if (r.schema !== undefined) media.schema = r.schema;
      if (examples[mt] !== undefined) media.example = examples[mt] as Json;
      content[mt] = media;
    }
    out.content = content;
  }
  return out;
}

function bodyFrom(p: JsonObject, consumes: string[]): JsonObject {
  const examples = isObj(p['x-examples']) ? p['x-examples'] : {};
  const body: JsonObject = {
    required: p.required ?? false,
    content: Object.fromEntries(
      consumes.map((c) => {
        const media: JsonObject = { schema: p.schema ?? {} };
        if (examples[c] !== undefined) media.example = examples[c] as Json;
        return [c, media];
      }),
    ),
  };
  if (typeof p.description === 'string') body.description = p.description;
  return body;
}

const FLOWS: Record<string, string> = { implicit: 'implicit', password: 'password', application: 'clientCredentials', accessCode: 'authorizationCode' };

function convertSecurity(d: JsonObject): JsonObject {
  const described = (o: JsonObject): JsonObject => (typeof d.description === 'string' ? { ...o, description: d.description } : o);
  if (d.type === 'basic') return described({ type: 'http', scheme: 'basic' });
  if (d.type === 'apiKey') return described({ type: 'apiKey', name: d.name as Json, in: d.in as Json });
  const flow: JsonObject = { scopes: isObj(d.scopes) ? d.scopes : {} };
  if (typeof d.authorizationUrl === 'string') flow.authorizationUrl = d.authorizationUrl;
  if (typeof d.tokenUrl === 'string') flow.tokenUrl = d.tokenUrl;
  const name = FLOWS[String(d.flow)];
  return described({ type: 'oauth2', flows: name ? { [name]: flow } : {} });
}

function serversOf(s: JsonObject): Json[] {
  const basePath = typeof s.basePath === 'string' && s.basePath !== '/' ? s.basePath.replace(/\/+$/, '') : '';
  if (typeof s.host !== 'string') return basePath ? [{ url: basePath }] : [];
  const schemes = (asArray(s.schemes) as string[]).filter((x) => typeof x === 'string');
  return (schemes.length ? schemes : ['https']).map((scheme) => ({ url: `${scheme}://${s.host as string}${basePath}` }));
}

export function convertSwagger2(sw: JsonObject): JsonObject {
  const s = rewriteRefs(sw) as JsonObject;
  const globalConsumes = (asArray(s.consumes) as string[]).length ? (s.consumes as string[]) : ['application/json'];
  const globalProduces = (asArray(s.produces) as string[]).length ? (s.produces as string[]) : ['application/json'];
  const components: JsonObject = { schemas: (s.definitions ?? {}) as Json };
  const params: JsonObject = {};
  const bodies: JsonObject = {};
  for (const [n, p] of Object.entries(isObj(s.parameters) ? s.parameters : {})) {
    if (!isObj(p)) continue;
    if (p.in === 'body') bodies[n] = bodyFrom(p, globalConsumes);
    else params[n] = convertParam(p);
  }
  components.parameters = params;
  components.requestBodies = bodies;
  components.responses = Object.fromEntries(
    Object.entries(isObj(s.responses) ? s.responses : {}).map(([k, r]) => [k, convertResponse(r as JsonObject, globalProduces)]),
  );
  const schemes: JsonObject = {};
  for (const [n, d] of Object.entries(isObj(s.securityDefinitions) ? s.securityDefinitions : {})) if (isObj(d)) schemes[n] = convertSecurity(d);
  components.securitySchemes = schemes;
  const paths: JsonObject = {};
  for (const [p, item] of Object.entries(isObj(s.paths) ? s.paths : {})) {
    if (!isObj(item)) continue;
    const newItem: JsonObject = {};
    const convertList = (list: Json | undefined, consumes: string[]) => {
      const out: Json[] = [];
      let body: JsonObject | undefined;
      const form: JsonObject = {};
      const formRequired: string[] = [];
      let hasFile = false;
      for (const raw of asArray(list)) {
        if (!isObj(raw)) continue;
        const ref = typeof raw.$ref === 'string' ? raw.$ref : '';
        if (ref.startsWith('#/components/parameters/') && bodies[ref.slice(24)]) {
          body = { $ref: `#/components/requestBodies/${ref.slice(24)}` };
          continue;
        }
        if (raw.in === 'body') body = bodyFrom(raw, consumes);
        else if (raw.in === 'formData') {
          const schema = paramSchema(raw);
          if (typeof raw.description === 'string') schema.description = raw.description;
          if (raw.type === 'file') hasFile = true;
          form[raw.name as string] = schema;
          if (raw.required) formRequired.push(raw.name as string);
        } else out.push(convertParam(raw));
      }
      if (Object.keys(form).length) {
        const ct = hasFile
          ? 'multipart/form-data'
          : (consumes.find((c) => c.includes('form')) ?? 'application/x-www-form-urlencoded');
        body = { required: formRequired.length > 0, content: { [ct]: { schema: { type: 'object', properties: form, required: formRequired } } } };
      }
      return { params: out, body };
    };
    if (item.parameters) newItem.parameters = convertList(item.parameters, globalConsumes).params;
    for (const m of METHODS) {
      const op = item[m];
      if (!isObj(op)) continue;
      const consumes = (asArray(op.consumes) as string[]).length ? (op.consumes as string[]) : globalConsumes;
      const produces = (asArray(op.produces) as string[]).length ? (op.produces as string[]) : globalProduces;
      const { params: ps, body } = convertList(op.parameters, consumes);
      const newOp: JsonObject = { ...op, parameters: ps };
      delete newOp.consumes;
      delete newOp.produces;
      delete newOp.schemes;
      if (body) newOp.requestBody = body;
      newOp.responses = Object.fromEntries(
        Object.entries(isObj(op.responses) ? op.responses : {}).map(([k, r]) => [k, convertResponse(r as JsonObject, produces)]),
      );
      newItem[m] = newOp;
    }
    paths[p] = newItem;
  }
  const out: JsonObject = { openapi: '3.0.3', info: s.info ?? {}, servers: serversOf(s), paths, components };
  if (s.security) out.security = s.security;
  if (Array.isArray(s.tags)) out.tags = s.tags;
  if (isObj(s.externalDocs)) out.externalDocs = s.externalDocs;
  return out;
}
