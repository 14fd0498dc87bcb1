import type { Route } from './context.ts';

export type RouteMatch =
  | { kind: 'found'; route: Route; params: Record<string, string> }
  | { kind: 'method-not-allowed'; allow: readonly string[] }
  | { kind: 'not-found' };

interface PatternRoute {
  segments: string[];
  route: Route;
}

/**
 * Exact paths are a map lookup (the hot path in benchmarks); the few
 * patterned routes are tried in order after that.
 */
export class Router {
  private readonly exact = new Map<string, Route>();
  private readonly patterns: PatternRoute[] = [];

  constructor(routes: readonly Route[]) {
    for (const route of routes) {
      if (route.path.includes(':') || route.path.includes('*')) {
        this.patterns.push({ segments: route.path.split('/').slice(1), route });
      } else {
        this.exact.set(route.path, route);
      }
    }
  }

  match(method: string, rawPath: string): RouteMatch {
    const path = rawPath.length > 1 && rawPath.endsWith('/') ? rawPath.slice(0, -1) : rawPath;
    const exact = this.exact.get(path);
    if (exact) return checkMethod(exact, method, {});
    const segments = path.split('/').slice(1);
    for (const candidate of this.patterns) {
      const params = matchSegments(candidate.segments, segments);
      if (params) return checkMethod(candidate.route, method, params);
    }
    return { kind: 'not-found' };
  }
}

function checkMethod(route: Route, method: string, params: Record<string, string>): RouteMatch {
  const allowed = route.methods;
  if (!allowed || allowed.includes(method) || (method === 'HEAD' && allowed.includes('GET'))) {
    return { kind: 'found', route, params };
  }
  return { kind: 'method-not-allowed', allow: allowed.includes('GET') ? [...allowed, 'HEAD'] : allowed };
}

function matchSegments(pattern: string[], actual: string[]): Record<string, string> | undefined {
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const expected = pattern[i] as string;
    if (expected === '*') {
      params['*'] = actual.slice(i).join('/');
      return params;
    }
    const segment = actual[i];
    if (segment === undefined) return undefined;
    if (expected.startsWith(':')) params[expected.slice(1)] = safeDecode(segment);
    else if (expected !== segment) return undefined;
  }
  return actual.length === pattern.length ? params : undefined;
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
