/**
 * The ScriptHost that runs scripts in an isolated-vm isolate. One isolate (and one
 * bootstrapped context) serves every script of a run; per-execution state is reset
 * inside it, so a trivial script costs a couple of cross-isolate calls. A script
 * that hits the time or memory limit gets an error, and the isolate is replaced
 * before the next script.
 */
import { performance } from 'node:perf_hooks';
import { librarySource, requiredLibraries } from './bundles.ts';
import { ExecutionBridge } from './execution-bridge.ts';
import type {
  ScriptContext,
  ScriptError,
  ScriptEventName,
  ScriptHost,
  ScriptRunOptions,
  ScriptRunResult,
  ScriptSource,
} from './host.ts';
import { SandboxIsolate } from './sandbox-isolate.ts';
import { cpuLimitError, isolateFailureKind, memoryError, scriptError, timeoutError } from './script-errors.ts';

export interface IsolatedScriptHostOptions {
  /** Memory limit of the isolate, MB (default 128, minimum 8). */
  memoryLimitMb?: number;
  /** Time limit per script when run() is given none, ms (default 30 000): its whole life, waits included. */
  timeoutMs?: number;
  /**
   * CPU-time limit per script, ms (default 5 000; never more than the time limit): time
   * actually spent running in the isolate. isolated-vm keeps every call's timer until it
   * would have fired, so this bound also bounds that memory at high script rates.
   */
  cpuLimitMs?: number;
}

const DEFAULT_MEMORY_LIMIT_MB = 128;
const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_CPU_LIMIT_MS = 5_000;
const CONSOLE_LEVELS = new Set(['log', 'info', 'warn', 'error', 'debug']);
const SCOPE_NAMES = new Set(['globals', 'environment', 'collectionVariables', 'iterationData', 'local']);
const REQUEST_PARTS = ['url', 'method', 'header', 'body', 'auth'] as const;

/**
 * The two limits of one script: wall-clock time (its whole life, timers and requests
 * included) and CPU time (time spent running inside the isolate, across calls).
 */
class ScriptClock {
  private readonly deadline: number;
  private cpuUsed = 0;
  /** Whether the last call's time was bounded by the wall-clock limit (else by the CPU limit). */
  wallBound = true;

  constructor(
    readonly wallLimitMs: number,
    readonly cpuLimitMs: number,
  ) {
    this.deadline = performance.now() + wallLimitMs;
  }

  wallLeft(): number {
    return this.deadline - performance.now();
  }

  /** One synchronous isolate call, given whatever time the script has left. */
  run<T>(call: (timeoutMs: number) => T): T {
    const started = performance.now();
    const wallLeft = this.wallLeft();
    const cpuLeft = this.cpuLimitMs - this.cpuUsed;
    this.wallBound = wallLeft <= cpuLeft;
    const timeout = Math.max(1, Math.ceil(Math.min(wallLeft, cpuLeft)));
    try {
      return call(timeout);
    } finally {
      this.cpuUsed += performance.now() - started;
    }
  }
}

export function createIsolatedScriptHost(options: IsolatedScriptHostOptions = {}): ScriptHost {
  return new IsolatedScriptHost(options);
}

/** Collects what one event's scripts report and forwards it to the context as it arrives. */
class EventOutcome {
  private readonly errors: ScriptError[] = [];
  private readonly result: ScriptRunResult = {};

  constructor(private readonly context: ScriptContext) {}

  addError(error: ScriptError): void {
    this.errors.push(error);
  }

  apply(events: unknown[][], script: ScriptSource, index: number): void {
    for (const event of events) this.applyOne(event, script, index);
  }

  private applyOne(event: unknown[], script: ScriptSource, index: number): void {
    const { context } = this;
    switch (event[0]) {
      case 'a': {
        const passed = event[2] === true;
        const assertion: Parameters<ScriptContext['onAssertion']>[0] = { name: String(event[1]), passed, skipped: event[3] === true };
        if (!passed) assertion.error = { name: String(event[4] ?? 'AssertionError'), message: String(event[5] ?? '') };
        context.onAssertion(assertion);
        return;
      }
      case 'c': {
        const level = typeof event[1] === 'string' && CONSOLE_LEVELS.has(event[1]) ? event[1] : 'log';
        context.onConsole(level as Parameters<ScriptContext['onConsole']>[0], Array.isArray(event[2]) ? event[2] : []);
        return;
      }
      case 'e':
        this.addError(scriptError('SCRIPT_ERROR', String(event[2] ?? 'Error'), String(event[3] ?? ''), script, index));
        return;
      case 'v':
        this.applyVariable(event);
        return;
      case 'r':
        this.applyRequest(event[1]);
        return;
      case 'n':
        this.result.nextRequest = event[1] === null ? null : String(event[1]);
        return;
      case 's':
        this.result.skipRequest = true;
        return;
      case 'z':
        if (typeof event[1] !== 'string') delete this.result.visualizer;
        else {
          this.result.visualizer = { template: event[1], data: event[2] ?? undefined };
          if (event[3] !== null && event[3] !== undefined) this.result.visualizer.options = event[3];
        }
        return;
      default:
    }
  }

  private applyVariable(event: unknown[]): void {
    const [, scopeName, op, key, value, type] = event;
    if (typeof scopeName !== 'string' || !SCOPE_NAMES.has(scopeName)) return;
    const scope = this.context.scopes[scopeName as keyof ScriptContext['scopes']];
    if (op === 's') scope.set(String(key), value, typeof type === 'string' ? type : undefined);
    else if (op === 'u') scope.unset(String(key));
    else if (op === 'c') scope.clear();
  }

  private applyRequest(parts: unknown): void {
    if (!parts || typeof parts !== 'object') return;
    const request = this.context.request as Record<string, unknown>;
    for (const key of REQUEST_PARTS) {
      if (!Object.hasOwn(parts, key)) continue;
      const value = (parts as Record<string, unknown>)[key];
      if (value === null || value === undefined) delete request[key];
      else if (key !== 'method' || typeof value === 'string') request[key] = value;
    }
  }

  finish(): ScriptRunResult {
    if (this.errors.length) {
      this.result.error = this.errors[0];
      this.result.errors = this.errors;
    }
    return this.result;
  }
}

class IsolatedScriptHost implements ScriptHost {
  private readonly memoryLimitMb: number;
  private readonly timeoutMs: number;
  private readonly cpuLimitMs: number;
  private sandbox?: SandboxIsolate;
  private bridge?: ExecutionBridge;
  private queue: Promise<unknown> = Promise.resolve();
  /** Script sources whose libraries are already bundled. */
  private readonly prepared = new Set<string>();
  private disposed = false;

  constructor(options: IsolatedScriptHostOptions) {
    this.memoryLimitMb = Math.max(8, options.memoryLimitMb ?? DEFAULT_MEMORY_LIMIT_MB);
    this.timeoutMs = options.timeoutMs && options.timeoutMs > 0 ? options.timeoutMs : DEFAULT_TIMEOUT_MS;
    this.cpuLimitMs = options.cpuLimitMs && options.cpuLimitMs > 0 ? options.cpuLimitMs : DEFAULT_CPU_LIMIT_MS;
  }

  run(event: ScriptEventName, scripts: ScriptSource[], context: ScriptContext, options?: ScriptRunOptions): Promise<ScriptRunResult> {
    // One event at a time: the isolate holds one execution's state.
    const next = this.queue.then(() => this.runEvent(event, scripts, context, options));
    this.queue = next.then(
      () => undefined,
      () => undefined,
    );
    return next;
  }

  dispose(): void {
    this.disposed = true;
    this.sandbox?.dispose();
    this.sandbox = undefined;
  }

  private ensureSandbox(): SandboxIsolate {
    if (this.disposed) throw new Error('script host was disposed');
    if (!this.sandbox || this.sandbox.disposed) {
      this.sandbox = new SandboxIsolate(this.memoryLimitMb, (op, arg) => this.bridge?.hostCall(op, arg));
    }
    return this.sandbox;
  }

  /** Bundles the libraries a script names before its clock starts (once per source). */
  private prepare(source: string): void {
    if (this.prepared.has(source)) return;
    for (const name of requiredLibraries(source)) librarySource(name);
    if (this.prepared.size >= 1000) this.prepared.clear();
    this.prepared.add(source);
  }

  private dropSandbox(): void {
    this.sandbox?.dispose();
    this.sandbox = undefined;
  }

  private async runEvent(
    event: ScriptEventName,
    scripts: ScriptSource[],
    context: ScriptContext,
    options: ScriptRunOptions | undefined,
  ): Promise<ScriptRunResult> {
    const limit = options?.timeoutMs && options.timeoutMs > 0 ? options.timeoutMs : this.timeoutMs;
    const bridge = new ExecutionBridge(event, context);
    const outcome = new EventOutcome(context);
    this.bridge = bridge;
    // The sandbox that already holds this execution's state (info is sent once per sandbox).
    let primed: SandboxIsolate | undefined;
    try {
      for (const [index, script] of scripts.entries()) {
        if (typeof script.source !== 'string' || !script.source.trim()) continue;
        let sandbox: SandboxIsolate;
        try {
          this.prepare(script.source);
          sandbox = this.ensureSandbox();
        } catch (error) {
          outcome.addError(scriptError('SCRIPT_SANDBOX_FAILURE', 'SandboxError', `The script sandbox could not start: ${messageOf(error)}`, script, index));
          continue;
        }
        const info = primed === sandbox ? '' : bridge.infoJson();
        if (await this.runScript(sandbox, bridge, script, index, info, limit, outcome)) primed = sandbox;
      }
    } finally {
      bridge.close();
      if (this.bridge === bridge) this.bridge = undefined;
    }
    return outcome.finish();
  }

  /** Runs one script to its end; true when the sandbox then holds this execution's state. */
  private async runScript(
    sandbox: SandboxIsolate,
    bridge: ExecutionBridge,
    script: ScriptSource,
    index: number,
    info: string,
    limit: number,
    outcome: EventOutcome,
  ): Promise<boolean> {
    const clock = new ScriptClock(limit, Math.min(limit, this.cpuLimitMs));
    let compiled;
    try {
      compiled = sandbox.compile(script.source, script.origin || 'script');
    } catch (error) {
      outcome.addError(this.failure(error, sandbox, clock, script, index));
      this.dropSandbox();
      return false;
    }
    if (compiled.syntaxError || compiled.slot === undefined) {
      const { name, message } = compiled.syntaxError ?? { name: 'SyntaxError', message: 'script did not compile' };
      outcome.addError(scriptError('SCRIPT_SYNTAX_ERROR', name, message, script, index));
      return false;
    }
    const slot = compiled.slot;
    try {
      clock.run((timeout) => sandbox.exec(slot, index, info, timeout));
      for (;;) {
        const poll = clock.run((timeout) => sandbox.poll(timeout));
        outcome.apply(poll.e, script, index);
        if (poll.d) return true;
        const left = clock.wallLeft();
        if (left <= 0) {
          bridge.dropPending();
          outcome.apply(sandbox.abandon(1000).e, script, index);
          outcome.addError(timeoutError(limit, script, index));
          return true;
        }
        await bridge.waitForWork(Math.min(poll.t < 0 ? left : poll.t, left));
        for (const done of bridge.takeCompletions()) clock.run((timeout) => sandbox.deliver(done.id, done.error, done.result, timeout));
        if (poll.t >= 0) clock.run((timeout) => sandbox.fire(timeout));
      }
    } catch (error) {
      // The isolate was stopped mid-call (time or memory limit) or failed: start afresh next time,
      // keeping what the script reported before it was stopped when the isolate still answers.
      bridge.dropPending();
      const failure = this.failure(error, sandbox, clock, script, index);
      if (!sandbox.disposed) {
        try {
          outcome.apply(sandbox.abandon(1000).e, script, index);
        } catch {
          // Nothing more can be recovered from this isolate.
        }
      }
      outcome.addError(failure);
      this.dropSandbox();
      return false;
    }
  }

  private failure(error: unknown, sandbox: SandboxIsolate, clock: ScriptClock, script: ScriptSource, index: number): ScriptError {
    const kind = isolateFailureKind(error, sandbox.disposed);
    if (kind === 'timeout') {
      return clock.wallBound ? timeoutError(clock.wallLimitMs, script, index) : cpuLimitError(clock.cpuLimitMs, script, index);
    }
    if (kind === 'memory') return memoryError(this.memoryLimitMb, script, index);
    return scriptError('SCRIPT_SANDBOX_FAILURE', 'SandboxError', `The script sandbox failed: ${messageOf(error)}`, script, index);
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message.split('\n')[0]! : String(error);
}
