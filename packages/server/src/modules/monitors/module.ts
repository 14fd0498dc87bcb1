/** Composes the monitors module for app.ts: store, service, scheduler, worker, notifier, routes and jobs. */
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Clock } from '../../clock.ts';
import type { Database } from '../../db/database.ts';
import type { EgressGuard } from '../../egress/policy.ts';
import type { AppEnv } from '../../http/env.ts';
import type { JobQueue } from '../../jobs/queue.ts';
import type { Mailer } from '../../mail/mailer.ts';
import type { WorkspaceAccess } from '../../policies/workspaces.ts';
import type { AuditService } from '../audit/service.ts';
import type { CollectionService } from '../collections/service.ts';
import type { EnvironmentService } from '../environments/service.ts';
import type { RunService } from '../runs/service.ts';
import { createMonitorNotifier } from './notify.ts';
import { registerMonitorRoutes } from './routes.ts';
import { createMonitorScheduler, scheduleMonitors } from './scheduler.ts';
import type { MonitorScheduler } from './scheduler.ts';
import { createMonitorService } from './service.ts';
import { createMonitorStore } from './store.ts';
import { createMonitorWorker } from './worker.ts';

export interface MonitorModuleDeps {
  db: Database;
  access: WorkspaceAccess;
  collections: CollectionService;
  environments: EnvironmentService;
  runs: Pick<RunService, 'prepare'>;
  guard: EgressGuard;
  jobs: JobQueue;
  mailer: Mailer;
  audit: Pick<AuditService, 'record'>;
  clock: Clock;
  publicUrl: string;
  /** Longest run of one attempt (default 5 minutes). */
  runTimeLimitMs?: number;
  reportError: (error: unknown) => void;
}

export function registerMonitors(app: OpenAPIHono<AppEnv>, deps: MonitorModuleDeps): { scheduler: MonitorScheduler } {
  const store = createMonitorStore(deps.db);
  const notifier = createMonitorNotifier({ store, access: deps.access, mailer: deps.mailer, guard: deps.guard, clock: deps.clock, publicUrl: deps.publicUrl, reportError: deps.reportError });
  const worker = createMonitorWorker({
    store,
    runs: deps.runs,
    guard: deps.guard,
    clock: deps.clock,
    ...(deps.runTimeLimitMs !== undefined && { runTimeLimitMs: deps.runTimeLimitMs }),
    afterRun: notifier.afterRun,
    reportError: deps.reportError,
  });
  const scheduler = createMonitorScheduler({ store, jobs: deps.jobs, clock: deps.clock, reportError: deps.reportError });
  scheduleMonitors(deps.jobs, scheduler, worker.run, deps.reportError);
  const monitors = createMonitorService({
    store,
    access: deps.access,
    collections: deps.collections,
    environments: deps.environments,
    jobs: deps.jobs,
    audit: deps.audit,
    clock: deps.clock,
  });
  registerMonitorRoutes(app, { monitors });
  return { scheduler };
}
