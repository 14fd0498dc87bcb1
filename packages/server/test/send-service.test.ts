import { seededBytes, startTestServer, type TestServer } from '@postern/testkit';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEgressGuard } from '../src/egress/policy.ts';
import { createSendService } from '../src/modules/send/service.ts';

describe('send service: response size limit', () => {
  const LIMIT = 1000;
  const sender = createSendService({ guard: createEgressGuard({ mode: 'open', allow: [] }), clock: () => new Date(), maxResponseBytes: LIMIT });
  let kit: TestServer;
  let local: Server;
  let localUrl: string;

  beforeAll(async () => {
    kit = await startTestServer();
    // A 5 MB body that compresses to a few KB, and a text cut inside a two-byte character.
    local = createServer((req, res) => {
      if (req.url === '/bomb') {
        res.writeHead(200, { 'content-type': 'text/plain', 'content-encoding': 'gzip' });
        res.end(gzipSync(Buffer.alloc(5_000_000, 'a')));
      } else {
        res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
        res.end('x' + 'é'.repeat(2000));
      }
    });
    local.listen(0, '127.0.0.1');
    await once(local, 'listening');
    localUrl = `http://127.0.0.1:${(local.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await kit?.close();
    local?.close();
  });

  it('keeps the first bytes of a large body and marks it truncated', async () => {
    const out = await sender.send({ request: { method: 'GET', url: `${kit.url}/bytes/5000?seed=7` } });
    expect(out.truncated).toBe(true);
    expect(out.bodyEncoding).toBe('base64');
    expect(Buffer.from(out.body, 'base64').equals(seededBytes(5000, 7).subarray(0, LIMIT))).toBe(true);
  });

  it('stops decoding a compressed body at the limit', async () => {
    const out = await sender.send({ request: { method: 'GET', url: `${localUrl}/bomb` } });
    expect(out).toMatchObject({ truncated: true, bodyEncoding: 'utf8', body: 'a'.repeat(LIMIT) });
  });

  it('still answers text when the cut falls inside a character', async () => {
    const out = await sender.send({ request: { method: 'GET', url: `${localUrl}/text` } });
    expect(out.truncated).toBe(true);
    expect(out.bodyEncoding).toBe('utf8');
    expect(out.body).toBe('x' + 'é'.repeat((LIMIT - 1) / 2));
  });

  it('decodes small compressed bodies whole', async () => {
    for (const path of ['/gzip', '/deflate', '/brotli']) {
      const out = await sender.send({ request: { method: 'GET', url: `${kit.url}${path}` } });
      expect(out.truncated).toBe(false);
      expect(JSON.parse(out.body).method).toBe('GET');
    }
  });
});
