import { createRoute, z } from '@hono/zod-openapi';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { badRequest, forbidden } from '../../errors.ts';
import { requireSession, requireUser } from '../../http/auth.ts';
import type { AppEnv, CurrentUser } from '../../http/env.ts';
import { problemResponse } from '../../http/openapi.ts';
import { requestLogCsv } from './csv.ts';
import { REQUEST_KINDS, REQUEST_LAWS, REQUEST_STATES } from './kinds.ts';
import { MAX_AUTHORIZATION_BYTES } from './service.ts';
import type { PrivacyRequestService, RequestDetail, RequestStatus } from './service.ts';

const json = <T extends z.ZodType>(schema: T) => ({ 'application/json': { schema } });
const date = () => z.string().openapi({ format: 'date-time' });

const Kind = z.enum(REQUEST_KINDS).openapi({
  description: 'access, deletion, correction, opt_out (of sale, sharing or marketing), restriction (of processing), objection (to processing)',
});
const Law = z.enum(REQUEST_LAWS).openapi({ description: 'gdpr: answer within one month; ccpa: 45 days; other: one month' });
const State = z.enum(REQUEST_STATES);
const Reference = z.object({ reference: z.string().regex(/^PR-[0-9A-Z]{4}-[0-9A-Z]{4}$/i, 'must be a request reference such as PR-7K2M-Q9XD') });
const IdParam = z.object({ id: z.string().uuid('must be a request id') });
const Text = (max: number) => z.string().trim().max(max, `must be at most ${max} characters`);
const Name = Text(200).min(1, 'is required');
const Email = z.string().trim().max(254).email('must be an email address');
const Details = Text(4000)
  .optional()
  .openapi({ description: 'What the request is about, e.g. which data to correct; optional.' });
// Base64 of at most 5 MiB (with room for padding and line breaks).
const MAX_BASE64 = Math.ceil((MAX_AUTHORIZATION_BYTES * 4) / 3) + 1024;

const PublicRequestBody = z
  .strictObject({
    kind: Kind,
    law: Law.default('other'),
    details: Details,
    name: Name.openapi({ description: "The requester's name (the agent's, for an agent)." }),
    email: Email.openapi({ description: 'Where the code and answers go (the agent’s, for an agent).' }),
    onBehalfOf: z
      .strictObject({
        name: Name,
        email: Email,
        authorization: z
          .string()
          .min(1, 'attach the signed authorization')
          // The exact 5 MiB limit is checked on the decoded bytes, with its own error code.
          .max(MAX_BASE64 * 2, 'the signed authorization may be at most 5 MiB')
          .openapi({ description: 'The signed authorization, base64: a PDF, PNG or JPEG of at most 5 MiB.' }),
      })
      .optional()
      .openapi({ description: 'Only for an authorized agent: the person the request is for, and their signed authorization.' }),
  })
  .openapi('PrivacyRequestInput');

const InAppRequestBody = z.strictObject({ kind: Kind, law: Law.default('other'), details: Details }).openapi('PrivacyRequestInAppInput');

const StatusSchema = z
  .object({
    reference: z.string(),
    kind: Kind,
    law: Law,
    state: State,
    requesterType: z.enum(['account', 'email', 'agent']),
    receivedAt: date(),
    dueAt: date(),
    extendedAt: date().nullable(),
    closedAt: date().nullable(),
    outcome: z.string().nullable().openapi({ description: 'The reason of a denial or extension, or the note of a completion.' }),
    exportUrl: z.string().nullable().openapi({ description: 'For a completed access request: your data export (sign in to download).' }),
    history: z.array(z.object({ at: date(), state: State, reason: z.string().nullable() })),
  })
  .openapi('PrivacyRequestStatus');

const EventSchema = z.object({
  at: date(),
  kind: z.enum(['transition', 'note', 'restriction']),
  actor: z.string().openapi({ description: "'requester', 'system', or the operator's account id" }),
  fromState: State.nullable(),
  toState: State.nullable(),
  note: z.string().nullable(),
});

const DetailSchema = StatusSchema.extend({
  id: z.string().uuid(),
  warning: z.enum(['overdue', 'due_soon']).nullable().openapi({ description: 'overdue, or due within 7 days; null when closed or not soon' }),
  requesterName: z.string().nullable(),
  requesterEmail: z.string().nullable(),
  subjectName: z.string().nullable(),
  subjectEmail: z.string().nullable(),
  details: z.string().nullable(),
  account: z.object({ id: z.string(), username: z.string() }).nullable(),
  hasAuthorization: z.boolean(),
  processingRestriction: z
    .object({ by: z.enum(['person', 'staff']), reason: z.string().nullable(), since: date(), thisRequest: z.boolean() })
    .nullable(),
  events: z.array(EventSchema),
}).openapi('PrivacyRequestDetail');

const statusView = (s: RequestStatus) => ({
  reference: s.reference,
  kind: s.kind,
  law: s.law,
  state: s.state,
  requesterType: s.requesterType,
  receivedAt: s.receivedAt.toISOString(),
  dueAt: s.dueAt.toISOString(),
  extendedAt: s.extendedAt?.toISOString() ?? null,
  closedAt: s.closedAt?.toISOString() ?? null,
  outcome: s.outcome,
  exportUrl: s.exportUrl,
  history: s.history.map((h) => ({ at: h.at.toISOString(), state: h.state, reason: h.reason })),
});

const detailView = (d: RequestDetail) => ({
  ...statusView(d),
  id: d.id,
  warning: d.warning,
  requesterName: d.requesterName,
  requesterEmail: d.requesterEmail,
  subjectName: d.subjectName,
  subjectEmail: d.subjectEmail,
  details: d.details,
  account: d.account,
  hasAuthorization: d.hasAuthorization,
  processingRestriction: d.processingRestriction && { ...d.processingRestriction, since: d.processingRestriction.since.toISOString() },
  events: d.events.map((e) => ({
    at: e.at.toISOString(),
    kind: e.kind,
    actor: e.actor === 'operator' ? (e.actorId ?? 'operator') : e.actor,
    fromState: e.fromState,
    toState: e.toState,
    note: e.note,
  })),
});

const publicErrors = {
  400: problemResponse('VALIDATION_FAILED, CODE_INVALID, CODE_EXPIRED'),
  404: problemResponse('REQUEST_NOT_FOUND'),
  409: problemResponse('ALREADY_VERIFIED'),
  429: problemResponse('RATE_LIMITED, CODE_ATTEMPTS_EXHAUSTED, CODE_RESEND_LIMIT, CODE_RESEND_TOO_SOON'),
};
const signedIn: { security: Record<string, string[]>[] } = { security: [{ session: [] }, { apiKey: [] }] };
const operatorOnly = {
  security: [{ session: [] }],
  responses401403: {
    401: problemResponse('Not signed in (UNAUTHENTICATED)'),
    403: problemResponse('Not the operator (OPERATOR_ONLY), or CSRF_TOKEN_INVALID'),
  },
};

const submitRoute = createRoute({
  method: 'post',
  path: '/api/privacy-requests',
  tags: ['privacy-requests'],
  summary: 'Make a privacy request without signing in, for yourself or as an authorized agent (P26); a code is emailed to confirm it',
  request: { body: { required: true, content: json(PublicRequestBody) } },
  responses: {
    202: {
      description: 'Received; enter the emailed code to confirm it',
      content: json(z.object({ reference: z.string(), state: State, dueAt: date() })),
    },
    400: problemResponse('VALIDATION_FAILED, AUTHORIZATION_REQUIRED'),
    403: problemResponse('CSRF_TOKEN_INVALID (signed-in browsers send the token)'),
    413: problemResponse('AUTHORIZATION_TOO_LARGE (over 5 MiB) or PAYLOAD_TOO_LARGE'),
    415: problemResponse('AUTHORIZATION_TYPE_UNSUPPORTED: not a PDF, PNG or JPEG'),
    429: problemResponse('RATE_LIMITED'),
  },
});

const verifyRoute = createRoute({
  method: 'post',
  path: '/api/privacy-requests/{reference}/verify',
  tags: ['privacy-requests'],
  summary: 'Confirm a request with the emailed 6-digit code (5 tries, 30 minutes)',
  request: {
    params: Reference,
    body: { required: true, content: json(z.strictObject({ code: z.string().trim().regex(/^\d{6}$/, 'must be the 6-digit code') })) },
  },
  responses: { 200: { description: 'Confirmed', content: json(StatusSchema) }, ...publicErrors },
});

const resendRoute = createRoute({
  method: 'post',
  path: '/api/privacy-requests/{reference}/resend-code',
  tags: ['privacy-requests'],
  summary: 'Email a new code (the old one stops working); 5 codes per request, one a minute',
  request: { params: Reference },
  responses: { 202: { description: 'Sent', content: json(z.object({ sent: z.literal(true) })) }, ...publicErrors },
});

const statusRoute = createRoute({
  method: 'get',
  path: '/api/privacy-requests/{reference}',
  tags: ['privacy-requests'],
  summary: "A request's status, with the token from the acknowledgement email",
  request: { params: Reference, query: z.object({ token: z.string().min(1).max(200) }) },
  responses: { 200: { description: 'The status', content: json(StatusSchema) }, 404: problemResponse('REQUEST_NOT_FOUND') },
});

const mineRoute = createRoute({
  method: 'get',
  path: '/api/me/privacy-requests',
  tags: ['privacy-requests'],
  summary: 'Your privacy requests made while signed in',
  ...signedIn,
  responses: { 200: { description: 'Newest first', content: json(z.object({ requests: z.array(StatusSchema) })) }, 401: problemResponse('UNAUTHENTICATED') },
});

const submitMineRoute = createRoute({
  method: 'post',
  path: '/api/me/privacy-requests',
  tags: ['privacy-requests'],
  summary: 'Make a privacy request about your account; being signed in confirms who you are',
  ...signedIn,
  request: { body: { required: true, content: json(InAppRequestBody) } },
  responses: {
    201: { description: 'Received and verified', content: json(StatusSchema) },
    400: problemResponse('VALIDATION_FAILED'),
    401: problemResponse('UNAUTHENTICATED'),
    403: problemResponse('CSRF_TOKEN_INVALID or a read-only API key'),
  },
});

const listRoute = createRoute({
  method: 'get',
  path: '/api/admin/privacy-requests',
  tags: ['admin'],
  summary: 'The request desk queue: open requests by due date (with warnings), then closed ones; operator only',
  security: operatorOnly.security,
  request: {
    query: z.object({
      state: z
        .union([State, z.literal('open'), z.literal('closed')])
        .optional()
        .openapi({ description: 'One state, or open (not completed or denied) or closed' }),
    }),
  },
  responses: {
    200: { description: 'At most 500 requests', content: json(z.object({ requests: z.array(DetailSchema) })) },
    ...operatorOnly.responses401403,
  },
});

const csvRoute = createRoute({
  method: 'get',
  path: '/api/admin/privacy-requests.csv',
  tags: ['admin'],
  summary: 'The request log as CSV (references, kinds, states, dates, outcomes; no contact details); operator only',
  security: operatorOnly.security,
  responses: {
    200: { description: 'text/csv', content: { 'text/csv': { schema: z.string() } } },
    ...operatorOnly.responses401403,
  },
});

const getRoute = createRoute({
  method: 'get',
  path: '/api/admin/privacy-requests/{id}',
  tags: ['admin'],
  summary: 'One request with its full trail; operator only',
  security: operatorOnly.security,
  request: { params: IdParam },
  responses: {
    200: { description: 'The request', content: json(DetailSchema) },
    ...operatorOnly.responses401403,
    404: problemResponse('REQUEST_NOT_FOUND'),
  },
});

const authorizationRoute = createRoute({
  method: 'get',
  path: '/api/admin/privacy-requests/{id}/authorization',
  tags: ['admin'],
  summary: "An agent's signed authorization; operator only",
  security: operatorOnly.security,
  request: { params: IdParam },
  responses: {
    200: {
      description: 'The file, with the type detected at upload',
      content: { 'application/pdf': { schema: z.string().openapi({ format: 'binary' }) }, 'image/png': { schema: z.string() }, 'image/jpeg': { schema: z.string() } },
    },
    ...operatorOnly.responses401403,
    404: problemResponse('REQUEST_NOT_FOUND, AUTHORIZATION_NOT_FOUND'),
  },
});

const actionErrors = {
  ...operatorOnly.responses401403,
  400: problemResponse('VALIDATION_FAILED, REASON_REQUIRED, EXPORT_ONLY_FOR_ACCESS'),
  404: problemResponse('REQUEST_NOT_FOUND'),
  409: problemResponse('INVALID_TRANSITION, ALREADY_EXTENDED, EXTENSION_TOO_LATE, REQUEST_CHANGED, NO_ACCOUNT, REQUEST_CLOSED, NOT_RESTRICTED'),
};

const actionRoute = <B extends z.ZodType>(action: string, summary: string, body: B) =>
  createRoute({
    method: 'post',
    path: `/api/admin/privacy-requests/{id}/${action}`,
    tags: ['admin'],
    summary,
    security: operatorOnly.security,
    request: { params: IdParam, body: { required: true, content: json(body) } },
    responses: { 200: { description: 'The request now', content: json(DetailSchema) }, ...actionErrors },
  });

const Reason = Text(2000).min(1, 'say why');
const startRoute = actionRoute('start', 'Start work on a verified request', z.strictObject({}));
const completeRoute = actionRoute(
  'complete',
  'Complete a request and email the requester; a deletion request starts the account deletion flow',
  z.strictObject({
    note: Text(2000).optional().openapi({ description: 'Sent to the requester.' }),
    exportUrl: z.string().url('must be a URL').max(2000).optional().openapi({ description: 'Access requests: the link to their data export.' }),
  }),
);
const denyRoute = actionRoute('deny', 'Deny a request; the reason and how to complain are emailed', z.strictObject({ reason: Reason }));
const extendRoute = actionRoute(
  'extend',
  'Extend once (GDPR +2 months, CCPA +45 days) before the due date; the reason is emailed',
  z.strictObject({ reason: Reason }),
);
const restrictionRoute = actionRoute(
  'restriction',
  "Restrict (or lift) processing of the subject account's data while the request is disputed (P25)",
  z.strictObject({ restricted: z.boolean(), reason: Text(2000).optional() }),
);
const noteRoute = actionRoute('notes', 'Add an internal note to the trail', z.strictObject({ note: Text(4000).min(1, 'is required') }));

function requireOperator(c: Context<AppEnv>): CurrentUser {
  const { user } = requireSession(c);
  if (!user.operator) throw forbidden('Only the operator of this instance can work the request desk.', { code: 'OPERATOR_ONLY' });
  return user;
}

function decodeBase64(text: string): Buffer {
  const cleaned = text.replace(/^data:[^,]*,/, '').replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(cleaned)) {
    throw badRequest('The signed authorization must be sent as base64.', {
      errors: [{ path: 'body.onBehalfOf.authorization', message: 'must be base64' }],
    });
  }
  return Buffer.from(cleaned, 'base64');
}

export function registerPrivacyRequestRoutes(app: OpenAPIHono<AppEnv>, { requests }: { requests: PrivacyRequestService }): void {
  app.openapi(submitRoute, async (c) => {
    const body = c.req.valid('json');
    const received = await requests.submitPublic({
      kind: body.kind,
      law: body.law,
      details: body.details || null,
      name: body.name,
      email: body.email,
      onBehalfOf: body.onBehalfOf && {
        name: body.onBehalfOf.name,
        email: body.onBehalfOf.email,
        authorization: decodeBase64(body.onBehalfOf.authorization),
      },
    });
    return c.json({ reference: received.reference, state: received.state, dueAt: received.dueAt.toISOString() }, 202);
  });

  app.openapi(verifyRoute, async (c) =>
    c.json(statusView(await requests.verify(c.req.valid('param').reference.toUpperCase(), c.req.valid('json').code)), 200),
  );

  app.openapi(resendRoute, async (c) => {
    await requests.resendCode(c.req.valid('param').reference.toUpperCase());
    return c.json({ sent: true as const }, 202);
  });

  app.openapi(statusRoute, async (c) =>
    c.json(statusView(await requests.status(c.req.valid('param').reference.toUpperCase(), c.req.valid('query').token)), 200),
  );

  app.openapi(mineRoute, async (c) => c.json({ requests: (await requests.listMine(requireUser(c).id)).map(statusView) }, 200));

  app.openapi(submitMineRoute, async (c) => {
    const body = c.req.valid('json');
    const made = await requests.submitInApp(requireUser(c).id, { kind: body.kind, law: body.law, details: body.details || null });
    return c.json(statusView(made), 201);
  });

  // Registered before /{id} routes; the paths differ anyway (".csv" is part of the segment).
  app.openapi(csvRoute, async (c) => {
    requireOperator(c);
    const csv = requestLogCsv(await requests.log());
    const day = new Date().toISOString().slice(0, 10);
    return c.body(csv, 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="privacy-requests-${day}.csv"`,
      'Cache-Control': 'no-store',
    });
  });

  app.openapi(listRoute, async (c) => {
    requireOperator(c);
    const filter = c.req.valid('query').state;
    const states =
      filter === 'open'
        ? REQUEST_STATES.filter((s) => s !== 'completed' && s !== 'denied')
        : filter === 'closed'
          ? (['completed', 'denied'] as const)
          : filter && [filter];
    return c.json({ requests: (await requests.list(states)).map(detailView) }, 200);
  });

  app.openapi(getRoute, async (c) => {
    requireOperator(c);
    return c.json(detailView(await requests.get(c.req.valid('param').id)), 200);
  });

  app.openapi(authorizationRoute, async (c) => {
    requireOperator(c);
    const file = await requests.authorization(c.req.valid('param').id);
    return c.body(new Uint8Array(file.bytes), 200, {
      'Content-Type': file.contentType,
      'Content-Disposition': 'attachment; filename="authorization"',
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-store',
    });
  });

  app.openapi(startRoute, async (c) => {
    const operator = requireOperator(c);
    return c.json(detailView(await requests.start(c.req.valid('param').id, operator)), 200);
  });
  app.openapi(completeRoute, async (c) => {
    const operator = requireOperator(c);
    const body = c.req.valid('json');
    return c.json(detailView(await requests.complete(c.req.valid('param').id, operator, { note: body.note || null, exportUrl: body.exportUrl ?? null })), 200);
  });
  app.openapi(denyRoute, async (c) => {
    const operator = requireOperator(c);
    return c.json(detailView(await requests.deny(c.req.valid('param').id, operator, c.req.valid('json').reason)), 200);
  });
  app.openapi(extendRoute, async (c) => {
    const operator = requireOperator(c);
    return c.json(detailView(await requests.extend(c.req.valid('param').id, operator, c.req.valid('json').reason)), 200);
  });
  app.openapi(restrictionRoute, async (c) => {
    const operator = requireOperator(c);
    const body = c.req.valid('json');
    return c.json(detailView(await requests.setRestriction(c.req.valid('param').id, operator, { restricted: body.restricted, reason: body.reason || null })), 200);
  });
  app.openapi(noteRoute, async (c) => {
    const operator = requireOperator(c);
    return c.json(detailView(await requests.addNote(c.req.valid('param').id, operator, c.req.valid('json').note)), 200);
  });
}
