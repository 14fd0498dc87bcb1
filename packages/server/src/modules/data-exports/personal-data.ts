import { declarationFor, exportColumns, primaryKeyColumns } from '../../db/datamap/index.ts';
import type { ColumnDeclaration, SubjectRecords, TableDeclaration } from '../../db/datamap/index.ts';

/** One binary value written as its own file in the ZIP, referenced from personal-data.json. */
export interface ExportFile {
  path: string;
  bytes: Uint8Array;
}

export interface PersonalDataTable {
  description: string;
  /** How each row is tied to the person (e.g. `user_id` as owner, `email` as invitee). */
  linkedBy: { column: string; role: string; by: 'account' | 'email' }[];
  primaryKey: string[];
  columns: Record<string, Pick<ColumnDeclaration, 'category' | 'description' | 'purposes' | 'legalBasis'>>;
  rows: Record<string, unknown>[];
}

export interface PersonalData {
  format: 'postern-personal-data/1';
  generatedAt: string;
  subject: { accountId: string };
  /** Every table holding a row about the person, by SQL name, with the data map's words for each column. */
  tables: Record<string, PersonalDataTable>;
  /** Files of the ZIP that rows point to (`{ "file": path }` values). */
  files: string[];
}

const IMAGE_EXTENSIONS: Record<string, string> = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/webp': 'webp', 'image/gif': 'gif' };

/** Primary-key columns identify a row; kept even when the map leaves them out, unless they are hashes or secrets. */
function primaryKeyOf(decl: TableDeclaration): string[] {
  return primaryKeyColumns(decl).filter((name) => !/hash|secret|token/i.test(name));
}

function isBinary(value: unknown): value is Uint8Array {
  return value instanceof Uint8Array;
}

/** JSON-friendly values: dates as ISO text, bigints as text, binary as a file or base64. */
function jsonValue(value: unknown, binary: (bytes: Uint8Array) => unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'bigint') return value.toString();
  if (isBinary(value)) return binary(value);
  return value;
}

/**
 * personal-data.json (P21): every row the data map links to the person, reduced to the columns it
 * marks for export, grouped by table with the map's category, purposes and legal basis of each
 * column. The avatar becomes profile/avatar.<ext>; other binary values are inlined as base64.
 */
export function personalData(records: SubjectRecords, accountId: string, now: Date): { data: PersonalData; files: ExportFile[] } {
  const tables: Record<string, PersonalDataTable> = {};
  const files: ExportFile[] = [];
  for (const record of records) {
    const decl = declarationFor(record.table);
    if (!decl) continue;
    const primaryKey = primaryKeyOf(decl);
    const rows = record.rows.map((row) => {
      const kept = { ...pick(row, primaryKey), ...exportColumns(decl, row) };
      const out: Record<string, unknown> = {};
      for (const [column, value] of Object.entries(kept)) {
        out[column] = jsonValue(value, (bytes) => {
          const type = typeof row.content_type === 'string' ? row.content_type : '';
          if (record.table === 'avatars' && IMAGE_EXTENSIONS[type]) {
            const path = `profile/avatar.${IMAGE_EXTENSIONS[type]}`;
            files.push({ path, bytes });
            return { file: path, contentType: type };
          }
          // Support ticket attachments (P3) as the files they were, under the ticket's id.
          if (record.table === 'support_ticket_attachments' && typeof row.id === 'string' && typeof row.ticket_id === 'string') {
            const name = String(row.file_name ?? 'attachment').replace(/[^\w.\- ]+/g, '_');
            const path = `support/${row.ticket_id}/${row.id}-${name}`;
            files.push({ path, bytes });
            return { file: path, contentType: type };
          }
          return { base64: Buffer.from(bytes).toString('base64') };
        });
      }
      return out;
    });
    const present = new Set(rows.flatMap((row) => Object.keys(row)));
    const columns: PersonalDataTable['columns'] = {};
    for (const name of present) {
      const column = decl.columns[name];
      if (!column) continue;
      columns[name] = {
        category: column.category,
        description: column.description,
        ...(column.purposes && { purposes: column.purposes }),
        ...(column.legalBasis && { legalBasis: column.legalBasis }),
      };
    }
    tables[record.table] = {
      description: decl.description,
      linkedBy: decl.subjects.filter((s) => record.links.includes(s.column)).map((s) => ({ column: s.column, role: s.role, by: s.by })),
      primaryKey,
      columns,
      rows,
    };
  }
  return {
    data: { format: 'postern-personal-data/1', generatedAt: now.toISOString(), subject: { accountId }, tables, files: files.map((f) => f.path) },
    files,
  };
}

function pick(row: Record<string, unknown>, names: string[]): Record<string, unknown> {
  return Object.fromEntries(names.filter((n) => n in row).map((n) => [n, row[n]]));
}
