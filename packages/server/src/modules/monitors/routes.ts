import { createRoute, z } from '@hono/zod-openapi';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { requireUser } from '../../http/auth.ts';
import type { AppEnv } from '../../http/env.ts';
import { problemResponse } from '../../http/openapi.ts';
import { PageQuery, pageSchema } from '../../http/pagination.ts';
import { DEFAULT_NOTIFY, DEFAULT_OPTIONS, MAX_STATS_DAYS } from './service.ts';
import type { MonitorService } from './service.ts';
import type { MonitorDetails, MonitorRunListRecord, MonitorRunRecord, StatRow } from './store.ts';
import { ResultSchema } from '../runs/routes.ts';

const WorkspaceParams = z.object({ workspaceId: z.string().uuid('must be a workspace id') });
const MonitorParams = z.object({ id: z.string().uuid('must be a monitor id') });
const RunParams = MonitorParams.extend({ runId: z.string().uuid('must be a run id') });

const OptionsInput = z.object({
  followRedirects: z.boolean(),
  requestDelayMs: z.number().int().min(0).max(60_000).openapi({ description: 'Pause between requests, ms (0–60000).' }),
  requestTimeoutMs: z.number().int().min(1).max(300_000).openapi({ description: 'Per-request timeout, ms (1–300000).' }),
  verifyTls: z.boolean(),
  retries: z.number().int().min(0).max(3).openapi({ description: 'Extra attempts of a failed or errored run (0–3).' }),
});
const webhookUrl = z
  .string()
  .max(2000)
  .url('must be an http(s) URL')
  .refine((u) => /^https?:\/\//i.test(u), 'must be an http(s) URL')
  .nullable();
const NotificationsInput = z.object({
  onFailure: z.boolean(),
  onError: z.boolean(),
  emails: z.array(z.string().email('must be an email address').max(320)).max(50).openapi({ description: 'Members of the workspace; default: the creator.' }),
  webhookUrl: webhookUrl.openapi({ description: 'Receives a JSON POST, through the egress guard.' }),
  repeatLimit: z.number().int().min(1).max(10).openapi({ description: 'Notifications per failing streak (1–10).' }),
});
const base = {
  name: z.string().trim().min(1).max(100),
  collectionId: z.string().uuid('must be a collection id'),
  environmentId: z.string().uuid('must be an environment id').nullable(),
  cron: z.string().min(1).max(200).openapi({ description: '5 cron fields (minute hour day-of-month month day-of-week).', example: '*/15 * * * *' }),
  timezone: z.string().min(1).max(100).openapi({ description: 'IANA time zone; default UTC.', example: 'Europe/Berlin' }),
  enabled: z.boolean(),
};
const CreateBody = z
  .object({
    ...base,
    environmentId: base.environmentId.optional(),
    timezone: base.timezone.optional(),
    enabled: base.enabled.optional(),
    options: OptionsInput.partial().optional(),
    notifications: NotificationsInput.partial().optional(),
  })
  .openapi('MonitorInput');
const PatchBody = z
  .object({
    name: base.name.optional(),
    collectionId: base.collectionId.optional(),
    environmentId: base.environmentId.optional(),
    cron: base.cron.optional(),
    timezone: base.timezone.optional(),
    enabled: base.enabled.optional(),
    options: OptionsInput.partial().optional(),
    notifications: NotificationsInput.partial().optional(),
  })
  .openapi('MonitorPatch');

const RunStatus = z.enum(['queued', 'running', 'passed', 'failed', 'error']);
const iso = z.string().openapi({ format: 'date-time' });
const MonitorView = z
  .object({
    ...base,
    options: OptionsInput,
    notifications: NotificationsInput,
    id: z.string().uuid(),
    workspaceId: z.string().uuid(),
    collectionName: z.string(),
    environmentName: z.string().nullable(),
    nextRunAt: iso.nullable(),
    lastRun: z.object({ id: z.string().uuid(), status: RunStatus, finishedAt: iso.nullable() }).nullable(),
    createdAt: iso,
    updatedAt: iso,
  })
  .openapi('Monitor');
const CountsSchema = z.object({ requests: z.number().int(), assertionsPassed: z.number().int(), assertionsFailed: z.number().int(), errors: z.number().int() });
const MonitorRunView = z
  .object({
    id: z.string().uuid(),
    monitorId: z.string().uuid(),
    trigger: z.enum(['schedule', 'manual']),
    scheduledFor: iso,
    startedAt: iso.nullable(),
    finishedAt: iso.nullable(),
    status: RunStatus,
    attempts: z.number().int(),
    counts: CountsSchema,
    durationMs: z.number().int().nullable(),
    avgResponseMs: z.number().int().nullable(),
    error: z.string().nullable(),
  })
  .openapi('MonitorRun');
const MonitorRunDetail = MonitorRunView.extend({ results: z.array(ResultSchema) }).openapi('MonitorRunDetail');
const StatPoint = z
  .object({
    runId: z.string().uuid(),
    at: iso,
    status: RunStatus,
    avgResponseMs: z.number().int().nullable(),
    maxResponseMs: z.number().int().nullable(),
    failedAssertions: z.number().int(),
    errors: z.number().int(),
  })
  .openapi('MonitorStatPoint');
const StatsQuery = z.object({ days: z.coerce.number().int().min(1).max(MAX_STATS_DAYS).default(7) });

const toView = (d: MonitorDetails): z.infer<typeof MonitorView> => {
  const m = d.monitor;
  return {
    id: m.id,
    workspaceId: m.workspaceId,
    name: m.name,
    collectionId: m.collectionId,
    collectionName: d.collectionName,
    environmentId: m.environmentId,
    environmentName: d.environmentName,
    cron: m.cron,
    timezone: m.timezone,
    enabled: m.enabled,
    options: { ...DEFAULT_OPTIONS, ...m.options },
    notifications: { ...DEFAULT_NOTIFY, ...m.notifications, emails: d.emails },
    nextRunAt: m.enabled && m.nextRunAt ? m.nextRunAt.toISOString() : null,
    lastRun: d.lastRun && { ...d.lastRun, finishedAt: d.lastRun.finishedAt?.toISOString() ?? null },
    createdAt: m.createdAt.toISOString(),
    updatedAt: m.updatedAt.toISOString(),
  };
};
const toRunView = (r: MonitorRunListRecord): z.infer<typeof MonitorRunView> => ({
  id: r.id,
  monitorId: r.monitorId,
  trigger: r.trigger,
  scheduledFor: r.scheduledFor.toISOString(),
  startedAt: r.startedAt?.toISOString() ?? null,
  finishedAt: r.finishedAt?.toISOString() ?? null,
  status: r.status,
  attempts: r.attempts,
  counts: r.counts,
  durationMs: r.durationMs,
  avgResponseMs: r.avgResponseMs,
  error: r.error,
});
const toRunDetail = (r: MonitorRunRecord): z.infer<typeof MonitorRunDetail> => ({ ...toRunView(r), results: r.results });
const toPoint = (s: StatRow): z.infer<typeof StatPoint> => ({
  runId: s.id,
  at: s.finishedAt.toISOString(),
  status: s.status,
  avgResponseMs: s.avgResponseMs,
  maxResponseMs: s.maxResponseMs,
  failedAssertions: s.counts.assertionsFailed,
  errors: s.counts.errors,
});

const signedIn: { security: Record<string, string[]>[] } = { security: [{ session: [] }, { apiKey: [] }] };
const json = <T extends z.ZodType>(schema: T) => ({ content: { 'application/json': { schema } } });
const unauthenticated = problemResponse('Not signed in (UNAUTHENTICATED)');
const notFoundMonitor = problemResponse('No such monitor, or its workspace is not visible to you (MONITOR_NOT_FOUND)');
const editorOnly = problemResponse('Viewers may not change or run monitors (WORKSPACE_ROLE_REQUIRED), or CSRF_TOKEN_INVALID');
const invalidInput = problemResponse(
  'Invalid input; `errors` names the field (VALIDATION_FAILED, INVALID_CRON, INVALID_TIMEZONE, COLLECTION_NOT_FOUND, ENVIRONMENT_NOT_FOUND, MONITOR_RECIPIENT_NOT_MEMBER)',
);
const tags = ['monitors'];

const listRoute = createRoute({
  method: 'get',
  path: '/api/workspaces/{workspaceId}/monitors',
  tags,
  summary: 'The monitors of a workspace',
  ...signedIn,
  request: { params: WorkspaceParams },
  responses: {
    200: { description: 'The monitors, oldest first', ...json(z.object({ items: z.array(MonitorView) })) },
    401: unauthenticated,
    404: problemResponse('No such workspace (WORKSPACE_NOT_FOUND)'),
  },
});
const createMonitorRoute = createRoute({
  method: 'post',
  path: '/api/workspaces/{workspaceId}/monitors',
  tags,
  summary: 'Create a monitor: a collection run on a cron schedule',
  description: 'Needs the editor role. The monitor runs with the access of whoever created or last changed it.',
  ...signedIn,
  request: { params: WorkspaceParams, body: { required: true, ...json(CreateBody) } },
  responses: {
    201: { description: 'Created', ...json(MonitorView) },
    400: invalidInput,
    401: unauthenticated,
    403: editorOnly,
    404: problemResponse('No such workspace (WORKSPACE_NOT_FOUND)'),
  },
});
const getRoute = createRoute({
  method: 'get',
  path: '/api/monitors/{id}',
  tags,
  summary: 'A monitor',
  ...signedIn,
  request: { params: MonitorParams },
  responses: { 200: { description: 'The monitor', ...json(MonitorView) }, 401: unauthenticated, 404: notFoundMonitor },
});
const patchRoute = createRoute({
  method: 'patch',
  path: '/api/monitors/{id}',
  tags,
  summary: 'Change a monitor (options and notifications are merged field by field)',
  ...signedIn,
  request: { params: MonitorParams, body: { required: true, ...json(PatchBody) } },
  responses: { 200: { description: 'The changed monitor', ...json(MonitorView) }, 400: invalidInput, 401: unauthenticated, 403: editorOnly, 404: notFoundMonitor },
});
const deleteRoute = createRoute({
  method: 'delete',
  path: '/api/monitors/{id}',
  tags,
  summary: 'Delete a monitor and its run history',
  ...signedIn,
  request: { params: MonitorParams },
  responses: { 204: { description: 'Deleted' }, 401: unauthenticated, 403: editorOnly, 404: notFoundMonitor },
});
const runRoute = createRoute({
  method: 'post',
  path: '/api/monitors/{id}/run',
  tags,
  summary: 'Run a monitor now (trigger manual)',
  ...signedIn,
  request: { params: MonitorParams },
  responses: { 202: { description: 'Queued', ...json(MonitorRunView) }, 401: unauthenticated, 403: editorOnly, 404: notFoundMonitor },
});
const runsRoute = createRoute({
  method: 'get',
  path: '/api/monitors/{id}/runs',
  tags,
  summary: 'The runs of a monitor, newest first',
  ...signedIn,
  request: { params: MonitorParams, query: PageQuery },
  responses: {
    200: { description: 'A page of runs', ...json(pageSchema(MonitorRunView)) },
    400: problemResponse('Invalid query (VALIDATION_FAILED, INVALID_CURSOR)'),
    401: unauthenticated,
    404: notFoundMonitor,
  },
});
const runDetailRoute = createRoute({
  method: 'get',
  path: '/api/monitors/{id}/runs/{runId}',
  tags,
  summary: 'One run of a monitor with its per-request results',
  ...signedIn,
  request: { params: RunParams },
  responses: {
    200: { description: 'The run', ...json(MonitorRunDetail) },
    401: unauthenticated,
    404: problemResponse('MONITOR_NOT_FOUND or MONITOR_RUN_NOT_FOUND'),
  },
});
const statsRoute = createRoute({
  method: 'get',
  path: '/api/monitors/{id}/stats',
  tags,
  summary: 'Response times and failures of the finished runs of the last `days` days (1–90), oldest first',
  ...signedIn,
  request: { params: MonitorParams, query: StatsQuery },
  responses: {
    200: { description: 'One point per finished run', ...json(z.object({ points: z.array(StatPoint) })) },
    400: problemResponse('days out of range (VALIDATION_FAILED)'),
    401: unauthenticated,
    404: notFoundMonitor,
  },
});

export function registerMonitorRoutes(app: OpenAPIHono<AppEnv>, deps: { monitors: MonitorService }): void {
  const { monitors } = deps;
  app.openapi(listRoute, async (c) => {
    const items = await monitors.list(requireUser(c), c.req.valid('param').workspaceId);
    return c.json({ items: items.map(toView) }, 200);
  });
  app.openapi(createMonitorRoute, async (c) => {
    const created = await monitors.create(requireUser(c), c.req.valid('param').workspaceId, c.req.valid('json'));
    return c.json(toView(created), 201);
  });
  app.openapi(getRoute, async (c) => c.json(toView(await monitors.get(requireUser(c), c.req.valid('param').id)), 200));
  app.openapi(patchRoute, async (c) => c.json(toView(await monitors.update(requireUser(c), c.req.valid('param').id, c.req.valid('json'))), 200));
  app.openapi(deleteRoute, async (c) => {
    await monitors.remove(requireUser(c), c.req.valid('param').id);
    return c.body(null, 204);
  });
  app.openapi(runRoute, async (c) => c.json(toRunView(await monitors.runNow(requireUser(c), c.req.valid('param').id)), 202));
  app.openapi(runsRoute, async (c) => {
    const page = await monitors.listRuns(requireUser(c), c.req.valid('param').id, c.req.valid('query'));
    c.header('Cache-Control', 'no-store');
    return c.json({ items: page.items.map(toRunView), nextCursor: page.nextCursor }, 200);
  });
  app.openapi(runDetailRoute, async (c) => {
    const { id, runId } = c.req.valid('param');
    c.header('Cache-Control', 'no-store');
    return c.json(toRunDetail(await monitors.getRun(requireUser(c), id, runId)), 200);
  });
  app.openapi(statsRoute, async (c) => {
    const points = await monitors.stats(requireUser(c), c.req.valid('param').id, c.req.valid('query').days);
    return c.json({ points: points.map(toPoint) }, 200);
  });
}
