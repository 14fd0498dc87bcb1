import { createRoute, z } from '@hono/zod-openapi';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { requireUser } from '../../http/auth.ts';
import type { AppEnv } from '../../http/env.ts';
import { problemResponse } from '../../http/openapi.ts';
import { PageQuery, pageSchema } from '../../http/pagination.ts';
import type { CommentService } from './service.ts';
import type { CommentRecord } from './store.ts';

export const MAX_COMMENT_LENGTH = 10_000;

const CollectionParams = z.object({ id: z.string().uuid('must be a collection id') });
const CommentParams = z.object({ id: z.string().uuid('must be a comment id') });
const Body = z.string().trim().min(1, 'must not be empty').max(MAX_COMMENT_LENGTH);
const NewCommentBody = z
  .object({ itemId: z.string().min(1).max(100).optional().openapi({ description: 'A request or folder; the collection itself when absent.' }), body: Body })
  .openapi('NewComment');
const ListQuery = PageQuery.extend({ itemId: z.string().min(1).max(100).optional().openapi({ description: 'Only the comments on this item.' }) });

const CommentSchema = z
  .object({
    id: z.string().uuid(),
    collectionId: z.string().uuid(),
    itemId: z.string().nullable(),
    authorId: z.string().uuid().nullable().openapi({ description: 'Null once the author erased their account.' }),
    body: z.string(),
    createdAt: z.string().openapi({ format: 'date-time' }),
    updatedAt: z.string().nullable().openapi({ format: 'date-time' }),
  })
  .openapi('Comment');

const toComment = (r: CommentRecord): z.infer<typeof CommentSchema> => ({
  id: r.id,
  collectionId: r.collectionId,
  itemId: r.itemId,
  authorId: r.authorId,
  body: r.body,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt?.toISOString() ?? null,
});

const signedIn = { security: [{ session: [] }] };
const json = <T extends z.ZodType>(schema: T) => ({ content: { 'application/json': { schema } } });
const denied = {
  401: problemResponse('Not signed in (UNAUTHENTICATED)'),
  403: problemResponse('Not the author (NOT_COMMENT_AUTHOR) or CSRF_TOKEN_INVALID'),
};

const createCommentRoute = createRoute({
  method: 'post',
  path: '/api/collections/{id}/comments',
  tags: ['comments'],
  summary: 'Comment on a collection or one of its requests (anyone signed in who can see it, viewers included)',
  ...signedIn,
  request: { params: CollectionParams, body: { required: true, ...json(NewCommentBody) } },
  responses: {
    201: { description: 'Posted', ...json(CommentSchema) },
    400: problemResponse('Invalid input (VALIDATION_FAILED, ITEM_NOT_FOUND)'),
    401: denied[401],
    403: problemResponse('CSRF_TOKEN_INVALID'),
    404: problemResponse('No such collection (COLLECTION_NOT_FOUND)'),
  },
});

const listCommentsRoute = createRoute({
  method: 'get',
  path: '/api/collections/{id}/comments',
  tags: ['comments'],
  summary: 'Comments on a collection, oldest first',
  request: { params: CollectionParams, query: ListQuery },
  responses: {
    200: { description: 'A page of comments', ...json(pageSchema(CommentSchema)) },
    400: problemResponse('Invalid query'),
    404: problemResponse('No such collection (COLLECTION_NOT_FOUND)'),
  },
});

const editCommentRoute = createRoute({
  method: 'patch',
  path: '/api/comments/{id}',
  tags: ['comments'],
  summary: 'Edit your comment',
  ...signedIn,
  request: { params: CommentParams, body: { required: true, ...json(z.object({ body: Body })) } },
  responses: {
    200: { description: 'Edited', ...json(CommentSchema) },
    400: problemResponse('Invalid input'),
    ...denied,
    404: problemResponse('No such comment (COMMENT_NOT_FOUND)'),
  },
});

const deleteCommentRoute = createRoute({
  method: 'delete',
  path: '/api/comments/{id}',
  tags: ['comments'],
  summary: 'Delete your comment, for good (workspace admins may delete any)',
  ...signedIn,
  request: { params: CommentParams },
  responses: { 204: { description: 'Deleted' }, ...denied, 404: problemResponse('No such comment (COMMENT_NOT_FOUND)') },
});

const sessionOrKey: { security: Record<string, string[]>[] } = { security: [{ session: [] }, { apiKey: [] }] };

const MyCommentSchema = CommentSchema.extend({
  collectionName: z.string().nullable().openapi({ description: 'Null when you can no longer see the collection.' }),
  workspaceId: z.string().uuid().nullable(),
}).openapi('MyComment');

const myCommentsRoute = createRoute({
  method: 'get',
  path: '/api/me/comments',
  tags: ['comments'],
  summary: 'Your comments anywhere, newest first (to find and delete them)',
  ...sessionOrKey,
  request: { query: PageQuery },
  responses: {
    200: { description: 'A page of your comments', ...json(pageSchema(MyCommentSchema)) },
    400: problemResponse('Invalid query'),
    401: denied[401],
  },
});

export function registerCommentRoutes(app: OpenAPIHono<AppEnv>, deps: { comments: CommentService }): void {
  const { comments } = deps;

  app.openapi(createCommentRoute, async (c) => {
    const user = requireUser(c);
    return c.json(toComment(await comments.create(user, c.req.valid('param').id, c.req.valid('json'))), 201);
  });

  app.openapi(listCommentsRoute, async (c) => {
    const { itemId, ...page } = c.req.valid('query');
    const result = await comments.list(c.get('user'), c.req.valid('param').id, itemId, page);
    return c.json({ items: result.items.map(toComment), nextCursor: result.nextCursor }, 200);
  });

  app.openapi(editCommentRoute, async (c) => {
    const user = requireUser(c);
    return c.json(toComment(await comments.edit(user, c.req.valid('param').id, c.req.valid('json').body)), 200);
  });

  app.openapi(myCommentsRoute, async (c) => {
    const user = requireUser(c);
    const result = await comments.listMine(user, c.req.valid('query'));
    const items = result.items.map((r) => ({
      ...toComment(r),
      collectionName: r.place?.collectionName ?? null,
      workspaceId: r.place?.workspaceId ?? null,
    }));
    return c.json({ items, nextCursor: result.nextCursor }, 200);
  });

  app.openapi(deleteCommentRoute, async (c) => {
    const user = requireUser(c);
    await comments.remove(user, c.req.valid('param').id);
    return c.body(null, 204);
  });
}
