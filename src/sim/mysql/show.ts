/**
 * SHOW and DESCRIBE as MySQL 8.0.19 answers them, from the catalog and the server's state:
 * databases, tables, columns, indexes, CREATE statements, grants, the processlist, variables and
 * status, the binary logs and their events, and a replica's status. The REPLICA spellings of
 * 8.0.22 are syntax errors here, as they were on 8.0.19.
 */
import { identName, isIdent, isOp, isWord, type Token } from './lexer';
import { failed, rows, unsimulated, type StatementContext, type StatementResult } from './context';
import { resultSet, likeMatches, type ResultColumnSpec } from './results';
import type { ResultSet } from './reads';
import { mysqlErrors, syntaxError } from './errors';
import { describeDefault, extraFlag, keyFlag, showCreateTable, typeText, isTextType, DEFAULT_COLLATION, type TableDef } from './catalog';
import { seesDatabase, seesTable, allows, grantLines, privilegesOf } from './grants';
import { SYSTEM_DATABASES, dataLength, indexCardinalities } from './systables';
import { isSystemSchema } from './select';
import { processList, threadCounts } from './processlist';
import { epochOf } from '../time';
import { binlogOf, factsOf, globalVariable, nowOf, preparedOf, serverOf, startedAt, uuidOf, type Server } from './server';
import { VARIABLE_NAMES, defaultValue, showValue, variableScope } from './variables';
import { binlogTimestamp, FORMAT_DESCRIPTION_END, FIRST_EVENT_POSITION, recordAt, recordCount, transactionEvents } from './binlog';
import { rotateEventSize, STOP_EVENT_SIZE } from './binlog-history';
import { slaveStatus, replicasOf } from './replication';
import { datetimeText } from './generate';
import { hostSpec } from '../world';
import type { BinlogRecord, StatementCounts } from './state';
import { buildTree } from './tree';
import { COM_NAMES } from './com';
import { INFORMATION_SCHEMA_VIEWS, MYSQL_SCHEMA_TABLES, PERFORMANCE_SCHEMA_TABLES, SYS_VIEWS } from './system-names';
import { translateExpression, TranslateError, type Scope } from './expressions';
import { queryEnv } from './query';
import { sqliteIdent } from './catalog';
import { sqliteError } from './sqlite-errors';

function syntax(ctx: StatementContext, at: number): StatementResult {
  return failed(syntaxError(ctx.sql, ctx.tokens[at]?.start ?? ctx.sql.length));
}

/** `LIKE 'pattern'` or `WHERE expr` at tokens[i]: a filter over a result's rows (WHERE runs as real SQL). */
function filterAt(ctx: StatementContext, i: number, result: ResultSet, likeColumn = 0): { result: ResultSet; pattern: string | null } | StatementResult {
  if (i >= ctx.tokens.length) return { result, pattern: null };
  if (isWord(ctx.tokens[i], 'LIKE')) {
    const p = ctx.tokens[i + 1];
    if (p?.kind !== 'string' || i + 2 !== ctx.tokens.length) return syntax(ctx, i + 1);
    return { result: { ...result, rows: result.rows.filter((r) => likeMatches(p.value, r[likeColumn] ?? '')) }, pattern: p.value };
  }
  if (isWord(ctx.tokens[i], 'WHERE')) {
    const db = ctx.db();
    const tree = buildTree(ctx.tokens.slice(i + 1));
    if (!tree.ok || tree.nodes.length === 0) return syntax(ctx, i + 1);
    const env = queryEnv(db, ctx.sql, ctx.view());
    const scope: Scope = { sources: [{ alias: '__show', database: null, table: null, columns: result.columns.map((c) => ({ name: c.name, type: c.type })) }], parent: null };
    try {
      const where = translateExpression(tree.nodes, env, scope).sql;
      db.db.exec('DROP TABLE IF EXISTS temp.`__show`');
      db.db.exec(`CREATE TEMP TABLE \`__show\` (__n INTEGER, ${result.columns.map((c) => `${sqliteIdent(c.name)} ${result.numeric[result.columns.indexOf(c)] ? 'INTEGER' : 'TEXT COLLATE NOCASE'}`).join(', ')})`);
      const insert = db.db.prepare(`INSERT INTO temp.\`__show\` VALUES (${['?', ...result.columns.map(() => '?')].join(', ')})`);
      result.rows.forEach((r, n) => insert.run([n, ...r.map((v, k) => (v !== null && result.numeric[k] && /^-?\d+$/.test(v) ? Number(v) : v))]));
      insert.free();
      const kept = new Set(db.query(`SELECT __n FROM temp.\`__show\` AS \`__show\` WHERE ${where}`).rows.map((r) => Number(r[0])));
      return { result: { ...result, rows: result.rows.filter((_r, n) => kept.has(n)) }, pattern: null };
    } catch (error) {
      if (error instanceof TranslateError && error.mysql) return failed(error.mysql);
      const message = error instanceof Error ? error.message : String(error);
      const column = /no such column: (.+)$/.exec(message)?.[1];
      if (column) return failed(mysqlErrors.unknownColumn(column, 'where clause'));
      return failed(sqliteError(error, { sql: ctx.sql, database: ctx.session.database }, tree.nodes));
    }
  }
  return syntax(ctx, i);
}

function isResult(x: unknown): x is StatementResult {
  return typeof x === 'object' && x !== null && 'kind' in x;
}

/** `FROM db` / `IN db` at tokens[i]. */
function fromDatabase(ctx: StatementContext, i: number): { database: string | null; next: number } {
  if (isWord(ctx.tokens[i], 'FROM', 'IN') && isIdent(ctx.tokens[i + 1])) return { database: identName(ctx.tokens[i + 1]!), next: i + 2 };
  return { database: ctx.session.database, next: i };
}

/** `t`, `db.t` at tokens[i]. */
function tableAt(ctx: StatementContext, i: number): { database: string | null; table: string; next: number } | null {
  const t = ctx.tokens[i];
  if (!isIdent(t)) return null;
  if (isOp(ctx.tokens[i + 1], '.') && isIdent(ctx.tokens[i + 2])) return { database: identName(t), table: identName(ctx.tokens[i + 2]!), next: i + 3 };
  return { database: null, table: identName(t), next: i + 1 };
}

function lookupTable(ctx: StatementContext, database: string | null, table: string): TableDef | StatementResult {
  if (database === null) return failed(mysqlErrors.noDatabase());
  const def = ctx.db().table(database, table);
  if (!def) return failed(mysqlErrors.noSuchTable(database, table));
  if (!seesTable(ctx.privileges, database, table)) return failed(mysqlErrors.commandDenied('SELECT', ctx.session.user, ctx.session.clientHost, table));
  return def;
}

function visibleDatabases(ctx: StatementContext): string[] {
  const user = [...ctx.db().catalog().databases.keys()];
  const all = [...SYSTEM_DATABASES.map((d) => d.name), ...user].sort();
  return all.filter((name) => name === 'information_schema' || allows(ctx.privileges, 'SHOW DATABASES') || seesDatabase(ctx.privileges, name));
}

function showDatabases(ctx: StatementContext, i: number): StatementResult {
  const base = resultSet([{ name: 'Database', notNull: true }], visibleDatabases(ctx).map((d) => [d]));
  const filtered = filterAt(ctx, i, base);
  if (isResult(filtered)) return filtered;
  if (filtered.pattern !== null) filtered.result.columns[0]!.name = `Database (${filtered.pattern})`;
  return rows(filtered.result);
}

function showTables(ctx: StatementContext, i: number, full: boolean): StatementResult {
  const from = fromDatabase(ctx, i);
  if (from.database === null) return failed(mysqlErrors.noDatabase());
  const database = from.database;
  if (isSystemSchema(database)) {
    // 8.0.19's own tables of each system schema, as information_schema.TABLES lists them.
    const schema = database.toLowerCase() === 'information_schema' ? 'information_schema' : database;
    const names: [string, string][] = schema === 'information_schema' ? INFORMATION_SCHEMA_VIEWS.map((n) => [n, 'SYSTEM VIEW']) : schema === 'mysql' ? MYSQL_SCHEMA_TABLES.map((n) => [n, 'BASE TABLE']) : schema === 'performance_schema' ? PERFORMANCE_SCHEMA_TABLES.map((n) => [n, 'BASE TABLE']) : schema === 'sys' ? [['sys_config', 'BASE TABLE'] as [string, string], ...SYS_VIEWS.map((n): [string, string] => [n, 'VIEW'])].sort((a, b) => (a[0] < b[0] ? -1 : 1)) : [];
    if (names.length === 0) return failed(mysqlErrors.unknownDatabase(database));
    if (schema !== 'information_schema' && !seesDatabase(ctx.privileges, schema) && !allows(ctx.privileges, 'SHOW DATABASES')) return failed(mysqlErrors.dbAccessDenied(ctx.session.account.user, ctx.session.account.host, schema));
    const title = `Tables_in_${schema}`;
    const filtered = filterAt(ctx, from.next, resultSet([{ name: title, notNull: true }, ...(full ? [{ name: 'Table_type', notNull: true }] : [])], names));
    if (isResult(filtered)) return filtered;
    if (filtered.pattern !== null) filtered.result.columns[0]!.name = `${title} (${filtered.pattern})`;
    return rows(filtered.result);
  }
  if (!ctx.db().catalog().databases.has(database)) return failed(mysqlErrors.unknownDatabase(database));
  if (!seesDatabase(ctx.privileges, database) && !allows(ctx.privileges, 'SHOW DATABASES')) return failed(mysqlErrors.dbAccessDenied(ctx.session.account.user, ctx.session.account.host, database));
  const tables = ctx.db().tablesOf(database).filter((t) => seesTable(ctx.privileges, database, t.name));
  const columns: ResultColumnSpec[] = [{ name: `Tables_in_${database}`, notNull: true }, ...(full ? [{ name: 'Table_type', notNull: true }] : [])];
  const filtered = filterAt(ctx, from.next, resultSet(columns, tables.map((t) => [t.name, 'BASE TABLE'])));
  if (isResult(filtered)) return filtered;
  if (filtered.pattern !== null) filtered.result.columns[0]!.name = `Tables_in_${database} (${filtered.pattern})`;
  return rows(filtered.result);
}

/** DESCRIBE t / SHOW [FULL] COLUMNS FROM t. */
export function describeTable(ctx: StatementContext, def: TableDef, full: boolean, filter: number): StatementResult {
  const columns: ResultColumnSpec[] = full
    ? [{ name: 'Field', notNull: true }, { name: 'Type', notNull: true }, { name: 'Collation' }, { name: 'Null', notNull: true }, { name: 'Key', notNull: true }, { name: 'Default' }, { name: 'Extra', notNull: true }, { name: 'Privileges', notNull: true }, { name: 'Comment', notNull: true }]
    : [{ name: 'Field', notNull: true }, { name: 'Type', notNull: true }, { name: 'Null', notNull: true }, { name: 'Key', notNull: true }, { name: 'Default' }, { name: 'Extra', notNull: true }];
  const data = def.columns.map((c) => {
    const base = [c.name, typeText(c.type), c.nullable ? 'YES' : 'NO', keyFlag(def, c.name), describeDefault(c), extraFlag(c)];
    return full ? [c.name, typeText(c.type), isTextType(c.type) ? def.collation : null, base[2]!, base[3]!, base[4]!, base[5]!, 'select,insert,update,references', c.comment ?? ''] : base;
  });
  const filtered = filterAt(ctx, filter, resultSet(columns, data));
  if (isResult(filtered)) return filtered;
  return rows(filtered.result);
}

function showColumns(ctx: StatementContext, i: number, full: boolean): StatementResult {
  if (!isWord(ctx.tokens[i], 'FROM', 'IN')) return syntax(ctx, i);
  const t = tableAt(ctx, i + 1);
  if (!t) return syntax(ctx, i + 1);
  const db = isWord(ctx.tokens[t.next], 'FROM', 'IN') && isIdent(ctx.tokens[t.next + 1]) ? { database: identName(ctx.tokens[t.next + 1]!), next: t.next + 2 } : { database: t.database ?? ctx.session.database, next: t.next };
  const def = lookupTable(ctx, db.database, t.table);
  if (isResult(def)) return def;
  return describeTable(ctx, def, full, db.next);
}

function showIndex(ctx: StatementContext, i: number): StatementResult {
  if (!isWord(ctx.tokens[i], 'FROM', 'IN')) return syntax(ctx, i);
  const t = tableAt(ctx, i + 1);
  if (!t) return syntax(ctx, i + 1);
  const db = isWord(ctx.tokens[t.next], 'FROM', 'IN') && isIdent(ctx.tokens[t.next + 1]) ? { database: identName(ctx.tokens[t.next + 1]!), next: t.next + 2 } : { database: t.database ?? ctx.session.database, next: t.next };
  const def = lookupTable(ctx, db.database, t.table);
  if (isResult(def)) return def;
  const data: (string | number | null)[][] = indexCardinalities(ctx.db(), def).map((r) => [def.name, r.nonUnique, r.key, r.seq, r.column, 'A', r.cardinality, null, null, r.nullable, 'BTREE', '', '', 'YES', null]);
  const columns: ResultColumnSpec[] = [{ name: 'Table', notNull: true }, { name: 'Non_unique', numeric: true, notNull: true }, { name: 'Key_name' }, { name: 'Seq_in_index', numeric: true, notNull: true }, { name: 'Column_name' }, { name: 'Collation' }, { name: 'Cardinality', numeric: true }, { name: 'Sub_part', numeric: true }, { name: 'Packed' }, { name: 'Null', notNull: true }, { name: 'Index_type', notNull: true }, { name: 'Comment', notNull: true }, { name: 'Index_comment', notNull: true }, { name: 'Visible', notNull: true }, { name: 'Expression' }];
  const filtered = filterAt(ctx, db.next, resultSet(columns, data));
  if (isResult(filtered)) return filtered;
  return rows(filtered.result);
}

function showTableStatus(ctx: StatementContext, i: number): StatementResult {
  const from = fromDatabase(ctx, i);
  if (from.database === null) return failed(mysqlErrors.noDatabase());
  const database = from.database;
  if (!ctx.db().catalog().databases.has(database)) return failed(mysqlErrors.unknownDatabase(database));
  const db = ctx.db();
  const data = db.tablesOf(database).filter((t) => seesTable(ctx.privileges, database, t.name)).map((t) => {
    const n = db.count(t.database, t.name);
    const length = dataLength(n, t.columns.length);
    return [t.name, t.engine, 10, 'Dynamic', n, n ? Math.floor(length / n) : 0, length, 0, t.indexes.length * 16384, 0, db.nextAutoIncrement(t), datetimeText(t.createdAt), null, null, t.collation, null, '', t.comment ?? ''];
  });
  const numeric = new Set(['Version', 'Rows', 'Avg_row_length', 'Data_length', 'Max_data_length', 'Index_length', 'Data_free', 'Auto_increment', 'Checksum']);
  const names = ['Name', 'Engine', 'Version', 'Row_format', 'Rows', 'Avg_row_length', 'Data_length', 'Max_data_length', 'Index_length', 'Data_free', 'Auto_increment', 'Create_time', 'Update_time', 'Check_time', 'Collation', 'Checksum', 'Create_options', 'Comment'];
  const filtered = filterAt(ctx, from.next, resultSet(names.map((name) => ({ name, numeric: numeric.has(name), notNull: name === 'Name' || name === 'Comment' })), data));
  if (isResult(filtered)) return filtered;
  return rows(filtered.result);
}

function showCreate(ctx: StatementContext, i: number): StatementResult {
  if (isWord(ctx.tokens[i], 'TABLE')) {
    const t = tableAt(ctx, i + 1);
    if (!t || t.next !== ctx.tokens.length) return syntax(ctx, t?.next ?? i + 1);
    const def = lookupTable(ctx, t.database ?? ctx.session.database, t.table);
    if (isResult(def)) return def;
    return rows(resultSet([{ name: 'Table', notNull: true }, { name: 'Create Table', notNull: true }], [[def.name, showCreateTable(def, ctx.db().nextAutoIncrement(def))]]));
  }
  if (isWord(ctx.tokens[i], 'DATABASE', 'SCHEMA')) {
    let j = i + 1;
    const ifNotExists = isWord(ctx.tokens[j], 'IF') && isWord(ctx.tokens[j + 1], 'NOT') && isWord(ctx.tokens[j + 2], 'EXISTS');
    if (ifNotExists) j += 3;
    if (!isIdent(ctx.tokens[j])) return syntax(ctx, j);
    const name = identName(ctx.tokens[j]!);
    const def = ctx.db().catalog().databases.get(name) ?? SYSTEM_DATABASES.find((d) => d.name === name);
    if (!def) return failed(mysqlErrors.unknownDatabase(name));
    const collation = def.collation === DEFAULT_COLLATION ? ' COLLATE utf8mb4_0900_ai_ci' : ` COLLATE ${def.collation}`;
    return rows(resultSet([{ name: 'Database', notNull: true }, { name: 'Create Database', notNull: true }], [[name, `CREATE DATABASE ${ifNotExists ? '/*!32312 IF NOT EXISTS*/ ' : ''}\`${name}\` /*!40100 DEFAULT CHARACTER SET ${def.charset}${collation} */ /*!80016 DEFAULT ENCRYPTION='N' */`]]));
  }
  if (isWord(ctx.tokens[i], 'USER')) {
    const account = accountNameAt(ctx, i + 1);
    if (!account) return syntax(ctx, i + 1);
    const found = ctx.server.state.accounts.find((a) => a.user === account.user && a.host === account.host);
    if (!found) return failed(mysqlErrors.operationFailed('SHOW CREATE USER', `'${account.user}'@'${account.host}'`));
    const auth = found.plugin === 'auth_socket' ? "IDENTIFIED WITH 'auth_socket'" : `IDENTIFIED WITH '${found.plugin}'${found.password !== null ? " AS '<secret>'" : ''}`;
    if (found.password !== null) ctx.notes.push('The drill does not show password hashes.');
    return rows(resultSet([{ name: `CREATE USER for ${found.user}@${found.host}`, notNull: true }], [[`CREATE USER \`${found.user}\`@\`${found.host}\` ${auth} REQUIRE NONE PASSWORD EXPIRE DEFAULT ACCOUNT ${found.locked ? 'LOCK' : 'UNLOCK'} PASSWORD HISTORY DEFAULT PASSWORD REUSE INTERVAL DEFAULT PASSWORD REQUIRE CURRENT DEFAULT`]]));
  }
  if (isWord(ctx.tokens[i], 'VIEW', 'PROCEDURE', 'FUNCTION', 'TRIGGER', 'EVENT')) {
    const t = tableAt(ctx, i + 1);
    const kind = ctx.tokens[i]!.value;
    if (kind === 'VIEW' && t) return failed(mysqlErrors.noSuchTable(t.database ?? ctx.session.database ?? '', t.table));
    return failed({ code: kind === 'TRIGGER' ? 1360 : kind === 'EVENT' ? 1539 : 1305, state: kind === 'TRIGGER' ? 'HY000' : '42000', message: kind === 'TRIGGER' ? 'Trigger does not exist' : kind === 'EVENT' ? `Unknown event '${t?.table ?? ''}'` : `${kind} ${ctx.session.database ?? ''}.${t?.table ?? ''} does not exist` });
  }
  return syntax(ctx, i);
}

function accountNameAt(ctx: StatementContext, i: number): { user: string; host: string } | null {
  const t = ctx.tokens[i];
  if (isWord(t, 'CURRENT_USER')) return ctx.session.account;
  if (!t || !(isIdent(t) || t.kind === 'string')) return null;
  const user = t.kind === 'string' ? t.value : identName(t);
  const n = ctx.tokens[i + 1];
  if (n?.kind === 'var') return { user, host: n.text.slice(1).replace(/^['"`](.*)['"`]$/, '$1') };
  if (isOp(n, '@') && ctx.tokens[i + 2]) {
    const h = ctx.tokens[i + 2]!;
    return { user, host: h.kind === 'string' ? h.value : identName(h) };
  }
  return { user, host: '%' };
}

function showGrants(ctx: StatementContext, i: number): StatementResult {
  let account = ctx.session.account;
  if (isWord(ctx.tokens[i], 'FOR')) {
    const named = accountNameAt(ctx, i + 1);
    if (!named) return syntax(ctx, i + 1);
    const self = named.user === ctx.session.account.user && named.host === ctx.session.account.host;
    if (!self && !allows(ctx.privileges, 'SELECT', 'mysql')) return failed(mysqlErrors.dbAccessDenied(ctx.session.account.user, ctx.session.account.host, 'mysql'));
    account = named;
  } else if (i < ctx.tokens.length) return syntax(ctx, i);
  const found = ctx.server.state.accounts.find((a) => a.user === account.user && a.host === account.host);
  if (!found) return failed(mysqlErrors.noSuchGrant(account.user, account.host));
  return rows(resultSet([{ name: `Grants for ${found.user}@${found.host}`, notNull: true }], grantLines(found.user, found.host, privilegesOf(found.grants)).map((g) => [g])));
}

function showProcesslist(ctx: StatementContext, full: boolean): StatementResult {
  const list = processList(ctx.draft, ctx.server, ctx.session, ctx.sql.trim(), allows(ctx.privileges, 'PROCESS'));
  return rows(resultSet([{ name: 'Id', numeric: true, notNull: true }, { name: 'User', notNull: true }, { name: 'Host', notNull: true }, { name: 'db' }, { name: 'Command', notNull: true }, { name: 'Time', numeric: true, notNull: true }, { name: 'State' }, { name: 'Info' }], list.map((p) => [p.id, p.user, p.host, p.db, p.command, p.time, p.state, p.info === null ? null : full ? p.info : p.info.slice(0, 100)])));
}

/** SHOW VARIABLES' rows (performance_schema.global_variables and session_variables too). */
export function variableRows(ctx: StatementContext, scope: 'global' | 'session'): [string, string][] {
  const facts = factsOf(ctx.draft, ctx.server);
  return VARIABLE_NAMES.filter((name) => (scope === 'global' ? variableScope(name) !== 'session' : true)).map((name) => {
    let value = scope === 'session' && Object.hasOwn(ctx.session.vars, name) ? ctx.session.vars[name]! : globalVariable(ctx.draft, ctx.server, name) ?? defaultValue(name, facts) ?? '';
    if (name === 'pseudo_thread_id' && !Object.hasOwn(ctx.session.vars, name)) value = String(ctx.session.id);
    return [name, showValue(name, value)] as [string, string];
  });
}

function showVariables(ctx: StatementContext, i: number, scope: 'global' | 'session'): StatementResult {
  const data = variableRows(ctx, scope);
  const filtered = filterAt(ctx, i, resultSet([{ name: 'Variable_name', notNull: true }, { name: 'Value' }], data));
  if (isResult(filtered)) return filtered;
  return rows(filtered.result);
}

/** Statements before the world's start that this server logged itself (not a source's, applied as a replica), by kind. */
function loggedBeforeStart(ctx: StatementContext): { insert: number; update: number; delete: number } {
  const out = { insert: 0, update: 0, delete: 0 };
  const state = ctx.server.state;
  // A restart since the start zeroed the counters.
  if (state.startedAt > epochOf(ctx.draft.config.date, state.data.origin.clock)) return out;
  const serverId = ctx.server.spec.serverId ?? 1;
  for (const record of preparedOf(ctx.draft, ctx.server).records) {
    const event = record.event;
    if (record.serverId !== serverId || event.at < state.startedAt || event.kind !== 'rows') continue;
    const word = /^\s*(\w+)/.exec(event.sql ?? '')?.[1]?.toLowerCase();
    const op = word === 'insert' || word === 'update' || word === 'delete' ? word : event.changes[0]?.op;
    if (op) out[op] += 1;
  }
  return out;
}

/** Com_select, Questions…: the connection's own (SHOW [SESSION] STATUS) or the server's since it started (GLOBAL). */
function statementCounters(ctx: StatementContext, scope: 'global' | 'session'): StatementCounts {
  if (scope === 'session') return ctx.session.counts ?? { questions: 0, select: 0, insert: 0, update: 0, delete: 0 };
  const state = ctx.server.state;
  const before = loggedBeforeStart(ctx);
  const since = state.com ?? { select: 0, insert: 0, update: 0, delete: 0 };
  const restarted = state.startedAt > epochOf(ctx.draft.config.date, state.data.origin.clock);
  // Before the start the application read about once every 2 s (what initialMysql's Questions counts).
  const reads = restarted ? 0 : Math.floor(Math.max(0, epochOf(ctx.draft.config.date, state.data.origin.clock) - state.startedAt) / 2);
  return {
    other: since.other,
    questions: state.questions + before.insert + before.update + before.delete,
    select: reads + since.select,
    insert: before.insert + since.insert,
    update: before.update + since.update,
    delete: before.delete + since.delete,
  };
}

export function statusValues(ctx: StatementContext, scope: 'global' | 'session'): [string, string | number][] {
  const up = Math.max(0, nowOf(ctx.draft) - startedAt(ctx.draft, ctx.server));
  const state = ctx.server.state;
  let deleted = 0;
  let inserted = 0;
  let updated = 0;
  for (let k = 0; k < state.data.changes.length; k += 1) {
    const event = state.data.changes.list.items[k]!;
    if (event.kind !== 'rows') continue;
    for (const c of event.changes) {
      if (c.op === 'delete') deleted += c.rows.length;
      else if (c.op === 'insert') inserted += c.rows.length;
      else updated += c.rows.length;
    }
  }
  const counts = statementCounters(ctx, scope);
  const threads = threadCounts(ctx.draft, ctx.server, ctx.session);
  return [
    ['Aborted_clients', 0],
    ['Aborted_connects', 2],
    ['Binlog_cache_disk_use', 0],
    ['Binlog_cache_use', 0],
    ['Bytes_received', counts.questions * 214],
    ['Bytes_sent', counts.questions * 1630],
    ...COM_NAMES.map((name): [string, number] => [`Com_${name}`, name === 'select' || name === 'insert' || name === 'update' || name === 'delete' ? counts[name] : counts.other?.[name] ?? 0]),
    ['Connections', state.connections],
    ['Created_tmp_disk_tables', 0],
    ['Created_tmp_tables', Math.floor(counts.questions / 40)],
    ['Innodb_buffer_pool_pages_total', 8192],
    ['Innodb_rows_deleted', deleted],
    ['Innodb_rows_inserted', inserted + Math.floor(up / 30)],
    ['Innodb_rows_read', counts.questions * 37],
    ['Innodb_rows_updated', updated + Math.floor(up / 60)],
    ['Max_used_connections', Math.max(12, threads.connected)],
    ['Open_tables', 140],
    ['Opened_tables', 214],
    ['Queries', counts.questions + (scope === 'global' ? Math.floor(up / 30) : 0)],
    ['Questions', counts.questions],
    ['Slave_open_temp_tables', 0],
    ['Slow_queries', 0],
    ['Threads_cached', 1],
    ['Threads_connected', threads.connected],
    ['Threads_created', Math.max(9, threads.connected + 1)],
    ['Threads_running', threads.running],
    ['Uptime', up],
    ['Uptime_since_flush_status', up],
  ];
}

function showStatus(ctx: StatementContext, i: number, scope: 'global' | 'session'): StatementResult {
  const numeric = statusValues(ctx, scope);
  const filtered = filterAt(ctx, i, resultSet([{ name: 'Variable_name', notNull: true }, { name: 'Value' }], numeric));
  if (isResult(filtered)) return filtered;
  return rows(filtered.result);
}

function requireReplicationClient(ctx: StatementContext): StatementResult | null {
  if (allows(ctx.privileges, 'SUPER') || allows(ctx.privileges, 'REPLICATION CLIENT')) return null;
  return failed(mysqlErrors.needPrivilege('SUPER, REPLICATION CLIENT'));
}

function showMasterStatus(ctx: StatementContext): StatementResult {
  const denied = requireReplicationClient(ctx);
  if (denied) return denied;
  const binlog = binlogOf(ctx.draft, ctx.server);
  const file = binlog.files[binlog.files.length - 1]!;
  return rows(resultSet([{ name: 'File', notNull: true }, { name: 'Position', numeric: true, notNull: true }, { name: 'Binlog_Do_DB', notNull: true }, { name: 'Binlog_Ignore_DB', notNull: true }, { name: 'Executed_Gtid_Set', notNull: true }], [[file.name, binlog.position, '', '', '']]));
}

function showBinaryLogs(ctx: StatementContext): StatementResult {
  const denied = requireReplicationClient(ctx);
  if (denied) return denied;
  const binlog = binlogOf(ctx.draft, ctx.server);
  return rows(resultSet([{ name: 'Log_name', notNull: true }, { name: 'File_size', numeric: true, notNull: true }, { name: 'Encrypted', notNull: true }], binlog.files.map((f, k) => [f.name, k === binlog.files.length - 1 ? binlog.position : f.size ?? 0, 'No'])));
}

/** Every event of a binary log file, from its Format_description on (SHOW BINLOG EVENTS, mysqlbinlog). */
export function fileEvents(ctx: { draft: StatementContext['draft']; server: Server }, fileName: string): { type: string; start: number; end: number; info: string; serverId: number; at: number; record?: BinlogRecord; rows?: import('./state').TableRows; tableId?: number; last?: boolean; body?: Uint8Array }[] | null {
  const binlog = binlogOf(ctx.draft, ctx.server);
  const index = binlog.files.findIndex((f) => f.name === fileName);
  if (index < 0) return null;
  const file = binlog.files[index]!;
  const prepared = preparedOf(ctx.draft, ctx.server);
  const facts = factsOf(ctx.draft, ctx.server);
  const total = recordCount(prepared.records, binlog.records);
  const end = index + 1 < binlog.files.length ? binlog.files[index + 1]!.firstRecord : total;
  const out: NonNullable<ReturnType<typeof fileEvents>> = [
    { type: 'Format_desc', start: 4, end: FORMAT_DESCRIPTION_END, info: `Server ver: ${facts.version}, Binlog ver: 4`, serverId: facts.serverId, at: file.startedAt },
    { type: 'Previous_gtids', start: FORMAT_DESCRIPTION_END, end: FIRST_EVENT_POSITION, info: '', serverId: facts.serverId, at: file.startedAt },
  ];
  // Events from before the scenario's history: only their extent is known.
  if (file.unmodelled) out.push({ type: UNMODELLED, start: FIRST_EVENT_POSITION, end: FIRST_EVENT_POSITION + file.unmodelled, info: '', serverId: facts.serverId, at: file.startedAt });
  for (let k = file.firstRecord; k < end; k += 1) {
    const record = recordAt(prepared.records, binlog.records, k)!;
    for (const e of transactionEvents(record.event, record.start, record.xid)) out.push({ type: e.type, start: e.start, end: e.end, info: e.info, serverId: record.serverId, at: record.event.at, record, rows: e.rows, tableId: e.tableId, last: e.last, body: e.body });
  }
  if (file.size !== undefined) {
    const next = binlog.files[index + 1]!;
    const at = file.closedAt ?? next.startedAt;
    if (file.closedBy === 'stop') out.push({ type: 'Stop', start: file.size - STOP_EVENT_SIZE, end: file.size, info: '', serverId: facts.serverId, at });
    else out.push({ type: 'Rotate', start: file.size - rotateEventSize(next.name), end: file.size, info: `${next.name};pos=4`, serverId: facts.serverId, at });
  }
  return out;
}

/** The type fileEvents gives the stretch of a file whose events are not modelled. */
export const UNMODELLED = 'unmodelled';

/** The drill's word on a file's unmodelled stretch. */
export function unmodelledNote(file: string, start: number, end: number): string {
  return `Not simulated in this drill: the events of ${file} between positions ${start} and ${end} (transactions written before the scenario's history); only their size is modelled.`;
}

function showBinlogEvents(ctx: StatementContext, i: number): StatementResult {
  if (!allows(ctx.privileges, 'REPLICATION SLAVE')) return failed(mysqlErrors.needPrivilege('REPLICATION SLAVE'));
  const binlog = binlogOf(ctx.draft, ctx.server);
  let file = binlog.files[0]!.name;
  let from = 0;
  let offset = 0;
  let limit = Number.POSITIVE_INFINITY;
  let j = i;
  if (isWord(ctx.tokens[j], 'IN')) {
    if (ctx.tokens[j + 1]?.kind !== 'string') return syntax(ctx, j + 1);
    file = ctx.tokens[j + 1]!.value;
    j += 2;
  }
  if (isWord(ctx.tokens[j], 'FROM')) {
    if (ctx.tokens[j + 1]?.kind !== 'number') return syntax(ctx, j + 1);
    from = Number(ctx.tokens[j + 1]!.text);
    j += 2;
  }
  if (isWord(ctx.tokens[j], 'LIMIT')) {
    const a = ctx.tokens[j + 1];
    if (a?.kind !== 'number') return syntax(ctx, j + 1);
    if (isOp(ctx.tokens[j + 2], ',') && ctx.tokens[j + 3]?.kind === 'number') {
      offset = Number(a.text);
      limit = Number(ctx.tokens[j + 3]!.text);
      j += 4;
    } else {
      limit = Number(a.text);
      j += 2;
    }
  }
  if (j < ctx.tokens.length) return syntax(ctx, j);
  const all = fileEvents(ctx, file);
  if (!all) return failed(mysqlErrors.binlogNotFound());
  const gap = all.find((e) => e.type === UNMODELLED);
  if (gap) ctx.notes.push(unmodelledNote(file, gap.start, gap.end));
  const events = all.filter((e) => e !== gap);
  const start = from === 0 ? 0 : events.findIndex((e) => e.start === from);
  if (from !== 0 && start < 0) return failed({ code: 1220, state: 'HY000', message: 'Error when executing command SHOW BINLOG EVENTS: Wrong offset or I/O error' });
  const picked = events.slice(start).slice(offset, offset + Math.min(limit, 100_000));
  return rows(resultSet([{ name: 'Log_name', notNull: true }, { name: 'Pos', numeric: true, notNull: true }, { name: 'Event_type', notNull: true }, { name: 'Server_id', numeric: true, notNull: true }, { name: 'End_log_pos', numeric: true, notNull: true }, { name: 'Info', notNull: true }], picked.map((e) => [file, e.start, e.type, e.serverId, e.end, e.info])));
}

function showSlaveHosts(ctx: StatementContext): StatementResult {
  const data = replicasOf(ctx.draft.config, ctx.server.host).flatMap((id) => {
    const spec = hostSpec(ctx.draft.config, id)?.mysql;
    const replica = serverOf(ctx.draft, id);
    if (!spec || !replica?.state.replica?.ioRunning) return [];
    return [[spec.serverId ?? 2, '', spec.port ?? 3306, ctx.server.spec.serverId ?? 1, uuidOf(ctx.draft, replica)]];
  });
  return rows(resultSet([{ name: 'Server_id', numeric: true, notNull: true }, { name: 'Host', notNull: true }, { name: 'Port', numeric: true, notNull: true }, { name: 'Master_id', numeric: true, notNull: true }, { name: 'Slave_UUID', notNull: true }], data));
}

function showWarnings(ctx: StatementContext, errorsOnly: boolean): StatementResult {
  const list = ctx.session.warnings.map((w) => w.split('|')).filter((w) => !errorsOnly || w[0] === 'Error');
  return rows(resultSet([{ name: 'Level', notNull: true }, { name: 'Code', numeric: true, notNull: true }, { name: 'Message', notNull: true }], list.map(([level = 'Warning', code = '0', message = '']) => [level, Number(code), message])));
}

const ENGINES: (string | null)[][] = [
  ['FEDERATED', 'NO', 'Federated MySQL storage engine', null, null, null],
  ['MEMORY', 'YES', 'Hash based, stored in memory, useful for temporary tables', 'NO', 'NO', 'NO'],
  ['InnoDB', 'DEFAULT', 'Supports transactions, row-level locking, and foreign keys', 'YES', 'YES', 'YES'],
  ['PERFORMANCE_SCHEMA', 'YES', 'Performance Schema', 'NO', 'NO', 'NO'],
  ['MyISAM', 'YES', 'MyISAM storage engine', 'NO', 'NO', 'NO'],
  ['MRG_MYISAM', 'YES', 'Collection of identical MyISAM tables', 'NO', 'NO', 'NO'],
  ['BLACKHOLE', 'YES', '/dev/null storage engine (anything you write to it disappears)', 'NO', 'NO', 'NO'],
  ['CSV', 'YES', 'CSV storage engine', 'NO', 'NO', 'NO'],
  ['ARCHIVE', 'YES', 'Archive storage engine', 'NO', 'NO', 'NO'],
];

/** Runs a SHOW statement (tokens[0] is SHOW). */
export function runShow(ctx: StatementContext): StatementResult {
  const t = ctx.tokens;
  let i = 1;
  const full = isWord(t[i], 'FULL');
  if (full) i += 1;
  let scope: 'global' | 'session' = 'session';
  if (isWord(t[i], 'GLOBAL', 'SESSION', 'LOCAL')) {
    scope = isWord(t[i], 'GLOBAL') ? 'global' : 'session';
    i += 1;
  }
  const word = t[i]?.value;
  if (t[i]?.kind !== 'word') return syntax(ctx, i);
  switch (word) {
    case 'DATABASES':
    case 'SCHEMAS':
      return showDatabases(ctx, i + 1);
    case 'TABLES':
      return showTables(ctx, i + 1, full);
    case 'COLUMNS':
    case 'FIELDS':
      return showColumns(ctx, i + 1, full);
    case 'INDEX':
    case 'INDEXES':
    case 'KEYS':
      return showIndex(ctx, i + 1);
    case 'TABLE':
      if (isWord(t[i + 1], 'STATUS')) return showTableStatus(ctx, i + 2);
      return syntax(ctx, i + 1);
    case 'CREATE':
      return showCreate(ctx, i + 1);
    case 'GRANTS':
      return showGrants(ctx, i + 1);
    case 'PROCESSLIST':
      return showProcesslist(ctx, full);
    case 'VARIABLES':
      return showVariables(ctx, i + 1, scope);
    case 'STATUS':
      return showStatus(ctx, i + 1, scope);
    case 'MASTER':
      if (isWord(t[i + 1], 'STATUS') && i + 2 === t.length) return showMasterStatus(ctx);
      if (isWord(t[i + 1], 'LOGS') && i + 2 === t.length) return showBinaryLogs(ctx);
      return syntax(ctx, i + 1);
    case 'BINARY':
      if (isWord(t[i + 1], 'LOGS') && i + 2 === t.length) return showBinaryLogs(ctx);
      return syntax(ctx, i + 1);
    case 'BINLOG':
      if (isWord(t[i + 1], 'EVENTS')) return showBinlogEvents(ctx, i + 2);
      return syntax(ctx, i + 1);
    case 'SLAVE': {
      if (isWord(t[i + 1], 'HOSTS')) return showSlaveHosts(ctx);
      if (!isWord(t[i + 1], 'STATUS')) return syntax(ctx, i + 1);
      let j = i + 2;
      if (isWord(t[j], 'FOR') && isWord(t[j + 1], 'CHANNEL')) j += 3;
      if (j < t.length) return syntax(ctx, j);
      const denied = requireReplicationClient(ctx);
      if (denied) return denied;
      const status = slaveStatus(ctx.draft, ctx.server);
      return rows(status ?? resultSet([], []));
    }
    case 'WARNINGS':
      return showWarnings(ctx, false);
    case 'ERRORS':
      return showWarnings(ctx, true);
    case 'COUNT': {
      const kind = t.find((x, k) => k > i && isWord(x, 'WARNINGS', 'ERRORS'))?.value ?? 'WARNINGS';
      const n = ctx.session.warnings.filter((w) => kind === 'WARNINGS' || w.startsWith('Error')).length;
      return rows(resultSet([{ name: `@@session.${kind === 'WARNINGS' ? 'warning_count' : 'error_count'}`, numeric: true, notNull: true }], [[n]]));
    }
    case 'ENGINES':
      return rows(resultSet([{ name: 'Engine', notNull: true }, { name: 'Support', notNull: true }, { name: 'Comment', notNull: true }, { name: 'Transactions' }, { name: 'XA' }, { name: 'Savepoints' }], ENGINES));
    case 'STORAGE':
      if (isWord(t[i + 1], 'ENGINES')) return rows(resultSet([{ name: 'Engine', notNull: true }, { name: 'Support', notNull: true }, { name: 'Comment', notNull: true }, { name: 'Transactions' }, { name: 'XA' }, { name: 'Savepoints' }], ENGINES));
      return syntax(ctx, i + 1);
    case 'TRIGGERS':
      return rows(resultSet(['Trigger', 'Event', 'Table', 'Statement', 'Timing', 'Created', 'sql_mode', 'Definer', 'character_set_client', 'collation_connection', 'Database Collation'].map((name) => ({ name })), []));
    case 'EVENTS':
      return rows(resultSet(['Db', 'Name', 'Definer', 'Time zone', 'Type', 'Execute at', 'Interval value', 'Interval field', 'Starts', 'Ends', 'Status', 'Originator', 'character_set_client', 'collation_connection', 'Database Collation'].map((name) => ({ name })), []));
    case 'PROCEDURE':
    case 'FUNCTION':
      if (isWord(t[i + 1], 'STATUS')) return rows(resultSet(['Db', 'Name', 'Type', 'Definer', 'Modified', 'Created', 'Security_type', 'Comment', 'character_set_client', 'collation_connection', 'Database Collation'].map((name) => ({ name })), []));
      return syntax(ctx, i + 1);
    case 'REPLICA':
    case 'REPLICAS':
      // REPLICA arrived in 8.0.22: on 8.0.19 it is not a keyword.
      return syntax(ctx, i);
    case 'CHARACTER':
    case 'CHARSET':
    case 'COLLATION':
    case 'PLUGINS':
    case 'PRIVILEGES':
    case 'OPEN':
    case 'ENGINE':
    case 'PROFILES':
    case 'PROFILE':
    case 'RELAYLOG':
      ctx.notes.push(`Not simulated in this drill: SHOW ${t.slice(i, i + (t[i]!.text.toUpperCase() === 'ENGINE' ? 3 : 2)).map((x) => x.text.toUpperCase()).join(' ')}.`);
      return unsimulated();
    default:
      return syntax(ctx, i);
  }
}

/** Formats a Token list back (for messages). */
export function tokensText(tokens: readonly Token[]): string {
  return tokens.map((t) => t.text).join(' ');
}

export { binlogTimestamp };
