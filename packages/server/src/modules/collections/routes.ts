import { createRoute, z } from '@hono/zod-openapi';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { requireUser } from '../../http/auth.ts';
import type { AppEnv } from '../../http/env.ts';
import { problemResponse } from '../../http/openapi.ts';
import { PageQuery, pageSchema } from '../../http/pagination.ts';
import { etagOf, parseIfMatch } from './revision.ts';
import type { CollectionService } from './service.ts';
import type { SettingsChanges } from './settings.ts';
import { CollectionSummarySchema, PostmanCollectionSchema, PostmanItemSchema, toCollectionSummary } from './view.ts';

const WorkspaceParams = z.object({ workspaceId: z.string().uuid('must be a workspace id') });
const IdParams = z.object({ id: z.string().uuid('must be a collection id') });
const ItemParams = IdParams.extend({ itemId: z.string().min(1).max(100) });
const RevisionParams = IdParams.extend({ revision: z.coerce.number().int().min(1) });
const IfMatchHeaders = z.object({
  'if-match': z.string().max(40).optional().openapi({ description: 'The ETag of the revision you edited ("3"); a stale one is a 412.' }),
});

const NewItemBody = z
  .object({
    parentId: z.string().min(1).max(100).optional().openapi({ description: 'A folder of this collection; the root when absent.' }),
    index: z.number().int().min(0).optional().openapi({ description: 'Position among its siblings; at the end when absent.' }),
    item: PostmanItemSchema,
  })
  .openapi('NewCollectionItem');

const ItemSchema = z
  .object({ id: z.string(), parentId: z.string().nullable(), revision: z.number().int(), item: PostmanItemSchema })
  .openapi('CollectionItem');

// Children are described loosely: the OpenAPI generator cannot walk a recursive schema.
const OutlineNode = z
  .object({
    id: z.string(),
    name: z.string().nullable(),
    type: z.enum(['folder', 'request']),
    method: z.string().optional().openapi({ description: 'For requests: the HTTP method, upper-cased (GET when the item names none).' }),
    children: z.array(z.unknown()).optional().openapi({ description: 'For folders: their items, each shaped like this node.' }),
  })
  .openapi('CollectionOutlineNode');

const ChangeSchema = z
  .object({
    revision: z.number().int(),
    actorId: z.string().uuid().nullable().openapi({ description: 'Null once the author erased their account.' }),
    kind: z.string(),
    summary: z.string(),
    patch: z.array(z.looseObject({ op: z.string(), path: z.string() })).openapi({ description: 'RFC 6902 JSON Patch from the previous revision; secret values read "[secret]".' }),
    createdAt: z.string().openapi({ format: 'date-time' }),
  })
  .openapi('CollectionChange');

const signedIn = { security: [{ session: [] }] };
const json = <T extends z.ZodType>(schema: T) => ({ content: { 'application/json': { schema } } });
const notFound = problemResponse('No such collection or item among those you may see (COLLECTION_NOT_FOUND, ITEM_NOT_FOUND)');
const readDenied = { 404: notFound };
const writeDenied = {
  401: problemResponse('Not signed in (UNAUTHENTICATED)'),
  403: problemResponse('Needs the editor role (WORKSPACE_ROLE_REQUIRED) or CSRF_TOKEN_INVALID'),
  404: notFound,
  412: problemResponse('If-Match names an older revision (REVISION_MISMATCH): reload and re-apply'),
};
const etag = { headers: z.object({ ETag: z.string().openapi({ description: 'The revision, quoted' }) }) };

const importRoute = createRoute({
  method: 'post',
  path: '/api/workspaces/{workspaceId}/collections',
  tags: ['collections'],
  summary: 'Import a Postman collection (v2.0 or v2.1) into a workspace (editor)',
  ...signedIn,
  request: { params: WorkspaceParams, body: { required: true, ...json(PostmanCollectionSchema) } },
  responses: {
    201: { description: 'Stored at revision 1', ...etag, ...json(CollectionSummarySchema) },
    400: problemResponse('Not a valid collection: `errors` gives the JSON path (INVALID_COLLECTION, UNSUPPORTED_SCHEMA…)'),
    401: writeDenied[401],
    403: writeDenied[403],
    404: problemResponse('No such workspace among those you may see (WORKSPACE_NOT_FOUND)'),
  },
});

const listRoute = createRoute({
  method: 'get',
  path: '/api/workspaces/{workspaceId}/collections',
  tags: ['collections'],
  summary: "A workspace's collections, oldest first (anyone may list a public workspace's)",
  request: { params: WorkspaceParams, query: PageQuery },
  responses: {
    200: { description: 'A page of collection summaries', ...json(pageSchema(CollectionSummarySchema)) },
    400: problemResponse('Invalid query (VALIDATION_FAILED, INVALID_CURSOR)'),
    404: problemResponse('No such workspace among those you may see (WORKSPACE_NOT_FOUND)'),
  },
});

const exportRoute = createRoute({
  method: 'get',
  path: '/api/collections/{id}',
  tags: ['collections'],
  summary: 'Export: the collection JSON exactly as imported or last saved',
  request: {
    params: IdParams,
    headers: z.object({ 'if-none-match': z.string().max(200).optional().openapi({ description: 'The ETag you hold: 304 if still current.' }) }),
  },
  responses: {
    200: { description: 'The Postman collection', ...etag, ...json(PostmanCollectionSchema) },
    304: { description: 'Unchanged since the ETag you sent', ...etag },
    ...readDenied,
  },
});

const replaceRoute = createRoute({
  method: 'put',
  path: '/api/collections/{id}',
  tags: ['collections'],
  summary: 'Replace the whole collection (editor); recorded in its history',
  ...signedIn,
  request: { params: IdParams, headers: IfMatchHeaders, body: { required: true, ...json(PostmanCollectionSchema) } },
  responses: {
    200: { description: 'Saved as a new revision', ...etag, ...json(CollectionSummarySchema) },
    400: problemResponse('Not a valid collection (INVALID_COLLECTION…) or bad If-Match'),
    ...writeDenied,
  },
});

const deleteRoute = createRoute({
  method: 'delete',
  path: '/api/collections/{id}',
  tags: ['collections'],
  summary: 'Delete the collection with its history, comments and pull requests (editor)',
  ...signedIn,
  request: { params: IdParams, headers: IfMatchHeaders },
  responses: { 204: { description: 'Deleted' }, ...writeDenied },
});

const outlineRoute = createRoute({
  method: 'get',
  path: '/api/collections/{id}/items',
  tags: ['collections'],
  summary: 'The item tree (folders and requests with their stable ids), without request details',
  request: { params: IdParams },
  responses: {
    200: {
      description: 'The outline',
      ...etag,
      ...json(z.object({ collection: CollectionSummarySchema, items: z.array(OutlineNode) })),
    },
    ...readDenied,
  },
});

const addItemRoute = createRoute({
  method: 'post',
  path: '/api/collections/{id}/items',
  tags: ['collections'],
  summary: 'Add a request or folder (editor)',
  ...signedIn,
  request: { params: IdParams, headers: IfMatchHeaders, body: { required: true, ...json(NewItemBody) } },
  responses: {
    201: { description: 'Added; the collection is at a new revision', ...etag, ...json(ItemSchema) },
    400: problemResponse('Invalid item (INVALID_ITEM) or parent (PARENT_NOT_FOUND)'),
    ...writeDenied,
  },
});

const getItemRoute = createRoute({
  method: 'get',
  path: '/api/collections/{id}/items/{itemId}',
  tags: ['collections'],
  summary: 'One request or folder (a folder with its contents)',
  request: { params: ItemParams },
  responses: { 200: { description: 'The item', ...etag, ...json(ItemSchema) }, ...readDenied },
});

const putItemRoute = createRoute({
  method: 'put',
  path: '/api/collections/{id}/items/{itemId}',
  tags: ['collections'],
  summary: 'Replace one request or folder (editor); only that item is rewritten and diffed',
  ...signedIn,
  request: { params: ItemParams, headers: IfMatchHeaders, body: { required: true, ...json(PostmanItemSchema) } },
  responses: {
    200: { description: 'Saved; the collection is at a new revision', ...etag, ...json(ItemSchema) },
    400: problemResponse('Invalid item (INVALID_ITEM)'),
    ...writeDenied,
  },
});

const MoveItemBody = z
  .strictObject({
    parentId: z.string().min(1).max(100).nullable().openapi({ description: 'A folder of this collection, or null for the top level.' }),
    index: z.number().int().min(0).optional().openapi({ description: 'Its place there, counted without the moved item; the end when absent.' }),
  })
  .openapi('MoveCollectionItem');

const moveItemRoute = createRoute({
  method: 'post',
  path: '/api/collections/{id}/items/{itemId}/move',
  tags: ['collections'],
  summary: 'Move a request or folder within the collection (editor), recorded as one change',
  ...signedIn,
  request: { params: ItemParams, headers: IfMatchHeaders, body: { required: true, ...json(MoveItemBody) } },
  responses: {
    200: { description: 'Moved; the collection is at a new revision', ...etag, ...json(ItemSchema) },
    400: problemResponse('No such folder (PARENT_NOT_FOUND) or a folder into itself (INVALID_MOVE)'),
    ...writeDenied,
  },
});

const deleteItemRoute = createRoute({
  method: 'delete',
  path: '/api/collections/{id}/items/{itemId}',
  tags: ['collections'],
  summary: 'Delete one request or folder (editor)',
  ...signedIn,
  request: { params: ItemParams, headers: IfMatchHeaders },
  responses: { 204: { description: 'Deleted', ...etag }, ...writeDenied },
});

const changesRoute = createRoute({
  method: 'get',
  path: '/api/collections/{id}/changes',
  tags: ['collections'],
  summary: 'The history: who changed what and when, newest first (P2)',
  request: { params: IdParams, query: PageQuery },
  responses: {
    200: { description: 'A page of changes', ...json(pageSchema(ChangeSchema)) },
    400: problemResponse('Invalid query'),
    ...readDenied,
  },
});

const revisionRoute = createRoute({
  method: 'get',
  path: '/api/collections/{id}/revisions/{revision}',
  tags: ['collections'],
  summary: 'The collection as it was at a revision',
  request: { params: RevisionParams },
  responses: {
    200: { description: 'The Postman collection at that revision', ...json(PostmanCollectionSchema) },
    404: problemResponse('No such collection (COLLECTION_NOT_FOUND) or revision (REVISION_NOT_FOUND)'),
  },
});

const restoreRoute = createRoute({
  method: 'post',
  path: '/api/collections/{id}/restore',
  tags: ['collections'],
  summary: 'Bring back an earlier revision, as a new recorded change (editor)',
  ...signedIn,
  request: { params: IdParams, headers: IfMatchHeaders, body: { required: true, ...json(z.object({ revision: z.number().int().min(1) })) } },
  responses: {
    200: { description: 'Restored as a new revision', ...etag, ...json(CollectionSummarySchema) },
    400: problemResponse('Invalid input'),
    ...writeDenied,
    404: problemResponse('No such collection (COLLECTION_NOT_FOUND) or revision (REVISION_NOT_FOUND)'),
  },
});

// Settings: the shapes the collection model checks (loose objects: Postman's other fields pass).
const VariableSchema = z
  .looseObject({
    key: z.union([z.string(), z.number()]).optional(),
    value: z.unknown().optional(),
    type: z.string().optional().openapi({ description: '"default" or "secret" (older files "string", "number"…). Secret values are stored sealed.' }),
    disabled: z.boolean().optional(),
    enabled: z.boolean().optional(),
    _postern_redacted: z
      .boolean()
      .optional()
      .openapi({ description: 'On a secret a viewer read with an empty value; sent back, the stored secret is kept.' }),
  })
  .openapi('PostmanVariable');

const AuthSchema = z
  .looseObject({ type: z.string().min(1).openapi({ description: 'noauth, basic, bearer, apikey, oauth2…' }) })
  .openapi('PostmanAuth', { description: 'Postman auth: `{ type, <type>: [{ key, value, type }] }`.' });

const eventFields = {
  disabled: z.boolean().optional(),
  script: z.looseObject({ exec: z.union([z.string(), z.array(z.string())]).optional(), type: z.string().optional() }).optional(),
};
const EventSchema = z
  .looseObject({ listen: z.string().openapi({ description: 'prerequest or test' }), ...eventFields })
  .openapi('PostmanEvent', { description: 'A pre-request or test script.' });
const EventInput = z.looseObject({ listen: z.enum(['prerequest', 'test']), ...eventFields }).openapi('PostmanEventInput', { description: 'A pre-request or test script.' });

const SettingsSchema = z
  .object({
    revision: z.number().int().openapi({ description: 'The collection\'s revision; send it back as If-Match.' }),
    name: z.string(),
    description: z.string().nullable().openapi({ description: 'The text of the description (Postman also stores `{ content, type }`); null when there is none.' }),
    variable: z.array(VariableSchema).openapi({ description: 'Secrets in clear for editors and admins; redacted for viewers and anonymous readers.' }),
    auth: AuthSchema.nullable().openapi({
      description: 'Null when none is set: "No auth" for the collection, "inherit from parent" for a folder. `{ "type": "noauth" }` on a folder stops inheritance.',
    }),
    event: z.array(EventSchema),
  })
  .openapi('CollectionSettings', { description: 'The settings of a collection or folder: its own fields, not its items.' });

const SettingsBody = z
  .strictObject({
    name: z.string().trim().min(1).max(1000).optional(),
    description: z.string().nullable().optional().openapi({ description: 'null removes it; a `{ content, type }` description keeps its type.' }),
    variable: z.array(VariableSchema).optional().openapi({ description: 'The whole list. A redacted secret sent back keeps the stored value.' }),
    auth: AuthSchema.nullable().optional().openapi({ description: 'null removes the auth (collection: No auth; folder: inherit).' }),
    event: z.array(EventInput).optional().openapi({ description: 'The whole list of scripts.' }),
  })
  .openapi('CollectionSettingsChanges', { description: 'Only the fields given change; absent ones stay as they are.' });

const settingsDenied = {
  ...readDenied,
  400: problemResponse('The item is a request, not a folder (NOT_A_FOLDER)'),
};

const getSettingsRoute = createRoute({
  method: 'get',
  path: '/api/collections/{id}/settings',
  tags: ['collections'],
  summary: "The collection's name, description, variables, auth and scripts, without its items",
  request: { params: IdParams },
  responses: { 200: { description: 'The settings', ...etag, ...json(SettingsSchema) }, ...readDenied },
});

const patchSettingsRoute = createRoute({
  method: 'patch',
  path: '/api/collections/{id}/settings',
  tags: ['collections'],
  summary: "Change the collection's name, description, variables, auth or scripts (editor); one recorded change covering only them",
  ...signedIn,
  request: { params: IdParams, headers: IfMatchHeaders, body: { required: true, ...json(SettingsBody) } },
  responses: {
    200: { description: 'Saved (a new revision unless nothing changed)', ...etag, ...json(SettingsSchema) },
    400: problemResponse('Invalid settings (VALIDATION_FAILED, INVALID_SETTINGS) or bad If-Match'),
    ...writeDenied,
  },
});

const getFolderSettingsRoute = createRoute({
  method: 'get',
  path: '/api/collections/{id}/items/{itemId}/settings',
  tags: ['collections'],
  summary: "A folder's name, description, variables, auth and scripts, without its items",
  request: { params: ItemParams },
  responses: { 200: { description: 'The settings', ...etag, ...json(SettingsSchema) }, ...settingsDenied },
});

const patchFolderSettingsRoute = createRoute({
  method: 'patch',
  path: '/api/collections/{id}/items/{itemId}/settings',
  tags: ['collections'],
  summary: "Change a folder's name, description, variables, auth or scripts (editor); its items are untouched",
  ...signedIn,
  request: { params: ItemParams, headers: IfMatchHeaders, body: { required: true, ...json(SettingsBody) } },
  responses: {
    200: { description: 'Saved (a new revision unless nothing changed)', ...etag, ...json(SettingsSchema) },
    400: problemResponse('Invalid settings (VALIDATION_FAILED, INVALID_SETTINGS), a request (NOT_A_FOLDER) or bad If-Match'),
    ...writeDenied,
  },
});

const setEtag = (c: Context<AppEnv>, revision: number) => c.header('ETag', etagOf(revision));

/**
 * The settings a checked body changes. zod's output puts a schema's known keys first, while stored
 * JSON keeps the key order the client wrote (exports stay as written), so lists and auth are taken
 * from the body as sent; the check above has already passed on the same values.
 */
async function settingsChanges(c: Context<AppEnv>, checked: z.infer<typeof SettingsBody>): Promise<SettingsChanges> {
  const sent = (await c.req.json()) as Pick<SettingsChanges, 'variable' | 'auth' | 'event'>;
  return { ...checked, variable: sent.variable, auth: sent.auth, event: sent.event };
}

/** Settings hold secrets for some readers only: keep them out of shared caches. */
const setSettingsHeaders = (c: Context<AppEnv>, revision: number) => {
  setEtag(c, revision);
  c.header('Cache-Control', 'private, no-cache');
};

export function registerCollectionRoutes(app: OpenAPIHono<AppEnv>, deps: { collections: CollectionService }): void {
  const { collections } = deps;

  app.openapi(importRoute, async (c) => {
    const user = requireUser(c);
    const { record } = await collections.importCollection(user, c.req.valid('param').workspaceId, c.req.valid('json'));
    setEtag(c, record.revision);
    c.header('Location', `/api/collections/${record.id}`);
    return c.json(toCollectionSummary(record), 201);
  });

  app.openapi(listRoute, async (c) => {
    const page = await collections.list(c.get('user'), c.req.valid('param').workspaceId, c.req.valid('query'));
    return c.json({ items: page.items.map(toCollectionSummary), nextCursor: page.nextCursor }, 200);
  });

  app.openapi(exportRoute, async (c) => {
    const { record, role } = await collections.authorize(c.get('user'), c.req.valid('param').id, 'viewer');
    setEtag(c, record.revision);
    // The ETag names the revision, while the body depends on the reader's role (secrets): keep
    // shared caches out of it.
    c.header('Cache-Control', 'private, no-cache');
    if (c.req.valid('header')['if-none-match'] === etagOf(record.revision)) return c.body(null, 304);
    return c.body(collections.exportText(record, role), 200, { 'Content-Type': 'application/json' });
  });

  app.openapi(replaceRoute, async (c) => {
    const user = requireUser(c);
    const ifMatch = parseIfMatch(c.req.valid('header')['if-match']);
    const { record } = await collections.replace(user, c.req.valid('param').id, c.req.valid('json'), ifMatch);
    setEtag(c, record.revision);
    return c.json(toCollectionSummary(record), 200);
  });

  app.openapi(deleteRoute, async (c) => {
    const user = requireUser(c);
    await collections.remove(user, c.req.valid('param').id, parseIfMatch(c.req.valid('header')['if-match']));
    return c.body(null, 204);
  });

  app.openapi(outlineRoute, async (c) => {
    const { record, items } = await collections.outline(c.get('user'), c.req.valid('param').id);
    setEtag(c, record.revision);
    return c.json({ collection: toCollectionSummary(record), items }, 200);
  });

  app.openapi(addItemRoute, async (c) => {
    const user = requireUser(c);
    const ifMatch = parseIfMatch(c.req.valid('header')['if-match']);
    const item = await collections.addItem(user, c.req.valid('param').id, c.req.valid('json'), ifMatch);
    setEtag(c, item.revision);
    return c.json(item, 201);
  });

  app.openapi(getItemRoute, async (c) => {
    const { id, itemId } = c.req.valid('param');
    const item = await collections.getItem(c.get('user'), id, itemId);
    setEtag(c, item.revision);
    return c.json(item, 200);
  });

  app.openapi(putItemRoute, async (c) => {
    const user = requireUser(c);
    const { id, itemId } = c.req.valid('param');
    const ifMatch = parseIfMatch(c.req.valid('header')['if-match']);
    const item = await collections.putItem(user, id, itemId, c.req.valid('json'), ifMatch);
    setEtag(c, item.revision);
    return c.json(item, 200);
  });

  app.openapi(getSettingsRoute, async (c) => {
    const settings = await collections.getSettings(c.get('user'), c.req.valid('param').id);
    setSettingsHeaders(c, settings.revision);
    return c.json(settings, 200);
  });

  app.openapi(patchSettingsRoute, async (c) => {
    const user = requireUser(c);
    const ifMatch = parseIfMatch(c.req.valid('header')['if-match']);
    const changes = await settingsChanges(c, c.req.valid('json'));
    const settings = await collections.patchSettings(user, c.req.valid('param').id, changes, ifMatch);
    setSettingsHeaders(c, settings.revision);
    return c.json(settings, 200);
  });

  app.openapi(getFolderSettingsRoute, async (c) => {
    const { id, itemId } = c.req.valid('param');
    const settings = await collections.getFolderSettings(c.get('user'), id, itemId);
    setSettingsHeaders(c, settings.revision);
    return c.json(settings, 200);
  });

  app.openapi(patchFolderSettingsRoute, async (c) => {
    const user = requireUser(c);
    const { id, itemId } = c.req.valid('param');
    const ifMatch = parseIfMatch(c.req.valid('header')['if-match']);
    const changes = await settingsChanges(c, c.req.valid('json'));
    const settings = await collections.patchFolderSettings(user, id, itemId, changes, ifMatch);
    setSettingsHeaders(c, settings.revision);
    return c.json(settings, 200);
  });

  app.openapi(moveItemRoute, async (c) => {
    const user = requireUser(c);
    const { id, itemId } = c.req.valid('param');
    const ifMatch = parseIfMatch(c.req.valid('header')['if-match']);
    const item = await collections.moveItem(user, id, itemId, c.req.valid('json'), ifMatch);
    setEtag(c, item.revision);
    return c.json(item, 200);
  });

  app.openapi(deleteItemRoute, async (c) => {
    const user = requireUser(c);
    const { id, itemId } = c.req.valid('param');
    const record = await collections.deleteItem(user, id, itemId, parseIfMatch(c.req.valid('header')['if-match']));
    setEtag(c, record.revision);
    return c.body(null, 204);
  });

  app.openapi(changesRoute, async (c) => {
    const page = await collections.listChanges(c.get('user'), c.req.valid('param').id, c.req.valid('query'));
    return c.json({ items: page.items.map((ch) => ({ ...ch, createdAt: ch.createdAt.toISOString() })), nextCursor: page.nextCursor }, 200);
  });

  app.openapi(revisionRoute, async (c) => {
    const { id, revision } = c.req.valid('param');
    const { document } = await collections.revision(c.get('user'), id, revision);
    return c.json(document, 200);
  });

  app.openapi(restoreRoute, async (c) => {
    const user = requireUser(c);
    const ifMatch = parseIfMatch(c.req.valid('header')['if-match']);
    const { record } = await collections.restore(user, c.req.valid('param').id, c.req.valid('json').revision, ifMatch);
    setEtag(c, record.revision);
    return c.json(toCollectionSummary(record), 200);
  });
}
