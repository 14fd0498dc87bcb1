/**
 * `postern scan` (P17) on real files in a temp folder. Secrets are built at run time (seeded), so
 * this source holds no token-shaped strings.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/main.ts';
import { tempDir } from './helpers.ts';

function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = seeded(42);
const B62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const str = (n: number, alphabet = B62) => Array.from({ length: n }, () => alphabet[Math.floor(rand() * alphabet.length)]!).join('');
const sha = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

const SECRETS = {
  github: `ghp_${str(36)}`,
  stripe: `sk_live_${str(28)}`,
  slack: `xoxb-${str(12, '0123456789')}-${str(13, '0123456789')}-${str(24)}`,
  npm: `npm_${str(36)}`,
  gitlab: `glpat-${str(20)}`,
  envGithub: `ghp_${str(36)}`,
  nested: `sk_live_${str(30)}`,
  hidden: `npm_${str(36)}`,
};
const ALL = Object.values(SECRETS);

const collection = {
  info: { name: 'Orders', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
  item: [
    {
      name: 'create order',
      event: [{ listen: 'prerequest', script: { type: 'text/javascript', exec: ['// sign the request', `pm.request.headers.add({ key: 'X-Slack', value: '${SECRETS.slack}' });`] } }],
      request: {
        method: 'POST',
        url: '{{baseUrl}}/orders',
        header: [
          { key: 'Authorization', value: 'Bearer {{token}}' },
          { key: 'X-GitHub-Token', value: SECRETS.github },
        ],
        // The raw body is a JSON string inside the JSON file: its quotes arrive escaped.
        body: { mode: 'raw', raw: JSON.stringify({ item: 'book', payment: { stripe_key: SECRETS.stripe } }, null, 2) },
      },
    },
  ],
};
const environment = {
  name: 'Production',
  _postman_variable_scope: 'environment',
  values: [
    { key: 'baseUrl', value: 'https://api.example.com', enabled: true },
    { key: 'GITHUB_TOKEN', value: SECRETS.envGithub, type: 'secret', enabled: true },
    { key: 'apiKey', value: '{{vault:apiKey}}', enabled: true },
  ],
};
const PLACEHOLDERS = [
  'API_KEY={{apiKey}}',
  'GITHUB_TOKEN=<YOUR_GITHUB_TOKEN>',
  `GITHUB_TOKEN=ghp_${'x'.repeat(36)}`,
  `AWS_ACCESS_KEY_ID=${['AKIA', 'IOSFODNN7', 'EXAMPLE'].join('')}`,
  'STRIPE_SECRET_KEY=sk_live_xxxxxxxxxxxxxxxxxxxxxxxx',
  'password: changeme',
  'Authorization: Bearer ${TOKEN}',
].join('\n');

class Capture extends Writable {
  text = '';
  constructor(readonly isTTY: boolean) {
    super();
  }
  override _write(chunk: Buffer | string, _enc: BufferEncoding, cb: () => void) {
    this.text += chunk.toString();
    cb();
  }
}

async function scan(args: string[], options: { cwd: string; tty?: boolean }) {
  const stdout = new Capture(options.tty ?? false);
  const stderr = new Capture(options.tty ?? false);
  const code = await main(['scan', ...args], { stdout, stderr, cwd: options.cwd });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

const ANSI = '\u001b[';
let dir: { path: string; cleanup(): void };
let root: string;

beforeAll(() => {
  dir = tempDir();
  root = dir.path;
  const w = (path: string, content: string | Buffer) => {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), content);
  };
  w('project/orders.postman_collection.json', JSON.stringify(collection, null, 2));
  w('project/prod.postman_environment.json', JSON.stringify(environment));
  w('project/.env', `# local settings\nNPM_TOKEN=${SECRETS.npm}\nDEBUG=1\n`);
  w('project/docs/notes.md', `Deploying\n\nUse the runner token:\n    export CI_TOKEN=${SECRETS.gitlab}\n`);
  w('project/src/deep/config.ts', `export const stripe = {\n  secretKey: '${SECRETS.nested}',\n};\n`);
  // Never walked or never scanned: dependencies, git internals, binaries.
  w('project/node_modules/pkg/.env', `NPM_TOKEN=${SECRETS.hidden}\n`);
  w('project/.git/config', `[remote]\n  token = ${SECRETS.hidden}\n`);
  w('project/assets/logo.png', Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0]), Buffer.from(`NPM_TOKEN=${SECRETS.hidden}`)]));
  w('clean/placeholders.env', PLACEHOLDERS);
  w('clean/readme.txt', 'Nothing to see here.\n');
  w('clean/request.postman_collection.json', JSON.stringify({ ...collection, item: [{ name: 'x', request: { method: 'GET', url: '{{baseUrl}}', header: [{ key: 'Authorization', value: 'Bearer {{token}}' }] } }] }));
  w('big/huge.txt', `TOKEN=${SECRETS.hidden}\n${'lorem ipsum '.repeat(100_000)}`);
  for (let i = 0; i < 220; i++) w(`many/file-${String(i).padStart(3, '0')}.txt`, `line ${i}\n`);
});
afterAll(() => dir.cleanup());

describe('postern scan', () => {
  it('finds a token in a collection: escaped raw body, script line, header; by JSON path', async () => {
    const r = await scan(['project/orders.postman_collection.json'], { cwd: root });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    const lines = r.stdout.trim().split('\n');
    const file = 'project/orders.postman_collection.json';
    expect(lines).toContain(`${file}  item[0].event[0].script.exec[1]  postern/slack-token  xoxb…(${SECRETS.slack.length})  Slack token`);
    expect(lines).toContain(`${file}  item[0].request.header[1].value  postern/github-token  ghp_…(40)  GitHub token`);
    // Line 4 of the pretty-printed raw body.
    expect(lines).toContain(`${file}  item[0].request.body.raw (line 4)  postern/stripe-secret-key  sk_l…(${SECRETS.stripe.length})  Stripe secret key`);
    expect(r.stdout).toContain(`3 possible secrets in 1 of 1 file.`);
    expect(r.stdout).not.toContain('header[0]'); // `Bearer {{token}}` is not a finding
    for (const secret of ALL) expect(r.stdout).not.toContain(secret.slice(4));
  });

  it('finds a value in an environment by JSON path', async () => {
    const r = await scan(['project/prod.postman_environment.json'], { cwd: root });
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n')[0]).toBe('project/prod.postman_environment.json  values[1].value  postern/github-token  ghp_…(40)  GitHub token');
    expect(r.stdout).toContain('1 possible secret in 1 of 1 file.');
  });

  it('reports other text files by line:column', async () => {
    const r = await scan(['project/.env', 'project/docs/notes.md'], { cwd: root });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('project/.env:2:11  postern/npm-token  npm_…(40)  npm access token');
    expect(r.stdout).toContain('project/docs/notes.md:4:21  postern/gitlab-token  glpa…(26)  GitLab token');
  });

  it('walks a folder, skipping node_modules, .git and binary files', async () => {
    const r = await scan(['project'], { cwd: root });
    expect(r.code).toBe(1);
    const files = r.stdout
      .split('\n')
      .filter((l) => l.includes('postern/'))
      .map((l) => l.split(/[: ]/)[0]);
    expect([...new Set(files)].sort()).toEqual(['project/.env', 'project/docs/notes.md', 'project/orders.postman_collection.json', 'project/prod.postman_environment.json', 'project/src/deep/config.ts']);
    expect(r.stdout).toContain('project/src/deep/config.ts:2:15  postern/stripe-secret-key');
    expect(r.stdout).toMatch(/7 possible secrets in 5 of 5 files \(1 skipped: 1 binary\)\./);
    expect(r.stdout).not.toMatch(/node_modules|\.git\/|logo\.png/);
    expect(r.stderr).toBe('');
  });

  it('does not flag placeholders, masks, variables or documented example keys: exit 0', async () => {
    const r = await scan(['clean'], { cwd: root });
    expect(r.stdout).toBe('No secrets found in 3 files.\n');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  it('prints a JSON array with masked values and their SHA-256 under --json', async () => {
    const r = await scan(['project', '--json'], { cwd: root });
    expect(r.code).toBe(1);
    const findings = JSON.parse(r.stdout);
    expect(Array.isArray(findings)).toBe(true);
    expect(findings).toHaveLength(7);
    expect(findings).toContainEqual({
      file: 'project/orders.postman_collection.json',
      kind: 'collection',
      ruleId: 'postern/stripe-secret-key',
      message: 'Stripe secret key',
      jsonPath: '$.item[0].request.body.raw',
      line: 4,
      column: 20,
      endLine: 4,
      endColumn: 20 + SECRETS.stripe.length,
      masked: `sk_l…(${SECRETS.stripe.length})`,
      sha256: sha(SECRETS.stripe),
    });
    expect(findings).toContainEqual(expect.objectContaining({ file: 'project/.env', kind: 'text', line: 2, column: 11, sha256: sha(SECRETS.npm) }));
    expect(findings.find((f: any) => f.file === 'project/.env').jsonPath).toBeUndefined();
    expect(findings.find((f: any) => f.kind === 'environment')).toMatchObject({ jsonPath: '$.values[1].value', sha256: sha(SECRETS.envGithub) });
    for (const secret of ALL) expect(r.stdout).not.toContain(secret.slice(4));
    expect((await scan(['clean', '--json'], { cwd: root })).stdout).toBe('[]\n');
  });

  it('exits 2 naming the path when a file or folder cannot be read, still reporting what it found', async () => {
    const r = await scan(['project/.env', 'project/missing.json'], { cwd: root });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('error: project/missing.json: no such file or folder.');
    expect(r.stderr).toContain('the scan is incomplete: 1 path could not be read');
    expect(r.stdout).toContain('project/.env:2:11  postern/npm-token');
  });

  it('exits 2 on usage errors: no paths, an unknown flag, a bad size', async () => {
    const none = await scan([], { cwd: root });
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/missing required argument 'paths'/);
    const unknown = await scan(['clean', '--colour'], { cwd: root });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown option '--colour'/);
    const size = await scan(['clean', '--max-file-size', 'ten'], { cwd: root });
    expect(size.code).toBe(2);
    expect(size.stderr).toContain('--max-file-size must be a positive number of megabytes');
    const help = await scan(['--help'], { cwd: root });
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Exit codes: 0 nothing found, 1 secrets found, 2 usage error or unreadable file.');
  });

  it('skips files over the size limit with a notice', async () => {
    const r = await scan(['big', '--max-file-size', '0.5'], { cwd: root });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('notice: big/huge.txt: skipped, 1.1 MB is over the 0.5 MB limit (--max-file-size to change it).\n');
    expect(r.stdout).toBe('No secrets found in 0 files (1 skipped: 1 too large).\n');
    expect((await scan(['big'], { cwd: root })).code).toBe(1); // under the default 10 MB
  });

  it('colours only a terminal, and not when NO_COLOR is set', async () => {
    expect((await scan(['project/.env'], { cwd: root })).stdout).not.toContain(ANSI);
    const tty = await scan(['project/.env'], { cwd: root, tty: true });
    expect(tty.stdout).toContain(ANSI);
    process.env.NO_COLOR = '1';
    try {
      const noColor = await scan(['project/.env'], { cwd: root, tty: true });
      expect(noColor.stdout).not.toContain(ANSI);
      expect(noColor.stdout).toContain('project/.env:2:11  postern/npm-token');
    } finally {
      delete process.env.NO_COLOR;
    }
  });

  it('shows progress for a large folder on a terminal only', async () => {
    const tty = await scan(['many'], { cwd: root, tty: true });
    expect(tty.code).toBe(0);
    expect(tty.stderr).toMatch(/scanning 1\/220: many\/file-000\.txt/);
    const piped = await scan(['many'], { cwd: root });
    expect(piped.stderr).toBe('');
    expect(piped.stdout).toBe('No secrets found in 220 files.\n');
  });
});

// The installed command, as a pre-commit hook or CI job runs it: a real process, real exit codes.
describe('the postern scan binary', () => {
  const bin = join(import.meta.dirname, '../bin/postern.js');
  const run = (args: string[]) =>
    spawnSync(process.execPath, [bin, 'scan', ...args], {
      cwd: root,
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...process.env, POSTERN_FROM_SOURCE: '1', NO_COLOR: '', FORCE_COLOR: undefined },
    });

  it('exits 0 when clean, 1 when something is found, 2 when a file is missing', () => {
    const clean = run(['clean']);
    expect(clean.stdout).toBe('No secrets found in 3 files.\n');
    expect(clean.status).toBe(0);
    const found = run(['project/prod.postman_environment.json', '--json']);
    expect(found.status).toBe(1);
    expect(JSON.parse(found.stdout)).toEqual([expect.objectContaining({ ruleId: 'postern/github-token', jsonPath: '$.values[1].value', sha256: sha(SECRETS.envGithub) })]);
    expect(found.stdout).not.toContain(SECRETS.envGithub.slice(4));
    const missing = run(['nope.env']);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('error: nope.env: no such file or folder.');
    expect(missing.stderr).not.toMatch(/\n\s+at /);
  });
});
