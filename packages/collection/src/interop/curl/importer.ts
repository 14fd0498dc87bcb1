/**
 * A file of cURL commands (one per line, or joined with `;` / `&&`) as a collection: one request
 * per command, in order. Each command is translated by command.ts, the same code the URL field's
 * paste uses.
 */
import { CollectionError } from '../../errors.ts';
import { SCHEMA_V2_1 } from '../../parse.ts';
import type { Item } from '../../types.ts';
import { invalidImport } from '../shared/import-helpers.ts';
import type { ImportInput, ImportResult, Importer, Skipped } from '../types.ts';
import { curlWordsToItem } from './command.ts';
import { ShellSyntaxError, splitShellCommands, type ShellCommand } from './shell-words.ts';

/** `curl …` first, after blank lines, `# comment` lines and a `$ ` prompt. */
const CURL_START = /^(?:\s*#[^\n]*\n)*\s*(?:\$[ \t]+)?curl(?:\.exe)?\s/;

export const curlImporter: Importer = {
  format: 'curl',
  label: 'cURL commands',
  detect: (input) => CURL_START.test(input.text),
  import: async (input) => importCurlCommands(input),
};

export function importCurlCommands(input: ImportInput): ImportResult {
  const commands = commandsOf(input);
  if (commands.length === 0) {
    throw invalidImport(input, 'there is no cURL command in it; paste one starting with "curl".');
  }
  const items: Item[] = [];
  const skipped: Skipped[] = [];
  for (const command of commands) {
    const at = `line ${command.line}`;
    let words = command.words;
    if (words[0] === '$') words = words.slice(1); // a shell prompt copied along with the command
    try {
      const { item, skipped: notes } = curlWordsToItem(words);
      items.push(item);
      for (const what of notes) skipped.push({ at, what });
      if (command.rest !== undefined) skipped.push({ at, what: `"${command.rest}" (a second program the output is piped to)` });
    } catch (error) {
      if (!(error instanceof CollectionError)) throw error;
      throw invalidImport(input, `the command at line ${command.line}, column ${command.column}: ${error.message}`, { line: command.line, column: command.column });
    }
  }
  return {
    format: 'curl',
    collections: [{ info: { name: collectionName(input.name), schema: SCHEMA_V2_1 }, item: items }],
    environments: [],
    skipped,
  };
}

function commandsOf(input: ImportInput): ShellCommand[] {
  try {
    return splitShellCommands(input.text);
  } catch (error) {
    if (!(error instanceof ShellSyntaxError)) throw error;
    throw invalidImport(input, `cannot be read as cURL commands: ${error.message}; check the quoting there.`, { line: error.line, column: error.column });
  }
}

/** `stripe-examples.sh` → `stripe-examples`. */
function collectionName(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  return base.replace(/\.(?:sh|bash|txt|curl|cmd|bat|ps1)$/i, '') || 'cURL import';
}
