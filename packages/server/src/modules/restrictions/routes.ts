import { createRoute, z } from '@hono/zod-openapi';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { requireUser } from '../../http/auth.ts';
import type { AppEnv } from '../../http/env.ts';
import { problemResponse } from '../../http/openapi.ts';
import type { RestrictionService } from './service.ts';
import type { ProcessingRestriction, Restrictions } from './store.ts';

const json = <T extends z.ZodType>(schema: T) => ({ 'application/json': { schema } });

const RestrictionsSchema = z
  .object({
    marketing: z.boolean().openapi({ description: 'No marketing (product news) is sent to you, whatever your notification switches.' }),
    analytics: z.boolean().openapi({ description: 'No usage analytics are recorded from your account, whatever your cookie choices.' }),
    personalisation: z
      .boolean()
      .openapi({ description: 'Postern has no personalisation today; the switch is kept and applies to any future one.' }),
    processingRestricted: z.boolean().openapi({
      description: 'Processing restricted (Art. 18): every non-essential use stops, whatever the switches above say.',
    }),
    processingRestrictedBy: z
      .enum(['person', 'staff'])
      .nullable()
      .openapi({ description: 'You, or the operator while one of your privacy requests is disputed (only the operator lifts that one).' }),
    processingRestrictedReason: z.string().nullable(),
    processingRestrictedSince: z.string().nullable().openapi({ format: 'date-time' }),
    updatedAt: z.string().nullable().openapi({ format: 'date-time' }),
  })
  .openapi('DataRestrictions');

const signedIn: { security: Record<string, string[]>[] } = { security: [{ session: [] }, { apiKey: [] }] };

const RestrictionsChange = z
  .strictObject({ marketing: z.boolean(), analytics: z.boolean(), personalisation: z.boolean() })
  .openapi('DataRestrictionsChange');

const RestrictionsPatch = z
  .strictObject({
    marketing: z.boolean().optional(),
    analytics: z.boolean().optional(),
    personalisation: z.boolean().optional(),
    processingRestricted: z.boolean().optional(),
    processingRestrictedReason: z.string().trim().max(2000, 'must be at most 2000 characters').optional(),
  })
  .openapi('DataRestrictionsPatch');

const getRoute = createRoute({
  method: 'get',
  path: '/api/me/restrictions',
  tags: ['privacy'],
  summary: 'Your restrictions of use of your data: marketing, analytics, personalisation, or all processing (P25)',
  ...signedIn,
  responses: {
    200: { description: 'The switches (all off unless you turned one on)', content: json(RestrictionsSchema) },
    401: problemResponse('Not signed in (UNAUTHENTICATED)'),
  },
});

const changeResponses = {
  200: { description: 'The switches now in force', content: json(RestrictionsSchema) },
  400: problemResponse('VALIDATION_FAILED'),
  401: problemResponse('Not signed in (UNAUTHENTICATED)'),
  403: problemResponse('CSRF_TOKEN_INVALID, a read-only API key, or PROCESSING_RESTRICTED_BY_STAFF (only the operator lifts it)'),
};

const putRoute = createRoute({
  method: 'put',
  path: '/api/me/restrictions',
  tags: ['privacy'],
  summary: 'Set the restrictions of use (P25): all three switches; turning one off is the same call as turning it on',
  ...signedIn,
  request: { body: { required: true, content: json(RestrictionsChange) } },
  responses: changeResponses,
});

const patchRoute = createRoute({
  method: 'patch',
  path: '/api/me/restrictions',
  tags: ['privacy'],
  summary: 'Change some restrictions of use (P25), including restricting all processing of your data; others stay as they are',
  ...signedIn,
  request: { body: { required: true, content: json(RestrictionsPatch) } },
  responses: changeResponses,
});

const view = (r: Restrictions & { processing: ProcessingRestriction | null; updatedAt: Date | null }) => ({
  marketing: r.marketing,
  analytics: r.analytics,
  personalisation: r.personalisation,
  processingRestricted: r.processing !== null,
  processingRestrictedBy: r.processing?.by ?? null,
  processingRestrictedReason: r.processing?.reason ?? null,
  processingRestrictedSince: r.processing?.since.toISOString() ?? null,
  updatedAt: r.updatedAt?.toISOString() ?? null,
});

export function registerRestrictionRoutes(app: OpenAPIHono<AppEnv>, { restrictions }: { restrictions: RestrictionService }): void {
  app.openapi(getRoute, async (c) => c.json(view(await restrictions.get(requireUser(c).id)), 200));
  app.openapi(putRoute, async (c) => {
    const body = c.req.valid('json');
    return c.json(view(await restrictions.update(requireUser(c).id, body)), 200);
  });
  app.openapi(patchRoute, async (c) => {
    const { processingRestricted, processingRestrictedReason, ...switches } = c.req.valid('json');
    const id = requireUser(c).id;
    if (Object.keys(switches).length > 0) await restrictions.update(id, switches);
    if (processingRestricted !== undefined) {
      await restrictions.setProcessingByPerson(id, processingRestricted, processingRestrictedReason || null);
    }
    return c.json(view(await restrictions.get(id)), 200);
  });
}
