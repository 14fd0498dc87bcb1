/**
 * npm run bench:scan — the secret scanner (P17):
 *   throughput: MB/s over a large generated Postman collection (headers, raw bodies, scripts,
 *     examples; a few secrets sprinkled in);
 *   quality: recall and precision on the labeled fixture set (packages/server/src/secrets/fixtures),
 *     overall and per secret type, for Postern's scanner and for secretlint's recommended preset alone.
 *
 *   npm run bench:scan -- [--requests 4000] [--runs 3]
 */
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { scanPostmanDocument } from '../packages/server/src/secrets/index.ts';
import { buildFixtures, secretTypes } from '../packages/server/src/secrets/fixtures/generate.ts';
import { evaluate } from '../packages/server/src/secrets/fixtures/evaluate.ts';

const { values: args } = parseArgs({ options: { requests: { type: 'string', default: '4000' }, runs: { type: 'string', default: '3' } } });
const REQUESTS = Number(args.requests);
const RUNS = Number(args.runs);

function bigCollection(count: number): string {
  const items = Array.from({ length: count }, (_, n) => ({
    name: `request ${n}`,
    event: [
      {
        listen: 'test',
        script: {
          type: 'text/javascript',
          exec: ['const json = pm.response.json();', "pm.test('status is 200', () => pm.response.to.have.status(200));", `pm.environment.set('lastId', json.items[${n % 10}].id);`],
        },
      },
    ],
    request: {
      method: n % 2 ? 'POST' : 'GET',
      url: { raw: `{{baseUrl}}/v1/things/${n}?page=${n % 7}&api_key={{apiKey}}`, host: ['{{baseUrl}}'], path: ['v1', 'things', String(n)] },
      header: [
        { key: 'Accept', value: 'application/json' },
        { key: 'X-Request-Id', value: `${(n * 7919).toString(16).padStart(8, '0')}-1b2c-4d3e-8f40-${(n * 104729).toString(16).padStart(12, '0')}` },
        { key: 'Authorization', value: n % 500 === 0 ? `Bearer ghp_${'k7Qm2Zp9Xr4Lw8Vt3Bn6Yc1Hs5Dj0Fg2Ae'.slice(0, 36)}` : 'Bearer {{accessToken}}' },
      ],
      body: { mode: 'raw', raw: JSON.stringify({ id: n, name: `thing ${n}`, tags: ['a', 'b'], description: 'Lorem ipsum dolor sit amet, consectetur adipiscing elit.' }, null, 2) },
    },
    response: [{ name: 'OK', code: 200, header: [{ key: 'Content-Type', value: 'application/json' }], body: JSON.stringify({ items: Array.from({ length: 5 }, (_, i) => ({ id: `${n}-${i}`, value: i * n })) }) }],
  }));
  return JSON.stringify({ info: { name: 'bench', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' }, item: items });
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const cpu = cpus();
console.log(`machine: ${cpu[0]?.model ?? 'unknown CPU'}, ${cpu.length} cores, Node ${process.version}`);

const text = bigCollection(REQUESTS);
const mb = Buffer.byteLength(text) / 1e6;
await scanPostmanDocument(text); // warm-up
const times: number[] = [];
let findings = 0;
for (let i = 0; i < RUNS; i++) {
  const start = performance.now();
  findings = (await scanPostmanDocument(text)).findings.length;
  times.push(performance.now() - start);
}
times.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)]!;
console.log(`throughput: ${REQUESTS}-request collection, ${mb.toFixed(1)} MB, ${findings} findings; median of ${RUNS} runs ${median.toFixed(0)} ms = ${(mb / (median / 1000)).toFixed(2)} MB/s`);

const fixtures = buildFixtures();
const positives = fixtures.filter((f) => f.positive);
console.log(`fixtures: ${positives.length} positive items (${positives.reduce((n, f) => n + f.labels.length, 0)} labeled secrets, ${secretTypes().length} types), ${fixtures.length - positives.length} negative items`);
const postern = await evaluate('all', fixtures);
const preset = await evaluate('preset', fixtures);
for (const [name, e] of [['postern (preset + Postern rules)', postern], ['secretlint recommended preset alone', preset]] as const) {
  console.log(`${name}: recall ${pct(e.overall.recall)} (${e.overall.found}/${e.overall.positives}), precision ${pct(e.overall.precision)} (${e.overall.truePositives}/${e.overall.findings})`);
}
console.log('\nper type (recall postern / preset; precision postern / preset):');
for (const [type, s] of [...postern.byType].sort(([a], [b]) => a.localeCompare(b))) {
  const p = preset.byType.get(type)!;
  console.log(`  ${type.padEnd(28)} recall ${pct(s.recall).padStart(6)} / ${pct(p.recall).padStart(6)}   precision ${pct(s.precision).padStart(6)} / ${pct(p.precision).padStart(6)}`);
}
if (postern.missed.length) console.log(`\nmissed: ${postern.missed.join(', ')}`);
if (postern.falseFindings.length) console.log(`false findings: ${postern.falseFindings.map((f) => `${f.id} (${f.ruleId} at ${f.where})`).join(', ')}`);
