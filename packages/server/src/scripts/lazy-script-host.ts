import type { ScriptHost } from '@postern/runtime';

/**
 * The isolated-vm sandbox, loaded on the first script: runs and sends without scripts never start
 * an isolate (or load the native module).
 */
export function lazyIsolatedScriptHost(): ScriptHost {
  let host: Promise<ScriptHost> | undefined;
  let ready: ScriptHost | undefined;
  const load = () => (host ??= import('@postern/runtime/sandbox').then(({ createIsolatedScriptHost }) => (ready = createIsolatedScriptHost())));
  return {
    run: async (event, scripts, context, options) => (await load()).run(event, scripts, context, options),
    dispose: () => ready?.dispose(),
  };
}
