/**
 * A MySQL server answering one statement from a connection: privileges and read_only checked,
 * data statements run on the connection's data, writes committed (or kept in the open
 * transaction), written to the binary log and read by the replicas, and everything else (USE,
 * SET, SHOW, transactions, replication, accounts, BINLOG) answered as 8.0.19 does.
 */
import type { Draft } from '../draft';
import { identName, isIdent, isOp, isWord, lex, type Token } from './lexer';
import { clientErrors, mysqlErrors, syntaxError, type MysqlError } from './errors';
import { failed, ok, rows, type StatementContext, type StatementResult } from './context';
import { binlogOf, factsOf, globalVariable, isRunning, nowOf, preparedOf, saveServer, serverOf, startedAt, type Server } from './server';
import type { MysqlSession } from './session';
import { accountPrivileges, isAccountStatement, runAccountStatement } from './accounts';
import { allows, seesDatabase } from './grants';
import { databaseAt, advanced } from './open-databases';
import { dataStatementKind, runDataSql, runDataStatement, type DataContext } from './dbexec';
import { conditionsOf, planSingleTable } from './explain';
import { explainJson } from './explain-json';
import type { SessionView } from './query';
import { systemTable, threadIdOf, type OpenTransaction } from './systables';
import { processList } from './processlist';
import { runShow, describeTable } from './show';
import { append } from './log';
import { appendTransaction, rotateBinlog } from './binlog';
import { changeDelay, propagate, replicaView, replicaThreadIds, replicationTableRows, repositoryRows, startReplica, stopReplica } from './replication';
import type { ChangeEvent, DataVersion, ReplicaState, StatementCounts, TableRows } from './state';
import { comCounter } from './com';
import { normaliseSetValue, selectValue, variableExists, variableReadOnly, variableScope } from './variables';
import type { CellValue } from './generate';
import { applyChange } from './replay';
import { base64Bytes, decodeEvents, type DecodedEvent } from './binlog-codec';
import { loggedColumnsOf } from './writes';
import { buildTree } from './tree';
import { translateExpression, TranslateError, sqlLiteral } from './expressions';
import { queryEnv } from './query';
import { resultSet } from './results';
import { storageName } from './catalog';
import { hashString } from './generate';
import { isSystemSchema } from './select';
import { literalInsert } from './literal-insert';
import { statementsOfEvents } from './digest';
import { isUnfilledPfsTable, nextEventId, statementEventName, withEvent, type StatementEvent } from './pfs';
import { statusValues, variableRows } from './show';

export interface StatementOutcome {
  session: MysqlSession;
  result: StatementResult;
  notes: string[];
}

/** The connection's view of the server's data: its open transaction's, or the server's own. */
function dataVersion(server: Server, session: MysqlSession): DataVersion {
  return session.tx?.version ?? server.state.data;
}

function sessionVariable(ctx: { draft: Draft; server: Server; session: MysqlSession }, name: string, scope: 'session' | 'global' | null): CellValue | undefined {
  const key = name.toLowerCase();
  if (!variableExists(key)) return undefined;
  if (key === 'timestamp' && !(scope !== 'global' && Object.hasOwn(ctx.session.vars, key))) return nowOf(ctx.draft);
  if ((key === 'identity' || key === 'last_insert_id') && !Object.hasOwn(ctx.session.vars, key)) return ctx.session.lastInsertId;
  if (key === 'pseudo_thread_id' && !Object.hasOwn(ctx.session.vars, key)) return ctx.session.id;
  if (key === 'warning_count') return ctx.session.warnings.filter((w) => !w.startsWith('Error')).length;
  if (key === 'error_count') return ctx.session.warnings.filter((w) => w.startsWith('Error')).length;
  if (scope !== 'global' && Object.hasOwn(ctx.session.vars, key)) return selectValue(key, ctx.session.vars[key]!);
  const value = globalVariable(ctx.draft, ctx.server, key);
  return value === undefined ? undefined : selectValue(key, value);
}

/** performance_schema's tables any account may read (the variable and status tables SHOW reads); the others need SELECT on them. */
const WORLD_READABLE_PFS = new Set(['global_variables', 'session_variables', 'global_status', 'session_status', 'session_account_connect_attrs', 'variables_by_thread', 'status_by_thread', 'performance_timers']);

function makeView(ctx: StatementContext, db: () => import('./database').ServerDatabase): SessionView {
  return {
    database: ctx.session.database,
    sysvar: (name, scope) => sessionVariable(ctx, name, scope),
    uservar: (name) => (Object.hasOwn(ctx.session.userVars, name) ? ctx.session.userVars[name]! : null),
    systemTable: (database, name) => {
      // InnoDB's information_schema tables need PROCESS (8.0's ER_SPECIFIC_ACCESS_DENIED_ERROR).
      if (database.toLowerCase() === 'information_schema' && name.toUpperCase() === 'INNODB_TRX' && !allows(ctx.privileges, 'PROCESS')) throw new TranslateError(mysqlErrors.needPrivilege('PROCESS'));
      const found = systemTable(
        () => ({
          db: db(),
          accounts: allows(ctx.privileges, 'SELECT', 'mysql') ? ctx.server.state.accounts : ctx.server.state.accounts.filter((a) => a.user === ctx.session.account.user && a.host === ctx.session.account.host),
          processes: () => processList(ctx.draft, ctx.server, ctx.session, ctx.sql.trim(), allows(ctx.privileges, 'PROCESS')),
          visible: (d) => allows(ctx.privileges, 'SHOW DATABASES') || seesDatabase(ctx.privileges, d),
          now: nowOf(ctx.draft),
          replication: () => replicationTableRows(ctx.draft, ctx.server, threadIdOf),
          repositories: () => repositoryRows(ctx.draft, ctx.server),
          transactions: () => openTransactions(ctx.session, ctx.sql.trim()),
          statements: () => statementsOfEvents(binlogEvents(ctx.draft, ctx.server), startedAt(ctx.draft, ctx.server)),
          changes: () => {
            const since = startedAt(ctx.draft, ctx.server);
            const out: TableRows[] = [];
            for (const e of binlogEvents(ctx.draft, ctx.server)) if (e.kind === 'rows' && e.at >= since) out.push(...e.changes);
            return out;
          },
          ownStatements: () => ({ history: ctx.session.statements ?? [], current: runningEvent(ctx), connectionId: ctx.session.id, serverStart: startedAt(ctx.draft, ctx.server) }),
          variables: (scope) => variableRows(ctx, scope),
          status: (scope) => statusValues(ctx, scope).map(([n, value]) => [n, String(value)]),
        }),
        database,
        name,
      );
      if (found && database === 'performance_schema') {
        if (name === 'events_statements_current' || name === 'events_statements_history') pushNote(ctx, "Not simulated in this drill: the other connections' statement events (only this connection's are listed).");
        else if (isUnfilledPfsTable(name)) pushNote(ctx, `Not simulated in this drill: the rows of performance_schema.${name} (the table is empty here).`);
      }
      return found;
    },
  };
}

function pushNote(ctx: StatementContext, note: string): void {
  if (!ctx.notes.includes(note)) ctx.notes.push(note);
}

/** The statement running now as its own thread's current statement event. */
function runningEvent(ctx: StatementContext): StatementEvent {
  const { name, text } = statementEventName(ctx.sql, comCounter(ctx.tokens));
  return { eventId: nextEventId(ctx.session.statements), sql: text, eventName: name, schema: ctx.session.database, at: nowOf(ctx.draft), rowsAffected: 0, rowsSent: 0, errno: 0, sqlState: null, message: null, warnings: 0, statementId: ctx.server.state.questions };
}

/** The events of the server's whole binary log: the prepared records, then those written since. */
function* binlogEvents(draft: Draft, server: Server): Generator<ChangeEvent> {
  for (const r of preparedOf(draft, server).records) yield r.event;
  const written = server.state.binlog.records;
  for (let k = 0; k < written.length; k += 1) yield written.list.items[k]!.event;
}

/** The connection's transaction, once InnoDB has started it (its first statement after BEGIN). */
function openTransactions(session: MysqlSession, statement: string): OpenTransaction[] {
  const tx = session.tx;
  if (!tx || tx.started === undefined) return [];
  let rowsModified = 0;
  for (const event of tx.events) if (event.kind === 'rows') for (const change of event.changes) rowsModified += change.rows.length;
  const isolation = (session.vars.transaction_isolation ?? 'REPEATABLE-READ').replace(/-/g, ' ');
  return [{ connectionId: session.id, started: tx.started, rowsModified, query: statement, isolation, fkChecks: fkChecks(session), uniqueChecks: session.vars.unique_checks !== 'OFF', seed: hashString(`${session.host}:${session.id}:${tx.started}`) }];
}

function fkChecks(session: MysqlSession): boolean {
  const value = session.vars.foreign_key_checks;
  return value === undefined || value === 'ON';
}

function logBin(session: MysqlSession): boolean {
  return session.vars.sql_log_bin !== 'OFF';
}

function autocommit(session: MysqlSession): boolean {
  return session.vars.autocommit !== 'OFF';
}

/** Commits changes to the server's data and its binary log, then lets its replicas read them. */
function commitEvents(ctx: StatementContext, events: readonly ChangeEvent[], base: DataVersion, version: DataVersion): void {
  if (events.length === 0) return;
  let server = ctx.server;
  let data = version;
  if (server.state.data !== base) {
    // The server moved on while the transaction was open (a replica applied events): put the changes after.
    const db = databaseAt(ctx.draft.config, server.state.data);
    data = server.state.data;
    for (const event of events) {
      const result = applyChange(db, event);
      if (!result.ok) break;
      data = { origin: data.origin, changes: append(data.changes, event) };
      advanced(db, data);
    }
  }
  let binlog = binlogOf(ctx.draft, server);
  if (logBin(ctx.session)) {
    const prepared = preparedOf(ctx.draft, server);
    for (const event of events) binlog = appendTransaction(binlog, event, server.spec.serverId ?? 1, prepared.records.length).binlog;
  }
  server = saveServer(ctx.draft, server, { ...server.state, data, binlog });
  ctx.server = server;
  if (logBin(ctx.session)) propagate(ctx.draft, server.host);
  ctx.server = serverOf(ctx.draft, server.host)!;
}

/** Ends an open transaction, committing its changes. */
function commitTransaction(ctx: StatementContext): void {
  const tx = ctx.session.tx;
  if (!tx) return;
  ctx.session = { ...ctx.session, tx: null };
  commitEvents(ctx, tx.events, tx.base, tx.version);
}

function readOnlyError(ctx: StatementContext): MysqlError | null {
  const superReadOnly = globalVariable(ctx.draft, ctx.server, 'super_read_only') === 'ON';
  if (superReadOnly) return mysqlErrors.readOnly('--super-read-only');
  const readOnly = globalVariable(ctx.draft, ctx.server, 'read_only') === 'ON';
  if (readOnly && !allows(ctx.privileges, 'SUPER') && !allows(ctx.privileges, 'CONNECTION_ADMIN')) return mysqlErrors.readOnly();
  return null;
}

const PRIVILEGE_FOR: Record<string, string> = { insert: 'INSERT', update: 'UPDATE', delete: 'DELETE' };

function checkTablePrivilege(ctx: StatementContext, privilege: string, database: string, table: string): MysqlError | null {
  if (isSystemSchema(database) && database.toLowerCase() === 'information_schema') return null;
  if (database === 'performance_schema' && privilege === 'SELECT' && WORLD_READABLE_PFS.has(table)) return null;
  if (allows(ctx.privileges, privilege, database, table)) return null;
  return mysqlErrors.commandDenied(privilege, ctx.session.user, ctx.session.clientHost, table);
}

function ddlPrivilege(ctx: StatementContext, tokens: readonly Token[]): MysqlError | null {
  const [a, b] = tokens;
  const target = (i: number): { database: string | null; table: string | null } => {
    const t = tokens[i];
    if (!isIdent(t)) return { database: ctx.session.database, table: null };
    if (isOp(tokens[i + 1], '.') && isIdent(tokens[i + 2])) return { database: identName(t), table: identName(tokens[i + 2]!) };
    return { database: ctx.session.database, table: identName(t) };
  };
  const skipIf = (i: number) => (isWord(tokens[i], 'IF') ? (isWord(tokens[i + 1], 'NOT') ? i + 3 : i + 2) : i);
  let privilege = 'CREATE';
  let where: { database: string | null; table: string | null };
  if (isWord(a, 'CREATE', 'DROP') && isWord(b, 'DATABASE', 'SCHEMA')) {
    privilege = isWord(a, 'CREATE') ? 'CREATE' : 'DROP';
    const t = tokens[skipIf(2)];
    const name = isIdent(t) ? identName(t) : '';
    if (allows(ctx.privileges, privilege, name)) return null;
    return mysqlErrors.dbAccessDenied(ctx.session.account.user, ctx.session.account.host, name);
  }
  if (isWord(a, 'TRUNCATE')) {
    privilege = 'DROP';
    where = target(isWord(b, 'TABLE') ? 2 : 1);
  } else if (isWord(a, 'DROP')) {
    privilege = 'DROP';
    where = target(skipIf(isWord(b, 'TEMPORARY') ? 3 : 2));
    if (isWord(b, 'INDEX')) {
      privilege = 'INDEX';
      where = target(4);
    }
  } else if (isWord(a, 'ALTER') || isWord(a, 'RENAME')) {
    privilege = 'ALTER';
    where = target(2);
  } else if (isWord(a, 'CREATE') && (isWord(b, 'INDEX') || isWord(tokens[2], 'INDEX'))) {
    privilege = 'INDEX';
    const on = tokens.findIndex((t) => isWord(t, 'ON'));
    where = target(on + 1);
  } else where = target(skipIf(isWord(b, 'TEMPORARY') ? 3 : 2));
  if (where.database === null) return null;
  if (allows(ctx.privileges, privilege, where.database, where.table ?? undefined)) return null;
  return where.table ? mysqlErrors.commandDenied(privilege, ctx.session.user, ctx.session.clientHost, where.table) : mysqlErrors.dbAccessDenied(ctx.session.account.user, ctx.session.account.host, where.database);
}

function dataContext(ctx: StatementContext): DataContext {
  const fixedTime = ctx.session.vars.timestamp;
  const now = fixedTime !== undefined && /^\d+(\.\d+)?$/.test(fixedTime) ? Math.floor(Number(fixedTime)) : nowOf(ctx.draft);
  return {
    database: ctx.session.database,
    now,
    fkChecks: fkChecks(ctx.session),
    view: ctx.view(),
    fn: { user: `${ctx.session.user}@${ctx.session.clientHost}`, currentUser: `${ctx.session.account.user}@${ctx.session.account.host}`, connectionId: ctx.session.id, lastInsertId: ctx.session.lastInsertId, rowCount: ctx.session.rowCount ?? 0, seed: `${ctx.session.host}:${ctx.session.id}:${ctx.server.state.questions}` },
    thread: ctx.session.id,
  };
}

function unsupported(ctx: StatementContext, what: string): StatementResult {
  ctx.notes.push(`Not simulated in this drill: ${what}.`);
  return ok();
}

/** SELECT, INSERT, UPDATE, DELETE, REPLACE, DDL. */
function runData(ctx: StatementContext, kind: NonNullable<ReturnType<typeof dataStatementKind>>): StatementResult {
  const write = kind !== 'select';
  if (write) {
    const readOnly = readOnlyError(ctx);
    if (readOnly) return failed(readOnly);
  }
  if (kind === 'ddl') {
    const denied = ddlPrivilege(ctx, ctx.tokens);
    if (denied) return failed(denied);
    // DDL commits an open transaction first.
    commitTransaction(ctx);
  }
  const version = dataVersion(ctx.server, ctx.session);
  const db = databaseAt(ctx.draft.config, version);
  const authorize = (reads: readonly { database: string; table: string }[], target: { database: string; table: string } | null, statement: string): MysqlError | null => {
    if (target) {
      const denied = checkTablePrivilege(ctx, PRIVILEGE_FOR[statement] ?? 'INSERT', target.database, target.table);
      if (denied) return denied;
    }
    for (const read of reads) {
      // UPDATE and DELETE read the table they change under that table's own privilege.
      if (target && read.database === target.database && read.table === target.table && statement !== 'insert') continue;
      const denied = checkTablePrivilege(ctx, 'SELECT', read.database, read.table);
      if (denied) return denied;
    }
    return null;
  };
  const outcome = runDataStatement(db, ctx.sql, ctx.tokens, { ...dataContext(ctx), authorize });
  if (!outcome.ok) return 'error' in outcome ? failed(outcome.error) : unsupported(ctx, outcome.unsupported);
  // InnoDB starts an open transaction at its first read of a table (or write), not at BEGIN.
  if (ctx.session.tx && ctx.session.tx.started === undefined && (kind !== 'select' || outcome.reads.length > 0)) ctx.session = { ...ctx.session, tx: { ...ctx.session.tx, started: nowOf(ctx.draft) } };
  if (outcome.kind === 'rows') {
    ctx.session = { ...ctx.session, rowCount: -1 };
    const slept = db.fn.slept;
    // ERROR_FOR_DIVISION_BY_ZERO (in 8.0's default sql_mode): a SELECT's division by zero is NULL and a warning each time.
    const zero = Math.min(db.fn.divisionsByZero, 1024);
    for (let k = 0; k < zero; k += 1) ctx.warnings.push('Warning|1365|Division by 0');
    return slept > 0 ? { kind: 'rows', result: outcome.result, warnings: zero, slept } : rows(outcome.result, zero);
  }
  ctx.session = { ...ctx.session, rowCount: outcome.affected };
  ctx.warnings.push(...outcome.warnings);
  if (outcome.insertId) ctx.session = { ...ctx.session, lastInsertId: outcome.insertId };
  if (outcome.event) {
    const next: DataVersion = { origin: version.origin, changes: append(version.changes, outcome.event) };
    advanced(db, next);
    if (kind !== 'ddl' && (ctx.session.tx || !autocommit(ctx.session))) {
      const tx = ctx.session.tx ?? { base: version, version, events: [], started: nowOf(ctx.draft) };
      ctx.session = { ...ctx.session, tx: { ...tx, version: next, events: [...tx.events, outcome.event] } };
    } else commitEvents(ctx, [outcome.event], version, next);
  }
  return ok(outcome.affected, outcome.info, outcome.warnings.length);
}

function runUse(ctx: StatementContext): StatementResult {
  const t = ctx.tokens[1];
  if (!t || !(isIdent(t) || t.kind === 'string') || ctx.tokens.length > 2) return failed(syntaxError(ctx.sql, ctx.tokens[t ? 2 : 1]?.start ?? ctx.sql.length));
  const name = t.kind === 'string' ? t.value : identName(t);
  return useDatabase(ctx, name);
}

/** Makes `name` the connection's database, or says why not. */
export function useDatabase(ctx: StatementContext, name: string): StatementResult {
  const lower = name.toLowerCase();
  const system = isSystemSchema(name) && (lower === 'information_schema' || name === lower);
  const exists = system || ctx.db().catalog().databases.has(name);
  if (!exists) return failed(mysqlErrors.unknownDatabase(name));
  if (lower !== 'information_schema' && !seesDatabase(ctx.privileges, name) && !allows(ctx.privileges, 'SELECT', name)) return failed(mysqlErrors.dbAccessDenied(ctx.session.account.user, ctx.session.account.host, name));
  ctx.session = { ...ctx.session, database: lower === 'information_schema' ? 'information_schema' : name };
  return ok();
}

/** Evaluates a SET value: a literal, ON/OFF/DEFAULT, a variable, or an expression run on SQLite. */
function evaluateValue(ctx: StatementContext, tokens: readonly Token[]): { value: CellValue; isDefault: boolean } | MysqlError {
  if (tokens.length === 1) {
    const t = tokens[0]!;
    if (t.kind === 'string') return { value: t.value, isDefault: false };
    if (t.kind === 'number') return { value: Number(t.text), isDefault: false };
    if (isWord(t, 'DEFAULT')) return { value: null, isDefault: true };
    if (isWord(t, 'ON', 'OFF', 'TRUE', 'FALSE')) return { value: t.value, isDefault: false };
    if (t.kind === 'word' && !isWord(t, 'NULL')) return { value: t.text, isDefault: false };
  }
  const tree = buildTree(tokens);
  if (!tree.ok || tokens.length === 0) return syntaxError(ctx.sql, tokens[0]?.start ?? ctx.sql.length);
  const db = ctx.db();
  const env = queryEnv(db, ctx.sql, ctx.view());
  try {
    const sql = translateExpression(tree.nodes, env, { sources: [], parent: null }).sql;
    db.fn.now = nowOf(ctx.draft);
    db.fn.database = ctx.session.database;
    return { value: db.query(`SELECT ${sql}`).rows[0]?.[0] ?? null, isDefault: false };
  } catch (error) {
    if (error instanceof TranslateError && error.mysql) return error.mysql;
    return syntaxError(ctx.sql, tokens[0]?.start ?? ctx.sql.length);
  }
}

function isError(x: unknown): x is MysqlError {
  return typeof x === 'object' && x !== null && 'code' in x && 'state' in x;
}

/** SET var = value [, …], SET NAMES, SET @user = …, SET GLOBAL …, SET TRANSACTION …, SET PASSWORD … */
function runSet(ctx: StatementContext): StatementResult {
  const t = ctx.tokens;
  if (isWord(t[1], 'PASSWORD')) return runAccounts(ctx);
  if (isWord(t[1], 'TRANSACTION') || (isWord(t[1], 'GLOBAL', 'SESSION') && isWord(t[2], 'TRANSACTION'))) return ok();
  if (isWord(t[1], 'NAMES') || (isWord(t[1], 'CHARACTER') && isWord(t[2], 'SET')) || isWord(t[1], 'CHARSET')) return ok();
  // Split the assignments at top-level commas.
  const parts: Token[][] = [[]];
  let depth = 0;
  for (const token of t.slice(1)) {
    if (isOp(token, '(')) depth += 1;
    if (isOp(token, ')')) depth -= 1;
    if (depth === 0 && isOp(token, ',')) parts.push([]);
    else parts[parts.length - 1]!.push(token);
  }
  let vars = { ...ctx.session.vars };
  let userVars = { ...ctx.session.userVars };
  let globals = { ...ctx.server.state.globals };
  let scope: 'session' | 'global' = 'session';
  for (const part of parts) {
    let i = 0;
    if (isWord(part[i], 'GLOBAL', 'SESSION', 'LOCAL', 'PERSIST', 'PERSIST_ONLY')) {
      scope = isWord(part[i], 'GLOBAL', 'PERSIST', 'PERSIST_ONLY') ? 'global' : 'session';
      i += 1;
    }
    const target = part[i];
    const eq = part[i + 1];
    if (!target || !eq || !(isOp(eq, '=') || isOp(eq, ':='))) return failed(syntaxError(ctx.sql, (eq ?? target)?.start ?? ctx.sql.length));
    const value = evaluateValue(ctx, part.slice(i + 2));
    if (isError(value)) return failed(value);
    if (target.kind === 'var') {
      userVars = { ...userVars, [target.value]: value.value };
      continue;
    }
    let name: string;
    let varScope = scope;
    if (target.kind === 'sysvar') {
      const pieces = target.value.split('.');
      if (pieces.length > 1) varScope = pieces[0] === 'global' || pieces[0] === 'persist' ? 'global' : 'session';
      name = pieces[pieces.length - 1]!;
    } else if (isIdent(target)) name = identName(target).toLowerCase();
    else return failed(syntaxError(ctx.sql, target.start));
    if (!variableExists(name)) return failed(mysqlErrors.unknownVariable(name));
    if (variableReadOnly(name)) return failed(mysqlErrors.readOnlyVariable(name));
    const allowed = variableScope(name);
    if (allowed === 'global' && varScope === 'session') return failed(mysqlErrors.globalVariable(name));
    if (allowed === 'session' && varScope === 'global') return failed(mysqlErrors.sessionVariable(name));
    if (varScope === 'global' && !allows(ctx.privileges, 'SUPER') && !allows(ctx.privileges, 'SYSTEM_VARIABLES_ADMIN')) return failed(mysqlErrors.needPrivilege('SUPER or SYSTEM_VARIABLES_ADMIN'));
    if (name === 'sql_log_bin' && !allows(ctx.privileges, 'SUPER') && !allows(ctx.privileges, 'SYSTEM_VARIABLES_ADMIN')) return failed(mysqlErrors.needPrivilege('SUPER or SYSTEM_VARIABLES_ADMIN'));
    if (value.isDefault) {
      if (varScope === 'global') {
        const { [name]: _removed, ...rest } = globals;
        void _removed;
        globals = rest;
      } else {
        const { [name]: _removed, ...rest } = vars;
        void _removed;
        vars = rest;
      }
      continue;
    }
    const normalised = normaliseSetValue(name, value.value);
    if (normalised === null) return failed(mysqlErrors.wrongValue(name, value.value === null ? 'NULL' : String(value.value)));
    if (varScope === 'global') {
      globals = { ...globals, [name]: normalised };
      if (name === 'super_read_only' && normalised === 'ON') globals.read_only = 'ON';
      if (name === 'read_only' && normalised === 'OFF') globals.super_read_only = 'OFF';
    } else {
      if (name === 'autocommit' && normalised === 'ON' && ctx.session.tx) commitTransaction(ctx);
      vars = { ...vars, [name]: normalised };
    }
  }
  ctx.session = { ...ctx.session, vars, userVars };
  if (globals !== ctx.server.state.globals && JSON.stringify(globals) !== JSON.stringify(ctx.server.state.globals)) ctx.server = saveServer(ctx.draft, ctx.server, { ...ctx.server.state, globals });
  return ok();
}

function runTransactionStatement(ctx: StatementContext): StatementResult {
  const t = ctx.tokens;
  if (isWord(t[0], 'BEGIN') || isWord(t[0], 'START')) {
    if (isWord(t[0], 'START') && !isWord(t[1], 'TRANSACTION')) return failed(syntaxError(ctx.sql, t[1]?.start ?? ctx.sql.length));
    commitTransaction(ctx);
    const version = ctx.server.state.data;
    ctx.session = { ...ctx.session, tx: { base: version, version, events: [] } };
    return ok();
  }
  if (isWord(t[0], 'COMMIT')) {
    commitTransaction(ctx);
    return ok();
  }
  if (isWord(t[0], 'ROLLBACK')) {
    if (isWord(t[1], 'TO') || isWord(t[2], 'TO')) return unsupported(ctx, 'ROLLBACK TO SAVEPOINT (savepoints)');
    ctx.session = { ...ctx.session, tx: null };
    return ok();
  }
  if (isWord(t[0], 'SAVEPOINT', 'RELEASE')) return unsupported(ctx, 'savepoints');
  return failed(syntaxError(ctx.sql, t[0]?.start ?? 0));
}

function runAccounts(ctx: StatementContext): StatementResult {
  const readOnly = readOnlyError(ctx);
  if (readOnly) return failed(readOnly);
  const result = runAccountStatement(ctx.sql, ctx.tokens, ctx.server.state.accounts, ctx.session.account, ctx.privileges);
  if (!result.ok) return failed(result.error);
  ctx.warnings.push(...result.warnings);
  ctx.server = saveServer(ctx.draft, ctx.server, { ...ctx.server.state, accounts: result.accounts });
  // Account statements go to the binary log as statements (the replicas apply them).
  commitEvents(ctx, [{ kind: 'query', at: nowOf(ctx.draft), database: ctx.session.database, sql: ctx.sql.trim(), fkChecks: true, thread: ctx.session.id }], ctx.server.state.data, { origin: ctx.server.state.data.origin, changes: ctx.server.state.data.changes });
  return ok(result.affected, null, result.warnings.length);
}

function replicaAdmin(ctx: StatementContext): MysqlError | null {
  if (allows(ctx.privileges, 'SUPER') || allows(ctx.privileges, 'REPLICATION_SLAVE_ADMIN')) return null;
  return mysqlErrors.needPrivilege('SUPER or REPLICATION_SLAVE_ADMIN');
}

function threadChoice(tokens: readonly Token[], from: number): { io: boolean; sql: boolean; next: number } {
  let io = false;
  let sql = false;
  let i = from;
  while (isWord(tokens[i], 'IO_THREAD', 'SQL_THREAD')) {
    if (isWord(tokens[i], 'IO_THREAD')) io = true;
    else sql = true;
    i += 1;
    if (isOp(tokens[i], ',')) i += 1;
  }
  if (!io && !sql) return { io: true, sql: true, next: i };
  return { io, sql, next: i };
}

/**
 * START SLAVE's UNTIL clause from token `i`: MASTER_LOG_FILE and MASTER_LOG_POS, RELAY_LOG_FILE
 * and RELAY_LOG_POS, or SQL_BEFORE_GTIDS / SQL_AFTER_GTIDS; another combination is ERROR 1277,
 * as is a log name without its number.
 */
function untilOption(ctx: StatementContext, from: number): { until: NonNullable<ReplicaState['until']>; next: number } | StatementResult {
  const t = ctx.tokens;
  const given = new Map<string, string>();
  let i = from;
  for (;;) {
    const name = t[i];
    if (isWord(name, 'SQL_AFTER_MTS_GAPS')) return unsupported(ctx, 'START SLAVE UNTIL SQL_AFTER_MTS_GAPS (there is no multi-threaded applier to recover)');
    if (!isWord(name, 'MASTER_LOG_FILE', 'MASTER_LOG_POS', 'RELAY_LOG_FILE', 'RELAY_LOG_POS', 'SQL_BEFORE_GTIDS', 'SQL_AFTER_GTIDS')) return failed(syntaxError(ctx.sql, name?.start ?? ctx.sql.length));
    if (!isOp(t[i + 1], '=')) return failed(syntaxError(ctx.sql, t[i + 1]?.start ?? ctx.sql.length));
    const value = t[i + 2];
    const numeric = isWord(name, 'MASTER_LOG_POS', 'RELAY_LOG_POS');
    if (!value || (numeric ? value.kind !== 'number' || !/^\d+$/.test(value.text) : value.kind !== 'string')) return failed(syntaxError(ctx.sql, value?.start ?? ctx.sql.length));
    given.set(name!.value.toUpperCase(), String(value.value));
    i += 3;
    if (!isOp(t[i], ',')) break;
    i += 1;
  }
  const bad = failed({ code: 1277, state: 'HY000', message: 'Incorrect parameter or combination of parameters for START SLAVE UNTIL' });
  const keys = [...given.keys()].sort().join(',');
  const withNumber = (name: string) => /\.\d+$/.test(name);
  if (keys === 'MASTER_LOG_FILE,MASTER_LOG_POS' || keys === 'RELAY_LOG_FILE,RELAY_LOG_POS') {
    const master = keys.startsWith('MASTER');
    const file = given.get(master ? 'MASTER_LOG_FILE' : 'RELAY_LOG_FILE')!;
    if (!withNumber(file)) return bad;
    return { until: { condition: master ? 'Master' : 'Relay', file, pos: Number(given.get(master ? 'MASTER_LOG_POS' : 'RELAY_LOG_POS')) }, next: i };
  }
  if (keys === 'SQL_BEFORE_GTIDS' || keys === 'SQL_AFTER_GTIDS') {
    const set = given.get(keys)!.trim();
    const interval = '\\d+(-\\d+)?';
    const uuid = '[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}';
    if (!new RegExp(`^(${uuid}(:${interval})+)(\\s*,\\s*${uuid}(:${interval})+)*$`).test(set)) return bad;
    return { until: { condition: keys, file: '', pos: 0 }, next: i };
  }
  return bad;
}

function runReplicaStatement(ctx: StatementContext): StatementResult {
  const t = ctx.tokens;
  const denied = replicaAdmin(ctx);
  if (isWord(t[0], 'STOP', 'START')) {
    if (!isWord(t[1], 'SLAVE')) return failed(syntaxError(ctx.sql, t[1]?.start ?? ctx.sql.length));
    if (denied) return failed(denied);
    const choice = threadChoice(t, 2);
    let until: ReplicaState['until'];
    if (isWord(t[0], 'START') && isWord(t[choice.next], 'UNTIL')) {
      const parsed = untilOption(ctx, choice.next + 1);
      if (!('until' in parsed)) return parsed;
      until = parsed.until;
      choice.next = parsed.next;
    }
    if (choice.next < t.length && !(isWord(t[choice.next], 'FOR') && isWord(t[choice.next + 1], 'CHANNEL'))) return failed(syntaxError(ctx.sql, t[choice.next]!.start));
    if (!ctx.server.state.replica) {
      if (isWord(t[0], 'STOP')) {
        ctx.warnings.push("Note|3084|Replication thread(s) for channel '' are already stopped.");
        return ok(0, null, 1);
      }
      return failed(mysqlErrors.notReplica());
    }
    const before = ctx.server.state.replica;
    const change = isWord(t[0], 'STOP') ? stopReplica(ctx.draft, ctx.server, choice) : startReplica(ctx.draft, ctx.server, choice, until);
    ctx.server = serverOf(ctx.draft, ctx.server.host)!;
    if (change.warning) {
      ctx.warnings.push(isWord(t[0], 'STOP') ? "Note|3084|Replication thread(s) for channel '' are already stopped." : "Note|3083|Replication thread(s) for channel '' are already runnning.");
      return ok(0, null, 1);
    }
    if (until) {
      // start_slave(): UNTIL concerns the SQL thread; started with one, the server recommends --skip-slave-start (skip_slave_start is OFF).
      const sqlStarted = choice.sql && !before.sqlRunning;
      ctx.warnings.push(sqlStarted ? "Note|1278|It is recommended to use --skip-slave-start when doing step-by-step replication with START SLAVE UNTIL; otherwise, you will get problems if you get an unexpected slave's mysqld restart" : 'Note|1279|SQL thread is not to be started so UNTIL options are ignored');
      return ok(0, null, 1);
    }
    return ok();
  }
  if (isWord(t[0], 'CHANGE')) {
    if (!isWord(t[1], 'MASTER') || !isWord(t[2], 'TO')) return failed(syntaxError(ctx.sql, t[1]?.start ?? ctx.sql.length));
    if (denied) return failed(denied);
    const view = replicaView(ctx.draft, ctx.server);
    let delay: number | null = null;
    const others: string[] = [];
    for (let i = 3; i < t.length; i += 1) {
      if (isOp(t[i], ',')) continue;
      const name = t[i]!;
      if (!isOp(t[i + 1], '=')) return failed(syntaxError(ctx.sql, t[i + 1]?.start ?? ctx.sql.length));
      if (isWord(name, 'MASTER_DELAY')) {
        if (t[i + 2]?.kind !== 'number') return failed(syntaxError(ctx.sql, t[i + 2]?.start ?? ctx.sql.length));
        delay = Number(t[i + 2]!.text);
      } else others.push(name.text.toUpperCase());
      i += 2;
    }
    if (!view) return unsupported(ctx, 'making this server a replica (CHANGE MASTER TO on a server that is not one)');
    if (view.replica.sqlRunning) return failed({ code: 3017, state: 'HY000', message: 'This operation cannot be performed with a running slave sql thread; run STOP SLAVE SQL_THREAD first' });
    if (others.length) ctx.notes.push(`Not simulated in this drill: CHANGE MASTER TO ${others.join(', ')} (only MASTER_DELAY is).`);
    if (delay !== null) {
      ctx.server = changeDelay(ctx.draft, ctx.server, delay, ctx.session.id);
    }
    return ok();
  }
  if (isWord(t[0], 'RESET')) {
    if (isWord(t[1], 'SLAVE', 'MASTER')) return unsupported(ctx, `RESET ${t[1]!.value}`);
    return failed(syntaxError(ctx.sql, t[1]?.start ?? ctx.sql.length));
  }
  return failed(syntaxError(ctx.sql, t[0]?.start ?? 0));
}

function runFlush(ctx: StatementContext): StatementResult {
  const t = ctx.tokens;
  if (!allows(ctx.privileges, 'RELOAD')) return failed(mysqlErrors.needPrivilege('RELOAD'));
  let i = 1;
  if (isWord(t[i], 'NO_WRITE_TO_BINLOG', 'LOCAL')) i += 1;
  const words = t.slice(i).map((x) => x.value);
  if (words.includes('LOGS') && (words.includes('BINARY') || words.length === 1)) {
    const prepared = preparedOf(ctx.draft, ctx.server);
    const binlog = rotateBinlog(binlogOf(ctx.draft, ctx.server), ctx.server.spec.binlog?.basename ?? 'binlog', nowOf(ctx.draft), prepared.records.length);
    ctx.server = saveServer(ctx.draft, ctx.server, { ...ctx.server.state, binlog });
    return ok();
  }
  if (words.length === 0) return failed(syntaxError(ctx.sql, ctx.sql.length));
  return ok();
}

/**
 * KILL [CONNECTION | QUERY] id, as 8.0.19's kill_one_thread decides: an id no thread has is
 * ERROR 1094; another user's thread needs CONNECTION_ADMIN or SUPER (ERROR 1095); KILL of your
 * own connection answers ERROR 1317 and ends it (the client's next statement finds it gone:
 * 2006, and it reconnects), KILL QUERY of your own interrupts the KILL itself (1317 too). A replica's I/O or SQL thread
 * stops, as STOP SLAVE would stop it; an application's pooled connection closes (the pool opens
 * a new one when it needs it).
 */
function runKill(ctx: StatementContext): StatementResult {
  const t = ctx.tokens;
  let i = 1;
  const onlyQuery = isWord(t[i], 'QUERY');
  if (isWord(t[i], 'QUERY', 'CONNECTION')) i += 1;
  if (i >= t.length) return failed(syntaxError(ctx.sql, ctx.sql.length));
  const value = t[i]?.kind === 'number' && i + 1 === t.length ? { value: Number(t[i]!.text), isDefault: false } : evaluateValue(ctx, t.slice(i));
  if (isError(value)) return failed(value);
  const id = Math.trunc(Number(value.value ?? 0));
  const list = processList(ctx.draft, ctx.server, ctx.session, ctx.sql.trim(), true);
  const target = list.find((p) => p.id === id);
  if (!target || !Number.isFinite(id)) return failed(mysqlErrors.unknownThread(id));
  const admin = allows(ctx.privileges, 'SUPER') || allows(ctx.privileges, 'CONNECTION_ADMIN');
  if (!admin && target.user !== ctx.session.account.user) return failed({ code: 1095, state: 'HY000', message: `You are not owner of thread ${id}` });
  if (id === ctx.session.id) {
    if (onlyQuery) return failed({ code: 1317, state: '70100', message: 'Query execution was interrupted' });
    // 8.0's send_kill_message answers KILL_CONNECTION as KILL_QUERY (mysql-test's kill.test,
    // Bug#19723: ER_QUERY_INTERRUPTED), then the server closes the connection; its open
    // transaction rolls back, and the client finds the socket closed at its next statement.
    ctx.session = { ...ctx.session, tx: null, killed: true };
    return failed({ code: 1317, state: '70100', message: 'Query execution was interrupted' });
  }
  const view = replicaView(ctx.draft, ctx.server);
  const threads = view ? replicaThreadIds(ctx.server) : null;
  if (threads && view && (id === threads.io || id === threads.sql)) {
    stopReplica(ctx.draft, ctx.server, { io: id === threads.io, sql: id === threads.sql });
    ctx.server = serverOf(ctx.draft, ctx.server.host)!;
    return ok();
  }
  if (target.command === 'Daemon') {
    ctx.notes.push('Not simulated in this drill: killing the event scheduler (it keeps running).');
    return ok();
  }
  if (target.command === 'Binlog Dump') {
    ctx.notes.push("Not simulated in this drill: the replica's I/O thread reconnecting after its Binlog Dump thread was killed (the thread stays as it was).");
    return ok();
  }
  if (onlyQuery) return ok();
  const pools = ctx.server.state.pools ?? [];
  const owner = pools.findIndex((p) => p.ids.includes(id));
  if (owner >= 0) {
    const pool = pools[owner]!;
    const k = pool.ids.indexOf(id);
    const closed = { ...pool, ids: pool.ids.filter((_, n) => n !== k), used: pool.used.filter((_, n) => n !== k) };
    ctx.server = saveServer(ctx.draft, ctx.server, { ...ctx.server.state, pools: pools.map((p, n) => (n === owner ? closed : p)) });
  }
  return ok();
}

/** Log_event::get_type_str's names of the events a BINLOG statement may hold. */
const EVENT_TYPE_NAMES: Readonly<Record<number, string>> = { 2: 'Query', 4: 'Rotate', 16: 'Xid', 19: 'Table_map', 30: 'Write_rows', 31: 'Update_rows', 32: 'Delete_rows', 34: 'Anonymous_Gtid' };

/** BINLOG '…' (what mysqlbinlog writes): decodes the events' bytes and applies the row events, as a replica would. */
function runBinlogStatement(ctx: StatementContext): StatementResult {
  const payload = ctx.tokens[1];
  if (payload?.kind !== 'string' || ctx.tokens.length > 2) return failed(syntaxError(ctx.sql, ctx.tokens[payload ? 2 : 1]?.start ?? ctx.sql.length));
  if (!allows(ctx.privileges, 'SUPER') && !allows(ctx.privileges, 'BINLOG_ADMIN')) return failed(mysqlErrors.needPrivilege('SUPER, BINLOG_ADMIN'));
  const bytes = base64Bytes(payload.value);
  if (!bytes) return failed({ code: 1575, state: 'HY000', message: 'Decoding of base64 string failed' });
  // The row events are read by the Table_map before them, the columns named by the table's definition (the log has no names).
  const current = databaseAt(ctx.draft.config, dataVersion(ctx.server, ctx.session));
  let events: DecodedEvent[];
  try {
    events = decodeEvents(bytes, new Map(), (database, table) => {
      const def = current.table(database, table);
      return def ? loggedColumnsOf(def) : undefined;
    });
  } catch {
    return failed({ code: 1575, state: 'HY000', message: 'Decoding of base64 string failed' });
  }
  // As 8.0's BINLOG statement: events other than a Format_description need one from an earlier (or this) statement.
  let format = ctx.session.binlogFormat ?? false;
  for (const e of events) {
    if (e.kind === 'format') format = true;
    else if (!format) return failed({ code: 1609, state: 'HY000', message: `The BINLOG statement of type \`${EVENT_TYPE_NAMES[e.header.type] ?? 'Unknown'}\` was not preceded by a format description BINLOG statement.` });
  }
  if (format && !ctx.session.binlogFormat) ctx.session = { ...ctx.session, binlogFormat: true };
  const maps = new Map(events.flatMap((e) => (e.kind === 'table_map' ? [[e.map.tableId, e.map] as const] : [])));
  const decoded: TableRows[] = [];
  for (const e of events) {
    if (e.kind !== 'rows') continue;
    const map = maps.get(e.tableId)!;
    const def = current.table(map.database, map.table);
    if (!def) return failed(mysqlErrors.noSuchTable(map.database, map.table));
    decoded.push({ database: def.database, table: def.name, op: e.op, columns: def.columns.slice(0, e.columns).map((c) => c.name), rows: e.rows, after: e.op === 'update' ? e.after : undefined, types: loggedColumnsOf(def).slice(0, e.columns) });
  }
  if (decoded.length === 0) return ok();
  const readOnly = readOnlyError(ctx);
  if (readOnly) return failed(readOnly);
  const version = dataVersion(ctx.server, ctx.session);
  const db = databaseAt(ctx.draft.config, version);
  const at = ctx.session.vars.timestamp !== undefined ? Math.floor(Number(ctx.session.vars.timestamp)) : nowOf(ctx.draft);
  const changes: TableRows[] = decoded;
  const event: ChangeEvent = { kind: 'rows', at: Number.isFinite(at) ? at : nowOf(ctx.draft), database: ctx.session.database, changes, fkChecks: fkChecks(ctx.session), thread: ctx.session.id };
  const result = applyChange(db, event);
  if (!result.ok) {
    const table = changes[0]?.table ?? '';
    if (result.errno === 1032) return failed({ code: 1032, state: 'HY000', message: `Can't find record in '${table}'` });
    if (result.errno === 1062) return failed(mysqlErrors.duplicateEntry(String(changes[0]?.rows[0]?.[0] ?? ''), `${table}.PRIMARY`));
    if (result.errno === 1146) return failed(mysqlErrors.noSuchTable(changes[0]?.database ?? '', table));
    return failed({ code: result.errno, state: 'HY000', message: result.message });
  }
  const next: DataVersion = { origin: version.origin, changes: append(version.changes, event) };
  advanced(db, next);
  if (ctx.session.tx) ctx.session = { ...ctx.session, tx: { ...ctx.session.tx, version: next, events: [...ctx.session.tx.events, event] } };
  else commitEvents(ctx, [event], version, next);
  return ok();
}

function runTableMaintenance(ctx: StatementContext): StatementResult {
  const t = ctx.tokens;
  const op = t[0]!.value.toLowerCase();
  let i = 1;
  if (isWord(t[i], 'NO_WRITE_TO_BINLOG', 'LOCAL')) i += 1;
  if (!isWord(t[i], 'TABLE')) return failed(syntaxError(ctx.sql, t[i]?.start ?? ctx.sql.length));
  i += 1;
  const db = ctx.db();
  const out: (string | number | null)[][] = [];
  while (i < t.length) {
    if (isOp(t[i], ',')) {
      i += 1;
      continue;
    }
    if (!isIdent(t[i])) break;
    let database = ctx.session.database;
    let table = identName(t[i]!);
    if (isOp(t[i + 1], '.') && isIdent(t[i + 2])) {
      database = table;
      table = identName(t[i + 2]!);
      i += 2;
    }
    i += 1;
    if (database === null) return failed(mysqlErrors.noDatabase());
    const def = db.table(database, table);
    if (op === 'checksum') {
      if (!def) {
        out.push([`${database}.${table}`, null]);
        continue;
      }
      const all = db.query(`SELECT * FROM \`${storageName(database, table).replace(/`/g, '``')}\``).rows;
      out.push([`${database}.${table}`, all.length ? hashString(JSON.stringify(all)) : 0]);
      continue;
    }
    if (!def) {
      out.push([`${database}.${table}`, op, 'Error', `Table '${database}.${table}' doesn't exist`], [`${database}.${table}`, op, 'status', 'Operation failed']);
      continue;
    }
    if (op === 'optimize') out.push([`${database}.${table}`, op, 'note', 'Table does not support optimize, doing recreate + analyze instead']);
    out.push([`${database}.${table}`, op, 'status', 'OK']);
  }
  if (op === 'checksum') return rows(resultSet([{ name: 'Table', notNull: true }, { name: 'Checksum', numeric: true }], out));
  return rows(resultSet([{ name: 'Table' }, { name: 'Op' }, { name: 'Msg_type' }, { name: 'Msg_text' }], out));
}

function runExplain(ctx: StatementContext): StatementResult {
  const t = ctx.tokens;
  let i = 1;
  let json = false;
  if (isWord(t[i], 'FORMAT') && isOp(t[i + 1], '=') && isWord(t[i + 2], 'JSON', 'TRADITIONAL')) {
    json = isWord(t[i + 2], 'JSON');
    i += 3;
    if (!isWord(t[i], 'SELECT', 'INSERT', 'UPDATE', 'DELETE', 'REPLACE', 'WITH', 'TABLE')) return failed(syntaxError(ctx.sql, t[i]?.start ?? ctx.sql.length));
  }
  if (isWord(t[i], 'FORMAT') || isWord(t[i], 'ANALYZE', 'EXTENDED', 'PARTITIONS')) return unsupported(ctx, `EXPLAIN ${t.slice(i, i + (isWord(t[i], 'FORMAT') ? 3 : 1)).map((x) => x.text.toUpperCase()).join('')}`);
  if (isIdent(t[i]) && !isWord(t[i], 'SELECT', 'INSERT', 'UPDATE', 'DELETE', 'REPLACE', 'WITH', 'TABLE')) {
    let database = ctx.session.database;
    let table = identName(t[i]!);
    if (isOp(t[i + 1], '.') && isIdent(t[i + 2])) {
      database = table;
      table = identName(t[i + 2]!);
      i += 2;
    }
    if (database === null) return failed(mysqlErrors.noDatabase());
    const def = ctx.db().table(database, table);
    if (!def) return failed(mysqlErrors.noSuchTable(database, table));
    const column = t[i + 1];
    const result = describeTable(ctx, def, false, ctx.tokens.length);
    if (result.kind === 'rows' && column && (isIdent(column) || column.kind === 'string')) {
      const name = column.kind === 'string' ? column.value : identName(column);
      return rows({ ...result.result, rows: result.result.rows.filter((r) => (column.kind === 'string' ? likeRow(name, r[0] ?? '') : (r[0] ?? '').toLowerCase() === name.toLowerCase())) });
    }
    return result;
  }
  // EXPLAIN SELECT …: run the statement's translation to check it, then show a plan per table.
  const inner = ctx.sql.slice(t[i]?.start ?? ctx.sql.length);
  const lexed = lex(inner);
  if (!lexed.ok || !dataStatementKind(lexed.tokens)) return failed(syntaxError(ctx.sql, t[i]?.start ?? ctx.sql.length));
  const db = ctx.db();
  const env = queryEnv(db, inner, ctx.view());
  const tree = buildTree(lexed.tokens);
  if (!tree.ok) return failed(syntaxError(inner, Number.isFinite(tree.at) ? tree.at : inner.length));
  const outcome = dataStatementKind(lexed.tokens) === 'select' ? runDataStatement(db, inner, lexed.tokens, dataContext(ctx)) : null;
  if (outcome && !outcome.ok) return 'error' in outcome ? failed(outcome.error) : unsupported(ctx, outcome.unsupported);
  void env;
  const reads = outcome && outcome.ok ? outcome.reads : [];
  const hasWhere = lexed.tokens.some((x) => isWord(x, 'WHERE'));
  const single = reads.length === 1 ? singleTableFrom(lexed.tokens) : null;
  if (json && (reads.length > 1 || (reads.length === 1 && !single) || lexed.tokens.some((x) => isWord(x, 'ORDER', 'GROUP', 'DISTINCT', 'UNION', 'HAVING')) || dataStatementKind(lexed.tokens) !== 'select')) {
    return unsupported(ctx, 'EXPLAIN FORMAT=JSON of this statement (only single-table SELECTs without ORDER BY, GROUP BY or DISTINCT are)');
  }
  let jsonInput: Parameters<typeof explainJson>[0] = null;
  const data = (reads.length ? reads : [{ database: '', table: '' }]).map((r) => {
    if (!r.table) return [1, 'SIMPLE', null, null, null, null, null, null, null, null, null, 'No tables used'];
    const n = db.count(r.database, r.table);
    const def = single ? db.table(r.database, r.table) : null;
    const conditions = def && single ? conditionsOf(inner, lexed.tokens, def, single.alias) : null;
    if (def && single && conditions) {
      const from = `${sqliteQuoted(r.database)}.${sqliteQuoted(r.table)} AS ${sqliteQuoted(single.alias)}`;
      const count = (texts: readonly string[]) => {
        const sql = `SELECT COUNT(*) FROM ${from}${texts.length ? ` WHERE ${texts.join(' AND ')}` : ''}`;
        const counted = runDataSql(db, sql, dataContext(ctx));
        return counted.ok && counted.kind === 'rows' ? Number(counted.result.rows[0]?.[0] ?? 0) : n;
      };
      const plan = planSingleTable(def, conditions, n, count);
      jsonInput = { table: def, alias: single.alias, total: n, tokens: lexed.tokens, plan };
      return [1, 'SIMPLE', plan.noTable ? null : single.alias, null, plan.type, plan.possibleKeys, plan.key, plan.keyLen, plan.ref, plan.rows, plan.filtered, plan.extra];
    }
    return [1, 'SIMPLE', r.table, null, 'ALL', null, null, null, null, n, hasWhere ? '10.00' : '100.00', hasWhere ? 'Using where' : null];
  });
  if (json && reads.length && !jsonInput) return unsupported(ctx, 'EXPLAIN FORMAT=JSON of this statement (its WHERE is not only ANDed conditions)');
  ctx.warnings.push(`Note|1003|/* select#1 */ ${inner.trim().replace(/\s+/g, ' ')}`);
  if (json) {
    return rows(resultSet([{ name: 'EXPLAIN' }], [[explainJson(jsonInput)]]), 1);
  }
  return rows(resultSet([{ name: 'id', numeric: true, notNull: true }, { name: 'select_type', notNull: true }, { name: 'table' }, { name: 'partitions' }, { name: 'type' }, { name: 'possible_keys' }, { name: 'key' }, { name: 'key_len' }, { name: 'ref' }, { name: 'rows', numeric: true }, { name: 'filtered', numeric: true }, { name: 'Extra' }], data), 1);
}

/** `SELECT … FROM t [AS] [alias] …` with one table and no subquery, join or union: the name EXPLAIN shows for it. */
function singleTableFrom(tokens: readonly Token[]): { alias: string } | null {
  if (!isWord(tokens[0], 'SELECT') || tokens.filter((t) => isWord(t, 'SELECT', 'JOIN', 'UNION', 'STRAIGHT_JOIN')).length !== 1) return null;
  let depth = 0;
  const from = tokens.findIndex((t) => {
    if (isOp(t, '(')) depth += 1;
    if (isOp(t, ')')) depth -= 1;
    return depth === 0 && isWord(t, 'FROM');
  });
  if (from < 0 || !isIdent(tokens[from + 1])) return null;
  let i = from + 1;
  let alias = identName(tokens[i]!);
  if (isOp(tokens[i + 1], '.') && isIdent(tokens[i + 2])) {
    i += 2;
    alias = identName(tokens[i]!);
  }
  i += 1;
  if (isWord(tokens[i], 'AS')) i += 1;
  if (isIdent(tokens[i]) && !isWord(tokens[i], 'WHERE', 'ORDER', 'GROUP', 'LIMIT', 'HAVING', 'WINDOW', 'FOR', 'LOCK', 'INTO', 'USE', 'FORCE', 'IGNORE')) {
    alias = identName(tokens[i]!);
    i += 1;
  }
  if (isOp(tokens[i], ',')) return null;
  return { alias };
}

function sqliteQuoted(name: string): string {
  return `\`${name.replace(/`/g, '``')}\``;
}

function likeRow(pattern: string, value: string): boolean {
  return value.toLowerCase() === pattern.toLowerCase() || (pattern.includes('%') && value.toLowerCase().startsWith(pattern.toLowerCase().replace(/%.*/, '')));
}

function runDo(ctx: StatementContext): StatementResult {
  const value = evaluateValue(ctx, ctx.tokens.slice(1));
  if (isError(value)) return failed(value);
  return ok();
}

/** Dispatches a statement by its first words. */
function dispatch(ctx: StatementContext): StatementResult {
  const t = ctx.tokens;
  const first = t[0]!;
  const kind = dataStatementKind(t);
  if (kind) return runData(ctx, kind);
  if (isWord(first, 'TABLE') && isIdent(t[1])) {
    // TABLE t (8.0.19): SELECT * FROM t.
    const rest = ctx.sql.slice(t[1]!.start);
    const sql = `SELECT * FROM ${rest}`;
    const lexed = lex(sql);
    if (!lexed.ok) return failed(syntaxError(ctx.sql, first.start));
    return runData({ ...ctx, sql, tokens: lexed.tokens }, 'select');
  }
  if (first.kind !== 'word') return failed(syntaxError(ctx.sql, first.start));
  switch (first.value) {
    case 'USE':
      return runUse(ctx);
    case 'SHOW':
      return runShow(ctx);
    case 'DESCRIBE':
    case 'DESC':
    case 'EXPLAIN':
      return runExplain(ctx);
    case 'SET':
      return runSet(ctx);
    case 'BEGIN':
    case 'START':
      if (isWord(t[1], 'SLAVE', 'REPLICA')) {
        if (isWord(t[1], 'REPLICA')) return failed(syntaxError(ctx.sql, t[1]!.start));
        return runReplicaStatement(ctx);
      }
      return runTransactionStatement(ctx);
    case 'COMMIT':
    case 'ROLLBACK':
    case 'SAVEPOINT':
    case 'RELEASE':
      return runTransactionStatement(ctx);
    case 'STOP':
      if (isWord(t[1], 'REPLICA')) return failed(syntaxError(ctx.sql, t[1]!.start));
      return runReplicaStatement(ctx);
    case 'CHANGE':
      if (isWord(t[1], 'REPLICATION')) return failed(syntaxError(ctx.sql, t[1]!.start));
      return runReplicaStatement(ctx);
    case 'RESET':
      return runReplicaStatement(ctx);
    case 'LOCK':
    case 'UNLOCK':
      if (isWord(t[1], 'TABLES', 'TABLE', 'INSTANCE')) return ok();
      return failed(syntaxError(ctx.sql, t[1]?.start ?? ctx.sql.length));
    case 'FLUSH':
      return runFlush(ctx);
    case 'KILL':
      return runKill(ctx);
    case 'BINLOG':
      return runBinlogStatement(ctx);
    case 'DO':
      return runDo(ctx);
    case 'CHECK':
    case 'ANALYZE':
    case 'OPTIMIZE':
    case 'REPAIR':
    case 'CHECKSUM':
      return runTableMaintenance(ctx);
    case 'GRANT':
    case 'REVOKE':
      return runAccounts(ctx);
    case 'CREATE':
    case 'DROP':
    case 'ALTER':
    case 'RENAME':
      if (isAccountStatement(t)) return runAccounts(ctx);
      if (isWord(t[1], 'VIEW', 'PROCEDURE', 'FUNCTION', 'TRIGGER', 'EVENT', 'ROLE', 'TABLESPACE', 'SERVER', 'SPATIAL', 'LOGFILE', 'RESOURCE', 'UNDO', 'DEFINER', 'ALGORITHM', 'OR', 'SQL')) return unsupported(ctx, `${first.value} ${t[1]!.value}`);
      return failed(syntaxError(ctx.sql, t[1]?.start ?? ctx.sql.length));
    case 'PURGE':
      return unsupported(ctx, 'PURGE BINARY LOGS (the drill keeps the binary logs)');
    case 'SHUTDOWN':
    case 'RESTART':
      return unsupported(ctx, `${first.value} from the client (use systemctl)`);
    case 'LOAD':
    case 'HANDLER':
    case 'XA':
    case 'PREPARE':
    case 'EXECUTE':
    case 'DEALLOCATE':
    case 'CALL':
    case 'INSTALL':
    case 'UNINSTALL':
    case 'CACHE':
    case 'CLONE':
      return unsupported(ctx, `${first.value} statements`);
    case 'HELP':
      return unsupported(ctx, "the server's help pages");
    default:
      return failed(syntaxError(ctx.sql, first.start));
  }
}

/** Counters with one more for `counter` (SELECT, INSERT, UPDATE and DELETE have fields of their own). */
function counted<T extends Omit<StatementCounts, 'questions'>>(counts: T, counter: string | null): T {
  if (counter === null) return counts;
  if (counter === 'select' || counter === 'insert' || counter === 'update' || counter === 'delete') return { ...counts, [counter]: counts[counter] + 1 };
  return { ...counts, other: { ...counts.other, [counter]: (counts.other?.[counter] ?? 0) + 1 } };
}

/**
 * Runs one statement for a connection on its server. The server must be running and still the
 * one the connection was made to (a restart ends connections: the client reconnects).
 */
export function executeStatement(draft: Draft, session: MysqlSession, sql: string): StatementOutcome {
  const found = serverOf(draft, session.host);
  if (session.killed || !found || !isRunning(draft, session.host) || startedAt(draft, found) !== session.serverStartedAt) return { session, result: failed(clientErrors.goneAway()), notes: [] };
  // An INSERT of literals (a dump's) is read in one pass later: only its first words are lexed here.
  const literal = literalInsert(sql);
  const lexed = lex(literal ? literal.head : sql);
  if (lexed.ok && lexed.tokens.length === 0) return { session, result: failed(mysqlErrors.queryEmpty()), notes: [] };
  // Questions counts every statement the server receives, one it cannot parse too; Com_* those it runs.
  const counter = lexed.ok ? comCounter(lexed.tokens) : null;
  const com = counted(found.state.com ?? { select: 0, insert: 0, update: 0, delete: 0 }, counter);
  const own = { ...counted(session.counts ?? { questions: 0, select: 0, insert: 0, update: 0, delete: 0 }, counter), questions: (session.counts?.questions ?? 0) + 1 };
  session = { ...session, counts: own };
  const server = saveServer(draft, found, { ...found.state, questions: found.state.questions + 1, com });
  if (!lexed.ok) {
    const error = syntaxError(sql, lexed.at);
    const event: StatementEvent = { eventId: nextEventId(session.statements), sql, eventName: 'statement/sql/error', schema: session.database, at: nowOf(draft), rowsAffected: 0, rowsSent: 0, errno: error.code, sqlState: error.state, message: error.message, warnings: 0, statementId: found.state.questions };
    return { session: { ...session, statements: withEvent(session.statements, event) }, result: failed(error), notes: [] };
  }
  const privileges = accountPrivileges(server.state.accounts, session.account);
  const ctx: StatementContext = {
    draft,
    server,
    session,
    sql,
    tokens: lexed.tokens,
    privileges,
    notes: [],
    warnings: [],
    db: () => databaseAt(draft.config, dataVersion(ctx.server, ctx.session)),
    view: () => makeView(ctx, ctx.db),
  };
  let result: StatementResult;
  try {
    result = dispatch(ctx);
  } catch (error) {
    if (error instanceof TranslateError) result = error.mysql ? failed(error.mysql) : unsupported(ctx, error.unsupported ?? 'this statement');
    else throw error;
  }
  const diagnostic = isWord(lexed.tokens[0], 'SHOW') && isWord(lexed.tokens[1], 'WARNINGS', 'ERRORS', 'COUNT');
  const warnings = result.kind === 'error' ? [`Error|${result.error.code}|${result.error.message}`] : ctx.warnings;
  const event = finishedEvent(ctx, session, result);
  const next = { ...(diagnostic ? ctx.session : { ...ctx.session, warnings }), statements: withEvent(session.statements, event) };
  return { session: next, result, notes: ctx.notes };
}

/** The statement that ended as its thread's statement event (events_statements_history). */
function finishedEvent(ctx: StatementContext, before: MysqlSession, result: StatementResult): StatementEvent {
  const running = runningEvent({ ...ctx, session: before });
  const error = result.kind === 'error' ? result.error : null;
  const rowsSent = result.kind === 'rows' ? result.result.rows.length : 0;
  const rowsAffected = result.kind === 'ok' ? result.affected : 0;
  const warnings = result.kind === 'error' ? 0 : result.warnings;
  return { ...running, schema: before.database, rowsAffected, rowsSent, errno: error?.code ?? 0, sqlState: error?.state ?? null, message: error?.message ?? null, warnings };
}

/** A value as SQL (for messages and tests). */
export { sqlLiteral, factsOf };
