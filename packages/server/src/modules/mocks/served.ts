/**
 * The hot path of hosted mocks: requests to /mock/<id>/… are matched against a prepared copy of
 * the collection kept in memory per mock, so serving reads no collection from the database. The
 * copy is dropped when the mock, its collection or its environment changes in this process, and
 * at the latest after CACHE_TTL_MS (other processes' changes).
 */
import { VariableResolver, VariableScope, createDynamicVariables } from '@postern/collection';
import type { Collection, Variable } from '@postern/collection';
import { createCollectionMock } from '@postern/mock';
import type { CollectionMock, MockResponse } from '@postern/mock';
import type { Clock } from '../../clock.ts';
import { forbidden, notFound, unauthorized } from '../../errors.ts';
import type { CurrentUser } from '../../http/env.ts';
import { roleAtLeast } from '../../policies/workspaces.ts';
import type { WorkspaceAccess } from '../../policies/workspaces.ts';
import type { CallLog } from './call-log.ts';
import { loggedBody, loggedHeaders } from './call-log.ts';
import type { MockRecord, MockStore } from './store.ts';

type JsonObject = Record<string, unknown>;

export const CACHE_TTL_MS = 30_000;
/** How long a private mock trusts an API key check; revoking a key or access takes effect within it. */
export const KEY_CHECK_TTL_MS = 10_000;
const MAX_CACHED_KEYS = 1_000;

/** What the mocks need from collections and environments: documents as viewers see them (secrets redacted). */
export interface MockSources {
  /** The collection's document at `revision` (null: the latest), or undefined when it is gone. */
  collection(id: string, revision: number | null): Promise<JsonObject | undefined>;
  /** The environment's variables, or undefined when it is gone. */
  environment(id: string): Promise<Variable[] | undefined>;
}

export interface ServedRequest {
  method: string;
  /** Path below /mock/<id>, with the query, as sent. */
  url: string;
  headers: Record<string, string>;
  body?: string;
}

export interface ServedAnswer {
  response: MockResponse;
  example: string | null;
}

interface Prepared {
  mock: MockRecord;
  matcher: CollectionMock;
  resolver: VariableResolver;
  loadedAt: number;
  /** API key → when its check (allowed) expires; failed checks are never kept. */
  keys: Map<string, number>;
}

export interface MockServingDeps {
  store: Pick<MockStore, 'find'>;
  sources: MockSources;
  access: Pick<WorkspaceAccess, 'roleOf'>;
  resolveApiKey: (token: string) => Promise<{ user: CurrentUser }>;
  callLog: CallLog;
  clock: Clock;
  /** Monotonic milliseconds (performance.now in production). */
  now?: () => number;
  random?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export const mockNotFound = () => notFound('No such mock server; it may have been deleted or switched off.', { code: 'MOCK_NOT_FOUND' });

const defaultSleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));

export function createMockServing(deps: MockServingDeps) {
  const now = deps.now ?? (() => performance.now());
  const sleep = deps.sleep ?? defaultSleep;
  const cache = new Map<string, Promise<Prepared | undefined>>();
  const dynamic = createDynamicVariables({ now: () => deps.clock().getTime(), random: deps.random ?? Math.random });

  async function prepare(id: string): Promise<Prepared | undefined> {
    const mock = await deps.store.find(id);
    if (!mock || !mock.enabled) return undefined;
    const document = await deps.sources.collection(mock.collectionId, mock.collectionRevision);
    if (!document) return undefined;
    const environment = mock.environmentId ? ((await deps.sources.environment(mock.environmentId)) ?? []) : [];
    const collectionVariables = Array.isArray(document.variable) ? (document.variable as Variable[]) : [];
    // Postman's precedence: the environment's values win over the collection's.
    const merged = { ...document, variable: [...collectionVariables, ...environment] } as unknown as Collection;
    return {
      mock,
      matcher: createCollectionMock(merged, { delay: mock.delay }),
      resolver: new VariableResolver([new VariableScope(environment, 'environment'), new VariableScope(collectionVariables, 'collection')], dynamic),
      loadedAt: now(),
      keys: new Map(),
    };
  }

  function prepared(id: string): Promise<Prepared | undefined> {
    let entry = cache.get(id);
    if (!entry) {
      entry = prepare(id);
      cache.set(id, entry);
      // A failed load is not kept: the next request tries again.
      entry.catch(() => cache.delete(id));
    }
    return entry.then((p) => {
      // Unknown ids are not kept (anyone can send them); a stale copy is prepared again.
      if (!p && cache.get(id) === entry) cache.delete(id);
      if (p && now() - p.loadedAt > CACHE_TTL_MS && cache.get(id) === entry) {
        cache.delete(id);
        return prepared(id);
      }
      return p;
    });
  }

  /** Private mocks: a valid API key of someone who may view the workspace. */
  async function checkKey(p: Prepared, key: string | undefined): Promise<void> {
    if (!key) {
      throw unauthorized('This mock server is private; send an API key of someone who can view its workspace in the x-api-key header.', {
        code: 'MOCK_API_KEY_REQUIRED',
      });
    }
    const until = p.keys.get(key);
    if (until !== undefined && until > now()) return;
    const { user } = await deps.resolveApiKey(key);
    if (!roleAtLeast(await deps.access.roleOf(user, p.mock.workspaceId), 'viewer')) {
      throw forbidden('The API key’s account cannot view this mock’s workspace; use a key of someone who can, or ask for access.', {
        code: 'MOCK_ACCESS_DENIED',
      });
    }
    if (p.keys.size >= MAX_CACHED_KEYS) p.keys.clear();
    p.keys.set(key, now() + KEY_CHECK_TTL_MS);
  }

  /** `{{variables}}` in the answer: the environment's, then the collection's, and `{{$dynamic}}` ones, fresh per call. */
  function resolveAnswer(response: MockResponse, resolver: VariableResolver): MockResponse {
    const needs = response.body.includes('{{') || response.headers.some(([, v]) => v.includes('{{'));
    if (!needs) return response;
    return {
      ...response,
      body: resolver.replaceIn(response.body),
      headers: response.headers.map(([k, v]) => [k, resolver.replaceIn(v)]),
    };
  }

  return {
    /** Answers one request; throws MOCK_NOT_FOUND (404) and, for private mocks, 401/403 problems. */
    async serve(id: string, request: ServedRequest): Promise<ServedAnswer> {
      const started = now();
      const p = await prepared(id);
      if (!p) throw mockNotFound();
      if (p.mock.private) await checkKey(p, request.headers['x-api-key']);
      const result = p.matcher.match(request);
      const response = resolveAnswer(result.response, p.resolver);
      if (response.delayMs > 0) await sleep(response.delayMs);
      const example = result.matched ? result.example.name : null;
      deps.callLog.record({
        mockId: id,
        method: request.method,
        path: request.url,
        status: response.status,
        example,
        durationMs: Math.round(now() - started),
        requestHeaders: loggedHeaders(Object.entries(request.headers)),
        requestBody: loggedBody(request.body),
        responseHeaders: loggedHeaders(response.headers),
        responseBody: loggedBody(response.body),
        createdAt: deps.clock(),
      });
      return { response, example };
    },

    /** Drops the prepared copy of one mock (it changed or was deleted). */
    forget(id: string): void {
      cache.delete(id);
    },

    /** Drops the prepared copies that use this collection or environment (it was saved or deleted). */
    async sourceChanged(kind: 'collection' | 'environment', id: string): Promise<void> {
      for (const [mockId, entry] of cache) {
        const p = await entry.catch(() => undefined);
        // An entry for a missing mock is dropped too: the mock may have been created since.
        if (!p || (kind === 'collection' ? p.mock.collectionId === id : p.mock.environmentId === id)) {
          if (cache.get(mockId) === entry) cache.delete(mockId);
        }
      }
    },
  };
}

export type MockServing = ReturnType<typeof createMockServing>;
