/**
 * require() inside the isolate. Only the libraries the host agrees to bundle are
 * available; each is evaluated here on first use and kept for the run.
 */
import { callHost } from './bridge.js';
import { atob, btoa } from './encoding.js';

const ALLOWED = [
  'lodash', 'moment', 'crypto-js', 'ajv', 'tv4', 'uuid', 'xml2js', 'cheerio', 'csv-parse/sync', 'csv-parse/lib/sync',
  'buffer', 'url', 'querystring', 'chai', 'atob', 'btoa',
];

const loaded = new Map();
const indirectEval = globalThis.eval;
let chaiModule;

export function provideChai(chai) {
  chaiModule = chai;
}

function notAvailable(name) {
  const error = new Error(`Cannot find module '${name}': module not available in scripts (allowed: ${ALLOWED.join(', ')})`);
  error.code = 'MODULE_NOT_FOUND';
  return error;
}

function innerRequire(name) {
  throw notAvailable(name);
}

export function sandboxRequire(name) {
  if (typeof name !== 'string') throw new TypeError('The "id" argument must be of type string');
  if (loaded.has(name)) return loaded.get(name);
  if (!ALLOWED.includes(name)) throw notAvailable(name);
  let exports;
  if (name === 'chai') exports = chaiModule;
  else if (name === 'atob') exports = atob;
  else if (name === 'btoa') exports = btoa;
  else {
    const source = callHost('require', name);
    if (typeof source !== 'string' || source === '') throw notAvailable(name);
    if (source.startsWith('\u0000')) throw new Error(`require('${name}') failed: ${source.slice(1)}`);
    const module = { exports: {} };
    // Indirect eval: the bundle runs in global scope, never seeing this module's variables.
    const factory = indirectEval(source);
    // As in Node, a library that reaches itself while loading (lodash reads the `_` global) gets its partial exports.
    loaded.set(name, module.exports);
    try {
      factory(module, module.exports, innerRequire);
    } catch (error) {
      loaded.delete(name);
      throw error;
    }
    exports = module.exports;
  }
  loaded.set(name, exports);
  return exports;
}
