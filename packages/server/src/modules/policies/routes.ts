import { createRoute, z } from '@hono/zod-openapi';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { forbidden } from '../../errors.ts';
import { requireSession, requireUser } from '../../http/auth.ts';
import type { AppEnv, CurrentUser } from '../../http/env.ts';
import { problemResponse } from '../../http/openapi.ts';
import { POLICY_KINDS } from './schema.ts';
import { POLICY_NAMES, versionPath } from './service.ts';
import type { PolicyService } from './service.ts';
import type { PolicyVersionRecord } from './store.ts';

const Kind = z.enum(POLICY_KINDS).openapi({ description: 'privacy (privacy policy), cookies (cookie notice) or terms (terms of use)' });
const KindParam = z.object({ kind: Kind });
const VersionParam = z.object({ kind: Kind, version: z.coerce.number().int().min(1) });

const PolicyVersionSummarySchema = z
  .object({
    kind: Kind,
    version: z.number().int(),
    title: z.string(),
    effectiveAt: z.string().nullable().openapi({ format: 'date-time', description: 'Null on a draft that takes effect when published.' }),
    publishedAt: z.string().nullable().openapi({ format: 'date-time', description: 'Null on a draft.' }),
    significant: z.boolean().openapi({ description: 'Announced by banner and email (P28).' }),
    keyChanges: z.array(z.string()),
    path: z.string().openapi({ description: 'The stable web address of this version, e.g. /policies/privacy/v/3.' }),
  })
  .openapi('PolicyVersionSummary');

const PolicyVersionSchema = PolicyVersionSummarySchema.extend({ body: z.string().openapi({ description: 'Markdown.' }) }).openapi('PolicyVersion');

const AdminPolicyVersionSchema = PolicyVersionSchema.extend({
  announcement: z
    .object({ sent: z.number().int(), finishedAt: z.string().nullable().openapi({ format: 'date-time' }) })
    .nullable()
    .openapi({ description: 'Emails sent for a published significant version; finishedAt null while sending.' }),
}).openapi('AdminPolicyVersion');

const DraftBody = z
  .strictObject({
    title: z.string().trim().min(1).max(200),
    body: z.string().min(1).max(200_000).openapi({ description: 'Markdown.' }),
    effectiveAt: z.iso.datetime({ offset: true }).nullable().optional().openapi({ description: 'When it takes effect; unset: when published.' }),
    significant: z.boolean().optional(),
    keyChanges: z.array(z.string().trim().min(1).max(500)).max(20).optional(),
  })
  .openapi('PolicyDraft');

const NoticeSchema = z
  .object({
    kind: Kind,
    name: z.string(),
    version: z.number().int(),
    title: z.string(),
    effectiveAt: z.string().openapi({ format: 'date-time' }),
    keyChanges: z.array(z.string()),
    path: z.string(),
    acknowledgeable: z.boolean().openapi({ description: 'False for signed-out visitors.' }),
  })
  .openapi('PolicyNotice');

const signedIn: { security: Record<string, string[]>[] } = { security: [{ session: [] }, { apiKey: [] }] };
const json = <T extends z.ZodType>(schema: T) => ({ 'application/json': { schema } });
const operatorOnly = {
  401: problemResponse('Not signed in (UNAUTHENTICATED)'),
  403: problemResponse('Not the operator (OPERATOR_ONLY), or CSRF_TOKEN_INVALID'),
};

const overviewRoute = createRoute({
  method: 'get',
  path: '/api/policies',
  tags: ['policies'],
  summary: 'The version of each policy in effect now; no sign-in needed',
  responses: {
    200: {
      description: 'One entry per kind',
      content: json(z.object({ policies: z.array(z.object({ kind: Kind, name: z.string(), current: PolicyVersionSummarySchema.nullable() })) })),
    },
  },
});

const currentRoute = createRoute({
  method: 'get',
  path: '/api/policies/{kind}',
  tags: ['policies'],
  summary: 'The version of a policy in effect now, with its text',
  request: { params: KindParam },
  responses: {
    200: { description: 'The current version', content: json(PolicyVersionSchema) },
    400: problemResponse('Unknown kind (VALIDATION_FAILED)'),
    404: problemResponse('No version in effect (POLICY_VERSION_NOT_FOUND)'),
  },
});

const archiveRoute = createRoute({
  method: 'get',
  path: '/api/policies/{kind}/versions',
  tags: ['policies'],
  summary: 'Every published version of a policy, newest first (its archive)',
  request: { params: KindParam },
  responses: {
    200: { description: 'The archive', content: json(z.object({ kind: Kind, name: z.string(), versions: z.array(PolicyVersionSummarySchema) })) },
    400: problemResponse('Unknown kind (VALIDATION_FAILED)'),
  },
});

const versionRoute = createRoute({
  method: 'get',
  path: '/api/policies/{kind}/versions/{version}',
  tags: ['policies'],
  summary: 'One published version of a policy (the operator also sees the draft)',
  request: { params: VersionParam },
  responses: {
    200: { description: 'The version', content: json(PolicyVersionSchema) },
    400: problemResponse('Invalid kind or version (VALIDATION_FAILED)'),
    404: problemResponse('No such published version (POLICY_VERSION_NOT_FOUND)'),
  },
});

const createDraftRoute = createRoute({
  method: 'post',
  path: '/api/policies/{kind}/versions',
  tags: ['policies'],
  summary: 'Start the next version as a draft; operator only',
  security: [{ session: [] }],
  request: { params: KindParam, body: { required: true, content: json(DraftBody) } },
  responses: {
    201: { description: 'The draft', content: json(PolicyVersionSchema) },
    400: problemResponse('Invalid input (VALIDATION_FAILED)'),
    ...operatorOnly,
    409: problemResponse('A draft exists already (POLICY_DRAFT_EXISTS)'),
  },
});

const updateDraftRoute = createRoute({
  method: 'patch',
  path: '/api/policies/{kind}/versions/{version}',
  tags: ['policies'],
  summary: 'Change the draft; a published version never changes; operator only',
  security: [{ session: [] }],
  request: { params: VersionParam, body: { required: true, content: json(DraftBody.partial()) } },
  responses: {
    200: { description: 'The draft', content: json(PolicyVersionSchema) },
    400: problemResponse('Invalid input (VALIDATION_FAILED)'),
    ...operatorOnly,
    404: problemResponse('No such version (POLICY_VERSION_NOT_FOUND)'),
    409: problemResponse('The version is published (POLICY_VERSION_PUBLISHED)'),
  },
});

const deleteDraftRoute = createRoute({
  method: 'delete',
  path: '/api/policies/{kind}/versions/{version}',
  tags: ['policies'],
  summary: 'Delete the draft; operator only',
  security: [{ session: [] }],
  request: { params: VersionParam },
  responses: {
    204: { description: 'Deleted' },
    ...operatorOnly,
    404: problemResponse('No such version (POLICY_VERSION_NOT_FOUND)'),
    409: problemResponse('The version is published (POLICY_VERSION_PUBLISHED)'),
  },
});

const publishRoute = createRoute({
  method: 'post',
  path: '/api/policies/{kind}/versions/{version}/publish',
  tags: ['policies'],
  summary: 'Publish the draft (for good); a significant one is announced by banner and email; operator only',
  security: [{ session: [] }],
  request: { params: VersionParam },
  responses: {
    200: { description: 'The published version', content: json(PolicyVersionSchema) },
    400: problemResponse('The effective date has passed (EFFECTIVE_DATE_PASSED)'),
    ...operatorOnly,
    404: problemResponse('No such version (POLICY_VERSION_NOT_FOUND)'),
    409: problemResponse('Already published (POLICY_VERSION_PUBLISHED)'),
  },
});

const adminListRoute = createRoute({
  method: 'get',
  path: '/api/admin/policies',
  tags: ['admin'],
  summary: 'Every version of every policy, drafts and announcement progress included; operator only',
  security: [{ session: [] }],
  responses: {
    200: { description: 'All versions, by kind then newest first', content: json(z.object({ versions: z.array(AdminPolicyVersionSchema) })) },
    ...operatorOnly,
  },
});

const noticesRoute = createRoute({
  method: 'get',
  path: '/api/policy-notices',
  tags: ['policies'],
  summary: 'Significant policy changes to announce in a banner to this visitor (P28)',
  responses: { 200: { description: 'Notices; empty when there is nothing to show', content: json(z.object({ notices: z.array(NoticeSchema) })) } },
});

const acknowledgeRoute = createRoute({
  method: 'post',
  path: '/api/policies/{kind}/versions/{version}/acknowledgement',
  tags: ['policies'],
  summary: 'Record that you read this version (once; repeating it changes nothing)',
  ...signedIn,
  request: { params: VersionParam },
  responses: {
    204: { description: 'Recorded' },
    401: problemResponse('Not signed in (UNAUTHENTICATED)'),
    403: problemResponse('CSRF_TOKEN_INVALID'),
    404: problemResponse('No such published version (POLICY_VERSION_NOT_FOUND)'),
  },
});

function summaryOf(row: PolicyVersionRecord) {
  return {
    kind: row.kind,
    version: row.version,
    title: row.title,
    effectiveAt: row.effectiveAt?.toISOString() ?? null,
    publishedAt: row.publishedAt?.toISOString() ?? null,
    significant: row.significant,
    keyChanges: row.keyChanges,
    path: versionPath(row.kind, row.version),
  };
}
const viewOf = (row: PolicyVersionRecord) => ({ ...summaryOf(row), body: row.body });

function requireOperator(c: Context<AppEnv>): CurrentUser {
  // A signed-in browser only, as for the outbox: publishing emails every account.
  const { user } = requireSession(c);
  if (!user.operator) throw forbidden('Only the operator of this instance can manage its policies.', { code: 'OPERATOR_ONLY' });
  return user;
}

function draftFields(body: z.infer<typeof DraftBody>) {
  return {
    title: body.title,
    body: body.body,
    effectiveAt: body.effectiveAt ? new Date(body.effectiveAt) : null,
    significant: body.significant ?? false,
    keyChanges: body.keyChanges ?? [],
  };
}

export function registerPolicyRoutes(
  app: OpenAPIHono<AppEnv>,
  deps: { policies: PolicyService; findAccount: (id: string) => Promise<{ id: string; createdAt: Date } | undefined> },
): void {
  const { policies } = deps;

  app.openapi(overviewRoute, async (c) => {
    const overview = await policies.overview();
    return c.json(
      { policies: overview.map(({ kind, current }) => ({ kind, name: POLICY_NAMES[kind], current: current && summaryOf(current) })) },
      200,
    );
  });

  app.openapi(currentRoute, async (c) => c.json(viewOf(await policies.current(c.req.valid('param').kind)), 200));

  app.openapi(archiveRoute, async (c) => {
    const { kind } = c.req.valid('param');
    return c.json({ kind, name: POLICY_NAMES[kind], versions: (await policies.archive(kind)).map(summaryOf) }, 200);
  });

  app.openapi(versionRoute, async (c) => {
    const { kind, version } = c.req.valid('param');
    return c.json(viewOf(await policies.version(kind, version, c.get('user')?.operator === true)), 200);
  });

  app.openapi(createDraftRoute, async (c) => {
    requireOperator(c);
    const row = await policies.createDraft(c.req.valid('param').kind, draftFields(c.req.valid('json')));
    return c.json(viewOf(row), 201);
  });

  app.openapi(updateDraftRoute, async (c) => {
    requireOperator(c);
    const { kind, version } = c.req.valid('param');
    const body = c.req.valid('json');
    const fields = {
      ...(body.title !== undefined && { title: body.title }),
      ...(body.body !== undefined && { body: body.body }),
      ...(body.effectiveAt !== undefined && { effectiveAt: body.effectiveAt ? new Date(body.effectiveAt) : null }),
      ...(body.significant !== undefined && { significant: body.significant }),
      ...(body.keyChanges !== undefined && { keyChanges: body.keyChanges }),
    };
    return c.json(viewOf(await policies.updateDraft(kind, version, fields)), 200);
  });

  app.openapi(deleteDraftRoute, async (c) => {
    requireOperator(c);
    const { kind, version } = c.req.valid('param');
    await policies.deleteDraft(kind, version);
    return c.body(null, 204);
  });

  app.openapi(publishRoute, async (c) => {
    const user = requireOperator(c);
    const { kind, version } = c.req.valid('param');
    return c.json(viewOf(await policies.publish(kind, version, user.id)), 200);
  });

  app.openapi(adminListRoute, async (c) => {
    requireOperator(c);
    const rows = await policies.all();
    return c.json(
      {
        versions: rows.map((row) => ({
          ...viewOf(row),
          announcement:
            row.significant && row.publishedAt
              ? { sent: row.announcedCount, finishedAt: row.announcementFinishedAt?.toISOString() ?? null }
              : null,
        })),
      },
      200,
    );
  });

  app.openapi(noticesRoute, async (c) => {
    const user = c.get('user');
    const viewer = user ? await deps.findAccount(user.id) : undefined;
    const notices = await policies.notices(viewer);
    return c.json(
      {
        notices: notices.map(({ version: row, acknowledgeable }) => ({
          kind: row.kind,
          name: POLICY_NAMES[row.kind],
          version: row.version,
          title: row.title,
          effectiveAt: row.effectiveAt!.toISOString(),
          keyChanges: row.keyChanges,
          path: versionPath(row.kind, row.version),
          acknowledgeable,
        })),
      },
      200,
    );
  });

  app.openapi(acknowledgeRoute, async (c) => {
    const user = requireUser(c);
    const { kind, version } = c.req.valid('param');
    await policies.acknowledge(user.id, kind, version);
    return c.body(null, 204);
  });
}
