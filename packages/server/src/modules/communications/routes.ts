import { createRoute, z } from '@hono/zod-openapi';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { forbidden } from '../../errors.ts';
import { requireSession, requireUser } from '../../http/auth.ts';
import type { AppEnv } from '../../http/env.ts';
import { problemResponse } from '../../http/openapi.ts';
import { PageQuery, pageSchema } from '../../http/pagination.ts';
import type { CommunicationsService, PreferencesView } from './service.ts';
import { NOTIFICATION_SETTINGS_PATH, UNSUBSCRIBE_PATH } from './service.ts';
import type { NotificationRecord } from './store.ts';
import { PAGE_HEADERS, confirmUnsubscribePage, invalidLinkPage, unsubscribedPage } from './unsubscribe-page.ts';

const TypeSchema = z.enum(['comments', 'monitors', 'team', 'secrets', 'productNews']);
const Switches = z.strictObject({ inApp: z.boolean().optional(), email: z.boolean().optional() });

const PreferencesSchema = z
  .object({
    types: z.array(
      z.object({
        type: TypeSchema,
        label: z.string(),
        description: z.string(),
        available: z.boolean().openapi({ description: 'False while nothing sends this type yet (monitors).' }),
        inApp: z.boolean(),
        email: z.boolean(),
      }),
    ),
    alwaysOn: z.array(z.object({ id: z.string(), label: z.string(), reason: z.string() })).openapi({
      description: 'Security and transactional messages (P9): always sent, with the reason.',
    }),
    marketingEmailChangedAt: z.string().nullable().openapi({ format: 'date-time' }),
  })
  .openapi('NotificationPreferences');

const PreferencesPatch = z.record(z.string(), Switches).openapi('NotificationPreferencesChanges', {
  description:
    'Per type (comments, monitors, team, productNews): { inApp?, email? }. productNews.email is the marketing opt-in. Switching off an always-on id is NOTIFICATION_ALWAYS_ON.',
  example: { comments: { email: false }, productNews: { email: true } },
});

const NotificationSchema = z
  .object({
    id: z.string().uuid(),
    type: z.enum([...TypeSchema.options, 'operatorAccess']),
    title: z.string(),
    link: z.string().nullable().openapi({ description: 'A path in the web app, or null.' }),
    createdAt: z.string().openapi({ format: 'date-time' }),
    readAt: z.string().nullable().openapi({ format: 'date-time' }),
  })
  .openapi('Notification');

const signedIn: { security: Record<string, string[]>[] } = { security: [{ session: [] }, { apiKey: [] }] };
const json = <T extends z.ZodType>(schema: T) => ({ 'application/json': { schema } });
const unauthenticated = problemResponse('Not signed in (UNAUTHENTICATED)');
const refused = problemResponse('CSRF_TOKEN_INVALID or API_KEY_SCOPE_MISSING');

const getPreferencesRoute = createRoute({
  method: 'get',
  path: '/api/me/notification-preferences',
  tags: ['notifications'],
  summary: 'Your notification preferences, and the messages that are always sent',
  ...signedIn,
  responses: { 200: { description: 'The preferences', content: json(PreferencesSchema) }, 401: unauthenticated },
});

const patchPreferencesRoute = createRoute({
  method: 'patch',
  path: '/api/me/notification-preferences',
  tags: ['notifications'],
  summary: 'Switch notification types on or off, in the app and by email',
  ...signedIn,
  request: { body: { required: true, content: json(PreferencesPatch) } },
  responses: {
    200: { description: 'The updated preferences', content: json(PreferencesSchema) },
    400: problemResponse('NOTIFICATION_ALWAYS_ON (security and transactional messages), UNKNOWN_NOTIFICATION_TYPE or VALIDATION_FAILED'),
    401: unauthenticated,
    403: refused,
  },
});

const listRoute = createRoute({
  method: 'get',
  path: '/api/me/notifications',
  tags: ['notifications'],
  summary: 'Your notification feed, newest first, with the unread count (entries older than 90 days are deleted)',
  ...signedIn,
  request: { query: PageQuery },
  responses: {
    200: {
      description: 'A page of notifications',
      content: json(pageSchema(NotificationSchema).extend({ unreadCount: z.number().int() }).openapi('NotificationPage')),
    },
    400: problemResponse('Invalid query (VALIDATION_FAILED, INVALID_CURSOR)'),
    401: unauthenticated,
  },
});

const markReadRoute = createRoute({
  method: 'post',
  path: '/api/me/notifications/{id}/read',
  tags: ['notifications'],
  summary: 'Mark one notification read',
  ...signedIn,
  request: { params: z.object({ id: z.string() }) },
  responses: { 204: { description: 'Read' }, 401: unauthenticated, 403: refused, 404: problemResponse('NOTIFICATION_NOT_FOUND') },
});

const markAllReadRoute = createRoute({
  method: 'post',
  path: '/api/me/notifications/read-all',
  tags: ['notifications'],
  summary: 'Mark every notification read',
  ...signedIn,
  responses: { 204: { description: 'All read' }, 401: unauthenticated, 403: refused },
});

const productNewsRoute = createRoute({
  method: 'post',
  path: '/api/admin/product-news',
  tags: ['admin'],
  summary: 'Send product news to every account that opted in and did not restrict marketing; operator only',
  security: [{ session: [] }],
  request: {
    body: {
      required: true,
      content: json(
        z
          .strictObject({ subject: z.string().trim().min(1).max(200), text: z.string().trim().min(1).max(20_000) })
          .openapi('ProductNews'),
      ),
    },
  },
  responses: {
    200: {
      description: 'Sent; how many were reached',
      content: json(
        z
          .object({ emailed: z.number().int(), notified: z.number().int(), skippedRestricted: z.number().int(), failed: z.number().int() })
          .openapi('ProductNewsResult'),
      ),
    },
    400: problemResponse('VALIDATION_FAILED'),
    401: unauthenticated,
    403: problemResponse('Not the operator (OPERATOR_ONLY), CSRF_TOKEN_INVALID or API_KEY_NOT_ALLOWED'),
  },
});

const TokenParam = z.object({ token: z.string().max(200) });

const unsubscribePageRoute = createRoute({
  method: 'get',
  path: `${UNSUBSCRIBE_PATH}/{token}`,
  tags: ['notifications'],
  summary: 'The unsubscribe confirmation page: a button that POSTs; a GET never unsubscribes',
  request: { params: TokenParam },
  responses: {
    200: { description: 'An HTML page with the Unsubscribe button', content: { 'text/html': { schema: z.string() } } },
    404: { description: 'An HTML page: the link is not valid', content: { 'text/html': { schema: z.string() } } },
  },
});

const unsubscribeRoute = createRoute({
  method: 'post',
  path: `${UNSUBSCRIBE_PATH}/{token}`,
  tags: ['notifications'],
  summary: 'RFC 8058 one-click unsubscribe from product news: no session, cookie or CSRF token needed; effective at once',
  request: { params: TokenParam },
  responses: {
    200: {
      description: 'Unsubscribed (HTML for a browser form, else JSON)',
      content: { ...json(z.object({ unsubscribed: z.literal(true), list: z.string() })), 'text/html': { schema: z.string() } },
    },
    404: problemResponse('UNSUBSCRIBE_LINK_INVALID: not a link this instance made (nothing else is revealed)'),
  },
});

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const preferencesJson = (p: PreferencesView) => ({ ...p, alwaysOn: [...p.alwaysOn], marketingEmailChangedAt: iso(p.marketingEmailChangedAt) });
const notificationJson = (n: NotificationRecord) => ({
  id: n.id,
  type: n.type,
  title: n.title,
  link: n.link,
  createdAt: n.createdAt.toISOString(),
  readAt: iso(n.readAt),
});

export function registerCommunicationsRoutes(
  app: OpenAPIHono<AppEnv>,
  deps: { communications: CommunicationsService; publicUrl: string },
): void {
  const { communications } = deps;

  app.openapi(getPreferencesRoute, async (c) => c.json(preferencesJson(await communications.preferences(requireUser(c).id)), 200));

  app.openapi(patchPreferencesRoute, async (c) => {
    const user = requireUser(c);
    return c.json(preferencesJson(await communications.updatePreferences(user.id, c.req.valid('json'))), 200);
  });

  app.openapi(listRoute, async (c) => {
    const page = await communications.list(requireUser(c).id, c.req.valid('query'));
    return c.json({ items: page.items.map(notificationJson), nextCursor: page.nextCursor, unreadCount: page.unreadCount }, 200);
  });

  app.openapi(markAllReadRoute, async (c) => {
    await communications.markAllRead(requireUser(c).id);
    return c.body(null, 204);
  });

  app.openapi(markReadRoute, async (c) => {
    await communications.markRead(requireUser(c).id, c.req.valid('param').id);
    return c.body(null, 204);
  });

  app.openapi(productNewsRoute, async (c) => {
    // A signed-in browser only, like the outbox: mass mail is too much for an API key.
    const { user } = requireSession(c);
    if (!user.operator) throw forbidden('Only the operator of this instance can send product news.', { code: 'OPERATOR_ONLY' });
    return c.json(await communications.sendProductNews(c.req.valid('json')), 200);
  });

  app.openapi(unsubscribePageRoute, (c) => {
    const valid = communications.checkUnsubscribe(c.req.valid('param').token);
    return c.html(valid ? confirmUnsubscribePage() : invalidLinkPage(), valid ? 200 : 404, PAGE_HEADERS);
  });

  app.openapi(unsubscribeRoute, async (c) => {
    const token = c.req.valid('param').token;
    const wantsHtml = (c.req.header('Accept') ?? '').includes('text/html');
    if (wantsHtml && !communications.checkUnsubscribe(token)) return c.html(invalidLinkPage(), 404, PAGE_HEADERS);
    await communications.unsubscribe(token);
    if (wantsHtml) return c.html(unsubscribedPage(`${deps.publicUrl}${NOTIFICATION_SETTINGS_PATH}`), 200, PAGE_HEADERS);
    return c.json({ unsubscribed: true as const, list: 'product-news' }, 200);
  });
}
