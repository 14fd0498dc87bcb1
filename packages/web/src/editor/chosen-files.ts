/**
 * Files chosen in the request editor, kept in this page's memory only: the saved request holds just
 * the file name (`src`, as Postman does), and the bytes go up with each send. A reload forgets them.
 */
import type { SendFile } from '../api/types.ts';
import type { BodyDraft } from './request-draft.ts';

/** The request a chosen file belongs to. */
export interface FileScope {
  collectionId: string;
  itemId: string;
}

/** The most file bytes one send may carry (they travel base64-encoded in the JSON body). */
export const MAX_SEND_FILE_BYTES = 10 * 1024 * 1024;

const chosen = new Map<string, File>();
const keyOf = (scope: FileScope, src: string) => `${scope.collectionId}:${scope.itemId}:${src}`;

/** Remembers a file chosen for the request; returns the `src` to save (its name). */
export function chooseFile(scope: FileScope, file: File): string {
  chosen.set(keyOf(scope, file.name), file);
  return file.name;
}

export function chosenFile(scope: FileScope, src: string): File | undefined {
  return chosen.get(keyOf(scope, src));
}

/** The file sources the body sends, each once: the binary file, or enabled form-data file rows. */
export function fileSourcesOf(body: BodyDraft): string[] {
  const sources: string[] = [];
  if (body.mode === 'file' && body.fileSrc) sources.push(body.fileSrc);
  if (body.mode === 'formdata') {
    for (const row of body.formdata) if (row.enabled && row.key && row.type === 'file' && row.src) sources.push(row.src);
  }
  return [...new Set(sources)];
}

/** Thrown before sending when the chosen files are too big to send. */
export class FilesTooLargeError extends Error {}

const megabytes = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, '')} MB`;

/**
 * The `files` of POST /api/send: the content of every chosen file the body refers to. Sources with
 * no chosen file (saved earlier, page reloaded) are left out; the server then asks to choose them again.
 */
export async function filesForSend(
  body: BodyDraft,
  lookup: (src: string) => Blob | undefined,
  limit = MAX_SEND_FILE_BYTES,
): Promise<SendFile[]> {
  const found = fileSourcesOf(body).flatMap((src) => {
    const blob = lookup(src);
    return blob ? [{ src, blob }] : [];
  });
  const total = found.reduce((sum, f) => sum + f.blob.size, 0);
  if (total > limit) {
    throw new FilesTooLargeError(
      `The files chosen for this request add up to ${megabytes(total)}, and at most ${megabytes(limit)} of files can be sent with a request. Choose smaller files.`,
    );
  }
  return Promise.all(found.map(async ({ src, blob }) => ({ src, contentBase64: base64Of(new Uint8Array(await blob.arrayBuffer())) })));
}

function base64Of(bytes: Uint8Array): string {
  let binary = '';
  // Chunks keep String.fromCharCode's argument list within engine limits.
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}
