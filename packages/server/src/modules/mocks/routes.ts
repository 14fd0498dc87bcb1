import { createRoute, z } from '@hono/zod-openapi';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { requireUser } from '../../http/auth.ts';
import type { AppEnv } from '../../http/env.ts';
import { problemResponse } from '../../http/openapi.ts';
import { PageQuery, pageSchema } from '../../http/pagination.ts';
import { MAX_CALL_RETENTION_DAYS } from './datamap.ts';
import type { MockServing } from './served.ts';
import type { MockService } from './service.ts';
import type { MockCallRecord, MockRecord } from './store.ts';

const WorkspaceParams = z.object({ id: z.string().uuid('must be a workspace id') });
const MockParams = z.object({ id: z.string().uuid('must be a mock server id') });

const Name = z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters');
const Revision = z.number().int().min(1).nullable().openapi({ description: 'Pin to this revision of the collection; null or absent: always the latest saved state.' });
const EnvironmentId = z.string().uuid('must be an environment id').nullable().openapi({ description: 'Whose variables resolve `{{var}}` in example URLs and bodies.' });
const RetentionDays = z.number().int().min(1).max(MAX_CALL_RETENTION_DAYS).openapi({ description: `Days the call log keeps each call (1–${MAX_CALL_RETENTION_DAYS}).` });

const CreateBody = z
  .object({
    name: Name,
    collectionId: z.string().uuid('must be a collection id'),
    collectionRevision: Revision.optional(),
    environmentId: EnvironmentId.optional(),
    private: z.boolean().optional().openapi({ description: 'Require an API key of someone who may view the workspace (default true).' }),
    delay: z.boolean().optional().openapi({ description: 'Wait each example’s responseTime before answering (default true).' }),
    callRetentionDays: RetentionDays.optional(),
  })
  .openapi('NewMockServer');
const UpdateBody = z
  .object({
    name: Name.optional(),
    collectionRevision: Revision.optional(),
    environmentId: EnvironmentId.optional(),
    private: z.boolean().optional(),
    delay: z.boolean().optional(),
    enabled: z.boolean().optional().openapi({ description: 'A switched-off mock answers 404.' }),
    callRetentionDays: RetentionDays.optional(),
  })
  .openapi('MockServerUpdate');

const MockSchema = z
  .object({
    id: z.string(),
    workspaceId: z.string(),
    name: z.string(),
    url: z.string().openapi({ description: 'Where the mock answers: append the example paths.' }),
    collectionId: z.string(),
    collectionRevision: z.number().int().nullable(),
    environmentId: z.string().nullable(),
    private: z.boolean(),
    delay: z.boolean(),
    enabled: z.boolean(),
    callRetentionDays: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('MockServer');
const HeaderList = z.array(z.tuple([z.string(), z.string()]));
const CallSchema = z
  .object({
    id: z.string(),
    method: z.string(),
    path: z.string().openapi({ description: 'Path below the mock URL, with the query.' }),
    status: z.number().int(),
    example: z.string().nullable().openapi({ description: 'The saved example served; null when none matched.' }),
    durationMs: z.number().int(),
    requestHeaders: HeaderList.openapi({ description: 'Without Authorization, Cookie and X-Api-Key.' }),
    requestBody: z.string().nullable().openapi({ description: 'At most 16 KB.' }),
    responseHeaders: HeaderList.openapi({ description: 'Without Set-Cookie.' }),
    responseBody: z.string().nullable().openapi({ description: 'At most 16 KB.' }),
    createdAt: z.string(),
  })
  .openapi('MockCall');

const json = <T extends z.ZodType>(schema: T) => ({ content: { 'application/json': { schema } } });
const signedIn: { security: Record<string, string[]>[] } = { security: [{ session: [] }, { apiKey: [] }] };
const denied = {
  400: problemResponse('Invalid input (VALIDATION_FAILED, COLLECTION_NOT_FOUND, REVISION_NOT_FOUND, ENVIRONMENT_NOT_FOUND)'),
  401: problemResponse('Not signed in (UNAUTHENTICATED)'),
  403: problemResponse('Editors change mocks, viewers read them (WORKSPACE_ROLE_REQUIRED), or CSRF_TOKEN_INVALID'),
  404: problemResponse('Not a workspace or mock you can see (WORKSPACE_NOT_FOUND, MOCK_NOT_FOUND)'),
};
const route = <R extends Parameters<typeof createRoute>[0]>(r: R) => createRoute({ tags: ['mocks'], ...signedIn, ...r });

export function registerMockRoutes(app: OpenAPIHono<AppEnv>, deps: { mocks: MockService; publicUrl: string }): void {
  const { mocks } = deps;
  const view = (m: MockRecord) => ({
    id: m.id,
    workspaceId: m.workspaceId,
    name: m.name,
    url: `${deps.publicUrl.replace(/\/+$/, '')}/mock/${m.id}`,
    collectionId: m.collectionId,
    collectionRevision: m.collectionRevision,
    environmentId: m.environmentId,
    private: m.private,
    delay: m.delay,
    enabled: m.enabled,
    callRetentionDays: m.callRetentionDays,
    createdAt: m.createdAt.toISOString(),
    updatedAt: m.updatedAt.toISOString(),
  });
  const callView = (r: MockCallRecord) => ({
    id: r.id,
    method: r.method,
    path: r.path,
    status: r.status,
    example: r.example,
    durationMs: r.durationMs,
    requestHeaders: r.requestHeaders,
    requestBody: r.requestBody,
    responseHeaders: r.responseHeaders,
    responseBody: r.responseBody,
    createdAt: r.createdAt.toISOString(),
  });

  app.openapi(
    route({
      method: 'get',
      path: '/api/workspaces/{id}/mocks',
      summary: 'The workspace’s hosted mock servers, newest first (viewers)',
      request: { params: WorkspaceParams, query: PageQuery },
      responses: { 200: { description: 'A page of mocks', ...json(pageSchema(MockSchema)) }, ...denied },
    }),
    async (c) => {
      const page = await mocks.list(c.get('user'), c.req.valid('param').id, c.req.valid('query'));
      return c.json({ items: page.items.map(view), nextCursor: page.nextCursor }, 200);
    },
  );
  app.openapi(
    route({
      method: 'post',
      path: '/api/workspaces/{id}/mocks',
      summary: 'Create a hosted mock server from a collection of the workspace (editors)',
      request: { params: WorkspaceParams, body: { required: true, ...json(CreateBody) } },
      responses: { 201: { description: 'Created', ...json(MockSchema) }, ...denied },
    }),
    async (c) => c.json(view(await mocks.create(requireUser(c), c.req.valid('param').id, c.req.valid('json'))), 201),
  );
  app.openapi(
    route({ method: 'get', path: '/api/mocks/{id}', summary: 'One hosted mock server (viewers)', request: { params: MockParams }, responses: { 200: { description: 'The mock', ...json(MockSchema) }, ...denied } }),
    async (c) => c.json(view(await mocks.get(c.get('user'), c.req.valid('param').id)), 200),
  );
  app.openapi(
    route({
      method: 'patch',
      path: '/api/mocks/{id}',
      summary: 'Change a hosted mock server, make it public or private, or switch it off (editors)',
      request: { params: MockParams, body: { required: true, ...json(UpdateBody) } },
      responses: { 200: { description: 'The mock', ...json(MockSchema) }, ...denied },
    }),
    async (c) => c.json(view(await mocks.update(requireUser(c), c.req.valid('param').id, c.req.valid('json'))), 200),
  );
  app.openapi(
    route({ method: 'delete', path: '/api/mocks/{id}', summary: 'Delete a hosted mock server and its call log (editors)', request: { params: MockParams }, responses: { 204: { description: 'Deleted' }, ...denied } }),
    async (c) => {
      await mocks.remove(requireUser(c), c.req.valid('param').id);
      return c.body(null, 204);
    },
  );
  app.openapi(
    route({
      method: 'get',
      path: '/api/mocks/{id}/calls',
      summary: 'The mock’s call log, newest first, kept for its callRetentionDays (viewers)',
      request: { params: MockParams, query: PageQuery },
      responses: { 200: { description: 'A page of calls', ...json(pageSchema(CallSchema)) }, ...denied },
    }),
    async (c) => {
      const page = await mocks.listCalls(c.get('user'), c.req.valid('param').id, c.req.valid('query'));
      return c.json({ items: page.items.map(callView), nextCursor: page.nextCursor }, 200);
    },
  );
  app.openapi(
    route({
      method: 'delete',
      path: '/api/mocks/{id}/calls',
      summary: 'Clear the mock’s call log (editors)',
      request: { params: MockParams },
      responses: { 200: { description: 'How many calls were deleted', ...json(z.object({ deleted: z.number().int() })) }, ...denied },
    }),
    async (c) => c.json({ deleted: await mocks.clearCalls(requireUser(c), c.req.valid('param').id) }, 200),
  );
}

/**
 * The mocks themselves, at /mock/<id>/… for every method. Outside /api: no session cookie or CSRF
 * token is read here; private mocks take an API key in x-api-key.
 */
export function registerMockServing(app: OpenAPIHono<AppEnv>, deps: { serving: MockServing }): void {
  const handler = async (c: Context<AppEnv>) => {
    const id = c.req.param('id') ?? '';
    const url = new URL(c.req.url);
    const prefix = `/mock/${id}`;
    const rest = url.pathname.length > prefix.length ? url.pathname.slice(prefix.length) : '/';
    const method = c.req.method;
    const headers: Record<string, string> = {};
    c.req.raw.headers.forEach((value, name) => {
      headers[name] = value;
    });
    const body = method === 'GET' || method === 'HEAD' ? undefined : await c.req.text();
    const { response } = await deps.serving.serve(id, { method, url: rest + url.search, headers, ...(body ? { body } : {}) });
    const out = new Headers();
    for (const [name, value] of response.headers) {
      // A header an example saved that HTTP cannot carry (a space in its name) is left out.
      try {
        out.append(name, value);
      } catch {
        continue;
      }
    }
    // Statuses the Fetch API cannot send (1xx, over 599) answer 200; these have no body.
    const status = response.status >= 200 && response.status <= 599 ? response.status : 200;
    const bodiless = method === 'HEAD' || status === 204 || status === 205 || status === 304;
    return new Response(bodiless ? null : response.body, { status, headers: out });
  };
  app.all('/mock/:id', handler);
  app.all('/mock/:id/*', handler);
}
