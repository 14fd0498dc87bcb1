import { createRoute, z } from '@hono/zod-openapi';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { requireUser } from '../../http/auth.ts';
import type { AppEnv } from '../../http/env.ts';
import { problemResponse } from '../../http/openapi.ts';
import { PageQuery, pageSchema } from '../../http/pagination.ts';
import type { HistoryService } from './service.ts';
import type { HistoryEntryRecord, HistorySummaryRecord } from './store.ts';

const IdParams = z.object({ id: z.string().uuid('must be a history entry id') });
const ListQuery = PageQuery.extend({
  workspaceId: z.string().uuid('must be a workspace id').optional().openapi({ description: 'Only requests sent from this workspace.' }),
});

export const HistoryEntrySchema = z
  .object({
    id: z.string().uuid(),
    workspaceId: z.string().uuid().nullable(),
    collectionId: z.string().nullable(),
    itemId: z.string().nullable(),
    method: z.string(),
    url: z.string().openapi({ description: 'As written, with `{{variables}}` unresolved.' }),
    status: z.number().int().nullable().openapi({ description: 'Null when no response came; see errorCode.' }),
    errorCode: z.string().nullable().openapi({ description: 'The problem code of a failed send (UPSTREAM_FAILED, UPSTREAM_TIMEOUT, EGRESS_REFUSED…).' }),
    durationMs: z.number().int(),
    responseSize: z.number().int().nullable().openapi({ description: 'Bytes of the response, headers included; null without one.' }),
    createdAt: z.string().openapi({ format: 'date-time' }),
  })
  .openapi('HistoryEntry');

const HistoryEntryDetailSchema = HistoryEntrySchema.extend({
  request: z.looseObject({}).openapi({ description: 'The Postman request object as sent, before variables were resolved.' }),
  bodyOmitted: z.boolean().openapi({ description: 'The body was larger than 64 KiB and was not kept.' }),
}).openapi('HistoryEntryDetail');

const toEntry = (r: HistorySummaryRecord): z.infer<typeof HistoryEntrySchema> => ({
  id: r.id,
  workspaceId: r.workspaceId,
  collectionId: r.collectionId,
  itemId: r.itemId,
  method: r.method,
  url: r.url,
  status: r.status,
  errorCode: r.errorCode,
  durationMs: r.durationMs,
  responseSize: r.responseSize,
  createdAt: r.createdAt.toISOString(),
});

const toDetail = (r: HistoryEntryRecord): z.infer<typeof HistoryEntryDetailSchema> => ({ ...toEntry(r), request: r.request, bodyOmitted: r.bodyOmitted });

const signedIn: { security: Record<string, string[]>[] } = { security: [{ session: [] }, { apiKey: [] }] };
const json = <T extends z.ZodType>(schema: T) => ({ content: { 'application/json': { schema } } });
const retention = 'Entries past your retention setting (preferences.historyRetentionDays, default 30 days, at most 1,000 entries) are deleted first.';
const unauthenticated = problemResponse('Not signed in (UNAUTHENTICATED)');
const entryNotFound = problemResponse('No such entry in your history (HISTORY_ENTRY_NOT_FOUND); others\u2019 entries are never found');
const writeDenied = problemResponse('CSRF_TOKEN_INVALID or API_KEY_SCOPE_MISSING');

const listRoute = createRoute({
  method: 'get',
  path: '/api/history',
  tags: ['history'],
  summary: 'Your sent requests, newest first',
  description: retention,
  ...signedIn,
  request: { query: ListQuery },
  responses: {
    200: { description: 'A page of entries', ...json(pageSchema(HistoryEntrySchema)) },
    400: problemResponse('Invalid query (VALIDATION_FAILED, INVALID_CURSOR)'),
    401: unauthenticated,
  },
});

const getRoute = createRoute({
  method: 'get',
  path: '/api/history/{id}',
  tags: ['history'],
  summary: 'One entry with the request as it was written, to open it again',
  ...signedIn,
  request: { params: IdParams },
  responses: {
    200: { description: 'The entry', ...json(HistoryEntryDetailSchema) },
    400: problemResponse('Not an entry id (VALIDATION_FAILED)'),
    401: unauthenticated,
    404: entryNotFound,
  },
});

const deleteRoute = createRoute({
  method: 'delete',
  path: '/api/history/{id}',
  tags: ['history'],
  summary: 'Delete one entry',
  ...signedIn,
  request: { params: IdParams },
  responses: {
    204: { description: 'Deleted' },
    400: problemResponse('Not an entry id (VALIDATION_FAILED)'),
    401: unauthenticated,
    403: writeDenied,
    404: entryNotFound,
  },
});

const clearRoute = createRoute({
  method: 'delete',
  path: '/api/history',
  tags: ['history'],
  summary: 'Delete your whole history',
  ...signedIn,
  responses: { 204: { description: 'Deleted (also when it was empty)' }, 401: unauthenticated, 403: writeDenied },
});

export function registerHistoryRoutes(app: OpenAPIHono<AppEnv>, deps: { history: HistoryService }): void {
  app.openapi(listRoute, async (c) => {
    const page = await deps.history.list(requireUser(c), c.req.valid('query'));
    return c.json({ items: page.items.map(toEntry), nextCursor: page.nextCursor }, 200);
  });

  app.openapi(getRoute, async (c) => {
    const entry = await deps.history.get(requireUser(c), c.req.valid('param').id);
    return c.json(toDetail(entry), 200);
  });

  app.openapi(deleteRoute, async (c) => {
    await deps.history.remove(requireUser(c), c.req.valid('param').id);
    return c.body(null, 204);
  });

  app.openapi(clearRoute, async (c) => {
    await deps.history.clear(requireUser(c));
    return c.body(null, 204);
  });
}
