/** Every language's snippet for every case, compared with the reviewed files in ./golden. */
import { describe, expect, it } from 'vitest';
import { SNIPPET_LANGUAGES, generateSnippet } from '../../src/index.ts';
import { CASE_VARIABLES, SNIPPET_CASES } from './cases.ts';

const variables = [{ values: Object.entries({ baseUrl: 'https://api.example.com', ...CASE_VARIABLES }).map(([key, value]) => ({ key, value })) }];

describe('snippet golden files', () => {
  for (const c of SNIPPET_CASES) {
    for (const language of SNIPPET_LANGUAGES) {
      it(`${c.name} in ${language.id}`, async () => {
        const snippet = generateSnippet(c.request, language.id, { variables, ...(c.auth ? { auth: c.auth } : {}) });
        await expect(snippet.code).toMatchFileSnapshot(`./golden/${c.name}/${language.id}.${language.extension}`);
        // Notes in a file of their own, so every golden program stays a valid source file.
        const notes = snippet.notes.map((n) => `${n}\n`).join('');
        await expect(notes || '(none)\n').toMatchFileSnapshot(`./golden/${c.name}/${language.id}.notes.txt`);
      });
    }
  }
});
