import { createRoute, z } from '@hono/zod-openapi';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { requireUser } from '../../http/auth.ts';
import type { AppEnv } from '../../http/env.ts';
import { problemResponse } from '../../http/openapi.ts';
import { PageQuery, pageSchema } from '../../http/pagination.ts';
import { notFound } from '../../errors.ts';
import { MAX_DATA_BYTES, MAX_ITERATIONS, MAX_STORED_RESULTS, type RunService } from './service.ts';
import type { RunListRecord, RunRecord } from './store.ts';

const CollectionParams = z.object({ id: z.string().uuid('must be a collection id') });
const RunParams = z.object({ id: z.string().uuid('must be a run id') });

const StartRunBody = z
  .object({
    folderId: z.string().min(1).max(100).optional().openapi({ description: 'Run only this folder (an item id from the outline).' }),
    environmentId: z.string().uuid().optional().openapi({ description: 'An environment of the same workspace.' }),
    iterations: z.number().int().min(1).max(MAX_ITERATIONS).optional().openapi({ description: `1–${MAX_ITERATIONS}; defaults to the data rows, or 1.` }),
    data: z
      .string()
      .max(MAX_DATA_BYTES)
      .optional()
      .openapi({ description: `Iteration data: CSV with a header row, or a JSON array of objects (at most ${MAX_DATA_BYTES / 1024} KiB).` }),
    delayMs: z.number().int().min(0).max(60_000).optional().openapi({ description: 'Pause between requests, ms.' }),
    timeoutRequestMs: z.number().int().min(1).max(60_000).optional(),
    followRedirects: z.boolean().optional(),
    insecure: z.boolean().optional().openapi({ description: 'Skip TLS certificate checks.' }),
  })
  .openapi('StartRun');

const AssertionSchema = z.object({ name: z.string(), passed: z.boolean(), error: z.string().optional() });
/** One request's result, shared with monitors' run history. */
export const ResultSchema = z
  .object({
    iteration: z.number().int(),
    itemId: z.string(),
    path: z.array(z.string()),
    name: z.string(),
    method: z.string(),
    url: z.string(),
    status: z.number().int().nullable(),
    timeMs: z.number().int().nullable(),
    size: z.number().int().nullable(),
    assertions: z.array(AssertionSchema),
    error: z.string().optional(),
  })
  .openapi('RunResult');
const SummarySchema = z.object({
  progress: z.object({ done: z.number().int(), total: z.number().int() }),
  counts: z.object({ requests: z.number().int(), assertionsPassed: z.number().int(), assertionsFailed: z.number().int(), errors: z.number().int() }),
  resultsTruncated: z.boolean().optional(),
  error: z.string().optional(),
});
const RunSummarySchema = z
  .object({
    id: z.string().uuid(),
    collectionId: z.string().uuid(),
    userId: z.string().uuid(),
    status: z.enum(['queued', 'running', 'finished', 'cancelled', 'failed']),
    options: z.looseObject({}),
    progress: SummarySchema.shape.progress,
    counts: SummarySchema.shape.counts,
    error: z.string().nullable(),
    createdAt: z.string().openapi({ format: 'date-time' }),
    startedAt: z.string().nullable().openapi({ format: 'date-time' }),
    finishedAt: z.string().nullable().openapi({ format: 'date-time' }),
  })
  .openapi('RunSummary');
const RunDetailSchema = RunSummarySchema.extend({
  results: z.array(ResultSchema).openapi({ description: `One row per request; at most ${MAX_STORED_RESULTS.toLocaleString('en')} are kept.` }),
  resultsTruncated: z.boolean(),
}).openapi('Run');

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const toSummary = (r: RunListRecord): z.infer<typeof RunSummarySchema> => ({
  id: r.id,
  collectionId: r.collectionId,
  userId: r.userId,
  status: r.status,
  options: r.options,
  progress: r.summary.progress,
  counts: r.summary.counts,
  error: r.summary.error ?? null,
  createdAt: r.createdAt.toISOString(),
  startedAt: iso(r.startedAt),
  finishedAt: iso(r.finishedAt),
});
const toDetail = (r: RunRecord): z.infer<typeof RunDetailSchema> => ({
  ...toSummary(r),
  results: r.results,
  resultsTruncated: r.summary.resultsTruncated ?? false,
});

const signedIn: { security: Record<string, string[]>[] } = { security: [{ session: [] }, { apiKey: [] }] };
const json = <T extends z.ZodType>(schema: T) => ({ content: { 'application/json': { schema } } });
const unauthenticated = problemResponse('Not signed in (UNAUTHENTICATED)');
const runNotFound = problemResponse('No such run, or not yours and you are no editor of its workspace (RUN_NOT_FOUND)');

const startRoute = createRoute({
  method: 'post',
  path: '/api/collections/{id}/runs',
  tags: ['runs'],
  summary: 'Start a collection run on the server',
  description:
    'Needs the editor role (the run uses secrets in clear). Requests go through the egress guard. ' +
    'At most 2 runs per person and 4 per server go on at once; beyond that the answer is 429 (TOO_MANY_RUNS).',
  ...signedIn,
  request: { params: CollectionParams, body: { required: true, ...json(StartRunBody) } },
  responses: {
    202: { description: 'Started; poll GET /api/runs/{runId}', ...json(z.object({ runId: z.string().uuid() })) },
    400: problemResponse('Invalid options (VALIDATION_FAILED, INVALID_DATA_FILE, FOLDER_NOT_FOUND, ENVIRONMENT_NOT_FOUND, ITERATION_DATA_MISMATCH)'),
    401: unauthenticated,
    403: problemResponse('Viewers may not run (WORKSPACE_ROLE_REQUIRED), or CSRF_TOKEN_INVALID'),
    404: problemResponse('No such collection (COLLECTION_NOT_FOUND)'),
    429: problemResponse('Too many runs going on (TOO_MANY_RUNS)'),
  },
});

const listRoute = createRoute({
  method: 'get',
  path: '/api/collections/{id}/runs',
  tags: ['runs'],
  summary: 'Recent runs of a collection, newest first',
  ...signedIn,
  request: { params: CollectionParams, query: PageQuery },
  responses: {
    200: { description: 'A page of runs', ...json(pageSchema(RunSummarySchema)) },
    400: problemResponse('Invalid query (VALIDATION_FAILED, INVALID_CURSOR)'),
    401: unauthenticated,
    404: problemResponse('No such collection (COLLECTION_NOT_FOUND)'),
  },
});

const getRoute = createRoute({
  method: 'get',
  path: '/api/runs/{id}',
  tags: ['runs'],
  summary: 'A run: status, progress, counts and per-request results',
  ...signedIn,
  request: { params: RunParams },
  responses: { 200: { description: 'The run', ...json(RunDetailSchema) }, 400: problemResponse('Not a run id'), 401: unauthenticated, 404: runNotFound },
});

const cancelRoute = createRoute({
  method: 'post',
  path: '/api/runs/{id}/cancel',
  tags: ['runs'],
  summary: 'Cancel a run going on (no-op when it has ended)',
  ...signedIn,
  request: { params: RunParams },
  responses: { 202: { description: 'Cancelling; the status becomes cancelled shortly' }, 401: unauthenticated, 403: problemResponse('CSRF_TOKEN_INVALID'), 404: runNotFound },
});

const ReportQuery = z.object({ format: z.enum(['json', 'junit', 'html']).default('json') });
const reportRoute = createRoute({
  method: 'get',
  path: '/api/runs/{id}/report',
  tags: ['runs'],
  summary: 'The report of an ended run, as `postern run -r json|junit|html` writes it',
  ...signedIn,
  request: { params: RunParams, query: ReportQuery },
  responses: {
    200: { description: 'The report document' },
    400: problemResponse('Unknown format (VALIDATION_FAILED)'),
    401: unauthenticated,
    404: problemResponse('RUN_NOT_FOUND, or REPORT_NOT_AVAILABLE while the run goes on or when it was too large to keep'),
  },
});

const REPORT_TYPES = { json: 'application/json', junit: 'application/xml', html: 'text/html' } as const;
const REPORT_EXTENSIONS = { json: 'json', junit: 'xml', html: 'html' } as const;

export function registerRunRoutes(app: OpenAPIHono<AppEnv>, deps: { runs: RunService }): void {
  app.openapi(startRoute, async (c) => {
    const result = await deps.runs.start(requireUser(c), c.req.valid('param').id, c.req.valid('json'));
    return c.json(result, 202);
  });

  app.openapi(listRoute, async (c) => {
    const page = await deps.runs.list(requireUser(c), c.req.valid('param').id, c.req.valid('query'));
    return c.json({ items: page.items.map(toSummary), nextCursor: page.nextCursor }, 200);
  });

  app.openapi(getRoute, async (c) => {
    const run = await deps.runs.get(requireUser(c), c.req.valid('param').id);
    c.header('Cache-Control', 'no-store');
    return c.json(toDetail(run), 200);
  });

  app.openapi(cancelRoute, async (c) => {
    await deps.runs.cancel(requireUser(c), c.req.valid('param').id);
    return c.body(null, 202);
  });

  app.openapi(reportRoute, async (c) => {
    const run = await deps.runs.get(requireUser(c), c.req.valid('param').id);
    const { format } = c.req.valid('query');
    const text = run.reports?.[format];
    if (text === undefined) throw notFound('This run has no such report (yet).', { code: 'REPORT_NOT_AVAILABLE' });
    return c.body(text, 200, {
      'Content-Type': `${REPORT_TYPES[format]}; charset=utf-8`,
      'Content-Disposition': `attachment; filename="run-${run.id}.${REPORT_EXTENSIONS[format]}"`,
      // The HTML report is a document of its own; it must not run anything in this origin.
      'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; sandbox",
      'Cache-Control': 'no-store',
    });
  });
}
