/**
 * `postern run`: Newman's flags, Postern's runtime. Translates flags into
 * RunOptions, loads files, picks reporters, writes exports, sets the exit code.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import {
  VariableScope,
  parseCollection,
  parseVariableList,
  serializeCollection,
  serializeVariableList,
  type Collection,
} from '@postern/collection';
import {
  RunCookieJar,
  createReporter,
  parseDataFile,
  runCollection,
  type Reporter,
  type RunOptions,
  type ScriptHost,
} from '@postern/runtime';
import { CliError } from '../errors.ts';
import { loadBytes } from '../load.ts';
import { fetchStored } from '../server-source.ts';
import type { ServerSource } from '../server-source.ts';
import type { ReporterOptionMap } from '../reporter-options.ts';

export interface RunFlags {
  environment?: string;
  globals?: string;
  iterationData?: string;
  iterationCount?: string;
  folder?: string[];
  envVar?: string[];
  globalVar?: string[];
  delayRequest?: string;
  timeout?: string;
  timeoutRequest?: string;
  timeoutScript?: string;
  bail?: boolean | string;
  insecure?: boolean;
  ignoreRedirects?: boolean;
  sslClientCert?: string;
  sslClientKey?: string;
  sslClientPassphrase?: string;
  sslExtraCaCerts?: string;
  exportEnvironment?: string;
  exportGlobals?: string;
  exportCollection?: string;
  exportCookieJar?: string;
  cookieJar?: string;
  workingDir?: string;
  suppressExitCode?: boolean;
  silent?: boolean;
  verbose?: boolean;
  color?: string;
  reporters?: string;
  /** A Postern server to read the collection (and environment) from, by id. */
  server?: string;
  apiKey?: string;
}

export interface RunDeps {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  cwd: string;
  /** Where POSTERN_API_KEY is read from (default: process.env). */
  env?: NodeJS.ProcessEnv;
  /** The sandbox for pre-request and test scripts (absent: scripts are reported as not run). */
  createScriptHost?: () => ScriptHost;
}

export async function runCommand(
  location: string,
  flags: RunFlags,
  reporterOptions: ReporterOptionMap,
  deps: RunDeps,
): Promise<number> {
  const cwd = deps.cwd;
  const server = serverSource(flags, deps.env ?? process.env);
  const collection = await loadCollection(location, cwd, server);
  const environment = flags.environment
    ? await loadScope(flags.environment, 'environment', cwd, server)
    : { scope: new VariableScope([], 'environment'), meta: {} };
  const globals = flags.globals
    ? await loadScope(flags.globals, 'globals', cwd)
    : { scope: new VariableScope([], 'globals'), meta: {} };
  for (const pair of flags.envVar ?? []) applyPair(environment.scope, pair, '--env-var');
  for (const pair of flags.globalVar ?? []) applyPair(globals.scope, pair, '--global-var');

  const data = flags.iterationData ? await loadData(flags.iterationData, cwd) : undefined;
  const workingDir = flags.workingDir ? resolve(cwd, flags.workingDir) : cwd;
  const cookieJar = flags.cookieJar ? await loadCookieJar(flags.cookieJar, cwd) : new RunCookieJar();
  const reporters = buildReporters(flags, reporterOptions, deps, collection);
  const scriptHost = deps.createScriptHost?.();

  const options: RunOptions = {
    collection,
    environment: environment.scope,
    globals: globals.scope,
    ...(flags.iterationCount !== undefined ? { iterationCount: integer(flags.iterationCount, '-n/--iteration-count', 1) } : {}),
    ...(data ? { data } : {}),
    ...(flags.folder?.length ? { folders: flags.folder } : {}),
    ...(flags.delayRequest ? { delayRequest: integer(flags.delayRequest, '--delay-request', 0) } : {}),
    ...(flags.timeout ? { timeout: integer(flags.timeout, '--timeout', 0) } : {}),
    ...(flags.timeoutRequest ? { timeoutRequest: integer(flags.timeoutRequest, '--timeout-request', 0) } : {}),
    ...(flags.timeoutScript ? { timeoutScript: integer(flags.timeoutScript, '--timeout-script', 0) } : {}),
    bail: bailOptions(flags.bail),
    tls: {
      ...(flags.insecure ? { insecure: true } : {}),
      ...(flags.sslClientCert ? { cert: await readAux(flags.sslClientCert, '--ssl-client-cert', cwd) } : {}),
      ...(flags.sslClientKey ? { key: await readAux(flags.sslClientKey, '--ssl-client-key', cwd) } : {}),
      ...(flags.sslClientPassphrase ? { passphrase: flags.sslClientPassphrase } : {}),
      ...(flags.sslExtraCaCerts ? { ca: await readAux(flags.sslExtraCaCerts, '--ssl-extra-ca-certs', cwd) } : {}),
    },
    ...(flags.ignoreRedirects ? { ignoreRedirects: true } : {}),
    workingDir,
    cookieJar,
    reporters,
    ...(scriptHost ? { scriptHost } : {}),
  };

  let result;
  try {
    result = await runCollection(options);
  } finally {
    scriptHost?.dispose();
  }

  if (flags.exportEnvironment) {
    await writeOut(flags.exportEnvironment, cwd, serializeVariableList({ ...environment.meta, values: result.environment.values(), _postman_variable_scope: 'environment', _postman_exported_at: new Date().toISOString(), _postman_exported_using: 'Postern' }));
  }
  if (flags.exportGlobals) {
    await writeOut(flags.exportGlobals, cwd, serializeVariableList({ ...globals.meta, values: result.globals.values(), _postman_variable_scope: 'globals', _postman_exported_at: new Date().toISOString(), _postman_exported_using: 'Postern' }));
  }
  if (flags.exportCollection) {
    await writeOut(flags.exportCollection, cwd, serializeCollection({ ...collection, variable: result.collectionVariables.values() }));
  }
  if (flags.exportCookieJar) {
    await writeOut(flags.exportCookieJar, cwd, JSON.stringify(result.cookieJar.toJSON(), null, 2));
  }

  const failed = result.summary.failures.length > 0 || result.summary.aborted;
  return failed && !flags.suppressExitCode ? 1 : 0;
}

/** With --server, the collection and environment arguments are ids of stored documents. */
function serverSource(flags: RunFlags, env: NodeJS.ProcessEnv): ServerSource | undefined {
  if (!flags.server) {
    if (flags.apiKey) throw new CliError('INVALID_OPTION', '--api-key is only used with --server <url>');
    return undefined;
  }
  if (!/^https?:\/\//i.test(flags.server)) throw new CliError('INVALID_OPTION', `--server expects an http(s) URL (got "${flags.server}")`);
  const apiKey = flags.apiKey ?? env.POSTERN_API_KEY;
  if (!apiKey) throw new CliError('INVALID_OPTION', '--server needs an API key: pass --api-key <key> or set POSTERN_API_KEY');
  return { url: flags.server, apiKey };
}

async function loadCollection(location: string, cwd: string, server?: ServerSource): Promise<Collection> {
  const bytes = server ? await fetchStored(server, 'collection', location) : await loadBytes(location, 'collection', cwd);
  return parseCollection(bytes, { source: server ? `collection ${location}` : location });
}

async function loadScope(location: string, kind: 'environment' | 'globals', cwd: string, server?: ServerSource) {
  const bytes = server && kind === 'environment' ? await fetchStored(server, 'environment', location) : await loadBytes(location, kind, cwd);
  const list = parseVariableList(bytes, { source: location, kind });
  const { values, ...meta } = list;
  return { scope: new VariableScope(values, kind), meta };
}

async function loadData(location: string, cwd: string) {
  const bytes = await loadBytes(location, 'iteration data', cwd);
  return parseDataFile(Buffer.from(bytes).toString('utf8'), location);
}

async function loadCookieJar(location: string, cwd: string): Promise<RunCookieJar> {
  const bytes = await loadBytes(location, 'cookie jar', cwd);
  try {
    return RunCookieJar.fromJSON(JSON.parse(Buffer.from(bytes).toString('utf8')));
  } catch (err) {
    throw new CliError('INVALID_INPUT', `${location}: not a cookie jar exported by --export-cookie-jar (${(err as Error).message})`);
  }
}

async function readAux(location: string, flag: string, cwd: string): Promise<Buffer> {
  try {
    return await readFile(resolve(cwd, location));
  } catch {
    throw new CliError('FILE_NOT_FOUND', `${flag}: cannot read ${location}`);
  }
}

function applyPair(scope: VariableScope, pair: string, flag: string): void {
  const eq = pair.indexOf('=');
  if (eq <= 0) throw new CliError('INVALID_OPTION', `${flag} expects key=value (got "${pair}")`);
  scope.set(pair.slice(0, eq), pair.slice(eq + 1));
}

function integer(value: string, flag: string, min: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new CliError('INVALID_OPTION', `${flag} expects a whole number of at least ${min} (got "${value}")`);
  return n;
}

function bailOptions(bail: boolean | string | undefined): RunOptions['bail'] {
  if (!bail) return { onFailure: false, onMissingFolder: true };
  if (bail === true) return { onFailure: true, onMissingFolder: true };
  const modifiers = bail.split(',').map((s) => s.trim());
  for (const m of modifiers) {
    if (m !== 'folder' && m !== 'failure') throw new CliError('INVALID_OPTION', `--bail accepts "folder" and/or "failure" (got "${m}")`);
  }
  return { onFailure: modifiers.includes('failure'), onMissingFolder: true };
}

function buildReporters(flags: RunFlags, extra: ReporterOptionMap, deps: RunDeps, collection: Collection): Reporter[] {
  const names = (flags.reporters ?? 'cli').split(',').map((s) => s.trim()).filter(Boolean);
  const color = flags.color === 'on' || flags.color === 'off' ? flags.color : 'auto';
  return names
    .filter((name) => !(flags.silent && (name === 'cli' || name === 'progress')))
    .map((name) =>
      createReporter(name, {
        ...(extra[name] ?? {}),
        out: name === 'progress' ? deps.stderr : deps.stdout,
        color,
        verbose: Boolean(flags.verbose),
        collectionName: collection.info.name,
        cwd: deps.cwd,
      }),
    );
}

async function writeOut(location: string, cwd: string, text: string): Promise<void> {
  const path = resolve(cwd, location);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, text);
}
