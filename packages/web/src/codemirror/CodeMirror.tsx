import { Compartment, EditorState } from '@codemirror/state';
import type { Extension } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { useEffect, useRef } from 'react';

export interface CodeMirrorProps {
  value: string;
  /** Called with the whole text after each edit; leave unset for a read-only view. */
  onChange?: (value: string) => void;
  /** Language, completion, keymaps…: see setup.ts for the usual sets. */
  extensions?: Extension;
  /** The accessible name of the editing area (CodeMirror's content element is a textbox). */
  ariaLabel: string;
  className?: string;
}

/**
 * A CodeMirror 6 editor as a controlled React component. The view is created once; a new `value`
 * from outside replaces the text only when it differs (so typing is never reset), and new
 * `extensions` are swapped in through a compartment instead of rebuilding the editor.
 */
export function CodeMirror({ value, onChange, extensions = [], ariaLabel, className }: CodeMirrorProps) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const configuration = useRef(new Compartment());
  const label = useRef(new Compartment());
  const changeHandler = useRef(onChange);
  changeHandler.current = onChange;

  useEffect(() => {
    const editor = new EditorView({
      parent: host.current!,
      state: EditorState.create({
        doc: value,
        extensions: [
          configuration.current.of(extensions),
          label.current.of(EditorView.contentAttributes.of({ 'aria-label': ariaLabel })),
          EditorState.readOnly.of(changeHandler.current === undefined),
          EditorView.updateListener.of((update) => {
            if (update.docChanged) changeHandler.current?.(update.state.doc.toString());
          }),
        ],
      }),
    });
    view.current = editor;
    return () => {
      editor.destroy();
      view.current = null;
    };
    // Created once per mount; the effects below keep it in step with later props.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    const editor = view.current;
    if (editor && editor.state.doc.toString() !== value) {
      editor.dispatch({ changes: { from: 0, to: editor.state.doc.length, insert: value } });
    }
  }, [value]);

  useEffect(() => {
    view.current?.dispatch({ effects: configuration.current.reconfigure(extensions) });
  }, [extensions]);

  useEffect(() => {
    view.current?.dispatch({ effects: label.current.reconfigure(EditorView.contentAttributes.of({ 'aria-label': ariaLabel })) });
  }, [ariaLabel]);

  return <div ref={host} className={className ? `code-mirror ${className}` : 'code-mirror'} />;
}
