import { createRoute, z } from '@hono/zod-openapi';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { forbidden, unauthorized } from '../../errors.ts';
import type { AppEnv, CurrentUser } from '../../http/env.ts';
import { problemResponse } from '../../http/openapi.ts';
import { EXPORT_LIFETIME_DAYS } from './lifetime.ts';
import type { DataExportService } from './service.ts';
import type { DataExportRecord } from './store.ts';

const json = <T extends z.ZodType>(schema: T) => ({ 'application/json': { schema } });
const IdParam = z.object({ id: z.string().uuid('must be an export id') });

const DataExportSchema = z
  .object({
    id: z.string().uuid(),
    status: z.enum(['queued', 'building', 'ready', 'failed', 'expired']),
    progress: z.number().int().min(0).max(100).openapi({ description: 'Percent done; poll while queued or building.' }),
    step: z.string().nullable().openapi({ description: 'What the build is doing: queued, collecting, collections, writing, ready, failed.' }),
    size: z.number().int().nullable().openapi({ description: 'Size of the ZIP in bytes once ready.' }),
    sha256: z.string().nullable(),
    createdAt: z.string().openapi({ format: 'date-time' }),
    finishedAt: z.string().nullable().openapi({ format: 'date-time' }),
    expiresAt: z.string().nullable().openapi({ format: 'date-time', description: `Ready exports can be downloaded for ${EXPORT_LIFETIME_DAYS} days.` }),
    downloadCount: z.number().int(),
    lastDownloadedAt: z.string().nullable().openapi({ format: 'date-time' }),
    errorCode: z.string().nullable(),
    downloadUrl: z.string().nullable().openapi({ description: 'Where to download it while ready (a signed-in browser session is needed).' }),
  })
  .openapi('DataExport');

const signedIn: { security: Record<string, string[]>[] } = { security: [{ session: [] }, { apiKey: [] }] };

const startRoute = createRoute({
  method: 'post',
  path: '/api/me/exports',
  tags: ['privacy'],
  summary: 'Download my data (P21): start building a ZIP of all your personal data, collections and environments',
  ...signedIn,
  responses: {
    202: { description: 'Queued; poll GET /api/me/exports, and you are emailed when it is ready', content: json(DataExportSchema) },
    401: problemResponse('Not signed in (UNAUTHENTICATED)'),
    403: problemResponse('CSRF_TOKEN_INVALID, or a read-only API key'),
    409: problemResponse('One is already being built (EXPORT_IN_PROGRESS)'),
  },
});

const listRoute = createRoute({
  method: 'get',
  path: '/api/me/exports',
  tags: ['privacy'],
  summary: 'Your data exports, newest first, with their status and progress',
  ...signedIn,
  responses: {
    200: { description: 'At most 20 exports', content: json(z.object({ exports: z.array(DataExportSchema) })) },
    401: problemResponse('Not signed in (UNAUTHENTICATED)'),
  },
});

const downloadRoute = createRoute({
  method: 'get',
  path: '/api/me/exports/{id}/download',
  tags: ['privacy'],
  summary: 'Download a ready export (ZIP); signed-in browser session only, never an API key',
  security: [{ session: [] }],
  request: { params: IdParam },
  responses: {
    200: { description: 'The ZIP file', content: { 'application/zip': { schema: z.string().openapi({ format: 'binary' }) } } },
    401: problemResponse('Not signed in (UNAUTHENTICATED)'),
    403: problemResponse('Sent with an API key (API_KEY_NOT_ALLOWED)'),
    404: problemResponse('No such export of yours (EXPORT_NOT_FOUND)'),
    409: problemResponse('Not ready (EXPORT_NOT_READY)'),
    410: problemResponse(`Expired after ${EXPORT_LIFETIME_DAYS} days (EXPORT_EXPIRED); start a new one`),
  },
});

function viewOf(r: DataExportRecord) {
  return {
    id: r.id,
    status: r.status,
    progress: r.progress,
    step: r.step,
    size: r.size,
    sha256: r.sha256,
    createdAt: r.createdAt.toISOString(),
    finishedAt: r.finishedAt?.toISOString() ?? null,
    expiresAt: r.expiresAt?.toISOString() ?? null,
    downloadCount: r.downloadCount,
    lastDownloadedAt: r.lastDownloadedAt?.toISOString() ?? null,
    errorCode: r.errorCode,
    downloadUrl: r.status === 'ready' ? `/api/me/exports/${r.id}/download` : null,
  };
}

function requireUser(c: Context<AppEnv>): CurrentUser {
  const user = c.get('user');
  if (!user) throw unauthorized();
  return user;
}

/**
 * The download is the whole of a person's data in one response. API keys are long-lived bearer
 * secrets that end up in scripts, CI settings and shell history; a leaked one must not be able to
 * take everything at once. A browser session needs the password (and 2FA) to exist, so only a
 * session may download; a key may still start and list exports, which reveals nothing.
 */
function requireBrowserSession(c: Context<AppEnv>): CurrentUser {
  const user = requireUser(c);
  if (!c.get('session')) {
    throw forbidden('Exports can only be downloaded in a signed-in browser, not with an API key: sign in to the web app and download it from Settings → Privacy.', {
      code: 'API_KEY_NOT_ALLOWED',
    });
  }
  return user;
}

const fileName = (username: string, at: Date) => `postern-data-${username}-${at.toISOString().slice(0, 10)}.zip`;

export function registerDataExportRoutes(app: OpenAPIHono<AppEnv>, deps: { exports: DataExportService }): void {
  app.openapi(startRoute, async (c) => c.json(viewOf(await deps.exports.start(requireUser(c))), 202));

  app.openapi(listRoute, async (c) => c.json({ exports: (await deps.exports.list(requireUser(c))).map(viewOf) }, 200));

  app.openapi(downloadRoute, async (c) => {
    const user = requireBrowserSession(c);
    const { record, bytes } = await deps.exports.download(user, c.req.valid('param').id);
    return c.body(new Uint8Array(bytes), 200, {
      'Content-Type': 'application/zip',
      'Content-Length': String(bytes.length),
      'Content-Disposition': `attachment; filename="${fileName(user.username, record.finishedAt ?? record.createdAt)}"`,
      // Personal data: no cache anywhere may keep a copy.
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    });
  });
}
