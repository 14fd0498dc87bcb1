/**
 * Insomnia's Nunjucks templates → Postman variables. `{{ _.host }}`, `{{ _['api-key'] }}` and the
 * older `{{ host }}` become `{{host}}`; the uuid and now tags that have an exact Postman dynamic
 * variable become one; other `{% … %}` tags (response chaining, prompts, hashes, …) have no
 * Postman form, so they stay as written and are reported once per place.
 */
const VARIABLE = /\{\{\s*([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*|\[\s*(?:'[^']*'|"[^"]*"|\d+)\s*\])*)\s*\}\}/g;
const BRACKET = /\[\s*(?:'([^']*)'|"([^"]*)"|(\d+))\s*\]/g;
const TAG = /\{%\s*([\w-]+)[\s\S]*?%\}/g;
const DYNAMIC: Array<[RegExp, string]> = [
  [/\{%\s*uuid(?:\s+['"]v4['"])?\s*%\}/g, '{{$guid}}'],
  [/\{%\s*now\s+['"]unix['"]\s*%\}/g, '{{$timestamp}}'],
  [/\{%\s*now\s+['"]iso-8601['"]\s*%\}/g, '{{$isoTimestamp}}'],
];

export interface TemplateResult {
  text: string;
  /** Names of `{% tag %}`s left in the text. */
  tags: string[];
}

export function convertTemplate(text: string): TemplateResult {
  const tags: string[] = [];
  // `_.a['b-c'][0]` → `a.b-c.0`: Postman names are flat strings, dotted like the flattened environment.
  let out = text.replace(VARIABLE, (_, path: string) => {
    const dotted = path.replace(BRACKET, (_m, a?: string, b?: string, c?: string) => `.${a ?? b ?? c}`);
    return `{{${dotted.replace(/^_\./, '')}}}`;
  });
  for (const [pattern, variable] of DYNAMIC) out = out.replace(pattern, variable);
  for (const match of out.matchAll(TAG)) tags.push(match[1]!);
  return { text: out, tags };
}
