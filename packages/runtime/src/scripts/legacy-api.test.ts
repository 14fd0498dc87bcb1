import { afterAll, describe, expect, it } from 'vitest';
import type { FakeContextOptions } from './fake-context.ts';
import { runScripts } from './fake-context.ts';
import { createIsolatedScriptHost } from './isolated-host.ts';

const host = createIsolatedScriptHost({ timeoutMs: 5000 });
afterAll(() => host.dispose());

const options: FakeContextOptions = {
  request: {
    url: 'https://api.example.com/items?x=1',
    method: 'POST',
    header: [{ key: 'Content-Type', value: 'application/x-www-form-urlencoded' }],
    body: { mode: 'urlencoded', urlencoded: [{ key: 'a', value: '1' }, { key: 'a', value: '2' }, { key: 'off', value: 'x', disabled: true }] },
  },
  response: {
    code: 201,
    status: 'Created',
    headers: [
      { key: 'Content-Type', value: 'application/json' },
      { key: 'Set-Cookie', value: 'sid=abc; Path=/' },
    ],
    body: '{"ok":true,"id":5}',
    responseTime: 33,
  },
  environment: { env: 'E', drop: 'me' },
  globals: { glob: 'G' },
  iterationData: { row: 'R1' },
  iteration: 3,
};

describe('legacy tests[] object', () => {
  it('turns every key into an assertion, truthy passing', async () => {
    const { passed, failed, context } = await runScripts(
      host,
      `
      tests['status is 201'] = responseCode.code === 201;
      tests['body has ok'] = JSON.parse(responseBody).ok;
      tests['wrong'] = responseCode.code === 200;
      tests['zero'] = 0;
      pm.test('pm.test runs first', () => {});
      `,
      options,
    );
    expect([passed, failed]).toEqual([3, 2]);
    expect(context.assertions.map((a) => a.name)).toEqual(['pm.test runs first', 'status is 201', 'body has ok', 'wrong', 'zero']);
    expect(context.assertions[3]!.error).toEqual({ name: 'AssertionError', message: 'expected false to be truthy' });
    expect(context.assertions[4]!.error?.message).toBe('expected 0 to be truthy');
  });

  it('starts empty for every script', async () => {
    const { passed } = await runScripts(host, ["tests['first'] = true;", "tests['second'] = Object.keys(tests).length === 0;"], options);
    expect(passed).toBe(2);
  });
});

describe('legacy response globals', () => {
  it('exposes responseBody, responseCode, responseHeaders, responseTime, responseCookies', async () => {
    const { passed, failed } = await runScripts(
      host,
      `
      tests['responseBody'] = responseBody === '{"ok":true,"id":5}';
      tests['responseCode'] = JSON.stringify(responseCode) === JSON.stringify({ code: 201, name: 'Created', detail: 'Created' });
      tests['responseHeaders'] = responseHeaders['Content-Type'] === 'application/json';
      tests['responseTime'] = responseTime === 33;
      tests['responseCookies'] = responseCookies.length === 1 && responseCookies[0].name === 'sid';
      tests['getResponseHeader'] = postman.getResponseHeader('content-type') === 'application/json';
      tests['getResponseCookie'] = postman.getResponseCookie('sid').value === 'abc';
      `,
      options,
    );
    expect([passed, failed]).toEqual([7, 0]);
  });

  it('has no response values in a pre-request script', async () => {
    const { passed } = await runScripts(
      host,
      "tests['no body'] = responseBody === undefined; tests['code NaN'] = Number.isNaN(responseCode.code); tests['time NaN'] = Number.isNaN(responseTime);",
      { ...options, event: 'prerequest' },
    );
    expect(passed).toBe(3);
  });
});

describe('legacy variables and request', () => {
  it('reads environment, globals, data, iteration and the legacy request object', async () => {
    const { passed, failed } = await runScripts(
      host,
      `
      tests['environment'] = environment.env === 'E';
      tests['globals'] = globals.glob === 'G';
      tests['data'] = data.row === 'R1';
      tests['iteration'] = iteration === 3;
      tests['request.method'] = request.method === 'POST';
      tests['request.url'] = request.url === 'https://api.example.com/items?x=1';
      tests['request.headers'] = request.headers['content-type'] === 'application/x-www-form-urlencoded';
      tests['request.data'] = JSON.stringify(request.data) === JSON.stringify({ a: ['1', '2'] });
      tests['request.name'] = request.name === 'Get thing';
      `,
      options,
    );
    expect([passed, failed]).toEqual([9, 0]);
  });

  it('sets, reads and clears environment and global variables through postman.*', async () => {
    const { passed, failed, context } = await runScripts(
      host,
      `
      postman.setEnvironmentVariable('token', 12);
      tests['set env visible'] = postman.getEnvironmentVariable('token') === '12' && environment.token === '12';
      postman.clearEnvironmentVariable('drop');
      tests['cleared env'] = environment.drop === undefined && pm.environment.get('drop') === undefined;
      postman.setGlobalVariable('g2', 'two');
      tests['set global'] = postman.getGlobalVariable('g2') === 'two' && globals.g2 === 'two';
      postman.clearGlobalVariable('glob');
      postman.setNextRequest('Next one');
      `,
      options,
    );
    expect([passed, failed]).toEqual([3, 0]);
    expect(context.scopes.environment.toObject()).toEqual({ env: 'E', token: '12' });
    expect(context.scopes.globals.toObject()).toEqual({ g2: 'two' });
  });

  it('clears all environment or global variables', async () => {
    const { context } = await runScripts(host, 'postman.clearEnvironmentVariables(); postman.clearGlobalVariables();', options);
    expect(context.scopes.environment.toObject()).toEqual({});
    expect(context.scopes.globals.toObject()).toEqual({});
  });

  it('sets the next request', async () => {
    const { result } = await runScripts(host, "postman.setNextRequest('Other');", options);
    expect(result.nextRequest).toBe('Other');
  });
});

describe('legacy helpers and library globals', () => {
  it('parses XML with xml2Json', async () => {
    const { passed, failed } = await runScripts(
      host,
      `
      const json = xml2Json('<root><item id="1">one</item><item id="2">two</item><name> Ada </name></root>');
      tests['items'] = json.root.item.length === 2 && json.root.item[0]._ === 'one' && json.root.item[1].$.id === '2';
      tests['trimmed'] = json.root.name === 'Ada';
      `,
      options,
    );
    expect([passed, failed]).toEqual([2, 0]);
  });

  it('provides _, CryptoJS, tv4, cheerio, atob, btoa and Buffer as globals', async () => {
    const { passed, failed } = await runScripts(
      host,
      `
      tests['_'] = _.sum([1, 2, 3]) === 6;
      tests['CryptoJS'] = CryptoJS.MD5('abc').toString() === '900150983cd24fb0d6963f7d28e17f72';
      tests['tv4'] = tv4.validate({ a: 1 }, { type: 'object' });
      tests['cheerio'] = cheerio.load('<p class="x">hi</p>')('.x').text() === 'hi';
      tests['atob/btoa'] = btoa('hello') === 'aGVsbG8=' && atob('aGVsbG8=') === 'hello';
      tests['Buffer'] = Buffer.from('hello').toString('base64') === 'aGVsbG8=';
      `,
      options,
    );
    expect([passed, failed]).toEqual([6, 0]);
  });
});
