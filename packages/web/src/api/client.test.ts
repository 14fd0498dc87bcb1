import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, fieldPathOf, request } from './client.ts';

const invalid = new ApiError({
  status: 400,
  code: 'VALIDATION_FAILED',
  detail: 'The request is invalid.',
  errors: [
    { path: 'json.email', message: 'must be a valid email address' },
    { path: 'json.info.name', message: 'is required' },
    { path: 'query.limit', message: 'too big' },
  ],
});

describe('ApiError', () => {
  it('carries the problem’s status, code and detail', () => {
    expect(invalid.status).toBe(400);
    expect(invalid.code).toBe('VALIDATION_FAILED');
    expect(invalid.message).toBe('The request is invalid.');
  });

  it('finds a body field’s error by the field name, nested paths included', () => {
    expect(invalid.fieldError('email')).toBe('must be a valid email address');
    expect(invalid.fieldError('info')).toBe('is required');
    expect(invalid.fieldError('password')).toBeUndefined();
    // A query parameter is not a form field.
    expect(invalid.fieldError('limit')).toBeUndefined();
  });
});

describe('fieldPathOf', () => {
  it('drops the body prefix for display', () => {
    expect(fieldPathOf('json.info.name')).toBe('info.name');
    expect(fieldPathOf('body.email')).toBe('email');
    expect(fieldPathOf('json')).toBe('');
    expect(fieldPathOf('query.limit')).toBe('query.limit');
  });
});

describe('request', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('sends a picked file as raw bytes with its own type, and the CSRF token', async () => {
    vi.stubGlobal('document', { cookie: 'other=1; postern_csrf=tok%2Ben' });
    const fetch = vi.fn(async () => new Response(null, { status: 204 }));
    vi.stubGlobal('fetch', fetch);
    const file = new Blob([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], { type: 'image/png' });

    await request('PUT', '/api/me/avatar', { body: file });

    const [path, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(path).toBe('/api/me/avatar');
    expect(init.body).toBe(file);
    expect(init.headers).toMatchObject({ 'Content-Type': 'image/png', 'X-CSRF-Token': 'tok+en' });
  });

  it('turns a problem+json answer into an ApiError with the server’s words', async () => {
    vi.stubGlobal('document', { cookie: '' });
    const problem = { status: 413, code: 'AVATAR_TOO_LARGE', detail: 'The image is larger than 1 MiB.' };
    vi.stubGlobal('fetch', vi.fn(async () => Response.json(problem, { status: 413, headers: { 'Content-Type': 'application/problem+json' } })));

    const error = await request('PUT', '/api/me/avatar', { body: new Blob(['x']) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 413, code: 'AVATAR_TOO_LARGE', message: 'The image is larger than 1 MiB.' });
  });
});
