/**
 * Plain-script bundles that run inside the isolate: the sandbox runtime (pm API +
 * chai) and each library a script may require(). The isolate has no module loader
 * and no Node built-ins, so every library is bundled once with esbuild for a
 * browser-like target, then cached in memory and on disk (keyed by content and
 * package version) so later runs and processes skip the build.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import esbuild from 'esbuild';

/** The sandbox sources: beside this file, or (when this file was bundled into the CLI) in the runtime package. */
function locateSandboxDir(): string {
  const beside = join(dirname(fileURLToPath(import.meta.url)), 'sandbox');
  if (existsSync(join(beside, 'index.js'))) return beside;
  const runtimeEntry = createRequire(import.meta.url).resolve('@postern/runtime');
  return join(dirname(runtimeEntry), 'scripts', 'sandbox');
}

const SANDBOX_DIR = locateSandboxDir();
const SCRIPTS_DIR = dirname(SANDBOX_DIR);
/** Bump when the bundling options change in a way file hashes cannot see. */
const FORMAT = 5;

interface LibrarySpec {
  /** Entry file under sandbox/libraries/. */
  entry: string;
  /** npm package whose version keys the cache. */
  pkg: string;
}

/** The only names scripts may require(), mapped to their bundle entries. */
export const REQUIRABLE_LIBRARIES: Readonly<Record<string, LibrarySpec>> = {
  lodash: { entry: 'lodash.cjs', pkg: 'lodash' },
  moment: { entry: 'moment.cjs', pkg: 'moment' },
  'crypto-js': { entry: 'crypto-js.cjs', pkg: 'crypto-js' },
  ajv: { entry: 'ajv.cjs', pkg: 'ajv' },
  tv4: { entry: 'tv4.cjs', pkg: 'tv4' },
  uuid: { entry: 'uuid.cjs', pkg: 'uuid' },
  xml2js: { entry: 'xml2js.cjs', pkg: 'xml2js' },
  cheerio: { entry: 'cheerio.cjs', pkg: 'cheerio' },
  'csv-parse/sync': { entry: 'csv-parse-sync.cjs', pkg: 'csv-parse' },
  'csv-parse/lib/sync': { entry: 'csv-parse-sync.cjs', pkg: 'csv-parse' },
  buffer: { entry: 'buffer.cjs', pkg: 'buffer' },
  url: { entry: 'url.cjs', pkg: 'url' },
  querystring: { entry: 'querystring.cjs', pkg: 'querystring-es3' },
};

/** Provided by the sandbox runtime itself, no bundle needed. */
export const BUILTIN_MODULES = ['chai', 'atob', 'btoa'] as const;

export function isRequirable(name: string): boolean {
  return Object.hasOwn(REQUIRABLE_LIBRARIES, name) || (BUILTIN_MODULES as readonly string[]).includes(name);
}

/** Node built-ins that libraries mention; inside the isolate they either map to a shim or fail on use. */
const NODE_BUILTIN_ALIASES: Record<string, string> = {
  timers: './sandbox/shims/timers.js',
  ...Object.fromEntries(
    [
      'stream', 'string_decoder', 'fs', 'path', 'os', 'crypto', 'child_process', 'net', 'tls', 'http', 'https',
      'http2', 'zlib', 'util', 'assert', 'vm', 'worker_threads', 'dns', 'module', 'perf_hooks', 'async_hooks',
      'readline', 'tty', 'cluster', 'dgram', 'inspector', 'v8', 'constants',
    ].map((name) => [name, './sandbox/shims/unavailable.js']),
  ),
};

const memory = new Map<string, string>();

function hash(...parts: string[]): string {
  const h = createHash('sha256');
  for (const part of parts) h.update(part).update('\0');
  return h.digest('hex').slice(0, 16);
}

function packageVersion(pkg: string): string {
  // Walk node_modules folders upwards like Node's resolver (package "exports" may hide package.json).
  for (let dir = SANDBOX_DIR; ; dir = dirname(dir)) {
    const file = join(dir, 'node_modules', pkg, 'package.json');
    if (existsSync(file)) return String((JSON.parse(readFileSync(file, 'utf8')) as { version?: string }).version);
    if (dirname(dir) === dir) return 'unknown';
  }
}

let cacheDirectory: string | null | undefined;

/**
 * A per-user cache folder under the temp dir. Bundles run inside the isolate, so a
 * folder that someone else owns (and could plant files in) is not used at all.
 */
function cacheDir(): string | null {
  if (cacheDirectory !== undefined) return cacheDirectory;
  const uid = typeof process.getuid === 'function' ? process.getuid() : undefined;
  const dir = join(tmpdir(), `postern-sandbox-cache${uid === undefined ? '' : `-${uid}`}`);
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const owner = statSync(dir).uid;
    cacheDirectory = uid === undefined || owner === uid ? dir : null;
  } catch {
    cacheDirectory = null;
  }
  return cacheDirectory;
}

function readDiskCache(key: string): string | undefined {
  const dir = cacheDir();
  if (!dir) return undefined;
  try {
    return readFileSync(join(dir, `${key}.js`), 'utf8');
  } catch {
    return undefined;
  }
}

function writeDiskCache(key: string, code: string): void {
  const dir = cacheDir();
  if (!dir) return;
  try {
    const file = join(dir, `${key}.js`);
    const temp = `${file}.${process.pid}.${Date.now()}.tmp`;
    writeFileSync(temp, code, { mode: 0o600 });
    renameSync(temp, file);
  } catch {
    // A read-only temp dir only costs a rebuild next time.
  }
}

function cached(key: string, build: () => string): string {
  const hit = memory.get(key) ?? readDiskCache(key);
  if (hit !== undefined) {
    memory.set(key, hit);
    return hit;
  }
  const code = build();
  memory.set(key, code);
  writeDiskCache(key, code);
  return code;
}

const GLOBAL_SHIMS = [
  { name: 'Buffer', file: join(SANDBOX_DIR, 'shims', 'buffer-global.js') },
  { name: 'process', file: join(SANDBOX_DIR, 'shims', 'process-global.js') },
];

/** Builds once plainly; when the output still uses Node's `Buffer`/`process` globals, builds again with shims injected. */
function bundle(entryFile: string, format: 'cjs' | 'iife'): string {
  const plain = build(entryFile, format, []);
  const inject = GLOBAL_SHIMS.filter((g) => new RegExp(`(?<![.\\w$])${g.name}\\b`).test(plain)).map((g) => g.file);
  return inject.length ? build(entryFile, format, inject) : plain;
}

function build(entryFile: string, format: 'cjs' | 'iife', inject: string[]): string {
  const result = esbuild.buildSync({
    entryPoints: [entryFile],
    absWorkingDir: SCRIPTS_DIR,
    bundle: true,
    write: false,
    format,
    platform: 'browser',
    target: 'es2022',
    minify: true,
    keepNames: true,
    legalComments: 'none',
    logLevel: 'silent',
    alias: NODE_BUILTIN_ALIASES,
    inject,
    define: { global: 'globalThis', 'process.env.NODE_ENV': '"production"' },
  });
  const file = result.outputFiles[0];
  if (!file) throw new Error(`bundling ${entryFile} produced no output`);
  return file.text;
}

/**
 * The bundle for require(name), as the text of a function expression
 * `(function (module, exports, require) { ... })`; undefined when the name is not allowed.
 */
const libraryByName = new Map<string, string>();

export function librarySource(name: string): string | undefined {
  const known = libraryByName.get(name);
  if (known !== undefined) return known;
  const spec = Object.hasOwn(REQUIRABLE_LIBRARIES, name) ? REQUIRABLE_LIBRARIES[name] : undefined;
  if (!spec) return undefined;
  const entry = join(SANDBOX_DIR, 'libraries', spec.entry);
  const key = `lib-${spec.entry.replace(/\.cjs$/, '')}-${hash(
    String(FORMAT),
    esbuild.version,
    packageVersion(spec.pkg),
    readFileSync(entry, 'utf8'),
    shimsFingerprint(),
  )}`;
  const source = cached(key, () => `(function (module, exports, require) {\n${bundle(entry, 'cjs')}\n})`);
  libraryByName.set(name, source);
  return source;
}

let runtimeKey: string | undefined;

/** The sandbox runtime (pm API, chai, timers, console, legacy globals) as one script. */
export function sandboxRuntimeSource(): string {
  runtimeKey ??= `runtime-${hash(
    String(FORMAT),
    esbuild.version,
    packageVersion('chai'),
    ...readdirSync(SANDBOX_DIR)
      .filter((f) => f.endsWith('.js'))
      .sort()
      .map((f) => f + readFileSync(join(SANDBOX_DIR, f), 'utf8')),
    shimsFingerprint(),
  )}`;
  return cached(runtimeKey, () => bundle(join(SANDBOX_DIR, 'index.js'), 'iife'));
}

let shims: string | undefined;
function shimsFingerprint(): string {
  shims ??= readdirSync(join(SANDBOX_DIR, 'shims'))
    .sort()
    .map((f) => f + readFileSync(join(SANDBOX_DIR, 'shims', f), 'utf8'))
    .join('\n');
  return shims;
}

/** Library names a script mentions as require('name'), to bundle them before its time limit starts. */
export function requiredLibraries(source: string): string[] {
  const names = new Set<string>();
  for (const match of source.matchAll(/\brequire\s*\(\s*(['"])([^'"]+)\1\s*\)/g)) {
    const name = match[2]!;
    if (Object.hasOwn(REQUIRABLE_LIBRARIES, name)) names.add(name);
  }
  if (/\bxml2Json\s*\(/.test(source)) names.add('xml2js');
  if (/\bjsonSchema\s*\(/.test(source)) names.add('ajv');
  return [...names];
}
