import { createRoute, z } from '@hono/zod-openapi';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { requireUser } from '../../http/auth.ts';
import type { AppEnv } from '../../http/env.ts';
import { problemResponse } from '../../http/openapi.ts';
import { etagOf } from '../collections/revision.ts';
import { CollectionSummarySchema, toCollectionSummary } from '../collections/view.ts';
import { EnvironmentSummarySchema, toEnvironmentSummary } from '../environments/routes.ts';
import type { UrlImportService } from './service.ts';

const WorkspaceParams = z.object({ workspaceId: z.string().uuid('must be a workspace id') });
const UrlBody = z
  .strictObject({
    url: z
      .string()
      .max(2048)
      .refine((v) => URL.canParse(v) && ['http:', 'https:'].includes(new URL(v).protocol), 'must be an http:// or https:// URL'),
  })
  .openapi('ImportFromUrl');

const json = <T extends z.ZodType>(schema: T) => ({ content: { 'application/json': { schema } } });
const failures = {
  400: problemResponse('Not a URL, not JSON, or not a valid Postman file (VALIDATION_FAILED, INVALID_JSON, INVALID_COLLECTION…)'),
  401: problemResponse('Not signed in (UNAUTHENTICATED)'),
  403: problemResponse('Needs the editor role (WORKSPACE_ROLE_REQUIRED), or the egress rules refuse the address (EGRESS_REFUSED)'),
  404: problemResponse('No such workspace among those you may see (WORKSPACE_NOT_FOUND)'),
  413: problemResponse('The file is larger than 32 MiB (IMPORT_TOO_LARGE)'),
  502: problemResponse('The URL did not answer with the file (IMPORT_URL_FAILED, UPSTREAM_FAILED)'),
  504: problemResponse('The URL did not answer in time (UPSTREAM_TIMEOUT)'),
};

const collectionRoute = createRoute({
  method: 'post',
  path: '/api/workspaces/{workspaceId}/collections/import-url',
  tags: ['collections'],
  summary: 'Import a Postman collection the server fetches from a URL (editor)',
  security: [{ session: [] }],
  request: { params: WorkspaceParams, body: { required: true, ...json(UrlBody) } },
  responses: { 201: { description: 'Stored at revision 1', ...json(CollectionSummarySchema) }, ...failures },
});

const environmentRoute = createRoute({
  method: 'post',
  path: '/api/workspaces/{workspaceId}/environments/import-url',
  tags: ['environments'],
  summary: 'Import a Postman environment the server fetches from a URL (editor)',
  security: [{ session: [] }],
  request: { params: WorkspaceParams, body: { required: true, ...json(UrlBody) } },
  responses: { 201: { description: 'Stored at revision 1', ...json(EnvironmentSummarySchema) }, ...failures },
});

export function registerImportRoutes(app: OpenAPIHono<AppEnv>, deps: { imports: UrlImportService }): void {
  app.openapi(collectionRoute, async (c) => {
    const user = requireUser(c);
    const { record } = await deps.imports.collection(user, c.req.valid('param').workspaceId, c.req.valid('json').url, c.req.raw.signal);
    c.header('ETag', etagOf(record.revision));
    c.header('Location', `/api/collections/${record.id}`);
    return c.json(toCollectionSummary(record), 201);
  });

  app.openapi(environmentRoute, async (c) => {
    const user = requireUser(c);
    const record = await deps.imports.environment(user, c.req.valid('param').workspaceId, c.req.valid('json').url, c.req.raw.signal);
    c.header('ETag', etagOf(record.revision));
    c.header('Location', `/api/environments/${record.id}`);
    return c.json(toEnvironmentSummary(record), 201);
  });
}
