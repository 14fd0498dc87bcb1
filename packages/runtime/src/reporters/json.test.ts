import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunEvents } from '../events.ts';
import { createJsonReporter, JsonReportBuilder } from './json.ts';
import type { JsonReport } from './json.ts';
import { replay, START_TIME, syntheticRun } from './test-run.fixture.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'postern-json-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('json reporter', () => {
  it('writes Newman’s summary shape', async () => {
    const file = path.join(dir, 'report.json');
    const reporter = createJsonReporter({ export: file, now: () => START_TIME });
    const run = syntheticRun();
    await replay(reporter, run);
    expect(reporter.exportedPath).toBe(file);
    const report = JSON.parse(await readFile(file, 'utf8')) as JsonReport;
    const summary = (run.at(-1)![1] as RunEvents['done']).summary;

    expect(Object.keys(report)).toEqual(['collection', 'environment', 'globals', 'run']);
    expect(report.collection).toEqual({ info: { name: 'Demo API' } });
    expect(report.environment).toEqual({ values: [] });
    expect(Object.keys(report.run)).toEqual(['stats', 'timings', 'executions', 'transfers', 'failures', 'error']);
    expect(report.run.stats).toEqual(summary.stats);
    expect(report.run.timings).toEqual(summary.timings);
    expect(report.run.transfers).toEqual({ responseTotal: 600 });
    expect(report.run.failures).toHaveLength(6);
    expect(report.run.failures[0]).toMatchObject({ at: 'assertion:1 in test-script', error: { test: 'has users' } });
    expect(report.run.error).toBeNull();
  });

  it('keeps executions compact: metadata, headers and assertions, no bodies', () => {
    const builder = new JsonReportBuilder();
    for (const [name, payload] of syntheticRun()) builder.on(name, payload);
    const report = builder.result()!;
    const executions = report.run.executions;
    expect(executions).toHaveLength(8);
    expect(executions.map((e) => e.item.name)).toEqual([
      'Health', 'List users', 'Broken script', 'Unreachable',
      'Health', 'List users', 'Broken script', 'Unreachable',
    ]);
    const users = executions[1]!;
    expect(users.cursor).toMatchObject({ iteration: 0, position: 1, ref: '0:1' });
    expect(users.request).toEqual({ method: 'GET', url: 'http://127.0.0.1:8080/users?page=1&size=2', header: [{ key: 'Accept', value: '*/*' }] });
    expect(users.response).toEqual({
      code: 200,
      status: 'OK',
      responseTime: 20,
      responseSize: 100,
      header: [{ key: 'Content-Type', value: 'application/json' }],
    });
    expect(users.assertions).toEqual([
      { assertion: 'status is 200', skipped: false },
      { assertion: 'has users', skipped: false, error: { name: 'AssertionError', message: 'expected 0 to be above 0', test: 'has users' } },
      { assertion: 'pagination', skipped: true },
    ]);
    expect(executions[2]!.testScript).toEqual([{ error: { name: 'TypeError', message: 'pm.foo is not a function' } }]);
    expect(executions[3]!.requestError).toMatchObject({ code: 'ECONNREFUSED' });
    expect(executions[3]!.response).toBeUndefined();
    expect(JSON.stringify(report)).not.toContain('body-must-not-leak');
  });

  it('includes the final environment and globals and the run error when given', () => {
    const builder = new JsonReportBuilder();
    const run = syntheticRun();
    const done = run.pop()![1] as RunEvents['done'];
    for (const [name, payload] of run) builder.on(name, payload);
    builder.on('done', {
      ...done,
      error: { name: 'RunTimeoutError', message: 'too slow' },
      environment: { name: 'staging', values: [{ key: 'token', value: 'abc' }] },
      globals: { values: [{ key: 'g', value: 1 }] },
    });
    const report = builder.result()!;
    expect(report.environment).toEqual({ name: 'staging', values: [{ key: 'token', value: 'abc' }] });
    expect(report.globals.values).toEqual([{ key: 'g', value: 1 }]);
    expect(report.run.error).toEqual({ name: 'RunTimeoutError', message: 'too slow' });
  });
});
