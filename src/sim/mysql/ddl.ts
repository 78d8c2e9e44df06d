/**
 * MySQL's data definition statements on the catalog and the SQLite storage: CREATE/DROP DATABASE,
 * CREATE TABLE (as mysqldump writes it, keys and foreign keys included), DROP TABLE, TRUNCATE,
 * RENAME, CREATE/DROP INDEX and the usual ALTER TABLE forms. The same code runs a statement when
 * it is typed and when a change is replayed (from the binary log or to reopen a state).
 */
import { identName, isIdent, isWord, type Token } from './lexer';
import { findWord, flatten, nodeIsOp, nodeIsWord, splitCommas, startOf, tokenOf, type Node } from './tree';
import { DEFAULT_CHARSET, DEFAULT_COLLATION, mysqlString, parseColumnType, quoteIdent, storageName, withForeignKeyIndexes, type ColumnDef, type ForeignKeyDef, type IndexDef, type ReferentialAction, type TableDef } from './catalog';
import { mysqlErrors, syntaxError, type MysqlError } from './errors';
import type { ServerDatabase } from './database';
import { isSystemSchema } from './select';

export interface DdlOutcome {
  ok: true;
  affected: number;
  warnings: string[];
  /** Whether the statement changed anything (then it is logged and replayed). */
  changed: boolean;
}

export type DdlResult = DdlOutcome | { ok: false; error: MysqlError } | { ok: false; unsupported: string };

class DdlError extends Error {
  constructor(readonly result: Exclude<DdlResult, DdlOutcome>) {
    super('ddl');
  }
}

function failAt(sql: string, at: number): never {
  throw new DdlError({ ok: false, error: syntaxError(sql, at) });
}

function mysqlFail(error: MysqlError): never {
  throw new DdlError({ ok: false, error });
}

function unsupported(what: string): never {
  throw new DdlError({ ok: false, unsupported: what });
}

interface Ctx {
  sql: string;
  db: ServerDatabase;
  database: string | null;
  fkChecks: boolean;
  /** Epoch seconds (CREATE_TIME). */
  now: number;
}

function nameAt(ctx: Ctx, nodes: readonly Node[], i: number): { database: string; table: string; next: number } {
  const first = tokenOf(nodes[i]);
  if (!isIdent(first)) failAt(ctx.sql, nodes[i] ? startOf(nodes[i]!) : ctx.sql.length);
  if (nodeIsOp(nodes[i + 1], '.')) {
    const second = tokenOf(nodes[i + 2]);
    if (!isIdent(second)) failAt(ctx.sql, nodes[i + 2] ? startOf(nodes[i + 2]!) : ctx.sql.length);
    return { database: identName(first), table: identName(second), next: i + 3 };
  }
  if (ctx.database === null) mysqlFail(mysqlErrors.noDatabase());
  return { database: ctx.database, table: identName(first), next: i + 1 };
}

function identAt(ctx: Ctx, nodes: readonly Node[], i: number): string {
  const t = tokenOf(nodes[i]);
  if (!isIdent(t) && t?.kind !== 'string') failAt(ctx.sql, nodes[i] ? startOf(nodes[i]!) : ctx.sql.length);
  return t.kind === 'string' ? t.value : identName(t);
}

function columnList(ctx: Ctx, node: Node | undefined): string[] {
  if (node?.kind !== 'group' || node.children.length === 0) failAt(ctx.sql, node ? startOf(node) : ctx.sql.length);
  return splitCommas(node.children).map((part) => identAt(ctx, part, 0));
}

function referentialAction(ctx: Ctx, nodes: readonly Node[], i: number): { action: ReferentialAction; next: number } {
  if (nodeIsWord(nodes[i], 'CASCADE')) return { action: 'CASCADE', next: i + 1 };
  if (nodeIsWord(nodes[i], 'RESTRICT')) return { action: 'RESTRICT', next: i + 1 };
  if (nodeIsWord(nodes[i], 'SET') && nodeIsWord(nodes[i + 1], 'NULL')) return { action: 'SET NULL', next: i + 2 };
  if (nodeIsWord(nodes[i], 'SET') && nodeIsWord(nodes[i + 1], 'DEFAULT')) return { action: 'NO ACTION', next: i + 2 };
  if (nodeIsWord(nodes[i], 'NO') && nodeIsWord(nodes[i + 1], 'ACTION')) return { action: 'NO ACTION', next: i + 2 };
  return failAt(ctx.sql, nodes[i] ? startOf(nodes[i]!) : ctx.sql.length);
}

function foreignKeyAt(ctx: Ctx, nodes: readonly Node[], i: number, database: string, name: string, columns: string[]): ForeignKeyDef {
  if (!nodeIsWord(nodes[i], 'REFERENCES')) failAt(ctx.sql, nodes[i] ? startOf(nodes[i]!) : ctx.sql.length);
  const ref = nameAt({ ...ctx, database }, nodes, i + 1);
  const refColumns = columnList(ctx, nodes[ref.next]);
  let j = ref.next + 1;
  let onDelete: ReferentialAction = 'NO ACTION';
  let onUpdate: ReferentialAction = 'NO ACTION';
  while (nodeIsWord(nodes[j], 'ON', 'MATCH')) {
    if (nodeIsWord(nodes[j], 'MATCH')) {
      j += 2;
      continue;
    }
    const which = tokenOf(nodes[j + 1])?.value;
    const action = referentialAction(ctx, nodes, j + 2);
    if (which === 'DELETE') onDelete = action.action;
    else if (which === 'UPDATE') onUpdate = action.action;
    else failAt(ctx.sql, nodes[j + 1] ? startOf(nodes[j + 1]!) : ctx.sql.length);
    j = action.next;
  }
  if (j < nodes.length) failAt(ctx.sql, startOf(nodes[j]!));
  return { name, columns, refDatabase: ref.database, refTable: ref.table, refColumns, onDelete, onUpdate };
}

/** A literal default as SHOW CREATE TABLE writes it. */
function defaultText(ctx: Ctx, nodes: readonly Node[], i: number): { text: string; next: number } {
  const node = nodes[i];
  const t = tokenOf(node);
  if (node?.kind === 'group') {
    const inner = flatten(node.children).map((x) => x.text).join('');
    if (/^(current_timestamp|now)(\(\))?$/i.test(inner)) return { text: 'CURRENT_TIMESTAMP', next: i + 1 };
    return { text: `(${inner})`, next: i + 1 };
  }
  if (!t) failAt(ctx.sql, ctx.sql.length);
  if (t.kind === 'string') return { text: mysqlString(t.value), next: i + 1 };
  if (t.kind === 'number') return { text: mysqlString(t.text), next: i + 1 };
  if (t.kind === 'op' && (t.value === '-' || t.value === '+')) {
    const n = tokenOf(nodes[i + 1]);
    if (n?.kind !== 'number') failAt(ctx.sql, t.start);
    return { text: mysqlString(`${t.value === '-' ? '-' : ''}${n.text}`), next: i + 2 };
  }
  if (isWord(t, 'NULL')) return { text: 'NULL', next: i + 1 };
  if (isWord(t, 'TRUE', 'FALSE')) return { text: isWord(t, 'TRUE') ? "'1'" : "'0'", next: i + 1 };
  if (isWord(t, 'CURRENT_TIMESTAMP', 'NOW', 'LOCALTIMESTAMP', 'LOCALTIME')) {
    const next = nodes[i + 1]?.kind === 'group' ? i + 2 : i + 1;
    return { text: 'CURRENT_TIMESTAMP', next };
  }
  if (t.kind === 'hex') return { text: t.text, next: i + 1 };
  return failAt(ctx.sql, t.start);
}

interface ColumnParse {
  column: ColumnDef;
  primary: boolean;
  unique: boolean;
  references?: ForeignKeyDef;
}

/** `name type [NOT NULL] [DEFAULT x] [AUTO_INCREMENT] [UNIQUE] [PRIMARY KEY] [COMMENT '…'] …`. */
function columnAt(ctx: Ctx, nodes: readonly Node[], database: string, tableName: string): ColumnParse {
  const name = identAt(ctx, nodes, 0);
  const typeToken = tokenOf(nodes[1]);
  if (!typeToken || typeToken.kind !== 'word') failAt(ctx.sql, nodes[1] ? startOf(nodes[1]!) : ctx.sql.length);
  let i = 2;
  let typeText = typeToken.text;
  if (nodeIsWord(nodes[i], 'PRECISION', 'VARYING')) i += 1;
  if (nodes[i]?.kind === 'group') {
    typeText += `(${flatten((nodes[i] as Extract<Node, { kind: 'group' }>).children).map((t) => t.text).join('')})`;
    i += 1;
  }
  while (nodeIsWord(nodes[i], 'UNSIGNED', 'SIGNED', 'ZEROFILL')) {
    typeText += ` ${tokenOf(nodes[i])!.text}`;
    i += 1;
  }
  const type = parseColumnType(typeText);
  if (!type) failAt(ctx.sql, typeToken.start);
  const column: ColumnDef = { name, type, nullable: true, autoIncrement: false, onUpdateNow: false };
  let primary = false;
  let unique = false;
  let references: ForeignKeyDef | undefined;
  let explicitNull = false;
  while (i < nodes.length) {
    if (nodeIsWord(nodes[i], 'NOT') && nodeIsWord(nodes[i + 1], 'NULL')) {
      column.nullable = false;
      i += 2;
    } else if (nodeIsWord(nodes[i], 'NULL')) {
      explicitNull = true;
      i += 1;
    } else if (nodeIsWord(nodes[i], 'DEFAULT')) {
      const d = defaultText(ctx, nodes, i + 1);
      column.default = d.text;
      i = d.next;
    } else if (nodeIsWord(nodes[i], 'AUTO_INCREMENT')) {
      column.autoIncrement = true;
      i += 1;
    } else if (nodeIsWord(nodes[i], 'UNIQUE')) {
      unique = true;
      i += nodeIsWord(nodes[i + 1], 'KEY') ? 2 : 1;
    } else if (nodeIsWord(nodes[i], 'PRIMARY') && nodeIsWord(nodes[i + 1], 'KEY')) {
      primary = true;
      i += 2;
    } else if (nodeIsWord(nodes[i], 'KEY')) {
      primary = true;
      i += 1;
    } else if (nodeIsWord(nodes[i], 'COMMENT')) {
      column.comment = identAt(ctx, nodes, i + 1);
      i += 2;
    } else if (nodeIsWord(nodes[i], 'COLLATE')) {
      i += 2;
    } else if (nodeIsWord(nodes[i], 'CHARACTER') && nodeIsWord(nodes[i + 1], 'SET')) {
      i += 3;
    } else if (nodeIsWord(nodes[i], 'CHARSET')) {
      i += 2;
    } else if (nodeIsWord(nodes[i], 'ON') && nodeIsWord(nodes[i + 1], 'UPDATE')) {
      column.onUpdateNow = true;
      i += nodes[i + 3]?.kind === 'group' ? 4 : 3;
    } else if (nodeIsWord(nodes[i], 'REFERENCES')) {
      const rest = nodes.slice(i);
      references = foreignKeyAt(ctx, rest, 0, database, `${tableName}_ibfk_${name}`, [name]);
      i = nodes.length;
    } else if (nodeIsWord(nodes[i], 'GENERATED', 'AS', 'VIRTUAL', 'STORED', 'SRID', 'VISIBLE', 'INVISIBLE', 'COLUMN_FORMAT', 'STORAGE', 'CHECK')) {
      unsupported('generated columns, CHECK and column storage options');
    } else failAt(ctx.sql, startOf(nodes[i]!));
  }
  void explicitNull;
  if (primary) column.nullable = false;
  return { column, primary, unique, references };
}

function keyParts(ctx: Ctx, node: Node | undefined): string[] {
  if (node?.kind !== 'group' || node.children.length === 0) failAt(ctx.sql, node ? startOf(node) : ctx.sql.length);
  return splitCommas(node.children).map((part) => identAt(ctx, part, 0));
}

/** Parses the parenthesised body and options of CREATE TABLE into a table definition. */
function tableDefinition(ctx: Ctx, database: string, name: string, body: Extract<Node, { kind: 'group' }>, options: readonly Node[]): { def: TableDef; autoIncrement: number | null } {
  const columns: ColumnDef[] = [];
  let primaryKey: string[] = [];
  const indexes: IndexDef[] = [];
  const foreignKeys: ForeignKeyDef[] = [];
  let fkCounter = 0;
  for (const part of splitCommas(body.children)) {
    if (part.length === 0) failAt(ctx.sql, body.close.start);
    let i = 0;
    let constraint: string | null = null;
    if (nodeIsWord(part[0], 'CONSTRAINT')) {
      if (!nodeIsWord(part[1], 'PRIMARY', 'UNIQUE', 'FOREIGN', 'CHECK')) {
        constraint = identAt(ctx, part, 1);
        i = 2;
      } else i = 1;
    }
    if (nodeIsWord(part[i], 'PRIMARY') && nodeIsWord(part[i + 1], 'KEY')) {
      let j = i + 2;
      if (nodeIsWord(part[j], 'USING')) j += 2;
      primaryKey = keyParts(ctx, part[j]);
      continue;
    }
    if (nodeIsWord(part[i], 'UNIQUE', 'INDEX', 'KEY', 'FULLTEXT', 'SPATIAL')) {
      const unique = nodeIsWord(part[i], 'UNIQUE');
      if (nodeIsWord(part[i], 'FULLTEXT', 'SPATIAL')) unsupported('FULLTEXT and SPATIAL indexes');
      let j = i + 1;
      if (unique && nodeIsWord(part[j], 'INDEX', 'KEY')) j += 1;
      let indexName: string | null = constraint;
      if (part[j]?.kind !== 'group' && !nodeIsWord(part[j], 'USING')) {
        indexName = identAt(ctx, part, j);
        j += 1;
      }
      if (nodeIsWord(part[j], 'USING')) j += 2;
      const cols = keyParts(ctx, part[j]);
      indexes.push({ name: indexName ?? uniqueIndexName(indexes, cols[0]!), columns: cols, unique });
      continue;
    }
    if (nodeIsWord(part[i], 'FOREIGN') && nodeIsWord(part[i + 1], 'KEY')) {
      let j = i + 2;
      let indexName: string | null = null;
      if (part[j]?.kind !== 'group') {
        indexName = identAt(ctx, part, j);
        j += 1;
      }
      const cols = columnList(ctx, part[j]);
      fkCounter += 1;
      foreignKeys.push(foreignKeyAt(ctx, part, j + 1, database, constraint ?? indexName ?? `${name}_ibfk_${fkCounter}`, cols));
      continue;
    }
    if (nodeIsWord(part[i], 'CHECK')) unsupported('CHECK constraints');
    const parsed = columnAt(ctx, part, database, name);
    if (columns.some((c) => c.name.toLowerCase() === parsed.column.name.toLowerCase())) mysqlFail(mysqlErrors.duplicateColumn(parsed.column.name));
    columns.push(parsed.column);
    if (parsed.primary) primaryKey = [parsed.column.name];
    if (parsed.unique) indexes.push({ name: uniqueIndexName(indexes, parsed.column.name), columns: [parsed.column.name], unique: true });
    if (parsed.references) {
      fkCounter += 1;
      foreignKeys.push({ ...parsed.references, name: `${name}_ibfk_${fkCounter}` });
    }
  }
  if (columns.length === 0) mysqlFail(mysqlErrors.noColumns());
  for (const key of primaryKey) {
    const column = columns.find((c) => c.name.toLowerCase() === key.toLowerCase());
    if (!column) mysqlFail({ code: 1072, state: '42000', message: `Key column '${key}' doesn't exist in table` });
    column.nullable = false;
  }
  for (const index of indexes) for (const key of index.columns) if (!columns.some((c) => c.name.toLowerCase() === key.toLowerCase())) mysqlFail({ code: 1072, state: '42000', message: `Key column '${key}' doesn't exist in table` });
  if (columns.filter((c) => c.autoIncrement).length > 1 || columns.some((c) => c.autoIncrement && !primaryKey.includes(c.name) && !indexes.some((x) => x.columns[0] === c.name))) {
    mysqlFail({ code: 1075, state: '42000', message: 'Incorrect table definition; there can be only one auto column and it must be defined as a key' });
  }
  let engine = 'InnoDB';
  let charset = DEFAULT_CHARSET;
  let collation = DEFAULT_COLLATION;
  let comment: string | undefined;
  let autoIncrement: number | null = null;
  for (let i = 0; i < options.length; ) {
    const word = tokenOf(options[i])?.value;
    const valueAt = nodeIsOp(options[i + 1], '=') ? i + 2 : i + 1;
    if (word === 'DEFAULT') {
      i += 1;
      continue;
    }
    if (nodeIsOp(options[i], ',')) {
      i += 1;
      continue;
    }
    if (word === 'ENGINE') {
      const e = identAt(ctx, options, valueAt);
      if (!/^(innodb|myisam|memory)$/i.test(e)) mysqlFail(mysqlErrors.unknownStorageEngine(e));
      engine = /^innodb$/i.test(e) ? 'InnoDB' : /^myisam$/i.test(e) ? 'MyISAM' : 'MEMORY';
      i = valueAt + 1;
    } else if (word === 'AUTO_INCREMENT') {
      autoIncrement = Number(tokenOf(options[valueAt])?.text ?? NaN);
      if (!Number.isFinite(autoIncrement)) failAt(ctx.sql, options[valueAt] ? startOf(options[valueAt]!) : ctx.sql.length);
      i = valueAt + 1;
    } else if (word === 'CHARSET' || (word === 'CHARACTER' && nodeIsWord(options[i + 1], 'SET'))) {
      const at = word === 'CHARSET' ? valueAt : nodeIsOp(options[i + 2], '=') ? i + 3 : i + 2;
      charset = identAt(ctx, options, at).toLowerCase();
      if (charset === 'utf8mb4' && collation === DEFAULT_COLLATION) collation = DEFAULT_COLLATION;
      else if (charset === 'latin1') collation = 'latin1_swedish_ci';
      else if (charset === 'utf8' || charset === 'utf8mb3') collation = 'utf8_general_ci';
      i = at + 1;
    } else if (word === 'COLLATE') {
      collation = identAt(ctx, options, valueAt).toLowerCase();
      i = valueAt + 1;
    } else if (word === 'COMMENT') {
      comment = identAt(ctx, options, valueAt);
      i = valueAt + 1;
    } else if (word === 'ROW_FORMAT' || word === 'KEY_BLOCK_SIZE' || word === 'STATS_PERSISTENT' || word === 'PACK_KEYS' || word === 'CHECKSUM' || word === 'AVG_ROW_LENGTH' || word === 'MAX_ROWS' || word === 'MIN_ROWS') {
      i = valueAt + 1;
    } else if (word === 'PARTITION') {
      unsupported('partitioned tables');
    } else failAt(ctx.sql, startOf(options[i]!));
  }
  const def = withForeignKeyIndexes({ database, name, columns, primaryKey, indexes, foreignKeys, engine, charset, collation, comment, createdAt: ctx.now });
  return { def, autoIncrement };
}

function uniqueIndexName(indexes: readonly IndexDef[], base: string): string {
  let name = base;
  for (let n = 2; indexes.some((i) => i.name === name); n += 1) name = `${base}_${n}`;
  return name;
}

function checkForeignKeys(ctx: Ctx, def: TableDef): void {
  if (!ctx.fkChecks) return;
  for (const fk of def.foreignKeys) {
    const parent = fk.refDatabase === def.database && fk.refTable === def.name ? def : ctx.db.table(fk.refDatabase, fk.refTable);
    if (!parent) mysqlFail({ code: 1824, state: 'HY000', message: `Failed to open the referenced table '${fk.refTable}'` });
    const missing = fk.refColumns.find((c) => !parent.columns.some((p) => p.name.toLowerCase() === c.toLowerCase()));
    if (missing) mysqlFail({ code: 3734, state: 'HY000', message: `Failed to add the foreign key constraint. Missing column '${missing}' for constraint '${fk.name}' in the referenced table '${fk.refTable}'` });
  }
}

/** `(`db`.`child`, CONSTRAINT `fk` FOREIGN KEY (`col`) REFERENCES `parent` (`id`) ON DELETE CASCADE)` as error 1451/1452/1701 write it. */
export function foreignKeyText(child: TableDef, fk: ForeignKeyDef, qualifiedParent = false): string {
  const parent = qualifiedParent ? `${quoteIdent(fk.refDatabase)}.${quoteIdent(fk.refTable)}` : quoteIdent(fk.refTable);
  let text = `${quoteIdent(child.database)}.${quoteIdent(child.name)}, CONSTRAINT ${quoteIdent(fk.name)} FOREIGN KEY (${fk.columns.map(quoteIdent).join(', ')}) REFERENCES ${parent} (${fk.refColumns.map(quoteIdent).join(', ')})`;
  if (fk.onDelete !== 'NO ACTION') text += ` ON DELETE ${fk.onDelete}`;
  if (fk.onUpdate !== 'NO ACTION') text += ` ON UPDATE ${fk.onUpdate}`;
  return text;
}

/** Tables (other than `except`) whose foreign keys point at a table. */
export function referencingTables(db: ServerDatabase, database: string, table: string, except: ReadonlySet<string> = new Set()): { child: TableDef; fk: ForeignKeyDef }[] {
  const out: { child: TableDef; fk: ForeignKeyDef }[] = [];
  for (const child of db.catalog().tables.values()) {
    if (except.has(storageName(child.database, child.name))) continue;
    for (const fk of child.foreignKeys) if (fk.refDatabase === database && fk.refTable === table && !(child.database === database && child.name === table)) out.push({ child, fk });
  }
  return out;
}

function createDatabase(ctx: Ctx, nodes: readonly Node[]): DdlOutcome {
  let i = 2;
  let ifNotExists = false;
  if (nodeIsWord(nodes[i], 'IF') && nodeIsWord(nodes[i + 1], 'NOT') && nodeIsWord(nodes[i + 2], 'EXISTS')) {
    ifNotExists = true;
    i += 3;
  }
  const name = identAt(ctx, nodes, i);
  let charset = DEFAULT_CHARSET;
  let collation = DEFAULT_COLLATION;
  for (let j = i + 1; j < nodes.length; j += 1) {
    const w = tokenOf(nodes[j])?.value;
    const at = nodeIsOp(nodes[j + 1], '=') ? j + 2 : j + 1;
    if (w === 'CHARSET' || (w === 'CHARACTER' && nodeIsWord(nodes[j + 1], 'SET'))) {
      const k = w === 'CHARSET' ? at : nodeIsOp(nodes[j + 2], '=') ? j + 3 : j + 2;
      charset = identAt(ctx, nodes, k).toLowerCase();
      collation = charset === 'latin1' ? 'latin1_swedish_ci' : charset === 'utf8' || charset === 'utf8mb3' ? 'utf8_general_ci' : DEFAULT_COLLATION;
      j = k;
    } else if (w === 'COLLATE') {
      collation = identAt(ctx, nodes, at).toLowerCase();
      j = at;
    } else if (w === 'ENCRYPTION') {
      // [DEFAULT] ENCRYPTION [=] 'Y' | 'N' (mysqldump writes /*!80016 DEFAULT ENCRYPTION='N' */).
      const value = tokenOf(nodes[at]);
      if (value?.kind !== 'string') failAt(ctx.sql, nodes[at] ? startOf(nodes[at]!) : ctx.sql.length);
      if (!/^[yn]$/i.test(value.value)) mysqlFail({ code: 3183, state: 'HY000', message: 'Invalid encryption option.' });
      j = at;
    } else if (w !== 'DEFAULT') failAt(ctx.sql, startOf(nodes[j]!));
  }
  if (isSystemSchema(name) || ctx.db.catalog().databases.has(name)) {
    if (ifNotExists) return { ok: true, affected: 1, warnings: [`Note|1007|Can't create database '${name}'; database exists`], changed: false };
    mysqlFail(mysqlErrors.databaseExists(name));
  }
  ctx.db.putDatabase({ name, charset, collation });
  return { ok: true, affected: 1, warnings: [], changed: true };
}

function dropDatabase(ctx: Ctx, nodes: readonly Node[]): DdlOutcome {
  let i = 2;
  let ifExists = false;
  if (nodeIsWord(nodes[i], 'IF') && nodeIsWord(nodes[i + 1], 'EXISTS')) {
    ifExists = true;
    i += 2;
  }
  const name = identAt(ctx, nodes, i);
  if (i + 1 < nodes.length) failAt(ctx.sql, startOf(nodes[i + 1]!));
  if (isSystemSchema(name)) mysqlFail(mysqlErrors.dbAccessDenied('root', 'localhost', name));
  if (!ctx.db.catalog().databases.has(name)) {
    if (ifExists) return { ok: true, affected: 0, warnings: [`Note|1008|Can't drop database '${name}'; database doesn't exist`], changed: false };
    mysqlFail(mysqlErrors.dropMissingDatabase(name));
  }
  const tables = ctx.db.tablesOf(name).length;
  ctx.db.dropDatabase(name);
  return { ok: true, affected: tables, warnings: [], changed: true };
}

function createTable(ctx: Ctx, nodes: readonly Node[]): DdlOutcome {
  let i = 1;
  if (nodeIsWord(nodes[i], 'TEMPORARY')) unsupported('temporary tables');
  i += 1;
  let ifNotExists = false;
  if (nodeIsWord(nodes[i], 'IF') && nodeIsWord(nodes[i + 1], 'NOT') && nodeIsWord(nodes[i + 2], 'EXISTS')) {
    ifNotExists = true;
    i += 3;
  }
  const name = nameAt(ctx, nodes, i);
  if (isSystemSchema(name.database)) mysqlFail(mysqlErrors.dbAccessDenied('root', 'localhost', name.database));
  if (!ctx.db.catalog().databases.has(name.database)) mysqlFail(mysqlErrors.unknownDatabase(name.database));
  const exists = ctx.db.table(name.database, name.table);
  if (exists) {
    if (ifNotExists) return { ok: true, affected: 0, warnings: [`Note|1050|Table '${name.table}' already exists`], changed: false };
    mysqlFail(mysqlErrors.tableExists(name.table));
  }
  if (nodeIsWord(nodes[name.next], 'LIKE') || (nodes[name.next]?.kind === 'group' && nodeIsWord((nodes[name.next] as Extract<Node, { kind: 'group' }>).children[0], 'LIKE'))) {
    const likeNodes = nodes[name.next]?.kind === 'group' ? (nodes[name.next] as Extract<Node, { kind: 'group' }>).children : nodes.slice(name.next);
    const source = nameAt(ctx, likeNodes, 1);
    const def = ctx.db.table(source.database, source.table);
    if (!def) mysqlFail(mysqlErrors.noSuchTable(source.database, source.table));
    ctx.db.createTable({ ...def, database: name.database, name: name.table, foreignKeys: [], createdAt: ctx.now });
    return { ok: true, affected: 0, warnings: [], changed: true };
  }
  const body = nodes[name.next];
  if (body?.kind !== 'group') {
    if (nodeIsWord(body, 'AS', 'SELECT')) unsupported('CREATE TABLE … SELECT');
    failAt(ctx.sql, body ? startOf(body) : ctx.sql.length);
  }
  if (nodeIsWord(body.children[0], 'SELECT')) unsupported('CREATE TABLE … SELECT');
  const rest = nodes.slice(name.next + 1);
  if (findWord(rest, ['SELECT', 'AS']) >= 0) unsupported('CREATE TABLE … SELECT');
  const { def, autoIncrement } = tableDefinition(ctx, name.database, name.table, body, rest);
  checkForeignKeys(ctx, def);
  ctx.db.createTable(def);
  if (autoIncrement !== null && autoIncrement > 1 && def.columns.some((c) => c.autoIncrement)) {
    ctx.db.run('INSERT OR REPLACE INTO sqlite_sequence (name, seq) VALUES (?, ?)', [storageName(def.database, def.name), autoIncrement - 1]);
  }
  return { ok: true, affected: 0, warnings: [], changed: true };
}

function dropTable(ctx: Ctx, nodes: readonly Node[]): DdlOutcome {
  let i = 2;
  if (nodeIsWord(nodes[1], 'TEMPORARY')) i = 3;
  let ifExists = false;
  if (nodeIsWord(nodes[i], 'IF') && nodeIsWord(nodes[i + 1], 'EXISTS')) {
    ifExists = true;
    i += 2;
  }
  let end = nodes.length;
  if (nodeIsWord(nodes[end - 1], 'RESTRICT', 'CASCADE')) end -= 1;
  const names = splitCommas(nodes.slice(i, end)).map((part) => {
    const n = nameAt(ctx, part, 0);
    if (n.next !== part.length) failAt(ctx.sql, startOf(part[n.next]!));
    return n;
  });
  const missing = names.filter((n) => !ctx.db.table(n.database, n.table));
  const warnings = missing.map((n) => `Note|1051|Unknown table '${n.database}.${n.table}'`);
  if (missing.length && !ifExists) mysqlFail(mysqlErrors.unknownTable(missing.map((n) => `${n.database}.${n.table}`).join(',')));
  const dropping = new Set(names.map((n) => storageName(n.database, n.table)));
  if (ctx.fkChecks) {
    for (const n of names) {
      const refs = referencingTables(ctx.db, n.database, n.table, dropping);
      if (refs.length) mysqlFail(mysqlErrors.dropReferenced(n.table, refs[0]!.fk.name, refs[0]!.child.name));
    }
  }
  for (const n of names) if (ctx.db.table(n.database, n.table)) ctx.db.dropTable(n.database, n.table);
  return { ok: true, affected: 0, warnings, changed: missing.length < names.length };
}

function truncateTable(ctx: Ctx, nodes: readonly Node[]): DdlOutcome {
  const i = nodeIsWord(nodes[1], 'TABLE') ? 2 : 1;
  const name = nameAt(ctx, nodes, i);
  if (name.next !== nodes.length) failAt(ctx.sql, startOf(nodes[name.next]!));
  const def = ctx.db.table(name.database, name.table);
  if (!def) mysqlFail(mysqlErrors.noSuchTable(name.database, name.table));
  if (ctx.fkChecks) {
    const refs = referencingTables(ctx.db, name.database, name.table);
    if (refs.length) mysqlFail(mysqlErrors.truncateReferenced(`${quoteIdent(refs[0]!.child.database)}.${quoteIdent(refs[0]!.child.name)}, CONSTRAINT ${quoteIdent(refs[0]!.fk.name)}`));
  }
  const fk = ctx.db.foreignKeysOn;
  ctx.db.setForeignKeys(false);
  ctx.db.run(`DELETE FROM \`${storageName(def.database, def.name).replace(/`/g, '``')}\``);
  ctx.db.run('DELETE FROM sqlite_sequence WHERE name = ?', [storageName(def.database, def.name)]);
  ctx.db.setForeignKeys(fk);
  return { ok: true, affected: 0, warnings: [], changed: true };
}

function renameTables(ctx: Ctx, nodes: readonly Node[]): DdlOutcome {
  for (const part of splitCommas(nodes.slice(2))) {
    const from = nameAt(ctx, part, 0);
    if (!nodeIsWord(part[from.next], 'TO')) failAt(ctx.sql, part[from.next] ? startOf(part[from.next]!) : ctx.sql.length);
    const to = nameAt(ctx, part, from.next + 1);
    const def = ctx.db.table(from.database, from.table);
    if (!def) mysqlFail(mysqlErrors.noSuchTable(from.database, from.table));
    if (ctx.db.table(to.database, to.table)) mysqlFail(mysqlErrors.tableExists(to.table));
    renameWithReferences(ctx, def, to.database, to.table);
  }
  return { ok: true, affected: 0, warnings: [], changed: true };
}

function renameWithReferences(ctx: Ctx, def: TableDef, database: string, table: string) {
  const children = referencingTables(ctx.db, def.database, def.name);
  ctx.db.renameTable(def, database, table);
  for (const { child } of children) {
    const updated: TableDef = { ...child, foreignKeys: child.foreignKeys.map((fk) => (fk.refDatabase === def.database && fk.refTable === def.name ? { ...fk, refDatabase: database, refTable: table } : fk)) };
    ctx.db.updateDefinition(updated);
  }
}

function createIndex(ctx: Ctx, nodes: readonly Node[]): DdlOutcome {
  let i = 1;
  const unique = nodeIsWord(nodes[i], 'UNIQUE');
  if (unique) i += 1;
  if (nodeIsWord(nodes[i], 'FULLTEXT', 'SPATIAL')) unsupported('FULLTEXT and SPATIAL indexes');
  i += 1;
  const indexName = identAt(ctx, nodes, i);
  if (!nodeIsWord(nodes[i + 1], 'ON')) failAt(ctx.sql, nodes[i + 1] ? startOf(nodes[i + 1]!) : ctx.sql.length);
  const name = nameAt(ctx, nodes, i + 2);
  const def = ctx.db.table(name.database, name.table);
  if (!def) mysqlFail(mysqlErrors.noSuchTable(name.database, name.table));
  if (def.indexes.some((x) => x.name === indexName)) mysqlFail(mysqlErrors.duplicateKeyName(indexName));
  const columns = keyParts(ctx, nodes[name.next]);
  for (const c of columns) if (!def.columns.some((x) => x.name.toLowerCase() === c.toLowerCase())) mysqlFail({ code: 1072, state: '42000', message: `Key column '${c}' doesn't exist in table` });
  const next = { ...def, indexes: [...def.indexes, { name: indexName, columns, unique }] };
  rebuild(ctx, def, next);
  return { ok: true, affected: 0, warnings: [], changed: true };
}

function dropIndex(ctx: Ctx, nodes: readonly Node[]): DdlOutcome {
  const indexName = identAt(ctx, nodes, 2);
  if (!nodeIsWord(nodes[3], 'ON')) failAt(ctx.sql, nodes[3] ? startOf(nodes[3]!) : ctx.sql.length);
  const name = nameAt(ctx, nodes, 4);
  const def = ctx.db.table(name.database, name.table);
  if (!def) mysqlFail(mysqlErrors.noSuchTable(name.database, name.table));
  if (indexName === 'PRIMARY') {
    rebuild(ctx, def, { ...def, primaryKey: [] });
    return { ok: true, affected: 0, warnings: [], changed: true };
  }
  if (!def.indexes.some((x) => x.name === indexName)) mysqlFail(mysqlErrors.cantDropKey(indexName));
  rebuild(ctx, def, { ...def, indexes: def.indexes.filter((x) => x.name !== indexName) });
  return { ok: true, affected: 0, warnings: [], changed: true };
}

function rebuild(ctx: Ctx, old: TableDef, next: TableDef) {
  ctx.db.rebuildTable(old, next);
}

/** ALTER TABLE with the common specifications. */
function alterTable(ctx: Ctx, nodes: readonly Node[]): DdlOutcome {
  const name = nameAt(ctx, nodes, 2);
  const old = ctx.db.table(name.database, name.table);
  if (!old) mysqlFail(mysqlErrors.noSuchTable(name.database, name.table));
  let def: TableDef = { ...old, columns: old.columns.map((c) => ({ ...c })), indexes: [...old.indexes], foreignKeys: [...old.foreignKeys], primaryKey: [...old.primaryKey] };
  let rename: { database: string; table: string } | null = null;
  let autoIncrement: number | null = null;
  const warnings: string[] = [];
  let structural = false;
  let optionsChanged = false;
  const column = (n: string) => def.columns.findIndex((c) => c.name.toLowerCase() === n.toLowerCase());
  for (const spec of splitCommas(nodes.slice(name.next))) {
    if (spec.length === 0) failAt(ctx.sql, ctx.sql.length);
    const w0 = tokenOf(spec[0])?.value;
    if ((w0 === 'DISABLE' || w0 === 'ENABLE') && nodeIsWord(spec[1], 'KEYS')) {
      if (def.engine === 'InnoDB') warnings.push(`Note|1031|Table storage engine for '${def.name}' doesn't have this option`);
      continue;
    }
    if (w0 === 'ADD') {
      let i = 1;
      if (nodeIsWord(spec[i], 'CONSTRAINT')) {
        const constraint = nodeIsWord(spec[i + 1], 'FOREIGN', 'PRIMARY', 'UNIQUE') ? null : identAt(ctx, spec, i + 1);
        i += constraint ? 2 : 1;
        if (nodeIsWord(spec[i], 'FOREIGN') && nodeIsWord(spec[i + 1], 'KEY')) {
          let j = i + 2;
          if (spec[j]?.kind !== 'group') j += 1;
          const cols = columnList(ctx, spec[j]);
          const fk = foreignKeyAt(ctx, spec, j + 1, def.database, constraint ?? `${def.name}_ibfk_${def.foreignKeys.length + 1}`, cols);
          def = withForeignKeyIndexes({ ...def, foreignKeys: [...def.foreignKeys, fk] });
          structural = true;
          continue;
        }
      }
      if (nodeIsWord(spec[i], 'PRIMARY') && nodeIsWord(spec[i + 1], 'KEY')) {
        if (def.primaryKey.length) mysqlFail({ code: 1068, state: '42000', message: 'Multiple primary key defined' });
        def.primaryKey = keyParts(ctx, spec[i + 2]);
        structural = true;
        continue;
      }
      if (nodeIsWord(spec[i], 'UNIQUE', 'INDEX', 'KEY')) {
        const unique = nodeIsWord(spec[i], 'UNIQUE');
        let j = i + 1;
        if (unique && nodeIsWord(spec[j], 'INDEX', 'KEY')) j += 1;
        let indexName: string | null = null;
        if (spec[j]?.kind !== 'group') {
          indexName = identAt(ctx, spec, j);
          j += 1;
        }
        const cols = keyParts(ctx, spec[j]);
        const chosen = indexName ?? uniqueIndexName(def.indexes, cols[0]!);
        if (def.indexes.some((x) => x.name === chosen)) mysqlFail(mysqlErrors.duplicateKeyName(chosen));
        def.indexes = [...def.indexes, { name: chosen, columns: cols, unique }];
        structural = true;
        continue;
      }
      if (nodeIsWord(spec[i], 'FOREIGN') && nodeIsWord(spec[i + 1], 'KEY')) {
        let j = i + 2;
        if (spec[j]?.kind !== 'group') j += 1;
        const cols = columnList(ctx, spec[j]);
        const fk = foreignKeyAt(ctx, spec, j + 1, def.database, `${def.name}_ibfk_${def.foreignKeys.length + 1}`, cols);
        def = withForeignKeyIndexes({ ...def, foreignKeys: [...def.foreignKeys, fk] });
        structural = true;
        continue;
      }
      if (nodeIsWord(spec[i], 'COLUMN')) i += 1;
      let body = spec.slice(i);
      let position: { after?: string; first?: boolean } = {};
      if (nodeIsWord(body[body.length - 1], 'FIRST')) {
        position = { first: true };
        body = body.slice(0, -1);
      } else if (nodeIsWord(body[body.length - 2], 'AFTER')) {
        position = { after: identAt(ctx, body, body.length - 1) };
        body = body.slice(0, -2);
      }
      const parsed = columnAt(ctx, body, def.database, def.name);
      if (column(parsed.column.name) >= 0) mysqlFail(mysqlErrors.duplicateColumn(parsed.column.name));
      const columns = [...def.columns];
      const at = position.first ? 0 : position.after !== undefined ? column(position.after) + 1 : columns.length;
      if (position.after !== undefined && at === 0) mysqlFail(mysqlErrors.unknownColumn(position.after, def.name));
      columns.splice(at, 0, parsed.column);
      def.columns = columns;
      if (parsed.primary) def.primaryKey = [parsed.column.name];
      if (parsed.unique) def.indexes = [...def.indexes, { name: uniqueIndexName(def.indexes, parsed.column.name), columns: [parsed.column.name], unique: true }];
      structural = true;
      continue;
    }
    if (w0 === 'DROP') {
      if (nodeIsWord(spec[1], 'PRIMARY') && nodeIsWord(spec[2], 'KEY')) {
        if (!def.primaryKey.length) mysqlFail(mysqlErrors.cantDropKey('PRIMARY'));
        def.primaryKey = [];
        structural = true;
        continue;
      }
      if (nodeIsWord(spec[1], 'FOREIGN') && nodeIsWord(spec[2], 'KEY')) {
        const fkName = identAt(ctx, spec, 3);
        if (!def.foreignKeys.some((f) => f.name === fkName)) mysqlFail(mysqlErrors.cantDropKey(fkName));
        def.foreignKeys = def.foreignKeys.filter((f) => f.name !== fkName);
        structural = true;
        continue;
      }
      if (nodeIsWord(spec[1], 'INDEX', 'KEY')) {
        const indexName = identAt(ctx, spec, 2);
        if (!def.indexes.some((x) => x.name === indexName)) mysqlFail(mysqlErrors.cantDropKey(indexName));
        def.indexes = def.indexes.filter((x) => x.name !== indexName);
        structural = true;
        continue;
      }
      const colName = identAt(ctx, spec, nodeIsWord(spec[1], 'COLUMN') ? 2 : 1);
      const at = column(colName);
      if (at < 0) mysqlFail(mysqlErrors.cantDropKey(colName));
      const real = def.columns[at]!.name;
      def.columns = def.columns.filter((_c, k) => k !== at);
      def.primaryKey = def.primaryKey.filter((k) => k !== real);
      def.indexes = def.indexes.map((x) => ({ ...x, columns: x.columns.filter((c) => c !== real) })).filter((x) => x.columns.length > 0);
      if (def.foreignKeys.some((f) => f.columns.includes(real))) mysqlFail({ code: 1828, state: 'HY000', message: `Cannot drop column '${real}': needed in a foreign key constraint '${def.foreignKeys.find((f) => f.columns.includes(real))!.name}'` });
      if (def.columns.length === 0) mysqlFail({ code: 1090, state: '42000', message: 'You can\'t delete all columns with ALTER TABLE; use DROP TABLE instead' });
      structural = true;
      continue;
    }
    if (w0 === 'MODIFY' || w0 === 'CHANGE') {
      let i = nodeIsWord(spec[1], 'COLUMN') ? 2 : 1;
      let oldName: string | null = null;
      if (w0 === 'CHANGE') {
        oldName = identAt(ctx, spec, i);
        i += 1;
      }
      let body = spec.slice(i);
      if (nodeIsWord(body[body.length - 1], 'FIRST')) body = body.slice(0, -1);
      else if (nodeIsWord(body[body.length - 2], 'AFTER')) body = body.slice(0, -2);
      const parsed = columnAt(ctx, body, def.database, def.name);
      const at = column(oldName ?? parsed.column.name);
      if (at < 0) mysqlFail(mysqlErrors.unknownColumn(oldName ?? parsed.column.name, def.name));
      const previous = def.columns[at]!.name;
      const columns = [...def.columns];
      columns[at] = parsed.column;
      def.columns = columns;
      if (previous !== parsed.column.name) {
        def.primaryKey = def.primaryKey.map((k) => (k === previous ? parsed.column.name : k));
        def.indexes = def.indexes.map((x) => ({ ...x, columns: x.columns.map((c) => (c === previous ? parsed.column.name : c)) }));
      }
      if (def.primaryKey.includes(parsed.column.name)) parsed.column.nullable = false;
      structural = true;
      continue;
    }
    if (w0 === 'ALTER') {
      const i = nodeIsWord(spec[1], 'COLUMN') ? 2 : 1;
      const at = column(identAt(ctx, spec, i));
      if (at < 0) mysqlFail(mysqlErrors.unknownColumn(identAt(ctx, spec, i), def.name));
      const columns = [...def.columns];
      if (nodeIsWord(spec[i + 1], 'SET') && nodeIsWord(spec[i + 2], 'DEFAULT')) columns[at] = { ...columns[at]!, default: defaultText(ctx, spec, i + 3).text };
      else if (nodeIsWord(spec[i + 1], 'DROP') && nodeIsWord(spec[i + 2], 'DEFAULT')) columns[at] = { ...columns[at]!, default: undefined };
      else failAt(ctx.sql, spec[i + 1] ? startOf(spec[i + 1]!) : ctx.sql.length);
      def.columns = columns;
      structural = true;
      continue;
    }
    if (w0 === 'RENAME') {
      if (nodeIsWord(spec[1], 'COLUMN')) {
        const from = identAt(ctx, spec, 2);
        if (!nodeIsWord(spec[3], 'TO')) failAt(ctx.sql, spec[3] ? startOf(spec[3]!) : ctx.sql.length);
        const to = identAt(ctx, spec, 4);
        const at = column(from);
        if (at < 0) mysqlFail(mysqlErrors.unknownColumn(from, def.name));
        const previous = def.columns[at]!.name;
        def.columns = def.columns.map((c, k) => (k === at ? { ...c, name: to } : c));
        def.primaryKey = def.primaryKey.map((k) => (k === previous ? to : k));
        def.indexes = def.indexes.map((x) => ({ ...x, columns: x.columns.map((c) => (c === previous ? to : c)) }));
        structural = true;
        continue;
      }
      if (nodeIsWord(spec[1], 'INDEX', 'KEY')) {
        const from = identAt(ctx, spec, 2);
        const to = identAt(ctx, spec, 4);
        if (!def.indexes.some((x) => x.name === from)) mysqlFail({ code: 1176, state: '42000', message: `Key '${from}' doesn't exist in table '${def.name}'` });
        def.indexes = def.indexes.map((x) => (x.name === from ? { ...x, name: to } : x));
        structural = true;
        continue;
      }
      const at = nodeIsWord(spec[1], 'TO', 'AS') ? 2 : 1;
      rename = nameAt(ctx, spec, at);
      continue;
    }
    if (w0 === 'AUTO_INCREMENT') {
      autoIncrement = Number(tokenOf(spec[nodeIsOp(spec[1], '=') ? 2 : 1])?.text ?? NaN);
      continue;
    }
    if (w0 === 'ENGINE' || w0 === 'COMMENT') {
      const value = identAt(ctx, spec, nodeIsOp(spec[1], '=') ? 2 : 1);
      if (w0 === 'COMMENT') def.comment = value;
      else if (!/^(innodb|myisam|memory)$/i.test(value)) mysqlFail(mysqlErrors.unknownStorageEngine(value));
      else def.engine = /^innodb$/i.test(value) ? 'InnoDB' : /^myisam$/i.test(value) ? 'MyISAM' : 'MEMORY';
      optionsChanged = true;
      continue;
    }
    if (w0 === 'DEFAULT' || w0 === 'CHARSET' || w0 === 'CHARACTER' || w0 === 'COLLATE' || w0 === 'ROW_FORMAT' || w0 === 'CONVERT') continue;
    if (w0 === 'FORCE' || w0 === 'ALGORITHM' || w0 === 'LOCK') continue;
    unsupported(`ALTER TABLE … ${tokenOf(spec[0])?.text ?? ''}`);
  }
  if (structural) rebuild(ctx, old, def);
  else if (optionsChanged) ctx.db.updateDefinition(def);
  if (rename && (rename.database !== old.database || rename.table !== old.name)) {
    if (ctx.db.table(rename.database, rename.table)) mysqlFail(mysqlErrors.tableExists(rename.table));
    renameWithReferences(ctx, ctx.db.table(old.database, old.name)!, rename.database, rename.table);
  }
  if (autoIncrement !== null && Number.isFinite(autoIncrement)) {
    const current = ctx.db.table(rename?.database ?? old.database, rename?.table ?? old.name)!;
    ctx.db.run('INSERT OR REPLACE INTO sqlite_sequence (name, seq) VALUES (?, ?)', [storageName(current.database, current.name), Math.max(0, autoIncrement - 1)]);
  }
  return { ok: true, affected: 0, warnings, changed: true };
}

/** The kind of DDL a statement is, from its first words, or null. */
export function ddlKind(tokens: readonly Token[]): string | null {
  const [a, b, c] = tokens;
  if (isWord(a, 'CREATE') && isWord(b, 'DATABASE', 'SCHEMA')) return 'create-database';
  if (isWord(a, 'DROP') && isWord(b, 'DATABASE', 'SCHEMA')) return 'drop-database';
  if (isWord(a, 'CREATE') && (isWord(b, 'TABLE') || (isWord(b, 'TEMPORARY') && isWord(c, 'TABLE')))) return 'create-table';
  if (isWord(a, 'DROP') && (isWord(b, 'TABLE') || (isWord(b, 'TEMPORARY') && isWord(c, 'TABLE')))) return 'drop-table';
  if (isWord(a, 'TRUNCATE')) return 'truncate';
  if (isWord(a, 'RENAME') && isWord(b, 'TABLE')) return 'rename';
  if (isWord(a, 'ALTER') && isWord(b, 'TABLE')) return 'alter-table';
  if (isWord(a, 'CREATE') && (isWord(b, 'INDEX') || (isWord(b, 'UNIQUE', 'FULLTEXT', 'SPATIAL') && isWord(c, 'INDEX')))) return 'create-index';
  if (isWord(a, 'DROP') && isWord(b, 'INDEX')) return 'drop-index';
  return null;
}

/** Runs a DDL statement on a server's data. */
export function runDdl(db: ServerDatabase, sql: string, nodes: readonly Node[], kind: string, database: string | null, fkChecks: boolean, now: number): DdlResult {
  const ctx: Ctx = { sql, db, database, fkChecks, now };
  try {
    switch (kind) {
      case 'create-database': return createDatabase(ctx, nodes);
      case 'drop-database': return dropDatabase(ctx, nodes);
      case 'create-table': return createTable(ctx, nodes);
      case 'drop-table': return dropTable(ctx, nodes);
      case 'truncate': return truncateTable(ctx, nodes);
      case 'rename': return renameTables(ctx, nodes);
      case 'alter-table': return alterTable(ctx, nodes);
      case 'create-index': return createIndex(ctx, nodes);
      case 'drop-index': return dropIndex(ctx, nodes);
      default: return { ok: false, unsupported: kind };
    }
  } catch (error) {
    if (error instanceof DdlError) return error.result;
    throw error;
  }
}
