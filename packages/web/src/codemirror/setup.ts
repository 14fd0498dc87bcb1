import { autocompletion, closeBrackets, closeBracketsKeymap, completionKeymap } from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { html } from '@codemirror/lang-html';
import { javascript } from '@codemirror/lang-javascript';
import { json } from '@codemirror/lang-json';
import { xml } from '@codemirror/lang-xml';
import { bracketMatching, defaultHighlightStyle, foldGutter, foldKeymap, indentOnInput, syntaxHighlighting } from '@codemirror/language';
import { highlightSelectionMatches, searchKeymap } from '@codemirror/search';
import type { Extension } from '@codemirror/state';
import { EditorView, highlightActiveLine, highlightActiveLineGutter, keymap, lineNumbers } from '@codemirror/view';

/** The languages a body or script can be edited or shown in (Postman's raw body modes). */
export type CodeLanguage = 'json' | 'javascript' | 'xml' | 'html' | 'text';

export function languageExtension(language: CodeLanguage): Extension {
  switch (language) {
    case 'json':
      return json();
    case 'javascript':
      return javascript();
    case 'xml':
      return xml();
    case 'html':
      return html();
    case 'text':
      return [];
  }
}

/**
 * A multi-line editor: line numbers, folding, bracket matching, undo history, search (Ctrl/Cmd-F)
 * and completion. Tab indents; Escape then Tab leaves the editor (CodeMirror's keyboard escape),
 * so the page stays usable without a mouse.
 */
export function codeEditorSetup(language: CodeLanguage, extra: Extension = []): Extension {
  return [
    lineNumbers(),
    highlightActiveLineGutter(),
    foldGutter(),
    history(),
    indentOnInput(),
    bracketMatching(),
    closeBrackets(),
    autocompletion(),
    highlightActiveLine(),
    highlightSelectionMatches(),
    syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
    EditorView.lineWrapping,
    // Ctrl/Cmd+Enter sends the request (the editor around handles it): claim it before the default
    // keymap's "insert blank line", so sending from a script does not also change the script.
    keymap.of([{ key: 'Mod-Enter', run: () => true }]),
    keymap.of([...closeBracketsKeymap, ...defaultKeymap, ...searchKeymap, ...historyKeymap, ...foldKeymap, ...completionKeymap, indentWithTab]),
    languageExtension(language),
    extra,
  ];
}

/** A read-only viewer (response bodies): folding and search, no editing aids. */
export function codeViewerSetup(language: CodeLanguage, extra: Extension = []): Extension {
  return [
    lineNumbers(),
    foldGutter(),
    bracketMatching(),
    highlightSelectionMatches(),
    syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
    EditorView.lineWrapping,
    keymap.of([...defaultKeymap, ...searchKeymap, ...foldKeymap]),
    languageExtension(language),
    extra,
  ];
}
