import { basicAuthRoutes } from '../auth/basic.ts';
import { digestAuthRoutes } from '../auth/digest.ts';
import { hawkAuthRoutes } from '../auth/hawk.ts';
import { oauth1Routes } from '../auth/oauth1.ts';
import type { Route } from '../context.ts';
import { bytesRoutes } from './bytes.ts';
import { compressionRoutes } from './compression.ts';
import { cookieRoutes } from './cookies.ts';
import { delayRoutes } from './delay.ts';
import { echoRoutes } from './echo.ts';
import { infoRoutes } from './info.ts';
import { redirectRoutes } from './redirect.ts';
import { statusRoutes } from './status.ts';
import { streamRoutes } from './stream.ts';

export const allRoutes: readonly Route[] = [
  ...echoRoutes,
  ...infoRoutes,
  ...statusRoutes,
  ...delayRoutes,
  ...redirectRoutes,
  ...cookieRoutes,
  ...compressionRoutes,
  ...bytesRoutes,
  ...streamRoutes,
  ...basicAuthRoutes,
  ...digestAuthRoutes,
  ...hawkAuthRoutes,
  ...oauth1Routes,
];
