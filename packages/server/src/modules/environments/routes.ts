import { createRoute, z } from '@hono/zod-openapi';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { requireUser } from '../../http/auth.ts';
import type { AppEnv } from '../../http/env.ts';
import { problemResponse } from '../../http/openapi.ts';
import { PageQuery, pageSchema } from '../../http/pagination.ts';
import { etagOf, parseIfMatch } from '../collections/revision.ts';
import type { EnvironmentService } from './service.ts';
import type { EnvironmentRecord, VariableListChangeRecord } from './store.ts';

const WorkspaceParams = z.object({ workspaceId: z.string().uuid('must be a workspace id') });
const IdParams = z.object({ id: z.string().uuid('must be an environment id') });
const EnvRevisionParams = IdParams.extend({ revision: z.coerce.number().int().min(1) });
const GlobalsRevisionParams = WorkspaceParams.extend({ revision: z.coerce.number().int().min(1) });
const RestoreBody = z.object({ revision: z.number().int().min(1) });
const IfMatchHeaders = z.object({
  'if-match': z.string().max(40).optional().openapi({ description: 'The ETag you read ("3"); a stale one is a 412.' }),
});

const VariableListSchema = z.looseObject({}).openapi('PostmanVariableList', {
  description:
    'A Postman environment or globals JSON ({ name, values: [{ key, value, type, enabled }] }). Secret-typed values read by viewers are empty with "_postern_redacted": true; sending such a variable back keeps the stored secret.',
});

export const EnvironmentSummarySchema = z
  .object({
    id: z.string().uuid(),
    workspaceId: z.string().uuid(),
    name: z.string(),
    revision: z.number().int(),
    createdAt: z.string().openapi({ format: 'date-time' }),
    updatedAt: z.string().openapi({ format: 'date-time' }),
  })
  .openapi('EnvironmentSummary');

export const toEnvironmentSummary = (r: EnvironmentRecord): z.infer<typeof EnvironmentSummarySchema> => ({
  id: r.id,
  workspaceId: r.workspaceId,
  name: r.name,
  revision: r.revision,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});

const signedIn = { security: [{ session: [] }] };
const json = <T extends z.ZodType>(schema: T) => ({ content: { 'application/json': { schema } } });
const etag = { headers: z.object({ ETag: z.string() }) };
const envNotFound = problemResponse('No such environment among those you may see (ENVIRONMENT_NOT_FOUND)');
const wsNotFound = problemResponse('No such workspace among those you may see (WORKSPACE_NOT_FOUND)');
const writeDenied = {
  401: problemResponse('Not signed in (UNAUTHENTICATED)'),
  403: problemResponse('Needs the editor role (WORKSPACE_ROLE_REQUIRED) or CSRF_TOKEN_INVALID'),
  412: problemResponse('If-Match names an older revision (REVISION_MISMATCH)'),
};

const createEnvRoute = createRoute({
  method: 'post',
  path: '/api/workspaces/{workspaceId}/environments',
  tags: ['environments'],
  summary: 'Import a Postman environment into a workspace (editor)',
  ...signedIn,
  request: { params: WorkspaceParams, body: { required: true, ...json(VariableListSchema) } },
  responses: {
    201: { description: 'Stored', ...etag, ...json(EnvironmentSummarySchema) },
    400: problemResponse('Not a valid environment (INVALID_VARIABLE_LIST)'),
    401: writeDenied[401],
    403: writeDenied[403],
    404: wsNotFound,
  },
});

const listEnvRoute = createRoute({
  method: 'get',
  path: '/api/workspaces/{workspaceId}/environments',
  tags: ['environments'],
  summary: "A workspace's environments, oldest first",
  request: { params: WorkspaceParams, query: PageQuery },
  responses: {
    200: { description: 'A page of environments', ...json(pageSchema(EnvironmentSummarySchema)) },
    400: problemResponse('Invalid query'),
    404: wsNotFound,
  },
});

const getEnvRoute = createRoute({
  method: 'get',
  path: '/api/environments/{id}',
  tags: ['environments'],
  summary: 'Export: the environment JSON as imported or last saved',
  request: { params: IdParams },
  responses: { 200: { description: 'The environment', ...etag, ...json(VariableListSchema) }, 404: envNotFound },
});

const putEnvRoute = createRoute({
  method: 'put',
  path: '/api/environments/{id}',
  tags: ['environments'],
  summary: 'Replace the environment (editor)',
  ...signedIn,
  request: { params: IdParams, headers: IfMatchHeaders, body: { required: true, ...json(VariableListSchema) } },
  responses: {
    200: { description: 'Saved', ...etag, ...json(EnvironmentSummarySchema) },
    400: problemResponse('Not a valid environment (INVALID_VARIABLE_LIST)'),
    ...writeDenied,
    404: envNotFound,
  },
});

const deleteEnvRoute = createRoute({
  method: 'delete',
  path: '/api/environments/{id}',
  tags: ['environments'],
  summary: 'Delete the environment (editor)',
  ...signedIn,
  request: { params: IdParams, headers: IfMatchHeaders },
  responses: { 204: { description: 'Deleted' }, ...writeDenied, 404: envNotFound },
});

const VariableListChangeSchema = z
  .object({
    revision: z.number().int(),
    actorId: z.string().uuid().nullable(),
    summary: z.string(),
    patch: z.array(z.looseObject({ op: z.string(), path: z.string() })).openapi({ description: 'RFC 6902 patch; secret values read "[secret]".' }),
    createdAt: z.string().openapi({ format: 'date-time' }),
  })
  .openapi('VariableListChange');

const toChange = (r: VariableListChangeRecord): z.infer<typeof VariableListChangeSchema> => ({
  revision: r.revision,
  actorId: r.actorId,
  summary: r.summary,
  patch: r.patch as { op: string; path: string }[],
  createdAt: r.createdAt.toISOString(),
});

const changesRoute = createRoute({
  method: 'get',
  path: '/api/environments/{id}/changes',
  tags: ['environments'],
  summary: 'The history of an environment, newest first (P2)',
  request: { params: IdParams, query: PageQuery },
  responses: {
    200: { description: 'A page of changes', ...json(pageSchema(VariableListChangeSchema)) },
    400: problemResponse('Invalid query'),
    404: envNotFound,
  },
});

const revisionNotFound = (what: string) => problemResponse(`${what} or REVISION_NOT_FOUND`);

const envRevisionRoute = createRoute({
  method: 'get',
  path: '/api/environments/{id}/revisions/{revision}',
  tags: ['environments'],
  summary: 'The environment as it was at a revision',
  request: { params: EnvRevisionParams },
  responses: {
    200: { description: 'The environment JSON at that revision', ...json(VariableListSchema) },
    400: problemResponse('Invalid revision'),
    404: revisionNotFound('ENVIRONMENT_NOT_FOUND'),
  },
});

const envRestoreRoute = createRoute({
  method: 'post',
  path: '/api/environments/{id}/restore',
  tags: ['environments'],
  summary: 'Bring back an earlier revision, as a new recorded change (editor)',
  ...signedIn,
  request: { params: IdParams, headers: IfMatchHeaders, body: { required: true, ...json(RestoreBody) } },
  responses: {
    200: { description: 'Restored as a new revision', ...etag, ...json(EnvironmentSummarySchema) },
    400: problemResponse('Invalid revision'),
    ...writeDenied,
    404: revisionNotFound('ENVIRONMENT_NOT_FOUND'),
  },
});

const globalsChangesRoute = createRoute({
  method: 'get',
  path: '/api/workspaces/{workspaceId}/globals/changes',
  tags: ['environments'],
  summary: "The history of a workspace's globals, newest first (P2)",
  request: { params: WorkspaceParams, query: PageQuery },
  responses: {
    200: { description: 'A page of changes', ...json(pageSchema(VariableListChangeSchema)) },
    400: problemResponse('Invalid query'),
    404: wsNotFound,
  },
});

const globalsRevisionRoute = createRoute({
  method: 'get',
  path: '/api/workspaces/{workspaceId}/globals/revisions/{revision}',
  tags: ['environments'],
  summary: 'The globals as they were at a revision',
  request: { params: GlobalsRevisionParams },
  responses: {
    200: { description: 'The globals JSON at that revision', ...json(VariableListSchema) },
    400: problemResponse('Invalid revision'),
    404: revisionNotFound('WORKSPACE_NOT_FOUND'),
  },
});

const globalsRestoreRoute = createRoute({
  method: 'post',
  path: '/api/workspaces/{workspaceId}/globals/restore',
  tags: ['environments'],
  summary: 'Bring back an earlier revision of the globals, as a new recorded change (editor)',
  ...signedIn,
  request: { params: WorkspaceParams, headers: IfMatchHeaders, body: { required: true, ...json(RestoreBody) } },
  responses: {
    200: { description: 'Restored as a new revision', ...etag, ...json(VariableListSchema) },
    400: problemResponse('Invalid revision'),
    ...writeDenied,
    404: revisionNotFound('WORKSPACE_NOT_FOUND'),
  },
});

const getGlobalsRoute = createRoute({
  method: 'get',
  path: '/api/workspaces/{workspaceId}/globals',
  tags: ['environments'],
  summary: "The workspace's globals (an empty list at revision 0 until first saved)",
  request: { params: WorkspaceParams },
  responses: { 200: { description: 'The globals', ...etag, ...json(VariableListSchema) }, 404: wsNotFound },
});

const putGlobalsRoute = createRoute({
  method: 'put',
  path: '/api/workspaces/{workspaceId}/globals',
  tags: ['environments'],
  summary: "Replace the workspace's globals (editor)",
  ...signedIn,
  request: { params: WorkspaceParams, headers: IfMatchHeaders, body: { required: true, ...json(VariableListSchema) } },
  responses: {
    200: { description: 'Saved', ...etag, ...json(VariableListSchema) },
    400: problemResponse('Not a valid globals file (INVALID_VARIABLE_LIST)'),
    ...writeDenied,
    404: wsNotFound,
  },
});

export function registerEnvironmentRoutes(app: OpenAPIHono<AppEnv>, deps: { environments: EnvironmentService }): void {
  const { environments } = deps;

  app.openapi(createEnvRoute, async (c) => {
    const user = requireUser(c);
    const record = await environments.create(user, c.req.valid('param').workspaceId, c.req.valid('json'));
    c.header('ETag', etagOf(record.revision));
    c.header('Location', `/api/environments/${record.id}`);
    return c.json(toEnvironmentSummary(record), 201);
  });

  app.openapi(listEnvRoute, async (c) => {
    const page = await environments.list(c.get('user'), c.req.valid('param').workspaceId, c.req.valid('query'));
    return c.json({ items: page.items.map(toEnvironmentSummary), nextCursor: page.nextCursor }, 200);
  });

  app.openapi(getEnvRoute, async (c) => {
    const { record, document } = await environments.get(c.get('user'), c.req.valid('param').id);
    c.header('ETag', etagOf(record.revision));
    return c.json(document, 200);
  });

  app.openapi(putEnvRoute, async (c) => {
    const user = requireUser(c);
    const ifMatch = parseIfMatch(c.req.valid('header')['if-match']);
    const record = await environments.replace(user, c.req.valid('param').id, c.req.valid('json'), ifMatch);
    c.header('ETag', etagOf(record.revision));
    return c.json(toEnvironmentSummary(record), 200);
  });

  app.openapi(deleteEnvRoute, async (c) => {
    const user = requireUser(c);
    await environments.remove(user, c.req.valid('param').id, parseIfMatch(c.req.valid('header')['if-match']));
    return c.body(null, 204);
  });

  app.openapi(changesRoute, async (c) => {
    const page = await environments.listChanges(c.get('user'), c.req.valid('param').id, c.req.valid('query'));
    return c.json({ items: page.items.map(toChange), nextCursor: page.nextCursor }, 200);
  });

  app.openapi(envRevisionRoute, async (c) => {
    const { id, revision } = c.req.valid('param');
    return c.json(await environments.revision(c.get('user'), id, revision), 200);
  });

  app.openapi(envRestoreRoute, async (c) => {
    const user = requireUser(c);
    const ifMatch = parseIfMatch(c.req.valid('header')['if-match']);
    const record = await environments.restore(user, c.req.valid('param').id, c.req.valid('json').revision, ifMatch);
    c.header('ETag', etagOf(record.revision));
    return c.json(toEnvironmentSummary(record), 200);
  });

  app.openapi(globalsChangesRoute, async (c) => {
    const page = await environments.listGlobalsChanges(c.get('user'), c.req.valid('param').workspaceId, c.req.valid('query'));
    return c.json({ items: page.items.map(toChange), nextCursor: page.nextCursor }, 200);
  });

  app.openapi(globalsRevisionRoute, async (c) => {
    const { workspaceId, revision } = c.req.valid('param');
    return c.json(await environments.globalsRevision(c.get('user'), workspaceId, revision), 200);
  });

  app.openapi(globalsRestoreRoute, async (c) => {
    const user = requireUser(c);
    const ifMatch = parseIfMatch(c.req.valid('header')['if-match']);
    const { revision, document } = await environments.restoreGlobals(user, c.req.valid('param').workspaceId, c.req.valid('json').revision, ifMatch);
    c.header('ETag', etagOf(revision));
    return c.json(document, 200);
  });

  app.openapi(getGlobalsRoute, async (c) => {
    const { revision, document } = await environments.getGlobals(c.get('user'), c.req.valid('param').workspaceId);
    c.header('ETag', etagOf(revision));
    return c.json(document, 200);
  });

  app.openapi(putGlobalsRoute, async (c) => {
    const user = requireUser(c);
    const ifMatch = parseIfMatch(c.req.valid('header')['if-match']);
    const { revision, document } = await environments.putGlobals(user, c.req.valid('param').workspaceId, c.req.valid('json'), ifMatch);
    c.header('ETag', etagOf(revision));
    return c.json(document, 200);
  });
}
