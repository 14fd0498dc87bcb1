/**
 * Bruno `assert` entries (`res.status: eq 200`) → Postman tests. Only plain response reads
 * (`res.status`, `res.body…`, `res.headers…`, `res.responseTime`) and the common operators have
 * a faithful translation; anything else is reported and left out.
 */
import type { BruPair } from '@usebruno/lang';

const OPERATORS: Record<string, (actual: string, value: string) => string> = {
  eq: (a, v) => `pm.expect(${a}).to.eql(${v});`,
  neq: (a, v) => `pm.expect(${a}).to.not.eql(${v});`,
  gt: (a, v) => `pm.expect(${a}).to.be.above(${v});`,
  gte: (a, v) => `pm.expect(${a}).to.be.at.least(${v});`,
  lt: (a, v) => `pm.expect(${a}).to.be.below(${v});`,
  lte: (a, v) => `pm.expect(${a}).to.be.at.most(${v});`,
  contains: (a, v) => `pm.expect(${a}).to.include(${v});`,
  notContains: (a, v) => `pm.expect(${a}).to.not.include(${v});`,
  startsWith: (a, v) => `pm.expect(String(${a}).startsWith(${v})).to.be.true;`,
  endsWith: (a, v) => `pm.expect(String(${a}).endsWith(${v})).to.be.true;`,
  matches: (a, v) => `pm.expect(String(${a})).to.match(new RegExp(${v}));`,
  notMatches: (a, v) => `pm.expect(String(${a})).to.not.match(new RegExp(${v}));`,
  length: (a, v) => `pm.expect(${a}).to.have.lengthOf(${v});`,
  isDefined: (a) => `pm.expect(${a}).to.not.be.undefined;`,
  isUndefined: (a) => `pm.expect(${a}).to.be.undefined;`,
  isNull: (a) => `pm.expect(${a}).to.be.null;`,
  isTruthy: (a) => `pm.expect(${a}).to.be.ok;`,
  isFalsy: (a) => `pm.expect(${a}).to.not.be.ok;`,
  isEmpty: (a) => `pm.expect(${a}).to.be.empty;`,
  isNotEmpty: (a) => `pm.expect(${a}).to.not.be.empty;`,
  isString: (a) => `pm.expect(${a}).to.be.a('string');`,
  isNumber: (a) => `pm.expect(${a}).to.be.a('number');`,
  isBoolean: (a) => `pm.expect(${a}).to.be.a('boolean');`,
  isArray: (a) => `pm.expect(${a}).to.be.an('array');`,
  isJson: (a) => `pm.expect(${a}).to.be.an('object');`,
};

/** Bruno operators without a translation here; any other first word means "eq" the whole value. */
const UNTRANSLATED_OPERATORS = new Set(['in', 'notIn', 'between', 'isFunction']);

const PROPERTY = /^(?:\.[A-Za-z_$][\w$]*|\[\d+\]|\[(?:'[^']*'|"[^"]*")\])*$/;

/** `res.body.items[0].id` → `pm.response.json().items[0].id`, or undefined when not a plain read. */
function actualOf(expression: string): string | undefined {
  const text = expression.trim();
  if (text === 'res.status') return 'pm.response.code';
  if (text === 'res.responseTime') return 'pm.response.responseTime';
  if (text.startsWith('res.body')) {
    const rest = text.slice('res.body'.length);
    return PROPERTY.test(rest) ? `pm.response.json()${rest}` : undefined;
  }
  const header = /^res\.headers(?:\.([\w-]+)|\[\s*(?:'([^']*)'|"([^"]*)")\s*\])$/.exec(text);
  if (header) return `pm.response.headers.get(${JSON.stringify(header[1] ?? header[2] ?? header[3])})`;
  return undefined;
}

/** `200` → `200`, `"ok"` → `"ok"`, `true` → `true`, `ok` → `"ok"`. */
function literal(value: string): string {
  const text = value.trim();
  if (/^-?\d+(\.\d+)?$/.test(text) || text === 'true' || text === 'false' || text === 'null') return text;
  if (/^(['"]).*\1$/.test(text)) return JSON.stringify(text.slice(1, -1));
  return JSON.stringify(text);
}

export interface AssertionScript {
  lines: string[];
  /** Assertions that could not be translated, as written. */
  untranslated: string[];
}

export function assertionsToTests(assertions: BruPair[]): AssertionScript {
  const lines: string[] = [];
  const untranslated: string[] = [];
  for (const pair of assertions) {
    if (!pair.enabled) continue;
    const written = `${pair.name}: ${String(pair.value)}`;
    const value = String(pair.value).trim();
    const space = value.indexOf(' ');
    const word = space === -1 ? value : value.slice(0, space);
    const explicit = word in OPERATORS || UNTRANSLATED_OPERATORS.has(word);
    const operator = explicit ? word : 'eq';
    const operand = !explicit ? value : space === -1 ? '' : value.slice(space + 1);
    const actual = actualOf(pair.name);
    const build = OPERATORS[operator];
    if (!actual || !build) {
      untranslated.push(written);
      continue;
    }
    lines.push(`pm.test(${JSON.stringify(written)}, function () {`, `  ${build(actual, literal(operand))}`, '});');
  }
  return { lines, untranslated };
}
