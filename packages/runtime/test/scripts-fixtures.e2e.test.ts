/**
 * The scripted fixture collections (test/fixtures/scripts/), run end to end by the
 * runner with the isolated script host against the local testkit server, with
 * exact assertion counts.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Collection } from '@postern/collection';
import { VariableScope } from '@postern/collection';
import { startTestServer, type TestServer } from '@postern/testkit';
import type { Reporter, RunEventName, RunEvents } from '../src/events.ts';
import { runCollection } from '../src/runner.ts';
import type { ScriptHost } from '../src/scripts/host.ts';
import { createIsolatedScriptHost } from '../src/scripts/isolated-host.ts';

let server: TestServer;
let host: ScriptHost;

beforeAll(async () => {
  server = await startTestServer();
  host = createIsolatedScriptHost({ memoryLimitMb: 64 });
});

afterAll(async () => {
  host.dispose();
  await server.close();
});

function fixture(name: string): Collection {
  return JSON.parse(readFileSync(new URL(`./fixtures/scripts/${name}.postman_collection.json`, import.meta.url), 'utf8')) as Collection;
}

interface Observed {
  passed: string[];
  failed: string[];
  failureMessages: Record<string, string>;
  skipped: string[];
  scriptErrors: Array<{ item: string; source: string; name: string; code?: string }>;
  requests: string[];
  console: unknown[][];
  visualizers: unknown[];
}

async function run(name: string): Promise<Observed & { environment: VariableScope; failedCount: number }> {
  const observed: Observed = { passed: [], failed: [], failureMessages: {}, skipped: [], scriptErrors: [], requests: [], console: [], visualizers: [] };
  const reporter: Reporter = {
    name: 'observe',
    on<K extends RunEventName>(event: K, payload: RunEvents[K]) {
      if (event === 'assertion') {
        const a = payload as RunEvents['assertion'];
        (a.skipped ? observed.skipped : a.error ? observed.failed : observed.passed).push(a.assertion);
        if (a.error) observed.failureMessages[a.assertion] = a.error.message;
      } else if (event === 'exception') {
        const e = payload as RunEvents['exception'];
        observed.scriptErrors.push({ item: e.item.name, source: e.source, name: e.error.name, ...(e.error.code ? { code: e.error.code } : {}) });
      } else if (event === 'request') {
        observed.requests.push((payload as RunEvents['request']).item.name);
      } else if (event === 'console') {
        observed.console.push((payload as RunEvents['console']).messages);
      } else if (event === 'test' && (payload as RunEvents['test']).visualizer) {
        observed.visualizers.push((payload as RunEvents['test']).visualizer);
      }
    },
  };
  const result = await runCollection({
    collection: fixture(name),
    environment: VariableScope.fromObject({ baseUrl: server.url }, 'e2e'),
    scriptHost: host,
    timeoutScript: 1000,
    reporters: [reporter],
  });
  return { ...observed, environment: result.environment, failedCount: result.summary.stats.assertions.failed };
}

describe('scripted fixture collections, end to end', () => {
  it('pm API', async () => {
    const r = await run('pm-api');
    expect(r.scriptErrors).toEqual([]);
    expect(r.failed).toEqual(['deliberate failure: wrong status', 'deliberate failure: be.ok']);
    expect(r.skipped).toEqual(['skipped on purpose']);
    expect(r.passed).toHaveLength(34);
    expect(r.failedCount).toBe(2);
    expect(r.requests).toEqual(['GET with query', 'POST json', 'Status 404', 'Chained variables', 'sendRequest', 'Cookies', 'Flow: jump', 'Last']);
    expect(r.console).toEqual([['jumping to', 'Skip me']]);
    expect(r.visualizers).toEqual([{ template: '<p>{{n}}</p>', data: { n: 1 } }]);
    expect(r.environment.get('echoedName')).toBe('Ada');
  });

  it('legacy API', async () => {
    const r = await run('legacy');
    expect(r.scriptErrors).toEqual([]);
    expect(r.failed).toEqual(['deliberate failure']);
    expect(r.passed).toHaveLength(17);
    expect(r.requests).toEqual(['Legacy GET', 'Legacy chained']);
    expect(r.environment.toObject()).toEqual({ baseUrl: server.url, legacyId: '1' });
  });

  it('require() of every allowed library', async () => {
    const r = await run('libraries');
    expect(r.scriptErrors).toEqual([]);
    expect(r.failed).toEqual(['deliberate failure: fs is not available']);
    expect(r.failureMessages['deliberate failure: fs is not available']).toContain("Cannot find module 'fs': module not available in scripts");
    expect(r.passed).toHaveLength(15);
  });

  it('async scripts, script errors and timeouts', async () => {
    const r = await run('async');
    expect(r.failed).toEqual(['deliberate failure: rejected promise']);
    expect(r.passed.sort()).toEqual(
      [
        'async test is awaited',
        'awaited sendRequest',
        'before the loop',
        'done callback',
        'request still sent after a pre-request error',
        'runs after a timed-out script',
        'setTimeout callback',
      ].sort(),
    );
    expect(r.scriptErrors).toEqual([
      { item: 'Pre-request error', source: 'prerequest', name: 'Error', code: 'SCRIPT_ERROR' },
      { item: 'Endless loop', source: 'test', name: 'ScriptTimeoutError', code: 'SCRIPT_TIMEOUT' },
    ]);
  });

  it('isolation: escapes fail, runaway scripts are stopped, the run goes on', async () => {
    const r = await run('isolation');
    expect(r.failureMessages).toEqual({
      'deliberate failure: dynamic import is refused': 'Not supported: dynamic import() is not available in scripts, use require()',
    });
    expect(r.passed).toHaveLength(5);
    expect(r.scriptErrors).toEqual([
      { item: 'Endless loop', source: 'test', name: 'ScriptTimeoutError', code: 'SCRIPT_TIMEOUT' },
      { item: 'Runaway recursion', source: 'test', name: 'RangeError', code: 'SCRIPT_ERROR' },
      { item: 'Unbounded allocation', source: 'test', name: 'ScriptMemoryError', code: 'SCRIPT_MEMORY_LIMIT' },
    ]);
    expect(({} as Record<string, unknown>).pollutedByScript).toBeUndefined();
  });
});
