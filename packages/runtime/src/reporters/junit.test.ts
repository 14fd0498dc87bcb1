import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createJunitReporter, JunitReportBuilder } from './junit.ts';
import { replay, START_TIME, syntheticRun } from './test-run.fixture.ts';
import type { SyntheticRunOptions } from './test-run.fixture.ts';
import { escapeXmlAttribute, escapeXmlText } from './xml.ts';

type Node = Record<string, unknown>;
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => ['testsuite', 'testcase'].includes(name) });

function junit(options?: SyntheticRunOptions): string {
  const builder = new JunitReportBuilder(() => START_TIME);
  for (const [name, payload] of syntheticRun(options)) builder.on(name, payload);
  return builder.result()!;
}

function parse(xml: string): Node {
  expect(XMLValidator.validate(xml)).toBe(true);
  return (parser.parse(xml) as { testsuites: Node }).testsuites;
}

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'postern-junit-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('junit reporter', () => {
  it('writes well-formed XML with one suite per executed item and the right counts', async () => {
    const file = path.join(dir, 'out', 'junit.xml');
    const reporter = createJunitReporter({ export: file, now: () => START_TIME });
    await replay(reporter, syntheticRun());
    const xml = await readFile(file, 'utf8');
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites ')).toBe(true);
    const root = parse(xml);
    expect(root.name).toBe('Demo API');
    // Per iteration: 1 + 3 assertions, 1 script error, 1 request error.
    expect(root).toMatchObject({ tests: '12', failures: '2', errors: '4', skipped: '2', time: '0.210' });

    const suites = root.testsuite as Node[];
    expect(suites.map((s) => s.name)).toEqual([
      'Health', 'Users / List users', 'Users / Broken script', 'Users / Admin / Unreachable',
      'Health', 'Users / List users', 'Users / Broken script', 'Users / Admin / Unreachable',
    ]);
    const users = suites[1]!;
    expect(users).toMatchObject({ tests: '3', failures: '1', errors: '0', skipped: '1', time: '0.020', timestamp: '2023-11-14T22:13:20' });
    const cases = users.testcase as Node[];
    expect(cases.map((c) => c.name)).toEqual(['status is 200', 'has users', 'pagination']);
    expect(cases[0]!.classname).toBe('Demo API.Users.List users');
    expect(cases[1]!.failure).toMatchObject({ type: 'AssertionFailure', message: 'expected 0 to be above 0' });
    expect(String((cases[1]!.failure as Node)['#text'])).toContain('at assertion:1 in test-script');
    expect(cases[2]).toHaveProperty('skipped');

    const broken = suites[2]!.testcase as Node[];
    expect(broken).toHaveLength(1);
    expect(broken[0]!.error).toMatchObject({ type: 'TypeError', message: 'pm.foo is not a function' });
    const down = suites[3]!.testcase as Node[];
    expect(down[0]!.error).toMatchObject({ type: 'RequestError', message: 'connect ECONNREFUSED 127.0.0.1:1' });
    expect(suites[3]).toMatchObject({ errors: '1', tests: '1' });
  });

  it('escapes markup and strips characters XML cannot carry', () => {
    const xml = junit({
      collectionName: 'A & B <"quoted"> \'single\'',
      folderName: 'Folder <script>alert(1)</script>',
      failingAssertion: 'bell \u0007 nul \u0000 esc \u001b lone \uD800 ]]> end',
    });
    const root = parse(xml);
    expect(root.name).toBe('A & B <"quoted"> \'single\'');
    const names = (root.testsuite as Node[]).map((s) => s.name);
    expect(names).toContain('Folder <script>alert(1)</script> / List users');
    expect(xml).not.toContain('<script>');
    // eslint-disable-next-line no-control-regex
    expect(xml).not.toMatch(/[\u0000\u0007\u001b]/);
    const failing = ((root.testsuite as Node[])[1]!.testcase as Node[])[1]!;
    expect(failing.name).toBe('bell \uFFFD nul \uFFFD esc \uFFFD lone \uFFFD ]]> end');
  });

  it('escapes attribute whitespace so parsers keep it', () => {
    expect(escapeXmlAttribute('a\nb\tc"d')).toBe('a&#10;b&#9;c&quot;d');
    expect(escapeXmlText('x < y && z > 1')).toBe('x &lt; y &amp;&amp; z &gt; 1');
  });

  it('writes an empty but valid document for a run without items', () => {
    const builder = new JunitReportBuilder(() => START_TIME);
    const run = syntheticRun();
    builder.on('start', run[0]![1] as never);
    builder.on('done', run.at(-1)![1] as never);
    const root = parse(builder.result()!);
    expect(root).toMatchObject({ tests: '0', failures: '0', errors: '0' });
  });
});
