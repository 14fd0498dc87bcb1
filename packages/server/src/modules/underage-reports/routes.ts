import { createRoute, z } from '@hono/zod-openapi';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { forbidden } from '../../errors.ts';
import { requireSession } from '../../http/auth.ts';
import type { AppEnv, CurrentUser } from '../../http/env.ts';
import { problemResponse } from '../../http/openapi.ts';
import type { UnderageReportService } from './service.ts';
import type { UnderageReportView } from './store.ts';

const UsernameParam = z.object({ username: z.string().regex(/^[A-Za-z0-9_-]{3,39}$/, 'must be a username') });
const IdParam = z.object({ id: z.string().uuid('must be a report id') });
const Status = z.enum(['open', 'confirmed', 'dismissed']);

const ReportBody = z
  .strictObject({
    note: z
      .string()
      .trim()
      .max(2000, 'must be at most 2000 characters')
      .optional()
      .openapi({ description: 'Why you think so; optional. The operator reads it.' }),
  })
  .openapi('UnderageReportInput');

const UnderageReportSchema = z
  .object({
    id: z.string().uuid(),
    status: Status,
    note: z.string().nullable(),
    reportedBy: z.string().nullable().openapi({ description: "The reporter's username; null when they were not signed in." }),
    createdAt: z.string().openapi({ format: 'date-time' }),
    reviewedAt: z.string().nullable().openapi({ format: 'date-time' }),
    account: z.object({
      username: z.string(),
      createdAt: z.string().openapi({ format: 'date-time' }),
      suspendedAt: z.string().nullable().openapi({ format: 'date-time' }),
      deletionScheduledFor: z.string().nullable().openapi({ format: 'date-time' }),
    }),
    ageCheckRecord: z.null().openapi({
      description: 'Always null: sign-up checks the birth date and country against the minimum age and stores neither (P7).',
    }),
  })
  .openapi('UnderageReport');

const json = <T extends z.ZodType>(schema: T) => ({ 'application/json': { schema } });
const operatorOnly = {
  401: problemResponse('Not signed in (UNAUTHENTICATED)'),
  403: problemResponse('Not the operator (OPERATOR_ONLY), or CSRF_TOKEN_INVALID'),
};

const reportRoute = createRoute({
  method: 'post',
  path: '/api/accounts/{username}/underage-reports',
  tags: ['underage-reports'],
  summary: 'Report that an account belongs to a child (P7); no sign-in needed',
  request: { params: UsernameParam, body: { required: false, content: json(ReportBody) } },
  responses: {
    202: { description: 'Received; the operator reviews it', content: json(z.object({ received: z.literal(true) })) },
    400: problemResponse('Invalid input (VALIDATION_FAILED)'),
    403: problemResponse('CSRF_TOKEN_INVALID (signed-in browsers send the token)'),
    404: problemResponse('No such account (ACCOUNT_NOT_FOUND)'),
    429: problemResponse('Too many reports from this address (RATE_LIMITED)'),
  },
});

const listRoute = createRoute({
  method: 'get',
  path: '/api/admin/underage-reports',
  tags: ['admin'],
  summary: 'Reports of child accounts, open ones first; operator only',
  security: [{ session: [] }],
  request: { query: z.object({ status: Status.optional() }) },
  responses: {
    200: { description: 'At most 200 reports', content: json(z.object({ reports: z.array(UnderageReportSchema) })) },
    ...operatorOnly,
  },
});

const reviewRoute = (action: 'confirm' | 'dismiss') =>
  createRoute({
    method: 'post',
    path: `/api/admin/underage-reports/{id}/${action}`,
    tags: ['admin'],
    summary:
      action === 'confirm'
        ? 'Confirm: suspend the account at once, end its sessions, schedule its deletion and email its holder; operator only'
        : 'Dismiss: the account stays as it is; operator only',
    security: [{ session: [] }],
    request: { params: IdParam },
    responses: {
      200: { description: 'The reviewed report', content: json(UnderageReportSchema) },
      ...operatorOnly,
      404: problemResponse('No such report (REPORT_NOT_FOUND)'),
      409: problemResponse('Already reviewed (REPORT_ALREADY_REVIEWED), or the account is the operator’s (CANNOT_SUSPEND_OPERATOR)'),
    },
  });

function viewOf(r: UnderageReportView) {
  return {
    id: r.id,
    status: r.status,
    note: r.note,
    reportedBy: r.reporterUsername,
    createdAt: r.createdAt.toISOString(),
    reviewedAt: r.reviewedAt?.toISOString() ?? null,
    account: {
      username: r.account.username,
      createdAt: r.account.createdAt.toISOString(),
      suspendedAt: r.account.suspendedAt?.toISOString() ?? null,
      deletionScheduledFor: r.account.deletionScheduledFor?.toISOString() ?? null,
    },
    ageCheckRecord: null,
  };
}

function requireOperator(c: Context<AppEnv>): CurrentUser {
  const { user } = requireSession(c);
  if (!user.operator) throw forbidden('Only the operator of this instance can review reports.', { code: 'OPERATOR_ONLY' });
  return user;
}

export function registerUnderageReportRoutes(app: OpenAPIHono<AppEnv>, deps: { reports: UnderageReportService }): void {
  app.openapi(reportRoute, async (c) => {
    // The body is optional: without a JSON body there is no note.
    const note = (c.req.valid('json') as z.infer<typeof ReportBody> | undefined)?.note || null;
    await deps.reports.report(c.req.valid('param').username, {
      note,
      reporterId: c.get('user')?.id ?? null,
      clientAddress: c.get('clientAddress'),
    });
    return c.json({ received: true as const }, 202);
  });

  app.openapi(listRoute, async (c) => {
    requireOperator(c);
    const reports = await deps.reports.list(c.req.valid('query').status, 200);
    return c.json({ reports: reports.map(viewOf) }, 200);
  });

  app.openapi(reviewRoute('confirm'), async (c) => {
    const user = requireOperator(c);
    return c.json(viewOf(await deps.reports.confirm(c.req.valid('param').id, user.id)), 200);
  });

  app.openapi(reviewRoute('dismiss'), async (c) => {
    const user = requireOperator(c);
    return c.json(viewOf(await deps.reports.dismiss(c.req.valid('param').id, user.id)), 200);
  });
}
