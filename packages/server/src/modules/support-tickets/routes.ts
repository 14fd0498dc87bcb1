import { createRoute, z } from '@hono/zod-openapi';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { badRequest, forbidden } from '../../errors.ts';
import { requireSession, requireUser } from '../../http/auth.ts';
import type { AppEnv, CurrentUser } from '../../http/env.ts';
import { problemResponse } from '../../http/openapi.ts';
import { TICKET_STATES } from './schema.ts';
import { MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS, TICKET_REFERENCE } from './service.ts';
import type { SupportTicketService, TicketView } from './service.ts';
import type { AttachmentFile, TicketRecord } from './store.ts';

const json = <T extends z.ZodType>(schema: T) => ({ 'application/json': { schema } });
const date = () => z.string().openapi({ format: 'date-time' });
const Text = (max: number) => z.string().trim().max(max, `must be at most ${max} characters`);
const State = z.enum(TICKET_STATES).openapi({ description: 'open (the operator’s turn), waiting (on the requester), resolved' });
const Reference = z.object({ reference: z.string().regex(TICKET_REFERENCE, 'must be a ticket reference such as ST-7K2M-Q9XD') });
const IdParam = z.object({ id: z.string().uuid('must be a ticket id') });
const AttachmentParam = z.object({ attachmentId: z.string().uuid('must be an attachment id') });
// Base64 of one file of at most 5 MiB, with room for padding and line breaks; the exact limit is checked on the bytes.
const MAX_BASE64 = Math.ceil((MAX_ATTACHMENT_BYTES * 4) / 3) + 1024;

const OpenBody = z
  .strictObject({
    contactName: Text(200).min(1, 'is required').openapi({ description: 'How to address you; prefilled from the account, editable.' }),
    contactEmail: z.string().trim().max(254).email('must be an email address').openapi({ description: 'Where answers go; prefilled from the account, editable.' }),
    summary: Text(200).min(1, 'is required'),
    description: Text(20_000).min(1, 'is required'),
    attachments: z
      .array(
        z.strictObject({
          name: Text(200).min(1, 'give the file name'),
          data: z.string().min(1, 'is empty').max(MAX_BASE64 * 2, 'each file may be at most 5 MiB').openapi({ description: 'The file, base64.' }),
        }),
      )
      .max(MAX_ATTACHMENTS, `attach at most ${MAX_ATTACHMENTS} files`)
      .default([])
      .openapi({ description: 'Screenshots or logs: PNG, JPEG, GIF, WebP, PDF or plain text; at most 5 files, 5 MiB each, 15 MiB together.' }),
  })
  .openapi('SupportTicketInput');

const AttachmentSchema = z.object({ id: z.string().uuid(), fileName: z.string(), contentType: z.string(), size: z.number().int(), createdAt: date() });
const SummarySchema = z
  .object({ id: z.string().uuid(), reference: z.string(), state: State, summary: z.string(), createdAt: date(), updatedAt: date(), resolvedAt: date().nullable() })
  .openapi('SupportTicketSummary');
const TicketSchema = SummarySchema.extend({
  description: z.string(),
  contactName: z.string(),
  contactEmail: z.string(),
  hasAccount: z.boolean(),
  messages: z.array(z.object({ id: z.string().uuid(), from: z.enum(['requester', 'operator']), body: z.string(), createdAt: date() })),
  attachments: z.array(AttachmentSchema),
}).openapi('SupportTicket');
const QueueItemSchema = SummarySchema.extend({ contactName: z.string(), contactEmail: z.string(), hasAccount: z.boolean() }).openapi('SupportQueueItem');

const summaryView = (t: TicketRecord | TicketView) => ({
  id: t.id,
  reference: t.reference,
  state: t.state,
  summary: t.summary,
  createdAt: t.createdAt.toISOString(),
  updatedAt: t.updatedAt.toISOString(),
  resolvedAt: t.resolvedAt?.toISOString() ?? null,
});
const ticketView = (t: TicketView) => ({
  ...summaryView(t),
  description: t.description,
  contactName: t.contactName,
  contactEmail: t.contactEmail,
  hasAccount: t.hasAccount,
  messages: t.messages.map((m) => ({ ...m, createdAt: m.createdAt.toISOString() })),
  attachments: t.attachments.map((a) => ({ ...a, createdAt: a.createdAt.toISOString() })),
});
const queueView = (t: TicketRecord) => ({ ...summaryView(t), contactName: t.contactName, contactEmail: t.contactEmail, hasAccount: t.requesterId !== null });

const signedIn: { security: Record<string, string[]>[] } = { security: [{ session: [] }, { apiKey: [] }] };
const operatorOnly: Record<string, string[]>[] = [{ session: [] }];
const operatorErrors = {
  401: problemResponse('Not signed in (UNAUTHENTICATED)'),
  403: problemResponse('Not the operator (OPERATOR_ONLY), or CSRF_TOKEN_INVALID'),
};
const fileContent = { 'application/octet-stream': { schema: z.string().openapi({ format: 'binary' }) } };

const openRoute = createRoute({
  method: 'post',
  path: '/api/support/tickets',
  tags: ['support'],
  summary: 'Open a support ticket (P3), signed in or not; the contact address gets a confirmation with the reference',
  request: { body: { required: true, content: json(OpenBody) } },
  responses: {
    201: { description: 'Opened', content: json(z.object({ reference: z.string(), state: State, createdAt: date() })) },
    400: problemResponse('VALIDATION_FAILED, TOO_MANY_ATTACHMENTS, ATTACHMENT_EMPTY'),
    403: problemResponse('CSRF_TOKEN_INVALID (signed-in browsers send the token)'),
    413: problemResponse('ATTACHMENT_TOO_LARGE (over 5 MiB), ATTACHMENTS_TOO_LARGE (over 15 MiB together) or PAYLOAD_TOO_LARGE'),
    415: problemResponse('ATTACHMENT_TYPE_UNSUPPORTED: not PNG, JPEG, GIF, WebP, PDF or plain text by its contents'),
    429: problemResponse('RATE_LIMITED'),
  },
});

const mineRoute = createRoute({
  method: 'get',
  path: '/api/me/support/tickets',
  tags: ['support'],
  summary: 'Your support tickets (opened while signed in), newest first',
  ...signedIn,
  responses: { 200: { description: 'Your tickets', content: json(z.object({ tickets: z.array(SummarySchema) })) }, 401: problemResponse('UNAUTHENTICATED') },
});

const mineOneRoute = createRoute({
  method: 'get',
  path: '/api/me/support/tickets/{reference}',
  tags: ['support'],
  summary: 'One of your tickets with the conversation',
  ...signedIn,
  request: { params: Reference },
  responses: { 200: { description: 'The ticket', content: json(TicketSchema) }, 401: problemResponse('UNAUTHENTICATED'), 404: problemResponse('TICKET_NOT_FOUND') },
});

const mineReplyRoute = createRoute({
  method: 'post',
  path: '/api/me/support/tickets/{reference}/replies',
  tags: ['support'],
  summary: 'Answer on your ticket; it becomes open again (also when it was resolved)',
  ...signedIn,
  request: { params: Reference, body: { required: true, content: json(z.strictObject({ body: Text(20_000).min(1, 'is required') })) } },
  responses: {
    200: { description: 'The ticket', content: json(TicketSchema) },
    400: problemResponse('VALIDATION_FAILED'),
    401: problemResponse('UNAUTHENTICATED'),
    403: problemResponse('CSRF_TOKEN_INVALID or a read-only API key'),
    404: problemResponse('TICKET_NOT_FOUND'),
  },
});

const mineAttachmentRoute = createRoute({
  method: 'get',
  path: '/api/me/support/tickets/{reference}/attachments/{attachmentId}',
  tags: ['support'],
  summary: 'Download an attachment of your ticket',
  ...signedIn,
  request: { params: Reference.merge(AttachmentParam) },
  responses: { 200: { description: 'The file', content: fileContent }, 401: problemResponse('UNAUTHENTICATED'), 404: problemResponse('TICKET_NOT_FOUND, ATTACHMENT_NOT_FOUND') },
});

const queueRoute = createRoute({
  method: 'get',
  path: '/api/admin/support/tickets',
  tags: ['admin'],
  summary: 'The support queue: open and waiting tickets (longest untouched first), then resolved ones; operator only',
  security: operatorOnly,
  request: { query: z.object({ state: z.union([State, z.literal('active')]).optional().openapi({ description: 'One state, or active (open or waiting)' }) }) },
  responses: { 200: { description: 'At most 500 tickets', content: json(z.object({ tickets: z.array(QueueItemSchema) })) }, ...operatorErrors },
});

const adminOneRoute = createRoute({
  method: 'get',
  path: '/api/admin/support/tickets/{id}',
  tags: ['admin'],
  summary: 'One ticket with its conversation and attachments; operator only',
  security: operatorOnly,
  request: { params: IdParam },
  responses: { 200: { description: 'The ticket', content: json(TicketSchema) }, ...operatorErrors, 404: problemResponse('TICKET_NOT_FOUND') },
});

const adminAttachmentRoute = createRoute({
  method: 'get',
  path: '/api/admin/support/tickets/{id}/attachments/{attachmentId}',
  tags: ['admin'],
  summary: 'Download an attachment; operator only',
  security: operatorOnly,
  request: { params: IdParam.merge(AttachmentParam) },
  responses: { 200: { description: 'The file', content: fileContent }, ...operatorErrors, 404: problemResponse('TICKET_NOT_FOUND, ATTACHMENT_NOT_FOUND') },
});

const adminReplyRoute = createRoute({
  method: 'post',
  path: '/api/admin/support/tickets/{id}/replies',
  tags: ['admin'],
  summary: 'Answer a ticket (emailed to the contact address and shown in the app) and set its state; operator only',
  security: operatorOnly,
  request: {
    params: IdParam,
    body: {
      required: true,
      content: json(z.strictObject({ body: Text(20_000).min(1, 'is required'), state: State.default('waiting').openapi({ description: 'The state after the answer; default waiting' }) })),
    },
  },
  responses: { 200: { description: 'The ticket', content: json(TicketSchema) }, 400: problemResponse('VALIDATION_FAILED'), ...operatorErrors, 404: problemResponse('TICKET_NOT_FOUND') },
});

const adminStateRoute = createRoute({
  method: 'post',
  path: '/api/admin/support/tickets/{id}/state',
  tags: ['admin'],
  summary: 'Set a ticket’s state (resolving it mails the requester and starts retention); operator only',
  security: operatorOnly,
  request: { params: IdParam, body: { required: true, content: json(z.strictObject({ state: State })) } },
  responses: { 200: { description: 'The ticket', content: json(TicketSchema) }, 400: problemResponse('VALIDATION_FAILED'), ...operatorErrors, 404: problemResponse('TICKET_NOT_FOUND') },
});

function requireOperator(c: Context<AppEnv>): CurrentUser {
  const { user } = requireSession(c);
  if (!user.operator) throw forbidden('Only the operator of this instance can work the support queue.', { code: 'OPERATOR_ONLY' });
  return user;
}

function decodeBase64(text: string, index: number): Buffer {
  const cleaned = text.replace(/^data:[^,]*,/, '').replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(cleaned)) {
    throw badRequest('Attachments must be sent as base64.', { errors: [{ path: `body.attachments.${index}.data`, message: 'must be base64' }] });
  }
  return Buffer.from(cleaned, 'base64');
}

function fileResponse(c: Context<AppEnv>, file: AttachmentFile) {
  // The stored type was detected from the bytes; the name is only a suggestion, quoted safely.
  const name = file.fileName.replace(/[^\w.\- ]+/g, '_');
  return c.body(new Uint8Array(file.bytes), 200, {
    'Content-Type': file.contentType,
    'Content-Disposition': `attachment; filename="${name}"`,
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy': "sandbox; default-src 'none'",
    'Cache-Control': 'no-store',
  });
}

export function registerSupportTicketRoutes(app: OpenAPIHono<AppEnv>, { tickets }: { tickets: SupportTicketService }): void {
  app.openapi(openRoute, async (c) => {
    const body = c.req.valid('json');
    const opened = await tickets.open({
      requesterId: c.get('user')?.id ?? null,
      contactName: body.contactName,
      contactEmail: body.contactEmail,
      summary: body.summary,
      description: body.description,
      attachments: body.attachments.map((a, i) => ({ name: a.name, bytes: decodeBase64(a.data, i) })),
    });
    return c.json({ reference: opened.reference, state: opened.state, createdAt: opened.createdAt.toISOString() }, 201);
  });

  app.openapi(mineRoute, async (c) => c.json({ tickets: (await tickets.listMine(requireUser(c).id)).map(summaryView) }, 200));
  app.openapi(mineOneRoute, async (c) => c.json(ticketView(await tickets.getMine(requireUser(c).id, c.req.valid('param').reference.toUpperCase())), 200));
  app.openapi(mineReplyRoute, async (c) =>
    c.json(ticketView(await tickets.replyMine(requireUser(c).id, c.req.valid('param').reference.toUpperCase(), c.req.valid('json').body)), 200),
  );
  app.openapi(mineAttachmentRoute, async (c) => {
    const { reference, attachmentId } = c.req.valid('param');
    return fileResponse(c, await tickets.attachmentMine(requireUser(c).id, reference.toUpperCase(), attachmentId));
  });

  app.openapi(queueRoute, async (c) => {
    requireOperator(c);
    const filter = c.req.valid('query').state;
    const states = filter === 'active' ? (['open', 'waiting'] as const) : filter && [filter];
    return c.json({ tickets: (await tickets.list(states)).map(queueView) }, 200);
  });
  app.openapi(adminOneRoute, async (c) => {
    requireOperator(c);
    return c.json(ticketView(await tickets.get(c.req.valid('param').id)), 200);
  });
  app.openapi(adminAttachmentRoute, async (c) => {
    requireOperator(c);
    const { id, attachmentId } = c.req.valid('param');
    return fileResponse(c, await tickets.attachment(id, attachmentId));
  });
  app.openapi(adminReplyRoute, async (c) => {
    const operator = requireOperator(c);
    const body = c.req.valid('json');
    return c.json(ticketView(await tickets.reply(operator.id, c.req.valid('param').id, { body: body.body, state: body.state })), 200);
  });
  app.openapi(adminStateRoute, async (c) => {
    const operator = requireOperator(c);
    return c.json(ticketView(await tickets.setState(operator.id, c.req.valid('param').id, c.req.valid('json').state)), 200);
  });
}
