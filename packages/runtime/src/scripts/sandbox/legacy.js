/**
 * The legacy (pre-pm) script API: tests[...], responseBody, responseCode,
 * responseHeaders, responseTime, environment, globals, data, iteration, request,
 * the postman object and xml2Json, plus the library globals (_ / CryptoJS / ...).
 */
import { currentRequest, currentResponse } from './current.js';
import { sandboxRequire } from './modules.js';
import { state } from './state.js';

function legacyString(value) {
  // Postman's legacy setters store text.
  return (value === false || value) && typeof value.toString === 'function' ? value.toString() : value;
}

function formBody(list) {
  const out = {};
  for (const param of list.all()) {
    if (param.disabled) continue;
    if (Object.hasOwn(out, param.key)) out[param.key] = [].concat(out[param.key], param.value);
    else out[param.key] = param.value;
  }
  return out;
}

function legacyRequest() {
  const request = currentRequest();
  const body = request.body;
  let data = {};
  if (body && !body.isEmpty()) {
    if (body.mode === 'raw') data = body.raw;
    else if (body.mode === 'urlencoded' || body.mode === 'formdata') data = formBody(body[body.mode]);
    else if (body.mode === 'file') data = body.file && body.file.content;
  }
  return {
    id: state.info.requestId,
    name: state.info.requestName,
    description: typeof request.description === 'string' ? request.description : request.description && request.description.content,
    headers: request.headers.toObject(true, false, true, true),
    method: request.method,
    url: request.url.toString(),
    data,
  };
}

export function xml2Json(text) {
  const xml2js = sandboxRequire('xml2js');
  let json = {};
  xml2js.parseString(text, { explicitArray: false, async: false, trim: true, mergeAttrs: false }, (_error, result) => {
    json = result;
  });
  return json;
}

/**
 * @returns name -> compute() for each legacy global; the sandbox evaluates them
 * lazily, once per script.
 */
export function legacyGlobals(scopes, cache) {
  const snapshot = (scope) => () => scopes[scope].toObject();
  const response = () => (state.event === 'test' ? currentResponse() : undefined);

  const postman = {
    setEnvironmentVariable(key, value) {
      const stored = legacyString(value);
      cache.patch('environment', (object) => {
        object[key] = stored;
      });
      scopes.environment.set(key, stored);
    },
    getEnvironmentVariable: (key) => scopes.environment.get(key),
    clearEnvironmentVariable(key) {
      cache.patch('environment', (object) => {
        delete object[key];
      });
      scopes.environment.unset(key);
    },
    clearEnvironmentVariables() {
      cache.patch('environment', (object) => {
        for (const key of Object.keys(object)) delete object[key];
      });
      scopes.environment.clear();
    },
    setGlobalVariable(key, value) {
      const stored = legacyString(value);
      cache.patch('globals', (object) => {
        object[key] = stored;
      });
      scopes.globals.set(key, stored);
    },
    getGlobalVariable: (key) => scopes.globals.get(key),
    clearGlobalVariable(key) {
      cache.patch('globals', (object) => {
        delete object[key];
      });
      scopes.globals.unset(key);
    },
    clearGlobalVariables() {
      cache.patch('globals', (object) => {
        for (const key of Object.keys(object)) delete object[key];
      });
      scopes.globals.clear();
    },
    setNextRequest(next) {
      globalThis.pm.execution.setNextRequest(next);
    },
    getResponseHeader(name) {
      const res = response();
      const header = res && res.headers.one(name);
      return header ? header.value : undefined;
    },
    getResponseCookie(name) {
      const res = response();
      return res ? res.cookies.one(String(name)) : undefined;
    },
  };

  return {
    postman: () => postman,
    tests: () => ({}),
    environment: snapshot('environment'),
    globals: snapshot('globals'),
    data: snapshot('iterationData'),
    iteration: () => state.info.iteration,
    request: legacyRequest,
    responseBody: () => {
      const res = response();
      return res && state.hasResponse ? res.text() : undefined;
    },
    responseCode: () => {
      const res = response();
      return res && state.hasResponse ? res.details() : { code: NaN, name: '', detail: '' };
    },
    responseHeaders: () => {
      const res = response();
      const headers = {};
      if (res) for (const header of res.headers.all()) if (!header.disabled) headers[header.key] = header.value;
      return headers;
    },
    responseTime: () => {
      const res = response();
      return res && state.hasResponse ? res.responseTime : NaN;
    },
    responseCookies: () => {
      const res = response();
      return res ? res.cookies.all() : [];
    },
    xml2Json: () => xml2Json,
  };
}

/** Library globals Postman scripts use without require(); loaded on first use. */
export const LIBRARY_GLOBALS = {
  _: 'lodash',
  CryptoJS: 'crypto-js',
  tv4: 'tv4',
  cheerio: 'cheerio',
  Buffer: (load) => load('buffer').Buffer,
};
