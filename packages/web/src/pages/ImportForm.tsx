import { useRef, useState } from 'react';
import { Field, Form, TextAreaField } from '../components/Form.tsx';

interface ImportFormProps {
  /** e.g. "collection"; used in labels. */
  what: string;
  /** Sends the chosen JSON text, unchanged, to the API. */
  onImport(json: string): Promise<void>;
  /** Asks the server to fetch the file from a URL (a browser could not: other sites refuse CORS). */
  onImportUrl?(url: string): Promise<void>;
}

/**
 * Imports a Postman file: pick it or paste its JSON. The text goes to the server as it is, so what
 * is stored (and later exported) is what the person chose, not a re-serialized copy.
 */
export function ImportForm({ what, onImport, onImportUrl }: ImportFormProps) {
  const [localError, setLocalError] = useState<string | undefined>();
  const [formKey, setFormKey] = useState(0);
  const [done, setDone] = useState<string | null>(null);
  const status = useRef<HTMLParagraphElement>(null);

  async function submit(data: FormData) {
    setLocalError(undefined);
    setDone(null);
    const file = data.get('file');
    const pasted = String(data.get('json') ?? '').trim();
    const url = String(data.get('url') ?? '').trim();
    let text: string;
    if (file instanceof File && file.size > 0) text = await file.text();
    else if (pasted) text = pasted;
    else if (url && onImportUrl) {
      await onImportUrl(url);
      setFormKey((k) => k + 1);
      setDone(`Imported the ${what} from ${url}.`);
      requestAnimationFrame(() => status.current?.focus());
      return;
    } else {
      const message = onImportUrl ? `Choose a ${what} file, paste its JSON or give its URL.` : `Choose a ${what} file or paste its JSON.`;
      setLocalError(message);
      throw new Error(message);
    }
    try {
      JSON.parse(text);
    } catch {
      const message = `This is not JSON. Export the ${what} from Postman (Collection v2.1) and choose that file.`;
      setLocalError(message);
      throw new Error(message);
    }
    await onImport(text);
    setFormKey((k) => k + 1);
    setDone(`Imported the ${what}.`);
    requestAnimationFrame(() => status.current?.focus());
  }

  return (
    <>
      <Form key={formKey} onSubmit={submit} submitLabel={`Import ${what}`} pendingLabel="Importing…" listFieldErrors className="form import-form">
        <Field
          name="file"
          label={`${capitalize(what)} file`}
          type="file"
          accept=".json,application/json"
          localError={localError}
          hint="A Postman export (.json)."
        />
        <TextAreaField name="json" label="…or paste its JSON" rows={4} spellCheck={false} />
        {onImportUrl && (
          <Field
            name="url"
            label="…or its URL"
            type="url"
            placeholder="https://raw.githubusercontent.com/…/collection.json"
            hint="The server fetches it (a raw JSON file, not a page about it)."
          />
        )}
      </Form>
      <p className="success" role="status" tabIndex={-1} ref={status}>
        {done}
      </p>
    </>
  );
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
