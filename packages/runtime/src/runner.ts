/**
 * The collection runner: iterations × items in collection order, scripts
 * through a ScriptHost, requests through one keep-alive dispatcher, results
 * out as events. Nothing per request is kept after its events are emitted.
 */
import { randomBytes } from 'node:crypto';
import {
  VariableResolver,
  VariableScope,
  createDynamicVariables,
  effectiveAuth,
  eventsFor,
  flattenItems,
  protocolProfileBehaviorFor,
  requestOf,
  toAbsoluteUrl,
  urlToString,
  type Collection,
  type Item,
  type ItemGroup,
  type RequestObject,
} from '@postern/collection';
import type { Cursor, ItemRef, Reporter, RunError, RunEventName, RunEvents, RunSummary } from './events.ts';
import { RunCookieJar } from './http/cookies.ts';
import { createDispatcher, type DispatcherHandle, type TlsOptions } from './http/dispatcher.ts';
import { HttpError, sendHttp } from './http/send.ts';
import { prepareRequest, signRequest, type PreparedRequest } from './prepare.ts';
import { RunSummaryCollector } from './reporters/summary.ts';
import type { DataRow } from './data-file.ts';
import type { ScriptContext, ScriptEventName, ScriptHost, ScriptRunResult, ScriptSource } from './scripts/host.ts';
import { createScriptCookieAccess } from './script-cookies.ts';
import { createScriptRequestSender } from './script-send.ts';

export interface BailOptions {
  /** Stop at the first failed assertion, script error or request error. */
  onFailure: boolean;
  /** Fail the run at once when a --folder is not found (otherwise it is an error too). */
  onMissingFolder: boolean;
}

export interface RunOptions {
  collection: Collection;
  environment?: VariableScope;
  globals?: VariableScope;
  /** Number of iterations; defaults to the data rows, or 1. */
  iterationCount?: number;
  data?: DataRow[];
  folders?: string[];
  /** Milliseconds to wait between requests. */
  delayRequest?: number;
  /** Whole-run limit, ms (0 = none). */
  timeout?: number;
  timeoutRequest?: number;
  timeoutScript?: number;
  /** Keep at most this many bytes of each response body (the rest is dropped, the response marked truncated); unlimited when unset. */
  maxBodyBytes?: number;
  bail?: Partial<BailOptions>;
  tls?: TlsOptions;
  ignoreRedirects?: boolean;
  /** Where file bodies are read from (process.cwd() by default); null refuses file bodies (the server). */
  workingDir?: string | null;
  /** File contents by `src` sent along (the web app uploads the files chosen in the browser); tried before workingDir. */
  files?: (src: string) => Buffer | undefined;
  cookieJar?: RunCookieJar;
  scriptHost?: ScriptHost;
  reporters?: Reporter[];
  signal?: AbortSignal;
  /** Where HTTP(S)_PROXY and NO_PROXY are read; process.env by default. */
  env?: NodeJS.ProcessEnv;
  /**
   * Sends through this dispatcher instead of one made from `tls` and `env` (the server passes its
   * egress-guarded one). The caller owns it: the run does not close it.
   */
  dispatcher?: DispatcherHandle;
  /** Injected for tests. */
  now?: () => number;
  random?: () => number;
}

export interface RunResult {
  summary: RunSummary;
  environment: VariableScope;
  globals: VariableScope;
  collectionVariables: VariableScope;
  cookieJar: RunCookieJar;
}

export class RunConfigError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

interface Entry {
  item: Item;
  path: ItemGroup[];
  ref: ItemRef;
}

/** Checks options that make a run impossible before anything is sent. */
export function resolveIterationCount(iterationCount: number | undefined, data: DataRow[] | undefined): number {
  if (iterationCount !== undefined && (!Number.isInteger(iterationCount) || iterationCount < 1)) {
    throw new RunConfigError('INVALID_ITERATIONS', `iteration count must be a whole number of at least 1 (got ${iterationCount})`);
  }
  if (data && data.length === 0) {
    throw new RunConfigError('EMPTY_DATA', 'the data file has no rows; add at least one row or drop -d');
  }
  if (data && iterationCount !== undefined && iterationCount !== data.length) {
    throw new RunConfigError(
      'ITERATION_DATA_MISMATCH',
      `the data file has ${data.length} row(s) but -n asks for ${iterationCount} iteration(s); drop -n to run once per row, or make them match`,
    );
  }
  return iterationCount ?? data?.length ?? 1;
}

export async function runCollection(options: RunOptions): Promise<RunResult> {
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const iterationCount = resolveIterationCount(options.iterationCount, options.data);
  const entries = flattenItems(options.collection, options.folders ? { folders: options.folders } : {}).map(
    ({ item, path, id }, i): Entry => ({
      item,
      path,
      ref: { id, name: item.name ?? `request ${i + 1}`, path: path.map((g) => g.name ?? '') },
    }),
  );
  const globals = options.globals ?? new VariableScope([], 'globals');
  const environment = options.environment ?? new VariableScope([], 'environment');
  const collectionVariables = new VariableScope(options.collection.variable ?? [], 'collection');
  const cookieJar = options.cookieJar ?? new RunCookieJar();
  const dynamic = createDynamicVariables({ now, random });
  const signContext = { now, randomBytes: (n: number) => new Uint8Array(randomBytes(n)) };
  const workingDir = options.workingDir === null ? undefined : (options.workingDir ?? process.cwd());
  const bail: BailOptions = { onFailure: false, onMissingFolder: true, ...options.bail };

  const collector = new RunSummaryCollector();
  const reporters = options.reporters ?? [];
  const emit = <K extends RunEventName>(name: K, payload: RunEvents[K]) => {
    collector.on(name, payload);
    for (const r of reporters) r.on(name, payload);
  };

  const abort = new AbortController();
  const onOuterAbort = () => abort.abort(options.signal?.reason);
  options.signal?.addEventListener('abort', onOuterAbort, { once: true });
  // A signal aborted before the run began fires no event: stop at once all the same.
  if (options.signal?.aborted) onOuterAbort();
  let runTimer: NodeJS.Timeout | undefined;
  let runError: RunError | undefined;
  if (options.timeout && options.timeout > 0) {
    runTimer = setTimeout(() => {
      runError = { name: 'RunTimeoutError', message: `the run did not finish within --timeout ${options.timeout} ms` };
      abort.abort();
    }, options.timeout);
  }

  const http: DispatcherHandle = options.dispatcher ?? createDispatcher(options.tls ?? {}, options.env ?? process.env);
  const sendScriptRequest = createScriptRequestSender({
    http,
    cookieJar,
    workingDir,
    files: options.files,
    signContext,
    timeoutMs: options.timeoutRequest,
    signal: abort.signal,
    resolver: () => new VariableResolver([environment, collectionVariables, globals], dynamic),
    maxBodyBytes: options.maxBodyBytes,
  });

  emit('start', {
    collectionName: options.collection.info?.name ?? 'collection',
    iterationCount,
    itemCount: entries.length,
    startedAt: now(),
  });

  let stopRun = false;
  let failedSoFar = 0;
  const countFailure = () => failedSoFar++;

  try {
    for (let iteration = 0; iteration < iterationCount && !stopRun; iteration++) {
      emit('beforeIteration', { iteration, iterationCount });
      const iterationData = VariableScope.fromObject(options.data?.[iteration] ?? {}, 'data');
      let position = 0;
      let executed = 0;
      while (position < entries.length && !stopRun && !abort.signal.aborted) {
        const entry = entries[position]!;
        const cursor: Cursor = {
          iteration,
          iterationCount,
          position,
          length: entries.length,
          ref: `${iteration}:${position}:${executed}`,
        };
        const failuresBefore = failedSoFar;
        const next = await runItem({
          entry,
          cursor,
          iterationCount,
          scopes: { globals, environment, collectionVariables, iterationData },
          emit,
          onFailure: countFailure,
        });
        executed++;
        if (bail.onFailure && failedSoFar > failuresBefore) {
          stopRun = true;
          break;
        }
        if (next === undefined) {
          position++;
        } else if (next === null) {
          break;
        } else {
          const target = entries.findIndex((e) => e.ref.name === next || e.ref.id === next);
          if (target === -1) {
            emit('exception', {
              cursor,
              item: entry.ref,
              source: 'runner',
              error: { name: 'SetNextRequestError', message: `setNextRequest("${next}"): no request with that name or id in this run; the iteration ends here` },
            });
            countFailure();
            break;
          }
          position = target;
        }
        if (options.delayRequest && position < entries.length && !abort.signal.aborted) {
          await sleep(options.delayRequest, abort.signal);
        }
      }
      emit('iteration', { iteration, iterationCount });
    }
  } finally {
    if (runTimer) clearTimeout(runTimer);
    options.signal?.removeEventListener('abort', onOuterAbort);
    if (!options.dispatcher) await http.close().catch(() => undefined);
  }

  if (!runError && options.signal?.aborted) runError = { name: 'AbortError', message: 'the run was aborted' };
  const summary = collector.summary();
  summary.aborted = stopRun || Boolean(runError);
  emit('done', {
    summary,
    environment: { values: environment.values() },
    globals: { values: globals.values() },
    ...(runError ? { error: runError } : {}),
  });
  for (const r of reporters) await r.finish?.();
  return { summary, environment, globals, collectionVariables, cookieJar };

  // --- one item -----------------------------------------------------------
  async function runItem(args: {
    entry: Entry;
    cursor: Cursor;
    iterationCount: number;
    scopes: { globals: VariableScope; environment: VariableScope; collectionVariables: VariableScope; iterationData: VariableScope };
    emit: typeof emit;
    onFailure: () => void;
  }): Promise<string | null | undefined> {
    const { entry, cursor, scopes } = args;
    const base = { cursor, item: entry.ref };
    emit('beforeItem', base);
    const local = new VariableScope([], 'local');
    const resolver = new VariableResolver(
      [local, scopes.iterationData, scopes.environment, scopes.collectionVariables, scopes.globals],
      dynamic,
    );
    const preScripts = scriptsOf(entry, 'prerequest');
    const testScripts = scriptsOf(entry, 'test');
    const original = requestOf(entry.item);
    // Scripts may change pm.request; give them a copy so the collection stays as loaded.
    const request: RequestObject = preScripts.length ? structuredClone(original) : original;
    let nextRequest: string | null | undefined;

    const runScripts = async (event: ScriptEventName, scripts: ScriptSource[], response?: ScriptContext['response']) => {
      if (!scripts.length) return undefined;
      if (!options.scriptHost) {
        const error = { name: 'ScriptsUnavailable', message: 'this run has no script sandbox; scripts were not executed' };
        emit(event, { ...base, event, error });
        return undefined;
      }
      const context: ScriptContext = {
        info: {
          eventName: event,
          iteration: cursor.iteration,
          iterationCount: cursor.iterationCount,
          requestName: entry.ref.name,
          requestId: entry.ref.id,
        },
        request,
        ...(response ? { response } : {}),
        scopes: { ...scopes, local },
        cookies: createScriptCookieAccess(cookieJar, () => currentUrl(request, resolver)),
        sendRequest: sendScriptRequest,
        onAssertion: (a) => {
          if (!a.passed && !a.skipped) args.onFailure();
          emit('assertion', {
            ...base,
            event,
            assertion: a.name,
            skipped: a.skipped,
            ...(a.error ? { error: a.error } : {}),
          });
        },
        onConsole: (level, messages) => emit('console', { ...base, level, messages }),
        dynamicVariable: dynamic,
      };
      let result: ScriptRunResult;
      try {
        result = await options.scriptHost.run(event, scripts, context, options.timeoutScript ? { timeoutMs: options.timeoutScript } : {});
      } catch (err) {
        result = { error: { name: 'ScriptError', message: (err as Error).message, origin: entry.ref.name, scriptIndex: 0 } };
      }
      emit(event, {
        ...base,
        event,
        ...(result.error ? { error: result.error } : {}),
        ...(result.visualizer ? { visualizer: result.visualizer } : {}),
      });
      if (result.error) {
        args.onFailure();
        emit('exception', { ...base, error: result.error, source: event });
      }
      if (result.nextRequest !== undefined) nextRequest = result.nextRequest;
      return result;
    };

    const pre = await runScripts('prerequest', preScripts);
    if (pre?.skipRequest) {
      emit('item', base);
      return nextRequest;
    }

    const behavior = protocolProfileBehaviorFor(options.collection, entry.path, entry.item);
    let prepared: PreparedRequest;
    try {
      // A pre-request script may have replaced pm.request.auth; otherwise auth is inherited.
      const scriptAuth = request !== original && JSON.stringify(request.auth) !== JSON.stringify(original.auth);
      const auth = scriptAuth ? request.auth : effectiveAuth(options.collection, entry.path, entry.item);
      prepared = await prepareRequest(request, auth, {
        resolver,
        workingDir,
        files: options.files,
        signContext,
        behavior,
      });
    } catch (err) {
      const error: RunError = { name: 'RequestError', message: (err as Error).message, code: (err as { code?: string }).code ?? 'INVALID_REQUEST' };
      const sent = { method: request.method ?? 'GET', url: '', headers: [], bodySize: 0 };
      emit('beforeRequest', { ...base, request: sent });
      emit('request', { ...base, request: sent, error });
      args.onFailure();
      emit('exception', { ...base, error, source: 'request' });
      emit('item', base);
      return nextRequest;
    }
    if (prepared.authWarning) {
      emit('console', { ...base, level: 'warn', messages: [prepared.authWarning] });
    }

    const sendOptions = {
      ...(options.timeoutRequest ? { timeoutMs: options.timeoutRequest } : {}),
      redirects: {
        follow: !options.ignoreRedirects && behavior.followRedirects !== false,
        max: typeof behavior.maxRedirects === 'number' ? behavior.maxRedirects : 10,
        followOriginalHttpMethod: Boolean(behavior.followOriginalHttpMethod),
        followAuthorizationHeader: Boolean(behavior.followAuthorizationHeader),
      },
      ...(behavior.disableCookies ? {} : { cookies: cookieJar }),
      signal: abort.signal,
      keepBodyText: 64 * 1024,
      ...(options.maxBodyBytes ? { maxBodyBytes: options.maxBodyBytes } : {}),
    };

    emit('beforeRequest', {
      ...base,
      request: { method: prepared.outgoing.method, url: prepared.outgoing.url, headers: prepared.outgoing.headers, bodySize: 0 },
    });
    let response: RunEvents['request']['response'];
    try {
      let result = await sendHttp(http, prepared.outgoing, sendOptions);
      const challenge = prepared.auth?.signer.onResponse?.(
        { status: result.response.code, headers: result.response.headers },
        prepared.auth.params,
      );
      if (challenge && prepared.auth) {
        const resigned = await signRequest(prepared.unsigned, prepared.form, prepared.auth.signer, challenge, signContext);
        result = await sendHttp(http, resigned, sendOptions);
      }
      response = result.response;
      emit('request', { ...base, request: result.sent, response, ...(prepared.authWarning && { authWarning: prepared.authWarning }) });
    } catch (err) {
      const error: RunError =
        err instanceof HttpError ? err.toRunError() : { name: 'RequestError', message: (err as Error).message };
      const sent = err instanceof HttpError ? err.sent : { method: prepared.outgoing.method, url: prepared.outgoing.url, headers: prepared.outgoing.headers, bodySize: 0 };
      emit('request', { ...base, request: sent, error });
      args.onFailure();
      emit('exception', { ...base, error, source: 'request' });
    }

    await runScripts('test', testScripts, response);
    emit('item', base);
    return nextRequest;
  }

  function scriptsOf(entry: Entry, listen: ScriptEventName): ScriptSource[] {
    return eventsFor(options.collection, entry.path, entry.item, listen);
  }
}

function currentUrl(request: RequestObject, resolver: VariableResolver): string {
  if (request.url === undefined) return '';
  return toAbsoluteUrl(urlToString(request.url, { resolve: (s) => resolver.replaceIn(s) }));
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(t);
      resolve();
    }, { once: true });
  });
}

