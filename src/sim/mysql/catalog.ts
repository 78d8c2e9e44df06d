/**
 * What a MySQL server knows about its schemas: databases, tables, columns with MySQL's types,
 * keys and foreign keys. From it come SHOW CREATE TABLE, DESCRIBE and information_schema, and
 * the SQLite tables that hold the rows (one SQLite table per MySQL table, named `db.table`).
 */

export type ReferentialAction = 'CASCADE' | 'SET NULL' | 'RESTRICT' | 'NO ACTION';

export interface ColumnType {
  /** Lower-case base name: `int`, `varchar`, `decimal`, `datetime`, `enum`… (`integer` is `int`, `boolean` is `tinyint(1)`). */
  base: string;
  /** What is in the parentheses, as written: `['10', '3']`, `['255']`, `["'a'", "'b'"]`. */
  args: readonly string[];
  unsigned: boolean;
  zerofill: boolean;
}

export interface ColumnDef {
  name: string;
  type: ColumnType;
  nullable: boolean;
  /** The default as SHOW CREATE TABLE writes it after DEFAULT: `NULL`, `'0'`, `CURRENT_TIMESTAMP`; undefined: none. */
  default?: string;
  autoIncrement: boolean;
  onUpdateNow: boolean;
  comment?: string;
}

export interface IndexDef {
  /** `PRIMARY` for the primary key. */
  name: string;
  columns: readonly string[];
  unique: boolean;
}

export interface ForeignKeyDef {
  name: string;
  columns: readonly string[];
  refDatabase: string;
  refTable: string;
  refColumns: readonly string[];
  onDelete: ReferentialAction;
  onUpdate: ReferentialAction;
}

export interface TableDef {
  database: string;
  name: string;
  columns: readonly ColumnDef[];
  primaryKey: readonly string[];
  /** Secondary indexes (unique and not), in the order SHOW CREATE TABLE lists them. */
  indexes: readonly IndexDef[];
  foreignKeys: readonly ForeignKeyDef[];
  engine: string;
  charset: string;
  collation: string;
  comment?: string;
  /** Epoch seconds (information_schema.TABLES.CREATE_TIME). */
  createdAt: number;
}

export interface DatabaseDef {
  name: string;
  charset: string;
  collation: string;
}

export const DEFAULT_CHARSET = 'utf8mb4';
export const DEFAULT_COLLATION = 'utf8mb4_0900_ai_ci';

const INT_TYPES = new Set(['tinyint', 'smallint', 'mediumint', 'int', 'bigint']);
const DECIMAL_TYPES = new Set(['decimal']);
const FLOAT_TYPES = new Set(['float', 'double']);
const TEMPORAL_TYPES = new Set(['date', 'datetime', 'timestamp', 'time', 'year']);
const TEXT_TYPES = new Set(['char', 'varchar', 'tinytext', 'text', 'mediumtext', 'longtext', 'enum', 'set', 'json']);
const BINARY_TYPES = new Set(['binary', 'varbinary', 'tinyblob', 'blob', 'mediumblob', 'longblob', 'bit']);

export function isIntegerType(t: ColumnType): boolean {
  return INT_TYPES.has(t.base) || t.base === 'year' || t.base === 'bit';
}
export function isDecimalType(t: ColumnType): boolean {
  return DECIMAL_TYPES.has(t.base);
}
export function isFloatType(t: ColumnType): boolean {
  return FLOAT_TYPES.has(t.base);
}
/** Numbers are right-aligned by the mysql client. */
export function isNumericType(t: ColumnType): boolean {
  return isIntegerType(t) || isDecimalType(t) || isFloatType(t);
}
export function isTextType(t: ColumnType): boolean {
  return TEXT_TYPES.has(t.base);
}
export function isTemporalType(t: ColumnType): boolean {
  return TEMPORAL_TYPES.has(t.base) && t.base !== 'year';
}
export function isBinaryType(t: ColumnType): boolean {
  return BINARY_TYPES.has(t.base);
}

/** Digits after the point of a decimal column (`decimal(10,3)` → 3). */
export function scaleOf(t: ColumnType): number {
  if (isDecimalType(t)) return Number(t.args[1] ?? 0) || 0;
  return 0;
}

/** The most characters a string column holds (`varchar(255)` → 255), or null when unbounded enough not to check. */
export function lengthLimit(t: ColumnType): number | null {
  if (t.base === 'char') return Number(t.args[0] ?? 1) || 1;
  if (t.base === 'varchar') return Number(t.args[0] ?? 255) || 255;
  if (t.base === 'tinytext') return 255;
  if (t.base === 'text') return 65_535;
  return null;
}

const ALIASES: Readonly<Record<string, string>> = { integer: 'int', int4: 'int', int8: 'bigint', numeric: 'decimal', dec: 'decimal', fixed: 'decimal', real: 'double', bool: 'tinyint', boolean: 'tinyint', character: 'char' };

/** Parses a type as written in CREATE TABLE or a scenario: `INT(11) UNSIGNED`, `varchar(255)`, `enum('a','b')`. Returns null for what is not a type. */
export function parseColumnType(text: string): ColumnType | null {
  const m = /^\s*([a-zA-Z]+)(?:\s+(precision|varying))?\s*(?:\(([^)]*(?:'[^']*'[^)]*)*)\))?\s*((?:unsigned|signed|zerofill|\s)*)\s*$/i.exec(text);
  if (!m) return null;
  const raw = m[1]!.toLowerCase();
  const known = Object.hasOwn(ALIASES, raw) ? ALIASES[raw]! : raw;
  if (!INT_TYPES.has(known) && !DECIMAL_TYPES.has(known) && !FLOAT_TYPES.has(known) && !TEMPORAL_TYPES.has(known) && !TEXT_TYPES.has(known) && !BINARY_TYPES.has(known)) return null;
  const args = m[3] !== undefined ? splitArgs(m[3]) : raw === 'bool' || raw === 'boolean' ? ['1'] : [];
  const flags = (m[4] ?? '').toLowerCase();
  return { base: known, args, unsigned: flags.includes('unsigned') || flags.includes('zerofill'), zerofill: flags.includes('zerofill') };
}

function splitArgs(text: string): string[] {
  const out: string[] = [];
  let current = '';
  let quote = '';
  for (const ch of text) {
    if (quote) {
      current += ch;
      if (ch === quote) quote = '';
    } else if (ch === "'" || ch === '"') {
      quote = ch;
      current += "'";
      if (ch === '"') quote = '"';
    } else if (ch === ',') {
      out.push(current.trim());
      current = '';
    } else current += ch;
  }
  if (current.trim() !== '') out.push(current.trim());
  return out.map((a) => (a.startsWith('"') ? `'${a.slice(1, -1)}'` : a));
}

/** The type as MySQL 8.0.19 prints it: integer display widths are gone except `tinyint(1)` and zerofill. */
export function typeText(t: ColumnType): string {
  let text = t.base;
  if (INT_TYPES.has(t.base)) {
    if ((t.base === 'tinyint' && t.args[0] === '1' && !t.unsigned) || t.zerofill) text += `(${t.args[0] ?? (t.base === 'tinyint' ? 3 : 10)})`;
  } else if (t.base === 'decimal') text += `(${t.args[0] ?? 10},${t.args[1] ?? 0})`;
  else if (t.base === 'char' || t.base === 'binary') text += `(${t.args[0] ?? 1})`;
  else if (t.args.length > 0 && t.base !== 'year') text += `(${t.args.join(',')})`;
  if (t.unsigned && (INT_TYPES.has(t.base) || DECIMAL_TYPES.has(t.base) || FLOAT_TYPES.has(t.base))) text += ' unsigned';
  if (t.zerofill) text += ' zerofill';
  return text;
}

/** Backquotes an identifier as MySQL prints it. */
export function quoteIdent(name: string): string {
  return `\`${name.replace(/`/g, '``')}\``;
}

/** Backquotes an identifier for SQLite (never taken for a string, as SQLite may take a double-quoted name it cannot find). */
export function sqliteIdent(name: string): string {
  return `\`${name.replace(/`/g, "``")}\``;
}

/** The SQLite table that holds a MySQL table's rows. */
export function storageName(database: string, table: string): string {
  return `${database}.${table}`;
}

/** A MySQL string literal: `'it\'s'`, as mysqldump and SHOW CREATE write them. */
export function mysqlString(value: string): string {
  let out = "'";
  for (const ch of value) {
    if (ch === "'") out += "\\'";
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\0') out += '\\0';
    else if (ch === '\x1a') out += '\\Z';
    else if (ch === '"') out += '\\"';
    else out += ch;
  }
  return `${out}'`;
}

function sqliteAffinity(t: ColumnType): string {
  if (isIntegerType(t)) return 'INTEGER';
  if (isDecimalType(t) || isFloatType(t)) return 'REAL';
  if (isBinaryType(t)) return 'BLOB';
  return 'TEXT';
}

/** A name SQLite uses for a CHECK that keeps a string within its declared length; errors name it. */
export function lengthCheckName(column: string): string {
  return `len:${column}`;
}

/** A SQLite literal for a default written MySQL's way (`'0'`, `NULL`, `CURRENT_TIMESTAMP`). */
function sqliteDefault(def: string): string {
  if (/^current_timestamp(\(\))?$/i.test(def) || /^now\(\)$/i.test(def)) return '(mysql_now())';
  if (/^null$/i.test(def)) return 'NULL';
  if (/^'.*'$/s.test(def)) return `'${def.slice(1, -1).replace(/\\'/g, "''").replace(/\\\\/g, '\\')}'`;
  if (/^-?\d+(\.\d+)?$/.test(def)) return def;
  return `'${def.replace(/'/g, "''")}'`;
}

/** The SQLite statement that creates the storage of a table. */
export function sqliteCreateTable(table: TableDef): string {
  const parts: string[] = [];
  const singleAutoPk = table.primaryKey.length === 1 && table.columns.some((c) => c.name === table.primaryKey[0] && c.autoIncrement && isIntegerType(c.type));
  for (const column of table.columns) {
    let decl = `${sqliteIdent(column.name)} ${sqliteAffinity(column.type)}`;
    if (singleAutoPk && column.name === table.primaryKey[0]) decl = `${sqliteIdent(column.name)} INTEGER PRIMARY KEY AUTOINCREMENT`;
    else {
      if (isTextType(column.type)) decl += ' COLLATE NOCASE';
      if (!column.nullable) decl += ' NOT NULL';
      if (column.default !== undefined) decl += ` DEFAULT ${sqliteDefault(column.default)}`;
    }
    const limit = lengthLimit(column.type);
    if (limit !== null) decl += ` CONSTRAINT ${sqliteIdent(lengthCheckName(column.name))} CHECK (length(${sqliteIdent(column.name)}) <= ${limit})`;
    parts.push(decl);
  }
  if (!singleAutoPk && table.primaryKey.length > 0) parts.push(`PRIMARY KEY (${table.primaryKey.map(sqliteIdent).join(', ')})`);
  for (const fk of table.foreignKeys) {
    parts.push(`CONSTRAINT ${sqliteIdent(fk.name)} FOREIGN KEY (${fk.columns.map(sqliteIdent).join(', ')}) REFERENCES ${sqliteIdent(storageName(fk.refDatabase, fk.refTable))} (${fk.refColumns.map(sqliteIdent).join(', ')}) ON DELETE ${fk.onDelete} ON UPDATE ${fk.onUpdate}`);
  }
  return `CREATE TABLE ${sqliteIdent(storageName(table.database, table.name))} (${parts.join(', ')})`;
}

/** SQLite statements for the table's secondary indexes (unique ones enforce uniqueness). */
export function sqliteCreateIndexes(table: TableDef): string[] {
  return table.indexes.map((index) => `CREATE ${index.unique ? 'UNIQUE ' : ''}INDEX ${sqliteIdent(`${storageName(table.database, table.name)}.${index.name}`)} ON ${sqliteIdent(storageName(table.database, table.name))} (${index.columns.map(sqliteIdent).join(', ')})`);
}

/** `SHOW CREATE TABLE` as MySQL 8.0.19 prints it (without AUTO_INCREMENT=, which the caller adds). */
export function showCreateTable(table: TableDef, nextAutoIncrement: number | null): string {
  const lines: string[] = [];
  for (const c of table.columns) {
    let line = `  ${quoteIdent(c.name)} ${typeText(c.type)}`;
    if (isTextType(c.type) && c.type.base !== 'json' && table.collation !== DEFAULT_COLLATION) line += ` COLLATE ${table.collation}`;
    if (!c.nullable) line += ' NOT NULL';
    if (c.autoIncrement) line += ' AUTO_INCREMENT';
    else if (c.default !== undefined) line += ` DEFAULT ${c.default}`;
    // 8.0 writes DEFAULT NULL for every nullable column but TEXT and BLOB ones (JSON included).
    else if (c.nullable && !/blob|text/.test(c.type.base)) line += ' DEFAULT NULL';
    if (c.onUpdateNow) line += ' ON UPDATE CURRENT_TIMESTAMP';
    if (c.comment) line += ` COMMENT ${mysqlString(c.comment)}`;
    lines.push(line);
  }
  if (table.primaryKey.length) lines.push(`  PRIMARY KEY (${table.primaryKey.map(quoteIdent).join(',')})`);
  for (const index of table.indexes) lines.push(`  ${index.unique ? 'UNIQUE ' : ''}KEY ${quoteIdent(index.name)} (${index.columns.map(quoteIdent).join(',')})`);
  for (const fk of table.foreignKeys) {
    const ref = fk.refDatabase === table.database ? quoteIdent(fk.refTable) : `${quoteIdent(fk.refDatabase)}.${quoteIdent(fk.refTable)}`;
    let line = `  CONSTRAINT ${quoteIdent(fk.name)} FOREIGN KEY (${fk.columns.map(quoteIdent).join(', ')}) REFERENCES ${ref} (${fk.refColumns.map(quoteIdent).join(', ')})`;
    if (fk.onDelete !== 'NO ACTION' && fk.onDelete !== 'RESTRICT') line += ` ON DELETE ${fk.onDelete}`;
    else if (fk.onDelete === 'RESTRICT') line += ' ON DELETE RESTRICT';
    if (fk.onUpdate !== 'NO ACTION' && fk.onUpdate !== 'RESTRICT') line += ` ON UPDATE ${fk.onUpdate}`;
    else if (fk.onUpdate === 'RESTRICT') line += ' ON UPDATE RESTRICT';
    lines.push(line);
  }
  let options = `ENGINE=${table.engine}`;
  if (nextAutoIncrement !== null && nextAutoIncrement > 1) options += ` AUTO_INCREMENT=${nextAutoIncrement}`;
  options += ` DEFAULT CHARSET=${table.charset} COLLATE=${table.collation}`;
  if (table.comment) options += ` COMMENT=${mysqlString(table.comment)}`;
  return `CREATE TABLE ${quoteIdent(table.name)} (\n${lines.join(',\n')}\n) ${options}`;
}

/** DESCRIBE's `Key` column: PRI, UNI or MUL for the first column of an index. */
export function keyFlag(table: TableDef, column: string): string {
  if (table.primaryKey.includes(column)) return 'PRI';
  const unique = table.indexes.find((i) => i.unique && i.columns.length === 1 && i.columns[0] === column);
  if (unique) return table.primaryKey.length === 0 && !table.columns.find((c) => c.name === column)?.nullable ? 'PRI' : 'UNI';
  if (table.indexes.some((i) => i.columns[0] === column)) return 'MUL';
  return '';
}

/** DESCRIBE's `Extra` column. */
export function extraFlag(column: ColumnDef): string {
  if (column.autoIncrement) return 'auto_increment';
  const generated = column.default !== undefined && /^current_timestamp/i.test(column.default);
  if (generated && column.onUpdateNow) return 'DEFAULT_GENERATED on update CURRENT_TIMESTAMP';
  if (generated) return 'DEFAULT_GENERATED';
  if (column.onUpdateNow) return 'on update CURRENT_TIMESTAMP';
  return '';
}

/** The value DESCRIBE shows as Default (NULL for none). */
export function describeDefault(column: ColumnDef): string | null {
  if (column.default === undefined || /^null$/i.test(column.default)) return null;
  if (/^'.*'$/s.test(column.default)) return column.default.slice(1, -1).replace(/\\'/g, "'");
  return column.default;
}

/** The index InnoDB adds for a foreign key when no index starts with its columns. */
export function withForeignKeyIndexes(table: TableDef): TableDef {
  const indexes = [...table.indexes];
  for (const fk of table.foreignKeys) {
    const covered = (cols: readonly string[]) => fk.columns.every((c, i) => cols[i] === c);
    if (covered(table.primaryKey) || indexes.some((i) => covered(i.columns))) continue;
    indexes.push({ name: fk.name, columns: fk.columns, unique: false });
  }
  return { ...table, indexes };
}
