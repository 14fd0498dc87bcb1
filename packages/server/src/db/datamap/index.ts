import { sql } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import { getTableConfig } from 'drizzle-orm/pg-core';
import { queryRows } from '../database.ts';
import type { Database } from '../database.ts';
import { mentionPattern } from './mentions.ts';
import type { ColumnDeclaration, RowCondition, SubjectLink, TableDeclaration } from './types.ts';
// Every module's declarations (P8). Add a line here and in DATA_MAP for each module with tables,
// like src/db/schema.ts; the coverage test (datamap.test.ts) names any table left out.
import { declarations as accounts } from '../../modules/accounts/datamap.ts';
import { declarations as sessions } from '../../modules/sessions/datamap.ts';
import { declarations as teams } from '../../modules/teams/datamap.ts';
import { declarations as workspaces } from '../../modules/workspaces/datamap.ts';
import { declarations as outbox } from '../../modules/outbox/datamap.ts';
import { declarations as recovery } from '../../modules/recovery/datamap.ts';
import { declarations as rateLimits } from '../../modules/rate-limits/datamap.ts';
import { declarations as apiKeys } from '../../modules/api-keys/datamap.ts';
import { declarations as twoFactor } from '../../modules/two-factor/datamap.ts';
import { declarations as profiles } from '../../modules/profiles/datamap.ts';
import { declarations as identities } from '../../modules/identities/datamap.ts';
import { declarations as collections } from '../../modules/collections/datamap.ts';
import { declarations as environments } from '../../modules/environments/datamap.ts';
import { declarations as pullRequests } from '../../modules/pull-requests/datamap.ts';
import { declarations as comments } from '../../modules/comments/datamap.ts';
import { declarations as history } from '../../modules/history/datamap.ts';
import { declarations as runs } from '../../modules/runs/datamap.ts';
import { declarations as policies } from '../../modules/policies/datamap.ts';
import { declarations as underageReports } from '../../modules/underage-reports/datamap.ts';
import { declarations as communications } from '../../modules/communications/datamap.ts';
import { declarations as consent } from '../../modules/consent/datamap.ts';
import { declarations as restrictions } from '../../modules/restrictions/datamap.ts';
import { declarations as analytics } from '../../modules/analytics/datamap.ts';
import { declarations as audit } from '../../modules/audit/datamap.ts';
import { declarations as dataExports } from '../../modules/data-exports/datamap.ts';
import { declarations as accountDeletion } from '../../modules/account-deletion/datamap.ts';
import { declarations as deletionLedger } from '../../modules/deletion-ledger/datamap.ts';
import { declarations as privacyRequests } from '../../modules/privacy-requests/datamap.ts';
import { declarations as retention } from '../../modules/retention/datamap.ts';
import { declarations as oauthApps } from '../../modules/oauth-apps/datamap.ts';
import { declarations as supportTickets } from '../../modules/support-tickets/datamap.ts';
import { declarations as billing } from '../../modules/billing/datamap.ts';
import { declarations as secretFindings } from '../../modules/secret-findings/datamap.ts';
import { declarations as incidents } from '../../modules/incidents/datamap.ts';
import { declarations as operatorAccess } from '../../modules/operator-access/datamap.ts';
import { declarations as teamDomains } from '../../modules/team-domains/datamap.ts';
import { declarations as webhooks } from '../../modules/webhooks/datamap.ts';
import { declarations as monitors } from '../../modules/monitors/datamap.ts';
import { declarations as mocks } from '../../modules/mocks/datamap.ts';

export type * from './types.ts';

/** The data map: one declaration per table of the schema, in schema order. */
export const DATA_MAP: readonly TableDeclaration[] = [
  ...accounts,
  ...sessions,
  ...teams,
  ...workspaces,
  ...outbox,
  ...recovery,
  ...rateLimits,
  ...apiKeys,
  ...twoFactor,
  ...profiles,
  ...identities,
  ...collections,
  ...environments,
  ...pullRequests,
  ...comments,
  ...history,
  ...runs,
  ...policies,
  ...underageReports,
  ...communications,
  ...consent,
  ...restrictions,
  ...analytics,
  ...audit,
  ...dataExports,
  ...accountDeletion,
  ...deletionLedger,
  ...privacyRequests,
  ...retention,
  ...oauthApps,
  ...incidents,
  ...secretFindings,
  ...operatorAccess,
  ...supportTickets,
  ...billing,
  ...teamDomains,
  ...webhooks,
  ...mocks,
  ...monitors,
];

/** The table's SQL name. */
export function tableName(decl: TableDeclaration): string {
  return getTableConfig(decl.table).name;
}

/** The declaration of the table with this SQL name, or undefined. */
export function declarationFor(name: string): TableDeclaration | undefined {
  return DATA_MAP.find((decl) => tableName(decl) === name);
}

/** The table's columns that hold personal data (`user.*`), by SQL name. */
export function personalColumns(decl: TableDeclaration): [string, ColumnDeclaration][] {
  return Object.entries(decl.columns).filter(([, column]) => column.category.startsWith('user.'));
}

/** A row (keyed by SQL column name) reduced to the columns a person's export includes (P21). */
export function exportColumns(decl: TableDeclaration, row: Record<string, unknown>): Record<string, unknown> {
  const kept: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(row)) {
    if (decl.columns[name]?.export === true) kept[name] = value;
  }
  return kept;
}

/** Whether a row (keyed by SQL column name) meets a condition; mirrors `rowConditionSql`. */
export function rowMatches(row: Record<string, unknown>, condition: RowCondition): boolean {
  const value = row[condition.column];
  return 'isNotNull' in condition ? value !== null && value !== undefined : value === condition.equals;
}

/** The same condition as SQL, for statements over many rows (erasure). */
export function rowConditionSql(condition: RowCondition): SQL {
  const column = sql.identifier(condition.column);
  return 'isNotNull' in condition ? sql`${column} is not null` : sql`${column} = ${condition.equals}`;
}

/** What erasure does to one row found through `link`: delete it or keep it reattributed. */
export function eraseActionFor(link: SubjectLink, row: Record<string, unknown>): 'delete' | 'reattribute' {
  if (link.onErase === 'reattribute') return 'reattribute';
  return link.reattributeWhen?.some((condition) => rowMatches(row, condition)) ? 'reattribute' : 'delete';
}

/** Who a search is about: the account and its current email address. */
export interface Subject {
  accountId: string;
  email: string;
  /**
   * Names the person goes by (username, display name), searched with the email in `mentions`
   * columns; read from the users row when absent.
   */
  names?: string[];
}

/** Every row of one table that refers to the subject, with the link columns that matched. */
export interface SubjectRecord {
  table: string;
  /** The link columns that matched at least one of the rows. */
  links: string[];
  /** Whole rows, keyed by SQL column name (bytea values as the driver returns them). */
  rows: Record<string, unknown>[];
}

export type SubjectRecords = SubjectRecord[];

/** A subject with everything the database adds: addresses used before (P23) and names. */
export interface ResolvedSubject {
  accountId: string;
  /** The current address first, then earlier ones, lowercased. */
  emails: string[];
  names: string[];
}

/** Fills in the subject's earlier addresses (previous_emails) and names (users) when not given. */
export async function resolveSubject(db: Database, subject: Subject): Promise<ResolvedSubject> {
  const accountId = subject.accountId.toLowerCase();
  const known = UUID.test(accountId);
  const previous = known
    ? await queryRows<{ email: string }>(db, sql`select email from previous_emails where user_id = ${accountId}`)
    : [];
  const emails = [...new Set([subject.email, ...previous.map((row) => row.email)].map((email) => email.toLowerCase()))];
  return { accountId, emails, names: subject.names ?? (known ? await namesOf(db, accountId) : []) };
}

function linkMatches(link: SubjectLink, row: Record<string, unknown>, subject: ResolvedSubject): boolean {
  const value = row[link.column];
  if (link.by === 'account') return value === subject.accountId;
  return typeof value === 'string' && subject.emails.includes(value.toLowerCase());
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The rows `link` ties to the subject, as SQL; erasure and its preview use the same predicate. */
export function subjectLinkSql(link: SubjectLink, subject: ResolvedSubject): SQL {
  const column = sql.identifier(link.column);
  if (link.by === 'email') return sql`lower(${column}) in (${sql.join(subject.emails.map((email) => sql`${email}`), sql`, `)})`;
  // A malformed id matches nothing rather than failing the cast; a valid one keeps the index usable.
  return UUID.test(subject.accountId) ? sql`${column} = ${subject.accountId}` : sql`false`;
}

/** The mention pattern (mentions.ts) for everything the subject is called or reached at. */
export function subjectMentionPattern(subject: ResolvedSubject): string | undefined {
  return mentionPattern([...subject.emails, ...subject.names]);
}

/**
 * Every row in the database that refers to the person, found through the data map's subject links
 * (one SELECT per table, OR over its links) and, in `mentions` columns, by name or address. Tables
 * without a matching row are left out. Export (P21) and the proof test start here; erasure uses
 * the same links.
 */
export async function subjectRows(db: Database, subject: Subject, map: readonly TableDeclaration[] = DATA_MAP): Promise<SubjectRecords> {
  const resolved = await resolveSubject(db, subject);
  const pattern = subjectMentionPattern(resolved);
  const found: SubjectRecords = [];
  for (const decl of map) {
    const mentionColumns = pattern ? mentionColumnsOf(decl) : [];
    if (decl.subjects.length === 0 && mentionColumns.length === 0) continue;
    const name = tableName(decl);
    const where = sql.join(
      [
        ...decl.subjects.map((link) => subjectLinkSql(link, resolved)),
        ...mentionColumns.map((column) => sql`${sql.identifier(column)} ~* ${pattern}`),
      ],
      sql` or `,
    );
    const selected = await queryRows<Record<string, unknown>>(db, sql`select * from ${sql.identifier(name)} where ${where}`);
    if (selected.length === 0) continue;
    const linked = (row: Record<string, unknown>) => decl.subjects.some((link) => linkMatches(link, row, resolved));
    const links = decl.subjects.filter((link) => selected.some((row) => linkMatches(link, row, resolved))).map((link) => link.column);
    // A row that only mentions the person belongs to someone else: only its key and the mention.
    const keep = [...primaryKeyColumns(decl), ...mentionColumns];
    const rows = selected.map((row) => (linked(row) ? row : Object.fromEntries(keep.map((column) => [column, row[column]]))));
    if (selected.some((row) => !linked(row))) links.push(...mentionColumns.map((column) => `mention:${column}`));
    found.push({ table: name, links: [...new Set(links)], rows });
  }
  return found;
}

/** The table's free-text columns that may name people (`mentions: true`). */
export function mentionColumnsOf(decl: TableDeclaration): string[] {
  return Object.entries(decl.columns)
    .filter(([, column]) => column.mentions === true)
    .map(([name]) => name);
}

/** Primary-key columns (single or composite), by SQL name. */
export function primaryKeyColumns(decl: TableDeclaration): string[] {
  const config = getTableConfig(decl.table);
  const single = config.columns.filter((c) => c.primary).map((c) => c.name);
  const composite = config.primaryKeys.flatMap((pk) => pk.columns.map((c) => c.name));
  return [...new Set([...single, ...composite])];
}

async function namesOf(db: Database, accountId: string): Promise<string[]> {
  if (!UUID.test(accountId)) return [];
  const [row] = await queryRows<{ username: string; display_name: string | null }>(
    db,
    sql`select username, display_name from users where id = ${accountId}`,
  );
  return row ? [row.username, ...(row.display_name ? [row.display_name] : [])] : [];
}
