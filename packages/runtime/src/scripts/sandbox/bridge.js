/**
 * The isolate's only door to the host: one synchronous function the host installs
 * as a global before this bundle runs. It is taken off the global object here, so
 * scripts reach the host only through the pm API built on top of it. Builtins the
 * bridge relies on are captured now, before any script can replace them.
 */
const hostFunction = globalThis.__posternHost;
delete globalThis.__posternHost;

export const jsonParse = JSON.parse;
export const jsonStringify = JSON.stringify;

/** Calls the host; every argument and result is a copied string. */
export function callHost(op, arg) {
  return hostFunction(op, arg === undefined ? '' : String(arg));
}

/** Calls the host and parses its JSON answer (undefined when it has none). */
export function callHostJson(op, arg) {
  const text = callHost(op, arg);
  return typeof text === 'string' && text !== '' ? jsonParse(text) : undefined;
}

/** Markers for values JSON cannot carry; the host turns them back. */
export const MARK = {
  undefined: '\u0000undefined',
  NaN: '\u0000NaN',
  Infinity: '\u0000Infinity',
  '-Infinity': '\u0000-Infinity',
};
