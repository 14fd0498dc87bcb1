/**
 * Micro-benchmark: the steady-state cost of one trivial test script in the
 * isolated sandbox. Run with `npx tsx packages/runtime/src/scripts/bench-sandbox.ts`.
 * Prints the median microseconds per execution (host.run of one script).
 */
import { performance } from 'node:perf_hooks';
import { VariableScope } from '@postern/collection';
import type { ScriptContext } from './host.ts';
import { createIsolatedScriptHost } from './isolated-host.ts';

const WARMUP = 2_000;
const SAMPLES = 20_000;
const SCRIPT = { source: "pm.test('x', () => pm.expect(1).to.equal(1));", origin: 'bench' };

function context(): ScriptContext {
  return {
    info: { eventName: 'test', iteration: 0, iterationCount: 1, requestName: 'bench', requestId: 'bench' },
    request: { url: 'http://localhost/', method: 'GET' },
    response: {
      code: 200,
      status: 'OK',
      headers: [{ key: 'Content-Type', value: 'application/json' }],
      body: Buffer.from('{"ok":true}'),
      responseTime: 1,
      size: { body: 11, header: 40, total: 51 },
    },
    scopes: {
      globals: new VariableScope(),
      environment: new VariableScope(),
      collectionVariables: new VariableScope(),
      iterationData: new VariableScope(),
      local: new VariableScope(),
    },
    cookies: {
      forCurrentUrl: () => [],
      get: async () => undefined,
      getAll: async () => [],
      set: async () => undefined,
      unset: async () => undefined,
      clear: async () => undefined,
    },
    sendRequest: () => Promise.reject(new Error('not in the benchmark')),
    onAssertion: (result) => {
      if (!result.passed) throw new Error('benchmark assertion failed');
    },
    onConsole: () => undefined,
  };
}

const host = createIsolatedScriptHost();
const ctx = context();
for (let i = 0; i < WARMUP; i++) await host.run('test', [SCRIPT], ctx);
const times = new Float64Array(SAMPLES);
for (let i = 0; i < SAMPLES; i++) {
  const start = performance.now();
  await host.run('test', [SCRIPT], ctx);
  times[i] = performance.now() - start;
}
host.dispose();
times.sort();
const us = (q: number): string => (times[Math.floor(q * (SAMPLES - 1))]! * 1000).toFixed(1);
console.log(`trivial pm.test script: median ${us(0.5)} µs, p90 ${us(0.9)} µs, p99 ${us(0.99)} µs (${SAMPLES} runs)`);
