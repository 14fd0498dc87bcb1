import { autocompletion, type CompletionContext, type CompletionResult } from '@codemirror/autocomplete';
import { history, historyKeymap, defaultKeymap } from '@codemirror/commands';
import { EditorState, type Extension } from '@codemirror/state';
import { Decoration, EditorView, keymap, MatchDecorator, ViewPlugin, type DecorationSet, type ViewUpdate } from '@codemirror/view';

const variableMark = Decoration.mark({ class: 'cm-variable', attributes: { title: 'A variable, filled in from the environment' } });
const matcher = new MatchDecorator({ regexp: /\{\{[^{}]*\}\}/g, decoration: () => variableMark });

/** Marks every `{{variable}}` (class cm-variable; styled here because the editor lives in a shadow root). */
export const variableHighlight: Extension = [
  ViewPlugin.fromClass(
    class {
      decorations: DecorationSet;
      constructor(view: EditorView) {
        this.decorations = matcher.createDeco(view);
      }
      update(update: ViewUpdate) {
        this.decorations = matcher.updateDeco(update, this.decorations);
      }
    },
    { decorations: (plugin) => plugin.decorations },
  ),
  EditorView.baseTheme({ '.cm-variable': { color: 'var(--accent)', backgroundColor: 'color-mix(in srgb, var(--accent) 15%, transparent)', borderRadius: '3px' } }),
];

/** Completes variable names after `{{`. */
export function variableCompletion(names: readonly string[]) {
  return (context: CompletionContext): CompletionResult | null => {
    const before = context.matchBefore(/\{\{[^{}]*/);
    if (!before) return null;
    return { from: before.from + 2, options: names.map((name) => ({ label: name, type: 'variable', apply: `${name}}}` })), validFor: /^[^{}]*$/ };
  };
}

/** A single-line editor: newlines are refused (pasted ones become spaces). */
export function singleLineSetup(names: readonly string[]): Extension {
  return [
    history(),
    EditorState.transactionFilter.of((tr) => (tr.docChanged && tr.newDoc.lines > 1 ? [] : tr)),
    autocompletion({ override: [variableCompletion(names)] }),
    keymap.of([...defaultKeymap.filter((binding) => binding.key !== 'Enter'), ...historyKeymap]),
    variableHighlight,
    EditorView.contentAttributes.of({ 'aria-multiline': 'false', role: 'textbox' }),
  ];
}
