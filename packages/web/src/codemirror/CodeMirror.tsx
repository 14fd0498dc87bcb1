import { Compartment, EditorState } from '@codemirror/state';
import type { Extension } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { useEffect, useRef } from 'react';

/** The app's colours and focus ring (CSS variables cross the shadow boundary; rules do not). */
const appTheme = EditorView.theme({
  '&': { color: 'var(--text)', backgroundColor: 'var(--bg)', maxHeight: 'var(--code-max-height, none)', fontSize: '0.9rem' },
  '&.cm-focused': { outline: '2px solid var(--focus)', outlineOffset: '1px' },
  '.cm-scroller': { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace', overflow: 'auto' },
  '.cm-gutters': { backgroundColor: 'var(--surface)', color: 'var(--muted)', borderRight: '1px solid var(--border)' },
  '.cm-activeLine, .cm-activeLineGutter': { backgroundColor: 'color-mix(in srgb, var(--accent) 8%, transparent)' },
  '.cm-content': { caretColor: 'var(--text)' },
});

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
 *
 * The editor lives in a shadow root: there CodeMirror installs its styles as constructed
 * stylesheets, which the app's Content-Security-Policy (no inline <style>) allows, where in the
 * document itself it would add a <style> element. The app's CSS variables still reach it.
 */
export function CodeMirror({ value, onChange, extensions = [], ariaLabel, className }: CodeMirrorProps) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const configuration = useRef(new Compartment());
  const label = useRef(new Compartment());
  const changeHandler = useRef(onChange);
  changeHandler.current = onChange;

  useEffect(() => {
    const root = host.current!.shadowRoot ?? host.current!.attachShadow({ mode: 'open' });
    const editor = new EditorView({
      root,
      parent: root,
      state: EditorState.create({
        doc: value,
        extensions: [
          appTheme,
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
