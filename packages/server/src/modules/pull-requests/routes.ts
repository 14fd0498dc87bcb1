import { createRoute, z } from '@hono/zod-openapi';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { requireUser } from '../../http/auth.ts';
import type { AppEnv } from '../../http/env.ts';
import { problemResponse } from '../../http/openapi.ts';
import { PageQuery, pageSchema } from '../../http/pagination.ts';
import { etagOf } from '../collections/revision.ts';
import { CollectionSummarySchema, toCollectionSummary } from '../collections/view.ts';
import type { PullRequestService } from './service.ts';
import type { PullRequestRecord, ReviewRecord } from './store.ts';

const CollectionParams = z.object({ id: z.string().uuid('must be a collection id') });
const PrParams = z.object({ id: z.string().uuid('must be a pull request id') });

const ForkBody = z
  .object({
    workspaceId: z.string().uuid('must be a workspace id').openapi({ description: 'Where the fork goes; you need the editor role there.' }),
    label: z.string().trim().min(1).max(100).optional(),
  })
  .openapi('NewFork');
const PrBody = z
  .object({ title: z.string().trim().min(1, 'must not be empty').max(200), description: z.string().max(10_000).optional() })
  .openapi('NewPullRequest');
const ReviewBody = z
  .object({ decision: z.enum(['approve', 'request_changes']), comment: z.string().max(10_000).optional() })
  .openapi('NewReview');

const PullRequestSchema = z
  .object({
    id: z.string().uuid(),
    sourceId: z.string().uuid().openapi({ description: 'The fork' }),
    targetId: z.string().uuid().openapi({ description: 'The collection it was forked from' }),
    authorId: z.string().uuid().nullable(),
    title: z.string(),
    description: z.string().nullable(),
    status: z.enum(['open', 'merged', 'declined']),
    mergedRevision: z.number().int().nullable(),
    closedBy: z.string().uuid().nullable(),
    closedAt: z.string().nullable(),
    createdAt: z.string().openapi({ format: 'date-time' }),
  })
  .openapi('PullRequest');
const ReviewSchema = z
  .object({
    id: z.string().uuid(),
    reviewerId: z.string().uuid().nullable(),
    decision: z.enum(['approve', 'request_changes']),
    comment: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi('PullRequestReview');
const ConflictSchema = z
  .object({ path: z.string(), base: z.unknown(), parent: z.unknown(), fork: z.unknown() })
  .openapi('MergeConflict', { description: 'A JSON Pointer both sides changed since the fork point, with the three values.' });
const DetailSchema = PullRequestSchema.extend({
  reviews: z.array(ReviewSchema),
  changes: z.array(z.looseObject({ op: z.string(), path: z.string() })).openapi({ description: 'RFC 6902 patch from the fork point to the fork' }),
  conflicts: z.array(ConflictSchema),
  mergeable: z.boolean(),
}).openapi('PullRequestDetail');

const toPr = (r: PullRequestRecord): z.infer<typeof PullRequestSchema> => ({
  id: r.id,
  sourceId: r.sourceId,
  targetId: r.targetId,
  authorId: r.authorId,
  title: r.title,
  description: r.description,
  status: r.status,
  mergedRevision: r.mergedRevision,
  closedBy: r.closedBy,
  closedAt: r.closedAt?.toISOString() ?? null,
  createdAt: r.createdAt.toISOString(),
});
const toReview = (r: ReviewRecord): z.infer<typeof ReviewSchema> => ({
  id: r.id,
  reviewerId: r.reviewerId,
  decision: r.decision,
  comment: r.comment,
  createdAt: r.createdAt.toISOString(),
});

const signedIn = { security: [{ session: [] }] };
const json = <T extends z.ZodType>(schema: T) => ({ content: { 'application/json': { schema } } });
const prNotFound = problemResponse('No such pull request among those you may see (PULL_REQUEST_NOT_FOUND)');
const denied = {
  401: problemResponse('Not signed in (UNAUTHENTICATED)'),
  403: problemResponse('Your role is too low (WORKSPACE_ROLE_REQUIRED) or CSRF_TOKEN_INVALID'),
};

const forkRoute = createRoute({
  method: 'post',
  path: '/api/collections/{id}/forks',
  tags: ['pull requests'],
  summary: 'Fork a collection into a workspace (viewer on the source, editor on the target)',
  ...signedIn,
  request: { params: CollectionParams, body: { required: true, ...json(ForkBody) } },
  responses: {
    201: { description: 'The fork; a viewer of the source gets its secret variables empty', ...json(CollectionSummarySchema) },
    400: problemResponse('Invalid input'),
    ...denied,
    404: problemResponse('No such collection or workspace among those you may see'),
  },
});

const openRoute = createRoute({
  method: 'post',
  path: '/api/collections/{id}/pull-requests',
  tags: ['pull requests'],
  summary: "Propose a fork's changes to its parent (editor on the fork, viewer on the parent)",
  ...signedIn,
  request: { params: CollectionParams, body: { required: true, ...json(PrBody) } },
  responses: {
    201: { description: 'Opened', ...json(PullRequestSchema) },
    400: problemResponse('Invalid input or NOT_A_FORK'),
    ...denied,
    404: problemResponse('No such collection (COLLECTION_NOT_FOUND)'),
    409: problemResponse('PULL_REQUEST_EXISTS or PARENT_UNAVAILABLE'),
  },
});

const listRoute = createRoute({
  method: 'get',
  path: '/api/collections/{id}/pull-requests',
  tags: ['pull requests'],
  summary: 'Pull requests into this collection, newest first',
  request: { params: CollectionParams, query: PageQuery },
  responses: {
    200: { description: 'A page of pull requests', ...json(pageSchema(PullRequestSchema)) },
    400: problemResponse('Invalid query'),
    404: problemResponse('No such collection (COLLECTION_NOT_FOUND)'),
  },
});

const getRoute = createRoute({
  method: 'get',
  path: '/api/pull-requests/{id}',
  tags: ['pull requests'],
  summary: 'A pull request with its reviews, its changes and its conflicts with the parent (three-way)',
  request: { params: PrParams },
  responses: { 200: { description: 'The pull request', ...json(DetailSchema) }, 404: prNotFound },
});

const reviewRoute = createRoute({
  method: 'post',
  path: '/api/pull-requests/{id}/reviews',
  tags: ['pull requests'],
  summary: 'Approve or request changes (editor on the parent)',
  ...signedIn,
  request: { params: PrParams, body: { required: true, ...json(ReviewBody) } },
  responses: {
    201: { description: 'Recorded', ...json(ReviewSchema) },
    400: problemResponse('Invalid input'),
    ...denied,
    404: prNotFound,
    409: problemResponse('Already merged or declined (PULL_REQUEST_CLOSED)'),
  },
});

const mergeRoute = createRoute({
  method: 'post',
  path: '/api/pull-requests/{id}/merge',
  tags: ['pull requests'],
  summary: "Apply the fork's changes to the parent as one recorded change (editor on the parent)",
  ...signedIn,
  request: { params: PrParams },
  responses: {
    200: {
      description: 'Merged; the parent is at a new revision',
      headers: z.object({ ETag: z.string() }),
      ...json(z.object({ pullRequest: PullRequestSchema, collection: CollectionSummarySchema })),
    },
    ...denied,
    404: prNotFound,
    409: problemResponse('MERGE_CONFLICT (errors list the paths; nothing changed) or PULL_REQUEST_CLOSED'),
    412: problemResponse('The parent changed while merging (REVISION_MISMATCH): try again'),
  },
});

const declineRoute = createRoute({
  method: 'post',
  path: '/api/pull-requests/{id}/decline',
  tags: ['pull requests'],
  summary: 'Decline (editor on the parent) or withdraw (its author)',
  ...signedIn,
  request: { params: PrParams },
  responses: {
    200: { description: 'Declined', ...json(PullRequestSchema) },
    ...denied,
    404: prNotFound,
    409: problemResponse('Already merged or declined (PULL_REQUEST_CLOSED)'),
  },
});

export function registerPullRequestRoutes(app: OpenAPIHono<AppEnv>, deps: { pullRequests: PullRequestService }): void {
  const { pullRequests } = deps;

  app.openapi(forkRoute, async (c) => {
    const user = requireUser(c);
    const fork = await pullRequests.fork(user, c.req.valid('param').id, c.req.valid('json'));
    c.header('Location', `/api/collections/${fork.id}`);
    return c.json(toCollectionSummary(fork), 201);
  });

  app.openapi(openRoute, async (c) => {
    const user = requireUser(c);
    const pr = await pullRequests.open(user, c.req.valid('param').id, c.req.valid('json'));
    c.header('Location', `/api/pull-requests/${pr.id}`);
    return c.json(toPr(pr), 201);
  });

  app.openapi(listRoute, async (c) => {
    const page = await pullRequests.list(c.get('user'), c.req.valid('param').id, c.req.valid('query'));
    return c.json({ items: page.items.map(toPr), nextCursor: page.nextCursor }, 200);
  });

  app.openapi(getRoute, async (c) => {
    const detail = await pullRequests.get(c.get('user'), c.req.valid('param').id);
    return c.json(
      {
        ...toPr(detail.pullRequest),
        reviews: detail.reviews.map(toReview),
        changes: detail.changes,
        conflicts: detail.conflicts,
        mergeable: detail.pullRequest.status === 'open' && detail.conflicts.length === 0,
      },
      200,
    );
  });

  app.openapi(reviewRoute, async (c) => {
    const user = requireUser(c);
    return c.json(toReview(await pullRequests.review(user, c.req.valid('param').id, c.req.valid('json'))), 201);
  });

  app.openapi(mergeRoute, async (c) => {
    const user = requireUser(c);
    const { pullRequest, parent } = await pullRequests.merge(user, c.req.valid('param').id);
    c.header('ETag', etagOf(parent.revision));
    return c.json({ pullRequest: toPr(pullRequest), collection: toCollectionSummary(parent) }, 200);
  });

  app.openapi(declineRoute, async (c) => {
    const user = requireUser(c);
    return c.json(toPr(await pullRequests.decline(user, c.req.valid('param').id)), 200);
  });
}
