/**
 * Postman's Url: parts (protocol, auth, host, port, path, query, hash, path
 * variables) parsed the way Postman does, `{{variables}}` left unresolved.
 */
import { PropertyList, QueryParam, queryList, variableList } from './property-list.js';

/** `{{...}}` containing URL separators would confuse the split; park them first. */
const VARIABLE_WITH_SEPARATOR = /\{\{[^{}]*[.:/?#@&\]][^{}]*\}\}/g;

function protect(text) {
  const saved = [];
  const safe = text.replace(VARIABLE_WITH_SEPARATOR, (match) => {
    saved.push(match);
    return `\uE000${saved.length - 1}\uE000`;
  });
  const restore = (part) =>
    typeof part === 'string' && part.includes('\uE000')
      ? part.replace(/\uE000(\d+)\uE000/g, (_, i) => saved[Number(i)])
      : part;
  return { safe, restore };
}

export function parseUrl(input) {
  const result = {};
  if (typeof input !== 'string' || !input) return result;
  const { safe, restore } = protect(input.trimStart());
  let rest = safe;
  let index = rest.indexOf('#');
  if (index >= 0) {
    result.hash = restore(rest.slice(index + 1));
    rest = rest.slice(0, index);
  }
  index = rest.indexOf('?');
  if (index >= 0) {
    result.query = rest.slice(index + 1).split('&').map((part) => {
      const param = QueryParam.parseSingle(part);
      return { key: restore(param.key), value: restore(param.value) };
    });
    rest = rest.slice(0, index);
  }
  rest = rest.replace(/\\/g, '/');
  index = rest.indexOf('://');
  if (index >= 0) {
    result.protocol = restore(rest.slice(0, index));
    rest = rest.slice(index + 3);
    rest = rest.replace(/^\/+/, result.protocol.toLowerCase() === 'file' ? '/' : '');
  }
  index = rest.indexOf('/');
  if (index >= 0) {
    result.path = rest.slice(index + 1).split('/').map(restore);
    rest = rest.slice(0, index);
  }
  index = rest.lastIndexOf('@');
  if (index >= 0) {
    const auth = rest.slice(0, index);
    const colon = auth.indexOf(':');
    result.auth = colon >= 0 ? { user: restore(auth.slice(0, colon)), password: restore(auth.slice(colon + 1)) } : { user: restore(auth) };
    rest = rest.slice(index + 1);
  }
  index = rest.lastIndexOf(':');
  if (index >= 0 && !rest.slice(index + 1).includes(']')) {
    result.port = restore(rest.slice(index + 1));
    rest = rest.slice(0, index);
  }
  if (rest) result.host = rest.split('.').map(restore);
  const variables = [];
  for (const segment of result.path || []) {
    const name = pathVariableName(segment);
    if (name && !variables.some((v) => v.key === name)) variables.push({ key: name });
  }
  if (variables.length) result.variable = variables;
  return result;
}

function pathVariableName(segment) {
  if (typeof segment !== 'string' || !segment.startsWith(':')) return null;
  const dot = segment.indexOf('.');
  return segment.slice(1, dot < 0 ? undefined : dot) || null;
}

function splitHost(host) {
  if (Array.isArray(host)) return host.map(String);
  if (typeof host === 'string') return host.split(/\.(?![^{]*\}{2})/);
  return undefined;
}

function splitPath(path) {
  if (Array.isArray(path)) return path.map((segment) => (segment && typeof segment === 'object' ? String(segment.value ?? '') : String(segment)));
  if (typeof path === 'string') {
    const trimmed = path.replace(/^\/(.+)$/, '$1');
    if (!trimmed) return undefined;
    return trimmed === '/' ? [''] : trimmed.split('/');
  }
  return undefined;
}

export class Url {
  constructor(options) {
    this.update(options);
  }

  static parse(text) {
    return parseUrl(text);
  }

  static isUrl(value) {
    return value instanceof Url;
  }

  update(options) {
    let parts = options;
    if (typeof options === 'string') parts = parseUrl(options);
    else if (!options || typeof options !== 'object') parts = {};
    else if (options.host === undefined && options.path === undefined && typeof options.raw === 'string') {
      // An object with only `raw` (hand-written collections): parse it, keep the listed extras.
      parts = { ...parseUrl(options.raw), ...(options.query ? { query: options.query } : {}), ...(options.variable ? { variable: options.variable } : {}) };
    }
    let query = parts.query;
    if (typeof query === 'string') query = QueryParam.parse(query);
    else if (query && !Array.isArray(query) && typeof query === 'object' && !PropertyList.isPropertyList(query)) {
      query = Object.keys(query).map((key) => ({ key, value: query[key] }));
    }
    this.auth = parts.auth;
    this.protocol = parts.protocol;
    this.port = parts.port === undefined || parts.port === null ? undefined : String(parts.port);
    this.path = splitPath(parts.path);
    this.hash = parts.hash;
    this.host = splitHost(parts.host);
    this.query = queryList(PropertyList.isPropertyList(query) ? query.toJSON() : query || []);
    this.variables = variableList(Array.isArray(parts.variable) ? parts.variable : []);
  }

  addQueryParams(params) {
    this.query.populate(typeof params === 'string' ? QueryParam.parse(params) : params);
  }

  removeQueryParams(params) {
    const keys = (Array.isArray(params) ? params : [params]).map((param) => (param && param.key ? param.key : param));
    this.query.remove((param) => keys.includes(param.key));
  }

  getHost() {
    if (!this.host) return '';
    return Array.isArray(this.host) ? this.host.join('.') : String(this.host);
  }

  getPath(unresolved) {
    const path = this.path || [];
    if (unresolved) return `/${path.join('/')}`;
    const segments = path.map((segment) => {
      const name = pathVariableName(segment);
      if (!name) return segment;
      const value = this.variables.get(name);
      return typeof value === 'string' && value ? value + segment.slice(name.length + 1) : segment;
    });
    return `/${segments.join('/')}`;
  }

  getQueryString() {
    return this.query.count() ? QueryParam.unparse(this.query.all()) : '';
  }

  getPathWithQuery() {
    const query = this.getQueryString();
    return this.getPath() + (query ? `?${query}` : '');
  }

  getRemote(forcePort) {
    let port = this.port;
    if (forcePort && !port) port = this.protocol === 'https' ? '443' : '80';
    return port ? `${this.getHost()}:${port}` : this.getHost();
  }

  getRaw() {
    return this.toString();
  }

  toString(forceProtocol) {
    let raw = '';
    let protocol = this.protocol;
    if (forceProtocol && !protocol) protocol = 'http';
    if (protocol) raw += protocol.endsWith('://') ? protocol : `${protocol}://`;
    if (this.auth && typeof this.auth === 'object') {
      let auth;
      if (typeof this.auth.user === 'string') auth = this.auth.user;
      if (typeof this.auth.password === 'string') auth = `${auth || ''}:${this.auth.password}`;
      if (typeof auth === 'string') raw += `${auth}@`;
    }
    if (this.host) raw += this.getHost();
    if (this.port !== undefined && this.port !== '') raw += `:${this.port}`;
    if (this.path) raw += this.getPath(true);
    if (this.query.count()) {
      const query = this.getQueryString();
      if (query || this.query.find((param) => param && !param.disabled)) raw += `?${query}`;
    }
    if (typeof this.hash === 'string') raw += `#${this.hash}`;
    return raw;
  }

  /** The collection format's url object. */
  toJSON() {
    const json = { raw: this.toString() };
    if (this.protocol !== undefined) json.protocol = this.protocol;
    if (this.auth !== undefined) json.auth = this.auth;
    if (this.host !== undefined) json.host = this.host.slice();
    if (this.port !== undefined) json.port = this.port;
    if (this.path !== undefined) json.path = this.path.slice();
    if (this.query.count()) json.query = this.query.toJSON();
    if (this.hash !== undefined) json.hash = this.hash;
    if (this.variables.count()) json.variable = this.variables.toJSON();
    return json;
  }
}
