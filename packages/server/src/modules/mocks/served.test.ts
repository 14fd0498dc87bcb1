import { describe, expect, it } from 'vitest';
import type { CurrentUser } from '../../http/env.ts';
import { createCallLog, loggedBody, loggedHeaders } from './call-log.ts';
import { CACHE_TTL_MS, createMockServing } from './served.ts';
import type { MockRecord, NewMockCall } from './store.ts';

const MOCK: MockRecord = {
  id: '00000000-0000-4000-8000-000000000001',
  workspaceId: 'w',
  collectionId: 'c',
  collectionRevision: null,
  environmentId: 'e',
  name: 'm',
  private: false,
  delay: true,
  enabled: true,
  callRetentionDays: 30,
  createdBy: null,
  createdAt: new Date(0),
  updatedAt: new Date(0),
};

const collection = (name: string) => ({
  info: { name: 'c', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
  item: [{ name: 'u', request: { method: 'GET', url: '{{host}}/u/1' }, response: [{ name: 'User', code: 200, body: `{"name":"${name}","env":"{{who}}"}` }] }],
});

/** Serving over fakes that count what they are asked. */
function setUp(options: { private?: boolean } = {}) {
  let time = 0;
  const reads = { mock: 0, collection: 0, environment: 0, keys: 0, roles: 0 };
  let name = 'Ada';
  const logged: NewMockCall[][] = [];
  const callLog = createCallLog({ insertCalls: async (calls) => void logged.push(calls) }, (error) => {
    throw error;
  });
  const serving = createMockServing({
    store: { find: async () => (reads.mock++, { ...MOCK, private: options.private ?? false }) },
    sources: {
      collection: async () => (reads.collection++, collection(name)),
      environment: async () => (reads.environment++, [{ key: 'who', value: 'env' }]),
    },
    access: { roleOf: async (user: CurrentUser | undefined) => (reads.roles++, user?.id === 'viewer' ? 'viewer' : null) },
    resolveApiKey: async (token) => (reads.keys++, { user: { id: token === 'pst_viewer' ? 'viewer' : 'other', username: 'x', operator: false } as CurrentUser }),
    callLog,
    clock: () => new Date(0),
    now: () => time,
    sleep: async () => {},
  });
  return { serving, reads, logged, callLog, rename: (n: string) => (name = n), advance: (ms: number) => (time += ms) };
}

const get = (headers: Record<string, string> = {}) => ({ method: 'GET', url: '/u/7', headers });

describe('serving hosted mocks', () => {
  it('prepares a mock once and answers every request from memory', async () => {
    const { serving, reads } = setUp();
    const answers = await Promise.all(Array.from({ length: 50 }, () => serving.serve(MOCK.id, get())));
    expect(answers.every((a) => a.response.body === '{"name":"Ada","env":"env"}' && a.example === 'User')).toBe(true);
    expect(reads).toMatchObject({ mock: 1, collection: 1, environment: 1 });
  });

  it('prepares again after a change to its collection or environment, or after the TTL', async () => {
    const { serving, reads, rename, advance } = setUp();
    await serving.serve(MOCK.id, get());
    rename('Grace');
    await serving.sourceChanged('collection', 'another');
    expect((await serving.serve(MOCK.id, get())).response.body).toContain('Ada');
    await serving.sourceChanged('collection', 'c');
    expect((await serving.serve(MOCK.id, get())).response.body).toContain('Grace');
    await serving.sourceChanged('environment', 'e');
    await serving.serve(MOCK.id, get());
    expect(reads.collection).toBe(3);
    advance(CACHE_TTL_MS + 1);
    await serving.serve(MOCK.id, get());
    expect(reads.collection).toBe(4);
    serving.forget(MOCK.id);
    await serving.serve(MOCK.id, get());
    expect(reads.collection).toBe(5);
  });

  it('checks a private mock’s key once per window, and never keeps a refusal', async () => {
    const { serving, reads } = setUp({ private: true });
    await expect(serving.serve(MOCK.id, get())).rejects.toMatchObject({ status: 401, code: 'MOCK_API_KEY_REQUIRED' });
    await expect(serving.serve(MOCK.id, get({ 'x-api-key': 'pst_other' }))).rejects.toMatchObject({ status: 403, code: 'MOCK_ACCESS_DENIED' });
    await expect(serving.serve(MOCK.id, get({ 'x-api-key': 'pst_other' }))).rejects.toMatchObject({ status: 403 });
    for (let i = 0; i < 5; i++) await serving.serve(MOCK.id, get({ 'x-api-key': 'pst_viewer' }));
    expect(reads).toMatchObject({ keys: 3, roles: 3 });
  });

  it('queues calls and writes them in batches, without credentials', async () => {
    const { serving, logged, callLog } = setUp();
    for (let i = 0; i < 3; i++) await serving.serve(MOCK.id, get({ authorization: 'Bearer x', cookie: 'a=b', 'x-api-key': 'k', accept: '*/*' }));
    expect(logged).toEqual([]);
    await callLog.flush();
    expect(logged).toHaveLength(1);
    expect(logged[0]).toHaveLength(3);
    expect(logged[0]![0]).toMatchObject({ mockId: MOCK.id, method: 'GET', path: '/u/7', status: 200, example: 'User', requestHeaders: [['accept', '*/*']] });
  });

  it('removes credential headers and cuts bodies at 16 KB', () => {
    expect(loggedHeaders([['Set-Cookie', 'a'], ['Proxy-Authorization', 'b'], ['X-Trace', 'c']])).toEqual([['X-Trace', 'c']]);
    expect(loggedBody('')).toBeNull();
    expect(loggedBody('é'.repeat(10_000))).toHaveLength(8192);
    expect(Buffer.byteLength(loggedBody('x'.repeat(20_000))!)).toBe(16 * 1024);
  });
});
