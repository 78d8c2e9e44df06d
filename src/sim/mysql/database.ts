/**
 * One MySQL server's data, open in SQLite: every schema's tables in one database (a MySQL table
 * `db.t` is the SQLite table "db.t"), the catalog MySQL's statements read (kept in a table of its
 * own, so an image carries it), MySQL's functions, and triggers that capture every row a
 * statement changes (cascades included) for the binary log and for judging harm.
 */
import type { Database, SqlValue } from 'sql.js';
import { sqlEngine } from './sql-engine';
import { registerFunctions, type SqlFunctionContext } from './functions';
import { sqliteCreateIndexes, sqliteCreateTable, sqliteIdent, storageName, type DatabaseDef, type TableDef } from './catalog';
import type { CellValue } from './generate';
import type { DataVersion } from './state';

export interface Catalog {
  databases: ReadonlyMap<string, DatabaseDef>;
  /** Keyed by `storageName(db, table)`. */
  tables: ReadonlyMap<string, TableDef>;
}

/** One row changed, as the capture triggers saw it. */
export interface CapturedChange {
  /** Storage name `db.table`. */
  table: string;
  op: 'insert' | 'delete' | 'update';
  before: CellValue[] | null;
  after: CellValue[] | null;
}

const CATALOG_TABLE = '__catalog';

function toCell(value: SqlValue): CellValue {
  if (value instanceof Uint8Array) return new TextDecoder().decode(value);
  return value;
}

export class ServerDatabase {
  db: Database;
  /** The data version this database holds now. */
  version: DataVersion;
  readonly fn: SqlFunctionContext = { now: 0, database: null, user: '', currentUser: '', connectionId: 0, lastInsertId: 0, rowCount: 0, foundRows: 0, version: '8.0.19', seed: '', calls: 0, slept: 0, divisionsByZero: 0 };
  private cachedCatalog: Catalog | null = null;
  private foreignKeys = true;

  constructor(image: Uint8Array | null, version: DataVersion) {
    const SQL = sqlEngine();
    this.db = image ? new SQL.Database(image) : new SQL.Database();
    this.version = version;
    if (!image) this.db.exec(`CREATE TABLE ${sqliteIdent(CATALOG_TABLE)} (kind TEXT NOT NULL, db TEXT NOT NULL, name TEXT NOT NULL, def TEXT NOT NULL, PRIMARY KEY (kind, db, name))`);
    this.prepareSession();
  }

  /**
   * Functions and pragmas: what a SQLite connection loses when reopened. The capture table and
   * its triggers live in the database itself, so an image carries them and opening one (each
   * replay opens its servers' images) does not build them again.
   */
  private prepareSession(): void {
    this.db.exec('PRAGMA recursive_triggers = ON');
    this.setForeignKeys(this.foreignKeys, true);
    registerFunctions(this.db, this.fn);
    this.db.exec('CREATE TABLE IF NOT EXISTS "__changes" (seq INTEGER PRIMARY KEY, tbl TEXT, op TEXT, old TEXT, new TEXT)');
  }

  /** Capture triggers for the tables that were created without them (an image being built in bulk). */
  private captureAll(): void {
    const existing = new Set((this.db.exec("SELECT name FROM sqlite_master WHERE type = 'trigger'")[0]?.values ?? []).map(([name]) => String(name)));
    for (const table of this.catalog().tables.values()) {
      if (!existing.has(`cap:i:${storageName(table.database, table.name)}`)) this.addCaptureTriggers(table);
    }
  }

  /** MySQL's foreign_key_checks: off, foreign keys neither check nor cascade (as InnoDB). */
  setForeignKeys(on: boolean, force = false): void {
    if (!force && on === this.foreignKeys) return;
    this.db.exec(`PRAGMA foreign_keys = ${on ? 'ON' : 'OFF'}`);
    this.foreignKeys = on;
  }

  get foreignKeysOn(): boolean {
    return this.foreignKeys;
  }

  catalog(): Catalog {
    if (this.cachedCatalog) return this.cachedCatalog;
    const databases = new Map<string, DatabaseDef>();
    const tables = new Map<string, TableDef>();
    const result = this.db.exec(`SELECT kind, db, name, def FROM ${sqliteIdent(CATALOG_TABLE)} ORDER BY kind, db, name`);
    for (const [kind, db, name, def] of result[0]?.values ?? []) {
      if (kind === 'database') databases.set(String(db), JSON.parse(String(def)) as DatabaseDef);
      else tables.set(storageName(String(db), String(name)), JSON.parse(String(def)) as TableDef);
    }
    this.cachedCatalog = { databases, tables };
    return this.cachedCatalog;
  }

  table(database: string, name: string): TableDef | undefined {
    return this.catalog().tables.get(storageName(database, name));
  }

  tablesOf(database: string): TableDef[] {
    return [...this.catalog().tables.values()].filter((t) => t.database === database).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  putDatabase(def: DatabaseDef): void {
    this.db.run(`INSERT OR REPLACE INTO ${sqliteIdent(CATALOG_TABLE)} VALUES ('database', ?, '', ?)`, [def.name, JSON.stringify(def)]);
    this.cachedCatalog = null;
  }

  /** Removes a database and its tables (their rows go with them). */
  dropDatabase(name: string): void {
    for (const table of this.tablesOf(name)) this.dropTable(table.database, table.name);
    this.db.run(`DELETE FROM ${sqliteIdent(CATALOG_TABLE)} WHERE kind = 'database' AND db = ?`, [name]);
    this.cachedCatalog = null;
  }

  /** Creates a table's storage, indexes and capture triggers, and records it in the catalog. */
  createTable(def: TableDef, capture = true): void {
    this.db.exec(sqliteCreateTable(def));
    for (const statement of sqliteCreateIndexes(def)) this.db.exec(statement);
    this.db.run(`INSERT OR REPLACE INTO ${sqliteIdent(CATALOG_TABLE)} VALUES ('table', ?, ?, ?)`, [def.database, def.name, JSON.stringify(def)]);
    this.cachedCatalog = null;
    if (capture) this.addCaptureTriggers(def);
  }

  /** Changes a table's definition, keeping its rows (columns matched by name): ALTER TABLE. */
  rebuildTable(old: TableDef, next: TableDef): void {
    const fk = this.foreignKeys;
    this.setForeignKeys(false);
    const temp = storageName(next.database, `${next.name}#new`);
    const create = sqliteCreateTable({ ...next, name: `${next.name}#new` });
    this.db.exec(create);
    const shared = next.columns.filter((c) => old.columns.some((o) => o.name.toLowerCase() === c.name.toLowerCase()));
    const oldName = (c: string) => old.columns.find((o) => o.name.toLowerCase() === c.toLowerCase())!.name;
    if (shared.length) this.db.exec(`INSERT INTO ${sqliteIdent(temp)} (${shared.map((c) => sqliteIdent(c.name)).join(', ')}) SELECT ${shared.map((c) => sqliteIdent(oldName(c.name))).join(', ')} FROM ${sqliteIdent(storageName(old.database, old.name))}`);
    this.dropTable(old.database, old.name);
    this.db.exec(`ALTER TABLE ${sqliteIdent(temp)} RENAME TO ${sqliteIdent(storageName(next.database, next.name))}`);
    for (const statement of sqliteCreateIndexes(next)) this.db.exec(statement);
    this.db.run(`INSERT OR REPLACE INTO ${sqliteIdent(CATALOG_TABLE)} VALUES ('table', ?, ?, ?)`, [next.database, next.name, JSON.stringify(next)]);
    this.cachedCatalog = null;
    this.addCaptureTriggers(next);
    this.setForeignKeys(fk);
  }

  /** Rewrites a table's catalog entry only (its foreign keys were renamed, its comment changed). */
  updateDefinition(def: TableDef): void {
    this.db.run(`INSERT OR REPLACE INTO ${sqliteIdent(CATALOG_TABLE)} VALUES ('table', ?, ?, ?)`, [def.database, def.name, JSON.stringify(def)]);
    this.cachedCatalog = null;
  }

  /** Drops a table's storage without touching its children's rows (MySQL's DROP does not cascade). */
  dropTable(database: string, name: string): void {
    const fk = this.foreignKeys;
    this.setForeignKeys(false);
    const storage = storageName(database, name);
    for (const op of ['i', 'd', 'u']) this.db.exec(`DROP TRIGGER IF EXISTS ${sqliteIdent(`cap:${op}:${storage}`)}`);
    this.db.exec(`DROP TABLE IF EXISTS ${sqliteIdent(storage)}`);
    this.db.run(`DELETE FROM ${sqliteIdent(CATALOG_TABLE)} WHERE kind = 'table' AND db = ? AND name = ?`, [database, name]);
    this.cachedCatalog = null;
    this.setForeignKeys(fk);
  }

  /** Renames a table (RENAME TABLE, ALTER TABLE … RENAME). */
  renameTable(def: TableDef, database: string, name: string): void {
    const from = storageName(def.database, def.name);
    for (const op of ['i', 'd', 'u']) this.db.exec(`DROP TRIGGER IF EXISTS ${sqliteIdent(`cap:${op}:${from}`)}`);
    this.db.exec(`ALTER TABLE ${sqliteIdent(from)} RENAME TO ${sqliteIdent(storageName(database, name))}`);
    this.db.run(`DELETE FROM ${sqliteIdent(CATALOG_TABLE)} WHERE kind = 'table' AND db = ? AND name = ?`, [def.database, def.name]);
    const next = { ...def, database, name };
    this.db.run(`INSERT OR REPLACE INTO ${sqliteIdent(CATALOG_TABLE)} VALUES ('table', ?, ?, ?)`, [database, name, JSON.stringify(next)]);
    this.cachedCatalog = null;
    this.addCaptureTriggers(next);
  }

  private addCaptureTriggers(table: TableDef): void {
    const storage = storageName(table.database, table.name);
    const cols = (prefix: string) => `json_array(${table.columns.map((c) => `${prefix}.${sqliteIdent(c.name)}`).join(', ')})`;
    const name = sqliteIdent(storage);
    const literal = `'${storage.replace(/'/g, "''")}'`;
    this.db.exec(`CREATE TRIGGER IF NOT EXISTS ${sqliteIdent(`cap:i:${storage}`)} AFTER INSERT ON ${name} BEGIN INSERT INTO "__changes" (tbl, op, old, new) VALUES (${literal}, 'insert', NULL, ${cols('NEW')}); END`);
    this.db.exec(`CREATE TRIGGER IF NOT EXISTS ${sqliteIdent(`cap:d:${storage}`)} AFTER DELETE ON ${name} BEGIN INSERT INTO "__changes" (tbl, op, old, new) VALUES (${literal}, 'delete', ${cols('OLD')}, NULL); END`);
    this.db.exec(`CREATE TRIGGER IF NOT EXISTS ${sqliteIdent(`cap:u:${storage}`)} AFTER UPDATE ON ${name} BEGIN INSERT INTO "__changes" (tbl, op, old, new) VALUES (${literal}, 'update', ${cols('OLD')}, ${cols('NEW')}); END`);
  }

  /** Forgets captured changes (before a statement). */
  clearCaptured(): void {
    this.db.exec('DELETE FROM "__changes"');
  }

  /** Every row change since the last clear, in order. */
  captured(): CapturedChange[] {
    // One JSON document for all of them (the rows are JSON already): one string out of SQLite, one parse.
    const result = this.db.exec(`SELECT group_concat('[' || json_quote(tbl) || ',' || json_quote(op) || ',' || coalesce(old, 'null') || ',' || coalesce(new, 'null') || ']', ',' ORDER BY seq) FROM "__changes"`);
    const text = result[0]?.values[0]?.[0];
    if (text === null || text === undefined) return [];
    const all = JSON.parse(`[${String(text)}]`) as [string, CapturedChange['op'], CellValue[] | null, CellValue[] | null][];
    return all.map(([table, op, before, after]) => ({ table, op, before, after }));
  }

  /** Runs SQL with parameters; returns the rows changed directly (not by cascades). */
  run(sql: string, params: SqlValue[] = []): number {
    this.db.run(sql, params);
    return this.db.getRowsModified();
  }

  /** Runs a query; rows come back as plain values. */
  query(sql: string, params: SqlValue[] = []): { columns: string[]; rows: CellValue[][] } {
    const statement = this.db.prepare(sql);
    try {
      statement.bind(params);
      const columns = statement.getColumnNames();
      const rows: CellValue[][] = [];
      while (statement.step()) rows.push(statement.get().map(toCell));
      return { columns, rows };
    } finally {
      statement.free();
    }
  }

  /** Rows in a MySQL table (0 when it does not exist). */
  count(database: string, table: string): number {
    if (!this.table(database, table)) return 0;
    const result = this.db.exec(`SELECT count(*) FROM ${sqliteIdent(storageName(database, table))}`);
    return Number(result[0]?.values[0]?.[0] ?? 0);
  }

  /**
   * Distinct values of an index's first `columns` in a table's rows, as InnoDB's statistics count
   * them for Cardinality (exact: its sampling is exact on tables this small; NULLs are one value,
   * innodb_stats_method=nulls_equal). 0 when the table does not exist.
   */
  distinctCount(database: string, table: string, columns: readonly string[]): number {
    if (!this.table(database, table) || columns.length === 0) return 0;
    const list = columns.map((c) => sqliteIdent(c)).join(', ');
    const result = this.db.exec(`SELECT count(*) FROM (SELECT DISTINCT ${list} FROM ${sqliteIdent(storageName(database, table))})`);
    return Number(result[0]?.values[0]?.[0] ?? 0);
  }

  /** The next AUTO_INCREMENT value of a table, or null when it has no auto-increment column. */
  nextAutoIncrement(table: TableDef): number | null {
    const column = table.columns.find((c) => c.autoIncrement);
    if (!column) return null;
    const storage = storageName(table.database, table.name);
    const seq = this.db.exec(`SELECT seq FROM sqlite_sequence WHERE name = ?`, [storage]);
    const fromSeq = Number(seq[0]?.values[0]?.[0] ?? 0);
    const max = this.db.exec(`SELECT max(${sqliteIdent(column.name)}) FROM ${sqliteIdent(storage)}`);
    return Math.max(fromSeq, Number(max[0]?.values[0]?.[0] ?? 0)) + 1;
  }

  /** The whole database as bytes (an image), capture triggers included: SQLite reopens its connection, so the session is prepared again. */
  export(): Uint8Array {
    this.captureAll();
    this.clearCaptured();
    const bytes = this.db.export();
    this.prepareSession();
    return bytes;
  }

  close(): void {
    this.db.close();
  }
}
