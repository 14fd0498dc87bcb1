import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo, LookupFunction } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher } from './dispatcher.ts';
import { HttpError, sendHttp } from './send.ts';

const redirects = { follow: true, max: 5, followOriginalHttpMethod: false, followAuthorizationHeader: false };

describe('dispatcher lookup option', () => {
  const server = createServer((_req, res) => res.end('ok'));
  let port = 0;
  beforeAll(async () => {
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => server.close());

  /** Records every host it is asked about; refuses the ones listed. */
  function recordingLookup(refuse: string[]) {
    const asked: string[] = [];
    const lookup: LookupFunction = (hostname, options, callback) => {
      asked.push(hostname);
      if (refuse.includes(hostname)) return callback(Object.assign(new Error(`no ${hostname}`), { code: 'EREFUSED_TEST' }), '', 0);
      const address = hostname === 'localhost' ? '127.0.0.1' : hostname;
      if (options.all) callback(null, [{ address, family: 4 }]);
      else callback(null, address, 4);
    };
    return { lookup, asked };
  }

  it('passes IP-literal hosts and names through the lookup, and its error refuses the connection', async () => {
    const { lookup, asked } = recordingLookup(['127.0.0.1']);
    // A proxy in the environment is not used when a lookup vets the targets.
    const handle = createDispatcher({}, { HTTP_PROXY: 'http://127.0.0.1:9' }, { lookup });
    try {
      const ok = await sendHttp(handle, { method: 'GET', url: `http://localhost:${port}/`, headers: [] }, { redirects });
      expect(ok.response.body.toString()).toBe('ok');
      const refused = await sendHttp(handle, { method: 'GET', url: `http://127.0.0.1:${port}/`, headers: [] }, { redirects }).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(HttpError);
      expect(refused).toMatchObject({ code: 'EREFUSED_TEST', cause: { code: 'EREFUSED_TEST' } });
      expect(asked).toEqual(['localhost', '127.0.0.1']);
    } finally {
      await handle.close();
    }
  });
});
