/**
 * Import from a file or pasted text in any format Postern reads (OpenAPI, cURL, HAR, Insomnia,
 * Bruno, Postman v1/dumps/v2.x): the collection package converts, this service checks the role,
 * validates every result before storing any, then stores the collections and environments.
 */
import { CollectionError, importAny, parseVariableList } from '@postern/collection';
import type { ImportFormat, ImportInput, Skipped } from '@postern/collection';
import { AppError, badRequest } from '../../errors.ts';
import type { CurrentUser } from '../../http/env.ts';
import type { WorkspaceAccess } from '../../policies/workspaces.ts';
import { parseCollectionInput } from '../collections/service.ts';
import type { CollectionService } from '../collections/service.ts';
import type { CollectionSummaryRecord } from '../collections/store.ts';
import type { EnvironmentService } from '../environments/service.ts';
import { isZip, readZipFolder } from './zip-folder.ts';

export const UPLOAD_FORMATS = ['auto', 'openapi', 'curl', 'har', 'insomnia', 'bruno', 'postman-v1', 'postman-dump', 'postman'] as const;
export type UploadFormat = (typeof UPLOAD_FORMATS)[number];

export interface UploadInput {
  /** The file's name (or "pasted text"): detection uses it, errors name it. */
  name: string;
  bytes: Uint8Array;
  from: UploadFormat;
}

export interface UploadDeps {
  access: WorkspaceAccess;
  collections: CollectionService;
  environments: EnvironmentService;
}

type EnvironmentRecord = Awaited<ReturnType<EnvironmentService['create']>>;

export interface UploadResult {
  format: ImportFormat;
  collections: CollectionSummaryRecord[];
  environments: EnvironmentRecord[];
  skipped: Skipped[];
}

/** A document Postern could not import: 422, naming the file and the place (line or JSON path). */
function unimportable(error: CollectionError, name: string): AppError {
  const place = error.line !== undefined ? `line ${error.line}${error.column !== undefined ? `, column ${error.column}` : ''}` : error.path;
  const detail = place && !error.message.includes(place) ? `${error.message} (at ${place})` : error.message;
  return new AppError(422, error.code, detail, { errors: [{ path: place ? `${error.source ?? name}: ${place}` : (error.source ?? name), message: error.message }] });
}

function toImportInput(upload: UploadInput): { input: ImportInput; from: ImportFormat | 'auto' } {
  if (isZip(upload.bytes)) {
    if (upload.from !== 'auto' && upload.from !== 'bruno') {
      throw badRequest('A zip archive can only hold a Bruno collection folder; choose Bruno or upload the file itself.', { code: 'INVALID_ARCHIVE', errors: [{ path: 'body.from', message: 'expected bruno for a zip archive' }] });
    }
    const folder = readZipFolder(upload.bytes);
    return { input: { name: upload.name.replace(/\.zip$/i, ''), text: folder.main, files: folder.files }, from: 'bruno' };
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(upload.bytes).replace(/^\uFEFF/, '');
  } catch {
    throw badRequest(`${upload.name} is not UTF-8 text (nor a zip of a Bruno folder); save it as UTF-8 and try again.`, { code: 'INVALID_ENCODING', errors: [{ path: 'body.file', message: 'not UTF-8 text' }] });
  }
  if (text.trim() === '') throw badRequest('Nothing to import: the file or text is empty.', { code: 'EMPTY_IMPORT', errors: [{ path: 'body', message: 'empty' }] });
  return { input: { name: upload.name, text }, from: upload.from };
}

export function createUploadImportService(deps: UploadDeps) {
  return {
    async import(actor: CurrentUser, workspaceId: string, upload: UploadInput): Promise<UploadResult> {
      await deps.access.require(actor, workspaceId, 'editor');
      const { input, from } = toImportInput(upload);
      let result;
      try {
        result = await importAny(input, from);
        // Validate everything first, so a broken result stores nothing.
        result.collections.forEach((collection, n) => parseCollectionInput(collection, `collections[${n}]`));
        result.environments.forEach((environment) => parseVariableList(environment, { source: upload.name }));
      } catch (error) {
        if (error instanceof CollectionError) throw unimportable(error, upload.name);
        throw error;
      }
      const collections: CollectionSummaryRecord[] = [];
      for (const collection of result.collections) collections.push((await deps.collections.importCollection(actor, workspaceId, collection)).record);
      const environments: EnvironmentRecord[] = [];
      for (const environment of result.environments) environments.push(await deps.environments.create(actor, workspaceId, environment));
      return { format: result.format, collections, environments, skipped: result.skipped };
    },
  };
}

export type UploadImportService = ReturnType<typeof createUploadImportService>;
