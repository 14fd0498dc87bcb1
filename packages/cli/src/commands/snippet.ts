/**
 * `postern snippet`: one request of a collection as a runnable program in another language.
 * The code goes to standard output (ready to redirect into a file); notes go to standard error.
 */
import {
  SNIPPET_LANGUAGES,
  effectiveAuth,
  eventsFor,
  findSnippetLanguage,
  flattenItems,
  generateSnippet,
  parseCollection,
  parseVariableList,
  pathNames,
  protocolProfileBehaviorFor,
  type Collection,
  type FlatItem,
  type VariableList,
} from '@postern/collection';
import { CliError } from '../errors.ts';
import { loadBytes } from '../load.ts';

export interface SnippetFlags {
  lang?: string;
  environment?: string;
  globals?: string;
}

export interface SnippetDeps {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  cwd: string;
}

export async function snippetCommand(location: string, requestPath: string, flags: SnippetFlags, deps: SnippetDeps): Promise<number> {
  const language = flags.lang ? findSnippetLanguage(flags.lang) : undefined;
  if (!language) {
    const list = SNIPPET_LANGUAGES.map((l) => `${l.id} (${l.label})`).join(', ');
    const what = flags.lang ? `unknown language "${flags.lang}"` : 'missing --lang';
    throw new CliError('INVALID_OPTION', `${what}; choose one of: ${list}`);
  }
  const collection = parseCollection(await loadBytes(location, 'collection', deps.cwd), { source: location });
  const lists: VariableList[] = [];
  if (flags.environment) lists.push(await loadList(flags.environment, 'environment', deps.cwd));
  if (collection.variable?.length) lists.push({ values: collection.variable });
  if (flags.globals) lists.push(await loadList(flags.globals, 'globals', deps.cwd));

  const target = findRequest(collection, requestPath);
  const auth = effectiveAuth(collection, target.path, target.item);
  const snippet = generateSnippet(target.item.request, language.id, {
    variables: lists,
    behavior: protocolProfileBehaviorFor(collection, target.path, target.item),
    ...(auth ? { auth } : {}),
  });
  const notes = [...snippet.notes];
  if (eventsFor(collection, target.path, target.item, 'prerequest').length > 0) {
    notes.push('Pre-request scripts are not part of the snippet; values they would set are not applied.');
  }
  deps.stdout.write(snippet.code);
  for (const note of notes) deps.stderr.write(`note: ${note}\n`);
  return 0;
}

async function loadList(location: string, kind: 'environment' | 'globals', cwd: string): Promise<VariableList> {
  return parseVariableList(await loadBytes(location, kind, cwd), { source: location, kind });
}

function fullName(entry: FlatItem): string {
  return [...pathNames(entry.path), entry.item.name ?? ''].join('/');
}

/** By item id, by folder/…/name, or by name alone when only one request has it. */
export function findRequest(collection: Collection, requestPath: string): FlatItem {
  const all = flattenItems(collection);
  const byId = all.find((e) => e.item.id === requestPath || e.id === requestPath);
  if (byId) return byId;
  const wanted = requestPath.replace(/^\/+|\/+$/g, '');
  const byPath = all.filter((e) => fullName(e) === wanted);
  if (byPath.length === 1) return byPath[0]!;
  const byName = byPath.length === 0 ? all.filter((e) => e.item.name === wanted) : byPath;
  if (byName.length === 1) return byName[0]!;
  if (byName.length > 1) {
    throw new CliError('INVALID_INPUT', `"${requestPath}" names ${byName.length} requests; give its id instead: ${byName.map((e) => `${fullName(e)} (id ${e.id})`).join(', ')}`);
  }
  const near = nearest(wanted, all.map(fullName));
  const hint = near.length ? `; did you mean ${near.map((n) => `"${n}"`).join(', ')}?` : all.length ? '' : '; the collection has no requests';
  throw new CliError('INVALID_INPUT', `no request "${requestPath}" in collection "${collection.info.name}" (give folder/…/request name or the item id)${hint}`);
}

/** Up to three names closest to `wanted`: containing it, or within a few edits of it or of its last segment. */
function nearest(wanted: string, names: string[]): string[] {
  const lower = wanted.toLowerCase();
  const scored = names.map((name) => {
    const n = name.toLowerCase();
    const last = n.split('/').pop() ?? n;
    const score = n.includes(lower) || (lower !== '' && lower.includes(last)) ? 0 : Math.min(editDistance(lower, n), editDistance(lower.split('/').pop() ?? lower, last));
    return { name, score };
  });
  const limit = Math.max(2, Math.floor(wanted.length / 3));
  return scored
    .filter((s) => s.score <= limit)
    .sort((a, b) => a.score - b.score)
    .slice(0, 3)
    .map((s) => s.name);
}

/** Levenshtein distance; names are short, so the plain two-row table is enough. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}
