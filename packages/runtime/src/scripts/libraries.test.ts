import { performance } from 'node:perf_hooks';
import { afterAll, describe, expect, it } from 'vitest';
import { BUILTIN_MODULES, REQUIRABLE_LIBRARIES, isRequirable, librarySource, requiredLibraries } from './bundles.ts';
import { runScripts } from './fake-context.ts';
import { createIsolatedScriptHost } from './isolated-host.ts';

const host = createIsolatedScriptHost({ timeoutMs: 10_000 });
afterAll(() => host.dispose());

/** One small real call per library, each checked against a known answer. */
const CASES: Record<string, string> = {
  lodash: "const _ = require('lodash'); return _.chunk([1, 2, 3, 4, 5], 2);",
  moment: "const moment = require('moment'); return moment.utc('2024-02-29T10:00:00Z').add(1, 'year').format('YYYY-MM-DD dddd');",
  'crypto-js': "const CryptoJS = require('crypto-js'); return CryptoJS.HmacSHA256('The quick brown fox jumps over the lazy dog', 'key').toString(CryptoJS.enc.Hex);",
  ajv: "const Ajv = require('ajv'); const ajv = new Ajv(); const ok = ajv.validate({ type: 'object', required: ['a'] }, {}); return [ok, ajv.errors[0].params.missingProperty];",
  tv4: "const tv4 = require('tv4'); return [tv4.validate(5, { type: 'string' }), tv4.error.message];",
  uuid: "const uuid = require('uuid'); const id = uuid.v4(); return [uuid.validate(id), uuid.version(id), uuid.validate(uuid()), uuid.v5('hello', uuid.v5.DNS)];",
  xml2js: "const xml2js = require('xml2js'); let out; xml2js.parseString('<a><b>1</b></a>', (err, res) => { out = res; }); return out;",
  cheerio: "const cheerio = require('cheerio'); const $ = cheerio.load('<ul><li>a</li><li class=\"x\">b</li></ul>'); return [$('li').length, $('.x').text()];",
  'csv-parse/sync': "const { parse } = require('csv-parse/sync'); return parse('a,b\\n1,2\\n', { columns: true });",
  'csv-parse/lib/sync': "const parse = require('csv-parse/lib/sync'); return parse('x;y\\n3;4', { delimiter: ';' });",
  buffer: "const { Buffer } = require('buffer'); return Buffer.from('héllo', 'utf8').toString('hex');",
  url: "const url = require('url'); const u = url.parse('https://user@example.com:8080/p/a?x=1#h', true); return [u.hostname, u.port, u.query.x, url.resolve('http://a/b/c', '../d')];",
  querystring: "const qs = require('querystring'); return [qs.stringify({ a: [1, 2], b: 'x y' }), qs.parse('c=3&d=%20')];",
  chai: "const chai = require('chai'); chai.expect(1).to.equal(1); return typeof chai.assert.deepEqual === 'function' && chai.expect === pm.expect;",
  atob: "return require('atob')('aGk=');",
  btoa: "return require('btoa')('hi');",
};

const EXPECTED: Record<string, unknown> = {
  lodash: [[1, 2], [3, 4], [5]],
  moment: '2025-02-28 Friday',
  'crypto-js': 'f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8',
  ajv: [false, '.a'],
  tv4: [false, 'Invalid type: number (expected string)'],
  uuid: [true, 4, true, '9342d47a-1bab-5709-9869-c840b2eac501'],
  xml2js: { a: { b: ['1'] } },
  cheerio: [2, 'b'],
  'csv-parse/sync': [{ a: '1', b: '2' }],
  'csv-parse/lib/sync': [['x', 'y'], ['3', '4']],
  buffer: '68c3a96c6c6f',
  url: ['example.com', '8080', '1', 'http://a/d'],
  querystring: ['a=1&a=2&b=x%20y', { c: '3', d: ' ' }],
  chai: true,
  atob: 'hi',
  btoa: 'aGk=',
};

describe('require() of the allowed libraries', () => {
  it('covers exactly the names scripts may require', () => {
    expect(Object.keys(CASES).sort()).toEqual([...Object.keys(REQUIRABLE_LIBRARIES), ...BUILTIN_MODULES].sort());
    expect(isRequirable('lodash')).toBe(true);
    expect(isRequirable('fs')).toBe(false);
    expect(librarySource('fs')).toBeUndefined();
  });

  it.each(Object.keys(CASES))('%s works inside the isolate', async (name) => {
    const { result, context } = await runScripts(host, `console.log((() => { ${CASES[name]} })());`);
    expect(result.error).toBeUndefined();
    expect(context.consoleLog[0]?.messages[0]).toEqual(EXPECTED[name]);
  });

  it('returns the same module object on every require in a run', async () => {
    const { passed } = await runScripts(host, "pm.test('cached', () => pm.expect(require('lodash')).to.equal(require('lodash')));");
    expect(passed).toBe(1);
  });

  it('keeps each bundle after the first build', () => {
    const first = librarySource('querystring');
    const started = performance.now();
    const second = librarySource('querystring');
    expect(second).toBe(first);
    expect(performance.now() - started).toBeLessThan(5);
    expect(first).toMatch(/^\(function \(module, exports, require\) \{/);
  });

  it('finds library names in script sources for bundling ahead of time', () => {
    expect(requiredLibraries("const _ = require('lodash'); require(\"moment\"); require('fs'); xml2Json(x); pm.response.to.have.jsonSchema(s);").sort()).toEqual(
      ['ajv', 'lodash', 'moment', 'xml2js'],
    );
  });
});
