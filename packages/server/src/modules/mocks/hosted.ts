/**
 * Composes hosted mocks for app.ts: the store, the call log queue, the serving path and the
 * routes. Collections and environments are read as a viewer sees them (secret values redacted),
 * so a mock, public or not, never answers with a secret.
 */
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Variable } from '@postern/collection';
import type { Clock } from '../../clock.ts';
import type { SecretBox } from '../../crypto/secret-box.ts';
import type { Database } from '../../db/database.ts';
import type { AppEnv, CurrentUser } from '../../http/env.ts';
import type { WorkspaceAccess } from '../../policies/workspaces.ts';
import type { AuditService } from '../audit/service.ts';
import { documentFromHistory } from '../collections/json-patch.ts';
import { openCollection, openVariableList, secretViewFor } from '../collections/secret-variables.ts';
import { storedDocument } from '../collections/service.ts';
import { createCollectionStore } from '../collections/store.ts';
import { createEnvironmentStore } from '../environments/store.ts';
import { createCallLog } from './call-log.ts';
import { registerMockRoutes, registerMockServing } from './routes.ts';
import { createMockServing } from './served.ts';
import type { MockSources } from './served.ts';
import { createMockService } from './service.ts';
import { createMockStore } from './store.ts';

type JsonObject = Record<string, unknown>;

export interface HostedMockDeps {
  db: Database;
  access: WorkspaceAccess;
  box: SecretBox;
  apiKeys: { resolve(token: string): Promise<{ user: CurrentUser }> };
  audit: Pick<AuditService, 'record'>;
  clock: Clock;
  publicUrl: string;
  reportError: (error: unknown) => void;
}

function mockSources(db: Database, box: SecretBox): MockSources {
  const collections = createCollectionStore(db);
  const environments = createEnvironmentStore(db);
  const view = secretViewFor('viewer');
  return {
    async collection(id, revision) {
      const record = await collections.find(id);
      if (!record) return undefined;
      const stored =
        revision === null || revision === record.revision
          ? storedDocument(record)
          : revision < record.revision
            ? (documentFromHistory(await collections.patchesUpTo(id, revision), revision) as JsonObject | undefined)
            : undefined;
      return stored && openCollection(stored, view, box);
    },
    async environment(id) {
      const record = await environments.find(id);
      if (!record) return undefined;
      const values = openVariableList(JSON.parse(record.document) as JsonObject, view, box).values;
      return Array.isArray(values) ? (values as Variable[]) : [];
    },
  };
}

export function openHostedMocks(app: OpenAPIHono<AppEnv>, deps: HostedMockDeps) {
  const store = createMockStore(deps.db);
  const callLog = createCallLog(store, deps.reportError);
  const serving = createMockServing({
    store,
    sources: mockSources(deps.db, deps.box),
    access: deps.access,
    resolveApiKey: (token) => deps.apiKeys.resolve(token),
    callLog,
    clock: deps.clock,
  });
  const mocks = createMockService({ store, access: deps.access, audit: deps.audit, serving, callLog, clock: deps.clock });
  registerMockRoutes(app, { mocks, publicUrl: deps.publicUrl });
  registerMockServing(app, { serving });
  return { sourceChanged: serving.sourceChanged, flushCalls: callLog.flush };
}
