import { describe, expect, it } from 'vitest';
import { extractReporterOptions } from './reporter-options.ts';

describe('extractReporterOptions', () => {
  it('takes Newman-style reporter flags out of argv', () => {
    const { argv, options } = extractReporterOptions([
      'run', 'c.json', '--reporter-junit-export', 'out.xml', '--reporter-cli-no-summary', '-r', 'cli,junit',
      '--reporter-json-export=r.json',
    ]);
    expect(argv).toEqual(['run', 'c.json', '-r', 'cli,junit']);
    expect(options).toEqual({ junit: { export: 'out.xml' }, cli: { noSummary: true }, json: { export: 'r.json' } });
  });

  it('treats a flag followed by another flag as a switch', () => {
    const { options } = extractReporterOptions(['--reporter-html-show-env', '--silent']);
    expect(options).toEqual({ html: { showEnv: true } });
  });
});
