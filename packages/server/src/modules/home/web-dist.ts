import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where the built web app is (packages/web/dist, written by `npm run build`): found from these
 * sources, or — when this file was bundled into the CLI — from the server package. When it is not
 * built yet, the server package's neighbour is still the answer: a build made later is served
 * without a restart.
 */
function locateWebDist(): string {
  const beside = fileURLToPath(new URL('../../../../web/dist', import.meta.url));
  if (existsSync(join(beside, 'index.html'))) return beside;
  try {
    const serverEntry = createRequire(import.meta.url).resolve('@postern/server');
    return join(dirname(serverEntry), '..', '..', 'web', 'dist');
  } catch {
    return beside;
  }
}

export const WEB_DIST = locateWebDist();
