import { useId, useMemo, useState } from 'react';
import type { SendResponse } from '../api/types.ts';
import { CodeMirror } from '../codemirror/CodeMirror.tsx';
import { codeViewerSetup } from '../codemirror/setup.ts';
import { decodedText, headerValue, languageOfContentType, mediaTypeOf, prettyText, previewKindOf } from './format.ts';
import { ImagePreview } from './ImagePreview.tsx';
import { PreviewFrame } from './PreviewFrame.tsx';
import { prettyXml } from './xml-pretty.ts';

type Mode = 'pretty' | 'raw' | 'preview';

const MODE_LABELS: Record<Mode, string> = { pretty: 'Pretty', raw: 'Raw', preview: 'Preview' };

/** The response body: Pretty (formatted, highlighted, foldable), Raw (exact text), Preview (HTML, images). */
export function BodyView({ response }: { response: SendResponse }) {
  const radioName = useId();
  const contentType = headerValue(response.headers, 'Content-Type');
  const decoded = useMemo(() => decodedText(response.body, response.bodyEncoding, contentType), [response.body, response.bodyEncoding, contentType]);
  const language = decoded ? languageOfContentType(contentType) : 'text';
  const previewKind = previewKindOf(contentType);
  const modes: Mode[] = previewKind === 'none' ? ['pretty', 'raw'] : ['pretty', 'raw', 'preview'];
  const [chosen, setChosen] = useState<Mode | null>(null);
  // Images read best as pictures; everything else starts formatted.
  const mode: Mode = chosen && modes.includes(chosen) ? chosen : previewKind === 'image' ? 'preview' : 'pretty';

  const pretty = useMemo(() => (decoded ? prettyText(decoded.text, language, prettyXml) : response.body), [decoded, language, response.body]);
  const prettySetup = useMemo(() => codeViewerSetup(language), [language]);
  const rawSetup = useMemo(() => codeViewerSetup('text'), []);

  if (response.body === '') return <p className="muted">The response has no body.</p>;

  const base64 = response.bodyEncoding === 'base64';
  let note: string | null = null;
  if (base64 && mode === 'raw') note = 'The body is not UTF-8 text: it is shown encoded as base64.';
  else if (base64 && mode === 'pretty') {
    note = decoded ? `The body is not UTF-8: it is shown decoded as ${decoded.charset}.` : 'The body is binary: it is shown encoded as base64.';
  }

  return (
    <div className="response-body-view">
      <fieldset className="response-body-modes">
        <legend className="visually-hidden">Show the body as</legend>
        {modes.map((m) => (
          <label key={m}>
            <input type="radio" name={radioName} value={m} checked={mode === m} onChange={() => setChosen(m)} /> {MODE_LABELS[m]}
          </label>
        ))}
      </fieldset>
      {note && <p className="hint">{note}</p>}
      {mode === 'pretty' && (
        <CodeMirror value={pretty} extensions={prettySetup} ariaLabel={`Response body, formatted (${language === 'text' ? 'text' : language.toUpperCase()})`} className="response-code" />
      )}
      {mode === 'raw' && <CodeMirror value={response.body} extensions={rawSetup} ariaLabel="Response body, as received" className="response-code" />}
      {mode === 'preview' && previewKind === 'html' && <PreviewFrame html={decoded?.text ?? ''} title="Preview of the HTML response" />}
      {mode === 'preview' && previewKind === 'image' && <ImagePreview body={response.body} encoding={response.bodyEncoding} mediaType={mediaTypeOf(contentType)} />}
    </div>
  );
}
