import { createRoute, z } from '@hono/zod-openapi';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { requireUser } from '../../http/auth.ts';
import type { AppEnv } from '../../http/env.ts';
import { problemResponse } from '../../http/openapi.ts';
import type { RestrictionService } from './service.ts';

const json = <T extends z.ZodType>(schema: T) => ({ 'application/json': { schema } });

const RestrictionsSchema = z
  .object({
    marketing: z.boolean().openapi({ description: 'No marketing (product news) is sent to you, whatever your notification switches.' }),
    analytics: z.boolean().openapi({ description: 'No usage analytics are recorded from your account, whatever your cookie choices.' }),
    personalisation: z
      .boolean()
      .openapi({ description: 'Postern has no personalisation today; the switch is kept and applies to any future one.' }),
    updatedAt: z.string().nullable().openapi({ format: 'date-time' }),
  })
  .openapi('DataRestrictions');

const signedIn: { security: Record<string, string[]>[] } = { security: [{ session: [] }, { apiKey: [] }] };

const RestrictionsChange = z
  .strictObject({ marketing: z.boolean(), analytics: z.boolean(), personalisation: z.boolean() })
  .openapi('DataRestrictionsChange');

const getRoute = createRoute({
  method: 'get',
  path: '/api/me/restrictions',
  tags: ['privacy'],
  summary: 'Your restrictions of use of your data: marketing, analytics, personalisation (P25)',
  ...signedIn,
  responses: {
    200: { description: 'The switches (all off unless you turned one on)', content: json(RestrictionsSchema) },
    401: problemResponse('Not signed in (UNAUTHENTICATED)'),
  },
});

const putRoute = createRoute({
  method: 'put',
  path: '/api/me/restrictions',
  tags: ['privacy'],
  summary: 'Set the restrictions of use (P25): all three switches; turning one off is the same call as turning it on',
  ...signedIn,
  request: {
    body: {
      required: true,
      content: json(RestrictionsChange),
    },
  },
  responses: {
    200: { description: 'The switches now in force', content: json(RestrictionsSchema) },
    400: problemResponse('VALIDATION_FAILED'),
    401: problemResponse('Not signed in (UNAUTHENTICATED)'),
    403: problemResponse('CSRF_TOKEN_INVALID or a read-only API key'),
  },
});

const view = (r: { marketing: boolean; analytics: boolean; personalisation: boolean; updatedAt: Date | null }) => ({
  marketing: r.marketing,
  analytics: r.analytics,
  personalisation: r.personalisation,
  updatedAt: r.updatedAt?.toISOString() ?? null,
});

export function registerRestrictionRoutes(app: OpenAPIHono<AppEnv>, { restrictions }: { restrictions: RestrictionService }): void {
  app.openapi(getRoute, async (c) => c.json(view(await restrictions.get(requireUser(c).id)), 200));
  app.openapi(putRoute, async (c) => {
    const body = c.req.valid('json');
    return c.json(view(await restrictions.update(requireUser(c).id, body)), 200);
  });
}
