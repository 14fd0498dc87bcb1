/**
 * A small XML indenter for the Pretty view. It only splits the text into tags, text, comments,
 * CDATA, processing instructions and the doctype, then indents by nesting; tags are kept exactly as
 * written. It never evaluates anything (no entities, no DTD), and gives up (null) on text that is
 * not well nested, so the caller shows the body as it came.
 */

type Token =
  | { kind: 'open'; name: string; text: string }
  | { kind: 'close'; name: string; text: string }
  | { kind: 'empty'; text: string }
  | { kind: 'text'; text: string }
  /** Comments, CDATA, processing instructions, doctype: printed on their own line as they are. */
  | { kind: 'other'; text: string };

const NAME = /^[^\s/>"'=<]+/;

/** The index just past the `>` ending a tag that starts at `from`, skipping quoted values; -1 if none. */
function tagEnd(source: string, from: number): number {
  let quote: string | null = null;
  for (let i = from; i < source.length; i++) {
    const c = source[i];
    if (quote) {
      if (c === quote) quote = null;
    } else if (c === '"' || c === "'") {
      quote = c;
    } else if (c === '>') {
      return i + 1;
    } else if (c === '<') {
      return -1;
    }
  }
  return -1;
}

/** The end of `<!DOCTYPE …>`, which may hold an internal subset in brackets. */
function doctypeEnd(source: string, from: number): number {
  let depth = 0;
  let quote: string | null = null;
  for (let i = from; i < source.length; i++) {
    const c = source[i];
    if (quote) {
      if (c === quote) quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '[') depth++;
    else if (c === ']') depth--;
    else if (c === '>' && depth <= 0) return i + 1;
  }
  return -1;
}

function tokenize(source: string): Token[] | null {
  const tokens: Token[] = [];
  let i = 0;
  const until = (marker: string, start: number, kind: 'other') => {
    const end = source.indexOf(marker, start);
    if (end < 0) return false;
    tokens.push({ kind, text: source.slice(i, end + marker.length) });
    i = end + marker.length;
    return true;
  };
  while (i < source.length) {
    if (source[i] !== '<') {
      const next = source.indexOf('<', i);
      const end = next < 0 ? source.length : next;
      tokens.push({ kind: 'text', text: source.slice(i, end) });
      i = end;
      continue;
    }
    if (source.startsWith('<!--', i)) {
      if (!until('-->', i + 4, 'other')) return null;
    } else if (source.startsWith('<![CDATA[', i)) {
      if (!until(']]>', i + 9, 'other')) return null;
    } else if (source.startsWith('<?', i)) {
      if (!until('?>', i + 2, 'other')) return null;
    } else if (source.startsWith('<!', i)) {
      const end = doctypeEnd(source, i + 2);
      if (end < 0) return null;
      tokens.push({ kind: 'other', text: source.slice(i, end) });
      i = end;
    } else if (source.startsWith('</', i)) {
      const end = source.indexOf('>', i);
      if (end < 0) return null;
      const name = source.slice(i + 2, end).trim();
      if (!NAME.test(name) || name.match(NAME)![0] !== name) return null;
      tokens.push({ kind: 'close', name, text: `</${name}>` });
      i = end + 1;
    } else {
      const end = tagEnd(source, i + 1);
      if (end < 0) return null;
      const text = source.slice(i, end);
      const name = NAME.exec(text.slice(1))?.[0];
      if (!name) return null;
      tokens.push(text.endsWith('/>') ? { kind: 'empty', text } : { kind: 'open', name, text });
      i = end;
    }
  }
  return tokens;
}

/** The XML indented by `indent` per level, or null when it is not well-nested XML. */
export function prettyXml(source: string, indent = '  '): string | null {
  const tokens = tokenize(source);
  if (!tokens) return null;
  const lines: string[] = [];
  const open: string[] = [];
  let elements = 0;
  const pad = () => indent.repeat(open.length);
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    switch (token.kind) {
      case 'text': {
        const text = token.text.trim();
        if (text) lines.push(pad() + text);
        break;
      }
      case 'other':
      case 'empty':
        if (token.kind === 'empty') elements++;
        lines.push(pad() + token.text.trim());
        break;
      case 'open': {
        elements++;
        // A leaf (<a>text</a> or <a></a>) stays on one line.
        const next = tokens[i + 1];
        const after = tokens[i + 2];
        if (next?.kind === 'close' && next.name === token.name) {
          lines.push(pad() + token.text + next.text);
          i += 1;
        } else if (next?.kind === 'text' && after?.kind === 'close' && after.name === token.name) {
          lines.push(pad() + token.text + next.text.trim() + after.text);
          i += 2;
        } else {
          lines.push(pad() + token.text);
          open.push(token.name);
        }
        break;
      }
      case 'close':
        if (open.pop() !== token.name) return null;
        lines.push(pad() + token.text);
        break;
    }
  }
  if (open.length > 0 || elements === 0) return null;
  return lines.join('\n');
}
