/**
 * What a statement is translated and run with: the server's catalog, the session's database and
 * variables, and system tables (information_schema, mysql.user…) filled in just before the query
 * reads them, so people can query them with real SQL.
 */
import type { ServerDatabase } from './database';
import type { CellValue } from './generate';
import { translateQuery, type QueryEnv, type SystemTable } from './select';
import { sqliteIdent } from './catalog';
import type { Node } from './tree';

/** A system table with its rows, made from the server's state when a query names it. */
export interface FilledSystemTable extends SystemTable {
  rows(): CellValue[][];
}

export interface SessionView {
  database: string | null;
  sysvar(name: string, scope: 'session' | 'global' | null): CellValue | undefined;
  uservar(name: string): CellValue;
  systemTable(database: string, name: string): FilledSystemTable | undefined;
}

/** The environment for translating one statement. */
export function queryEnv(db: ServerDatabase, sql: string, view: SessionView): QueryEnv & { systemTables: Map<string, FilledSystemTable> } {
  const systemTables = new Map<string, FilledSystemTable>();
  const env: QueryEnv & { systemTables: Map<string, FilledSystemTable> } = {
    sql,
    database: view.database,
    catalog: db.catalog(),
    reads: [],
    systemTables,
    ctes: new Map(),
    sysvar: (name, scope) => view.sysvar(name, scope),
    uservar: (name) => view.uservar(name),
    systemTable: (database, name) => view.systemTable(database, name),
    subquery: (nodes: readonly Node[], scope) => {
      const t = translateQuery(nodes, env, scope);
      return { sql: t.sql, type: t.columns[0]?.type ?? { kind: 'any', notNull: false } };
    },
  };
  return env;
}

/** Creates (or refills) the temp tables for the system tables a statement reads. */
export function fillSystemTables(db: ServerDatabase, tables: ReadonlyMap<string, FilledSystemTable>): void {
  for (const [storage, table] of tables) {
    const name = `temp.${sqliteIdent(storage)}`;
    db.db.exec(`DROP TABLE IF EXISTS ${name}`);
    db.db.exec(`CREATE TEMP TABLE ${sqliteIdent(storage)} (${table.columns.map((c) => `${sqliteIdent(c.name)}${c.type.kind === 'int' ? ' INTEGER' : c.type.kind === 'string' ? ' TEXT COLLATE NOCASE' : ''}`).join(', ')})`);
    const rows = table.rows();
    if (rows.length === 0) continue;
    const statement = db.db.prepare(`INSERT INTO ${name} VALUES (${table.columns.map(() => '?').join(', ')})`);
    try {
      for (const row of rows) statement.run(row);
    } finally {
      statement.free();
    }
  }
}

