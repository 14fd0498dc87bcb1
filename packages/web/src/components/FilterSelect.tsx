/** A "Show …" choice over a queue or list: value/label pairs, the current one selected. */
export function FilterSelect({
  id,
  options,
  value,
  onChange,
}: {
  id: string;
  options: readonly (readonly [value: string, label: string])[];
  value: string;
  onChange(value: string): void;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>Show</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        {options.map(([optionValue, label]) => (
          <option key={optionValue} value={optionValue}>
            {label}
          </option>
        ))}
      </select>
    </div>
  );
}
