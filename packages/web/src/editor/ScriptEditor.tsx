import { EditorState } from '@codemirror/state';
import { useMemo } from 'react';
import { CodeMirror } from '../codemirror/CodeMirror.tsx';
import { codeEditorSetup } from '../codemirror/setup.ts';
import { pmCompletionSource } from './pm-completion.ts';

/** A JavaScript editor for a pre-request or test script, completing the pm API. */
/** Without `onChange` it is read-only (a viewer's view). */
export function ScriptEditor({ label, value, onChange }: { label: string; value: string; onChange?: (source: string) => void }) {
  const extensions = useMemo(() => codeEditorSetup('javascript', EditorState.languageData.of(() => [{ autocomplete: pmCompletionSource }])), []);
  return <CodeMirror value={value} {...(onChange && { onChange })} extensions={extensions} ariaLabel={label} className="script-editor" />;
}
