import { useEffect, useId, useRef, useState, type FormEvent } from 'react';

/**
 * "Save as example": a button that opens an inline form asking for the example's name (a real
 * labelled field, not window.prompt). Focus moves into the field on open and back to the button on
 * close, so keyboard users keep their place.
 */
export function SaveExampleForm({ defaultName, onSave }: { defaultName: string; onSave: (name: string) => void }) {
  const fieldId = useId();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState(defaultName);
  const [saved, setSaved] = useState('');
  const field = useRef<HTMLInputElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const wasOpen = useRef(false);

  useEffect(() => {
    if (open) field.current?.select();
    else if (wasOpen.current) button.current?.focus();
    wasOpen.current = open;
  }, [open]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = name.trim();
    if (!trimmed) return;
    onSave(trimmed);
    setSaved(`Saving the example “${trimmed}”.`);
    setOpen(false);
  };

  if (!open) {
    return (
      <div className="response-save-example">
        <button
          type="button"
          className="secondary"
          ref={button}
          onClick={() => {
            setName(defaultName);
            setSaved('');
            setOpen(true);
          }}
        >
          Save as example
        </button>{' '}
        <span role="status" className="hint">
          {saved}
        </span>
      </div>
    );
  }
  return (
    <form className="response-save-example" onSubmit={submit} onKeyDown={(e) => e.key === 'Escape' && setOpen(false)}>
      <label htmlFor={fieldId}>Example name</label>
      <input id={fieldId} ref={field} value={name} onChange={(e) => setName(e.target.value)} required maxLength={200} />
      <button type="submit">Save example</button>
      <button type="button" className="secondary" onClick={() => setOpen(false)}>
        Cancel
      </button>
    </form>
  );
}
