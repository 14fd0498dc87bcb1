import type { PatchOperation } from '../api/types.ts';

const VERBS: Record<string, string> = { add: 'added', remove: 'removed', replace: 'changed', move: 'moved', copy: 'copied', test: 'checked' };

/** A JSON Pointer as people read it: `/item/0/name` → `item[0].name`, `""` → the whole document. */
export function readablePointer(pointer: string): string {
  if (pointer === '') return 'the whole document';
  return pointer
    .slice(1)
    .split('/')
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((text, segment) => (/^\d+$/.test(segment) ? `${text}[${segment}]` : text ? `${text}.${segment}` : segment), '');
}

/** A short line for one operation, e.g. `changed item[0].name to "Users"`. */
export function describeOperation(op: PatchOperation): string {
  const verb = VERBS[op.op] ?? op.op;
  const where = readablePointer(op.path);
  if (op.op === 'move' || op.op === 'copy') return `${verb} ${readablePointer(op.from ?? '')} to ${where}`;
  if (op.op === 'remove' || op.path === '') return `${verb} ${where}`;
  return `${verb} ${where} to ${previewValue(op.value)}`;
}

function previewValue(value: unknown): string {
  const text = typeof value === 'string' ? JSON.stringify(value) : JSON.stringify(value) ?? 'nothing';
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}
