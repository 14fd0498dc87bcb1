import { describe, expect, it } from 'vitest';
import { createCliReporter, timingPhases } from './cli.ts';
import { CaptureStream, fakeClock, replay, syntheticRun } from './test-run.fixture.ts';

async function cliOutput(options: Parameters<typeof createCliReporter>[0] = {}, run = syntheticRun()) {
  const out = new CaptureStream(false);
  await replay(createCliReporter({ color: 'off', ...options, out }), run);
  return out.text;
}

describe('cli reporter', () => {
  it('prints iterations, folders, items, requests, assertions and console lines', async () => {
    const text = await cliOutput();
    expect(text.startsWith('postern\n\nDemo API\n')).toBe(true);
    expect(text).toContain('\nIteration 1/2\n');
    expect(text).toContain('\nIteration 2/2\n');
    expect(text).toContain('\n→ Health\n  GET http://127.0.0.1:8080/health [200 OK, 150B, 10ms]\n  ✓  status is 200\n');
    expect(text).toContain('\n❏ Users\n↳ List users\n');
    expect(text).toContain('\n❏ Users / Admin\n↳ Unreachable\n');
    expect(text).toContain('  1. has users\n');
    expect(text).toContain('  4. has users\n');
    expect(text).toContain('  -  [skipped] pagination\n');
    expect(text).toContain('  2⠄ TypeError in test-script\n');
    expect(text).toContain('  DELETE http://127.0.0.1:1/admin [errored]\n     connect ECONNREFUSED 127.0.0.1:1\n');
    expect(text).toContain('  ┌ log\n  │ checked health { ok: true }\n  └\n');
    expect(text).toContain('  ┌ info\n  │ token ready\n  └\n');
    // The script error is listed once, not again for its exception event.
    expect(text.match(/TypeError in test-script/g)).toHaveLength(2);
  });

  it('prints the summary table and the numbered failure list', async () => {
    const text = await cliOutput();
    const row = (label: string, executed: number, failed: number) =>
      new RegExp(`│ +${label} │ +${executed} │ +${failed} │`);
    expect(text).toMatch(/│ +│ +executed │ +failed │/);
    expect(text).toMatch(row('iterations', 2, 0));
    expect(text).toMatch(row('requests', 8, 2));
    expect(text).toMatch(row('test-scripts', 6, 2));
    expect(text).toMatch(row('prerequest-scripts', 2, 0));
    expect(text).toMatch(row('assertions', 8, 2));
    expect(text).toContain('total run duration: ');
    expect(text).toContain('total data received: 600B (approx)');
    expect(text).toContain('average response time: 35ms [min: 10ms, max: 60ms, s.d.: 17ms]');
    expect(text).toMatch(/#\s+failure\s+detail/);
    expect(text).toMatch(/ 1\. +AssertionError +has users/);
    expect(text).toMatch(/iteration: 1 +expected 0 to be above 0/);
    expect(text).toContain('at assertion:1 in test-script');
    expect(text).toContain('inside "Users / List users"');
    expect(text).toMatch(/ 3\. +RequestError +connect ECONNREFUSED/);
    expect(text).toMatch(/ 6\. +RequestError/);
  });

  it('is byte-stable off a terminal and has no escape codes with colour off', async () => {
    const first = await cliOutput();
    const second = await cliOutput();
    expect(first).toBe(second);
    // eslint-disable-next-line no-control-regex
    expect(first).not.toMatch(/\u001b\[/);
    expect(first).not.toContain('\r');
  });

  it('colours output when asked', async () => {
    const text = await cliOutput({ color: 'on' });
    // eslint-disable-next-line no-control-regex
    expect(text).toMatch(/\u001b\[3\dm/);
  });

  it('honours Newman’s --reporter-cli-no-* options', async () => {
    const text = await cliOutput({ noBanner: true, noSuccessAssertions: true, noConsole: true, noSummary: true, noFailures: true });
    expect(text.startsWith('Demo API\n')).toBe(true);
    expect(text).not.toContain('✓');
    expect(text).not.toContain('[skipped]');
    expect(text).toContain('  1. has users\n');
    expect(text).not.toContain('┌ log');
    expect(text).not.toContain('executed');
    expect(text).not.toMatch(/#\s+failure/);
    const quiet = await cliOutput({ noAssertions: true });
    expect(quiet).not.toContain('has users\n');
    expect(quiet).toMatch(/│ +assertions │ +8 │ +2 │/);
  });

  it('prints nothing when silent', async () => {
    expect(await cliOutput({ silent: true })).toBe('');
  });

  it('adds headers and timing breakdown when verbose', async () => {
    const text = await cliOutput({ verbose: true });
    expect(text).toContain('  ↑ GET http://127.0.0.1:8080/health (body 0B)\n    Accept: */*\n');
    expect(text).toContain('  ↓ 200 OK (body 100B)\n    Content-Type: application/json\n');
    expect(text).toContain('  timings: dns-lookup 1ms · tcp-handshake 2ms · transfer-start 5ms · download 2ms · total 10ms\n');
  });

  it('shows one live progress line instead of request lines on a terminal', async () => {
    const out = new CaptureStream(true);
    await replay(createCliReporter({ out, color: 'off', progress: true, now: fakeClock() }), syntheticRun());
    const text = out.text;
    expect(text).not.toContain('→ Health');
    expect(text).not.toContain('[200 OK');
    expect(text).toContain('\r\u001b[2K  8/8 requests · ');
    expect(text).toContain('6 failed');
    expect(text).toMatch(/│ +assertions │ +8 │ +2 │/);
  });

  it('keeps per-request lines when progress is asked off a terminal', async () => {
    const text = await cliOutput({ progress: true });
    expect(text).toContain('[200 OK, 150B, 10ms]');
    expect(text).not.toContain('\r');
  });
});

describe('timingPhases', () => {
  it('turns offsets into phase durations and skips phases that did not happen', () => {
    expect(timingPhases({ dns: 2, tcp: 5, tls: 9, firstByte: 20, download: 4, total: 24 })).toEqual([
      ['dns-lookup', 2],
      ['tcp-handshake', 3],
      ['ssl-handshake', 4],
      ['transfer-start', 11],
      ['download', 4],
      ['total', 24],
    ]);
    expect(timingPhases({ firstByte: 7, download: 1, total: 8 })).toEqual([
      ['transfer-start', 7],
      ['download', 1],
      ['total', 8],
    ]);
  });
});
