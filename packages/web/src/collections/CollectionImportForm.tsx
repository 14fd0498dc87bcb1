import { useRef, useState } from 'react';
import type { ImportFormat, ImportResult } from '../api/types.ts';
import { Field, Form, SelectField, TextAreaField } from '../components/Form.tsx';

/** The formats offered, in the order people look for them; auto detects from the content. */
export const IMPORT_FORMAT_OPTIONS: Array<{ value: ImportFormat; label: string }> = [
  { value: 'auto', label: 'Detect automatically' },
  { value: 'postman', label: 'Postman Collection v2.0/v2.1' },
  { value: 'openapi', label: 'OpenAPI 3.x / Swagger 2.0 (JSON or YAML)' },
  { value: 'curl', label: 'cURL command' },
  { value: 'har', label: 'HAR (browser network log)' },
  { value: 'insomnia', label: 'Insomnia v4 export' },
  { value: 'bruno', label: 'Bruno collection (zip of the folder)' },
  { value: 'postman-v1', label: 'Postman Collection v1' },
  { value: 'postman-dump', label: 'Postman data dump (backup.json)' },
];

interface Props {
  /** A Postman v2.x document, stored exactly as chosen (what is exported later is this text). */
  onImportPostman(json: string): Promise<void>;
  /** Any other format: converted by the server, which answers what it created and left out. */
  onImportAny(input: { file?: File; text?: string; from: ImportFormat }): Promise<ImportResult>;
  /** Asks the server to fetch a Postman file from a URL (a browser could not: other sites refuse CORS). */
  onImportUrl(url: string): Promise<void>;
}

/** A Postman v2.x collection's JSON: the one format that is stored as written, through the plain import. */
function isPostmanV2(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && 'info' in value && 'item' in value;
  } catch {
    return false;
  }
}

/**
 * Imports collections in every format Postern reads: pick a file (a zip for a Bruno folder), paste
 * text (a cURL command, an OpenAPI document…) or give a Postman file's URL. Shows what was created
 * and, when the format holds more than a collection can, what was left out and where.
 */
export function CollectionImportForm({ onImportPostman, onImportAny, onImportUrl }: Props) {
  const [formKey, setFormKey] = useState(0);
  const [done, setDone] = useState<string | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [localError, setLocalError] = useState<string | undefined>();
  const status = useRef<HTMLParagraphElement>(null);

  function finish(message: string, answer: ImportResult | null) {
    setFormKey((k) => k + 1);
    setDone(message);
    setResult(answer);
    requestAnimationFrame(() => status.current?.focus());
  }

  async function submit(data: FormData) {
    setLocalError(undefined);
    setDone(null);
    setResult(null);
    const from = String(data.get('from') ?? 'auto') as ImportFormat;
    const file = data.get('file');
    const pasted = String(data.get('text') ?? '').trim();
    const url = String(data.get('url') ?? '').trim();
    const picked = file instanceof File && file.size > 0 ? file : undefined;
    if (!picked && !pasted && url) {
      await onImportUrl(url);
      finish(`Imported the collection from ${url}.`, null);
      return;
    }
    if (!picked && !pasted) {
      const message = 'Choose a file, paste its text or give a Postman file’s URL.';
      setLocalError(message);
      throw new Error(message);
    }
    const isZip = picked !== undefined && /\.zip$/i.test(picked.name);
    const text = picked && !isZip ? await picked.text() : pasted;
    if ((from === 'auto' || from === 'postman') && !isZip && isPostmanV2(text)) {
      await onImportPostman(text);
      finish('Imported the collection.', null);
      return;
    }
    const answer = await onImportAny(picked ? { file: picked, from } : { text: pasted, from });
    finish(summary(answer), answer);
  }

  return (
    <>
      <Form key={formKey} onSubmit={submit} submitLabel="Import collection" pendingLabel="Importing…" listFieldErrors className="form import-form">
        <SelectField name="from" label="Format" defaultValue="auto" hint="Detected from the content unless you choose one.">
          {IMPORT_FORMAT_OPTIONS.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </SelectField>
        <Field
          name="file"
          label="Collection file"
          type="file"
          accept=".json,.yaml,.yml,.har,.txt,.sh,.zip,application/json,application/zip"
          localError={localError}
          hint="A Postman, OpenAPI, HAR or Insomnia file, or a zip of a Bruno collection folder."
        />
        <TextAreaField name="text" label="…or paste its JSON, YAML or a cURL command" rows={4} spellCheck={false} />
        <Field
          name="url"
          label="…or its URL"
          type="url"
          placeholder="https://raw.githubusercontent.com/…/collection.json"
          hint="A Postman collection the server fetches (a raw JSON file, not a page about it)."
        />
      </Form>
      <div role="status" tabIndex={-1} ref={status} className="import-result">
        {done && <p className="success">{done}</p>}
        {result && <ImportResultDetails result={result} />}
      </div>
    </>
  );
}

function summary(result: ImportResult): string {
  const parts = [count(result.collections.length, 'collection'), result.environments.length > 0 ? count(result.environments.length, 'environment') : null];
  return `Imported ${parts.filter(Boolean).join(' and ')} (${result.format}).`;
}

const count = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function ImportResultDetails({ result }: { result: ImportResult }) {
  return (
    <>
      <ul aria-label="Created">
        {result.collections.map((c) => (
          <li key={c.id}>
            Collection {c.name} · {count(c.requestCount, 'request')}
          </li>
        ))}
        {result.environments.map((e) => (
          <li key={e.id}>Environment {e.name}</li>
        ))}
      </ul>
      {result.skipped.length > 0 && (
        <>
          <p>Left out, because a Postman collection cannot hold it ({result.skipped.length}):</p>
          <ul aria-label="Left out">
            {result.skipped.map((s, n) => (
              <li key={n}>
                <code>{s.at}</code>: {s.what}
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
