import { useId, useRef, useState } from 'react';
import { collections } from '../api/endpoints.ts';
import { Field, Form, SelectField } from '../components/Form.tsx';
import type { TreeNode } from './outline-tree.ts';

const POSTMAN_V21 = 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json';
const NEW_COLLECTION = '';
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];

export interface CreatedRequest {
  collectionId: string;
  itemId: string;
  name: string;
  method: string;
}

/**
 * "New request" (or folder) for editors: where it goes (a collection of the workspace, or a new
 * one) and its name; a request is then opened in a tab. Saved at once, so nothing lives only in
 * the browser.
 */
export function NewItemForm({
  workspaceId,
  roots,
  onCreated,
}: {
  workspaceId: string;
  roots: readonly TreeNode[];
  /** Called after saving; `request` is set for a request (to open it), not for a folder. */
  onCreated(request: CreatedRequest | null): void;
}) {
  const [open, setOpen] = useState(false);
  const [kind, setKind] = useState<'request' | 'folder'>('request');
  const [target, setTarget] = useState(roots[0]?.collectionId ?? NEW_COLLECTION);
  const toggle = useRef<HTMLButtonElement>(null);
  const formId = useId();

  async function submit(data: FormData) {
    const name = String(data.get('name') ?? '').trim() || (kind === 'request' ? 'New request' : 'New folder');
    let collectionId = target;
    if (collectionId === NEW_COLLECTION) {
      const collectionName = String(data.get('collectionName') ?? '').trim() || 'New collection';
      const created = await collections.import(workspaceId, JSON.stringify({ info: { name: collectionName, schema: POSTMAN_V21 }, item: [] }));
      collectionId = created.id;
    }
    const method = String(data.get('method') ?? 'GET');
    const item = kind === 'request' ? { name, request: { method, header: [], url: '' } } : { name, item: [] };
    const added = await collections.addItem(collectionId, { item });
    setOpen(false);
    onCreated(kind === 'request' ? { collectionId, itemId: added.id, name, method } : null);
    requestAnimationFrame(() => toggle.current?.focus());
  }

  return (
    <div className="new-item">
      <button ref={toggle} type="button" className="secondary" aria-expanded={open} aria-controls={formId} onClick={() => setOpen((o) => !o)}>
        New…
      </button>
      {open && (
        <div id={formId} className="panel new-item-form">
          <fieldset className="choice">
            <legend>Create</legend>
            {(['request', 'folder'] as const).map((value) => (
              <label key={value}>
                <input type="radio" name={`${formId}-kind`} value={value} checked={kind === value} onChange={() => setKind(value)} /> A {value}
              </label>
            ))}
          </fieldset>
          <Form onSubmit={submit} submitLabel={kind === 'request' ? 'Create request' : 'Create folder'} pendingLabel="Creating…">
            <Field name="name" label="Name" placeholder={kind === 'request' ? 'New request' : 'New folder'} autoComplete="off" />
            {kind === 'request' && (
              <SelectField name="method" label="Method" defaultValue="GET">
                {METHODS.map((m) => (
                  <option key={m}>{m}</option>
                ))}
              </SelectField>
            )}
            <SelectField name="collection" label="In collection" value={target} onChange={(event) => setTarget(event.target.value)}>
              {roots.map((root) => (
                <option key={root.collectionId} value={root.collectionId}>
                  {root.name}
                </option>
              ))}
              <option value={NEW_COLLECTION}>A new collection…</option>
            </SelectField>
            {target === NEW_COLLECTION && <Field name="collectionName" label="New collection's name" placeholder="New collection" autoComplete="off" />}
          </Form>
        </div>
      )}
    </div>
  );
}
