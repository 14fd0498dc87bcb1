#!/usr/bin/env node
// Bundles the CLI (and the workspace packages it uses) into one ES module so
// `postern` starts without compiling TypeScript on every run. npm dependencies
// stay external and load from node_modules. Then builds the web app into
// packages/web/dist, which `postern serve` serves at /. Runs on `npm ci` (prepare).
import { build } from 'esbuild';
import { build as viteBuild } from 'vite';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { builtinModules } from 'node:module';
import { rmSync } from 'node:fs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

const externalDependencies = {
  name: 'external-dependencies',
  setup(b) {
    // Bundle our own workspace packages; every npm package stays external, pinned to
    // the exact file its importer resolves to (workspaces may hold different versions).
    b.onResolve({ filter: /^[^./]/ }, async (args) => {
      if (args.pluginData === 'resolving' || args.path.startsWith('@postern/')) return undefined;
      if (args.path.startsWith('node:') || builtinModules.includes(args.path.split('/')[0])) {
        return { path: args.path, external: true };
      }
      const found = await b.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, importer: args.importer, pluginData: 'resolving' });
      if (found.errors.length) return { errors: found.errors };
      return { path: found.path, external: true };
    });
  },
};

const started = Date.now();
rmSync(join(root, 'packages/cli/dist'), { recursive: true, force: true });
await build({
  entryPoints: [join(root, 'packages/cli/src/main.ts')],
  outdir: join(root, 'packages/cli/dist'),
  // Commands and the script sandbox load on first use, as separate chunks.
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: 'linked',
  plugins: [externalDependencies],
  logLevel: 'warning',
});
console.log(`built packages/cli/dist/main.js in ${Date.now() - started} ms`);

const webStarted = Date.now();
await viteBuild({ configFile: join(root, 'packages/web/vite.config.ts'), logLevel: 'warn' });
console.log(`built packages/web/dist in ${Date.now() - webStarted} ms`);
