import { EditorView } from '@codemirror/view';
import { useMemo, useRef } from 'react';
import { CodeMirror } from '../codemirror/CodeMirror.tsx';
import { looksLikeCurl } from './curl-paste.ts';
import { singleLineSetup } from './variable-highlight.ts';

/**
 * The request URL: one line, `{{variables}}` marked and completed from `variables`. A pasted cURL
 * command goes to `onPasteCurl` instead of into the line (the editor turns it into the request).
 */
export function UrlField({
  value,
  onChange,
  variables,
  onPasteCurl,
}: {
  value: string;
  onChange: (url: string) => void;
  variables: readonly string[];
  onPasteCurl?: (command: string) => void;
}) {
  // Read through a ref so a new callback each render does not reconfigure the editor.
  const pasteCurl = useRef(onPasteCurl);
  pasteCurl.current = onPasteCurl;
  const extensions = useMemo(
    () => [
      EditorView.domEventHandlers({
        paste(event) {
          const text = event.clipboardData?.getData('text/plain') ?? '';
          if (!pasteCurl.current || !looksLikeCurl(text)) return false;
          event.preventDefault();
          pasteCurl.current(text);
          return true;
        },
      }),
      singleLineSetup(variables),
    ],
    [variables],
  );
  return <CodeMirror value={value} onChange={onChange} extensions={extensions} ariaLabel="Request URL" className="url-field" />;
}
