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
import type { CollectionServiceDeps } from './collections/service.ts';
import { createCollectionStore } from './collections/store.ts';
import type { CollectionStore } from './collections/store.ts';
import { registerCommentRoutes } from './comments/routes.ts';
import { createCommentService } from './comments/service.ts';
import type { CommentServiceDeps } from './comments/service.ts';
import { createCommentStore } from './comments/store.ts';
import { registerEnvironmentRoutes } from './environments/routes.ts';
import { createEnvironmentService } from './environments/service.ts';
import type { EnvironmentServiceDeps } from './environments/service.ts';
import { createEnvironmentStore } from './environments/store.ts';
import type { EnvironmentStore } from './environments/store.ts';
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
  /** Told after every saved or deleted collection, environment and globals (secret scanning, P17); never fails the save. */
  onContentSaved?: ContentSaveHooks;
  /** Told about collection and environment changes (webhooks); never fail the change. */
  onCollectionChange?: CollectionServiceDeps['onChange'];
  onEnvironmentChange?: EnvironmentServiceDeps['onChange'];
}

export interface ContentSaveHooks {
  saved(kind: 'collection' | 'environment' | 'globals', id: string, actorId: string | null): Promise<void>;
  removed(kind: 'collection' | 'environment', id: string): Promise<void>;
}

/** Wraps the stores so every write path (services, pull requests, imports, forks) reaches the hooks. */
function hookedStores(db: Database, hooks: ContentSaveHooks | undefined) {
  const collectionStore = createCollectionStore(db);
  const environmentStore = createEnvironmentStore(db);
  if (!hooks) return { collectionStore, environmentStore };
  return {
    collectionStore: {
      ...collectionStore,
      async create(c) {
        const row = await collectionStore.create(c);
        await hooks.saved('collection', row.id, c.change.actorId);
        return row;
      },
      async update(id, compute) {
        let actorId: string | null = null;
        const row = await collectionStore.update(id, (current) => {
          const next = compute(current);
          actorId = next.change.actorId;
          return next;
        });
        if (row) await hooks.saved('collection', row.id, actorId);
        return row;
      },
      async remove(id) {
        const removed = await collectionStore.remove(id);
        if (removed) await hooks.removed('collection', id);
        return removed;
      },
    } satisfies CollectionStore,
    environmentStore: {
      ...environmentStore,
      async create(e) {
        const row = await environmentStore.create(e);
        await hooks.saved('environment', row.id, e.actorId);
        return row;
      },
      async update(id, compute) {
        let actorId: string | null = null;
        const row = await environmentStore.update(id, (current) => {
          const next = compute(current);
          actorId = next.actorId;
          return next;
        });
        if (row) await hooks.saved('environment', row.id, actorId);
        return row;
      },
      async remove(id) {
        const removed = await environmentStore.remove(id);
        if (removed) await hooks.removed('environment', id);
        return removed;
      },
      async updateGlobals(workspaceId, compute) {
        let actorId: string | null = null;
        const row = await environmentStore.updateGlobals(workspaceId, (current) => {
          const next = compute(current);
          actorId = next.actorId;
          return next;
        });
        await hooks.saved('globals', workspaceId, actorId);
        return row;
      },
    } satisfies EnvironmentStore,
  };
}

/** Registers the routes; returns the services other modules build on (imports, runs). */
export function registerContentRoutes(app: OpenAPIHono<AppEnv>, deps: ContentDeps) {
  const { collectionStore, environmentStore } = hookedStores(deps.db, deps.onContentSaved);
  const collections = createCollectionService({
    store: collectionStore,
    access: deps.access,
    box: deps.box,
    clock: deps.clock,
    ...(deps.onCollectionChange && { onChange: deps.onCollectionChange }),
  });
  registerCollectionRoutes(app, { collections });
  const onCollectionChange = deps.onCollectionChange;
  const pullRequests = createPullRequestService({
    store: createPullRequestStore(deps.db),
    // Forks are created here, past the collection service: webhooks hear of them as new collections.
    collectionStore: onCollectionChange
      ? {
          ...collectionStore,
          async create(c) {
            const record = await collectionStore.create(c);
            await onCollectionChange({ kind: 'created', record });
            return record;
          },
        }
      : collectionStore,
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
  const environments = createEnvironmentService({
    store: environmentStore,
    access: deps.access,
    box: deps.box,
    clock: deps.clock,
    ...(deps.onEnvironmentChange && { onChange: deps.onEnvironmentChange }),
  });
  registerEnvironmentRoutes(app, { environments });
  return { collections, environments };
}
