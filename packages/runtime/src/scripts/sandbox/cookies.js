/**
 * pm.cookies (the cookies the current request would send, read once per
 * execution) and pm.cookies.jar() (asynchronous operations on the run's jar).
 */
import { callHostJson } from './bridge.js';
import { cookieList } from './property-list.js';
import { startHostOperation } from './pending.js';
import { onExecutionReset } from './state.js';
import { Url } from './url.js';

let current;
onExecutionReset(() => {
  current = undefined;
});

function currentCookies() {
  if (!current) current = cookieList(callHostJson('cookies') || []);
  return current;
}

function urlText(url) {
  if (url instanceof Url) return url.toString(true);
  if (typeof url === 'string' && url) return url;
  return undefined;
}

function toError(error) {
  if (!error) return null;
  const out = new Error(error.message || String(error));
  out.name = error.name || 'Error';
  return out;
}

/** Calls back (err, result) when a callback is given, and always returns a promise as well. */
function hostCookieOperation(payload, callback, mapResult) {
  return new Promise((resolve, reject) => {
    startHostOperation('jar', payload, (error, result) => {
      const err = toError(error);
      const value = err ? undefined : mapResult(result);
      if (typeof callback === 'function') {
        callback(err, err ? undefined : value);
        resolve(value);
      } else if (err) reject(err);
      else resolve(value);
    });
  });
}

function requireUrl(url, method) {
  const text = urlText(url);
  if (!text) throw new TypeError(`CookieJar.${method}() requires a valid url`);
  return text;
}

class CookieJar {
  get(url, name, callback) {
    const text = requireUrl(url, 'get');
    if (typeof name !== 'string') throw new TypeError('CookieJar.get() requires cookie name to be a string');
    return hostCookieOperation({ op: 'get', url: text, name }, callback, (value) => (value === undefined ? null : value));
  }

  getAll(url, options, callback) {
    const text = requireUrl(url, 'getAll');
    if (typeof options === 'function' && callback === undefined) callback = options;
    return hostCookieOperation({ op: 'getAll', url: text }, callback, (cookies) => cookieList(Array.isArray(cookies) ? cookies : []));
  }

  set(url, name, value, callback) {
    const text = requireUrl(url, 'set');
    let cookie;
    if (name && typeof name === 'object') {
      callback = value;
      cookie = { ...name };
      if (cookie.name === undefined && cookie.key !== undefined) cookie.name = cookie.key;
    } else {
      if (typeof name !== 'string') throw new TypeError('CookieJar.set() requires cookie name to be a string');
      cookie = { name, value: value === undefined || value === null ? '' : String(value) };
    }
    return hostCookieOperation({ op: 'set', url: text, name: String(cookie.name), value: cookie }, callback, () => cookie);
  }

  unset(url, name, callback) {
    const text = requireUrl(url, 'unset');
    return hostCookieOperation({ op: 'unset', url: text, name: String(name) }, callback, () => undefined);
  }

  clear(url, callback) {
    const text = requireUrl(url, 'clear');
    return hostCookieOperation({ op: 'clear', url: text }, callback, () => undefined);
  }
}

/** pm.cookies: a read-only CookieList over the current request's cookies, plus jar(). */
export function createCookies() {
  const view = {
    jar: () => new CookieJar(),
  };
  for (const method of ['get', 'has', 'one', 'all', 'count', 'idx', 'indexOf', 'each', 'filter', 'find', 'map', 'reduce', 'toObject', 'toString', 'toJSON']) {
    view[method] = (...args) => {
      const list = currentCookies();
      return list[method](...args);
    };
  }
  return view;
}
