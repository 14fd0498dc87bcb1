/**
 * First-party usage analytics and error reports (P5), sent to this server only.
 *
 * - Page views (on every route change) and a few feature uses (`send`, `run_collection`,
 *   `import`) are sent only while `hasConsent('performance')`: before consent nothing is
 *   requested. The server checks consent again on its side and stores nothing without it.
 * - Error reports (window errors, unhandled rejections) are sent under legitimate interest and
 *   stop when the person objects (`hasConsent('performance', 'legitimateInterest')`). The page
 *   path goes without its query string; the server scrubs the rest.
 *
 * No cookie or storage is used. Ids in paths are replaced by `:id` before sending.
 */
import { api, setRequestObserver } from '../api/client.ts';
import { hasConsent, subscribeConsent } from './consent-state.ts';

type EventType = 'page_view' | 'feature_used';
export type Feature = 'send' | 'run_collection' | 'import';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/** A route path without ids, e.g. `/w/:id/collections/:id/run`. */
export function routeName(pathname: string): string {
  return pathname
    .replace(UUID, ':id')
    .split('/')
    .map((segment) => (/^\d+$/.test(segment) ? ':id' : segment))
    .join('/');
}

function post(type: EventType, name: string): void {
  if (!hasConsent('performance')) return;
  // Fire and forget: analytics never disturb the page.
  api<void>('POST', '/api/analytics/events', { body: { events: [{ type, name, at: new Date().toISOString() }] } }).catch(() => undefined);
}

export function trackFeature(feature: Feature): void {
  post('feature_used', feature);
}

/** Which successful API calls count as a feature use. */
function featureOf(method: string, path: string): Feature | undefined {
  if (method !== 'POST') return undefined;
  if (path === '/api/send') return 'send';
  if (/^\/api\/collections\/[^/]+\/runs$/.test(path)) return 'run_collection';
  if (/^\/api\/workspaces\/[^/]+\/(collections|environments)(\/import-url)?$/.test(path)) return 'import';
  return undefined;
}

const MAX_ERROR_REPORTS = 10;
let errorReports = 0;
const reported = new Set<string>();

function reportError(error: unknown): void {
  if (!hasConsent('performance', 'legitimateInterest')) return;
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  if (!message || reported.has(message) || errorReports >= MAX_ERROR_REPORTS) return;
  reported.add(message);
  errorReports += 1;
  const stack = error instanceof Error && error.stack ? error.stack : undefined;
  api<void>('POST', '/api/error-reports', {
    body: { message: message.slice(0, 5000), ...(stack && { stack: stack.slice(0, 20_000) }), path: routeName(location.pathname) },
  }).catch(() => undefined);
}

interface RouterLike {
  state: { location: { pathname: string } };
  subscribe(listener: (state: { location: { pathname: string } }) => void): () => void;
}

let started = false;

/** Starts page views, feature uses and error reports; each send asks for consent at that moment. */
export function startUsageAnalytics(router: RouterLike): void {
  if (started) return;
  started = true;
  let lastPath = router.state.location.pathname;
  post('page_view', routeName(lastPath));
  router.subscribe((state) => {
    if (state.location.pathname === lastPath) return;
    lastPath = state.location.pathname;
    post('page_view', routeName(lastPath));
  });
  // Consent given while on a page: that page counts as viewed.
  let allowed = hasConsent('performance');
  subscribeConsent(() => {
    const now = hasConsent('performance');
    if (now && !allowed) post('page_view', routeName(lastPath));
    allowed = now;
  });
  setRequestObserver((method, path) => {
    const feature = featureOf(method, path);
    if (feature) trackFeature(feature);
  });
  window.addEventListener('error', (event) => reportError(event.error ?? event.message));
  window.addEventListener('unhandledrejection', (event) => reportError(event.reason));
}
