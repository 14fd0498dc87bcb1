/**
 * Values that look like secrets but are not: template variables, masks, obvious fakes and keys
 * that vendors publish in their documentation. Applied to every finding, whichever rule made it.
 */

/** Keys vendors print in their docs; scanning them only produces noise. */
const DOCUMENTED_EXAMPLES = new Set([
  'AKIAIOSFODNN7EXAMPLE',
  'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  // jwt.io's sample token.
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c',
  // Stripe's documentation test keys.
  'sk_test_4eC39HqLyjWDarjtT1zdp7dc',
  'sk_test_BQokikJOvBiI2HlWgH4olfQ2',
  'sk_test_26PHem9AhJZvU623DfE1x4sd',
  // GitHub's documentation token.
  'ghp_16C7e42F292c6912E7710c838347Ae178B4a',
]);

// Template syntax: Postman {{var}}, shell/JS ${var}, <YOUR_KEY>, %s, :param, $VAR.
const TEMPLATE = /\{\{[^}]*\}\}|\$\{[^}]*\}|<[^<>\s]{1,60}>|%[sd]\b|^\$[A-Za-z_][A-Za-z0-9_]*$|^:[A-Za-z_]\w*$|process\.env|pm\.(?:environment|variables|globals|collectionVariables)/;
// Masks and filler: xxxx, ****, ••••, ####, ....; a long run of one character.
const MASK = /[xX*•#.]{4,}|[\u2022\u25CF]{2,}|(.)\1{5,}/;
// Words that mark a fake. Matched as whole words or glued to other words (yourkey, mytoken).
const FAKE_WORDS =
  /(?:^|[^a-z])(?:example|examples|sample|dummy|placeholder|fake|fakes|changeme|change[_-]?me|redacted|replace[_-]?me|insert|lorem|ipsum|foobar|notreal|not[_-]?a[_-]?real|your|yours|my[_-]?(?:api|secret|token|key|password)|todo|tbd|none|null|undefined|secret[_-]?here|token[_-]?here|key[_-]?here)(?:[^a-z]|$)|example|dummy|placeholder|yourapi|your_|your-|replaceme|changeme/i;
// Values that are a fake on their own.
const FAKE_WHOLE =
  /^(?:test|testing|tests?[_-]?(?:key|token|secret|password|api[_-]?key)|demo|password\d*|passw0rd|pass|secret|secrets?\d*|token|apikey|api[_-]?key|key|admin|root|guest|user|username|changeit|letmein|qwerty\d*|abc\d*|1234\d*|hunter2|xyz|foo|bar|baz|default|required|optional|string|bearer|basic|true|false)$/i;
// Counting sequences never occur in random tokens.
const SEQUENCE = /(?:0123456|1234567|2345678|3456789|abcdefg|bcdefgh|ABCDEFG|qwertyu)/;

/** Vendor prefixes that say "test mode" but still name a real key: strip them before the word check. */
const TEST_MODE_PREFIX = /^[a-z]{2,8}_(?:test|live)_/i;

/** A vendor's published example, compared whole (with its prefix). */
export const isDocumentedExample = (value: string) => DOCUMENTED_EXAMPLES.has(value.trim());

export function isPlaceholder(value: string): boolean {
  const v = value.trim();
  if (v.length === 0) return true;
  if (DOCUMENTED_EXAMPLES.has(v)) return true;
  if (TEMPLATE.test(v)) return true;
  const body = v.replace(TEST_MODE_PREFIX, '');
  if (MASK.test(body) || SEQUENCE.test(body)) return true;
  if (FAKE_WHOLE.test(body) || FAKE_WORDS.test(body)) return true;
  // Very few distinct characters: aaaa1111, 00000000.
  if (body.length >= 8 && new Set(body).size < 5) return true;
  return false;
}

/** Shannon entropy in bits per character. */
export function entropy(value: string): number {
  const counts = new Map<string, number>();
  for (const ch of value) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) {
    const p = n / value.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

/** How many of lower case, upper case, digits and symbols occur. */
export function charClasses(value: string): number {
  return [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(value)).length;
}
