/**
 * Postman's rules about bodies that both the runtime (what is sent) and the code snippets (what a
 * program would send) follow, so the two cannot drift apart.
 */

/** Methods whose body Postman drops unless protocolProfileBehavior.disableBodyPruning is set. */
export const BODY_PRUNED_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'COPY', 'PURGE', 'UNLOCK']);

/** The Content-Type a raw body implies by its language, when the request sets none. */
export const RAW_LANGUAGE_TYPES: Readonly<Record<string, string>> = {
  json: 'application/json',
  xml: 'application/xml',
  html: 'text/html',
  javascript: 'application/javascript',
  text: 'text/plain',
};
