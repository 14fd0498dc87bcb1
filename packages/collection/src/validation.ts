/**
 * Turns zod issues into one precise, human sentence: the JSON path of the
 * offending value, what was expected there, and what was found. For unions
 * (string-or-object URLs, item-or-folder nodes) the branch that got deepest
 * into the value explains the problem best.
 */
import type { z } from 'zod';

export type JsonPath = ReadonlyArray<PropertyKey>;

export interface ValidationProblem {
  path: JsonPath;
  expected: string;
  found: unknown;
}

type Issue = z.core.$ZodIssue;

export function describeProblem(issues: readonly Issue[], root: unknown): ValidationProblem {
  return explain(issues[0]!, [], root);
}

function explain(issue: Issue, base: JsonPath, root: unknown): ValidationProblem {
  const path = [...base, ...issue.path];
  if (issue.code === 'invalid_union' && issue.errors.length > 0) {
    const candidates = issue.errors
      .filter((branch) => branch.length > 0)
      .map((branch) => explain(branch[0]!, path, root));
    if (candidates.length === 0) return { path, expected: 'a valid value', found: valueAt(root, path) };
    const best = candidates.reduce((a, b) => (score(b) > score(a) ? b : a));
    if (best.path.length === path.length) {
      const expected = unique(candidates.filter((c) => c.path.length === path.length).map((c) => c.expected));
      return { path, expected: expected.join(' or '), found: valueAt(root, path) };
    }
    return best;
  }
  if (issue.code === 'invalid_type') {
    return { path, expected: describeType(issue.expected), found: valueAt(root, path) };
  }
  return { path, expected: issue.message, found: valueAt(root, path) };
}

function score(problem: ValidationProblem): number {
  // Deeper wins; at equal depth, a value that is present beats a missing one.
  return problem.path.length * 2 + (problem.found === undefined ? 0 : 1);
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

function describeType(expected: string): string {
  switch (expected) {
    case 'string':
      return 'a string';
    case 'number':
      return 'a number';
    case 'boolean':
      return 'true or false';
    case 'object':
    case 'record':
      return 'an object';
    case 'array':
      return 'a list';
    case 'null':
      return 'null';
    case 'undefined':
      return 'absent';
    default:
      return expected;
  }
}

export function describeValue(value: unknown): string {
  if (value === undefined) return 'missing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  switch (typeof value) {
    case 'string':
      return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 37)}...` : value)}`;
    case 'number':
      return `the number ${value}`;
    case 'boolean':
      return String(value);
    case 'object':
      return 'an object';
    default:
      return typeof value;
  }
}

export function valueAt(root: unknown, path: JsonPath): unknown {
  let current = root;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

/** `['item', 2, 'request', 'url']` → `item[2].request.url`. */
export function formatPath(path: JsonPath): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (typeof key === 'string' && /^[A-Za-z_$][\w$]*$/.test(key)) out += out === '' ? key : `.${key}`;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out === '' ? '(top level)' : out;
}
