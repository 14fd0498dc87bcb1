import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { is } from 'drizzle-orm';
import { PgTable, getTableConfig } from 'drizzle-orm/pg-core';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import * as schema from '../src/db/schema.ts';

/**
 * P16, statically: the workspace policy (src/policies/workspaces.ts) is the one path from the
 * operator flag to workspace content. The facts are derived, not listed: the content tables are
 * every table reachable by foreign keys from `workspaces`; a module touches content when it
 * imports one of them; its source must call access.require/roleOf; and no module that touches
 * content may read the operator flag. New modules are checked without anyone editing this file;
 * the short allow-lists below need a reason each.
 */

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '../src');
const POLICY = 'policies/workspaces.ts';

/** Modules that import content tables but answer no request for workspace content, with why. */
const NO_ACCESS_CHECK_NEEDED: Record<string, string> = {
  'account-deletion': 'erasure of a deleted account: deletes or reattributes rows, reads nobody’s content for anyone',
  'data-exports': 'the person’s own export, selected by their account id through the data map',
  retention: 'deletes rows past their retention rule; serves nothing',
  backups: 'whole-database backup and restore for the operator on the command line, not over HTTP',
  'deletion-ledger': 'replays erasures after a restore; serves nothing',
  'datamap-api': 'describes tables (the data map), never their rows',
  communications:
    'reads only the ids of a collection’s commenters to notify them; app.ts filters them through access.roleOf (canReadWorkspace)',
  incidents: 'a team security incident (P15) counts members’ history rows in the team’s workspaces; no content, and it keeps its own access log',
};

/** Modules that may read the operator flag although they touch content tables, with why. */
const MAY_READ_OPERATOR_FLAG: Record<string, string> = {
  'operator-access':
    'creates and ends grants (operator only); reads workspace names and the log, never content; its own reads of the log go through access.require',
  communications: 'the flag guards sending product news, which touches no workspace',
};

/**
 * Service methods that call access.require themselves, so calling them is going through the
 * policy: `<file>#<function>` (checked below, so the list cannot lie).
 */
const DELEGATED_GUARDS: Record<string, string> = { authorize: 'modules/collections/service.ts' };

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [path] : [];
  });
}

/** The module a file belongs to: modules/<name>/… or modules/<name>.ts; other folders by path. */
function moduleOf(file: string): string {
  const rel = relative(SRC, file).split('\\').join('/');
  const m = /^modules\/([^/]+?)(?:\.ts$|\/)/.exec(rel);
  return m ? m[1]! : rel;
}

/** Export names of the tables reachable from `workspaces` by foreign keys (workspace content). */
function contentTableExports(): Set<string> {
  const tables = Object.entries(schema).filter(([, value]) => is(value, PgTable)) as [string, PgTable][];
  const content = new Set(['workspaces']);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [, table] of tables) {
      const config = getTableConfig(table);
      if (content.has(config.name)) continue;
      if (config.foreignKeys.some((fk) => content.has(getTableConfig(fk.reference().foreignTable).name))) {
        content.add(config.name);
        grew = true;
      }
    }
  }
  return new Set(tables.filter(([, t]) => content.has(getTableConfig(t).name)).map(([name]) => name));
}

interface FileFacts {
  file: string;
  module: string;
  /** Content tables imported (from any schema.ts). */
  contentImports: string[];
  /** Lines where `.operator` (or `{ operator }`) is read. */
  operatorReads: number[];
  callsAccess: boolean;
}

function factsOf(file: string, contentTables: Set<string>, contentStoreModules: ReadonlySet<string> = new Set()): FileFacts {
  const text = readFileSync(file, 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const contentImports: string[] = [];
  const operatorReads: number[] = [];
  let callsAccess = false;
  const line = (node: ts.Node) => source.getLineAndCharacterOfPosition(node.getStart()).line + 1;
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier) && /(^|\/)schema\.ts$/.test(node.moduleSpecifier.text)) {
      const bindings = node.importClause?.namedBindings;
      if (bindings && ts.isNamedImports(bindings) && !node.importClause?.isTypeOnly) {
        for (const element of bindings.elements) {
          const name = (element.propertyName ?? element.name).text;
          if (!element.isTypeOnly && contentTables.has(name)) contentImports.push(name);
        }
      }
      if (bindings && ts.isNamespaceImport(bindings)) contentImports.push('* (the whole schema)');
    }
    // Another module's store (createCollectionStore, …) reaches its tables just the same.
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier) && !node.importClause?.isTypeOnly) {
      const m = /^\.\.\/([^/]+)\/store\.ts$/.exec(node.moduleSpecifier.text);
      if (m && contentStoreModules.has(m[1]!)) contentImports.push(`${m[1]}/store.ts`);
    }
    // user.operator, c.get('user')?.operator, …
    if (ts.isPropertyAccessExpression(node) && node.name.text === 'operator') operatorReads.push(line(node));
    // const { operator } = user
    if (ts.isBindingElement(node) && (node.propertyName ?? node.name).getText(source) === 'operator') operatorReads.push(line(node));
    // access.require(…), deps.access.roleOf(…), workspaceAccess.require(…)
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
      const method = node.expression.name.text;
      const target = node.expression.expression.getText(source);
      if ((method === 'require' || method === 'roleOf') && /access$/i.test(target)) callsAccess = true;
      // collections.authorize(…) and other delegated guards
      if (method in DELEGATED_GUARDS && relative(SRC, file) !== DELEGATED_GUARDS[method]) callsAccess = true;
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return { file: relative(SRC, file), module: moduleOf(file), contentImports, operatorReads, callsAccess };
}

describe('operator access has one path (P16)', () => {
  const contentTables = contentTableExports();
  // The content modules (src/modules/**); the policy itself is looked at separately.
  const firstPass = sourceFiles(join(SRC, 'modules')).map((file) => factsOf(file, contentTables));
  // Modules that own content tables; importing their store touches content too.
  const contentStores = new Set(
    firstPass
      .filter((f) => /\/schema\.ts$/.test(f.file))
      .filter((f) => [...readFileSync(join(SRC, f.file), 'utf8').matchAll(/export const (\w+) = pgTable\(/g)].some((m) => contentTables.has(m[1]!)))
      .map((f) => f.module),
  );
  const files = sourceFiles(join(SRC, 'modules')).map((file) => factsOf(file, contentTables, contentStores));
  const policy = factsOf(join(SRC, POLICY), contentTables);
  const modules = new Map<string, FileFacts[]>();
  for (const f of files) modules.set(f.module, [...(modules.get(f.module) ?? []), f]);

  it('finds the content tables and the modules that use them (the scan itself works)', () => {
    for (const table of ['workspaces', 'collections', 'environments', 'workspaceGrants', 'collectionComments', 'pullRequests', 'operatorAccessReads']) {
      expect(contentTables, table).toContain(table);
    }
    expect(contentTables).not.toContain('users');
    const touching = [...modules].filter(([, fs]) => fs.some((f) => f.contentImports.length > 0)).map(([name]) => name);
    expect(touching).toEqual(expect.arrayContaining(['collections', 'environments', 'comments', 'pull-requests', 'workspaces']));
    expect(contentStores).toContain('collections');
    // The policy is where the flag is read, and the scan sees it there.
    expect(policy.operatorReads.length).toBeGreaterThan(0);
  });

  it('the delegated guards call access.require themselves', () => {
    for (const [name, file] of Object.entries(DELEGATED_GUARDS)) {
      const source = ts.createSourceFile(file, readFileSync(join(SRC, file), 'utf8'), ts.ScriptTarget.Latest, true);
      let guarded = false;
      const visit = (node: ts.Node) => {
        if (ts.isFunctionDeclaration(node) && node.name?.text === name) guarded = /\baccess\.require\(/.test(node.getText(source));
        ts.forEachChild(node, visit);
      };
      visit(source);
      expect(guarded, `${file}: ${name}() must call access.require`).toBe(true);
    }
  });

  it('every module that touches workspace content goes through access.require/roleOf', () => {
    const unguarded = [...modules]
      .filter(([name, fs]) => fs.some((f) => f.contentImports.length > 0) && !fs.some((f) => f.callsAccess) && !(name in NO_ACCESS_CHECK_NEEDED))
      .map(([name, fs]) => `${name} (imports ${[...new Set(fs.flatMap((f) => f.contentImports))].join(', ')})`);
    expect(unguarded, 'call access.require/roleOf (policies/workspaces.ts) before serving workspace content').toEqual([]);
  });

  it('no module that touches workspace content reads the operator flag; only the policy decides', () => {
    const offenders = [...modules]
      .filter(([name, fs]) => fs.some((f) => f.contentImports.length > 0) && !(name in MAY_READ_OPERATOR_FLAG))
      .flatMap(([, fs]) => fs.filter((f) => f.operatorReads.length > 0).map((f) => `${f.file}:${f.operatorReads.join(',')}`));
    expect(offenders, 'let policies/workspaces.ts decide what an operator may read').toEqual([]);
  });

  it('the allow-lists name modules that exist', () => {
    for (const name of [...Object.keys(NO_ACCESS_CHECK_NEEDED), ...Object.keys(MAY_READ_OPERATOR_FLAG)]) {
      expect(modules.has(name), `${name} is allow-listed but does not exist`).toBe(true);
    }
  });
});
