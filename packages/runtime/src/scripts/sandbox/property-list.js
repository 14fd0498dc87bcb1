/**
 * Postman's PropertyList and the small item types it holds (headers, query
 * parameters, form fields, path variables, cookies), with the methods scripts
 * use. Items keep every field they were created with, so writing a request back
 * to the host loses nothing.
 */

function plainCopy(source) {
  const copy = {};
  for (const key of Object.keys(source)) {
    const value = source[key];
    if (value !== undefined && typeof value !== 'function') copy[key] = value;
  }
  return copy;
}

class Property {
  constructor(fields) {
    if (fields && typeof fields === 'object') {
      for (const key of Object.keys(fields)) {
        const value = fields[key];
        if (typeof value !== 'function' && key !== '__parent') this[key] = value;
      }
    }
  }

  update(fields) {
    if (fields && typeof fields === 'object') Object.assign(this, plainCopy(fields));
  }

  valueOf() {
    return this.value;
  }

  toJSON() {
    return plainCopy(this);
  }
}

export class Header extends Property {
  constructor(options, name) {
    if (typeof options === 'string') {
      options = name === undefined ? Header.parseSingle(options) : { key: name, value: options };
    }
    super(options);
    this.key = this.key === undefined || this.key === null ? '' : String(this.key);
    if (this.value === undefined || this.value === null) this.value = '';
  }

  toString() {
    return `${this.key}: ${this.value}`;
  }

  static create(value, name) {
    return new Header(value, name);
  }

  static parseSingle(line) {
    const text = String(line);
    const index = text.indexOf(':');
    if (index < 0) return { key: text.trim(), value: '' };
    return { key: text.slice(0, index).trim(), value: text.slice(index + 1).trim() };
  }

  static parse(text) {
    return String(text)
      .split(/\r?\n/)
      .filter((line) => line.trim())
      .map((line) => Header.parseSingle(line));
  }

  static unparse(headers, separator = '\r\n') {
    const list = typeof headers.all === 'function' ? headers.all() : headers;
    return list
      .filter((header) => header && !header.disabled)
      .map((header) => `${header.key}: ${header.value}`)
      .join(separator);
  }
}

/** Reserved characters in a query key/value are encoded; {{variables}} are left as written. */
function encodeQueryPart(text, encodeEquals) {
  if (!text) return text;
  return text
    .split(/(\{\{[^{}]*\}\})/)
    .map((part, i) => {
      if (i % 2 === 1) return part;
      let out = part.replace(/&/g, '%26').replace(/#/g, '%23');
      if (encodeEquals) out = out.replace(/=/g, '%3D');
      return out;
    })
    .join('');
}

export class QueryParam extends Property {
  constructor(options) {
    super(typeof options === 'string' ? QueryParam.parseSingle(options) : options);
  }

  valueOf() {
    return typeof this.value === 'string' ? this.value : '';
  }

  toString() {
    return QueryParam.unparseSingle(this);
  }

  static parseSingle(text) {
    const index = text.indexOf('=');
    return index < 0 ? { key: text, value: null } : { key: text.slice(0, index), value: text.slice(index + 1) };
  }

  static parse(query) {
    if (typeof query !== 'string') return [];
    return query.split('&').map((part) => QueryParam.parseSingle(part));
  }

  static unparseSingle(param) {
    let text = typeof param.key === 'string' ? encodeQueryPart(param.key, true) : '';
    if (typeof param.value === 'string') text += `=${encodeQueryPart(param.value, false)}`;
    return text;
  }

  static unparse(params) {
    const list = Array.isArray(params) ? params : typeof params.all === 'function' ? params.all() : [];
    return list
      .filter((param) => param && param.disabled !== true)
      .map((param) => QueryParam.unparseSingle(param))
      .join('&');
  }
}

/** A form-data or url-encoded body field. */
export class FormParam extends Property {
  constructor(options, name) {
    if (typeof options === 'string') options = name === undefined ? QueryParam.parseSingle(options) : { key: name, value: options };
    super(options);
  }

  toString() {
    return `${this.key}=${this.value}`;
  }
}

/** A path variable (`:id`) or another key/value variable. */
export class Variable extends Property {
  constructor(options) {
    super(options);
    if (this.key === undefined && this.id !== undefined) this.key = this.id;
  }
}

export class Cookie extends Property {
  constructor(options) {
    super(options);
    if (this.name === undefined && this.key !== undefined) this.name = this.key;
  }

  toString() {
    return `${this.name}=${this.value}`;
  }
}

const LIST_TYPES = new WeakSet();

export class PropertyList {
  /**
   * @param Type item class
   * @param items initial items (array, or a string the type can parse)
   * @param options.key field that names an item; options.caseInsensitive for headers
   */
  constructor(Type, items, options = {}) {
    Object.defineProperties(this, {
      Type: { value: Type },
      _key: { value: options.key || 'key' },
      _caseInsensitive: { value: Boolean(options.caseInsensitive) },
      members: { value: [], writable: true },
    });
    LIST_TYPES.add(this);
    if (items !== undefined && items !== null) this.populate(items);
  }

  static isPropertyList(value) {
    return LIST_TYPES.has(value);
  }

  _norm(key) {
    if (key === undefined || key === null) return key;
    return this._caseInsensitive ? String(key).toLowerCase() : String(key);
  }

  _make(item, extra) {
    if (item instanceof this.Type) return item;
    return extra === undefined ? new this.Type(item) : new this.Type(item, extra);
  }

  insert(item, before) {
    if (item === null || typeof item !== 'object') return;
    const made = this._make(item);
    const existing = this.members.indexOf(made);
    if (existing >= 0) this.members.splice(existing, 1);
    const at = before === undefined ? -1 : this.indexOf(before);
    if (at >= 0) this.members.splice(at, 0, made);
    else this.members.push(made);
  }

  insertAfter(item, after) {
    const at = this.indexOf(after);
    const next = at >= 0 ? this.members[at + 1] : undefined;
    this.insert(item, next);
  }

  append(item) {
    this.insert(item);
  }

  prepend(item) {
    this.insert(item, this.members[0]);
  }

  add(item, extra) {
    if (item === null || item === undefined || Number.isNaN(item)) return;
    const made = this._make(item, extra);
    this.members.push(made);
  }

  /** Updates the item with the same key, or adds it. Returns true when added. */
  upsert(item) {
    if (item === null || item === undefined) return null;
    const made = typeof item === 'string' ? this._make(item) : item;
    const existing = this.one(made[this._key]);
    if (existing) {
      existing.update(made instanceof this.Type ? made.toJSON() : made);
      return false;
    }
    this.add(made);
    return true;
  }

  remove(predicate, context) {
    let test;
    if (typeof predicate === 'function') test = (item, i, all) => predicate.call(context || this, item, i, all);
    else if (typeof predicate === 'string') {
      const key = this._norm(predicate);
      test = (item) => this._norm(item[this._key]) === key;
    } else if (predicate && typeof predicate === 'object') test = (item) => item === predicate;
    else return;
    this.members = this.members.filter((item, i, all) => !test(item, i, all));
  }

  clear() {
    this.members.length = 0;
  }

  populate(items) {
    if (typeof items === 'string' && typeof this.Type.parse === 'function') items = this.Type.parse(items);
    if (Array.isArray(items)) {
      for (const item of items) this.add(item);
    } else if (items && typeof items === 'object' && typeof this.Type.create === 'function') {
      for (const key of Object.keys(items)) this.add(items[key], key);
    } else if (items !== undefined && items !== null) {
      this.add(items);
    }
  }

  repopulate(items) {
    this.clear();
    this.populate(items);
  }

  assimilate(source, prune) {
    const items = PropertyList.isPropertyList(source) ? source.all() : source;
    if (!Array.isArray(items)) return;
    const keys = new Set();
    for (const item of items) {
      if (!item || item[this._key] === undefined) continue;
      this.upsert(item);
      keys.add(this._norm(item[this._key]));
    }
    if (prune) this.members = this.members.filter((item) => keys.has(this._norm(item[this._key])));
  }

  all() {
    return this.members.slice();
  }

  /** The last item with this key (Postman keeps the latest duplicate). */
  one(key) {
    const wanted = this._norm(key);
    for (let i = this.members.length - 1; i >= 0; i--) {
      if (this._norm(this.members[i][this._key]) === wanted) return this.members[i];
    }
    return undefined;
  }

  get(key) {
    const item = this.one(key);
    return item === undefined ? undefined : item.valueOf();
  }

  has(item, value) {
    if (typeof item !== 'string') return this.members.includes(item);
    const wanted = this._norm(item);
    const matches = this.members.filter((member) => this._norm(member[this._key]) === wanted);
    if (arguments.length < 2) return matches.length > 0;
    return matches.some((member) => member.valueOf() === value);
  }

  idx(index) {
    return this.members[index];
  }

  indexOf(item) {
    return this.members.indexOf(typeof item === 'string' ? this.one(item) : item);
  }

  count() {
    return this.members.length;
  }

  each(iterator, context) {
    if (typeof iterator === 'function') this.members.slice().forEach(iterator, context);
  }

  filter(rule, context) {
    return this.members.filter(rule, context);
  }

  find(rule, context) {
    return this.members.find(rule, context);
  }

  map(iterator, context) {
    return this.members.map(iterator, context);
  }

  reduce(iterator, accumulator, context) {
    return this.members.reduce(context ? iterator.bind(context) : iterator, accumulator);
  }

  toObject(excludeDisabled, caseSensitive, multiValue, sanitizeKeys) {
    const object = {};
    const sensitive = !this._caseInsensitive || caseSensitive;
    const multi = this._caseInsensitive || this.Type === QueryParam || multiValue;
    for (const member of this.members) {
      const key = member[this._key];
      if (key === undefined || key === null || (excludeDisabled && member.disabled) || (sanitizeKeys && !key)) continue;
      const prop = sensitive ? String(key) : String(key).toLowerCase();
      if (multi && Object.hasOwn(object, prop)) {
        if (!Array.isArray(object[prop])) object[prop] = [object[prop]];
        object[prop].push(member.valueOf());
      } else {
        object[prop] = member.valueOf();
      }
    }
    return object;
  }

  toString() {
    if (typeof this.Type.unparse === 'function') return this.Type.unparse(this.members);
    return this.members.map(String).join('\n');
  }

  toJSON() {
    return this.members.map((member) => member.toJSON());
  }

  [Symbol.iterator]() {
    return this.members[Symbol.iterator]();
  }
}

export function headerList(items) {
  return new PropertyList(Header, items, { key: 'key', caseInsensitive: true });
}

export function queryList(items) {
  return new PropertyList(QueryParam, items, { key: 'key' });
}

export function formList(items) {
  return new PropertyList(FormParam, items, { key: 'key' });
}

export function variableList(items) {
  return new PropertyList(Variable, items, { key: 'key' });
}

export function cookieList(items) {
  return new PropertyList(Cookie, items, { key: 'name' });
}
