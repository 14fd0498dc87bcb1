// Injected into library bundles that use the global `Buffer` (as Node code does).
export { Buffer } from 'buffer';
