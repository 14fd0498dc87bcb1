/** RFC 6902 JSON Patch between stored documents (history and pull-request diffs), via rfc6902. */
import { applyPatch, createPatch } from 'rfc6902';
import type { Operation } from 'rfc6902';

export type PatchOperation = Operation;

/** The operations turning `before` into `after`, their paths prefixed with `at` (a JSON Pointer). */
export function diffDocuments(before: unknown, after: unknown, at = ''): PatchOperation[] {
  const ops = createPatch(before, after);
  if (at === '') return ops;
  return ops.map((op) => {
    const prefixed = { ...op, path: at + op.path };
    return 'from' in op ? { ...prefixed, from: at + op.from } : prefixed;
  }) as PatchOperation[];
}

/** Replays history: `patches` applied in order to a copy of `start` (null before the first). */
export function replay(start: unknown, patches: readonly (readonly PatchOperation[])[]): unknown {
  let doc: unknown = structuredClone(start);
  for (const patch of patches) {
    for (const op of patch) {
      // rfc6902 cannot replace the root in place; the first revision of a document is one such op.
      if (op.path === '' && (op.op === 'replace' || op.op === 'add')) {
        doc = structuredClone(op.value);
        continue;
      }
      const [error] = applyPatch(doc as object, [op]);
      if (error) throw new Error(`history does not replay at ${op.op} ${op.path}: ${error.message}`);
    }
  }
  return doc;
}

export interface RecordedPatch {
  revision: number;
  patch: readonly PatchOperation[];
}

const isWholeDocument = (op: PatchOperation | undefined) => op !== undefined && op.path === '' && (op.op === 'replace' || op.op === 'add');

/**
 * A stored document as it was at `revision`, rebuilt from its recorded changes (oldest first, up to
 * that revision). Undefined when the history cannot rebuild it: the revision was never recorded, or
 * the history does not start with a whole document (content saved before its history was kept).
 */
export function documentFromHistory(changes: readonly RecordedPatch[], revision: number): unknown {
  if (changes.at(-1)?.revision !== revision || !isWholeDocument(changes[0]?.patch[0])) return undefined;
  return replay(null, changes.map((c) => c.patch));
}
