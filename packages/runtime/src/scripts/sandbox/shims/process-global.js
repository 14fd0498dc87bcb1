// Injected into library bundles that read `process`: an inert stand-in, never the host's.
export const process = { env: {}, browser: true, version: '', versions: {}, platform: 'sandbox', nextTick: (fn, ...args) => Promise.resolve().then(() => fn(...args)) };
