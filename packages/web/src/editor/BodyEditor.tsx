import { useMemo, useState } from 'react';
import { CodeMirror } from '../codemirror/CodeMirror.tsx';
import { codeEditorSetup } from '../codemirror/setup.ts';
import { chooseFile, chosenFile, MAX_SEND_FILE_BYTES, type FileScope } from './chosen-files.ts';
import { KeyValueTable } from './KeyValueTable.tsx';
import { formatJson, type BodyDraft, type BodyModeChoice, type RawLanguage } from './request-draft.ts';

const MODES: { mode: BodyModeChoice; label: string }[] = [
  { mode: 'none', label: 'None' },
  { mode: 'raw', label: 'Raw' },
  { mode: 'urlencoded', label: 'x-www-form-urlencoded' },
  { mode: 'formdata', label: 'Form data' },
  { mode: 'graphql', label: 'GraphQL' },
  { mode: 'file', label: 'Binary file' },
];
const LANGUAGES: RawLanguage[] = ['json', 'javascript', 'xml', 'html', 'text'];
const FILE_NOTE = `Files are sent from this browser with each send (up to ${MAX_SEND_FILE_BYTES / (1024 * 1024)} MB in all). Only the file name is saved with the request: after reloading the page, choose the file again.`;

/** The body mode, then the editor for that mode. */
export function BodyEditor({ body, onChange, fileScope }: { body: BodyDraft; onChange: (body: BodyDraft) => void; fileScope: FileScope }) {
  const set = (change: Partial<BodyDraft>) => onChange({ ...body, ...change });
  return (
    <div className="body-editor">
      <fieldset className="body-modes">
        <legend>Body type</legend>
        {MODES.map(({ mode, label }) => (
          <label key={mode} className="check">
            <input type="radio" name="body-mode" value={mode} checked={body.mode === mode} onChange={() => set({ mode })} /> {label}
          </label>
        ))}
      </fieldset>
      {body.mode === 'raw' && <RawBody body={body} onChange={set} />}
      {body.mode === 'urlencoded' && <KeyValueTable label="Form fields" rows={body.urlencoded} onChange={(urlencoded) => set({ urlencoded })} />}
      {body.mode === 'formdata' && (
        <>
          <KeyValueTable label="Form data" rows={body.formdata} allowFiles fileScope={fileScope} onChange={(formdata) => set({ formdata })} />
          <p className="muted">{FILE_NOTE}</p>
        </>
      )}
      {body.mode === 'graphql' && <GraphqlBody body={body} onChange={set} />}
      {body.mode === 'file' && (
        <>
          <label className="field">
            <span>Body file</span>
            <input
              type="file"
              onChange={(e) => {
                const file = e.target.files?.[0];
                set({ fileSrc: file ? chooseFile(fileScope, file) : '' });
              }}
            />
          </label>
          {body.fileSrc && (
            <p>
              Chosen: {body.fileSrc}
              {!chosenFile(fileScope, body.fileSrc) && ' (choose it again to send it)'}
            </p>
          )}
          <p className="muted">{FILE_NOTE}</p>
        </>
      )}
    </div>
  );
}

function RawBody({ body, onChange }: { body: BodyDraft; onChange: (change: Partial<BodyDraft>) => void }) {
  const [formatError, setFormatError] = useState('');
  const extensions = useMemo(() => codeEditorSetup(body.language), [body.language]);
  const format = () => {
    const pretty = formatJson(body.raw);
    setFormatError(pretty === null ? 'The body is not valid JSON.' : '');
    if (pretty !== null) onChange({ raw: pretty });
  };
  return (
    <>
      <div className="toolbar">
        <label className="field inline">
          <span>Language</span>
          <select value={body.language} onChange={(e) => onChange({ language: e.target.value as RawLanguage })}>
            {LANGUAGES.map((l) => (
              <option key={l} value={l}>
                {l}
              </option>
            ))}
          </select>
        </label>
        {body.language === 'json' && (
          <button type="button" className="secondary" onClick={format}>
            Format
          </button>
        )}
        {formatError && <span role="alert">{formatError}</span>}
      </div>
      <CodeMirror value={body.raw} onChange={(raw) => onChange({ raw })} extensions={extensions} ariaLabel="Request body" className="body-code" />
    </>
  );
}

function GraphqlBody({ body, onChange }: { body: BodyDraft; onChange: (change: Partial<BodyDraft>) => void }) {
  const query = useMemo(() => codeEditorSetup('text'), []);
  const variables = useMemo(() => codeEditorSetup('json'), []);
  return (
    <div className="graphql">
      <CodeMirror value={body.graphqlQuery} onChange={(graphqlQuery) => onChange({ graphqlQuery })} extensions={query} ariaLabel="GraphQL query" className="body-code" />
      <CodeMirror
        value={body.graphqlVariables}
        onChange={(graphqlVariables) => onChange({ graphqlVariables })}
        extensions={variables}
        ariaLabel="GraphQL variables"
        className="body-code"
      />
    </div>
  );
}
