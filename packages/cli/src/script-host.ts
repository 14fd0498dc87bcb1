import { createIsolatedScriptHost, type ScriptHost } from '@postern/runtime';

/**
 * Scripts run in an isolated-vm isolate: no host access, memory and time limits.
 * The isolate is created on the first script, so runs without scripts never pay for it.
 */
export function createDefaultScriptHost(): ScriptHost {
  let host: ScriptHost | undefined;
  return {
    run: (event, scripts, context, options) => (host ??= createIsolatedScriptHost()).run(event, scripts, context, options),
    dispose: () => host?.dispose(),
  };
}
