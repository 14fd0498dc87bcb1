/**
 * Every snippet language whose runtime is installed here runs each case against the testkit echo
 * server; what the server saw (method, path and query, the request's headers, body bytes or form
 * fields and files) must equal what Postern's own runtime sends for the same request.
 * curl, Node and Python must run everywhere; under CI=true HTTPie, Go, Java, PHP and Ruby must run too
 * (.ci/run installs them from Debian's packages). Elsewhere a missing one is skipped by name with
 * the reason. C# is never executed: no .NET SDK can be installed on this machine (it is in neither
 * Debian's packages nor npm), so its snippets are checked by the golden files only (docs/interop.md).
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SNIPPET_LANGUAGES, VariableScope, generateSnippet, toSnippetRequest, type SnippetLanguageId } from '@postern/collection';
import { startTestServer, type TestServer } from '@postern/testkit';
import { runCollection, type Reporter } from '../src/index.ts';
import { CASES_DIR, CASE_VARIABLES, FILES_DIR, SNIPPET_CASES, type SnippetCase } from '../../collection/test/snippets/cases.ts';

/** Generous: `java Main.java` compiles first, and the machine may be busy. */
const RUN_TIMEOUT_MS = 90_000;
const REQUIRED: ReadonlySet<SnippetLanguageId> = new Set([
  'curl',
  'fetch',
  'node',
  'python',
  ...(process.env.CI === 'true' ? (['httpie', 'go', 'java', 'php', 'ruby'] as const) : []),
]);
/** Runtimes this machine cannot install, and why: no test is made for them. */
const NOT_EXECUTABLE: Partial<Record<SnippetLanguageId, string>> = {
  csharp: 'the .NET SDK is in neither Debian’s packages nor npm; C# snippets are checked by their golden files',
};
/** Under the repository's node_modules, so `import 'undici'` in the Node snippet resolves. */
const WORK_ROOT = join(import.meta.dirname, '../../../node_modules/.cache');

interface Runner {
  file: string;
  /** Why the language cannot run here, or undefined when it can. */
  missing(): string | undefined;
  command(file: string): string[];
  /** Extra files the program needs next to it. */
  scaffold?(dir: string): void;
}

function has(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

function succeeds(command: string, args: string[]): boolean {
  return spawnSync(command, args, { stdio: 'ignore', timeout: 20_000 }).status === 0;
}

const RUNNERS: Record<SnippetLanguageId, Runner> = {
  curl: { file: 'snippet.sh', missing: () => (has('curl') ? undefined : 'curl is not installed'), command: (f) => ['sh', f] },
  httpie: { file: 'snippet.sh', missing: () => (has('http') ? undefined : 'HTTPie (`http`) is not installed'), command: (f) => ['sh', f] },
  fetch: { file: 'snippet.mjs', missing: () => undefined, command: (f) => [process.execPath, f] },
  node: { file: 'snippet.mjs', missing: () => undefined, command: (f) => [process.execPath, f] },
  python: {
    file: 'snippet.py',
    missing: () => (!has('python3') ? 'python3 is not installed' : succeeds('python3', ['-c', 'import requests']) ? undefined : 'the Python requests module is not installed'),
    command: (f) => ['python3', f],
  },
  go: { file: 'main.go', missing: () => (has('go') ? undefined : 'Go is not installed'), command: (f) => ['go', 'run', f] },
  java: {
    file: 'Main.java',
    // Single-file source launch needs Java 11+, which is also when java.net.http arrived.
    missing: () => (has('java') ? undefined : 'Java is not installed'),
    command: (f) => ['java', f],
  },
  csharp: {
    file: 'Program.cs',
    missing: () => (has('dotnet') ? undefined : 'the .NET SDK (`dotnet`) is not installed'),
    command: () => ['dotnet', 'run'],
    scaffold(dir) {
      const major = /^(\d+)/.exec(spawnSync('dotnet', ['--version'], { encoding: 'utf8' }).stdout)?.[1] ?? '8';
      writeFileSync(
        join(dir, 'snippet.csproj'),
        `<Project Sdk="Microsoft.NET.Sdk"><PropertyGroup><OutputType>Exe</OutputType><TargetFramework>net${major}.0</TargetFramework></PropertyGroup></Project>\n`,
      );
    },
  },
  php: {
    file: 'snippet.php',
    missing: () => (!has('php') ? 'PHP is not installed' : succeeds('php', ['-r', 'exit(function_exists("curl_init") ? 0 : 1);']) ? undefined : 'the PHP curl extension is not installed'),
    command: (f) => ['php', f],
  },
  ruby: { file: 'snippet.rb', missing: () => (has('ruby') ? undefined : 'Ruby is not installed'), command: (f) => ['ruby', f] },
};

/** The /anything echo; /digest-auth answers `{ authenticated: true }` alone, so every field may be missing. */
interface Echo {
  method?: string;
  url?: string;
  headers?: Record<string, string | string[]>;
  data?: unknown;
  form?: Record<string, unknown>;
  files?: Record<string, unknown>;
  authenticated?: boolean;
}

const EXECUTED = SNIPPET_CASES.filter((c) => c.execute !== false);

let server: TestServer;
let workRoot: string;
const runtimeEchoes = new Map<string, Echo>();

function variables(): Record<string, string> {
  return { baseUrl: server.url, ...CASE_VARIABLES };
}

async function runtimeEcho(c: SnippetCase): Promise<Echo> {
  let body: Buffer | undefined;
  let failure: string | undefined;
  const capture: Reporter = {
    name: 'capture',
    on(event, payload) {
      if (event !== 'request') return;
      const p = payload as { response?: { body: Buffer }; error?: { message: string } };
      if (p.response) body = Buffer.from(p.response.body);
      if (p.error) failure = p.error.message;
    },
  };
  await runCollection({
    collection: { info: { name: c.name }, item: [{ name: c.name, request: c.request }], ...(c.auth ? { auth: c.auth } : {}) },
    environment: VariableScope.fromObject(variables(), 'environment'),
    workingDir: CASES_DIR,
    reporters: [capture],
  });
  if (!body) throw new Error(`the runtime did not get a response for ${c.name}: ${failure ?? 'no error reported'}`);
  return JSON.parse(body.toString('utf8')) as Echo;
}

function runProgram(argv: string[], cwd: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(argv[0]!, argv.slice(1), { cwd, stdio: ['ignore', 'pipe', 'pipe'], timeout: RUN_TIMEOUT_MS, killSignal: 'SIGKILL' });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.on('error', (err) => resolve({ code: -1, stdout, stderr: String(err) }));
  });
}

/** Each program prints the status and the echo's JSON body; HTTPie also prints response headers. */
function parseOutput(stdout: string): { status: boolean; echo: Echo } {
  const start = stdout.indexOf('{');
  const end = stdout.lastIndexOf('}');
  if (start === -1 || end === -1) throw new Error(`no JSON body in the output:\n${stdout}`);
  const rest = stdout.slice(0, start) + stdout.slice(end + 1);
  return { status: /(^|\s)200(\s|$)/m.test(rest), echo: JSON.parse(stdout.slice(start, end + 1)) as Echo };
}

function header(echo: Echo, name: string): string | undefined {
  const value = echo.headers?.[name.toLowerCase()];
  return Array.isArray(value) ? value.join(', ') : value;
}

/** The parts of an echo that describe the request itself, not the client that sent it. */
function wireView(echo: Echo, c: SnippetCase, language: SnippetLanguageId): Record<string, unknown> {
  const declared = toSnippetRequest(c.request, { variables: [{ values: Object.entries(variables()).map(([key, value]) => ({ key, value })) }], ...(c.auth ? { auth: c.auth } : {}) });
  const headers: Record<string, string | undefined> = {};
  for (const h of declared.headers) headers[h.key.toLowerCase()] = header(echo, h.key);
  const contentType = header(echo, 'content-type');
  // Multipart boundaries are each client's own; the rest of the body is compared field by field.
  const multipart = contentType?.startsWith('multipart/form-data');
  const binaryWithoutType = declared.body?.kind === 'file' && !declared.headers.some((h) => h.key.toLowerCase() === 'content-type');
  headers['content-type'] = multipart ? 'multipart/form-data' : binaryWithoutType && language === 'ruby' ? undefined : contentType;
  return {
    authenticated: echo.authenticated,
    method: echo.method,
    url: echo.url?.slice(server.url.length),
    headers,
    data: echo.data,
    form: echo.form,
    files: echo.files,
  };
}

beforeAll(async () => {
  server = await startTestServer();
  mkdirSync(WORK_ROOT, { recursive: true });
  workRoot = mkdtempSync(join(WORK_ROOT, 'postern-snippets-'));
  for (const c of EXECUTED) runtimeEchoes.set(c.name, await runtimeEcho(c));
});

afterAll(async () => {
  await server?.close();
  if (workRoot) rmSync(workRoot, { recursive: true, force: true });
});

for (const language of SNIPPET_LANGUAGES) {
  const unavailable = NOT_EXECUTABLE[language.id];
  const runner = RUNNERS[language.id];
  const missing = runner.missing();
  if (unavailable && missing) {
    console.warn(`snippet execution tests for ${language.label} are NOT RUN: ${unavailable}`);
    continue;
  }
  if (missing && !REQUIRED.has(language.id)) {
    console.warn(`snippet execution tests for ${language.label} are SKIPPED: ${missing}`);
    describe.skip(`${language.label} snippets run like Postern (SKIPPED: ${missing})`, () => {
      it('runs every case', () => {});
    });
    continue;
  }
  describe.concurrent(`${language.label} snippets run like Postern`, () => {
    it('has its runtime installed', () => {
      expect(missing, `${language.label} must be runnable on this machine`).toBeUndefined();
    });
    for (const c of EXECUTED) {
      it(`${c.name}`, { timeout: RUN_TIMEOUT_MS + 15_000 }, async () => {
        if (missing) return;
        const dir = join(workRoot, `${language.id}-${c.name}`);
        mkdirSync(dir, { recursive: true });
        cpSync(FILES_DIR, join(dir, 'files'), { recursive: true });
        runner.scaffold?.(dir);
        const snippet = generateSnippet(c.request, language.id, {
          variables: [{ values: Object.entries(variables()).map(([key, value]) => ({ key, value })) }],
          ...(c.auth ? { auth: c.auth } : {}),
        });
        if (c.request.auth?.type === 'digest' && snippet.notes.some((n) => n.includes('digest'))) {
          // This client cannot answer the challenge; the snippet says so instead of pretending.
          expect(snippet.notes.join('\n')).toMatch(/does not answer digest challenges|answers only basic challenges/);
          return;
        }
        writeFileSync(join(dir, runner.file), snippet.code);
        const result = await runProgram(runner.command(runner.file), dir);
        expect(result.code, `exit code; stderr:\n${result.stderr}\nstdout:\n${result.stdout}`).toBe(0);
        const { status, echo } = parseOutput(result.stdout);
        expect(status, `status 200 printed in:\n${result.stdout}`).toBe(true);
        expect(wireView(echo, c, language.id)).toEqual(wireView(runtimeEchoes.get(c.name)!, c, language.id));
      });
    }
  });
}
