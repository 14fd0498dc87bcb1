import { chooseFile, chosenFile, type FileScope } from './chosen-files.ts';
import { emptyRow, type Row } from './request-draft.ts';

interface Props {
  /** Names the table and prefixes every control's label ("Headers key 1"). */
  label: string;
  rows: Row[];
  onChange: (rows: Row[]) => void;
  /** Path variables: keys come from the URL, so they are read-only and rows cannot be added. */
  fixedKeys?: boolean;
  /** form-data: each row may be text or a file. */
  allowFiles?: boolean;
  /** With allowFiles: the request the chosen files are kept for, until the page is reloaded. */
  fileScope?: FileScope;
}

/** An editable key/value/description table with enabled checkboxes. */
export function KeyValueTable({ label, rows, onChange, fixedKeys = false, allowFiles = false, fileScope }: Props) {
  const update = (index: number, change: Partial<Row>) => onChange(rows.map((row, i) => (i === index ? { ...row, ...change } : row)));
  return (
    <div className="kv">
      <table className="kv-table" aria-label={label}>
        <thead>
          <tr>
            {!fixedKeys && <th scope="col">On</th>}
            <th scope="col">Key</th>
            {allowFiles && <th scope="col">Type</th>}
            <th scope="col">Value</th>
            <th scope="col">Description</th>
            {!fixedKeys && <th scope="col"><span className="visually-hidden">Remove</span></th>}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => {
            const n = i + 1;
            return (
              <tr key={i}>
                {!fixedKeys && (
                  <td>
                    <input type="checkbox" aria-label={`${label} enabled ${n}`} checked={row.enabled} onChange={(e) => update(i, { enabled: e.target.checked })} />
                  </td>
                )}
                <td>
                  <input aria-label={`${label} key ${n}`} value={row.key} readOnly={fixedKeys} onChange={(e) => update(i, { key: e.target.value })} />
                </td>
                {allowFiles && (
                  <td>
                    <select aria-label={`${label} type ${n}`} value={row.type ?? 'text'} onChange={(e) => update(i, { type: e.target.value === 'file' ? 'file' : 'text' })}>
                      <option value="text">Text</option>
                      <option value="file">File</option>
                    </select>
                  </td>
                )}
                <td>
                  {row.type === 'file' ? (
                    <span className="kv-file">
                      <input
                        type="file"
                        aria-label={`${label} file ${n}`}
                        onChange={(e) => {
                          const file = e.target.files?.[0];
                          update(i, { src: file ? (fileScope ? chooseFile(fileScope, file) : file.name) : '' });
                        }}
                      />
                      {row.src && (
                        <span className="muted">
                          {row.src}
                          {fileScope && !chosenFile(fileScope, row.src) && ' (choose it again to send it)'}
                        </span>
                      )}
                    </span>
                  ) : (
                    <input aria-label={`${label} value ${n}`} value={row.value} onChange={(e) => update(i, { value: e.target.value })} />
                  )}
                </td>
                <td>
                  <input aria-label={`${label} description ${n}`} value={row.description} onChange={(e) => update(i, { description: e.target.value })} />
                </td>
                {!fixedKeys && (
                  <td>
                    <button type="button" className="link-button" aria-label={`Remove ${label} row ${n}`} onClick={() => onChange(rows.filter((_, j) => j !== i))}>
                      ×
                    </button>
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
      {!fixedKeys && (
        <button type="button" className="secondary" onClick={() => onChange([...rows, emptyRow()])}>
          Add {label.toLowerCase()} row
        </button>
      )}
    </div>
  );
}
