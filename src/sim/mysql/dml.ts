/**
 * INSERT, REPLACE, UPDATE and DELETE in SQLite's words, aimed at the real rows: column lists
 * checked against the catalog (MySQL's errors for unknown columns, missing defaults and wrong
 * value counts), DEFAULT and ON DUPLICATE KEY UPDATE translated, and ORDER BY … LIMIT on UPDATE
 * and DELETE done through the rows' ids.
 */
import { identName, isIdent } from './lexer';
import { findWord, nodeIsOp, nodeIsWord, splitCommas, startOf, tokenOf, type Node } from './tree';
import { columnValueType, translateExpression, translateOrderList, TranslateError, type Scope } from './expressions';
import { dottedName, limitText, resolveTableName, translateQuery, translateTableRefs, isSystemSchema, type QueryEnv } from './select';
import { sqliteIdent, storageName, type ColumnDef, type TableDef } from './catalog';
import { mysqlErrors, syntaxError } from './errors';

export interface DmlTranslation {
  kind: 'insert' | 'replace' | 'update' | 'delete';
  /** The table whose rows change (the binary log's row events are for it). */
  target: TableDef;
  sql: string;
  /** INSERT … VALUES: each row's values, for finding which row broke a constraint. */
  rows?: string[][];
  columns?: ColumnDef[];
  ignore: boolean;
}

function fail(env: QueryEnv, at: number): never {
  throw new TranslateError(syntaxError(env.sql, at));
}

function targetTable(env: QueryEnv, parts: readonly string[], at: number): TableDef {
  const { database, table } = resolveTableName(env, parts, at);
  if (isSystemSchema(database)) throw new TranslateError(mysqlErrors.needPrivilege('SUPER'));
  const def = env.catalog.tables.get(storageName(database, table));
  if (!def) throw new TranslateError(mysqlErrors.noSuchTable(database, table));
  return def;
}

/** The SQL for a column's default, as an INSERT without the column would store. */
function defaultSql(column: ColumnDef): string {
  if (column.autoIncrement) return 'NULL';
  if (column.default === undefined || /^null$/i.test(column.default)) return 'NULL';
  if (/^current_timestamp/i.test(column.default)) return 'mysql_now()';
  if (/^'.*'$/s.test(column.default)) return `'${column.default.slice(1, -1).replace(/\\'/g, "''")}'`;
  return column.default;
}

function hasDefault(column: ColumnDef): boolean {
  return column.autoIncrement || column.nullable || column.default !== undefined;
}

function findColumnDef(table: TableDef, name: string): ColumnDef {
  const column = table.columns.find((c) => c.name.toLowerCase() === name.toLowerCase());
  if (!column) throw new TranslateError(mysqlErrors.unknownColumn(name, 'field list'));
  return column;
}

function assignments(nodes: readonly Node[], env: QueryEnv, scope: Scope, table: TableDef, upsert: boolean): { column: ColumnDef; sql: string }[] {
  return splitCommas(nodes).map((part) => {
    const eq = part.findIndex((n) => nodeIsOp(n, '='));
    if (eq <= 0 || eq === part.length - 1) fail(env, part[0] ? startOf(part[eq > 0 ? eq + 1 : 0]!) : env.sql.length);
    const name = dottedName(part, 0);
    if (!name || name.next !== eq) fail(env, startOf(part[0]!));
    const column = findColumnDef(table, name.parts[name.parts.length - 1]!);
    const value = part.length === eq + 2 && nodeIsWord(part[eq + 1], 'DEFAULT') ? defaultSql(column) : translateExpression(part.slice(eq + 1), { ...env, upsert }, scope).sql;
    return { column, sql: value };
  });
}

/** INSERT or REPLACE. */
export function translateInsert(nodes: readonly Node[], env: QueryEnv): DmlTranslation {
  const replace = nodeIsWord(nodes[0], 'REPLACE');
  let i = 1;
  let ignore = false;
  while (nodeIsWord(nodes[i], 'LOW_PRIORITY', 'DELAYED', 'HIGH_PRIORITY', 'IGNORE')) {
    if (nodeIsWord(nodes[i], 'IGNORE')) ignore = true;
    i += 1;
  }
  if (nodeIsWord(nodes[i], 'INTO')) i += 1;
  const name = dottedName(nodes, i);
  if (!name) fail(env, nodes[i] ? startOf(nodes[i]!) : env.sql.length);
  const table = targetTable(env, name.parts, startOf(nodes[i]!));
  i = name.next;
  if (nodeIsWord(nodes[i], 'PARTITION') && nodes[i + 1]?.kind === 'group') i += 2;
  let columns: ColumnDef[] | null = null;
  const head = nodes[i];
  if (head?.kind === 'group' && !nodeIsWord(head.children[0], 'SELECT', 'WITH')) {
    columns = head.children.length === 0 ? [] : splitCommas(head.children).map((p) => {
      const n = dottedName(p, 0);
      if (!n || n.next !== p.length) fail(env, p[0] ? startOf(p[0]) : head.open.end);
      return findColumnDef(table, n.parts[n.parts.length - 1]!);
    });
    const seen = new Set<string>();
    for (const c of columns) {
      if (seen.has(c.name)) throw new TranslateError({ code: 1110, state: '42000', message: `Column '${c.name}' specified twice` });
      seen.add(c.name);
    }
    i += 1;
  }
  const empty: Scope = { sources: [], parent: null };
  const verb = replace ? 'REPLACE' : ignore ? 'INSERT OR IGNORE' : 'INSERT';
  const storage = sqliteIdent(storageName(table.database, table.name));
  const dupIndex = findWord(nodes, ['ON'], i);
  const upsertNodes = dupIndex >= 0 && nodeIsWord(nodes[dupIndex + 1], 'DUPLICATE') && nodeIsWord(nodes[dupIndex + 2], 'KEY') && nodeIsWord(nodes[dupIndex + 3], 'UPDATE') ? nodes.slice(dupIndex + 4) : null;
  const bodyEnd = upsertNodes ? dupIndex : nodes.length;
  let sql: string;
  let rows: string[][] | undefined;
  if (nodeIsWord(nodes[i], 'SET')) {
    if (columns) fail(env, startOf(nodes[i]!));
    const set = assignments(nodes.slice(i + 1, bodyEnd), env, empty, table, false);
    columns = set.map((a) => a.column);
    rows = [set.map((a) => a.sql)];
    sql = `${verb} INTO ${storage} (${columns.map((c) => sqliteIdent(c.name)).join(', ')}) VALUES (${rows[0]!.join(', ')})`;
  } else if (nodeIsWord(nodes[i], 'VALUES', 'VALUE')) {
    const list = columns ?? [...table.columns];
    rows = [];
    const tuples = splitCommas(nodes.slice(i + 1, bodyEnd));
    tuples.forEach((tuple, index) => {
      let row = tuple;
      if (nodeIsWord(row[0], 'ROW')) row = row.slice(1);
      const group = row[0];
      if (row.length !== 1 || group?.kind !== 'group') fail(env, row[0] ? startOf(row[0]) : env.sql.length);
      const values = group.children.length === 0 ? [] : splitCommas(group.children);
      if (values.length !== list.length) throw new TranslateError(mysqlErrors.columnCount(index + 1));
      rows!.push(values.map((v, k) => {
        if (v.length === 0) fail(env, group.close.start);
        if (v.length === 1 && nodeIsWord(v[0], 'DEFAULT')) return defaultSql(list[k]!);
        return translateExpression(v, env, empty).sql;
      }));
    });
    if (rows.length === 0) fail(env, env.sql.length);
    columns = list;
    sql = list.length === 0 ? `${verb} INTO ${storage} DEFAULT VALUES` : `${verb} INTO ${storage} (${list.map((c) => sqliteIdent(c.name)).join(', ')}) VALUES ${rows.map((r) => `(${r.join(', ')})`).join(', ')}`;
  } else if (nodeIsWord(nodes[i], 'SELECT', 'WITH') || (nodes[i]?.kind === 'group')) {
    const query = translateQuery(nodes.slice(i, bodyEnd), env, null);
    const list = columns ?? [...table.columns];
    if (query.columns.length !== list.length) throw new TranslateError(mysqlErrors.columnCount(1));
    columns = list;
    sql = `${verb} INTO ${storage} (${list.map((c) => sqliteIdent(c.name)).join(', ')}) SELECT * FROM (${query.sql})${upsertNodes ? ' WHERE true' : ''}`;
  } else if (nodeIsWord(nodes[i], 'TABLE')) {
    throw new TranslateError(null, 'INSERT … TABLE');
  } else return fail(env, nodes[i] ? startOf(nodes[i]!) : env.sql.length);
  for (const c of table.columns) {
    if (!columns.includes(c) && !hasDefault(c)) throw new TranslateError(mysqlErrors.noDefault(c.name));
  }
  if (upsertNodes) {
    if (upsertNodes.length === 0) fail(env, env.sql.length);
    const scope: Scope = { sources: [{ alias: table.name, database: table.database, table: table.name, columns: table.columns.map((c) => ({ name: c.name, type: columnValueType(c.type, c.nullable) })) }], parent: null };
    const set = assignments(upsertNodes, env, scope, table, true);
    sql += ` ON CONFLICT DO UPDATE SET ${set.map((a) => `${sqliteIdent(a.column.name)} = ${a.sql}`).join(', ')}`;
  }
  return { kind: replace ? 'replace' : 'insert', target: table, sql, rows, columns, ignore };
}

function tableScope(table: TableDef, alias: string): Scope {
  return { sources: [{ alias, database: table.database, table: table.name, columns: table.columns.map((c) => ({ name: c.name, type: columnValueType(c.type, c.nullable) })) }], parent: null };
}

/** UPDATE (one table, or the first of a join when only its columns are set). */
export function translateUpdate(nodes: readonly Node[], env: QueryEnv): DmlTranslation {
  let i = 1;
  let ignore = false;
  while (nodeIsWord(nodes[i], 'LOW_PRIORITY', 'IGNORE')) {
    if (nodeIsWord(nodes[i], 'IGNORE')) ignore = true;
    i += 1;
  }
  const setAt = findWord(nodes, ['SET'], i);
  if (setAt < 0) fail(env, nodes[nodes.length - 1] ? startOf(nodes[nodes.length - 1]!) : env.sql.length);
  const refs = nodes.slice(i, setAt);
  const name = dottedName(refs, 0);
  if (!name) fail(env, refs[0] ? startOf(refs[0]) : env.sql.length);
  const table = targetTable(env, name.parts, startOf(refs[0]!));
  let alias = table.name;
  let rest = name.next;
  if (nodeIsWord(refs[rest], 'AS')) rest += 1;
  const aliasToken = tokenOf(refs[rest]);
  if (isIdent(aliasToken) && !nodeIsWord(refs[rest], 'JOIN', 'INNER', 'LEFT', 'RIGHT', 'CROSS', 'STRAIGHT_JOIN', 'NATURAL')) {
    alias = identName(aliasToken);
    rest += 1;
  }
  const whereAt = findWord(nodes, ['WHERE'], setAt);
  const orderAt = findWord(nodes, ['ORDER'], setAt);
  const limitAt = findWord(nodes, ['LIMIT'], setAt);
  const setEnd = [whereAt, orderAt, limitAt, nodes.length].filter((x) => x > setAt).sort((a, b) => a - b)[0]!;
  const storage = sqliteIdent(storageName(table.database, table.name));
  if (rest < refs.length || refs.some((n) => nodeIsOp(n, ','))) {
    // A multi-table UPDATE: the rows of the first table change, matched through the others.
    const scope: Scope = { sources: [], parent: null };
    const from = translateTableRefs(refs, env, scope);
    const set = assignments(nodes.slice(setAt + 1, setEnd), env, scope, table, false);
    const where = whereAt >= 0 ? ` WHERE ${translateExpression(nodes.slice(whereAt + 1, [orderAt, limitAt, nodes.length].filter((x) => x > whereAt).sort((a, b) => a - b)[0]), env, scope).sql}` : '';
    const ids = `SELECT ${sqliteIdent(alias)}.rowid FROM ${from}${where}`;
    const values = set.map((a) => `${sqliteIdent(a.column.name)} = (SELECT ${a.sql} FROM ${from} WHERE ${sqliteIdent(alias)}.rowid = ${storage}.rowid${where ? ` AND ${where.slice(7)}` : ''} LIMIT 1)`);
    return { kind: 'update', target: table, sql: `UPDATE ${storage} SET ${values.join(', ')} WHERE rowid IN (${ids})`, ignore };
  }
  const scope = tableScope(table, alias);
  env.reads.push({ database: table.database, table: table.name });
  const set = assignments(nodes.slice(setAt + 1, setEnd), env, scope, table, false);
  for (const c of table.columns) if (c.onUpdateNow && !set.some((a) => a.column === c)) set.push({ column: c, sql: 'mysql_now()' });
  const whereEnd = [orderAt, limitAt, nodes.length].filter((x) => x > whereAt).sort((a, b) => a - b)[0]!;
  const where = whereAt >= 0 ? translateExpression(nodes.slice(whereAt + 1, whereEnd), env, scope).sql : null;
  if (whereAt >= 0 && whereEnd === whereAt + 1) fail(env, env.sql.length);
  const head = `UPDATE${ignore ? ' OR IGNORE' : ''} ${storage} AS ${sqliteIdent(alias)} SET ${set.map((a) => `${sqliteIdent(a.column.name)} = ${a.sql}`).join(', ')}`;
  if (orderAt >= 0 || limitAt >= 0) {
    const order = orderAt >= 0 ? ` ORDER BY ${translateOrderList(nodes.slice(orderAt + 2, limitAt > orderAt ? limitAt : undefined), env, scope)}` : '';
    const limit = limitAt >= 0 ? ` LIMIT ${limitText(nodes.slice(limitAt + 1), env)}` : '';
    return { kind: 'update', target: table, sql: `${head} WHERE rowid IN (SELECT rowid FROM ${storage} AS ${sqliteIdent(alias)}${where ? ` WHERE ${where}` : ''}${order}${limit})`, ignore };
  }
  return { kind: 'update', target: table, sql: `${head}${where ? ` WHERE ${where}` : ''}`, ignore };
}

/** DELETE FROM t …, and DELETE t FROM t JOIN … (one target table). */
export function translateDelete(nodes: readonly Node[], env: QueryEnv): DmlTranslation {
  let i = 1;
  let ignore = false;
  while (nodeIsWord(nodes[i], 'LOW_PRIORITY', 'QUICK', 'IGNORE')) {
    if (nodeIsWord(nodes[i], 'IGNORE')) ignore = true;
    i += 1;
  }
  const whereAt = findWord(nodes, ['WHERE'], i);
  const orderAt = findWord(nodes, ['ORDER'], i);
  const limitAt = findWord(nodes, ['LIMIT'], i);
  const tailStart = [whereAt, orderAt, limitAt, nodes.length].filter((x) => x >= i).sort((a, b) => a - b)[0]!;
  if (!nodeIsWord(nodes[i], 'FROM')) {
    // DELETE t1 FROM t1 JOIN t2 …
    const fromAt = findWord(nodes, ['FROM'], i);
    if (fromAt < 0) fail(env, nodes[i] ? startOf(nodes[i]!) : env.sql.length);
    const targets = splitCommas(nodes.slice(i, fromAt));
    if (targets.length !== 1) throw new TranslateError(null, 'DELETE from several tables at once');
    return multiDelete(nodes, env, targets[0]!, nodes.slice(fromAt + 1, tailStart), whereAt, orderAt, limitAt, ignore);
  }
  i += 1;
  const usingAt = findWord(nodes, ['USING'], i);
  if (usingAt >= 0 && usingAt < tailStart) return multiDelete(nodes, env, nodes.slice(i, usingAt), nodes.slice(usingAt + 1, tailStart), whereAt, orderAt, limitAt, ignore);
  const name = dottedName(nodes, i);
  if (!name) fail(env, nodes[i] ? startOf(nodes[i]!) : env.sql.length);
  const table = targetTable(env, name.parts, startOf(nodes[i]!));
  let alias = table.name;
  let j = name.next;
  if (nodeIsWord(nodes[j], 'AS')) j += 1;
  const aliasToken = tokenOf(nodes[j]);
  if (j < tailStart && isIdent(aliasToken)) {
    alias = identName(aliasToken);
    j += 1;
  }
  if (j < tailStart) fail(env, startOf(nodes[j]!));
  const scope = tableScope(table, alias);
  env.reads.push({ database: table.database, table: table.name });
  const whereEnd = [orderAt, limitAt, nodes.length].filter((x) => x > whereAt).sort((a, b) => a - b)[0]!;
  if (whereAt >= 0 && whereEnd === whereAt + 1) fail(env, env.sql.length);
  const where = whereAt >= 0 ? translateExpression(nodes.slice(whereAt + 1, whereEnd), env, scope).sql : null;
  const storage = sqliteIdent(storageName(table.database, table.name));
  if (orderAt >= 0 || limitAt >= 0) {
    const order = orderAt >= 0 ? ` ORDER BY ${translateOrderList(nodes.slice(orderAt + 2, limitAt > orderAt ? limitAt : undefined), env, scope)}` : '';
    const limit = limitAt >= 0 ? ` LIMIT ${limitText(nodes.slice(limitAt + 1), env)}` : '';
    return { kind: 'delete', target: table, sql: `DELETE FROM ${storage} WHERE rowid IN (SELECT rowid FROM ${storage} AS ${sqliteIdent(alias)}${where ? ` WHERE ${where}` : ''}${order}${limit})`, ignore };
  }
  return { kind: 'delete', target: table, sql: `DELETE FROM ${storage} AS ${sqliteIdent(alias)}${where ? ` WHERE ${where}` : ''}`, ignore };
}

function multiDelete(nodes: readonly Node[], env: QueryEnv, target: readonly Node[], refs: readonly Node[], whereAt: number, orderAt: number, limitAt: number, ignore: boolean): DmlTranslation {
  if (orderAt >= 0 || limitAt >= 0) throw new TranslateError({ code: 1221, state: 'HY000', message: 'Incorrect usage of DELETE and ORDER BY' });
  const scope: Scope = { sources: [], parent: null };
  const from = translateTableRefs(refs, env, scope);
  const targetName = dottedName(target, 0);
  if (!targetName) fail(env, target[0] ? startOf(target[0]) : env.sql.length);
  const alias = targetName.parts[targetName.parts.length - 1]!.replace(/\.\*$/, '');
  const source = scope.sources.find((s) => s.alias === alias);
  if (!source?.database || !source.table) throw new TranslateError(mysqlErrors.unknownTable(alias));
  const table = env.catalog.tables.get(storageName(source.database, source.table))!;
  const where = whereAt >= 0 ? ` WHERE ${translateExpression(nodes.slice(whereAt + 1), env, scope).sql}` : '';
  const storage = sqliteIdent(storageName(table.database, table.name));
  return { kind: 'delete', target: table, sql: `DELETE FROM ${storage} WHERE rowid IN (SELECT ${sqliteIdent(alias)}.rowid FROM ${from}${where})`, ignore };
}

