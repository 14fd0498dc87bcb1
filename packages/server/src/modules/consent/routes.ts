import { createRoute, z } from '@hono/zod-openapi';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { forbidden } from '../../errors.ts';
import { requireUser } from '../../http/auth.ts';
import type { AppEnv } from '../../http/env.ts';
import { problemResponse } from '../../http/openapi.ts';
import { CONSENT_COOKIE, CONSENT_COOKIE_DAYS, STORAGE_REGISTRY } from './registry.ts';
import type { ConsentState, ConsentService, ConsentSubject, RequestMeta } from './service.ts';
import type { ConsentRecord } from './store.ts';

/**
 * Whose choices a request carries: the signed-in account, the consent cookie, and Global Privacy
 * Control. `DNT: 1` counts as `Sec-GPC: 1` (P27): both say "do not track or share me".
 */
export function consentSubject(c: Context<AppEnv>): ConsentSubject {
  const accountId = c.get('user')?.id;
  const consentCookie = getCookie(c, CONSENT_COOKIE);
  return {
    ...(accountId && { accountId }),
    ...(consentCookie && { consentCookie }),
    gpc: c.req.header('Sec-GPC')?.trim() === '1' || c.req.header('DNT')?.trim() === '1',
  };
}

function requestMeta(c: Context<AppEnv>): RequestMeta {
  const clientAddress = c.get('clientAddress');
  const userAgent = c.req.header('User-Agent');
  return { ...(clientAddress && { clientAddress }), ...(userAgent && { userAgent }) };
}

/**
 * Anonymous visitors have no session, hence no CSRF token, yet a forged "Accept all" from another
 * site must not count as their consent. A JSON body cannot be sent cross-origin without a CORS
 * preflight (which this server never grants), and browsers label cross-site requests with
 * Sec-Fetch-Site and Origin: any of these failing refuses the request. Signed-in requests also
 * pass the usual double-submit check (csrfProtection in app.ts).
 */
function requireSameOrigin(c: Context<AppEnv>): void {
  const site = c.req.header('Sec-Fetch-Site');
  const origin = c.req.header('Origin');
  // The address this request reached, as the browser named it (the Host header).
  const host = new URL(c.req.url).host.toLowerCase();
  const crossOrigin =
    (site !== undefined && site !== 'same-origin' && site !== 'none') || (origin !== undefined && safeHost(origin) !== host);
  const json = /^application\/json\b/i.test(c.req.header('Content-Type') ?? '');
  if (crossOrigin || !json) {
    throw forbidden('Privacy choices can only be made from this site, as JSON.', { code: 'CROSS_SITE_REQUEST' });
  }
}

function safeHost(origin: string): string | undefined {
  try {
    return new URL(origin).host.toLowerCase();
  } catch {
    return undefined;
  }
}

const json = <T extends z.ZodType>(schema: T) => ({ 'application/json': { schema } });

const Choice = z.object({ consent: z.boolean(), legitimateInterest: z.boolean() });
const Choices = z
  .strictObject({ functional: Choice, performance: Choice, targeting: Choice })
  .openapi('ConsentChoices', { description: 'Per optional category: consent given, and legitimate interest not objected to.' });
const Method = z.enum(['banner', 'preference_center', 'gpc', 'api']);

const RecordSchema = z
  .object({
    id: z.string().uuid(),
    choices: Choices,
    policyRevision: z.number().int().openapi({ description: 'The cookie policy revision the choices were made under (0: none yet).' }),
    method: Method,
    gpc: z.boolean().openapi({ description: 'Global Privacy Control (or DNT) was known when this was recorded.' }),
    userAgentFamily: z.string().nullable(),
    createdAt: z.string().openapi({ format: 'date-time' }),
  })
  .openapi('ConsentRecord');

const StateSchema = z
  .object({
    record: RecordSchema.nullable(),
    choices: Choices,
    needsChoice: z.boolean().openapi({ description: 'No choice yet, or the cookie policy changed since: ask (again).' }),
    currentRevision: z.number().int(),
    gpc: z.boolean(),
    doNotSellOrShare: z.boolean().openapi({ description: 'Targeting refused, by choice or by GPC / DNT (P27).' }),
    sellsPersonalData: z.literal(false).openapi({ description: 'Postern sells and shares no personal data, whatever the choice.' }),
  })
  .openapi('ConsentState');

const DecisionBody = z
  .strictObject({
    choices: Choices,
    method: z.enum(['banner', 'preference_center', 'api']).default('api'),
  })
  .openapi('ConsentDecision');

const Entry = z.object({
  name: z.string(),
  provider: z.string(),
  purpose: z.string(),
  lifetime: z.string(),
  kind: z.enum(['cookie', 'localStorage', 'sessionStorage']),
});
const StorageSchema = z
  .object({
    categories: z.array(
      z.object({
        id: z.enum(['necessary', 'functional', 'performance', 'targeting']),
        name: z.string(),
        description: z.string(),
        consentUses: z.string().nullable(),
        legitimateInterestUses: z.string().nullable(),
        entries: z.array(Entry),
        emptyNote: z.string().nullable(),
      }),
    ),
  })
  .openapi('StorageRegistry');

const storageRoute = createRoute({
  method: 'get',
  path: '/api/privacy/storage',
  tags: ['privacy'],
  summary: 'Every cookie and browser storage entry Postern sets, per category (P20); no sign-in needed',
  responses: { 200: { description: 'The registry', content: json(StorageSchema) } },
});

const stateRoute = createRoute({
  method: 'get',
  path: '/api/privacy/consent',
  tags: ['privacy'],
  summary:
    'The cookie and tracking choices in force for this browser or account (P20). Records Sec-GPC / DNT the first time it is seen, and ties an anonymous choice to the account signed in',
  responses: { 200: { description: 'The choices in force', content: json(StateSchema) } },
});

const decideRoute = createRoute({
  method: 'post',
  path: '/api/privacy/consent',
  tags: ['privacy'],
  summary: 'Record a cookie and tracking decision (P20); no sign-in needed. Sets the postern_consent cookie',
  request: { body: { required: true, content: json(DecisionBody) } },
  responses: {
    201: { description: 'Recorded', content: json(StateSchema) },
    400: problemResponse('Invalid input (VALIDATION_FAILED)'),
    403: problemResponse('Sent from another site or not as JSON (CROSS_SITE_REQUEST), or CSRF_TOKEN_INVALID'),
  },
});

const gpcRoute = createRoute({
  method: 'post',
  path: '/api/privacy/gpc',
  tags: ['privacy'],
  summary:
    'The web app reports navigator.globalPrivacyControl (P27): recorded as a Sec-GPC header would be, once per browser or account. Send `{}` as JSON',
  request: { body: { required: true, content: json(z.strictObject({})) } },
  responses: {
    200: { description: 'The choices in force', content: json(StateSchema) },
    403: problemResponse('Sent from another site (CROSS_SITE_REQUEST), or CSRF_TOKEN_INVALID'),
  },
});

const myRecordsRoute = createRoute({
  method: 'get',
  path: '/api/me/consents',
  tags: ['privacy'],
  summary: "The signed-in person's consent records, newest first (P20)",
  security: [{ session: [] }, { apiKey: [] }],
  responses: {
    200: { description: 'At most 200 records', content: json(z.object({ records: z.array(RecordSchema) })) },
    401: problemResponse('Not signed in (UNAUTHENTICATED)'),
  },
});

function recordView(r: ConsentRecord) {
  return {
    id: r.id,
    choices: r.choices,
    policyRevision: r.policyRevision,
    method: r.method,
    gpc: r.gpc,
    userAgentFamily: r.userAgentFamily,
    createdAt: r.createdAt.toISOString(),
  };
}

function stateView(s: ConsentState) {
  return {
    record: s.record && recordView(s.record),
    choices: s.choices,
    needsChoice: s.needsChoice,
    currentRevision: s.currentRevision,
    gpc: s.gpc,
    doNotSellOrShare: s.doNotSellOrShare,
    sellsPersonalData: false as const,
  };
}

/** The GPC support resource (https://privacycg.github.io/gpc-spec/#gpc-support-resource). */
export const GPC_SUPPORT = { gpc: true, lastUpdate: '2026-11-29' };

export function registerConsentRoutes(app: OpenAPIHono<AppEnv>, deps: { consent: ConsentService; secureCookies: boolean }): void {
  const setConsentCookie = (c: Context<AppEnv>, value: string) =>
    // Readable by the web app (it holds no secret: the server trusts only the record it names), so
    // the page knows its choices before its first request returns.
    setCookie(c, CONSENT_COOKIE, value, {
      path: '/',
      sameSite: 'Lax',
      secure: deps.secureCookies,
      httpOnly: false,
      maxAge: CONSENT_COOKIE_DAYS * 24 * 60 * 60,
    });

  app.openapi(storageRoute, (c) => c.json({ categories: STORAGE_REGISTRY.map((category) => ({ ...category })) }, 200));

  app.openapi(stateRoute, async (c) => {
    const state = await deps.consent.current(consentSubject(c), requestMeta(c));
    if (state.cookie) setConsentCookie(c, state.cookie);
    c.header('Cache-Control', 'no-store');
    return c.json(stateView(state), 200);
  });

  app.openapi(decideRoute, async (c) => {
    requireSameOrigin(c);
    const body = c.req.valid('json');
    const decision = await deps.consent.decide(consentSubject(c), requestMeta(c), body);
    setConsentCookie(c, decision.cookie);
    return c.json(stateView(decision.state), 201);
  });

  app.openapi(gpcRoute, async (c) => {
    requireSameOrigin(c);
    const state = await deps.consent.signalGpc(consentSubject(c), requestMeta(c));
    if (state.cookie) setConsentCookie(c, state.cookie);
    return c.json(stateView(state), 200);
  });

  app.openapi(myRecordsRoute, async (c) => {
    const user = requireUser(c);
    const records = await deps.consent.listOfAccount(user.id);
    return c.json({ records: records.map(recordView) }, 200);
  });

  app.get('/.well-known/gpc.json', (c) => {
    c.header('Cache-Control', 'public, max-age=86400');
    return c.json(GPC_SUPPORT, 200);
  });
}
