/**
 * History diffs (RFC 6902 operations) as short lines people read. One implementation serves the
 * collection history (`changed item[0].name to "Users"`) and the environment history
 * (`values/0/value: replaced with "b"`); a `OperationWording` holds what differs between them.
 */
import type { PatchOperation } from '../api/types.ts';

const VERBS: Record<string, string> = { add: 'added', remove: 'removed', replace: 'changed', move: 'moved', copy: 'copied', test: 'checked' };

/** A JSON Pointer's segments, unescaped (`~1` is `/`, `~0` is `~`); `''` (the whole document) has none. */
export function pointerSegments(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** A JSON Pointer as people read it: `/item/0/name` → `item[0].name`, `""` → the whole document. */
export function readablePointer(pointer: string): string {
  if (pointer === '') return 'the whole document';
  return pointerSegments(pointer).reduce((text, segment) => (/^\d+$/.test(segment) ? `${text}[${segment}]` : text ? `${text}.${segment}` : segment), '');
}

/** Text cut to `max` characters, an ellipsis marking the cut. */
export function shortened(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 3)}…` : text;
}

/** How one history list words its operations. */
export interface OperationWording {
  /** Where an operation applies, from its JSON Pointer (`''` is the whole document). */
  where: (pointer: string) => string;
  /** The new value, as shown after "to" / "with". */
  value: (value: unknown) => string;
  /** Verbs that differ from the defaults (`replace` → "changed", …). */
  verbs?: Partial<Record<string, string>>;
  /** `verb-first`: "changed a.b to 1", "moved a to b"; `path-first`: "a/b: replaced with 1", "b: moved from a". */
  order: 'verb-first' | 'path-first';
}

/** The collection history's wording: dotted paths, JSON values cut at 80 characters. */
export const documentWording: OperationWording = {
  where: readablePointer,
  value: (value) => shortened(JSON.stringify(value) ?? 'nothing', 80),
  order: 'verb-first',
};

/** A short line for one operation, e.g. `changed item[0].name to "Users"` (or as `wording` says). */
export function describeOperation(op: PatchOperation, wording: OperationWording = documentWording): string {
  const verb = wording.verbs?.[op.op] ?? VERBS[op.op] ?? op.op;
  const where = wording.where(op.path);
  const pathFirst = wording.order === 'path-first';
  if (op.op === 'move' || op.op === 'copy') {
    const from = wording.where(op.from ?? '');
    return pathFirst ? `${where}: ${verb} from ${from}` : `${verb} ${from} to ${where}`;
  }
  // Removals, and the first recorded change (the whole document), have no value worth showing.
  if (op.op === 'remove' || op.path === '' || !('value' in op)) return pathFirst ? `${where}: ${verb}` : `${verb} ${where}`;
  const value = wording.value(op.value);
  return pathFirst ? `${where}: ${verb} with ${value}` : `${verb} ${where} to ${value}`;
}
