import type { Ref } from 'react';
import type { PatchOperation } from '../api/types.ts';

/** A change's operations shown at most; the rest are counted. */
const SHOWN_OPERATIONS = 50;

/** "What changed (n operations)": a change's JSON Patch, each operation in words, folded. */
export function PatchDetails({ patch, describe }: { patch: PatchOperation[]; describe: (op: PatchOperation) => string }) {
  return (
    <details>
      <summary>
        What changed ({patch.length} {patch.length === 1 ? 'operation' : 'operations'})
      </summary>
      <ul className="patch-operations">
        {patch.slice(0, SHOWN_OPERATIONS).map((op, i) => (
          <li key={i}>
            <code>{describe(op)}</code>
          </li>
        ))}
        {patch.length > SHOWN_OPERATIONS && <li>and {patch.length - SHOWN_OPERATIONS} more</li>}
      </ul>
    </details>
  );
}

/** The in-place "are you sure?" of restoring a revision. */
export function RestoreConfirm({
  revision,
  message,
  onRestore,
  onCancel,
  confirmRef,
}: {
  revision: number;
  message: string;
  onRestore: () => void;
  onCancel: () => void;
  confirmRef?: Ref<HTMLButtonElement>;
}) {
  return (
    <div className="panel" role="group" aria-label={`Restore revision ${revision}`}>
      <p>{message}</p>
      <button type="button" ref={confirmRef} onClick={onRestore}>
        Restore revision {revision}
      </button>{' '}
      <button type="button" className="secondary" onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}
