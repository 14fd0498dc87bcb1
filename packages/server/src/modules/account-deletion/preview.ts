import { DATA_MAP, tableName } from '../../db/datamap/index.ts';
import type { RowCondition, SubjectLink, TableDeclaration } from '../../db/datamap/index.ts';
import type { SQL } from 'drizzle-orm';
import { linkPredicates } from './erasure.ts';
import type { Subject } from './erasure.ts';

/** Rows of one table that erasure deletes. */
export interface DeletedRows {
  table: string;
  description: string;
  rows: number;
}

/** Rows of one table that stay after erasure, and why and how. */
export interface RemainingRows extends DeletedRows {
  /** Why they stay and what is removed from them, in plain words. */
  reason: string;
}

export interface ErasurePreview {
  deleted: DeletedRows[];
  remaining: RemainingRows[];
}

/**
 * What erasing the person would do, table by table, computed from the data map with the same
 * row selections as erasure.ts (so the preview cannot promise something erasure does not do).
 * Only tables with rows about the person appear.
 */
export async function previewErasure(
  countRows: (table: string, where: SQL) => Promise<number>,
  subject: Subject,
  map: readonly TableDeclaration[] = DATA_MAP,
): Promise<ErasurePreview> {
  const deleted = new Map<string, DeletedRows>();
  const remaining: RemainingRows[] = [];
  for (const decl of map) {
    const table = tableName(decl);
    for (const link of decl.subjects) {
      const where = linkPredicates(link, subject);
      if (where.delete) {
        const rows = await countRows(table, where.delete);
        if (rows > 0) {
          const entry = deleted.get(table) ?? { table, description: decl.description, rows: 0 };
          entry.rows += rows;
          deleted.set(table, entry);
        }
      }
      if (where.reattribute) {
        const rows = await countRows(table, where.reattribute);
        if (rows > 0) remaining.push({ table, description: decl.description, rows, reason: remainingReason(decl, link) });
      }
    }
  }
  return { deleted: [...deleted.values()], remaining };
}

/** "Kept because it has a team or its kind is public; your link (author) is removed, …". */
export function remainingReason(decl: TableDeclaration, link: SubjectLink): string {
  const why = link.reattributeWhen?.length
    ? `Kept because ${link.reattributeWhen.map(describeCondition).join(' or ')}: others still use it.`
    : 'Kept because it is part of shared content or records others rely on.';
  const cleared = Object.entries(decl.columns)
    .filter(([column, declared]) => column !== link.column && declared.erasure !== undefined && declared.erasure !== 'keep')
    .map(([, declared]) => lowerFirst(declared.description.replace(/\.$/, '')));
  const how = [`it no longer names you as its ${link.role} and shows as by "Deleted user"`];
  if (cleared.length > 0) how.push(`these are removed from it: ${cleared.join('; ')}`);
  return `${why} After the purge ${how.join(', and ')}.`;
}

function describeCondition(condition: RowCondition): string {
  const name = condition.column.replace(/_id$/, '').replaceAll('_', ' ');
  return 'isNotNull' in condition ? `it belongs to a ${name}` : `its ${name} is ${String(condition.equals)}`;
}

const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);
