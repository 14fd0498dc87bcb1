/**
 * A ScriptContext made of plain in-memory parts, for tests and benchmarks of
 * script hosts: records assertions, console output and sent requests, and keeps
 * cookies in a small map-backed jar.
 */
import type { RequestObject } from '@postern/collection';
import { VariableScope } from '@postern/collection';
import type { RunError } from '../events.ts';
import type { CookieView, ScriptContext, ScriptEventName, ScriptHost, ScriptResponse, ScriptRunResult, ScriptSource } from './host.ts';

export interface RecordedAssertion {
  name: string;
  passed: boolean;
  skipped: boolean;
  error?: RunError;
}

export interface FakeResponse {
  code?: number;
  status?: string;
  headers?: Array<{ key: string; value: string }>;
  body?: string | Buffer;
  responseTime?: number;
}

export interface FakeContextOptions {
  event?: ScriptEventName;
  request?: RequestObject;
  /** null: no response (request failed). */
  response?: FakeResponse | null;
  globals?: Record<string, unknown>;
  environment?: Record<string, unknown>;
  environmentName?: string;
  collectionVariables?: Record<string, unknown>;
  iterationData?: Record<string, unknown>;
  local?: Record<string, unknown>;
  /** Cookies the current URL would send. */
  cookies?: CookieView[];
  /** Answers pm.sendRequest; default: 200 echoing the request as JSON. */
  send?: (request: RequestObject | string) => Promise<ScriptResponse>;
  iteration?: number;
  iterationCount?: number;
  requestName?: string;
  dynamicVariable?: (name: string) => string | undefined;
}

export interface FakeContext extends ScriptContext {
  assertions: RecordedAssertion[];
  consoleLog: Array<{ level: string; messages: unknown[] }>;
  sent: Array<RequestObject | string>;
  /** url host -> cookie name -> cookie */
  jar: Map<string, Map<string, CookieView>>;
}

export function toScriptResponse(response: FakeResponse): ScriptResponse {
  const body = Buffer.isBuffer(response.body) ? response.body : Buffer.from(response.body ?? '');
  const headers = response.headers ?? [];
  const headerSize = headers.reduce((sum, h) => sum + h.key.length + h.value.length + 4, 0);
  return {
    code: response.code ?? 200,
    status: response.status ?? 'OK',
    headers,
    body,
    responseTime: response.responseTime ?? 5,
    size: { body: body.length, header: headerSize, total: body.length + headerSize },
  };
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

export function fakeContext(options: FakeContextOptions = {}): FakeContext {
  const event = options.event ?? 'test';
  const jar = new Map<string, Map<string, CookieView>>();
  const cookiesFor = (url: string): Map<string, CookieView> => {
    const host = hostOf(url);
    let entry = jar.get(host);
    if (!entry) jar.set(host, (entry = new Map()));
    return entry;
  };
  const sent: Array<RequestObject | string> = [];
  const environment = VariableScope.fromObject(options.environment ?? {}, options.environmentName ?? 'environment');
  const context: FakeContext = {
    assertions: [],
    consoleLog: [],
    sent,
    jar,
    info: {
      eventName: event,
      iteration: options.iteration ?? 0,
      iterationCount: options.iterationCount ?? 1,
      requestName: options.requestName ?? 'Get thing',
      requestId: 'item-1',
    },
    request: options.request ?? { url: 'https://api.example.com/things/1?verbose=true', method: 'GET', header: [] },
    scopes: {
      globals: VariableScope.fromObject(options.globals ?? {}, 'globals'),
      environment,
      collectionVariables: VariableScope.fromObject(options.collectionVariables ?? {}, 'collection'),
      iterationData: VariableScope.fromObject(options.iterationData ?? {}, 'data'),
      local: VariableScope.fromObject(options.local ?? {}, 'local'),
    },
    cookies: {
      forCurrentUrl: () => options.cookies ?? [],
      get: async (url, name) => cookiesFor(url).get(name)?.value,
      getAll: async (url) => [...cookiesFor(url).values()],
      set: async (url, name, value) => {
        const cookie = typeof value === 'string' ? { name, value } : ({ ...value, name } as CookieView);
        cookiesFor(url).set(name, cookie);
      },
      unset: async (url, name) => {
        cookiesFor(url).delete(name);
      },
      clear: async (url) => {
        cookiesFor(url).clear();
      },
    },
    sendRequest: async (request) => {
      sent.push(request);
      if (options.send) return options.send(request);
      return toScriptResponse({ code: 200, status: 'OK', headers: [{ key: 'Content-Type', value: 'application/json' }], body: JSON.stringify({ echo: request }) });
    },
    onAssertion(result) {
      context.assertions.push(result);
    },
    onConsole(level, messages) {
      context.consoleLog.push({ level, messages });
    },
  };
  if (options.dynamicVariable) context.dynamicVariable = options.dynamicVariable;
  if (event === 'test' && options.response !== null) context.response = toScriptResponse(options.response ?? {});
  return context;
}

export interface ScriptOutcome {
  result: ScriptRunResult;
  context: FakeContext;
  passed: number;
  failed: number;
  skipped: number;
}

/** Runs one or more script sources as one event against a fresh fake context. */
export async function runScripts(
  host: ScriptHost,
  sources: string | Array<string | ScriptSource>,
  options: FakeContextOptions = {},
  timeoutMs?: number,
): Promise<ScriptOutcome> {
  const context = fakeContext(options);
  const scripts = (Array.isArray(sources) ? sources : [sources]).map((s, i) =>
    typeof s === 'string' ? { source: s, origin: i === 0 && !Array.isArray(sources) ? 'Get thing' : `script ${i}` } : s,
  );
  const result = await host.run(options.event ?? 'test', scripts, context, timeoutMs ? { timeoutMs } : undefined);
  const counted = context.assertions;
  return {
    result,
    context,
    passed: counted.filter((a) => a.passed && !a.skipped).length,
    failed: counted.filter((a) => !a.passed).length,
    skipped: counted.filter((a) => a.skipped).length,
  };
}
