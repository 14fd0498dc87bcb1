/**
 * Text → JSON value for OpenAPI documents (JSON or YAML), with the line of a syntax error, and
 * the line a JSON path sits on (errors about a value name where it is in the file).
 */
import jsYaml from 'js-yaml';
import { LineCounter, isMap, isNode, isScalar, isSeq, parseDocument } from 'yaml';
import { CollectionError } from '../../errors.ts';
import { findJsonSyntaxError, lineAndColumn } from '../../json-text.ts';
import type { Json } from './json.ts';

/** Parses one file's text. `file` names it in messages; `source` is the import's input name. */
export function parseDocumentText(text: string, file: string, source: string): Json {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === '') {
    throw new CollectionError('INVALID_IMPORT', `${file} is empty; pass an OpenAPI or Swagger document.`, { source });
  }
  if (/^\s*[{[]/.test(body)) {
    try {
      return JSON.parse(body) as Json;
    } catch {
      const found = findJsonSyntaxError(body) ?? { offset: 0, problem: 'not valid JSON' };
      const { line, column } = lineAndColumn(body, found.offset);
      throw new CollectionError(
        'INVALID_IMPORT',
        `${file} is not valid JSON: ${found.problem} at line ${line}, column ${column}; fix the file and import it again.`,
        { source, line, column },
      );
    }
  }
  // js-yaml reads large documents about ten times faster than \`yaml\` (1.2 MB: ~0.1 s vs ~1.3 s);
  // the core schema keeps dates as text, and json:true lets a later duplicate key win as in JSON.
  // \`yaml\` is used only to describe a syntax error, for its line and column.
  try {
    return jsYaml.load(body, { schema: jsYaml.CORE_SCHEMA, json: true }) as Json;
  } catch {
    // Reported below with yaml's position.
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(body, { lineCounter, uniqueKeys: false });
  const error = doc.errors[0];
  if (error) {
    const pos = error.linePos?.[0];
    const where = pos ? ` at line ${pos.line}, column ${pos.col}` : '';
    const what = error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    throw new CollectionError(
      'INVALID_IMPORT',
      `${file} is not valid YAML${where}: ${what}; fix the file and import it again.`,
      { source, ...(pos ? { line: pos.line, column: pos.col } : {}) },
    );
  }
  return doc.toJS({ maxAliasCount: -1 }) as Json;
}

/**
 * The 1-based line of the value at `keys` (or of its nearest existing parent). Parses the text
 * again, which is fine: it only runs when an error is being reported.
 */
export function lineOf(text: string, keys: readonly (string | number)[]): number | undefined {
  try {
    const lineCounter = new LineCounter();
    const doc = parseDocument(text, { lineCounter, uniqueKeys: false });
    let node: unknown = doc.contents;
    let found = isNode(node) ? node : undefined;
    for (const key of keys) {
      // Keys compare as text: `200:` in YAML is a number, "200" in JSON a string.
      if (isMap(node)) node = node.items.find((pair) => String(isScalar(pair.key) ? pair.key.value : pair.key) === String(key))?.value;
      else if (isSeq(node)) node = node.items[Number(key)];
      else break;
      if (!isNode(node)) break;
      found = node;
    }
    if (found?.range) return lineCounter.linePos(found.range[0]).line;
  } catch {
    // No line is better than a crash while reporting another error.
  }
  return undefined;
}
