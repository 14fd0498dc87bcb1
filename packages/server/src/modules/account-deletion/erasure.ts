import { eq, sql } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import { getTableConfig } from 'drizzle-orm/pg-core';
import type { Clock } from '../../clock.ts';
import { queryRows } from '../../db/database.ts';
import type { Database } from '../../db/database.ts';
import { DATA_MAP, mentionColumnsOf, resolveSubject, rowConditionSql, subjectLinkSql, subjectMentionPattern, tableName } from '../../db/datamap/index.ts';
import { MENTION_REPLACEMENT } from '../../db/datamap/mentions.ts';
import type { ColumnErasure, ResolvedSubject, SubjectLink, TableDeclaration } from '../../db/datamap/index.ts';
import { users } from '../accounts/schema.ts';
import { handOverOwnedTeams } from '../teams/succession.ts';

/** What erasure did to one table. */
export interface TableErasure {
  deleted: number;
  reattributed: number;
}

export interface ErasureReport {
  accountId: string;
  /** False when there was no such account (already erased, or never existed): nothing changed. */
  erased: boolean;
  /** Rows changed, by SQL table name; tables where nothing changed are left out. */
  tables: Record<string, TableErasure>;
  /** Teams the person owned that passed to another member first (so none is left without an owner). */
  teamsHandedOver?: { teamId: string; successorId: string }[];
}

/** Where a purge leaves its tombstone (modules/deletion-ledger): keyed hashes, no personal data. */
export interface ErasureLedger {
  recordErasure(entry: { accountId: string; email: string }): Promise<void>;
}

export interface EraseAccountDeps {
  /**
   * Writes the tombstone. When `ledgerIn` is given it is called with the erasure's transaction, so
   * the tombstone commits (or rolls back) with the erasure; otherwise `ledger` writes right after.
   */
  ledger: ErasureLedger;
  ledgerIn?: (tx: Database) => ErasureLedger;
  clock: Clock;
  /** The declarations to follow; the whole data map unless a test narrows it. */
  map?: readonly TableDeclaration[];
}

/**
 * Erases a person (P24), driven only by the data map: for every table and each of its subject
 * links that matches the person (their account id, or their email for `by: 'email'` links), rows
 * are deleted or kept and reattributed to "Deleted user" (link NULL, each column's `erasure` rule
 * applied). Reattribution runs first so that shared content is unlinked before anything it hangs
 * on is deleted; deletions run children-first along the foreign keys, the users row last. One
 * transaction; erasing an id that no longer exists changes nothing and reports zero counts.
 */
export async function eraseAccount(db: Database, accountId: string, deps: EraseAccountDeps): Promise<ErasureReport> {
  const map = deps.map ?? DATA_MAP;
  const report: ErasureReport = { accountId, erased: false, tables: {} };
  if (!UUID.test(accountId)) return report;
  let email: string | undefined;
  await db.transaction(async (tx) => {
    const [account] = await tx
      .select({ email: users.email, username: users.username, displayName: users.displayName })
      .from(users)
      .where(eq(users.id, accountId))
      .for('update');
    if (!account) return;
    email = account.email;
    const subject = await resolveSubject(tx, { accountId, email, names: [account.username, ...(account.displayName ? [account.displayName] : [])] });
    const count = (table: string, kind: keyof TableErasure, n: number) => {
      if (n === 0) return;
      const entry = (report.tables[table] ??= { deleted: 0, reattributed: 0 });
      entry[kind] += n;
    };

    // Before the membership rows go: every team the person owns passes to another member.
    const handedOver = (await handOverOwnedTeams(tx, accountId)).flatMap((p) => (p.successor ? [{ teamId: p.teamId, successorId: p.successor.id }] : []));
    if (handedOver.length > 0) report.teamsHandedOver = handedOver;

    for (const decl of map) {
      const name = tableName(decl);
      for (const link of decl.subjects) {
        const where = linkPredicates(link, subject).reattribute;
        if (where) count(name, 'reattributed', await changedRows(tx, reattributeSql(decl, link, where)));
      }
    }

    for (const decl of deletionOrder(map)) {
      const name = tableName(decl);
      for (const link of decl.subjects) {
        const where = linkPredicates(link, subject).delete;
        if (where) count(name, 'deleted', await changedRows(tx, sql`delete from ${sql.identifier(name)} where ${where} returning 1 as one`));
      }
    }

    // Free text elsewhere that names the person (a notification to a teammate, a mail to someone
    // else) keeps its sense with "Deleted user" in place of the names and the email.
    const pattern = subjectMentionPattern(subject);
    for (const decl of pattern ? map : []) {
      const name = tableName(decl);
      for (const column of mentionColumnsOf(decl)) {
        const target = sql.identifier(column);
        count(
          name,
          'reattributed',
          await changedRows(
            tx,
            sql`update ${sql.identifier(name)} set ${target} = regexp_replace(${target}, ${pattern}, ${MENTION_REPLACEMENT}, 'gi') where ${target} ~* ${pattern} returning 1 as one`,
          ),
        );
      }
    }

    // The data map declares the users row; this makes sure the account itself goes in any case.
    const gone = await tx.delete(users).where(eq(users.id, accountId)).returning({ id: users.id });
    count(getTableConfig(users).name, 'deleted', gone.length);
    report.erased = true;
    if (deps.ledgerIn) await deps.ledgerIn(tx).recordErasure({ accountId, email: account.email });
  });
  if (report.erased && !deps.ledgerIn && email !== undefined) await deps.ledger.recordErasure({ accountId, email });
  return report;
}

/** Total rows deleted and reattributed, for audit entries and receipts. */
export function erasureTotals(report: ErasureReport): TableErasure {
  const totals = { deleted: 0, reattributed: 0 };
  for (const entry of Object.values(report.tables)) {
    totals.deleted += entry.deleted;
    totals.reattributed += entry.reattributed;
  }
  return totals;
}

export type { ResolvedSubject as Subject } from '../../db/datamap/index.ts';

/**
 * The WHERE clauses that pick, among the rows `link` ties to the person, the ones erasure keeps
 * and reattributes and the ones it deletes (either may be absent). The preview counts with them.
 */
export function linkPredicates(link: SubjectLink, subject: ResolvedSubject): { reattribute?: SQL; delete?: SQL } {
  const base = subjectLinkSql(link, subject);
  if (link.onErase === 'reattribute') return { reattribute: base };
  if (!link.reattributeWhen?.length) return { delete: base };
  const kept = sql`coalesce((${sql.join(link.reattributeWhen.map(rowConditionSql), sql` or `)}), false)`;
  return { reattribute: sql`${base} and ${kept}`, delete: sql`${base} and not ${kept}` };
}

function reattributeSql(decl: TableDeclaration, link: SubjectLink, where: SQL): SQL {
  const assignments = [sql`${sql.identifier(link.column)} = null`];
  for (const [column, declared] of Object.entries(decl.columns)) {
    if (column === link.column || declared.erasure === undefined || declared.erasure === 'keep') continue;
    assignments.push(sql`${sql.identifier(column)} = ${erasedValue(declared.erasure)}`);
  }
  return sql`update ${sql.identifier(tableName(decl))} set ${sql.join(assignments, sql`, `)} where ${where} returning 1 as one`;
}

function erasedValue(rule: Exclude<ColumnErasure, 'keep'>): SQL {
  if (rule === 'null' || rule.replaceWith === null) return sql`null`;
  return sql`${rule.replaceWith}`;
}

async function changedRows(db: Database, statement: SQL): Promise<number> {
  return (await queryRows(db, statement)).length;
}

/**
 * The declarations ordered so that a table comes before every table it references (children
 * before parents), so no delete trips over a foreign key that does not cascade. Self-references
 * are ignored; a cycle, should one appear, keeps the remaining tables in map order.
 */
export function deletionOrder(map: readonly TableDeclaration[]): TableDeclaration[] {
  const byName = new Map(map.map((decl) => [tableName(decl), decl]));
  const parents = new Map<string, Set<string>>();
  for (const [name, decl] of byName) {
    const referenced = getTableConfig(decl.table)
      .foreignKeys.map((fk) => getTableConfig(fk.reference().foreignTable).name)
      .filter((parent) => parent !== name && byName.has(parent));
    parents.set(name, new Set(referenced));
  }
  // A table may go once no remaining table references it.
  const remaining = new Set(byName.keys());
  const ordered: TableDeclaration[] = [];
  while (remaining.size > 0) {
    const free = [...remaining].filter((name) => ![...remaining].some((other) => parents.get(other)!.has(name)));
    const next = free.length > 0 ? free : [...remaining];
    for (const name of next) {
      ordered.push(byName.get(name)!);
      remaining.delete(name);
    }
  }
  return ordered;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
