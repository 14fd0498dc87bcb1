import { useRef, useState } from 'react';
import type { ReactNode } from 'react';
import type { Variable, VariableRow, VariableType } from './variables.ts';

const HIDDEN_FOR_VIEWERS = 'hidden (you need the editor role)';

/** A secret shown masked until "Reveal" is pressed (state per value, never saved). */
function SecretValue({ value, label }: { value: string; label: string }) {
  const [revealed, setRevealed] = useState(false);
  return (
    <span className="variable-secret">
      <span className={revealed ? 'variable-value-text' : 'variable-masked'}>{revealed ? value : '••••••••'}</span>{' '}
      <button type="button" className="secondary small" aria-pressed={revealed} onClick={() => setRevealed((r) => !r)}>
        {revealed ? 'Hide' : 'Reveal'}
        <span className="visually-hidden"> value of {label}</span>
      </button>
    </span>
  );
}

/** How a value reads in a read-only table: blanked secrets say why, others are masked or shown. */
function shownValue(variable: Variable, label: string): ReactNode {
  const value = typeof variable.value === 'string' ? variable.value : variable.value === undefined ? '' : JSON.stringify(variable.value);
  if (variable.type === 'secret') {
    if (variable._postern_redacted === true) return <span className="muted">{HIDDEN_FOR_VIEWERS}</span>;
    return <SecretValue value={value} label={label} />;
  }
  return value === '' ? <span className="muted">(empty)</span> : <span className="variable-value-text">{value}</span>;
}

/** Variables for reading only: a viewer's view, or an old revision. */
export function ReadOnlyVariableTable({ caption, values }: { caption: string; values: readonly Variable[] }) {
  if (values.length === 0) return <p className="empty">{caption}: no variables.</p>;
  return (
    <table className="variables-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Key</th>
          <th scope="col">Value</th>
          <th scope="col">Type</th>
          <th scope="col">Enabled</th>
        </tr>
      </thead>
      <tbody>
        {values.map((variable, index) => {
          const label = variable.key || `row ${index + 1}`;
          return (
            <tr key={index}>
              <th scope="row" className="variable-key">
                {variable.key}
              </th>
              <td>{shownValue(variable, label)}</td>
              <td>{variable.type === 'secret' ? 'secret' : 'default'}</td>
              <td>{variable.enabled === false ? 'No' : 'Yes'}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

interface EditableTableProps {
  caption: string;
  rows: readonly VariableRow[];
  onChange(rowId: string, change: Partial<Pick<VariableRow, 'key' | 'value' | 'type' | 'enabled'>>): void;
  onAdd(): string;
  onRemove(rowId: string): void;
}

/**
 * The editor's table: one row per variable with its enabled box, key, value (secrets as a password
 * field with Reveal/Hide), type and a Remove button. Adding focuses the new key; removing focuses the
 * next row's key (or the previous, or "Add variable" when none is left).
 */
export function EditableVariableTable({ caption, rows, onChange, onAdd, onRemove }: EditableTableProps) {
  const [revealed, setRevealed] = useState<ReadonlySet<string>>(new Set());
  const addButton = useRef<HTMLButtonElement>(null);
  const keyInputs = useRef(new Map<string, HTMLInputElement>());

  const focusKey = (rowId: string | undefined) =>
    // After React has drawn the change: the row may be new, or the one focused may be gone.
    requestAnimationFrame(() => (rowId ? keyInputs.current.get(rowId) : addButton.current)?.focus());

  const toggle = (rowId: string) =>
    setRevealed((previous) => {
      const next = new Set(previous);
      if (!next.delete(rowId)) next.add(rowId);
      return next;
    });

  return (
    <>
      <table className="variables-table variables-editor">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Enabled</th>
            <th scope="col">Key</th>
            <th scope="col">Value</th>
            <th scope="col">Type</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => {
            const label = row.key.trim() || `row ${index + 1}`;
            const secret = row.type === 'secret';
            const shown = revealed.has(row.rowId);
            return (
              <tr key={row.rowId}>
                <td>
                  <input type="checkbox" checked={row.enabled} aria-label={`Enabled: ${label}`} onChange={(event) => onChange(row.rowId, { enabled: event.target.checked })} />
                </td>
                <td>
                  <input
                    type="text"
                    value={row.key}
                    aria-label={`Key of row ${index + 1}`}
                    spellCheck={false}
                    autoComplete="off"
                    ref={(element) => {
                      if (element) keyInputs.current.set(row.rowId, element);
                      else keyInputs.current.delete(row.rowId);
                    }}
                    onChange={(event) => onChange(row.rowId, { key: event.target.value })}
                  />
                </td>
                <td className="variable-value-cell">
                  <input
                    type={secret && !shown ? 'password' : 'text'}
                    value={row.value}
                    aria-label={`Value of ${label}`}
                    spellCheck={false}
                    autoComplete={secret ? 'new-password' : 'off'}
                    onChange={(event) => onChange(row.rowId, { value: event.target.value })}
                  />
                  {secret && (
                    <button type="button" className="secondary small" aria-pressed={shown} onClick={() => toggle(row.rowId)}>
                      {shown ? 'Hide' : 'Reveal'}
                      <span className="visually-hidden"> value of {label}</span>
                    </button>
                  )}
                </td>
                <td>
                  <select value={row.type} aria-label={`Type of ${label}`} onChange={(event) => onChange(row.rowId, { type: event.target.value as VariableType })}>
                    <option value="default">default</option>
                    <option value="secret">secret</option>
                  </select>
                </td>
                <td>
                  <button
                    type="button"
                    className="secondary small"
                    onClick={() => {
                      const next = rows[index + 1] ?? rows[index - 1];
                      onRemove(row.rowId);
                      focusKey(next?.rowId);
                    }}
                  >
                    Remove<span className="visually-hidden"> {label}</span>
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {rows.length === 0 && <p className="empty">No variables yet.</p>}
      <button type="button" className="secondary" ref={addButton} onClick={() => focusKey(onAdd())}>
        Add variable
      </button>
    </>
  );
}
