/** The `pm` object scripts use. */
import { transferable } from './console.js';
import { createCookies } from './cookies.js';
import { currentRequest, currentResponse } from './current.js';
import { startHostOperation } from './pending.js';
import { Header, PropertyList } from './property-list.js';
import { RequestBody, ScriptRequest } from './request.js';
import { ScriptResponse } from './response.js';
import { emit, state } from './state.js';
import { createTest } from './tests.js';
import { Url } from './url.js';

function headerArray(headers) {
  if (headers === undefined || headers === null) return undefined;
  if (PropertyList.isPropertyList(headers)) return headers.toJSON();
  if (typeof headers === 'string') return Header.parse(headers);
  if (Array.isArray(headers)) {
    return headers.map((header) => (typeof header === 'string' ? Header.parseSingle(header) : header instanceof Header ? header.toJSON() : { ...header }));
  }
  if (typeof headers === 'object') return Object.keys(headers).map((key) => ({ key, value: String(headers[key]) }));
  return undefined;
}

/** What pm.sendRequest accepts (a URL, a Request, or a plain request definition) as collection-format JSON. */
function requestDefinition(input) {
  if (typeof input === 'string') return input;
  if (input instanceof ScriptRequest) return input.toJSON();
  const definition = {};
  for (const key of Object.keys(input)) {
    if (typeof input[key] !== 'function') definition[key] = input[key];
  }
  if (input.url instanceof Url) definition.url = input.url.toJSON();
  const header = headerArray(input.header ?? input.headers);
  delete definition.headers;
  if (header) definition.header = header;
  if (input.body instanceof RequestBody) definition.body = input.body.toJSON();
  else if (typeof input.body === 'string') definition.body = { mode: 'raw', raw: input.body };
  if (typeof definition.method === 'string') definition.method = definition.method.toUpperCase();
  return definition;
}

function hostError(error) {
  const out = new Error(error.message || 'request failed');
  out.name = error.name || 'Error';
  if (error.code) out.code = error.code;
  return out;
}

export function createPm({ chai, scopes }) {
  const pm = {};

  const INFO_KEYS = ['eventName', 'iteration', 'iterationCount', 'requestName', 'requestId'];
  const info = {};
  for (const key of INFO_KEYS) {
    Object.defineProperty(info, key, { enumerable: true, get: () => state.info[key] });
  }
  Object.defineProperty(info, 'toJSON', { value: () => Object.fromEntries(INFO_KEYS.map((key) => [key, state.info[key]])) });

  Object.defineProperties(pm, {
    info: { enumerable: true, value: info },
    globals: { enumerable: true, value: scopes.globals },
    environment: { enumerable: true, value: scopes.environment },
    collectionVariables: { enumerable: true, value: scopes.collectionVariables },
    iterationData: { enumerable: true, value: scopes.iterationData },
    variables: { enumerable: true, value: scopes.variables },
    request: { enumerable: true, get: currentRequest },
    response: { enumerable: true, get: currentResponse },
    cookies: { enumerable: true, value: createCookies() },
    expect: { enumerable: true, value: chai.expect },
  });

  pm.test = createTest(pm);

  pm.sendRequest = function sendRequest(input, callback) {
    const done = typeof callback === 'function' ? callback.bind(pm) : undefined;
    if (!input || (typeof input !== 'string' && typeof input !== 'object')) {
      const error = new Error('sendrequest: nothing to request');
      if (done) {
        done(error);
        return Promise.resolve(undefined);
      }
      return Promise.reject(error);
    }
    const definition = requestDefinition(input);
    return new Promise((resolve, reject) => {
      startHostOperation('send', definition, (error, result) => {
        const err = error ? hostError(error) : null;
        const response = err ? undefined : new ScriptResponse(result, () => result.body, undefined);
        if (done) {
          done(err, response);
          resolve(response);
        } else if (err) reject(err);
        else resolve(response);
      });
    });
  };

  pm.execution = {
    setNextRequest(next) {
      emit(['n', next === null || next === undefined ? null : String(next)]);
    },
    skipRequest() {
      if (state.event !== 'prerequest') throw new TypeError('pm.execution.skipRequest is not a function');
      emit(['s']);
    },
    get location() {
      const path = [state.info.requestName];
      path.current = state.info.requestName;
      return path;
    },
  };

  pm.visualizer = {
    set(template, data, options) {
      if (typeof template !== 'string') throw new Error(`Invalid template. Template must be of type string, found ${typeof template}`);
      if (data && typeof data !== 'object') throw new Error(`Invalid data. Data must be an object, found ${typeof data}`);
      if (options && typeof options !== 'object') throw new Error(`Invalid options. Options must be an object, found ${typeof options}`);
      emit(['z', template, data === undefined ? null : transferable(data, 0, []), options === undefined ? null : transferable(options, 0, [])]);
    },
    clear() {
      emit(['z', null]);
    },
  };

  return pm;
}
