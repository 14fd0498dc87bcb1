/**
 * Import in any format (file upload, zipped Bruno folder or pasted text) and export to any format
 * Postern writes. HTTP only: the rules live in upload-service.ts and the collection package.
 */
import { createRoute, z } from '@hono/zod-openapi';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { exporterFor, isCollectionError } from '@postern/collection';
import type { Collection } from '@postern/collection';
import { AppError, badRequest } from '../../errors.ts';
import { requireUser } from '../../http/auth.ts';
import type { AppEnv } from '../../http/env.ts';
import { problemResponse } from '../../http/openapi.ts';
import type { CollectionService } from '../collections/service.ts';
import { CollectionSummarySchema, toCollectionSummary } from '../collections/view.ts';
import { EnvironmentSummarySchema, toEnvironmentSummary } from '../environments/routes.ts';
import { UPLOAD_FORMATS } from './upload-service.ts';
import type { UploadFormat, UploadImportService } from './upload-service.ts';

const WorkspaceParams = z.object({ workspaceId: z.string().uuid('must be a workspace id') });
const IdParams = z.object({ id: z.string().uuid('must be a collection id') });
const From = z.enum(UPLOAD_FORMATS).openapi({ description: 'The input format; auto (the default) detects it.' });

const PastedBody = z
  .strictObject({
    text: z.string().min(1).openapi({ description: 'The document or command as text: a cURL command, OpenAPI YAML, a HAR…' }),
    name: z.string().max(200).optional().openapi({ description: 'A file name for detection and messages (default "pasted text").' }),
    from: From.optional(),
  })
  .openapi('ImportText');
const UploadBody = z
  .object({
    file: z.instanceof(File).optional().openapi({ type: 'string', format: 'binary', description: 'The file, or a zip of a Bruno collection folder.' }),
    text: z.string().optional(),
    from: From.optional(),
  })
  .openapi('ImportUpload');

const SkippedSchema = z.object({ at: z.string(), what: z.string() }).openapi('ImportSkipped');
const ImportResultSchema = z
  .object({
    format: z.string(),
    collections: z.array(CollectionSummarySchema),
    environments: z.array(EnvironmentSummarySchema),
    skipped: z.array(SkippedSchema).openapi({ description: 'What the collection model cannot hold, with its place in the input.' }),
  })
  .openapi('ImportResult');

const json = <T extends z.ZodType>(schema: T) => ({ content: { 'application/json': { schema } } });

const importRoute = createRoute({
  method: 'post',
  path: '/api/workspaces/{workspaceId}/imports',
  tags: ['collections'],
  summary: 'Import OpenAPI, cURL, HAR, Insomnia, Bruno (zip) or Postman files as collections and environments (editor)',
  security: [{ session: [] }],
  request: {
    params: WorkspaceParams,
    body: { required: false, content: { 'application/json': { schema: PastedBody }, 'multipart/form-data': { schema: UploadBody } } },
  },
  responses: {
    201: { description: 'What was created, and what was left out', ...json(ImportResultSchema) },
    400: problemResponse('Nothing to import, not text, or a bad zip (VALIDATION_FAILED, EMPTY_IMPORT, INVALID_ENCODING, INVALID_ARCHIVE)'),
    401: problemResponse('Not signed in (UNAUTHENTICATED)'),
    403: problemResponse('Needs the editor role (WORKSPACE_ROLE_REQUIRED)'),
    404: problemResponse('No such workspace among those you may see (WORKSPACE_NOT_FOUND)'),
    413: problemResponse('Larger than the document limit, 32 MiB by default (PAYLOAD_TOO_LARGE)'),
    422: problemResponse('Not a format Postern imports, or a broken document: `errors` names the file and the line or JSON path (INVALID_IMPORT, INVALID_JSON…)'),
  },
});

const exportRoute = createRoute({
  method: 'get',
  path: '/api/collections/{id}/export',
  tags: ['collections'],
  summary: 'Download the collection as Postman v2.1, OpenAPI, cURL commands or HAR (viewer)',
  request: { params: IdParams, query: z.object({ to: z.enum(['postman', 'openapi', 'curl', 'har']).default('postman').openapi({ description: 'The output format (default postman)' }) }) },
  responses: {
    200: {
      description: 'The file, as an attachment; `Postern-Skipped` counts what the format cannot hold',
      content: { 'application/octet-stream': { schema: z.string().openapi({ format: 'binary' }) } },
    },
    400: problemResponse('Unknown format (VALIDATION_FAILED)'),
    404: problemResponse('No such collection among those you may see (COLLECTION_NOT_FOUND)'),
  },
});

/** A download name from the collection's name: safe in a header and on every file system. */
const fileName = (name: string, extension: string) => `${name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[-.]+|-+$/g, '').slice(0, 80) || 'collection'}.${extension}`;

export function registerUploadImportRoutes(app: OpenAPIHono<AppEnv>, deps: { uploads: UploadImportService; collections: CollectionService }): void {
  app.openapi(importRoute, async (c) => {
    const user = requireUser(c);
    const contentType = c.req.header('content-type') ?? '';
    let upload: { name: string; bytes: Uint8Array; from: UploadFormat };
    if (contentType.toLowerCase().startsWith('multipart/form-data')) {
      const form = c.req.valid('form') as Partial<z.infer<typeof UploadBody>>;
      if (form.file instanceof File && form.file.size > 0) {
        upload = { name: form.file.name || 'upload', bytes: new Uint8Array(await form.file.arrayBuffer()), from: form.from ?? 'auto' };
      } else if (form.text) {
        upload = { name: 'pasted text', bytes: new TextEncoder().encode(form.text), from: form.from ?? 'auto' };
      } else {
        throw badRequest('Choose a file or paste the text to import.', { code: 'EMPTY_IMPORT', errors: [{ path: 'body.file', message: 'required' }] });
      }
    } else {
      const body = c.req.valid('json') as Partial<z.infer<typeof PastedBody>>;
      if (!body.text) throw badRequest('Send the text to import as JSON { "text": … }, or a file as multipart/form-data.', { code: 'EMPTY_IMPORT', errors: [{ path: 'body.text', message: 'required' }] });
      upload = { name: body.name ?? 'pasted text', bytes: new TextEncoder().encode(body.text), from: body.from ?? 'auto' };
    }
    const result = await deps.uploads.import(user, c.req.valid('param').workspaceId, upload);
    return c.json(
      {
        format: result.format,
        collections: result.collections.map(toCollectionSummary),
        environments: result.environments.map(toEnvironmentSummary),
        skipped: result.skipped,
      },
      201,
    );
  });

  app.openapi(exportRoute, async (c) => {
    const { record, role } = await deps.collections.authorize(c.get('user'), c.req.valid('param').id, 'viewer');
    const to = c.req.valid('query').to;
    // Secrets are shown as the reader may see them, exactly as in the plain JSON export.
    const text = deps.collections.exportText(record, role);
    c.header('Cache-Control', 'private, no-cache');
    const exporter = exporterFor(to);
    let result;
    try {
      result = exporter.export(JSON.parse(text) as Collection);
    } catch (error) {
      if (isCollectionError(error)) throw new AppError(422, error.code, error.message);
      throw error;
    }
    c.header('Content-Disposition', `attachment; filename="${fileName(record.name, to === 'postman' ? 'postman_collection.json' : result.extension)}"`);
    c.header('Postern-Skipped', String(result.skipped.length));
    return c.body(result.text, 200, { 'Content-Type': result.mediaType });
  });
}
