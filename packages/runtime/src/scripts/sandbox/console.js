/** console.* inside the isolate: messages become copyable data for the host's onConsole. */
import { MARK } from './bridge.js';
import { emit } from './state.js';

const LEVELS = ['log', 'info', 'warn', 'error', 'debug'];
const MAX_DEPTH = 8;
const MAX_ITEMS = 1000;

export function createConsole() {
  const sandboxConsole = {};
  for (const level of LEVELS) {
    sandboxConsole[level] = (...args) => {
      emit(['c', level, args.map((arg) => transferable(arg, 0, []))]);
    };
  }
  sandboxConsole.trace = sandboxConsole.debug;
  sandboxConsole.clear = () => undefined;
  return sandboxConsole;
}

/** A JSON-safe copy of any value, close to what Node's console would print. */
export function transferable(value, depth, seen) {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      if (Number.isFinite(value)) return value;
      return Number.isNaN(value) ? MARK.NaN : MARK[value > 0 ? 'Infinity' : '-Infinity'];
    case 'undefined':
      return MARK.undefined;
    case 'bigint':
      return `${value}n`;
    case 'symbol':
      return String(value);
    case 'function':
      return `[Function${value.name ? `: ${value.name}` : ' (anonymous)'}]`;
    default:
      break;
  }
  if (value === null) return null;
  try {
    if (seen.includes(value)) return '[Circular]';
    if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
    if (value instanceof RegExp) return String(value);
    if (value instanceof Error) return `${value.name}: ${value.message}`;
    if (depth >= MAX_DEPTH) return Array.isArray(value) ? '[Array]' : '[Object]';
    seen.push(value);
    let copy;
    if (Array.isArray(value) || ArrayBuffer.isView(value)) {
      copy = Array.prototype.slice.call(value, 0, MAX_ITEMS).map((item) => transferable(item, depth + 1, seen));
    } else if (value instanceof Map) {
      copy = {};
      for (const [k, v] of value) copy[String(k)] = transferable(v, depth + 1, seen);
    } else if (value instanceof Set) {
      copy = [...value].slice(0, MAX_ITEMS).map((item) => transferable(item, depth + 1, seen));
    } else {
      const source = typeof value.toJSON === 'function' ? value.toJSON() : value;
      if (source !== value) {
        seen.pop();
        return transferable(source, depth + 1, seen);
      }
      copy = {};
      for (const key of Object.keys(value).slice(0, MAX_ITEMS)) copy[key] = transferable(value[key], depth + 1, seen);
    }
    seen.pop();
    return copy;
  } catch {
    return '[Unreadable]';
  }
}
