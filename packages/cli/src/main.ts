/**
 * The `postern` command. Parses flags and hands off to a command; every
 * error ends here as one line and exit code 1.
 */
import { Command, CommanderError, Option } from 'commander';
import type { RunFlags } from './commands/run.ts';
import type { MockFlags } from './commands/mock.ts';
import type { ImportFlags } from './commands/import.ts';
import type { ExportFlags } from './commands/export.ts';
import { describeError } from './errors.ts';
import { extractReporterOptions } from './reporter-options.ts';

export const VERSION = '0.1.0';

const collect = (value: string, previous: string[] = []) => [...previous, value];

export interface MainIO {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  cwd: string;
}

export async function main(argv: string[], io: MainIO = { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd() }): Promise<number> {
  const { argv: rest, options: reporterOptions } = extractReporterOptions(argv);
  let exitCode = 0;
  const program = new Command('postern')
    .description('Postern: run, mock and serve Postman collections')
    .version(VERSION, '-v, --version')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
    });

  program
    .command('run')
    .description('Run a Postman collection (file or URL), like Newman')
    .argument('<collection>', 'collection file path or http(s) URL (with --server: the stored collection id)')
    .option('-e, --environment <path>', 'environment file path or URL (with --server: the stored environment id)')
    .option('--server <url>', 'read the collection and environment from this Postern server, by id')
    .option('--api-key <key>', 'API key for --server (default: $POSTERN_API_KEY)')
    .option('-g, --globals <path>', 'globals file path or URL')
    .option('-d, --iteration-data <path>', 'data file (CSV or JSON) with one row per iteration')
    .option('-n, --iteration-count <n>', 'number of iterations')
    .option('--folder <name>', 'run only this folder or request (repeatable)', collect)
    .option('--env-var <key=value>', 'set an environment variable (repeatable)', collect)
    .option('--global-var <key=value>', 'set a global variable (repeatable)', collect)
    .option('--delay-request <ms>', 'wait between requests')
    .option('--timeout <ms>', 'time limit for the whole run')
    .option('--timeout-request <ms>', 'time limit for each request')
    .option('--timeout-script <ms>', 'time limit for each script')
    .option('--bail [modifiers]', 'stop at the first failure (modifiers: folder, failure)')
    .option('-k, --insecure', 'do not verify TLS certificates')
    .option('--ignore-redirects', 'do not follow HTTP redirects')
    .option('--ssl-client-cert <path>', 'client certificate (PEM)')
    .option('--ssl-client-key <path>', 'client certificate key (PEM)')
    .option('--ssl-client-passphrase <passphrase>', 'passphrase of the client key')
    .option('--ssl-extra-ca-certs <path>', 'extra trusted CA certificates (PEM)')
    .option('--export-environment <path>', 'write the final environment here')
    .option('--export-globals <path>', 'write the final globals here')
    .option('--export-collection <path>', 'write the collection (with final collection variables) here')
    .option('--export-cookie-jar <path>', 'write the final cookie jar here')
    .option('--cookie-jar <path>', 'start with the cookies of this jar file')
    .option('--working-dir <path>', 'folder for relative file paths in request bodies')
    .option('-x, --suppress-exit-code', 'exit 0 even when something failed')
    .option('--silent', 'no terminal output')
    .option('--verbose', 'show request and response details')
    .addOption(new Option('--color <mode>', 'colored output').choices(['on', 'off', 'auto']).default('auto'))
    .option('-r, --reporters <names>', 'comma-separated reporters: cli, json, junit, html, progress', 'cli')
    .addHelpText('after', '\nReporter options: --reporter-<name>-export <path> (json, junit, html), e.g. --reporter-junit-export results.xml')
    .action(async (collection: string, flags: RunFlags) => {
      // Commands load on use so `postern --version` or `serve` never pays for the runner.
      const { runCommand } = await import('./commands/run.ts');
      const { createDefaultScriptHost } = await import('./script-host.ts');
      exitCode = await runCommand(collection, flags, reporterOptions, {
        ...io,
        createScriptHost: createDefaultScriptHost,
      });
    });

  program
    .command('serve')
    .description('Start the Postern platform (web app and HTTP API)')
    .option('-p, --port <port>', 'port to listen on (default: $PORT or 4400)')
    .option('--host <host>', 'address to bind (default: 127.0.0.1)')
    .option('--role <role>', 'web (HTTP only), worker (jobs only) or all (default: $POSTERN_ROLE or all)')
    .action(async (flags: { port?: string; host?: string; role?: string }) => {
      const { serveCommand } = await import('./commands/serve.ts');
      exitCode = await serveCommand(flags, io);
    });

  program
    .command('mock')
    .description("Serve a mock API from a Postman collection's saved examples (or an OpenAPI document)")
    .argument('<file>', 'collection JSON file (or OpenAPI document), path or http(s) URL')
    .option('-p, --port <port>', 'port to listen on (0 picks a free one)', '4010')
    .option('--host <host>', 'address to bind', '127.0.0.1')
    .option('--no-delay', "answer at once instead of waiting each example's response time")
    .option('--dynamic', 'OpenAPI: generate responses from schemas instead of examples')
    .option('-q, --quiet', 'do not log each request')
    .action(async (file: string, flags: MockFlags) => {
      const { mockCommand } = await import('./commands/mock.ts');
      exitCode = await mockCommand(file, flags, io);
    });

  program
    .command('import')
    .description('Convert OpenAPI, cURL, HAR, Insomnia, Bruno or Postman v1/dump files into Postman v2.1 collections')
    .argument('<file|folder>', 'the file to import, or a Bruno collection folder')
    .addOption(
      new Option('--from <format>', 'input format').choices(['auto', 'openapi', 'curl', 'har', 'insomnia', 'bruno', 'postman-v1', 'postman-dump', 'postman']).default('auto'),
    )
    .option('-o, --output <path>', 'file to write (default: standard output); a folder when there are several collections or environments')
    .option('--strict', 'exit 1 when something could not be imported')
    .addHelpText('after', '\nSkipped parts are listed on stderr. Exit codes: 0 imported, 1 parts skipped with --strict (or output not writable), 2 bad input.')
    .exitOverride((err) => {
      throw err.exitCode === 0 ? err : new CommanderError(2, err.code, err.message);
    })
    .action(async (file: string, flags: ImportFlags) => {
      const { importCommand } = await import('./commands/import.ts');
      exitCode = await importCommand(file, flags, io);
    });

  program
    .command('export')
    .description('Write a Postman collection as OpenAPI, cURL commands, HAR or Postman v2.1')
    .argument('<collection>', 'collection file path or http(s) URL')
    .addOption(new Option('--to <format>', 'output format').choices(['openapi', 'curl', 'har', 'postman']).makeOptionMandatory())
    .option('-e, --environment <path>', 'environment whose variables fill in {{…}} (curl, har)')
    .option('-o, --output <file>', 'file to write (default: standard output)')
    .exitOverride((err) => {
      throw err.exitCode === 0 ? err : new CommanderError(2, err.code, err.message);
    })
    .action(async (collection: string, flags: ExportFlags) => {
      const { exportCommand } = await import('./commands/export.ts');
      exitCode = await exportCommand(collection, flags, io);
    });

  const admin = program.command('admin').description('Instance administration (reads the database of `postern serve`)');
  admin
    .command('outbox')
    .description('Show the mail kept in the local outbox (sent when no SMTP_URL is set), newest first')
    .option('-n, --limit <n>', 'how many messages to show (1-200)', '20')
    .option('--json', 'print the messages as JSON')
    .action(async (flags: { limit?: string; json?: boolean }) => {
      const { adminOutboxCommand } = await import('./commands/admin-outbox.ts');
      exitCode = await adminOutboxCommand(flags, io);
    });
  admin
    .command('backup')
    .description('Write a backup of all data (PGlite or PostgreSQL) to one gzip file; the deletion ledger stays out')
    .option('-o, --output <file>', 'where to write it ("-" for standard output; default: postern-backup-<time>.jsonl.gz here)')
    .action(async (flags: { output?: string }) => {
      const { adminBackupCommand } = await import('./commands/admin-backup.ts');
      exitCode = await adminBackupCommand(flags, io);
    });
  admin
    .command('restore')
    .description('Replace all data with a backup, then erase again everyone the deletion ledger lists (P19)')
    .argument('<file>', 'a backup made by `postern admin backup`')
    .option('--yes', 'do not ask for confirmation (required without a terminal)')
    .action(async (file: string, flags: { yes?: boolean }) => {
      const { adminRestoreCommand } = await import('./commands/admin-restore.ts');
      exitCode = await adminRestoreCommand(file, flags, io);
    });
  admin
    .command('retention')
    .description('Apply the retention rules of the data map now (P19), or with --dry-run show what would go')
    .option('--dry-run', 'count what would go; change nothing')
    .option('--as-of <date>', 'apply the rules as of this ISO date or date-time (default: now)')
    .option('--json', 'print the counts as JSON')
    .action(async (flags: { dryRun?: boolean; asOf?: string; json?: boolean }) => {
      const { adminRetentionCommand } = await import('./commands/admin-retention.ts');
      exitCode = await adminRetentionCommand(flags, io);
    });

  program
    .command('scan')
    .description('Find secrets (tokens, keys, passwords) in Postman collections, environments and other text files (P17)')
    .argument('<paths...>', 'files or folders (folders are walked; node_modules and .git are skipped)')
    .option('--json', 'print the findings as a JSON array (masked values and their SHA-256)')
    .option('--max-file-size <MB>', 'skip files larger than this, with a notice (default: 10)')
    .addHelpText('after', '\nExit codes: 0 nothing found, 1 secrets found, 2 usage error or unreadable file.')
    // Usage errors exit 2 here, so a hook or CI job can tell "found secrets" (1) from "did not scan".
    .exitOverride((err) => {
      throw err.exitCode === 0 ? err : new CommanderError(2, err.code, err.message);
    })
    .action(async (paths: string[], flags: { json?: boolean; maxFileSize?: string }) => {
      const { scanCommand } = await import('./commands/scan.ts');
      exitCode = await scanCommand(paths, flags, io);
    });

  program
    .command('snippet')
    .description('Print one request of a collection as code: curl, HTTPie, fetch, Node, Python, Go, Java, C#, PHP or Ruby')
    .argument('<collection>', 'collection file path or http(s) URL')
    .argument('<request>', 'the request: folder/…/request name, or its item id')
    .option('-l, --lang <language>', 'curl, httpie, fetch, node, python, go, java, csharp, php or ruby')
    .option('-e, --environment <path>', 'environment file path or URL, for {{variables}}')
    .option('-g, --globals <path>', 'globals file path or URL')
    .action(async (collection: string, request: string, flags: { lang?: string; environment?: string; globals?: string }) => {
      const { snippetCommand } = await import('./commands/snippet.ts');
      exitCode = await snippetCommand(collection, request, flags, io);
    });

  const privacy = program.command('privacy').description('Privacy tooling (P8)');
  privacy
    .command('datamap')
    .description('Print the data map: every table and column, its data category, purposes, legal basis, retention and export')
    .option('--json', 'print the full map as JSON (descriptions, subject links, retention, erasure)')
    .action(async (flags: { json?: boolean }) => {
      const { privacyDatamapCommand } = await import('./commands/privacy-datamap.ts');
      exitCode = await privacyDatamapCommand(flags, io);
    });

  try {
    await program.parseAsync(rest, { from: 'user' });
    return exitCode;
  } catch (err) {
    if (err instanceof CommanderError) {
      // Help and version exit cleanly; flag errors were already printed by commander.
      return err.exitCode === 0 ? 0 : err.exitCode === 2 ? 2 : 1;
    }
    io.stderr.write(`error: ${describeError(err)}\n`);
    if (process.env.POSTERN_DEBUG && err instanceof Error && err.stack) io.stderr.write(`${err.stack}\n`);
    return 1;
  }
}
