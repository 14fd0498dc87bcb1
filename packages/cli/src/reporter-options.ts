/**
 * Newman passes reporter settings as `--reporter-<name>-<option> [value]`
 * (e.g. `--reporter-junit-export out.xml`). They are taken out of argv
 * before the flags parser sees them.
 */
export type ReporterOptionMap = Record<string, Record<string, string | boolean>>;

const PATTERN = /^--reporter-([a-z0-9]+)-([a-z0-9-]+)(?:=(.*))?$/i;

export function extractReporterOptions(argv: string[]): { argv: string[]; options: ReporterOptionMap } {
  const rest: string[] = [];
  const options: ReporterOptionMap = {};
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i]!;
    const m = PATTERN.exec(token);
    if (!m) {
      rest.push(token);
      continue;
    }
    const [, reporter, rawName, inline] = m as unknown as [string, string, string, string | undefined];
    const name = camel(rawName);
    const bucket = (options[reporter.toLowerCase()] ??= {});
    if (inline !== undefined) {
      bucket[name] = inline;
    } else if (rawName.startsWith('no-')) {
      // Newman's switches: --reporter-cli-no-summary → { noSummary: true }.
      bucket[name] = true;
    } else if (i + 1 < argv.length && !argv[i + 1]!.startsWith('-')) {
      bucket[name] = argv[++i]!;
    } else {
      bucket[name] = true;
    }
  }
  return { argv: rest, options };
}

function camel(s: string): string {
  return s.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}
