import { describe, expect, it } from 'vitest';
import { emptyRow } from '../environments/variables.ts';
import {
  changesOf,
  draftOf,
  draftProblems,
  editorAuth,
  readableVariables,
  settingsHeading,
  settingsPath,
  variablesOfRows,
  type LoadedSettings,
} from './collection-settings.ts';

let n = 0;
const nextId = () => `r${++n}`;

const loaded: LoadedSettings = {
  revision: 3,
  name: 'Bookshop API',
  description: 'Books and authors.',
  variable: [
    { key: 'base', value: 'https://example.test', type: 'string', id: 'v1' },
    { key: 'token', value: '', type: 'secret', _postern_redacted: true },
    { key: 'off', value: 'x', disabled: true },
  ],
  auth: { type: 'bearer', bearer: [{ key: 'token', value: '{{token}}', type: 'string' }] },
  event: [
    { listen: 'prerequest', script: { type: 'text/javascript', exec: ['console.log(1);', 'console.log(2);'] } },
    { listen: 'custom', script: { exec: 'kept' } },
  ],
};

describe('collection settings draft', () => {
  it('reads the loaded settings into editable parts', () => {
    const draft = draftOf('collection', loaded, nextId);
    expect(draft.name).toBe('Bookshop API');
    expect(draft.description).toBe('Books and authors.');
    expect(draft.prerequest).toBe('console.log(1);\nconsole.log(2);');
    expect(draft.test).toBe('');
    expect(draft.auth).toEqual(loaded.auth);
    expect(draft.rows.map((r) => [r.key, r.value, r.type, r.enabled, r.redacted])).toEqual([
      ['base', 'https://example.test', 'default', true, false],
      ['token', '', 'secret', true, true],
      ['off', 'x', 'default', false, false],
    ]);
  });

  it('sends nothing when nothing changed', () => {
    expect(changesOf('collection', loaded, draftOf('collection', loaded, nextId))).toEqual({});
    expect(changesOf('folder', loaded, draftOf('folder', loaded, nextId))).toEqual({});
  });

  it('sends only the parts that changed', () => {
    const draft = draftOf('collection', loaded, nextId);
    expect(changesOf('collection', loaded, { ...draft, test: "pm.test('ok', () => {});" })).toEqual({
      // The API takes only pre-request and test scripts.
      event: [
        loaded.event[0],
        { listen: 'test', script: { type: 'text/javascript', exec: ["pm.test('ok', () => {});"] } },
      ],
    });
    expect(changesOf('collection', loaded, { ...draft, name: 'Shop', description: '' })).toEqual({ name: 'Shop', description: null });
  });

  it('keeps variable fields, the redaction marker and Postman’s disabled flag', () => {
    const draft = draftOf('collection', loaded, nextId);
    const [base, token, off] = draft.rows;
    const rows = [{ ...base!, value: 'http://127.0.0.1' }, token!, { ...off!, enabled: true }, { ...emptyRow('new'), key: 'k', value: 'v', type: 'secret' as const }, emptyRow('blank')];
    expect(variablesOfRows(rows)).toEqual([
      { key: 'base', value: 'http://127.0.0.1', type: 'string', id: 'v1' },
      { key: 'token', value: '', type: 'secret', _postern_redacted: true },
      { key: 'off', value: 'x' },
      { key: 'k', value: 'v', type: 'secret' },
    ]);
    expect(changesOf('collection', loaded, { ...draft, rows }).variable).toHaveLength(4);
    // Folders show no variables, so never send them.
    expect(changesOf('folder', loaded, { ...draft, rows })).toEqual({});
  });

  it('writes a switched-off new or loaded variable as disabled', () => {
    const [base] = draftOf('collection', loaded, nextId).rows;
    expect(variablesOfRows([{ ...base!, enabled: false }])).toEqual([{ key: 'base', value: 'https://example.test', type: 'string', id: 'v1', disabled: true }]);
  });

  it('maps auth choices: no auth on the collection, inherit or no auth on a folder', () => {
    expect(editorAuth('collection', null)).toBeUndefined();
    expect(editorAuth('collection', { type: 'noauth' })).toBeUndefined();
    expect(editorAuth('folder', null)).toBeUndefined();
    expect(editorAuth('folder', { type: 'noauth' })).toEqual({ type: 'noauth' });

    const folder: LoadedSettings = { ...loaded, auth: null };
    const draft = draftOf('folder', folder, nextId);
    expect(changesOf('folder', folder, { ...draft, auth: { type: 'noauth' } })).toEqual({ auth: { type: 'noauth' } });
    expect(changesOf('folder', { ...folder, auth: { type: 'noauth' } }, draft)).toEqual({ auth: null });
    // On the collection, choosing "No auth" clears it.
    expect(changesOf('collection', loaded, { ...draftOf('collection', loaded, nextId), auth: undefined })).toEqual({ auth: null });
    // An explicit noauth left alone is not rewritten.
    const noauth = { ...loaded, auth: { type: 'noauth' } };
    expect(changesOf('collection', noauth, draftOf('collection', noauth, nextId))).toEqual({});
  });

  it('names the problems that block a save', () => {
    const draft = draftOf('collection', loaded, nextId);
    expect(draftProblems(draft, 'collection')).toEqual([]);
    expect(draftProblems({ ...draft, name: ' ', rows: [{ ...emptyRow('x'), value: 'orphan' }] }, 'folder')).toEqual([
      'Give the folder a name.',
      'Variable row 1 has a value but no key.',
    ]);
  });

  it('reads switched-off collection variables for the read-only table', () => {
    expect(readableVariables(loaded.variable).map((v) => v.enabled)).toEqual([true, true, false]);
  });

  it('names and places the page', () => {
    expect(settingsHeading('collection', 'Bookshop API')).toBe('Settings of Bookshop API');
    expect(settingsHeading('folder', 'Books')).toBe('Settings of folder Books');
    expect(settingsPath('w1', 'c 1')).toBe('/w/w1/collections/c%201/settings');
    expect(settingsPath('w1', 'c1', 'f1')).toBe('/w/w1/collections/c1/folders/f1/settings');
  });
});
