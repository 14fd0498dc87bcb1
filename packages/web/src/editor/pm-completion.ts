import type { Completion, CompletionContext, CompletionResult } from '@codemirror/autocomplete';

const scopes = ['environment', 'variables', 'globals', 'collectionVariables'];
const scopeMembers = ['get', 'set', 'unset', 'has', 'clear', 'toObject', 'replaceIn'];

/** Dotted paths of the pm API a script may use, with a short note each. */
const PM_PATHS: Record<string, string> = {
  pm: 'The Postman scripting API',
  ...Object.fromEntries(scopes.map((s) => [`pm.${s}`, `${s} variables`])),
  ...Object.fromEntries(scopes.flatMap((s) => scopeMembers.map((m) => [`pm.${s}.${m}`, `${m} a ${s} variable`]))),
  'pm.request': 'The request being sent',
  'pm.request.url': 'The request URL',
  'pm.request.method': 'The HTTP method',
  'pm.request.headers': 'The request headers',
  'pm.request.headers.add': 'Add a header',
  'pm.request.headers.upsert': 'Add or replace a header',
  'pm.request.headers.remove': 'Remove a header',
  'pm.request.body': 'The request body',
  'pm.response': 'The response (test scripts)',
  'pm.response.code': 'The status code',
  'pm.response.status': 'The status text',
  'pm.response.headers': 'The response headers',
  'pm.response.responseTime': 'Milliseconds to the response',
  'pm.response.json': 'The body parsed as JSON',
  'pm.response.text': 'The body as text',
  'pm.response.to': 'Assertions on the response',
  'pm.response.to.have': 'Assertions on the response',
  'pm.response.to.have.status': 'Assert the status code',
  'pm.response.to.have.header': 'Assert a header',
  'pm.response.to.have.body': 'Assert the body',
  'pm.response.to.have.jsonBody': 'Assert a JSON body',
  'pm.response.to.be': 'Assertions on the response',
  'pm.response.to.be.ok': 'Assert a 2xx status',
  'pm.test': 'Declare a named test',
  'pm.expect': 'Chai-style assertion',
  'pm.sendRequest': 'Send another request from a script',
  'pm.visualizer': 'Visualize the response',
  'pm.visualizer.set': 'Set the visualizer template and data',
  'pm.cookies': 'Cookies of the response',
  'pm.cookies.get': 'A cookie value',
  'pm.cookies.has': 'Whether a cookie exists',
  'pm.cookies.toObject': 'All cookies as an object',
  'pm.info': 'The running script and request',
  'pm.info.requestName': 'The request name',
  'pm.info.eventName': 'prerequest or test',
  'pm.iterationData': 'Data file row (runner)',
};

const FUNCTIONS = /\.(get|set|unset|has|clear|toObject|replaceIn|add|upsert|remove|json|text|status|header|body|jsonBody|test|expect|sendRequest)$/;

/** The members of the pm path before the cursor (`pm.env` → environment…). */
export function pmCompletions(prefix: string): Completion[] {
  const dot = prefix.lastIndexOf('.');
  const parent = dot >= 0 ? prefix.slice(0, dot) : '';
  return Object.entries(PM_PATHS)
    .filter(([path]) => (parent === '' ? path === 'pm' : path.startsWith(`${parent}.`) && !path.slice(parent.length + 1).includes('.')))
    .map(([path, detail]) => ({ label: path.slice(parent ? parent.length + 1 : 0), detail, type: FUNCTIONS.test(path) ? 'function' : 'property' }));
}

export function pmCompletionSource(context: CompletionContext): CompletionResult | null {
  const word = context.matchBefore(/\bpm(\.[A-Za-z]*)*/);
  if (!word) return null;
  const dot = word.text.lastIndexOf('.');
  return { from: dot >= 0 ? word.from + dot + 1 : word.from, options: pmCompletions(word.text), validFor: /^[A-Za-z]*$/ };
}
