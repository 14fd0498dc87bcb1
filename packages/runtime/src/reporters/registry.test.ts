import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { colorEnabled } from './colors.ts';
import { ReportExportError, resolveExportPath } from './export-file.ts';
import { formatDuration, formatSize, safeFileName } from './format.ts';
import { createReporter, REPORTER_NAMES, UnknownReporterError } from './registry.ts';
import { CaptureStream, replay, START_TIME, syntheticRun } from './test-run.fixture.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'postern-reporters-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('createReporter', () => {
  it('knows every reporter by its command-line name', () => {
    expect(REPORTER_NAMES).toEqual(['cli', 'json', 'junit', 'html', 'progress']);
    for (const name of REPORTER_NAMES) expect(createReporter(name, { out: new CaptureStream() }).name).toBe(name);
  });

  it('rejects unknown names with a stable code', () => {
    expect(() => createReporter('emojitrain')).toThrow(UnknownReporterError);
    try {
      createReporter('toString');
    } catch (error) {
      expect((error as UnknownReporterError).code).toBe('UNKNOWN_REPORTER');
      expect((error as Error).message).toContain('cli, json, junit, html, progress');
    }
    expect.assertions(3);
  });
});

describe('export paths', () => {
  const base = { extension: 'json', collectionName: 'My API: v2/beta', now: Date.UTC(2024, 0, 2, 3, 4, 5, 678) };

  it('defaults to the postern/ folder with a timestamped name', async () => {
    expect(await resolveExportPath({ ...base, cwd: dir })).toBe(path.join(dir, 'postern', 'My-API-v2-beta-2024-01-02-03-04-05-678.json'));
  });

  it('treats a trailing slash or an existing directory as a folder', async () => {
    expect(await resolveExportPath({ ...base, cwd: dir, export: 'reports/' })).toBe(
      path.join(dir, 'reports', 'My-API-v2-beta-2024-01-02-03-04-05-678.json'),
    );
    await mkdir(path.join(dir, 'existing'));
    expect(await resolveExportPath({ ...base, cwd: dir, export: 'existing' })).toBe(
      path.join(dir, 'existing', 'My-API-v2-beta-2024-01-02-03-04-05-678.json'),
    );
    expect(await resolveExportPath({ ...base, cwd: dir, export: 'out/run.json' })).toBe(path.join(dir, 'out', 'run.json'));
  });

  it('writes file reports into the default folder', async () => {
    for (const name of ['json', 'junit', 'html'] as const) {
      await replay(createReporter(name, { cwd: dir, now: () => START_TIME }), syntheticRun());
    }
    const files = (await readdir(path.join(dir, 'postern'))).sort();
    expect(files).toEqual([
      'Demo-API-2023-11-14-22-13-20-000.html',
      'Demo-API-2023-11-14-22-13-20-000.json',
      'Demo-API-2023-11-14-22-13-20-000.xml',
    ]);
  });

  it('reports a write failure as a ReportExportError', async () => {
    await writeFile(path.join(dir, 'blocker'), 'a file, not a folder');
    const reporter = createReporter('json', { export: path.join(dir, 'blocker', 'report.json') });
    await expect(replay(reporter, syntheticRun())).rejects.toMatchObject({ code: 'REPORT_EXPORT_FAILED' });
    await expect(replay(createReporter('json', { export: path.join(dir, 'blocker', 'x.json') }), syntheticRun())).rejects.toBeInstanceOf(
      ReportExportError,
    );
  });
});

describe('colour choice', () => {
  const tty = new CaptureStream(true);
  const pipe = new CaptureStream(false);

  it('follows the option first, then NO_COLOR / FORCE_COLOR, then the stream', () => {
    expect(colorEnabled('on', pipe, { NO_COLOR: '1' })).toBe(true);
    expect(colorEnabled('off', tty, { FORCE_COLOR: '1' })).toBe(false);
    expect(colorEnabled('auto', tty, { NO_COLOR: '1' })).toBe(false);
    expect(colorEnabled('auto', pipe, { FORCE_COLOR: '1' })).toBe(true);
    expect(colorEnabled('auto', pipe, { FORCE_COLOR: '0' })).toBe(false);
    expect(colorEnabled(undefined, tty, {})).toBe(true);
    expect(colorEnabled(undefined, pipe, {})).toBe(false);
  });
});

describe('formatting', () => {
  it('formats sizes and durations like Newman', () => {
    expect(formatSize(0)).toBe('0B');
    expect(formatSize(512)).toBe('512B');
    expect(formatSize(1234)).toBe('1.23kB');
    expect(formatSize(1_200_000)).toBe('1.2MB');
    expect(formatDuration(0.25)).toBe('250µs');
    expect(formatDuration(35.7)).toBe('35ms');
    expect(formatDuration(1997)).toBe('1997ms');
    expect(formatDuration(2345)).toBe('2.3s');
    expect(formatDuration(65_200)).toBe('1m 5.2s');
    expect(formatDuration(3_600_000)).toBe('1h');
  });

  it('makes collection names safe for file names', () => {
    expect(safeFileName('../../etc/passwd')).toBe('etc-passwd');
    expect(safeFileName('   ')).toBe('collection');
  });
});
