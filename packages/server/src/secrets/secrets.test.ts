/**
 * The secret scanner engine (P17). Every secret here is built at run time from a seeded PRNG, so the
 * source holds no token-shaped strings (the same rule as fixtures/generate.ts).
 */
import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { evaluate, scanFixture } from './fixtures/evaluate.ts';
import { buildFixtures, labelSha256 } from './fixtures/generate.ts';
import { isPlaceholder, NotPostmanError, POSTERN_RULES, scanPostmanDocument, scanText } from './index.ts';
import type { SecretFinding } from './index.ts';

function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = seeded(8);
const HEX = '0123456789abcdef';
const B62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const URLSAFE = `${B62}_-`;
const str = (alphabet: string, n: number) => Array.from({ length: n }, () => alphabet[Math.floor(rand() * alphabet.length)]!).join('');

const sha = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');
const github = `ghp_${str(B62, 36)}`;
const stripe = `sk_live_${str(B62, 30)}`;
const slackBot = `xoxb-${str('0123456789', 12)}-${str('0123456789', 13)}-${str(B62, 24)}`;

/** Positives for the Postern rules the fixture set has no type for: text and the secret in it. */
const HANDMADE: Record<string, () => { text: string; secret: string }> = {
  'flutterwave-secret-key': () => one(`FLWSECK_TEST-${str(HEX, 32)}-X`, (s) => `FLW_SECRET=${s}`),
  'shippo-token': () => one(`shippo_live_${str(HEX, 40)}`, (s) => `SHIPPO=${s}`),
  'cloudflare-origin-ca-key': () => one(`v1.0-${str(HEX, 24)}-${str(HEX, 146)}`, (s) => `CF_ORIGIN_CA=${s}`),
  'alibaba-access-key-id': () => one(`LTAI${str(B62, 20)}`, (s) => `ALIBABA_ID=${s}`),
  'ibm-cloud-api-key': () => one(str(URLSAFE, 44), (s) => `ibm_cloud_api_key: "${s}"`),
  'okta-api-token': () => one(`00${str(URLSAFE, 40)}`, (s) => `Authorization: SSWS ${s}`),
  'netlify-token': () => one(`nfp_${str(B62, 36)}`, (s) => `NETLIFY=${s}`),
  'fly-token': () => one(`FlyV1 fm2_${str(URLSAFE, 60)}`, (s) => `FLY=${s}`),
  'onepassword-token': () => one(`ops_eyJ${str(URLSAFE, 120)}`, (s) => `OP=${s}`),
  'readme-api-key': () => one(`rdme_${str('abcdefghijklmnopqrstuvwxyz0123456789', 70)}`, (s) => `README=${s}`),
  'adafruit-key': () => one(`aio_${str(B62, 28)}`, (s) => `ADAFRUIT=${s}`),
  'anthropic-api-key': () => one(`sk-ant-api03-${str(URLSAFE, 93)}AA`, (s) => `CLAUDE=${s}`),
  'basic-auth-header': () => one(Buffer.from(`alice:${str(B62, 14)}`).toString('base64'), (s) => `Authorization: Basic ${s}`),
};
function one(secret: string, render: (s: string) => string) {
  return { text: `# config\n${render(secret)}\n`, secret };
}

const ruleOf = (f: SecretFinding) => f.ruleId.replace(/^postern\//, '');

describe('secret scanner engine', () => {
  it('finds every labeled secret of the fixture set and nothing in its look-alikes', async () => {
    const result = await evaluate('all');
    expect(result.missed).toEqual([]);
    expect(result.falseFindings).toEqual([]);
    expect(result.overall.positives).toBeGreaterThan(300);
  });

  it('reports each Postern rule family under its own id for a positive', async () => {
    const hitBy = new Set<string>();
    for (const fixture of buildFixtures().filter((f) => f.positive)) {
      for (const f of await scanFixture(fixture, 'postern')) hitBy.add(ruleOf(f));
    }
    for (const [id, make] of Object.entries(HANDMADE)) {
      const { text, secret } = make();
      const findings = await scanText(text);
      expect(findings.map(ruleOf), id).toContain(id);
      expect(findings.find((f) => ruleOf(f) === id)!.sha256, id).toBe(sha(secret));
      hitBy.add(id);
    }
    // A new rule needs a fixture type or a HANDMADE positive.
    expect(POSTERN_RULES.map((r) => r.id).filter((id) => !hitBy.has(id))).toEqual([]);
  });

  it('does not flag placeholders, masks, template variables or documented example keys', async () => {
    const jwtIo = ['eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9', 'eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ', 'SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c'].join('.');
    const text = [
      'API_KEY={{apiKey}}',
      'GITHUB_TOKEN=<YOUR_GITHUB_TOKEN>',
      `GITHUB_TOKEN=ghp_${'x'.repeat(36)}`,
      'STRIPE_SECRET_KEY=sk_live_xxxxxxxxxxxxxxxxxxxxxxxx',
      `AWS_ACCESS_KEY_ID=${['AKIA', 'IOSFODNN7', 'EXAMPLE'].join('')}`,
      `AWS_SECRET_ACCESS_KEY=${['wJalrXUtnFEMI', 'K7MDENG', 'bPxRfiCYEXAMPLEKEY'].join('/')}`,
      'CLIENT_SECRET=${CLIENT_SECRET}',
      'password: changeme',
      'password = "your-password-here"',
      'Authorization: Bearer {{accessToken}}',
      'Authorization: Bearer ••••••••••••••••••••',
      `token: ${jwtIo}`,
      'const token = pm.environment.get("token");',
      'api_key: process.env.API_KEY',
      `GITHUB_TOKEN=${['ghp', '16C7e42F292c6912E7710c838347Ae178B4a'].join('_')}`, // GitHub's docs token
    ].join('\n');
    expect(await scanText(text)).toEqual([]);
    for (const value of ['{{token}}', '<YOUR_KEY>', 'xxxxxxxxxxxxxxxx', '****************', 'AKIAIOSFODNN7EXAMPLE', 'changeme', 'your_api_key_here']) {
      expect(isPlaceholder(value), value).toBe(true);
    }
    for (const value of [github, stripe, str(B62, 32)]) expect(isPlaceholder(value), value).toBe(false);
  });

  it('does not mistake names in source code for credentials next to secret-named keys', async () => {
    const code = [
      'const secretKey = loadOrCreateSecretKey({ dataDir });',
      '    passwords: createArgon2Hasher(deps.passwordHashing),',
      '  passwords: PasswordHasher;',
      "import type { SecretLintCoreConfig, SecretLintRuleCreator } from '@secretlint/types';",
      "env: { POSTERN_SECRET_KEY: secret, POSTERN_DATA_DIR: dataDir },",
      "for (const name of ['X-Amz-Security-Token', 'X-Amz-Content-Sha256']) remove(name);",
      'sends `{ login, password, totpCode? }` and `CSRF_TOKEN_INVALID, API_KEY_NOT_ALLOWED${extra}`',
      '| `--ssl-client-key`, `--ssl-client-passphrase` | client certificate |',
      '"./secrets": "./src/secrets/index.ts"',
      "const token = last?.text.match(/#token=([A-Za-z0-9_-]{43})/)?.[1];",
      "category: 'user.account.password',",
      '      personal: true,',
    ].join('\n');
    expect(await scanText(code)).toEqual([]);
    // The same keys with real values still count.
    const value = str(B62, 24);
    expect((await scanText(`const secretKey = '${value}';\npasswords: ${value},\n`)).map((f) => f.sha256)).toEqual([sha(value), sha(value)]);
  });

  it('reports line and column in text, and never the secret itself', async () => {
    const text = `# settings\r\nname=demo\r\n  GITHUB_TOKEN=${github}\r\nSTRIPE_KEY="${stripe}"\n`;
    const findings = await scanText(text);
    expect(findings).toHaveLength(2);
    expect(findings[0]).toMatchObject({ ruleId: 'postern/github-token', location: { line: 3, column: 16, endLine: 3, endColumn: 16 + 40 } });
    expect(findings[1]).toMatchObject({ ruleId: 'postern/stripe-secret-key', location: { line: 4, column: 13 } });
    expect(findings[0]!.masked).toBe('ghp_…(40)');
    expect(findings[1]!.masked).toBe(`sk_l…(${stripe.length})`);
    expect(findings[0]!.sha256).toBe(sha(github));
    expect(JSON.stringify(findings)).not.toContain(github.slice(4));
    expect(JSON.stringify(findings)).not.toContain(stripe.slice(4));
  });

  it('masks short secrets harder and never lets a preset message quote the secret', async () => {
    const password = `p${str(B62, 9)}`;
    const [f] = await scanText(`db_password: ${password}\n`);
    expect(f).toMatchObject({ ruleId: 'postern/generic-secret', masked: `${password.slice(0, 2)}…(10)`, sha256: sha(password) });
    // Every finding on the whole fixture set: no label's secret appears in any field.
    for (const fixture of buildFixtures().filter((x) => x.positive)) {
      const serialized = JSON.stringify(await scanFixture(fixture, 'all'));
      for (const label of fixture.labels) expect(serialized, fixture.id).not.toContain(label.secret);
    }
  });

  it('gives the same SHA-256 for the same secret wherever it sits', async () => {
    const a = await scanText(`A_TOKEN=${slackBot}`);
    const b = await scanText(`{"headers": {"Authorization": "Bearer ${slackBot}"}}`);
    expect(a[0]!.sha256).toBe(sha(slackBot));
    expect(b[0]!.sha256).toBe(a[0]!.sha256);
    expect(labelSha256(slackBot)).toBe(a[0]!.sha256);
  });

  it('names the JSON path of a secret in a Postman collection: header, escaped raw body, script line, auth, variable', async () => {
    const openaiLike = `sk-proj-${str(URLSAFE, 30)}T3BlbkFJ${str(URLSAFE, 30)}`;
    const collection = {
      info: { name: 'Shop', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
      variable: [{ key: 'stripeKey', value: stripe }],
      item: [
        { name: 'clean', request: { method: 'GET', url: '{{baseUrl}}/ping', header: [{ key: 'Authorization', value: 'Bearer {{token}}' }] } },
        {
          name: 'folder',
          item: [
            {
              name: 'create',
              event: [{ listen: 'prerequest', script: { type: 'text/javascript', exec: ['// set up', 'const n = 1;', `pm.request.headers.add({ key: 'X-Slack', value: '${slackBot}' });`] } }],
              request: {
                method: 'POST',
                url: { raw: '{{baseUrl}}/orders', host: ['{{baseUrl}}'], path: ['orders'] },
                header: [{ key: 'Accept', value: 'application/json' }, { key: 'Authorization', value: `token ${github}` }],
                body: { mode: 'raw', raw: JSON.stringify({ item: 'book', payment: { provider: 'openai', api_key: openaiLike } }, null, 2) },
              },
            },
          ],
        },
      ],
      auth: { type: 'bearer', bearer: [{ key: 'token', value: slackBot, type: 'string' }] },
    };
    // Parsed or as text: the escaped raw body is decoded either way.
    for (const input of [collection, JSON.stringify(collection)]) {
      const { kind, findings } = await scanPostmanDocument(input);
      expect(kind).toBe('collection');
      const at = (path: string) => findings.filter((f) => f.location.jsonPath === path).map((f) => ({ rule: f.ruleId, line: f.location.line, sha: f.sha256 }));
      expect(at('$.variable[0].value')).toEqual([{ rule: 'postern/stripe-secret-key', line: 1, sha: sha(stripe) }]);
      expect(at('$.item[1].item[0].event[0].script.exec[2]')).toEqual([{ rule: 'postern/slack-token', line: 3, sha: sha(slackBot) }]);
      expect(at('$.item[1].item[0].request.header[1].value')).toEqual([{ rule: 'postern/github-token', line: 1, sha: sha(github) }]);
      // Line 5 of the pretty-printed body, inside the escaped JSON string.
      expect(at('$.item[1].item[0].request.body.raw')).toEqual([{ rule: 'postern/openai-api-key', line: 5, sha: sha(openaiLike) }]);
      expect(at('$.auth.bearer[0].value')).toEqual([{ rule: 'postern/slack-token', line: 1, sha: sha(slackBot) }]);
      expect(findings).toHaveLength(5);
    }
  });

  it('scans Postman environments by value and rejects what is not Postman', async () => {
    const environment = {
      name: 'Production',
      _postman_variable_scope: 'environment',
      values: [
        { key: 'baseUrl', value: 'https://api.example.com', enabled: true },
        { key: 'token', value: '{{vaultToken}}', enabled: true },
        { key: 'GITHUB_TOKEN', value: github, type: 'secret', enabled: true },
      ],
    };
    const { kind, findings } = await scanPostmanDocument(environment);
    expect(kind).toBe('environment');
    expect(findings.map((f) => [f.location.jsonPath, f.ruleId])).toEqual([['$.values[2].value', 'postern/github-token']]);
    await expect(scanPostmanDocument('{not json')).rejects.toBeInstanceOf(NotPostmanError);
    await expect(scanPostmanDocument({ hello: 'world' })).rejects.toBeInstanceOf(NotPostmanError);
  });

  // secretlint 12's always-on profiler left ~550 performance entries per scan and rescanned them on
  // every new mark: a few hundred scans kept the process busy for minutes after the last one (the
  // "hung" test run). engine.ts switches it off; if core ever loads another copy, marks come back.
  it('leaves no performance marks behind, so many scans stay fast and the process can exit', async () => {
    const before = performance.getEntriesByType('mark').length + performance.getEntriesByType('measure').length;
    const started = Date.now();
    for (let i = 0; i < 300; i++) await scanText(`line ${i}\nname=value${i}\n`);
    await new Promise((r) => setImmediate(r));
    expect(performance.getEntriesByType('mark').length + performance.getEntriesByType('measure').length).toBe(before);
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  // The private-key pattern once had two ways to match each escaped `\n`; a BEGIN line with no END
  // (generate.ts itself has one) then backtracked for ever: `postern scan` of the repo never ended.
  it('scans a BEGIN PRIVATE KEY line without its END in linear time, and still finds an escaped key', async () => {
    // 22 escaped lines took the old pattern ~4 s (doubling with each line); the fix takes well under 1 ms.
    const body = Array.from({ length: 22 }, () => str(B62, 64));
    const started = Date.now();
    expect(await scanText(`const pem = "-----BEGIN RSA PRIVATE KEY-----\\n${body.join('\\n')}\\n" + rest;\n`)).toEqual([]);
    expect(Date.now() - started).toBeLessThan(1_500);
    const escaped = `-----BEGIN RSA PRIVATE KEY-----\\n${body.join('\\n')}\\n-----END RSA PRIVATE KEY-----`;
    const [f] = await scanText(`{"signingKey": "${escaped}"}`);
    expect(f).toMatchObject({ ruleId: 'postern/private-key', location: { line: 1, column: 17 }, sha256: sha(escaped) });
  });

  it('keeps a large input linear: a 2 MB line of base64 and 2 MB of repeated keys', async () => {
    const started = Date.now();
    expect(await scanText(Buffer.from(str(B62, 1_500_000)).toString('base64'))).toEqual([]);
    expect(await scanText('token=token='.repeat(170_000))).toEqual([]);
    expect(Date.now() - started).toBeLessThan(15_000);
  });
});
