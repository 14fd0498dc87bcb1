import { useMemo } from 'react';
import { CodeMirror } from '../codemirror/CodeMirror.tsx';
import { singleLineSetup } from './variable-highlight.ts';

/** The request URL: one line, `{{variables}}` marked and completed from `variables`. */
export function UrlField({ value, onChange, variables }: { value: string; onChange: (url: string) => void; variables: readonly string[] }) {
  const extensions = useMemo(() => singleLineSetup(variables), [variables]);
  return <CodeMirror value={value} onChange={onChange} extensions={extensions} ariaLabel="Request URL" className="url-field" />;
}
