/**
 * The seam between the runner and a script sandbox (pre-request and test scripts).
 * The runner builds a ScriptContext for one event of one item; a ScriptHost runs
 * the ordered scripts (collection → folders → item) inside an isolate and reports
 * back through the context. Nothing here may touch the host beyond what the
 * context exposes.
 */
import type { RequestObject, VariableScope } from '@postern/collection';
import type { ConsoleEvent, ReceivedResponse, RunError } from '../events.ts';

export type ScriptEventName = 'prerequest' | 'test';

export interface ScriptSource {
  /** The script text (exec lines joined with \n). */
  source: string;
  /** Where it comes from, for error messages: "collection", folder name, or item name. */
  origin: string;
  id?: string;
}

export interface ScriptInfo {
  eventName: ScriptEventName;
  iteration: number;
  iterationCount: number;
  requestName: string;
  requestId: string;
}

/** A response as scripts see it (also used for pm.sendRequest results). */
export type ScriptResponse = Pick<ReceivedResponse, 'code' | 'status' | 'headers' | 'body' | 'responseTime' | 'size'>;

export interface CookieView {
  name: string;
  value: string;
  domain?: string;
  path?: string;
  expires?: string;
  httpOnly?: boolean;
  secure?: boolean;
}

export interface CookieAccess {
  /** Cookies that would be sent to the current request's URL. */
  forCurrentUrl(): CookieView[];
  /** pm.cookies.jar(): async operations on the whole jar. */
  get(url: string, name: string): Promise<string | undefined>;
  getAll(url: string): Promise<CookieView[]>;
  set(url: string, name: string, value: string | Record<string, unknown>): Promise<void>;
  unset(url: string, name: string): Promise<void>;
  clear(url: string): Promise<void>;
}

export interface ScriptScopes {
  globals: VariableScope;
  environment: VariableScope;
  collectionVariables: VariableScope;
  iterationData: VariableScope;
  /** pm.variables.set writes here: lives for the current item's execution only. */
  local: VariableScope;
}

export interface ScriptContext {
  info: ScriptInfo;
  /**
   * The item's request (variables unresolved, as Postman's pm.request shows it).
   * A pre-request script may change it; the runner sends the changed request.
   */
  request: RequestObject;
  /** Present for test scripts when a response arrived. */
  response?: ScriptResponse;
  scopes: ScriptScopes;
  cookies: CookieAccess;
  /** pm.sendRequest: sends through the same HTTP client as the run. */
  sendRequest(request: RequestObject | string): Promise<ScriptResponse>;
  /** Called for every pm.test / tests[...] result, in order. */
  onAssertion(result: { name: string; passed: boolean; skipped: boolean; error?: RunError }): void;
  onConsole(level: ConsoleEvent['level'], messages: unknown[]): void;
  /**
   * Optional: a value for a dynamic variable (`{{$guid}}`, `{{$randomInt}}`, …) used by
   * replaceIn() in scripts (give the run's seeded source). Without it, an unseeded one is used.
   */
  dynamicVariable?(name: string): string | undefined;
}

/** A script error, with the script it came from. */
export interface ScriptError extends RunError {
  /** The failing script's origin ("collection", a folder name or the item name). */
  origin: string;
  /** Position of the script in the list given to run(). */
  scriptIndex: number;
  scriptId?: string;
}

export interface ScriptRunResult {
  /** First error thrown by a script (the run goes on). */
  error?: ScriptError;
  /** Every script error of this event, in order (error is the first of them). */
  errors?: ScriptError[];
  /** pm.execution.setNextRequest / postman.setNextRequest: a name or id, or null to stop the run. */
  nextRequest?: string | null;
  /** pm.execution.skipRequest() in a pre-request script. */
  skipRequest?: boolean;
  visualizer?: { template: string; data: unknown; options?: unknown };
}

export interface ScriptRunOptions {
  /**
   * Time limit per script, ms (as Newman's --timeout-script: each script of the event
   * gets the full limit, covering both its CPU time and the wait for its timers and
   * pm.sendRequest calls); 0 or undefined = host default.
   */
  timeoutMs?: number;
}

export interface ScriptHost {
  run(
    event: ScriptEventName,
    scripts: ScriptSource[],
    context: ScriptContext,
    options?: ScriptRunOptions,
  ): Promise<ScriptRunResult>;
  dispose(): void;
}
