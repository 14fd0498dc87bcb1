/**
 * One isolate with the bootstrapped sandbox runtime, reused for every script of a
 * run. The host talks to it only through the runtime's driver functions, with
 * primitive arguments and JSON strings; the isolate talks back only through the
 * single host-call function given at creation.
 */
import ivm from 'isolated-vm';
import { sandboxRuntimeSource } from './bundles.ts';

export type HostCall = (op: string, arg: string) => string | undefined;

/** What one poll of the driver returns (parsed). */
export interface PollResult {
  /** Nothing pending: the script is over. */
  d: boolean;
  /** Milliseconds until the next timer is due, -1 for none. */
  t: number;
  /** Events in order: assertions, console, errors, variable changes, request changes, flow control. */
  e: unknown[][];
}

type Driver = Record<'register' | 'unregister' | 'exec' | 'poll' | 'fire' | 'deliver' | 'abandon', ivm.Reference>;

interface Compiled {
  slot?: number;
  syntaxError?: { name: string; message: string };
}

const MAX_COMPILED = 500;
const UNDEFINED_MARK = '\u0000undefined';
const NUMBER_MARKS: Record<string, number> = {
  '\u0000NaN': Number.NaN,
  '\u0000Infinity': Number.POSITIVE_INFINITY,
  '\u0000-Infinity': Number.NEGATIVE_INFINITY,
};

let runtimeCode: { source: string; data?: ivm.ExternalCopy<ArrayBuffer> } | undefined;

/** The type definitions leave out what compileScript adds when asked for V8's code cache. */
type CachedScript = ivm.Script & { cachedData?: ivm.ExternalCopy<ArrayBuffer>; cachedDataRejected?: boolean };

/** Compiles the runtime with V8's code cache from an earlier isolate, which makes new isolates cheaper. */
function compileRuntime(isolate: ivm.Isolate): ivm.Script {
  const source = sandboxRuntimeSource();
  if (runtimeCode?.source !== source) runtimeCode = { source };
  if (runtimeCode.data) {
    const script = isolate.compileScriptSync(source, { cachedData: runtimeCode.data, filename: 'postern-sandbox.js' }) as CachedScript;
    if (!script.cachedDataRejected) return script;
  }
  const script = isolate.compileScriptSync(source, { produceCachedData: true, filename: 'postern-sandbox.js' }) as CachedScript;
  if (script.cachedData) runtimeCode.data = script.cachedData;
  return script;
}

/** JSON from the isolate, with the markers for undefined / NaN / ±Infinity turned back. */
export function parseIsolateJson(text: string): unknown {
  if (!text.includes('\\u0000')) return JSON.parse(text);
  return JSON.parse(text, (_key, value: unknown) => {
    if (typeof value !== 'string' || !value.startsWith('\u0000')) return value;
    if (value === UNDEFINED_MARK) return undefined;
    return value in NUMBER_MARKS ? NUMBER_MARKS[value] : value;
  });
}

export class SandboxIsolate {
  readonly isolate: ivm.Isolate;
  private readonly context: ivm.Context;
  private readonly driver: Driver;
  private readonly compiled = new Map<string, Compiled>();

  constructor(memoryLimitMb: number, hostCall: HostCall) {
    this.isolate = new ivm.Isolate({ memoryLimit: memoryLimitMb });
    try {
      this.context = this.isolate.createContextSync();
      const global = this.context.global;
      global.setSync(
        '__posternHost',
        new ivm.Callback((op: unknown, arg: unknown) => (typeof op === 'string' ? hostCall(op, typeof arg === 'string' ? arg : '') : undefined)),
      );
      compileRuntime(this.isolate).runSync(this.context, { timeout: 10_000 });
      const driver = global.getSync('__posternDriver', { reference: true }) as ivm.Reference;
      const names = ['register', 'unregister', 'exec', 'poll', 'fire', 'deliver', 'abandon'] as const;
      this.driver = Object.fromEntries(names.map((name) => [name, driver.getSync(name, { reference: true })])) as Driver;
      driver.release();
      global.deleteSync('__posternDriver');
    } catch (error) {
      this.dispose();
      throw error;
    }
  }

  get disposed(): boolean {
    return this.isolate.isDisposed;
  }

  /**
   * Compiles a script as the body of a function (so `return`, and `await` when used,
   * work at top level; its `var`s stay local). Cached by source.
   */
  compile(source: string, filename: string): Compiled {
    const hit = this.compiled.get(source);
    if (hit) {
      // Refresh its place in the map: the oldest entry is the one evicted.
      this.compiled.delete(source);
      this.compiled.set(source, hit);
      return hit;
    }
    const asyncBody = /\bawait\b/.test(source);
    const code = `(${asyncBody ? 'async ' : ''}function () {\n${source}\n})`;
    let entry: Compiled;
    try {
      const script = this.isolate.compileScriptSync(code, { filename, lineOffset: -1 });
      const fn = script.runSync(this.context, { reference: true, timeout: 1000 }) as ivm.Reference;
      script.release();
      const slot = this.driver.register.applySync(undefined, [fn.derefInto()]) as number;
      fn.release();
      entry = { slot };
    } catch (error) {
      if (this.isolate.isDisposed) throw error;
      const e = error as { name?: string; message?: string };
      entry = { syntaxError: { name: e.name || 'SyntaxError', message: e.message || String(error) } };
    }
    this.compiled.set(source, entry);
    if (this.compiled.size > MAX_COMPILED) this.evictOldest();
    return entry;
  }

  private evictOldest(): void {
    const [source, entry] = this.compiled.entries().next().value as [string, Compiled];
    this.compiled.delete(source);
    if (entry.slot !== undefined) this.driver.unregister.applySync(undefined, [entry.slot]);
  }

  exec(slot: number, index: number, info: string, timeout: number): void {
    this.driver.exec.applySync(undefined, [slot, index, info], { timeout });
  }

  poll(timeout: number): PollResult {
    return this.parsePoll(this.driver.poll.applySync(undefined, [], { timeout }));
  }

  fire(timeout: number): void {
    this.driver.fire.applySync(undefined, [], { timeout });
  }

  deliver(id: number, error: string, result: string, timeout: number): void {
    this.driver.deliver.applySync(undefined, [id, error, result], { timeout });
  }

  abandon(timeout: number): PollResult {
    return this.parsePoll(this.driver.abandon.applySync(undefined, [], { timeout }));
  }

  private parsePoll(raw: unknown): PollResult {
    const parsed = typeof raw === 'string' ? (parseIsolateJson(raw) as Partial<PollResult> | null) : null;
    if (!parsed || typeof parsed !== 'object') throw new Error('sandbox returned an unreadable result');
    return {
      d: parsed.d === true,
      t: typeof parsed.t === 'number' ? parsed.t : -1,
      e: Array.isArray(parsed.e) ? parsed.e.filter((event): event is unknown[] => Array.isArray(event)) : [],
    };
  }

  dispose(): void {
    if (!this.isolate.isDisposed) this.isolate.dispose();
  }
}
