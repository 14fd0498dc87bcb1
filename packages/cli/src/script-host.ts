import type { ScriptHost } from '@postern/runtime';

/**
 * Scripts run in an isolated-vm isolate: no host access, memory and time limits.
 * The sandbox (isolated-vm, esbuild-built libraries) loads on the first script,
 * so runs without scripts never pay for it.
 */
export function createDefaultScriptHost(): ScriptHost {
  let host: Promise<ScriptHost> | undefined;
  let ready: ScriptHost | undefined;
  const load = () =>
    (host ??= import('@postern/runtime/sandbox').then(({ createIsolatedScriptHost }) => (ready = createIsolatedScriptHost())));
  return {
    run: async (event, scripts, context, options) => (await load()).run(event, scripts, context, options),
    dispose: () => ready?.dispose(),
  };
}
