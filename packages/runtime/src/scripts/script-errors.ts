/**
 * Script failures as values with stable codes. Messages say what happened in the
 * user's terms; no host stack traces.
 */
import type { ScriptError, ScriptSource } from './host.ts';

export type ScriptErrorCode =
  | 'SCRIPT_ERROR'
  | 'SCRIPT_SYNTAX_ERROR'
  | 'SCRIPT_TIMEOUT'
  | 'SCRIPT_MEMORY_LIMIT'
  | 'SCRIPT_SANDBOX_FAILURE';

export function scriptError(
  code: ScriptErrorCode,
  name: string,
  message: string,
  script: ScriptSource,
  scriptIndex: number,
): ScriptError {
  const error: ScriptError = { name, message, code, origin: script.origin, scriptIndex };
  if (script.id !== undefined) error.scriptId = script.id;
  return error;
}

export function timeoutError(limitMs: number, script: ScriptSource, index: number): ScriptError {
  return scriptError(
    'SCRIPT_TIMEOUT',
    'ScriptTimeoutError',
    `Script timed out: it did not finish within ${limitMs} ms (see --timeout-script)`,
    script,
    index,
  );
}

export function cpuLimitError(limitMs: number, script: ScriptSource, index: number): ScriptError {
  return scriptError(
    'SCRIPT_TIMEOUT',
    'ScriptTimeoutError',
    `Script stopped: it ran for more than ${limitMs} ms of CPU time`,
    script,
    index,
  );
}

export function memoryError(limitMb: number, script: ScriptSource, index: number): ScriptError {
  return scriptError(
    'SCRIPT_MEMORY_LIMIT',
    'ScriptMemoryError',
    `Script stopped: it used more than the ${limitMb} MB memory limit`,
    script,
    index,
  );
}

/** How isolated-vm reports the isolate being stopped from outside. */
export function isolateFailureKind(error: unknown, disposed: boolean): 'timeout' | 'memory' | 'other' {
  const message = error instanceof Error ? error.message : String(error);
  if (/memory limit/i.test(message)) return 'memory';
  if (/timed out/i.test(message)) return 'timeout';
  return disposed ? 'memory' : 'other';
}
