import { afterAll, describe, expect, it } from 'vitest';
import type { FakeContextOptions } from './fake-context.ts';
import { runScripts, toScriptResponse } from './fake-context.ts';
import { createIsolatedScriptHost } from './isolated-host.ts';

const host = createIsolatedScriptHost({ timeoutMs: 5000 });
afterAll(() => host.dispose());

const jsonResponse: FakeContextOptions['response'] = {
  code: 200,
  status: 'OK',
  headers: [
    { key: 'Content-Type', value: 'application/json; charset=utf-8' },
    { key: 'X-Trace', value: 'abc' },
    { key: 'Set-Cookie', value: 'session=s1; Path=/; HttpOnly' },
  ],
  body: JSON.stringify({ id: 7, name: 'Ada', tags: ['a', 'b'], nested: { list: [{ n: 1 }, { n: 2 }] } }),
  responseTime: 42,
};

async function run(source: string | string[], options: FakeContextOptions = {}, timeoutMs?: number) {
  return runScripts(host, source, { response: jsonResponse, ...options }, timeoutMs);
}

describe('pm.test', () => {
  it('records passing, failing and skipped tests in order, and chains', async () => {
    const { passed, failed, skipped, context, result } = await run(`
      const chained = pm.test('one', () => {}).test('two', () => pm.expect(1).to.equal(2));
      pm.test.skip('three', () => { throw new Error('not run'); });
      pm.test('four');
      pm.test('five', function () { throw new TypeError('boom'); });
      pm.test('chained returns pm', () => pm.expect(chained).to.equal(pm));
    `);
    expect(result.error).toBeUndefined();
    expect([passed, failed, skipped]).toEqual([3, 2, 1]);
    expect(context.assertions.map((a) => a.name)).toEqual(['one', 'two', 'three', 'four', 'five', 'chained returns pm']);
    expect(context.assertions[1]!.error).toEqual({ name: 'AssertionError', message: 'expected 1 to equal 2' });
    expect(context.assertions[4]!.error).toEqual({ name: 'TypeError', message: 'boom' });
  });

  it('waits for async tests: resolved passes, rejected fails, done(err) fails', async () => {
    const { passed, failed, context } = await run(`
      pm.test('async ok', async () => { await new Promise((r) => setTimeout(r, 10)); pm.expect(true).to.be.true; });
      pm.test('async assertion fails', async () => { await null; pm.expect('a').to.equal('b'); });
      pm.test('rejected promise', () => Promise.reject(new RangeError('nope')));
      pm.test('done ok', (done) => setTimeout(() => done(), 5));
      pm.test('done with error', (done) => setTimeout(() => done(new Error('late failure')), 5));
      pm.test('done never called', (done) => {});
    `);
    expect([passed, failed]).toEqual([2, 4]);
    const byName = Object.fromEntries(context.assertions.map((a) => [a.name, a]));
    expect(byName['rejected promise']!.error).toEqual({ name: 'RangeError', message: 'nope' });
    expect(byName['async assertion fails']!.error?.message).toBe("expected 'a' to equal 'b'");
    expect(byName['done with error']!.error?.message).toBe('late failure');
    expect(byName['done never called']!.error?.message).toContain('did not complete');
  });
});

describe('pm.expect (chai)', () => {
  it('supports the chai BDD vocabulary with negation', async () => {
    const { passed, failed, context } = await run(`
      pm.test('deep', () => pm.expect({ a: [1, { b: 2 }] }).to.deep.equal({ a: [1, { b: 2 }] }));
      pm.test('types', () => { pm.expect('x').to.be.a('string'); pm.expect([]).to.be.an('array'); });
      pm.test('include/keys', () => { pm.expect([1, 2, 3]).to.include(2); pm.expect({ a: 1, b: 2 }).to.have.all.keys('a', 'b'); });
      pm.test('numbers', () => { pm.expect(5).to.be.above(4).and.below(6); pm.expect(0.1 + 0.2).to.be.closeTo(0.3, 1e-9); });
      pm.test('oneOf/match', () => { pm.expect('b').to.be.oneOf(['a', 'b']); pm.expect('abc').to.match(/^a/); });
      pm.test('not', () => pm.expect(null).to.not.exist);
      pm.test('ok on plain values', () => { pm.expect(1).to.be.ok; pm.expect(0).to.not.be.ok; });
      pm.test('fails', () => pm.expect([1, 2]).to.have.lengthOf(3));
    `);
    expect([passed, failed]).toEqual([7, 1]);
    expect(context.assertions[7]!.error?.message).toBe('expected [ 1, 2 ] to have a length of 3 but got 2');
  });
});

describe('response assertions (Postman chai plugin)', () => {
  it('checks status, headers and bodies', async () => {
    const { passed, failed, context } = await run(`
      pm.test('status code', () => pm.response.to.have.status(200));
      pm.test('status reason', () => pm.response.to.have.status('OK'));
      pm.test('header present', () => pm.response.to.have.header('content-type'));
      pm.test('header value', () => pm.response.to.have.header('X-Trace', 'abc'));
      pm.test('body regexp', () => pm.response.to.have.body(/"Ada"/));
      pm.test('body object', () => pm.response.to.have.body({ id: 7, name: 'Ada', tags: ['a', 'b'], nested: { list: [{ n: 1 }, { n: 2 }] } }));
      pm.test('jsonBody valid', () => pm.response.to.have.jsonBody());
      pm.test('jsonBody path', () => pm.response.to.have.jsonBody('nested.list[1].n'));
      pm.test('jsonBody path value', () => pm.response.to.have.jsonBody('tags', ['a', 'b']));
      pm.test('be.json / withBody', () => { pm.response.to.be.json; pm.response.to.be.withBody; });
      pm.test('response time', () => pm.response.to.have.responseTime.below(100));
      pm.test('expect(response)', () => pm.expect(pm.response).to.have.status(200));
      pm.test('FAIL status', () => pm.response.to.have.status(201));
      pm.test('FAIL header value', () => pm.response.to.have.header('X-Trace', 'zzz'));
      pm.test('FAIL missing header', () => pm.response.to.have.header('X-Missing'));
      pm.test('FAIL body text', () => pm.response.to.have.body('plain'));
      pm.test('FAIL jsonBody value', () => pm.response.to.have.jsonBody('id', 8));
    `);
    expect([passed, failed]).toEqual([12, 5]);
    const errors = context.assertions.filter((a) => !a.passed).map((a) => a.error?.message);
    expect(errors).toEqual([
      'expected response to have status code 201 but got 200',
      "expected 'X-Trace' response header to be 'zzz' but got 'abc'",
      "expected response to have header with key 'X-Missing'",
      expect.stringContaining('expected response body to equal'),
      'expected response body json at "id" to contain 8 but got 7',
    ]);
  });

  it('checks a JSON schema with ajv', async () => {
    const { passed, failed, context } = await run(`
      const schema = { type: 'object', required: ['id', 'name'], properties: { id: { type: 'number' }, name: { type: 'string' } } };
      pm.test('valid', () => pm.response.to.have.jsonSchema(schema));
      pm.test('invalid', () => pm.response.to.have.jsonSchema({ type: 'object', properties: { id: { type: 'string' } } }));
      pm.test('plain data', () => pm.expect({ id: 1 }).to.have.jsonSchema({ type: 'object', required: ['id'] }));
    `);
    expect([passed, failed]).toEqual([2, 1]);
    expect(context.assertions[1]!.error?.message).toContain('expected data to satisfy schema but found following errors');
    expect(context.assertions[1]!.error?.message).toContain('data.id should be string');
  });

  it.each([
    [200, 'OK', ['ok', 'success'], ['clientError', 'serverError', 'notFound', 'unauthorized', 'rateLimited', 'error']],
    [404, 'Not Found', ['notFound', 'clientError', 'error'], ['ok', 'success', 'serverError']],
    [401, 'Unauthorized', ['unauthorized', 'clientError'], ['ok', 'notFound']],
    [429, 'Too Many Requests', ['rateLimited', 'clientError'], ['ok', 'serverError']],
    [503, 'Service Unavailable', ['serverError', 'error'], ['ok', 'success', 'clientError']],
  ])('status %i %s: be.<class> and not.be.<class>', async (code, status, yes, no) => {
    const script = [
      ...yes.map((p) => `pm.test('${p}', () => pm.response.to.be.${p});`),
      ...no.map((p) => `pm.test('not ${p}', () => pm.response.to.not.be.${p});`),
      ...no.map((p) => `pm.test('wrongly ${p}', () => pm.response.to.be.${p});`),
    ].join('\n');
    const { passed, failed } = await run(script, { response: { code, status, body: '' } });
    expect([passed, failed]).toEqual([yes.length + no.length, no.length]);
  });
});

describe('pm.response', () => {
  it('exposes code, status, headers, time, size, text and json', async () => {
    const { passed, failed, context } = await run(`
      const r = pm.response;
      pm.test('fields', () => {
        pm.expect(r.code).to.equal(200);
        pm.expect(r.status).to.equal('OK');
        pm.expect(r.responseTime).to.equal(42);
        pm.expect(r.responseSize).to.equal(r.text().length);
        pm.expect(r.reason()).to.equal('OK');
        pm.expect(r.size().body).to.equal(r.text().length);
      });
      pm.test('headers (HeaderList)', () => {
        pm.expect(r.headers.get('content-type')).to.equal('application/json; charset=utf-8');
        pm.expect(r.headers.has('X-TRACE')).to.be.true;
        pm.expect(r.headers.has('x-trace', 'abc')).to.be.true;
        pm.expect(r.headers.toObject()).to.include({ 'x-trace': 'abc' });
        pm.expect(r.headers.count()).to.equal(3);
        pm.expect(r.headers.one('X-Trace').value).to.equal('abc');
      });
      pm.test('json/text', () => {
        pm.expect(r.json().nested.list).to.have.length(2);
        pm.expect(r.text()).to.match(/^\\{"id":7/);
      });
      pm.test('FAIL json() parses afresh each call', () => pm.expect(r.json()).to.equal(r.json()));
      pm.test('cookies set by the response', () => pm.expect(r.cookies.get('session')).to.equal('s1'));
      pm.test('contentInfo', () => pm.expect(r.contentInfo()).to.include({ mimeFormat: 'json', charset: 'utf-8' }));
    `);
    expect(context.assertions.filter((a) => !a.passed)).toEqual([
      expect.objectContaining({ name: 'FAIL json() parses afresh each call', error: expect.objectContaining({ message: expect.stringContaining('to equal') }) }),
    ]);
    expect([passed, failed]).toEqual([5, 1]);
  });

  it('reports invalid JSON as a JSONError', async () => {
    const { context } = await run("pm.test('parse', () => pm.response.json());", { response: { body: 'not json' } });
    expect(context.assertions[0]!.error?.name).toBe('JSONError');
  });

  it('is undefined in a pre-request script', async () => {
    const { passed } = await run("pm.test('no response', () => pm.expect(pm.response).to.be.undefined);", { event: 'prerequest' });
    expect(passed).toBe(1);
  });

  it('is empty (no code) in a test script when the request failed', async () => {
    const { passed } = await run("pm.test('no code', () => pm.expect(pm.response.code).to.be.undefined);", { response: null });
    expect(passed).toBe(1);
  });
});

describe('pm.request', () => {
  const request = {
    url: {
      raw: '{{base}}/users/:id?verbose=true',
      host: ['{{base}}'],
      path: ['users', ':id'],
      query: [{ key: 'verbose', value: 'true' }],
      variable: [{ key: 'id', value: '9' }],
    },
    method: 'POST',
    header: [{ key: 'Accept', value: 'application/json', description: 'kept' }],
    body: { mode: 'raw', raw: '{"a":1}', options: { raw: { language: 'json' } } },
  };

  it('reads url, method, headers and body', async () => {
    const { passed, failed } = await run(
      `
      pm.test('url', () => {
        pm.expect(pm.request.url.toString()).to.equal('{{base}}/users/:id?verbose=true');
        pm.expect(pm.request.url.getHost()).to.equal('{{base}}');
        pm.expect(pm.request.url.getPath()).to.equal('/users/9');
        pm.expect(pm.request.url.query.get('verbose')).to.equal('true');
        pm.expect(pm.request.url.variables.get('id')).to.equal('9');
      });
      pm.test('method/headers/body', () => {
        pm.expect(pm.request.method).to.equal('POST');
        pm.expect(pm.request.headers.get('accept')).to.equal('application/json');
        pm.expect(pm.request.body.mode).to.equal('raw');
        pm.expect(JSON.parse(pm.request.body.raw)).to.eql({ a: 1 });
        pm.expect(pm.request.body.toString()).to.equal('{"a":1}');
      });
      pm.test('request assertions', () => pm.request.to.have.header('Accept'));
      `,
      { event: 'prerequest', request },
    );
    expect([passed, failed]).toEqual([3, 0]);
  });

  it('leaves the request untouched when a script only reads it', async () => {
    const original = structuredClone(request);
    const { context } = await run('pm.request.url.toString(); pm.request.headers.get("Accept");', { event: 'prerequest', request: structuredClone(request) });
    expect(context.request).toEqual(original);
  });

  it('writes changes made by a pre-request script back to the request', async () => {
    const { context, result } = await run(
      `
      pm.request.headers.add({ key: 'X-Added', value: '1' });
      pm.request.headers.upsert({ key: 'accept', value: 'text/plain' });
      pm.request.addHeader('X-Second: 2');
      pm.request.removeHeader('X-Second');
      pm.request.url.query.add({ key: 'page', value: '2' });
      pm.request.url.variables.upsert({ key: 'id', value: '10' });
      pm.request.method = 'put';
      pm.request.body.update(JSON.stringify({ b: 2 }));
      pm.request.auth = { type: 'bearer', bearer: [{ key: 'token', value: '{{token}}' }] };
      `,
      { event: 'prerequest', request: structuredClone(request) },
    );
    expect(result.error).toBeUndefined();
    const sent = context.request as Record<string, any>;
    expect(sent.method).toBe('put');
    expect(sent.header).toEqual([
      // Postman's upsert takes the new key's spelling.
      { key: 'accept', value: 'text/plain', description: 'kept' },
      { key: 'X-Added', value: '1' },
    ]);
    expect(sent.url.raw).toBe('{{base}}/users/:id?verbose=true&page=2');
    expect(sent.url.query).toEqual([
      { key: 'verbose', value: 'true' },
      { key: 'page', value: '2' },
    ]);
    expect(sent.url.variable).toEqual([{ key: 'id', value: '10' }]);
    expect(sent.body).toEqual({ mode: 'raw', raw: '{"b":2}' });
    expect(sent.auth).toEqual({ type: 'bearer', bearer: [{ key: 'token', value: '{{token}}' }] });
  });

  it('accepts a new url string and a body replaced as a plain object', async () => {
    const { context } = await run(
      "pm.request.url = 'https://other.example.com:8443/x/y?q=1#frag'; pm.request.body = { mode: 'urlencoded', urlencoded: [{ key: 'a', value: 'b' }] };",
      { event: 'prerequest', request: structuredClone(request) },
    );
    const sent = context.request as Record<string, any>;
    expect(sent.url).toEqual({
      raw: 'https://other.example.com:8443/x/y?q=1#frag',
      protocol: 'https',
      host: ['other', 'example', 'com'],
      port: '8443',
      path: ['x', 'y'],
      query: [{ key: 'q', value: '1' }],
      hash: 'frag',
    });
    expect(sent.body).toEqual({ mode: 'urlencoded', urlencoded: [{ key: 'a', value: 'b' }] });
  });

  it('passes changes from one pre-request script to the next', async () => {
    const { passed, context } = await run(
      ["pm.request.headers.add({ key: 'X-From', value: 'collection' });", "pm.test('seen', () => pm.expect(pm.request.headers.get('X-From')).to.equal('collection'));"],
      { event: 'prerequest', request: structuredClone(request) },
    );
    expect(passed).toBe(1);
    expect((context.request as Record<string, any>).header).toHaveLength(2);
  });
});

describe('variable scopes', () => {
  const scopes: FakeContextOptions = {
    globals: { g: 'global', shared: 'from globals' },
    collectionVariables: { c: 'collection', shared: 'from collection' },
    environment: { e: 'env', shared: 'from env', base: 'https://{{host}}' },
    environmentName: 'Staging',
    iterationData: { d: 'data', shared: 'from data' },
    local: {},
  };

  it('reads through the precedence order and replaces {{variables}}', async () => {
    const { passed, failed } = await run(
      `
      pm.test('precedence', () => {
        pm.expect(pm.variables.get('shared')).to.equal('from data');
        pm.variables.set('shared', 'from local');
        pm.expect(pm.variables.get('shared')).to.equal('from local');
        pm.expect(pm.variables.get('g')).to.equal('global');
        pm.expect(pm.variables.has('c')).to.be.true;
        pm.expect(pm.variables.has('nope')).to.be.false;
      });
      pm.test('toObject merges', () => pm.expect(pm.variables.toObject()).to.include({ g: 'global', c: 'collection', e: 'env', d: 'data', shared: 'from local' }));
      pm.test('replaceIn', () => {
        pm.environment.set('host', 'api.test');
        pm.expect(pm.variables.replaceIn('{{base}}/{{d}}/{{missing}}')).to.equal('https://api.test/data/{{missing}}');
        pm.expect(pm.environment.replaceIn('{{e}}-{{g}}')).to.equal('env-{{g}}');
        pm.expect(pm.variables.replaceIn('{{$guid}}')).to.match(/^[0-9a-f-]{36}$/);
      });
      pm.test('scope API', () => {
        pm.expect(pm.environment.name).to.equal('Staging');
        pm.expect(pm.globals.toObject()).to.eql({ g: 'global', shared: 'from globals' });
        pm.expect(pm.iterationData.get('d')).to.equal('data');
        pm.expect(pm.collectionVariables.has('c')).to.be.true;
      });
      `,
      scopes,
    );
    expect([passed, failed]).toEqual([4, 0]);
  });

  it('resolves dynamic variables through the run, or Postman\'s own set without one', async () => {
    const seeded = await run("console.log(pm.variables.replaceIn('{{$guid}}|{{$randomInt}}|{{$unknownThing}}'));", {
      dynamicVariable: (name) => (name === '$guid' ? 'fixed-guid' : name === '$randomInt' ? '7' : undefined),
    });
    expect(seeded.context.consoleLog[0]!.messages).toEqual(['fixed-guid|7|{{$unknownThing}}']);
    const builtIn = await run("console.log(pm.variables.replaceIn('{{$randomFirstName}}'), pm.variables.replaceIn('{{$timestamp}}'));");
    const [name, timestamp] = builtIn.context.consoleLog[0]!.messages as string[];
    expect(name).toMatch(/^[A-Z][a-z]+/);
    expect(Math.abs(Number(timestamp) - Date.now() / 1000)).toBeLessThan(60);
  });

  it('writes final values back to the host scopes', async () => {
    const { context } = await run(
      `
      pm.environment.set('token', 'abc');
      pm.environment.set('count', 3);
      pm.environment.set('obj', { nested: [1, 2] });
      pm.environment.unset('e');
      pm.globals.clear();
      pm.globals.set('after', 'clear');
      pm.collectionVariables.set('c', 'changed', 'string');
      pm.variables.set('localOnly', true);
      pm.iterationData.unset('d');
      `,
      scopes,
    );
    expect(context.scopes.environment.toObject()).toEqual({ shared: 'from env', base: 'https://{{host}}', token: 'abc', count: 3, obj: { nested: [1, 2] } });
    expect(context.scopes.globals.toObject()).toEqual({ after: 'clear' });
    expect(context.scopes.collectionVariables.values().find((v) => v.key === 'c')).toEqual({ key: 'c', value: 'changed', type: 'string' });
    expect(context.scopes.local.toObject()).toEqual({ localOnly: true });
    expect(context.scopes.iterationData.has('d')).toBe(false);
  });

  it('shares changes between the scripts of one event', async () => {
    const { passed } = await run(["pm.environment.set('step', 1);", "pm.test('seen', () => pm.expect(pm.environment.get('step')).to.equal(1));"], scopes);
    expect(passed).toBe(1);
  });

  it('reloads scopes for every execution (the runner may change them in between)', async () => {
    const first = await run("pm.test('first', () => pm.expect(pm.environment.get('e')).to.equal('env'));", scopes);
    const second = await run("pm.test('second', () => pm.expect(pm.environment.get('e')).to.equal('other'));", { ...scopes, environment: { e: 'other' } });
    expect([first.passed, second.passed]).toEqual([1, 1]);
  });
});

describe('pm.info, flow control, visualizer, console', () => {
  it('describes the execution', async () => {
    const { passed } = await run(
      `pm.test('info', () => pm.expect(pm.info).to.include({ eventName: 'test', iteration: 2, iterationCount: 5, requestName: 'Get thing', requestId: 'item-1' }));`,
      { iteration: 2, iterationCount: 5 },
    );
    expect(passed).toBe(1);
  });

  it('sets the next request, last call wins, null stops', async () => {
    const a = await run("pm.execution.setNextRequest('Login'); postman.setNextRequest('Logout');");
    expect(a.result.nextRequest).toBe('Logout');
    const b = await run('pm.execution.setNextRequest(null);');
    expect(b.result.nextRequest).toBeNull();
    const c = await run("pm.test('none', () => {});");
    expect('nextRequest' in c.result).toBe(false);
  });

  it('skips the request only from a pre-request script', async () => {
    const pre = await run('pm.execution.skipRequest();', { event: 'prerequest' });
    expect(pre.result.skipRequest).toBe(true);
    const test = await run('pm.execution.skipRequest();');
    expect(test.result.skipRequest).toBeUndefined();
    expect(test.result.error).toMatchObject({ name: 'TypeError', message: 'pm.execution.skipRequest is not a function' });
  });

  it('keeps the visualizer template and data', async () => {
    const { result } = await run("pm.visualizer.set('<b>{{name}}</b>', { name: pm.response.json().name }, { pretty: true });");
    expect(result.visualizer).toEqual({ template: '<b>{{name}}</b>', data: { name: 'Ada' }, options: { pretty: true } });
    const cleared = await run("pm.visualizer.set('x', {}); pm.visualizer.clear();");
    expect(cleared.result.visualizer).toBeUndefined();
  });

  it('captures console output with its level and values', async () => {
    const { context } = await run(`
      console.log('text', 1, true, null, undefined, NaN, [1, { a: 2 }]);
      console.info('info'); console.warn('warn'); console.error(new TypeError('bad')); console.debug(() => 1);
      const loop = { name: 'loop' }; loop.self = loop; console.log(loop);
      console.log(new Date(0), /re/g, 10n);
    `);
    expect(context.consoleLog).toEqual([
      { level: 'log', messages: ['text', 1, true, null, undefined, Number.NaN, [1, { a: 2 }]] },
      { level: 'info', messages: ['info'] },
      { level: 'warn', messages: ['warn'] },
      { level: 'error', messages: ['TypeError: bad'] },
      { level: 'debug', messages: ['[Function (anonymous)]'] },
      { level: 'log', messages: [{ name: 'loop', self: '[Circular]' }] },
      { level: 'log', messages: ['1970-01-01T00:00:00.000Z', '/re/g', '10n'] },
    ]);
  });
});

describe('pm.cookies', () => {
  it('reads the cookies of the current request', async () => {
    const { passed, failed } = await run(
      `pm.test('cookies', () => {
        pm.expect(pm.cookies.get('sid')).to.equal('123');
        pm.expect(pm.cookies.has('sid')).to.be.true;
        pm.expect(pm.cookies.has('nope')).to.be.false;
        pm.expect(pm.cookies.toObject()).to.eql({ sid: '123', theme: 'dark' });
        pm.expect(pm.cookies.count()).to.equal(2);
        pm.expect(pm.cookies.one('theme').domain).to.equal('example.com');
      });`,
      { cookies: [{ name: 'sid', value: '123', domain: 'example.com' }, { name: 'theme', value: 'dark', domain: 'example.com' }] },
    );
    expect([passed, failed]).toEqual([1, 0]);
  });

  it('manages the jar with callbacks and promises', async () => {
    const { passed, failed, context } = await run(`
      const jar = pm.cookies.jar();
      jar.set('https://example.com', 'a', '1', (err, cookie) => {
        pm.test('set', () => { pm.expect(err).to.be.null; pm.expect(cookie).to.include({ name: 'a', value: '1' }); });
        jar.get('https://example.com', 'a', (err2, value) => {
          pm.test('get', () => pm.expect(value).to.equal('1'));
          jar.getAll('https://example.com', (err3, cookies) => {
            pm.test('getAll', () => pm.expect(cookies.toObject()).to.eql({ a: '1' }));
            jar.unset('https://example.com', 'a', () => {
              jar.get('https://example.com', 'a', (err4, gone) => pm.test('unset', () => pm.expect(gone).to.be.null));
            });
          });
        });
      });
      await jar.set('https://other.example', { name: 'b', value: '2', path: '/' });
      pm.test('promise form', async () => pm.expect(await jar.get('https://other.example', 'b')).to.equal('2'));
      await jar.clear('https://other.example');
      pm.test('cleared', async () => pm.expect((await jar.getAll('https://other.example')).count()).to.equal(0));
      pm.test('bad url throws', () => pm.expect(() => jar.get('', 'x', () => {})).to.throw(TypeError, 'requires a valid url'));
    `);
    expect([passed, failed]).toEqual([7, 0]);
    expect(context.jar.get('example.com')?.size).toBe(0);
  });
});

describe('pm.sendRequest', () => {
  it('calls back with (err, res) and resolves as a promise', async () => {
    const { passed, failed, context } = await run(`
      pm.sendRequest('https://api.example.com/ping', (err, res) => {
        pm.test('callback', () => {
          pm.expect(err).to.be.null;
          pm.expect(res.code).to.equal(200);
          pm.expect(res.status).to.equal('OK');
          pm.expect(res.headers.get('content-type')).to.equal('application/json');
          pm.expect(res.json().echo).to.equal('https://api.example.com/ping');
          pm.expect(res.text()).to.contain('ping');
          res.to.have.status(200);
        });
      });
      const res = await pm.sendRequest({
        url: 'https://api.example.com/items',
        method: 'post',
        header: { 'Content-Type': 'application/json', 'X-Num': 5 },
        body: { mode: 'raw', raw: JSON.stringify({ a: 1 }) },
      });
      pm.test('promise', () => pm.expect(res.json().echo).to.include({ method: 'POST' }));
    `);
    expect([passed, failed]).toEqual([2, 0]);
    expect(context.sent).toEqual([
      'https://api.example.com/ping',
      {
        url: 'https://api.example.com/items',
        method: 'POST',
        header: [
          { key: 'Content-Type', value: 'application/json' },
          { key: 'X-Num', value: '5' },
        ],
        body: { mode: 'raw', raw: '{"a":1}' },
      },
    ]);
  });

  it('passes request failures to the callback and rejects the promise', async () => {
    const send = async () => {
      throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' });
    };
    const { passed, failed } = await run(
      `
      pm.sendRequest('http://127.0.0.1:9/', (err, res) => {
        pm.test('callback error', () => { pm.expect(err.message).to.contain('ECONNREFUSED'); pm.expect(res).to.be.undefined; });
      });
      try { await pm.sendRequest('http://127.0.0.1:9/'); } catch (e) { pm.test('rejected', () => pm.expect(e.code).to.equal('ECONNREFUSED')); }
      `,
      { send },
    );
    expect([passed, failed]).toEqual([2, 0]);
  });

  it('runs callbacks for a slow server in completion order', async () => {
    const send = (request: unknown) =>
      new Promise<ReturnType<typeof toScriptResponse>>((resolve) =>
        setTimeout(() => resolve(toScriptResponse({ body: String(request) })), String(request).endsWith('slow') ? 60 : 5),
      );
    const { context } = await run("['http://x/slow', 'http://x/fast'].forEach((u) => pm.sendRequest(u, (e, r) => console.log(r.text())));", { send });
    expect(context.consoleLog.map((c) => c.messages[0])).toEqual(['http://x/fast', 'http://x/slow']);
  });
});

describe('timers and script errors', () => {
  it('runs timers in due order, honours clearTimeout/clearInterval', async () => {
    const { context } = await run(`
      const order = [];
      setTimeout(() => order.push('30'), 30);
      setTimeout(() => order.push('10'), 10);
      const cancelled = setTimeout(() => order.push('never'), 5);
      clearTimeout(cancelled);
      let ticks = 0;
      const interval = setInterval(() => { ticks++; if (ticks === 3) clearInterval(interval); }, 2);
      setImmediate(() => order.push('immediate'));
      setTimeout(() => console.log(order.join(','), ticks), 50);
    `);
    expect(context.consoleLog).toEqual([{ level: 'log', messages: ['immediate,10,30', 3] }]);
  });

  it('reports an error thrown in a timer against the script', async () => {
    const { result } = await run("setTimeout(() => { throw new Error('in timer'); }, 1);");
    expect(result.error).toMatchObject({ code: 'SCRIPT_ERROR', message: 'in timer', origin: 'Get thing' });
  });

  it('reports each failing script and runs the later ones', async () => {
    const { result, passed } = await runScripts(host, [
      { source: "throw new Error('collection broke');", origin: 'collection' },
      { source: 'syntax error here(', origin: 'Folder' },
      { source: "pm.test('item still runs', () => {});", origin: 'Get thing', id: 'evt-1' },
    ]);
    expect(passed).toBe(1);
    expect(result.error).toMatchObject({ origin: 'collection', scriptIndex: 0, message: 'collection broke' });
    expect(result.errors?.map((e) => [e.origin, e.code])).toEqual([
      ['collection', 'SCRIPT_ERROR'],
      ['Folder', 'SCRIPT_SYNTAX_ERROR'],
    ]);
  });

  it('starts a new execution even when its first script does not compile', async () => {
    await run("pm.environment.set('x', 1);", { requestName: 'Earlier', environment: { e: 'earlier' } });
    const { context } = await run(['this is ( not javascript', "console.log(pm.info.requestName, pm.environment.get('e'));"], {
      requestName: 'Later',
      environment: { e: 'later' },
    });
    expect(context.consoleLog[0]!.messages).toEqual(['Later', 'later']);
  });

  it('supports top-level return and await', async () => {
    const { passed } = await run("pm.test('before', () => {}); if (true) return; pm.test('after', () => {});");
    const awaited = await run("const v = await Promise.resolve(5); pm.test('awaited', () => pm.expect(v).to.equal(5));");
    expect([passed, awaited.passed]).toEqual([1, 1]);
  });
});
