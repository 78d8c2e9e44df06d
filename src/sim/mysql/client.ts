/**
 * The mysql client's conversation with a server: each statement or client command in turn, its
 * result written as the client writes it in that mode (tables and `N rows in set (0.00 sec)`
 * interactively; tabs, no summary, `ERROR … at line N` in batch), `use`, `source`, `status`,
 * `help`, `delimiter`, reconnecting after a server restart, and the history it keeps.
 */
import { threadCounts } from './processlist';
import type { ProgramContext } from '../process';
import { hostSpec } from '../world';
import { connect, type ConnectRequest } from './connect';
import { executeStatement } from './execute';
import type { MysqlSession } from './session';
import { errorLine, type MysqlError } from './errors';
import { elapsedText, tableLines, tabLines, uptimeText, verticalLines } from './format';
import { newScan, scanLine, type Piece, type ScanState } from './scan';
import type { StatementResult } from './context';
import { factsOf, globalVariable, nowOf, serverOf, startedAt } from './server';
import { databaseAt } from './open-databases';
import { FS_ERROR_TEXT } from '../process';

export interface ClientOptions {
  /** Batch mode (input not from a terminal, -e, -B): no summaries, errors with line numbers, stop at the first error. */
  batch: boolean;
  /** Output as tables (interactive, or -t). */
  table: boolean;
  vertical: boolean;
  columnNames: boolean;
  force: boolean;
  raw: boolean;
  verbose: number;
  showWarnings: boolean;
  /** Auto-rehash (-A turns it off): `use` prints "Reading table information…". */
  rehash: boolean;
  /** The server version string (`8.0.19 MySQL Community Server - GPL`). */
  prompt: string;
  /** --init-command: the statement the client sends right after each connect (a reconnect too). */
  initCommand?: string;
}

export interface ClientState {
  session: MysqlSession | null;
  request: ConnectRequest;
  scan: ScanState;
  options: ClientOptions;
  /** Lines typed this session, for ~/.mysql_history at exit (bounded). */
  history: string[];
  /** Where they go: $MYSQL_HISTFILE, else $HOME/.mysql_history as the client found them at its start. */
  historyFile?: string;
  /** Lines read so far from the current input (for `at line N`). */
  line: number;
}

export const MAX_HISTORY = 500;

/** The result of running some input. */
export interface RunOutcome {
  state: ClientState;
  quit: boolean;
  /** An error stopped a batch run. */
  failed: boolean;
}

function serverVersion(ctx: ProgramContext, session: MysqlSession): string {
  const server = serverOf(ctx.sys.draft, session.host);
  const version = server ? factsOf(ctx.sys.draft, server).version : '8.0.19';
  return `${version} MySQL Community Server - GPL`;
}

/** The banner mysql prints after connecting interactively. */
export function banner(ctx: ProgramContext, session: MysqlSession): string[] {
  return [
    'Welcome to the MySQL monitor.  Commands end with ; or \\g.',
    `Your MySQL connection id is ${session.id}`,
    `Server version: ${serverVersion(ctx, session)}`,
    '',
    'Copyright (c) 2000, 2020, Oracle and/or its affiliates. All rights reserved.',
    '',
    'Oracle is a registered trademark of Oracle Corporation and/or its',
    'affiliates. Other names may be trademarks of their respective',
    'owners.',
    '',
    "Type 'help;' or '\\h' for help. Type '\\c' to clear the current input statement.",
    '',
  ];
}

/** "Reading table information…": printed when a database with tables becomes current (auto-rehash). */
export function rehashLines(ctx: ProgramContext, session: MysqlSession): string[] {
  if (!session.database) return [];
  const server = serverOf(ctx.sys.draft, session.host);
  if (!server) return [];
  const db = databaseAt(ctx.sys.config, session.tx?.version ?? server.state.data);
  if (db.tablesOf(session.database).length === 0) return [];
  return ['Reading table information for completion of table and column names', 'You can turn off this feature to get a quicker startup with -A', ''];
}

const HELP = [
  '',
  'For information about MySQL products and services, visit:',
  '   http://www.mysql.com/',
  'For developer information, including the MySQL Reference Manual, visit:',
  '   http://dev.mysql.com/',
  'To buy MySQL Enterprise support, training, or other products, visit:',
  '   https://shop.mysql.com/',
  '',
  'List of all MySQL commands:',
  "Note that all text commands must be first on line and end with ';'",
  ...([
    ['?', '?', "Synonym for `help'."],
    ['clear', 'c', 'Clear the current input statement.'],
    ['connect', 'r', 'Reconnect to the server. Optional arguments are db and host.'],
    ['delimiter', 'd', 'Set statement delimiter.'],
    ['edit', 'e', 'Edit command with $EDITOR.'],
    ['ego', 'G', 'Send command to mysql server, display result vertically.'],
    ['exit', 'q', 'Exit mysql. Same as quit.'],
    ['go', 'g', 'Send command to mysql server.'],
    ['help', 'h', 'Display this help.'],
    ['nopager', 'n', 'Disable pager, print to stdout.'],
    ['notee', 't', "Don't write into outfile."],
    ['pager', 'P', 'Set PAGER [to_pager]. Print the query results via PAGER.'],
    ['print', 'p', 'Print current command.'],
    ['prompt', 'R', 'Change your mysql prompt.'],
    ['quit', 'q', 'Quit mysql.'],
    ['rehash', '#', 'Rebuild completion hash.'],
    ['source', '.', 'Execute an SQL script file. Takes a file name as an argument.'],
    ['status', 's', 'Get status information from the server.'],
    ['system', '!', 'Execute a system shell command.'],
    ['tee', 'T', 'Set outfile [to_outfile]. Append everything into given outfile.'],
    ['use', 'u', 'Use another database. Takes database name as argument.'],
    ['charset', 'C', 'Switch to another charset. Might be needed for processing binlog with multi-byte charsets.'],
    ['warnings', 'W', 'Show warnings after every statement.'],
    ['nowarning', 'w', "Don't show warnings after every statement."],
    ['resetconnection', 'x', 'Clean session context.'],
  ] as const).map(([name, ch, doc]) => `${name.padEnd(10)}(\\${ch}) ${doc}`),
  '',
  "For server side help, type 'help contents'",
  '',
];

function statusLines(ctx: ProgramContext, state: ClientState): string[] {
  const session = state.session;
  if (!session) return ['ERROR 2006 (HY000): MySQL server has gone away'];
  const draft = ctx.sys.draft;
  const server = serverOf(draft, session.host)!;
  const facts = factsOf(draft, server);
  const up = Math.max(0, nowOf(draft) - startedAt(draft, server));
  const hostname = hostSpec(draft.config, session.host)?.hostname ?? session.host;
  const questions = server.state.questions;
  return [
    '--------------',
    `mysql  Ver ${facts.version} for Linux on x86_64 (MySQL Community Server - GPL)`,
    '',
    `Connection id:\t\t${session.id}`,
    `Current database:\t${session.database ?? ''}`,
    `Current user:\t\t${session.user}@${session.clientHost}`,
    `SSL:\t\t\t${session.tcp ? 'Cipher in use is TLS_AES_256_GCM_SHA384' : 'Not in use'}`,
    'Current pager:\t\tstdout',
    "Using outfile:\t\t''",
    `Using delimiter:\t${state.scan.delimiter}`,
    `Server version:\t\t${serverVersion(ctx, session)}`,
    'Protocol version:\t10',
    `Connection:\t\t${session.tcp ? `${state.request.host ?? hostname} via TCP/IP` : 'Localhost via UNIX socket'}`,
    `Server characterset:\t${globalVariable(draft, server, 'character_set_server') ?? 'utf8mb4'}`,
    'Db     characterset:\tutf8mb4',
    'Client characterset:\tutf8mb4',
    'Conn.  characterset:\tutf8mb4',
    session.tcp ? `TCP port:\t\t${facts.port}` : 'UNIX socket:\t\t/var/run/mysqld/mysqld.sock',
    'Binary data as:\t\tHexadecimal',
    `Uptime:\t\t\t${uptimeText(up)}`,
    '',
    `Threads: ${threadCounts(draft, server, session).all}  Questions: ${questions}  Slow queries: 0  Opens: 214  Flush tables: 3  Open tables: 140  Queries per second avg: ${(up > 0 ? questions / up : 0).toFixed(3)}`,
    '--------------',
    '',
  ];
}

/** Writes a statement's result in the client's mode. */
/** What kind of work a statement did, for its `(0.01 sec)`: DDL is slowest, writes take a little, the rest nothing measurable. */
function workOf(sql: string, affected: number): { write?: boolean; ddl?: boolean; affected?: number } {
  const first = /^\s*(?:\/\*.*?\*\/\s*)?([A-Za-z]+)/s.exec(sql)?.[1]?.toUpperCase() ?? '';
  if (['CREATE', 'DROP', 'ALTER', 'TRUNCATE', 'RENAME'].includes(first)) return { ddl: true };
  if (['INSERT', 'UPDATE', 'DELETE', 'REPLACE', 'BINLOG', 'COMMIT'].includes(first) && affected > 0) return { write: true, affected };
  return {};
}

function printResult(ctx: ProgramContext, state: ClientState, result: StatementResult, vertical: boolean, where: { line: number; file?: string }, sql = ''): boolean {
  const o = state.options;
  if (result.kind === 'error') {
    printError(ctx, state, result.error, where);
    return false;
  }
  if (result.kind === 'rows') {
    const r = result.result;
    if (r.rows.length === 0 && !o.batch) {
      ctx.out(`Empty set${result.warnings ? `, ${result.warnings} warning${result.warnings === 1 ? '' : 's'}` : ''} ${elapsedText({ rows: 0, slept: result.slept })}`);
      ctx.out('');
      return true;
    }
    if (r.rows.length > 0) {
      const lines = vertical || o.vertical ? verticalLines(r, o.columnNames) : o.table ? tableLines(r, o.columnNames) : tabLines(r, o.columnNames, o.raw);
      for (const line of lines) ctx.out(line);
    }
    if (!o.batch) {
      const n = r.rows.length;
      ctx.out(`${n} ${n === 1 ? 'row' : 'rows'} in set${result.warnings ? `, ${result.warnings} warning${result.warnings === 1 ? '' : 's'}` : ''} ${elapsedText({ rows: n, slept: result.slept })}`);
      ctx.out('');
    }
    return true;
  }
  if (result.silent) return true;
  if (!o.batch) {
    ctx.out(`Query OK, ${result.affected} ${result.affected === 1 ? 'row' : 'rows'} affected${result.warnings ? `, ${result.warnings} warning${result.warnings === 1 ? '' : 's'}` : ''} ${elapsedText(workOf(sql, result.affected))}`);
    if (result.info) ctx.out(result.info);
    ctx.out('');
  }
  return true;
}

function printError(ctx: ProgramContext, state: ClientState, error: MysqlError, where: { line: number; file?: string }): void {
  if (state.options.batch || where.file) ctx.err(errorLine(error, where.line, where.file));
  else ctx.err(errorLine(error));
}

function printWarnings(ctx: ProgramContext, state: ClientState): void {
  if (!state.options.showWarnings || !state.session) return;
  for (const w of state.session.warnings) {
    const [level = 'Warning', code = '0', message = ''] = w.split('|');
    if (level === 'Error') continue;
    ctx.out(`${level} (Code ${code}): ${message}`);
  }
}

/**
 * Runs --init-command on a fresh connection, as libmysqlclient does inside mysql_real_connect:
 * its result is discarded; when it fails the connection fails with its error.
 */
export function runInitCommand(ctx: ProgramContext, session: MysqlSession, initCommand: string | undefined): { ok: true; session: MysqlSession } | { ok: false; error: MysqlError } {
  const sql = initCommand?.trim().replace(/;+\s*$/, '') ?? '';
  if (sql === '') return { ok: true, session };
  const outcome = executeStatement(ctx.sys.draft, session, sql);
  for (const note of outcome.notes) ctx.note(note);
  if (outcome.result.kind === 'error') return { ok: false, error: outcome.result.error };
  return { ok: true, session: outcome.session };
}

/** Tries to reconnect after the server went away (a restart): prints what mysql prints. */
function reconnect(ctx: ProgramContext, state: ClientState): ClientState {
  ctx.out('No connection. Trying to reconnect...');
  const database = state.session?.database ?? state.request.database ?? null;
  const connected = connect(ctx.sys.draft, { ...state.request, database });
  const result = connected.ok ? runInitCommand(ctx, connected.session, state.options.initCommand) : connected;
  if (!result.ok) {
    ctx.err(errorLine(result.error));
    ctx.err('ERROR: ');
    ctx.err("Can't connect to the server");
    ctx.out('');
    return { ...state, session: null };
  }
  ctx.out(`Connection id:    ${result.session.id}`);
  ctx.out(`Current database: ${result.session.database ?? '*** NONE ***'}`);
  ctx.out('');
  return { ...state, session: result.session };
}

function stripQuotes(text: string): string {
  const t = text.trim();
  if (/^(['"`]).*\1$/s.test(t)) return t.slice(1, -1);
  return t;
}

/** Runs one statement (reconnecting once if the server went away, interactively). */
function runSql(ctx: ProgramContext, state: ClientState, piece: Extract<Piece, { kind: 'sql' }>, file?: string): { state: ClientState; ok: boolean } {
  if (piece.text === '') {
    if (!state.options.batch && !file) {
      ctx.err('ERROR: ');
      ctx.err('No query specified');
      ctx.out('');
    }
    return { state, ok: true };
  }
  let current = state;
  if (!current.session) {
    if (current.options.batch) return { state, ok: false };
    current = reconnect(ctx, current);
    if (!current.session) return { state: current, ok: false };
  }
  if (current.options.verbose > 0 && current.options.batch) {
    ctx.out('--------------');
    ctx.out(piece.text);
    ctx.out('--------------');
    ctx.out('');
  }
  let outcome = executeStatement(ctx.sys.draft, current.session!, piece.text);
  if (outcome.result.kind === 'error' && outcome.result.error.code === 2006) {
    printError(ctx, current, outcome.result.error, { line: piece.line, file });
    if (current.options.batch) return { state: { ...current, session: null }, ok: false };
    current = reconnect(ctx, current);
    if (!current.session) return { state: current, ok: false };
    outcome = executeStatement(ctx.sys.draft, current.session, piece.text);
  }
  for (const note of outcome.notes) ctx.note(note);
  current = { ...current, session: outcome.session };
  const ok = printResult(ctx, current, outcome.result, piece.vertical, { line: piece.line, file }, piece.text);
  printWarnings(ctx, current);
  return { state: current, ok };
}

/** Runs a client command (`use`, `source`, `status`…). */
function runCommand(ctx: ProgramContext, state: ClientState, piece: Extract<Piece, { kind: 'command' }>, depth: number, file?: string): { state: ClientState; ok: boolean; quit?: boolean } {
  const o = state.options;
  switch (piece.name) {
    case 'quit':
      return { state, ok: true, quit: true };
    case 'help':
      if (piece.arg.trim() !== '') {
        ctx.note("Not simulated in this drill: the server's help pages (help <topic>).");
        return { state, ok: true };
      }
      if (!o.batch) for (const line of HELP) ctx.out(line);
      return { state, ok: true };
    case 'status':
      for (const line of statusLines(ctx, state)) ctx.out(line);
      return { state, ok: true };
    case 'clear':
      return { state: { ...state, scan: { ...state.scan, buffer: '' } }, ok: true };
    case 'delimiter':
      if (piece.arg === '') {
        ctx.err('DELIMITER must be followed by a \'delimiter\' character or string');
        return { state, ok: true };
      }
      if (piece.arg.includes('\\')) {
        ctx.err("DELIMITER cannot contain a backslash character");
        return { state, ok: true };
      }
      return { state: { ...state, scan: { ...state.scan, delimiter: piece.arg } }, ok: true };
    case 'use': {
      const name = stripQuotes(piece.arg.split(/\s+/)[0] ?? '');
      if (name === '') {
        ctx.err('ERROR: ');
        ctx.err('USE must be followed by a database name');
        return { state, ok: false };
      }
      let current = state;
      if (!current.session) {
        current = reconnect(ctx, current);
        if (!current.session) return { state: current, ok: false };
      }
      const outcome = executeStatement(ctx.sys.draft, current.session!, `USE \`${name.replace(/`/g, '``')}\``);
      current = { ...current, session: outcome.session };
      if (outcome.result.kind === 'error') {
        printError(ctx, current, outcome.result.error, { line: piece.line, file });
        return { state: current, ok: false };
      }
      if (!o.batch) {
        if (o.rehash) for (const line of rehashLines(ctx, current.session!)) ctx.out(line);
        ctx.out('Database changed');
      }
      return { state: current, ok: true };
    }
    case 'source': {
      const path = stripQuotes(piece.arg);
      if (depth >= 8) {
        ctx.err(`Failed to open file '${path}', error: 24`);
        return { state, ok: false };
      }
      const read = ctx.sys.read(path);
      if (!read.ok) {
        ctx.err(`Failed to open file '${path}', error: ${read.error === 'EACCES' ? 13 : read.error === 'EISDIR' ? 21 : 2}`);
        return { state, ok: false };
      }
      const inner = runInput(ctx, { ...state, scan: { ...newScan(), delimiter: state.scan.delimiter }, line: 0 }, read.text, depth + 1, path);
      return { state: { ...inner.state, scan: state.scan, line: state.line }, ok: !inner.failed, quit: inner.quit };
    }
    case 'warnings':
      if (!o.batch) ctx.out('Show warnings enabled.');
      return { state: { ...state, options: { ...o, showWarnings: true } }, ok: true };
    case 'nowarning':
      if (!o.batch) ctx.out('Show warnings disabled.');
      return { state: { ...state, options: { ...o, showWarnings: false } }, ok: true };
    case 'charset':
      if (!o.batch) ctx.out('Charset changed');
      return { state, ok: true };
    case 'rehash':
      return { state, ok: true };
    case 'print':
      ctx.out('--------------');
      ctx.out(state.scan.buffer.replace(/\n$/, ''));
      ctx.out('--------------');
      ctx.out('');
      return { state, ok: true };
    case 'prompt': {
      const prompt = piece.arg === '' ? 'mysql> ' : piece.arg;
      if (!o.batch) ctx.out(piece.arg === '' ? 'Returning to default PROMPT of mysql> ' : `PROMPT set to '${piece.arg}'`);
      return { state: { ...state, options: { ...o, prompt } }, ok: true };
    }
    case 'connect': {
      const [db, host] = piece.arg.split(/\s+/).filter((x) => x !== '');
      const request = { ...state.request, database: db ?? state.session?.database ?? state.request.database ?? null, host: host ?? state.request.host };
      const result = connect(ctx.sys.draft, request);
      if (!result.ok) {
        printError(ctx, state, result.error, { line: piece.line, file });
        return { state: { ...state, session: null, request }, ok: false };
      }
      ctx.out(`Connection id:    ${result.session.id}`);
      ctx.out(`Current database: ${result.session.database ?? '*** NONE ***'}`);
      ctx.out('');
      return { state: { ...state, session: result.session, request }, ok: true };
    }
    case 'resetconnection':
      if (state.session) return { state: { ...state, session: { ...state.session, vars: {}, userVars: {}, tx: null } }, ok: true };
      return { state, ok: true };
    case 'go':
    case 'ego':
      if (!o.batch) {
        ctx.err('ERROR: ');
        ctx.err('No query specified');
        ctx.out('');
      }
      return { state, ok: true };
    default:
      ctx.note(`Not simulated in this drill: the mysql client's ${piece.name} command.`);
      return { state, ok: true };
  }
}

/** Runs lines of input (one typed line, a script, or -e's text). */
export function runInput(ctx: ProgramContext, state: ClientState, text: string, depth = 0, file?: string): RunOutcome {
  let current = state;
  const lines = text.split('\n');
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  for (const raw of lines) {
    const line = raw.replace(/\r$/, '');
    current = { ...current, line: current.line + 1 };
    const scanned = scanLine(current.scan, line, current.line);
    current = { ...current, scan: scanned.state };
    for (const piece of scanned.pieces) {
      const result = piece.kind === 'sql' ? runSql(ctx, current, piece, file) : runCommand(ctx, current, piece, depth, file);
      current = result.state;
      if ('quit' in result && result.quit) return { state: current, quit: true, failed: false };
      if (!result.ok && current.options.batch && !current.options.force && !file) return { state: current, quit: false, failed: true };
      if (!result.ok && current.options.batch && !current.options.force && file) return { state: current, quit: false, failed: true };
    }
  }
  return { state: current, quit: false, failed: false };
}

/** The history file the client uses: $MYSQL_HISTFILE, else $HOME's (under sudo on Ubuntu 18.04, still the caller's home). */
export function historyFileOf(ctx: ProgramContext): string {
  return ctx.sys.env.MYSQL_HISTFILE || `${ctx.sys.env.HOME ?? ctx.sys.user.home}/.mysql_history`;
}

/** Appends this session's lines to ~/.mysql_history on the client's host, as libedit writes it (`\040` for spaces). */
export function saveMysqlHistory(ctx: ProgramContext, state: ClientState): void {
  if (state.history.length === 0) return;
  const path = state.historyFile ?? historyFileOf(ctx);
  if (path === '/dev/null') return;
  const existing = ctx.sys.read(path);
  const old = existing.ok ? existing.text.split('\n').filter((l) => l !== '' && l !== '_HiStOrY_V2_') : [];
  const encoded = state.history.filter((l) => !/IDENTIFIED|PASSWORD/i.test(l)).map((l) => l.replace(/\\/g, '\\\\').replace(/ /g, '\\040').replace(/\t/g, '\\011'));
  const all = [...old, ...encoded].slice(-MAX_HISTORY);
  const result = ctx.sys.write(path, `_HiStOrY_V2_\n${all.join('\n')}\n`);
  if (!result.ok) ctx.err(`Failed writing to file ${path}: ${FS_ERROR_TEXT[result.error]}`);
}
