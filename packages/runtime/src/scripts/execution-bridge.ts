/**
 * The host side of one event's scripts: answers the isolate's host calls from the
 * ScriptContext (scopes, request, response, cookies, libraries, randomness) and
 * runs its asynchronous requests (pm.sendRequest, the cookie jar), queueing the
 * results for the isolate. Everything arriving from the isolate is untrusted
 * text: it is parsed defensively and only ever used as data.
 */
import { randomBytes } from 'node:crypto';
import type { DynamicVariableSource, RequestObject } from '@postern/collection';
import { createDynamicVariables } from '@postern/collection';
import { librarySource } from './bundles.ts';
import type { ScriptContext, ScriptEventName, ScriptResponse } from './host.ts';

export interface Completion {
  id: number;
  /** JSON of { name, message } or '' */
  error: string;
  /** JSON of the result or '' */
  result: string;
}

const SCOPE_NAMES = ['globals', 'environment', 'collectionVariables', 'iterationData', 'local'] as const;

function errorJson(error: unknown): string {
  const e = error as { name?: unknown; message?: unknown; code?: unknown } | undefined;
  const out: Record<string, string> = {
    name: typeof e?.name === 'string' ? e.name : 'Error',
    message: typeof e?.message === 'string' ? e.message : String(error),
  };
  if (typeof e?.code === 'string') out.code = e.code;
  return JSON.stringify(out);
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)) ?? '';
  } catch {
    return '';
  }
}

function responseMeta(response: ScriptResponse): Record<string, unknown> {
  return {
    code: response.code,
    status: response.status,
    headers: response.headers,
    responseTime: response.responseTime,
    size: response.size,
  };
}

let defaultDynamic: DynamicVariableSource | undefined;

/** Postman's dynamic variables for replaceIn() when the runner supplies none. */
function dynamicVariable(name: string): string | undefined {
  defaultDynamic ??= createDynamicVariables({ now: Date.now, random: Math.random });
  return defaultDynamic(name);
}

export class ExecutionBridge {
  readonly event: ScriptEventName;
  private readonly context: ScriptContext;
  private bodyText?: string;
  private readonly completions: Completion[] = [];
  private readonly inFlight = new Set<number>();
  private wake?: () => void;
  private closed = false;

  constructor(event: ScriptEventName, context: ScriptContext) {
    this.event = event;
    this.context = context;
  }

  /** The per-execution facts the sandbox needs up front (one small JSON string). */
  infoJson(): string {
    const { info } = this.context;
    return JSON.stringify({
      eventName: this.event,
      iteration: info.iteration,
      iterationCount: info.iterationCount,
      requestName: info.requestName,
      requestId: info.requestId,
      hasResponse: this.event === 'test' && this.context.response !== undefined,
    });
  }

  /** Synchronous calls from the isolate. Never throws into the isolate. */
  hostCall(op: string, arg: string): string | undefined {
    try {
      return this.answer(op, arg);
    } catch {
      return undefined;
    }
  }

  private answer(op: string, arg: string): string | undefined {
    const { context } = this;
    switch (op) {
      case 'scopes': {
        const payload: Record<string, unknown> = {};
        for (const name of SCOPE_NAMES) {
          const scope = context.scopes[name];
          payload[name] = { name: scope.name, values: Object.entries(scope.toObject()) };
        }
        return safeJson(payload);
      }
      case 'request':
        return safeJson(context.request);
      case 'response':
        return context.response ? safeJson(responseMeta(context.response)) : '';
      case 'body':
        this.bodyText ??= context.response ? context.response.body.toString('utf8') : '';
        return this.bodyText;
      case 'body64':
        return context.response ? context.response.body.toString('base64') : '';
      case 'cookies':
        return safeJson(context.cookies.forCurrentUrl());
      case 'random': {
        const size = Math.min(Math.max(Number(arg) || 0, 1), 65536);
        return randomBytes(size).toString('hex');
      }
      case 'dynamic':
        return context.dynamicVariable ? context.dynamicVariable(arg) : dynamicVariable(arg);
      case 'require':
        try {
          return librarySource(arg) ?? '';
        } catch (error) {
          return `\u0000${error instanceof Error ? error.message.split('\n')[0] : 'bundling failed'}`;
        }
      case 'send':
        this.start(arg, (payload) => this.send(payload));
        return '';
      case 'jar':
        this.start(arg, (payload) => this.cookieJar(payload));
        return '';
      default:
        return undefined;
    }
  }

  private start(arg: string, run: (payload: unknown) => Promise<unknown>): void {
    let id = 0;
    let payload: unknown;
    try {
      const parsed = JSON.parse(arg) as { id?: unknown; payload?: unknown };
      id = typeof parsed.id === 'number' ? parsed.id : 0;
      payload = parsed.payload;
    } catch {
      return;
    }
    if (!id || this.closed) return;
    this.inFlight.add(id);
    let operation: Promise<unknown>;
    try {
      operation = run(payload);
    } catch (error) {
      operation = Promise.reject(error);
    }
    operation.then(
      (result) => this.complete({ id, error: '', result: result === undefined ? '' : safeJson(result) }),
      (error: unknown) => this.complete({ id, error: errorJson(error), result: '' }),
    );
  }

  private complete(completion: Completion): void {
    if (this.closed || !this.inFlight.delete(completion.id)) return;
    this.completions.push(completion);
    this.wake?.();
  }

  private async send(payload: unknown): Promise<unknown> {
    if (typeof payload !== 'string' && (payload === null || typeof payload !== 'object')) {
      throw new TypeError('pm.sendRequest needs a URL or a request object');
    }
    const response = await this.context.sendRequest(payload as RequestObject | string);
    return { ...responseMeta(response), body: response.body.toString('utf8') };
  }

  private async cookieJar(payload: unknown): Promise<unknown> {
    const p = (payload ?? {}) as { op?: unknown; url?: unknown; name?: unknown; value?: unknown };
    const url = typeof p.url === 'string' ? p.url : '';
    const name = typeof p.name === 'string' ? p.name : '';
    const jar = this.context.cookies;
    switch (p.op) {
      case 'get':
        return (await jar.get(url, name)) ?? null;
      case 'getAll':
        return jar.getAll(url);
      case 'set': {
        const value = p.value && typeof p.value === 'object' ? (p.value as Record<string, unknown>) : { value: String(p.value ?? '') };
        await jar.set(url, name, value);
        return null;
      }
      case 'unset':
        await jar.unset(url, name);
        return null;
      case 'clear':
        await jar.clear(url);
        return null;
      default:
        throw new TypeError('unknown cookie jar operation');
    }
  }

  takeCompletions(): Completion[] {
    return this.completions.splice(0, this.completions.length);
  }

  /** Waits until a host operation completes or `ms` pass. */
  waitForWork(ms: number): Promise<void> {
    if (this.completions.length) return Promise.resolve();
    return new Promise((resolve) => {
      let cancel = (): void => undefined;
      const done = (): void => {
        cancel();
        this.wake = undefined;
        resolve();
      };
      if (ms <= 0) {
        const immediate = setImmediate(done);
        cancel = () => clearImmediate(immediate);
      } else {
        const timer = setTimeout(done, ms);
        cancel = () => clearTimeout(timer);
      }
      this.wake = done;
    });
  }

  /** Abandoned operations (after a timeout) are ignored when they finish. */
  dropPending(): void {
    this.inFlight.clear();
    this.completions.length = 0;
  }

  close(): void {
    this.closed = true;
    this.dropPending();
  }
}
