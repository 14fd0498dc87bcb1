/**
 * pm.request: Postman's Request (url, method, headers, body, auth) over the
 * item's request JSON. The host sends whatever a pre-request script leaves here.
 */
import { jsonParse, jsonStringify } from './bridge.js';
import { formList, Header, headerList, PropertyList, QueryParam } from './property-list.js';
import { Url } from './url.js';

function clone(value) {
  return value === undefined ? undefined : jsonParse(jsonStringify(value));
}

export class RequestBody {
  constructor(options) {
    this.update(options);
  }

  update(options) {
    if (typeof options === 'string') options = { mode: 'raw', raw: options };
    if (!options || typeof options !== 'object') options = {};
    for (const key of Object.keys(this)) delete this[key];
    for (const key of Object.keys(options)) {
      const value = options[key];
      if (value === undefined || typeof value === 'function') continue;
      if (key === 'urlencoded' || key === 'formdata') {
        this[key] = formList(PropertyList.isPropertyList(value) ? value.toJSON() : typeof value === 'string' ? QueryParam.parse(value) : value);
      } else {
        this[key] = value;
      }
    }
  }

  isEmpty() {
    const content = this.mode ? this[this.mode] : undefined;
    if (content === undefined || content === null) return true;
    if (PropertyList.isPropertyList(content)) return content.count() === 0;
    if (this.mode === 'file') return !(content.src || content.content);
    if (this.mode === 'graphql') return !content.query;
    return content === '';
  }

  toString() {
    switch (this.mode) {
      case 'raw':
        return typeof this.raw === 'string' ? this.raw : '';
      case 'urlencoded':
        return this.urlencoded ? QueryParam.unparse(this.urlencoded.all()) : '';
      case 'file':
        return this.file && typeof this.file.content === 'string' ? this.file.content : '';
      case 'graphql':
        return this.graphql ? jsonStringify(this.graphql) : '';
      default:
        return '';
    }
  }

  toJSON() {
    const json = {};
    for (const key of Object.keys(this)) {
      const value = this[key];
      json[key] = PropertyList.isPropertyList(value) ? value.toJSON() : clone(value);
    }
    return json;
  }
}

/** v2.1 stores auth parameters as [{key, value, type}], v2.0 as an object; both read the same here. */
function authParameters(auth, type) {
  const params = auth ? auth[type] : undefined;
  if (Array.isArray(params)) return params;
  if (params && typeof params === 'object') return Object.keys(params).map((key) => ({ key, value: params[key] }));
  return [];
}

export class RequestAuth {
  constructor(options) {
    this.update(options);
  }

  update(options, type) {
    if (!options || typeof options !== 'object') options = {};
    if (type !== undefined) {
      this[type] = Array.isArray(options) ? clone(options) : authParameters({ [type]: options }, type);
      return;
    }
    for (const key of Object.keys(this)) delete this[key];
    Object.assign(this, clone(options));
  }

  use(type, options) {
    this.type = type;
    if (options !== undefined) this.update(options, type);
  }

  parameters() {
    return new PropertyList(Header, authParameters(this, this.type).map((p) => ({ ...p })), { key: 'key' });
  }

  current() {
    return this.type;
  }

  clear(type) {
    delete this[type];
  }

  toJSON() {
    return clone({ ...this });
  }
}

export class ScriptRequest {
  constructor(json) {
    const source = json && typeof json === 'object' ? json : { url: json };
    Object.defineProperty(this, '_extra', { value: {}, writable: true });
    for (const key of Object.keys(source)) {
      if (!['url', 'method', 'header', 'body', 'auth'].includes(key)) this._extra[key] = source[key];
    }
    this.id = source.id;
    this.name = source.name;
    this.description = source.description;
    Object.defineProperty(this, '_url', { value: undefined, writable: true });
    this.url = source.url;
    this.method = typeof source.method === 'string' && source.method ? source.method.toUpperCase() : 'GET';
    this.headers = headerList(typeof source.header === 'string' ? Header.parse(source.header) : source.header || []);
    Object.defineProperty(this, '_body', { value: undefined, writable: true });
    this.body = source.body === undefined || source.body === null ? undefined : source.body;
    this.auth = source.auth ? new RequestAuth(source.auth) : undefined;
  }

  get url() {
    return this._url;
  }

  set url(value) {
    this._url = value instanceof Url ? value : new Url(value);
  }

  get body() {
    return this._body;
  }

  set body(value) {
    this._body = value === undefined || value === null || value instanceof RequestBody ? value ?? undefined : new RequestBody(value);
  }

  static isRequest(value) {
    return value instanceof ScriptRequest;
  }

  getHeaders(options = {}) {
    const object = {};
    for (const header of this.headers.all()) {
      if (options.enabled && header.disabled) continue;
      const key = options.ignoreCase ? String(header.key).toLowerCase() : header.key;
      if (Object.hasOwn(object, key) && options.multiValue !== false) {
        if (!Array.isArray(object[key])) object[key] = [object[key]];
        object[key].push(header.value);
      } else {
        object[key] = header.value;
      }
    }
    return object;
  }

  forEachHeader(callback) {
    this.headers.each((header) => {
      if (!header.disabled) callback(header, this);
    });
  }

  addHeader(header) {
    this.headers.add(header);
  }

  upsertHeader(header) {
    return this.headers.upsert(header);
  }

  removeHeader(toRemove, options = {}) {
    const name = typeof toRemove === 'string' ? toRemove : toRemove && toRemove.key;
    if (name === undefined) return;
    const wanted = options.ignoreCase === false ? String(name) : String(name).toLowerCase();
    this.headers.remove((header) => (options.ignoreCase === false ? header.key : String(header.key).toLowerCase()) === wanted);
  }

  addQueryParams(params) {
    this.url.addQueryParams(params);
  }

  removeQueryParams(params) {
    this.url.removeQueryParams(params);
  }

  authorizeUsing(type, options) {
    if (type && typeof type === 'object') {
      this.auth = new RequestAuth(type);
      return;
    }
    if (type === null) {
      this.auth = undefined;
      return;
    }
    this.auth = new RequestAuth({ type });
    if (options !== undefined) this.auth.update(options, type);
  }

  clone() {
    return new ScriptRequest(this.toJSON());
  }

  /** The collection format's request object. */
  toJSON() {
    const json = clone(this._extra);
    json.url = this.url.toJSON();
    json.method = this.method;
    json.header = PropertyList.isPropertyList(this.headers) ? this.headers.toJSON() : clone(this.headers);
    if (this.body !== undefined) json.body = this.body instanceof RequestBody ? this.body.toJSON() : clone(this.body);
    if (this.auth !== undefined) json.auth = this.auth instanceof RequestAuth ? this.auth.toJSON() : clone(this.auth);
    if (this.description !== undefined) json.description = this.description;
    if (this.id !== undefined) json.id = this.id;
    if (this.name !== undefined) json.name = this.name;
    return json;
  }
}

/** Serialised form of each part the runner sends, to find what a script changed. */
export function requestParts(request) {
  const json = request.toJSON();
  return {
    url: jsonStringify(json.url),
    method: jsonStringify(json.method),
    header: jsonStringify(json.header),
    body: jsonStringify(json.body === undefined ? null : json.body),
    auth: jsonStringify(json.auth === undefined ? null : json.auth),
  };
}
