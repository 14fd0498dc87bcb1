import { createRoute, z } from '@hono/zod-openapi';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { badRequest } from '../../errors.ts';
import { requireUser } from '../../http/auth.ts';
import type { AppEnv } from '../../http/env.ts';
import { problemResponse } from '../../http/openapi.ts';
import { findCardNumbers, containsCardNumber } from './card-numbers.ts';
import { BILLING_PLANS } from './schema.ts';
import type { BillingService, BillingView } from './service.ts';

const json = <T extends z.ZodType>(schema: T) => ({ 'application/json': { schema } });
const Slug = z.object({ slug: z.string().min(1).max(100) });
const Text = (max: number) => z.string().trim().max(max, `must be at most ${max} characters`);

export const CARD_DATA_MESSAGE =
  'Postern never stores payment card data. Remove the card number; card details belong with a payment processor, which keeps them and bills the team.';

const ContactInput = z
  .union([
    z.strictObject({ username: Text(100).min(1, 'is required') }).openapi({ description: 'A member of the team' }),
    z.strictObject({ name: Text(200).min(1, 'is required'), email: z.string().trim().max(254).email('must be an email address') }).openapi({ description: 'Someone outside the team' }),
    z.null(),
  ])
  .openapi({ description: 'The billing contact: a team member by username, or a name and email address; null for none.' });

const BillingBody = z
  .strictObject({
    plan: z.enum(BILLING_PLANS),
    seats: z.number().int('must be a whole number').min(0).max(1_000_000).nullable().default(null),
    renewalDate: z.string().date('must be a date such as 2027-01-31').nullable().default(null),
    contact: ContactInput.default(null),
  })
  .openapi('TeamBillingInput');

const BillingSchema = z
  .object({
    plan: z.enum(BILLING_PLANS),
    seats: z.number().int().nullable(),
    renewalDate: z.string().nullable(),
    contact: z
      .union([
        z.object({ kind: z.literal('member'), username: z.string(), displayName: z.string().nullable() }),
        z.object({ kind: z.literal('email'), name: z.string(), email: z.string() }),
      ])
      .nullable(),
    updatedAt: z.string().nullable(),
  })
  .openapi('TeamBilling');

const view = (b: BillingView) => ({ ...b, updatedAt: b.updatedAt?.toISOString() ?? null });

const signedIn: Record<string, string[]>[] = [{ session: [] }, { apiKey: [] }];
const errors = {
  401: problemResponse('UNAUTHENTICATED'),
  403: problemResponse('TEAM_ROLE_REQUIRED (only the owner), CSRF_TOKEN_INVALID'),
  404: problemResponse('TEAM_NOT_FOUND'),
};

const getRoute = createRoute({
  method: 'get',
  path: '/api/teams/{slug}/billing',
  tags: ['teams'],
  summary: "The team's billing contact and plan (P4); owner only",
  security: signedIn,
  request: { params: Slug },
  responses: { 200: { description: 'Billing records', content: json(BillingSchema) }, ...errors },
});

const putRoute = createRoute({
  method: 'put',
  path: '/api/teams/{slug}/billing',
  tags: ['teams'],
  summary: "Record the team's plan and billing contact; owner only. Card numbers are refused anywhere in the body: Postern never stores card data",
  security: signedIn,
  request: { params: Slug, body: { required: true, content: json(BillingBody) } },
  responses: {
    200: { description: 'Billing records', content: json(BillingSchema) },
    400: problemResponse('CARD_DATA_REFUSED (a card number anywhere in the body), VALIDATION_FAILED, CONTACT_NOT_MEMBER'),
    ...errors,
  },
});

/**
 * Refuses a billing body holding anything that looks like a card number, before validation, so the
 * answer is the same whether the number sits in a known field, an unknown one, or a key.
 */
export function refuseCardData(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (c.req.method === 'PUT' || c.req.method === 'POST' || c.req.method === 'PATCH') {
      const raw = await c.req.text();
      let paths: string[] = [];
      try {
        paths = findCardNumbers(JSON.parse(raw));
      } catch {
        // Not JSON: validation answers that; the raw text is still checked below.
      }
      if (paths.length === 0 && containsCardNumber(raw)) paths = ['body'];
      if (paths.length > 0) {
        throw badRequest(CARD_DATA_MESSAGE, { code: 'CARD_DATA_REFUSED', errors: paths.map((path) => ({ path, message: 'looks like a payment card number' })) });
      }
    }
    await next();
  };
}

export function registerBillingRoutes(app: OpenAPIHono<AppEnv>, { billing }: { billing: BillingService }): void {
  app.use('/api/teams/:slug/billing', refuseCardData());
  app.openapi(getRoute, async (c) => c.json(view(await billing.get(c.req.valid('param').slug, requireUser(c).id)), 200));
  app.openapi(putRoute, async (c) => {
    const body = c.req.valid('json');
    return c.json(view(await billing.set(c.req.valid('param').slug, requireUser(c).id, body)), 200);
  });
}
