// Composes the workspace-content modules (collections, environments, pull requests, comments) so
// app.ts needs one line for them. Each module keeps its own store, service and routes.
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Clock } from '../clock.ts';
import type { SecretBox } from '../crypto/secret-box.ts';
import type { Database } from '../db/database.ts';
import type { AppEnv } from '../http/env.ts';
import type { WorkspaceAccess } from '../policies/workspaces.ts';
import { registerCollectionRoutes } from './collections/routes.ts';
import { createCollectionService } from './collections/service.ts';
import { createCollectionStore } from './collections/store.ts';
import { registerCommentRoutes } from './comments/routes.ts';
import { createCommentService } from './comments/service.ts';
import type { CommentServiceDeps } from './comments/service.ts';
import { createCommentStore } from './comments/store.ts';
import { registerEnvironmentRoutes } from './environments/routes.ts';
import { createEnvironmentService } from './environments/service.ts';
import { createEnvironmentStore } from './environments/store.ts';
import { registerPullRequestRoutes } from './pull-requests/routes.ts';
import { createPullRequestService } from './pull-requests/service.ts';
import { createPullRequestStore } from './pull-requests/store.ts';

export interface ContentDeps {
  db: Database;
  access: WorkspaceAccess;
  box: SecretBox;
  clock: Clock;
  /** Told about each new comment (notifications); never fails the comment. */
  onCommentAdded?: CommentServiceDeps['onCreated'];
}

/** Registers the routes; returns the services other modules build on (imports, runs). */
export function registerContentRoutes(app: OpenAPIHono<AppEnv>, deps: ContentDeps) {
  const collectionStore = createCollectionStore(deps.db);
  const collections = createCollectionService({ store: collectionStore, access: deps.access, box: deps.box, clock: deps.clock });
  registerCollectionRoutes(app, { collections });
  const pullRequests = createPullRequestService({
    store: createPullRequestStore(deps.db),
    collectionStore,
    collections,
    access: deps.access,
    clock: deps.clock,
  });
  registerPullRequestRoutes(app, { pullRequests });
  const comments = createCommentService({
    store: createCommentStore(deps.db),
    collections,
    clock: deps.clock,
    ...(deps.onCommentAdded && { onCreated: deps.onCommentAdded }),
  });
  registerCommentRoutes(app, { comments });
  const environments = createEnvironmentService({ store: createEnvironmentStore(deps.db), access: deps.access, box: deps.box, clock: deps.clock });
  registerEnvironmentRoutes(app, { environments });
  return { collections, environments };
}
