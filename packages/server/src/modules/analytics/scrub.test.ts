import { describe, expect, it } from 'vitest';
import { scrubPath, scrubText } from './scrub.ts';

describe('error report scrubber (P5)', () => {
  it('drops query strings and fragments of URLs but keeps the address and line numbers', () => {
    expect(scrubText('GET https://api.example.test/users?id=7&token=abc failed', 500)).toBe('GET https://api.example.test/users failed');
    expect(scrubText('at f (https://postern.test/app.js?v=1#frag:12:34)', 500)).toBe('at f (https://postern.test/app.js:12:34)');
  });

  it('removes email addresses, credentials in URLs, bearer tokens, JWTs and API keys', () => {
    const out = scrubText(
      'mail ana@example.org via https://ana:hunter2@db.example.test/x Authorization: Bearer tok.en-1 eyJhbGciOi.eyJzdWIi.sig pst_abcdef123',
      500,
    );
    expect(out).toBe('mail [email] via https://db.example.test/x Authorization: Bearer [redacted] [token] [api key]');
  });

  it('cuts long text to the limit', () => {
    expect(scrubText('x'.repeat(30), 10)).toHaveLength(10);
  });

  it('keeps only the path of a page, ids replaced', () => {
    expect(scrubPath('/workspaces/0b6f3a52-1c1f-4a55-9b5e-6d2f0a8f4c11/runs/42?q=ana@example.org#x')).toBe('/workspaces/:id/runs/:id');
    expect(scrubPath('https://postern.test/settings/privacy?tab=1')).toBe('/settings/privacy');
    expect(scrubPath('users/ana@example.org')).toBe('/users/[email]');
  });
});
