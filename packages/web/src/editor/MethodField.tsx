import { useState } from 'react';
import { STANDARD_METHODS } from './request-draft.ts';

const CUSTOM = '__custom__';

/** The HTTP method: a standard one from the list, or any token typed in. */
export function MethodField({ value, onChange }: { value: string; onChange: (method: string) => void }) {
  const standard = (STANDARD_METHODS as readonly string[]).includes(value);
  const [custom, setCustom] = useState(!standard);
  return (
    <span className="method-field">
      <select
        aria-label="Method"
        value={custom ? CUSTOM : value}
        onChange={(e) => {
          const chosen = e.target.value;
          setCustom(chosen === CUSTOM);
          if (chosen !== CUSTOM) onChange(chosen);
        }}
      >
        {STANDARD_METHODS.map((m) => (
          <option key={m} value={m}>
            {m}
          </option>
        ))}
        <option value={CUSTOM}>Custom…</option>
      </select>
      {custom && (
        <input aria-label="Custom method" className="method-custom" value={value} onChange={(e) => onChange(e.target.value.toUpperCase().replace(/[^A-Z0-9!#$%&'*+.^_`|~-]/g, ''))} />
      )}
    </span>
  );
}
