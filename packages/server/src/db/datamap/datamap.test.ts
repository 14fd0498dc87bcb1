import { readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { is } from 'drizzle-orm';
import { PgTable, getTableConfig } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import * as schema from '../schema.ts';
import { DATA_MAP, declarationFor, eraseActionFor, exportColumns, personalColumns, tableName } from './index.ts';
import type { TableDeclaration } from './types.ts';

// The coverage test of the data map (P8): the schema is the truth, and every table and column in
// it must be declared, so a new column cannot reach production without a category, a purpose, a
// legal basis and an export/erasure decision. Failures say what to add and where.

const MODULES = fileURLToPath(new URL('../../modules/', import.meta.url));

const tables: PgTable[] = (Object.values(schema) as unknown[]).filter((value): value is PgTable => is(value, PgTable));
const users = schema.users;

/** Which module's schema.ts exports a table, for messages that say where to declare it. */
async function moduleOf(table: PgTable): Promise<string> {
  for (const name of readdirSync(MODULES)) {
    const file = join(MODULES, name, 'schema.ts');
    if (!existsSync(file)) continue;
    const exported = (await import(file)) as Record<string, unknown>;
    if (Object.values(exported).includes(table)) return name;
  }
  return '<module>';
}

const where = (module: string) =>
  `declare it in packages/server/src/modules/${module}/datamap.ts (export const declarations: TableDeclaration[]) and list that file in src/db/datamap/index.ts`;

const byName = new Map(DATA_MAP.map((decl) => [tableName(decl), decl]));

function declared(table: PgTable): TableDeclaration {
  const decl = byName.get(getTableConfig(table).name);
  if (!decl) throw new Error(`no declaration for ${getTableConfig(table).name}`);
  return decl;
}

describe('the data map (P8)', () => {
  it('reads every table of the schema', () => {
    // A guard against the filter above silently finding nothing.
    expect(tables.length).toBeGreaterThan(30);
    expect(tables).toContain(users);
  });

  it('declares every table of the schema', async () => {
    const missing: string[] = [];
    for (const table of tables) {
      const name = getTableConfig(table).name;
      if (!byName.has(name)) missing.push(`Table "${name}" has no data map declaration: ${where(await moduleOf(table))}.`);
    }
    expect(missing, missing.join('\n')).toEqual([]);
  });

  it('declares no table twice and none that the schema lacks', () => {
    const names = DATA_MAP.map(tableName);
    const duplicates = names.filter((name, i) => names.indexOf(name) !== i);
    expect(duplicates, `Declared more than once: ${duplicates.join(', ')}`).toEqual([]);
    const schemaNames = new Set(tables.map((table) => getTableConfig(table).name));
    const extra = names.filter((name) => !schemaNames.has(name));
    expect(extra, `Declared but not exported by src/db/schema.ts (add its schema.ts there, or remove the declaration): ${extra.join(', ')}`).toEqual([]);
  });

  it('declares exactly the columns each table has', async () => {
    const problems: string[] = [];
    for (const table of tables) {
      const decl = byName.get(getTableConfig(table).name);
      if (!decl) continue;
      const name = tableName(decl);
      const actual = getTableConfig(table).columns.map((column) => column.name);
      const listed = Object.keys(decl.columns);
      for (const column of actual.filter((c) => !listed.includes(c))) {
        problems.push(`Column "${name}.${column}" has no declaration: add "${column}" to the columns of "${name}"; ${where(await moduleOf(table))}.`);
      }
      for (const column of listed.filter((c) => !actual.includes(c))) {
        problems.push(`The declaration of "${name}" lists "${column}", which the table does not have (a typo, or a column since removed).`);
      }
    }
    expect(problems, problems.join('\n')).toEqual([]);
  });

  it('gives every personal column a purpose and a legal basis, and every column a description', () => {
    const problems: string[] = [];
    for (const decl of DATA_MAP) {
      for (const [column, c] of Object.entries(decl.columns)) {
        const at = `${tableName(decl)}.${column}`;
        if (!/^(user|system)\.[a-z_]+(\.[a-z_]+)*$/.test(c.category)) problems.push(`${at}: category "${c.category}" is not a dotted user.* or system.* name.`);
        if (c.description.trim() === '') problems.push(`${at}: describe it.`);
        if (c.category.startsWith('user.')) {
          if (!c.purposes || c.purposes.length === 0) problems.push(`${at} holds personal data (${c.category}) but names no purpose.`);
          if (!c.legalBasis) problems.push(`${at} holds personal data (${c.category}) but names no legal basis.`);
        }
      }
    }
    expect(problems, problems.join('\n')).toEqual([]);
  });

  it('links every column that refers to an account to the person', () => {
    const problems: string[] = [];
    for (const table of tables) {
      const decl = byName.get(getTableConfig(table).name);
      if (!decl) continue;
      for (const fk of getTableConfig(table).foreignKeys) {
        const ref = fk.reference();
        if (ref.foreignTable !== users || ref.foreignColumns[0]?.name !== 'id') continue;
        for (const column of ref.columns) {
          const link = decl.subjects.find((s) => s.column === column.name);
          if (link?.by !== 'account') {
            problems.push(
              `"${tableName(decl)}.${column.name}" refers to users.id but is no subject link: add { column: '${column.name}', by: 'account', role, onErase } to its subjects.`,
            );
          }
        }
      }
    }
    // The users row is its own subject.
    if (!declared(users).subjects.some((s) => s.column === 'id' && s.by === 'account')) problems.push('users.id must be the self link of the users table.');
    expect(problems, problems.join('\n')).toEqual([]);
  });

  it('names only existing columns in subject links, erasure conditions and retention rules', () => {
    const problems: string[] = [];
    for (const decl of DATA_MAP) {
      const name = tableName(decl);
      const has = (column: string) => column in decl.columns;
      for (const link of decl.subjects) {
        if (!has(link.column)) problems.push(`${name}: subject link on missing column "${link.column}".`);
        if (!decl.columns[link.column]?.category.startsWith('user.')) problems.push(`${name}.${link.column} links to a person, so its category must be user.*.`);
        for (const condition of link.reattributeWhen ?? []) {
          if (!has(condition.column)) problems.push(`${name}: reattributeWhen on missing column "${condition.column}".`);
        }
        if (link.reattributeWhen && link.onErase !== 'delete') problems.push(`${name}.${link.column}: reattributeWhen only makes sense with onErase 'delete'.`);
      }
      const rule = decl.retention;
      if ((rule.kind === 'age' || rule.kind === 'expiry') && !has(rule.column)) problems.push(`${name}: retention rule on missing column "${rule.column}".`);
      if (rule.describe.trim() === '') problems.push(`${name}: describe its retention in plain words.`);
    }
    expect(problems, problems.join('\n')).toEqual([]);
  });

  it('marks only text columns as mentioning people (erasure rewrites them with a regular expression)', () => {
    const problems = DATA_MAP.flatMap((decl) => {
      const columns = new Map(getTableConfig(decl.table).columns.map((c) => [c.name, c]));
      return Object.entries(decl.columns)
        .filter(([name, c]) => c.mentions && columns.get(name)?.getSQLType() !== 'text')
        .map(([name]) => `${tableName(decl)}.${name} is not a text column, so it cannot be marked mentions.`);
    });
    expect(problems, problems.join('\n')).toEqual([]);
    expect(DATA_MAP.some((decl) => Object.values(decl.columns).some((c) => c.mentions))).toBe(true);
  });

  it('never exports hashes, sealed secrets or tokens', () => {
    const leaks = DATA_MAP.flatMap((decl) =>
      Object.entries(decl.columns)
        .filter(([column, c]) => /hash|hmac|sealed|token/.test(column) && c.export)
        .map(([column]) => `${tableName(decl)}.${column} looks like a secret or hash: set export: false.`),
    );
    expect(leaks, leaks.join('\n')).toEqual([]);
  });

  it('keeps only exported columns in an export row, and lists personal columns', () => {
    const sessions = declarationFor('sessions')!;
    const row = { id: 's1', user_id: 'u1', token_hash: 'secret', ip_hash: 'h', approximate_network: '192.0.2.0/24', unknown: 1 };
    expect(exportColumns(sessions, row)).toEqual({ id: 's1', user_id: 'u1', approximate_network: '192.0.2.0/24' });
    expect(personalColumns(sessions).map(([name]) => name)).toContain('user_agent');
    expect(personalColumns(sessions).map(([name]) => name)).not.toContain('expires_at');
    expect(declarationFor('no_such_table')).toBeUndefined();
  });

  it('deletes a personal workspace with its owner but keeps team and public ones (P13, P24)', () => {
    const link = declarationFor('workspaces')!.subjects.find((s) => s.column === 'owner_id')!;
    expect(eraseActionFor(link, { kind: 'personal', team_id: null })).toBe('delete');
    expect(eraseActionFor(link, { kind: 'private', team_id: null })).toBe('delete');
    expect(eraseActionFor(link, { kind: 'team', team_id: 't1' })).toBe('reattribute');
    expect(eraseActionFor(link, { kind: 'public', team_id: null })).toBe('reattribute');
  });
});
