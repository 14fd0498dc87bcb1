/** Server objects → URLs, server variables replaced by their defaults. */
import { isObj, type Json } from './json.ts';

export function serverUrl(server: Json | undefined): string | undefined {
  if (!isObj(server) || typeof server.url !== 'string') return undefined;
  let url = server.url;
  const vars = isObj(server.variables) ? server.variables : {};
  url = url.replace(/\{([^{}]+)\}/g, (whole, name: string) => {
    const v = vars[name];
    return isObj(v) && v.default !== undefined ? String(v.default) : whole;
  });
  return url.replace(/\/+$/, '') || '/';
}
