import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { problemErrorHandler } from '../../http/problem.ts';
import type { AppEnv, CurrentApiKey } from '../../http/env.ts';
import { apiKeyScopes } from './middleware.ts';

/** An app whose every request is authenticated by `apiKey` (or nothing), answering 200. */
function appWith(apiKey: CurrentApiKey | undefined) {
  const app = new Hono<AppEnv>();
  app.onError(problemErrorHandler(() => {}));
  app.use('*', async (c, next) => {
    if (apiKey) c.set('apiKey', apiKey);
    await next();
  });
  app.use('/api/*', apiKeyScopes());
  app.all('*', (c) => c.text('ok'));
  return app;
}

const status = async (app: ReturnType<typeof appWith>, method: string, path: string) => (await app.request(path, { method })).status;

describe('apiKeyScopes', () => {
  it('lets cookie sessions and anonymous requests through untouched', async () => {
    const app = appWith(undefined);
    expect(await status(app, 'POST', '/api/me/api-keys')).toBe(200);
    expect(await status(app, 'DELETE', '/api/me')).toBe(200);
  });

  it('limits read keys to GET and HEAD', async () => {
    const app = appWith({ id: 'k', scopes: ['read'] });
    expect(await status(app, 'GET', '/api/workspaces')).toBe(200);
    expect(await status(app, 'HEAD', '/api/workspaces')).toBe(200);
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']) expect(await status(app, method, '/api/workspaces')).toBe(403);
  });

  it('keeps every key away from account management, trailing slashes included', async () => {
    const app = appWith({ id: 'k', scopes: ['read', 'write'] });
    expect(await status(app, 'POST', '/api/workspaces')).toBe(200);
    expect(await status(app, 'PATCH', '/api/me')).toBe(200);
    expect(await status(app, 'GET', '/api/me/api-keysx')).toBe(200);
    for (const [method, path] of [
      ['GET', '/api/me/api-keys'],
      ['GET', '/api/me/api-keys/'],
      ['DELETE', '/api/me/api-keys/123'],
      ['POST', '/api/me/totp/confirm'],
      ['GET', '/api/sessions'],
      ['POST', '/api/me/password'],
      ['POST', '/api/me/email'],
      ['GET', '/api/auth/oidc/start'],
      ['GET', '/api/admin/outbox'],
      ['DELETE', '/api/me'],
      ['DELETE', '/api/me/'],
    ]) {
      expect(await status(app, method!, path!), `${method} ${path}`).toBe(403);
    }
  });

  it('serves an app token only what its OAuth scopes name', async () => {
    const app = appWith({ id: 'oauth:g', scopes: ['read', 'write'], oauth: { appId: 'a', scopes: ['workspaces:read'] } });
    expect(await status(app, 'GET', '/api/workspaces')).toBe(200);
    expect(await status(app, 'POST', '/api/workspaces')).toBe(403);
    expect(await status(app, 'GET', '/api/me')).toBe(403);
    expect(await status(app, 'GET', '/api/teams')).toBe(403);
    expect(await status(app, 'GET', '/api/oauth/authorize')).toBe(403);
  });
});
