/**
 * The `mysql` command: options as mysql 8.0.19 reads them, then one of three modes: `-e` (the
 * statements given, then exit), batch (statements from a pipe or `< file`), or interactive (the
 * banner and the `mysql> ` prompt, holding the terminal until `exit`).
 */
import type { InteractiveProgram, ProgramContext } from '../process';
import { CONNECTION_OPTIONS, optionValue, parseOptions, switchCount, switchOn, type OptionDef } from './options';
import { planLogin } from './login';
import { connect } from './connect';
import { errorLine } from './errors';
import { banner, rehashLines, runInitCommand, runInput, saveMysqlHistory, historyFileOf, MAX_HISTORY, type ClientOptions, type ClientState } from './client';
import { continuationPrompt, newScan } from './scan';
import { hostSpec } from '../world';
import { serverOf } from './server';

const OPTIONS: readonly OptionDef[] = [
  ...CONNECTION_OPTIONS,
  { long: 'database', short: 'D', arg: 'required' },
  { long: 'execute', short: 'e', arg: 'required' },
  { long: 'batch', short: 'B', arg: 'none' },
  { long: 'skip-column-names', short: 'N', arg: 'none' },
  { long: 'column-names', arg: 'none' },
  { long: 'table', short: 't', arg: 'none' },
  { long: 'silent', short: 's', arg: 'none', repeat: true },
  { long: 'vertical', short: 'E', arg: 'none' },
  { long: 'no-auto-rehash', short: 'A', arg: 'none' },
  { long: 'auto-rehash', arg: 'none' },
  { long: 'auto-vertical-output', arg: 'none' },
  { long: 'force', short: 'f', arg: 'none' },
  { long: 'raw', short: 'r', arg: 'none' },
  { long: 'html', short: 'H', arg: 'none' },
  { long: 'xml', short: 'X', arg: 'none' },
  { long: 'quick', short: 'q', arg: 'none' },
  { long: 'unbuffered', short: 'n', arg: 'none' },
  { long: 'show-warnings', arg: 'none' },
  { long: 'safe-updates', short: 'U', arg: 'none' },
  { long: 'i-am-a-dummy', arg: 'none' },
  { long: 'comments', short: 'c', arg: 'none' },
  { long: 'prompt', arg: 'required' },
  { long: 'pager', arg: 'optional' },
  { long: 'no-beep', short: 'b', arg: 'none' },
  { long: 'binary-mode', arg: 'none' },
  { long: 'binary-as-hex', arg: 'none' },
  { long: 'init-command', arg: 'required' },
  { long: 'local-infile', arg: 'optional' },
  { long: 'one-database', short: 'o', arg: 'none' },
  { long: 'tee', arg: 'required' },
  { long: 'wait', short: 'w', arg: 'none' },
  { long: 'line-numbers', arg: 'none' },
  { long: 'sigint-ignore', arg: 'none' },
  { long: 'reconnect', arg: 'none' },
  { long: 'syslog', short: 'j', arg: 'none' },
  { long: 'histignore', arg: 'required' },
  { long: 'delimiter', arg: 'required' },
  { long: 'max-allowed-packet', arg: 'required' },
  { long: 'net-buffer-length', arg: 'required' },
  { long: 'select-limit', arg: 'required' },
  { long: 'ssl-ca', arg: 'required' },
  { long: 'ssl-cert', arg: 'required' },
  { long: 'ssl-key', arg: 'required' },
  { long: 'get-server-public-key', arg: 'none' },
];

export const MYSQL_VERSION_LINE = 'mysql  Ver 8.0.19 for Linux on x86_64 (MySQL Community Server - GPL)';

const USAGE = [
  MYSQL_VERSION_LINE,
  'Copyright (c) 2000, 2020, Oracle and/or its affiliates. All rights reserved.',
  '',
  'Oracle is a registered trademark of Oracle Corporation and/or its',
  'affiliates. Other names may be trademarks of their respective',
  'owners.',
  '',
  'Usage: mysql [OPTIONS] [database]',
  '  -?, --help          Display this help and exit.',
  '  -I, --help          Synonym for -?',
  '  --auto-rehash       Enable automatic rehashing. One doesn\'t need to use',
  "                      'rehash' to get table and field completion, but startup",
  '                      and reconnecting may take a longer time. Disable with',
  '                      --disable-auto-rehash.',
  '                      (Defaults to on; use --skip-auto-rehash to disable.)',
  '  -A, --no-auto-rehash',
  '                      No automatic rehashing. One has to use \'rehash\' to get',
  '                      table and field completion. This gives a quicker start of',
  '                      mysql and disables rehashing on reconnect.',
  '  -B, --batch         Don\'t use history file. Disable interactive behavior.',
  '                      (Enables --silent.)',
  '  -D, --database=name Database to use.',
  '  -e, --execute=name  Execute command and quit. (Disables --force and history',
  '                      file.)',
  '  -E, --vertical      Print the output of a query (rows) vertically.',
  '  -f, --force         Continue even if we get an SQL error.',
  '  -h, --host=name     Connect to host.',
  '  -N, --skip-column-names',
  "                      Don't write column names in results.",
  '  -p, --password[=name]',
  "                      Password to use when connecting to server. If password is",
  "                      not given it's asked from the tty.",
  '  -P, --port=#        Port number to use for connection or 0 for default to, in',
  '                      order of preference, my.cnf, $MYSQL_TCP_PORT,',
  '                      /etc/services, built-in default (3306).',
  '  -s, --silent        Be more silent. Print results with a tab as separator,',
  '                      each row on new line.',
  '  -S, --socket=name   The socket file to use for connection.',
  '  -t, --table         Output in table format.',
  '  -u, --user=name     User for login if not current user.',
  '  -v, --verbose       Write more. (-v -v -v gives the table output format).',
  '  -V, --version       Output version information and exit.',
];

function clientOptions(ctx: ProgramContext, options: ReturnType<typeof parseOptions> & { ok: true }, batch: boolean): ClientOptions {
  const o = options.options;
  const silent = switchCount(o, 'silent') + (switchOn(o, 'batch') ? 1 : 0);
  const interactiveTable = !batch || (optionValue(o, 'execute') !== undefined && ctx.stdoutIsTerminal && !switchOn(o, 'batch') && silent === 0);
  return {
    batch,
    table: switchOn(o, 'table') || (interactiveTable && ctx.stdin === null),
    vertical: switchOn(o, 'vertical'),
    columnNames: !switchOn(o, 'skip-column-names') && silent < 2,
    force: switchOn(o, 'force'),
    raw: switchOn(o, 'raw'),
    verbose: switchCount(o, 'verbose'),
    showWarnings: switchOn(o, 'show-warnings'),
    rehash: !switchOn(o, 'no-auto-rehash'),
    prompt: optionValue(o, 'prompt') ?? 'mysql> ',
    initCommand: optionValue(o, 'init-command'),
  };
}

function mysqlMain(ctx: ProgramContext): number {
  const parsed = parseOptions('mysql', ctx.argv.slice(1), OPTIONS);
  if (!parsed.ok) {
    ctx.err(parsed.message);
    return 1;
  }
  const o = parsed.options;
  if (switchOn(o, 'help')) {
    for (const line of USAGE) ctx.out(line);
    ctx.note('The drill shows the first part of mysql --help.');
    return 0;
  }
  if (switchOn(o, 'version')) {
    ctx.out(MYSQL_VERSION_LINE);
    return 0;
  }
  if (switchOn(o, 'html') || switchOn(o, 'xml')) ctx.note('Not simulated in this drill: mysql --html and --xml output; results are shown as tables.');
  const plan = planLogin(ctx, 'mysql', o, o.positional[0] ?? null);
  for (const line of plan.before) ctx.err(line);
  const execute = optionValue(o, 'execute');
  const batch = execute !== undefined || ctx.stdin !== null || switchOn(o, 'batch');
  const connected = connect(ctx.sys.draft, plan.request);
  const result = connected.ok ? runInitCommand(ctx, connected.session, optionValue(o, 'init-command')) : connected;
  if (!result.ok) {
    ctx.err(errorLine(result.error));
    if (result.error.code === 2003 && result.error.message.endsWith('(110)')) ctx.note('The drill did not make you wait: the mysql client gives up on a connection nobody answers after about two minutes.');
    return 1;
  }
  const options = clientOptions(ctx, parsed, batch);
  let state: ClientState = { session: result.session, request: plan.request, scan: newScan(), options, history: [], historyFile: historyFileOf(ctx), line: 0 };
  const delimiter = optionValue(o, 'delimiter');
  if (delimiter) state = { ...state, scan: { ...state.scan, delimiter } };
  if (batch) {
    const text = execute ?? ctx.stdin ?? '';
    const run = runInput(ctx, state, text);
    state = run.state;
    if (run.failed) return 1;
    if (!run.quit && state.scan.buffer.trim() !== '') {
      const tail = runInput(ctx, { ...state, line: state.scan.startLine - 1, scan: { ...state.scan, buffer: '' } }, `${state.scan.buffer.trimEnd()}${state.scan.delimiter}`);
      if (tail.failed) return 1;
    }
    return 0;
  }
  if (options.rehash) for (const line of rehashLines(ctx, result.session)) ctx.out(line);
  for (const line of banner(ctx, result.session)) ctx.out(line);
  ctx.sys.open({ kind: 'program', host: ctx.sys.host, user: ctx.sys.user.name, program: 'mysql', state });
  return 0;
}

/** The prompt with mysql's \u \h \d \p \_ escapes filled in. */
function promptText(state: ClientState): string {
  const p = state.options.prompt;
  if (!p.includes('\\')) return p;
  return p.replace(/\\(.)/g, (_w, c: string) => {
    switch (c) {
      case 'u': return state.session?.user ?? state.request.user;
      case 'h': return state.request.host ?? 'localhost';
      case 'd': return state.session?.database ?? '(none)';
      case 'p': return state.session?.tcp ? '3306' : '/var/run/mysqld/mysqld.sock';
      case '_': return ' ';
      case 'n': return '\n';
      case 'v': return '8.0.19';
      case 'U': return state.session ? `${state.session.user}@${state.session.clientHost}` : '';
      case '\\': return '\\';
      default: return c;
    }
  });
}

const interactive: InteractiveProgram = {
  where(raw) {
    const state = raw as ClientState;
    return { server: state.session?.host ?? null, database: state.session?.database ?? null };
  },
  prompt(raw) {
    const state = raw as ClientState;
    return continuationPrompt(state.scan, promptText(state));
  },
  input(ctx, raw, line) {
    let state = raw as ClientState;
    const bounded = line.length > 100_000 ? line.slice(0, 100_000) : line;
    if (bounded.trim() !== '') state = { ...state, history: [...state.history, bounded].slice(-MAX_HISTORY) };
    const run = runInput(ctx, { ...state, line: 0 }, bounded);
    if (run.quit) {
      ctx.out('Bye');
      saveMysqlHistory(ctx, run.state);
      return { state: run.state, close: true };
    }
    return { state: run.state };
  },
};

/** The mysql client program. */
export const mysqlProgram = { main: mysqlMain, interactive };

/** Whether a host runs a MySQL server (for programs that need a server on their own host). */
export function hasServer(ctx: ProgramContext): boolean {
  return Boolean(hostSpec(ctx.sys.config, ctx.sys.host)?.mysql && serverOf(ctx.sys.draft, ctx.sys.host));
}
