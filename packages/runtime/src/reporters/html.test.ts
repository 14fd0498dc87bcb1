import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHtmlReporter, escapeHtml, HtmlReportBuilder } from './html.ts';
import { replay, START_TIME, syntheticRun } from './test-run.fixture.ts';
import type { SyntheticRunOptions } from './test-run.fixture.ts';

function html(options?: SyntheticRunOptions): string {
  const builder = new HtmlReportBuilder();
  for (const [name, payload] of syntheticRun(options)) builder.on(name, payload);
  return builder.result()!;
}

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'postern-html-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('html reporter', () => {
  it('writes one self-contained page with summary, failures and a row per request', async () => {
    const file = path.join(dir, 'report.html');
    const reporter = createHtmlReporter({ export: file, now: () => START_TIME });
    await replay(reporter, syntheticRun());
    const page = await readFile(file, 'utf8');
    expect(page.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(page).toContain('<style>');
    expect(page).not.toMatch(/\b(?:src|href)\s*=\s*["']?\s*(?:https?:)?\/\//i);
    expect(page).not.toMatch(/<link\b|<script\b|@import|url\(/i);
    expect(page).toContain(`default-src 'none'`);
    expect(page).toMatch(/<th scope="row">Requests<\/th><td class="num">8<\/td><td class="num fail">2<\/td>/);
    expect(page).toMatch(/<th scope="row">Assertions<\/th><td class="num">8<\/td><td class="num fail">2<\/td>/);
    expect(page.match(/<li><strong class="fail">/g)).toHaveLength(6);
    expect(page).toContain('at assertion:1 in test-script, inside “Users / List users”');
    const rows = page.match(/<tr class="(?:ok|fail)-row">/g) ?? [];
    expect(rows).toHaveLength(8);
    expect(page.match(/<tr class="fail-row">/g)).toHaveLength(6);
    expect(page).toContain('http://127.0.0.1:8080/users?page=1&amp;size=2');
    expect(page).toContain('<li class="skip">– pagination');
    expect(page).toContain('TypeError in test-script');
    expect(page).toContain('connect ECONNREFUSED 127.0.0.1:1');
    expect(page).not.toContain('body-must-not-leak');
  });

  it('escapes every name it shows', () => {
    const injected = '<script>alert("x")</script>';
    const page = html({ collectionName: `Demo ${injected}`, folderName: `F ${injected}`, failingAssertion: `A ${injected} 'q'` });
    expect(page).not.toContain('<script>');
    expect(page).toContain('Demo &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(page).toContain('<title>Demo &lt;script&gt;');
    expect(page).toContain('F &lt;script&gt;');
    expect(page).toContain('A &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &#39;q&#39;');
  });

  it('escapeHtml covers the five special characters', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});
