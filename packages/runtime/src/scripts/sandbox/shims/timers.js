// Node's `timers` module for bundled libraries: the sandbox's own timers.
export const setTimeout = (...args) => globalThis.setTimeout(...args);
export const clearTimeout = (id) => globalThis.clearTimeout(id);
export const setInterval = (...args) => globalThis.setInterval(...args);
export const clearInterval = (id) => globalThis.clearInterval(id);
export const setImmediate = (...args) => globalThis.setImmediate(...args);
export const clearImmediate = (id) => globalThis.clearImmediate(id);
