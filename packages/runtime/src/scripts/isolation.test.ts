import { afterAll, describe, expect, it } from 'vitest';
import { runScripts } from './fake-context.ts';
import { createIsolatedScriptHost } from './isolated-host.ts';

const host = createIsolatedScriptHost({ memoryLimitMb: 64, timeoutMs: 1000 });
afterAll(() => host.dispose());

const TRIVIAL = "pm.test('still works', () => pm.expect(1 + 1).to.equal(2));";

/** After every hostile script the host must still run a normal one. */
async function expectHealthy(): Promise<void> {
  const after = await runScripts(host, TRIVIAL);
  expect(after.result.error).toBeUndefined();
  expect([after.passed, after.failed]).toEqual([1, 0]);
}

describe('isolation: limits', () => {
  it('stops an endless loop with a timeout error and keeps working', async () => {
    const started = Date.now();
    const { result } = await runScripts(host, 'while (true) {}', {}, 300);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(result.error).toMatchObject({ code: 'SCRIPT_TIMEOUT', name: 'ScriptTimeoutError', origin: 'Get thing', scriptIndex: 0 });
    expect(result.error?.message).toBe('Script timed out: it did not finish within 300 ms (see --timeout-script)');
    await expectHealthy();
  });

  it('stops a script that uses up its CPU time even when its time limit is longer', async () => {
    const cpuBound = createIsolatedScriptHost({ timeoutMs: 10_000, cpuLimitMs: 200 });
    try {
      const { result } = await runScripts(cpuBound, 'let spins = 0; setTimeout(() => { while (true) spins++; }, 1);');
      expect(result.error).toMatchObject({ code: 'SCRIPT_TIMEOUT', message: 'Script stopped: it ran for more than 200 ms of CPU time' });
      const after = await runScripts(cpuBound, TRIVIAL);
      expect(after.passed).toBe(1);
    } finally {
      cpuBound.dispose();
    }
  });

  it('stops unbounded allocation at the memory limit and recreates the isolate', async () => {
    const { result } = await runScripts(host, 'const hoard = []; while (true) hoard.push(new Array(1e6).fill(Math.random()));', {}, 20_000);
    expect(result.error).toMatchObject({ code: 'SCRIPT_MEMORY_LIMIT', name: 'ScriptMemoryError' });
    expect(result.error?.message).toBe('Script stopped: it used more than the 64 MB memory limit');
    await expectHealthy();
  });

  it('reports runaway recursion as a RangeError from the script', async () => {
    const { result } = await runScripts(host, 'function down(n) { return down(n + 1) + 1; } down(0);');
    expect(result.error).toMatchObject({ code: 'SCRIPT_ERROR', name: 'RangeError', message: 'Maximum call stack size exceeded' });
    await expectHealthy();
  });

  it('times out a script whose interval never stops, without blocking the host', async () => {
    const { result, passed } = await runScripts(host, "setInterval(() => {}, 5); pm.test('before', () => {});", {}, 200);
    expect(passed).toBe(1);
    expect(result.error?.code).toBe('SCRIPT_TIMEOUT');
    await expectHealthy();
  });

  it('times out a pm.sendRequest that never answers', async () => {
    const { result } = await runScripts(host, "pm.sendRequest('http://slow.test/', () => {});", { send: () => new Promise(() => undefined) }, 200);
    expect(result.error?.code).toBe('SCRIPT_TIMEOUT');
    await expectHealthy();
  });
});

describe('isolation: no way to the host', () => {
  it('finds no process through the constructor chain', async () => {
    const { result } = await runScripts(host, "this.constructor.constructor('return process')();");
    expect(result.error).toMatchObject({ name: 'ReferenceError', message: 'process is not defined' });
  });

  it('finds no process through Function', async () => {
    const { result } = await runScripts(host, "Function('return process')();");
    expect(result.error).toMatchObject({ name: 'ReferenceError', message: 'process is not defined' });
  });

  it('finds no process through the pm API objects either', async () => {
    const { result } = await runScripts(host, "pm.sendRequest.constructor('return process')();");
    expect(result.error).toMatchObject({ name: 'ReferenceError', message: 'process is not defined' });
  });

  it('refuses dynamic import() with a clear message', async () => {
    const { result } = await runScripts(host, "const fs = await import('fs'); fs.readFileSync('/etc/passwd');");
    expect(result.error?.name).toBe('Error');
    expect(result.error?.message).toBe('Not supported: dynamic import() is not available in scripts, use require()');
  });

  it('rejects a static import as a syntax error', async () => {
    const { result } = await runScripts(host, "import fs from 'fs';");
    expect(result.error).toMatchObject({ code: 'SCRIPT_SYNTAX_ERROR', name: 'SyntaxError' });
    expect(result.error?.message).toContain('Cannot use import statement outside a module');
  });

  it.each(['fs', 'child_process', 'net', 'http', 'process', 'vm'])('require(%j) fails with "module not available"', async (name) => {
    const { result } = await runScripts(host, `require(${JSON.stringify(name)});`);
    expect(result.error?.name).toBe('Error');
    expect(result.error?.message).toContain(`Cannot find module '${name}': module not available in scripts`);
  });

  it('shows scripts a global object with nothing of the host on it', async () => {
    const { passed, failed, context } = await runScripts(
      host,
      `
      const names = Object.getOwnPropertyNames(globalThis);
      console.log(names.filter((n) => !/^[A-Z]/.test(n)).sort().join(','));
      const hostish = ['process', 'global', 'module', 'exports', '__dirname', 'fetch', 'XMLHttpRequest', 'WebSocket',
        'setImmediate_host', '__posternHost', '__posternDriver', 'Deno', 'Bun', 'navigator', 'window', 'self'];
      pm.test('no host names on the global object', () => pm.expect(names.filter((n) => hostish.includes(n))).to.eql([]));
      pm.test('typeof probes see nothing', () => {
        pm.expect(typeof process).to.equal('undefined');
        pm.expect(typeof fetch).to.equal('undefined');
        pm.expect(typeof __posternHost).to.equal('undefined');
      });
      pm.test('no symbols hide host values', () => pm.expect(Object.getOwnPropertySymbols(globalThis).length).to.equal(0));
      pm.test('the pm API lives in this realm', () => {
        pm.expect(Object.getPrototypeOf(pm.test)).to.equal(Function.prototype);
        pm.expect(pm.environment.get.constructor).to.equal(Function);
      });
      `,
    );
    expect([passed, failed]).toEqual([4, 0]);
    expect(String(context.consoleLog[0]?.messages[0])).not.toMatch(/process|__postern/);
  });

  it('keeps prototype pollution inside the isolate', async () => {
    const { result, context } = await runScripts(
      host,
      `
      Object.prototype.polluted = 'yes';
      Object.prototype.toString = () => 'hacked';
      Array.prototype.includes = () => true;
      JSON.parse = () => ({ hacked: true });
      pm.environment.set('probe', { nested: true });
      `,
    );
    expect(result.error).toBeUndefined();
    const fromIsolate = context.scopes.environment.get('probe') as Record<string, unknown>;
    expect(fromIsolate).toEqual({ nested: true });
    expect(Object.getPrototypeOf(fromIsolate)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(fromIsolate.polluted).toBeUndefined();
    expect(Object.prototype.toString.call([])).toBe('[object Array]');
    expect([1].includes(2)).toBe(false);
    expect(JSON.parse('{"a":1}')).toEqual({ a: 1 });
    expect((context.request as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('survives a script that breaks the JSON the sandbox answers with', async () => {
    const { result } = await runScripts(host, "Object.prototype.toJSON = function () { return 'broken'; };");
    expect(result.error?.code).toBe('SCRIPT_SANDBOX_FAILURE');
    await expectHealthy();
  });

  it('removes undeclared globals and restores pm before the next script', async () => {
    const { passed, failed, result } = await runScripts(host, [
      'leaked = 42; pm = undefined; console = null;',
      "pm.test('leak gone', () => pm.expect(typeof leaked).to.equal('undefined')); console.log('console back');",
    ]);
    expect(result.error).toBeUndefined();
    expect([passed, failed]).toEqual([1, 0]);
  });
});
