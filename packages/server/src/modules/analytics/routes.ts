import { createRoute, z } from '@hono/zod-openapi';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { forbidden } from '../../errors.ts';
import { requireUser } from '../../http/auth.ts';
import type { AppEnv } from '../../http/env.ts';
import { problemResponse } from '../../http/openapi.ts';
import { consentSubject } from '../consent/routes.ts';
import type { AnalyticsService } from './service.ts';

const json = <T extends z.ZodType>(schema: T) => ({ 'application/json': { schema } });
const signedIn: { security: Record<string, string[]>[] } = { security: [{ session: [] }, { apiKey: [] }] };

const EventsBody = z
  .strictObject({
    events: z
      .array(
        z.strictObject({
          type: z.enum(['page_view', 'feature_used']),
          name: z.string().min(1).max(300).openapi({ description: 'The page path (query strings are dropped) or the feature name' }),
          at: z.string().max(40).optional().openapi({ format: 'date-time' }),
        }),
      )
      .min(1)
      .max(50),
  })
  .openapi('AnalyticsEvents');

const ErrorReportBody = z
  .strictObject({
    message: z.string().min(1).max(5000),
    stack: z.string().max(20_000).optional(),
    path: z.string().max(2000).optional().openapi({ description: 'The page path; a query string or fragment is dropped' }),
  })
  .openapi('ErrorReport');

const eventsRoute = createRoute({
  method: 'post',
  path: '/api/analytics/events',
  tags: ['privacy'],
  summary:
    'Usage analytics (P5): stored only with Performance consent and no analytics restriction (P25); otherwise nothing is stored. Always 204',
  request: { body: { required: true, content: json(EventsBody) } },
  responses: { 204: { description: 'Accepted (whether stored or not)' }, 400: problemResponse('VALIDATION_FAILED') },
});

const errorReportRoute = createRoute({
  method: 'post',
  path: '/api/error-reports',
  tags: ['privacy'],
  summary:
    'A web app error report (P5), scrubbed of personal data and request contents; not stored once the person objected (Performance legitimate interest off). Always 204',
  request: { body: { required: true, content: json(ErrorReportBody) } },
  responses: { 204: { description: 'Accepted (whether stored or not)' }, 400: problemResponse('VALIDATION_FAILED') },
});

const OverviewSchema = z
  .object({
    since: z.string().openapi({ format: 'date-time' }),
    daily: z.array(z.object({ day: z.string(), type: z.enum(['page_view', 'feature_used']), name: z.string(), count: z.number().int() })),
    errors: z.array(
      z.object({ id: z.string(), message: z.string(), stack: z.string().nullable(), path: z.string().nullable(), createdAt: z.string() }),
    ),
    retentionDays: z.object({ page_view: z.number().int(), feature_used: z.number().int(), error_report: z.number().int() }),
  })
  .openapi('AnalyticsOverview');

const overviewRoute = createRoute({
  method: 'get',
  path: '/api/admin/analytics',
  tags: ['admin'],
  summary: 'Usage counts per day and name, and recent error reports (last 30 days); operator only',
  ...signedIn,
  responses: {
    200: { description: 'The aggregates', content: json(OverviewSchema) },
    401: problemResponse('Not signed in (UNAUTHENTICATED)'),
    403: problemResponse('Not the operator (OPERATOR_ONLY)'),
  },
});

export function registerAnalyticsRoutes(app: OpenAPIHono<AppEnv>, { analytics }: { analytics: AnalyticsService }): void {
  // Both answer 204 whether or not anything was stored, so a client cannot tell and need not care.
  app.openapi(eventsRoute, async (c) => {
    await analytics.record(consentSubject(c), c.get('clientAddress'), c.req.valid('json').events);
    return c.body(null, 204);
  });

  app.openapi(errorReportRoute, async (c) => {
    await analytics.reportError(consentSubject(c), c.req.valid('json'));
    return c.body(null, 204);
  });

  app.openapi(overviewRoute, async (c) => {
    if (!requireUser(c).operator) throw forbidden('Only the operator of this instance can see usage analytics.', { code: 'OPERATOR_ONLY' });
    const o = await analytics.overview();
    return c.json(
      {
        since: o.since.toISOString(),
        daily: o.daily,
        errors: o.errors.map((e) => ({ id: e.id, message: e.message, stack: e.stack, path: e.path, createdAt: e.createdAt.toISOString() })),
        retentionDays: o.retentionDays,
      },
      200,
    );
  });
}
