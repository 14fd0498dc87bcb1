import { createRoute, z } from '@hono/zod-openapi';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { requireSession, requireUser } from '../../http/auth.ts';
import type { AppEnv } from '../../http/env.ts';
import { problemResponse } from '../../http/openapi.ts';
import { TeamSlug } from '../teams/slug.ts';
import { DEFAULT_NOTICE_DAYS } from './service.ts';
import type { DomainView, TeamDomainService } from './service.ts';

const DomainName = z.string().trim().min(1).max(253).openapi({ example: 'example.com' });
const Username = z.string().regex(/^[A-Za-z0-9_-]{3,39}$/, 'must be a username');
const SlugParams = z.object({ slug: TeamSlug });
const DomainParams = SlugParams.extend({ domain: DomainName });
const MemberParams = SlugParams.extend({ username: Username });

const DomainSchema = z
  .object({
    domain: z.string(),
    status: z.enum(['pending', 'verified']),
    record: z.object({ name: z.string(), type: z.literal('TXT'), value: z.string() }).openapi({ description: 'The DNS record that proves control.' }),
    addedAt: z.string().openapi({ format: 'date-time' }),
    verifiedAt: z.string().nullable().openapi({ format: 'date-time' }),
    lastCheckedAt: z.string().nullable().openapi({ format: 'date-time' }),
    capture: z
      .object({
        startedAt: z.string().openapi({ format: 'date-time' }),
        noticeDays: z.number().int(),
        effectiveAt: z.string().openapi({ format: 'date-time' }),
        notifiedAccounts: z.number().int(),
        managedAccounts: z.number().int(),
      })
      .nullable(),
  })
  .openapi('TeamDomain');

const ApprovalSchema = z
  .object({
    username: z.string(),
    displayName: z.string().nullable(),
    currentEmail: z.string().openapi({ description: 'Masked unless in one of the team’s verified domains (P12).' }),
    newEmail: z.string().openapi({ description: 'Masked unless in one of the team’s verified domains (P12).' }),
    requestedAt: z.string().openapi({ format: 'date-time' }),
  })
  .openapi('EmailChangeApproval');

const MyStatusSchema = z
  .object({
    managedBy: z
      .object({ team: z.string(), domain: z.string(), effectiveAt: z.string().openapi({ format: 'date-time' }), active: z.boolean() })
      .nullable()
      .openapi({ description: 'The team managing your account (P11); `active` false while the notice runs.' }),
    pendingApproval: z.string().nullable().openapi({ description: 'The new address of your email change waiting for approval.' }),
  })
  .openapi('ManagedAccountStatus');

const LookupSchema = z
  .object({
    domain: z.string(),
    team: z.string().nullable().openapi({ description: 'The team that verified the domain, if any.' }),
    managed: z.boolean().openapi({ description: 'Whether that team manages accounts in the domain.' }),
  })
  .openapi('DomainLookup');

const AddBody = z.object({ domain: DomainName }).openapi('NewTeamDomain');
const CaptureBody = z
  .object({
    noticeDays: z.number().int().min(1, 'must be at least 1 day').max(90, 'must be at most 90 days').default(DEFAULT_NOTICE_DAYS),
    contact: z.string().trim().max(200).optional().openapi({ description: 'Who people can ask, named in the notice (e.g. your IT desk).' }),
  })
  .openapi('DomainCapture');

function toDomainView(v: DomainView): z.infer<typeof DomainSchema> {
  const d = v.domain;
  return {
    domain: d.domain,
    status: d.verifiedAt ? 'verified' : 'pending',
    record: v.record,
    addedAt: d.createdAt.toISOString(),
    verifiedAt: d.verifiedAt?.toISOString() ?? null,
    lastCheckedAt: d.lastCheckedAt?.toISOString() ?? null,
    capture:
      d.captureStartedAt && d.captureEffectiveAt
        ? {
            startedAt: d.captureStartedAt.toISOString(),
            noticeDays: d.captureNoticeDays ?? 0,
            effectiveAt: d.captureEffectiveAt.toISOString(),
            notifiedAccounts: v.notified,
            managedAccounts: v.managed,
          }
        : null,
  };
}

const json = <T extends z.ZodType>(schema: T) => ({ content: { 'application/json': { schema } } });
const signedIn = { security: [{ session: [] }] };
const denied = {
  400: problemResponse('Invalid input (VALIDATION_FAILED)'),
  401: problemResponse('Not signed in (UNAUTHENTICATED)'),
  403: problemResponse('Your team role is too low (TEAM_ROLE_REQUIRED) or CSRF_TOKEN_INVALID'),
  404: problemResponse('Not a team you belong to (TEAM_NOT_FOUND), or DOMAIN_NOT_FOUND / NO_PENDING_APPROVAL'),
};
const route = <R extends Parameters<typeof createRoute>[0]>(r: R) => createRoute({ tags: ['teams'], ...signedIn, ...r });

const listRoute = route({
  method: 'get',
  path: '/api/teams/{slug}/domains',
  summary: "The team's email domains with their TXT records and capture (owner, admin)",
  request: { params: SlugParams },
  responses: { 200: { description: 'The domains', ...json(z.object({ items: z.array(DomainSchema) })) }, ...denied },
});
const addRoute = route({
  method: 'post',
  path: '/api/teams/{slug}/domains',
  summary: 'Add an email domain; answers the TXT record to publish (owner, admin)',
  request: { params: SlugParams, body: { required: true, ...json(AddBody) } },
  responses: { 201: { description: 'Added, pending verification', ...json(DomainSchema) }, ...denied, 409: problemResponse('DOMAIN_ALREADY_ADDED') },
});
const verifyRoute = route({
  method: 'post',
  path: '/api/teams/{slug}/domains/{domain}/verify',
  summary: 'Look the TXT record up (again) and mark the domain verified (owner, admin)',
  request: { params: DomainParams },
  responses: {
    200: { description: 'Verified', ...json(DomainSchema) },
    ...denied,
    409: problemResponse('Another team verified it (DOMAIN_VERIFIED_BY_ANOTHER_TEAM)'),
    422: problemResponse('Not verified: DNS_NAME_NOT_FOUND, DNS_RECORD_MISSING or DNS_RECORD_MISMATCH'),
    502: problemResponse('The DNS lookup failed (DNS_LOOKUP_FAILED)'),
  },
});
const removeRoute = route({
  method: 'delete',
  path: '/api/teams/{slug}/domains/{domain}',
  summary: 'Remove a domain; accounts managed through it are released (owner, admin)',
  request: { params: DomainParams },
  responses: { 204: { description: 'Removed' }, ...denied },
});
const captureRoute = route({
  method: 'post',
  path: '/api/teams/{slug}/domains/{domain}/capture',
  summary: 'Start managing the accounts in a verified domain after a notice period; everyone affected is told now (owner)',
  request: { params: DomainParams, body: { required: true, ...json(CaptureBody) } },
  responses: {
    200: { description: 'Capture started', ...json(DomainSchema) },
    ...denied,
    409: problemResponse('DOMAIN_NOT_VERIFIED or CAPTURE_ALREADY_STARTED'),
  },
});
const approvalsRoute = route({
  method: 'get',
  path: '/api/teams/{slug}/email-change-approvals',
  summary: 'Email changes of managed accounts waiting for approval (owner, admin)',
  request: { params: SlugParams },
  responses: { 200: { description: 'Waiting changes, oldest first', ...json(z.object({ items: z.array(ApprovalSchema) })) }, ...denied },
});
const approveRoute = route({
  method: 'post',
  path: '/api/teams/{slug}/email-change-approvals/{username}/approve',
  summary: 'Approve a managed member’s email change; the confirmation link goes to the new address (owner, admin)',
  request: { params: MemberParams },
  responses: { 204: { description: 'Approved' }, ...denied, 409: problemResponse('The address was taken meanwhile (EMAIL_TAKEN)') },
});
const denyRoute = route({
  method: 'post',
  path: '/api/teams/{slug}/email-change-approvals/{username}/deny',
  summary: 'Refuse a managed member’s email change; they are told (owner, admin)',
  request: { params: MemberParams },
  responses: { 204: { description: 'Refused' }, ...denied },
});
const myStatusRoute = route({
  method: 'get',
  path: '/api/me/managed-account',
  tags: ['accounts'],
  summary: 'Whether a team manages your account (P11) and an email change waiting for its approval',
  responses: { 200: { description: 'Your status', ...json(MyStatusSchema) }, 401: denied[401] },
});
const lookupRoute = createRoute({
  method: 'get',
  path: '/api/team-domains/lookup',
  tags: ['accounts'],
  summary: 'Which team, if any, verified the domain of an address (for the warnings at sign-up and email change)',
  request: { query: z.object({ email: z.string().max(254).openapi({ example: 'ada@example.com' }) }) },
  responses: { 200: { description: 'The domain and its team', ...json(LookupSchema) }, 400: denied[400] },
});

export function registerTeamDomainRoutes(app: OpenAPIHono<AppEnv>, deps: { domains: TeamDomainService }): void {
  const { domains } = deps;
  app.openapi(listRoute, async (c) => {
    const items = await domains.list(requireUser(c), c.req.valid('param').slug);
    return c.json({ items: items.map(toDomainView) }, 200);
  });
  app.openapi(addRoute, async (c) => {
    return c.json(toDomainView(await domains.add(requireUser(c), c.req.valid('param').slug, c.req.valid('json').domain)), 201);
  });
  app.openapi(verifyRoute, async (c) => {
    const { slug, domain } = c.req.valid('param');
    return c.json(toDomainView(await domains.verify(requireUser(c), slug, domain)), 200);
  });
  app.openapi(removeRoute, async (c) => {
    const { slug, domain } = c.req.valid('param');
    await domains.remove(requireUser(c), slug, domain);
    return c.body(null, 204);
  });
  app.openapi(captureRoute, async (c) => {
    const { slug, domain } = c.req.valid('param');
    return c.json(toDomainView(await domains.startCapture(requireSession(c).user, slug, domain, c.req.valid('json'))), 200);
  });
  app.openapi(approvalsRoute, async (c) => {
    const items = await domains.approvals(requireUser(c), c.req.valid('param').slug);
    return c.json({ items: items.map((i) => ({ ...i, requestedAt: i.requestedAt.toISOString() })) }, 200);
  });
  app.openapi(approveRoute, async (c) => {
    const { slug, username } = c.req.valid('param');
    await domains.approve(requireSession(c).user, slug, username);
    return c.body(null, 204);
  });
  app.openapi(denyRoute, async (c) => {
    const { slug, username } = c.req.valid('param');
    await domains.deny(requireSession(c).user, slug, username);
    return c.body(null, 204);
  });
  app.openapi(myStatusRoute, async (c) => {
    const status = await domains.myStatus(requireUser(c).id);
    return c.json(
      { ...status, managedBy: status.managedBy && { ...status.managedBy, effectiveAt: status.managedBy.effectiveAt.toISOString() } },
      200,
    );
  });
  app.openapi(lookupRoute, async (c) => {
    return c.json(await domains.lookup(c.req.valid('query').email), 200);
  });
}
