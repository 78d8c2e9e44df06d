/**
 * bash's builtins (they change the shell itself: `cd`, `export`, `exit`) and the programs that
 * change who and where you are (`ssh`, `su`, `sudo`), plus `env`, `which`, `clear`.
 */
import { evaluateArithmetic } from './arith';
import { printf } from './printf';
import type { ProgramContext } from '../process';
import type { ProgramTable } from '../programs/registry';
import { binPath, programPath } from '../programs/paths';
import { lookup, resolvePath, allowed } from '../fs';
import { HISTSIZE, type ShellSession } from '../world';
import type { ShellState } from './run';
import { envFor, exportedEnv } from './run';
import { dateCommandText } from '../time';
import { closeSession, openSession } from '../system/sessions';
import { lastLoginOf } from '../system/wtmp';
import { archOf, kernelOf } from '../system/machine';
import { hostKeyLines, serverKeyFingerprint, sshVerboseLines, userSshConfig } from './sshVerbose';
import { lookupName } from '../net/resolver';
import { connectTcp } from '../net/connect';
import { agentSocket, forwardsAgent, sshAccepted, unknownHostNote } from './sshAuth';
import { ulimit } from './ulimit';
import { sudoRules } from '../system/sudoers';
import { loginUmask } from '../process';

const SHELL_BUILTINS = new Set(['cd', 'pwd', 'echo', 'printf', 'export', 'unset', 'history', 'exit', 'logout', 'true', 'false', 'type', 'command', 'help', ':', 'alias', 'unalias', 'test', '[', 'read', 'break', 'continue', 'set', 'source', '.', 'ulimit', 'let', 'shift', 'umask']);
/** bash's builtins the drill does not run but `type` and `command -v` know (kill, test and [ are builtins too). */
const OTHER_BUILTINS = new Set(['kill', 'wait', 'jobs', 'fg', 'bg', 'trap', 'return', 'eval', 'exec', 'hash', 'declare', 'local', 'readonly', 'shopt', 'builtin', 'caller', 'compgen', 'complete', 'dirs', 'disown', 'enable', 'getopts', 'logout', 'mapfile', 'popd', 'pushd', 'suspend', 'times']);
/** bash's reserved words. */
const KEYWORDS = new Set(['if', 'then', 'else', 'elif', 'fi', 'case', 'esac', 'for', 'select', 'while', 'until', 'do', 'done', 'in', 'function', 'time', '{', '}', '!', '[[', ']]', 'coproc']);

/** bash's builtins the drill runs, for Tab completion. */
export const SHELL_BUILTIN_NAMES: readonly string[] = [...SHELL_BUILTINS].filter((n) => /^[a-z]/.test(n));

export function isShellBuiltin(name: string): boolean {
  return SHELL_BUILTINS.has(name);
}

function cd(ctx: ProgramContext, state: ShellState): number {
  const { session } = state;
  // dash's cd fails through sh_error, which sets the status to 2; bash's returns 1.
  const failed = state.identity?.dialect === 'dash' ? 2 : 1;
  // Options are -L, -P, -e, -@; a lone `-` is the operand "the previous directory".
  const operands = ctx.argv.filter((a, i) => i > 0 && (a === '-' || !a.startsWith('-')));
  const arg = operands[0] ?? '';
  if (operands.length > 1) {
    ctx.err('-bash: cd: too many arguments');
    return failed;
  }
  if (arg === '-' && session.env.OLDPWD === undefined) {
    ctx.err('-bash: cd: OLDPWD not set');
    return failed;
  }
  const target = arg === '' ? (session.env.HOME ?? '/') : arg === '-' ? (session.env.OLDPWD ?? session.cwd) : arg;
  const full = resolvePath(session.cwd, target);
  const files = ctx.sys.draft.host(session.host)?.files ?? {};
  const found = lookup(files, full);
  if (!found) {
    ctx.err(`-bash: cd: ${arg}: No such file or directory`);
    return failed;
  }
  if (found.node.kind !== 'dir') {
    ctx.err(`-bash: cd: ${arg}: Not a directory`);
    return failed;
  }
  if (!allowed(found.node, ctx.sys.user.name, ctx.sys.user.groups, 'x')) {
    ctx.err(`-bash: cd: ${arg}: Permission denied`);
    return failed;
  }
  if (arg === '-') ctx.out(full);
  state.session = { ...session, cwd: full, env: { ...session.env, OLDPWD: session.cwd, PWD: full } };
  return 0;
}

/** `echo` as bash's builtin: `-n` (no newline), `-e` (backslash escapes), `-E`. */
function echo(ctx: ProgramContext): number {
  let args = ctx.argv.slice(1);
  let newline = true;
  let escapes = false;
  while (args[0] && /^-[neE]+$/.test(args[0])) {
    if (args[0].includes('n')) newline = false;
    if (args[0].includes('e')) escapes = true;
    if (args[0].includes('E')) escapes = false;
    args = args.slice(1);
  }
  let text = args.join(' ');
  if (escapes) text = text.replace(/\\([ntr\\])/g, (_w, c: string) => ({ n: '\n', t: '\t', r: '\r', '\\': '\\' })[c] ?? c);
  ctx.write(newline ? `${text}\n` : text);
  return 0;
}

function history(ctx: ProgramContext, state: ShellState): number {
  const args = ctx.argv.slice(1);
  if (args[0] === '-c') {
    state.session = { ...state.session, history: [], historyBase: 0 };
    return 0;
  }
  if (args[0] && /^-[awrn]$/.test(args[0])) return 0;
  const lines = state.session.history;
  const count = args[0] && /^\d+$/.test(args[0]) ? Number(args[0]) : lines.length;
  if (args[0] && !/^\d+$/.test(args[0])) {
    ctx.err(`-bash: history: ${args[0]}: numeric argument required`);
    return 1;
  }
  const first = Math.max(0, lines.length - count);
  const base = state.session.historyBase ?? 0;
  for (let i = first; i < lines.length; i += 1) ctx.out(`${String(base + i + 1).padStart(5)}  ${lines[i]}`);
  return 0;
}

function exit(ctx: ProgramContext, state: ShellState): number {
  // In a subshell or a shell that runs a command (`ssh host exit`, `$(exit 3)`), exit ends that shell only.
  if (state.depth > 0) {
    state.flow = { kind: 'exit' };
    return ctx.argv[1] !== undefined ? Number(ctx.argv[1]) & 255 || 0 : state.status;
  }
  const sessions = ctx.sys.draft.sessions;
  const index = sessions.findIndex((s) => s === state.session || (s.kind === 'shell' && s.host === state.session.host && s.user === state.session.user && s === sessions[sessions.length - 1]));
  if (sessions.length <= 1 || index <= 0) {
    ctx.note('This is the terminal on your own laptop: closing it is not simulated.');
    return 0;
  }
  const session = sessions[sessions.length - 1] as ShellSession;
  // bash appends the session's new lines to ~/.bash_history when a login shell exits.
  saveHistory(ctx, session);
  closeSession(ctx.sys, session);
  sessions.pop();
  ctx.out('logout');
  if (session.via === 'ssh') {
    const name = ctx.sys.draft.config.world.hosts[session.host]?.hostname ?? session.host;
    ctx.out(`Connection to ${name} closed.`);
  }
  return Number(ctx.argv[1] ?? 0) || 0;
}

/** Writes a session's history to the user's ~/.bash_history (HISTFILESIZE 2000 lines). */
export function saveHistory(ctx: ProgramContext, session: ShellSession): void {
  const draft = ctx.sys.draft;
  const user = ctx.sys.userInfo(session.user, session.host);
  if (!user) return;
  const path = `${user.home}/.bash_history`;
  const files = draft.host(session.host)?.files ?? {};
  const node = Object.hasOwn(files, path) ? files[path] : undefined;
  const lines = session.history.slice(-2000);
  const text = lines.length ? `${lines.join('\n')}\n` : '';
  draft.setFile(session.host, path, { kind: 'file', owner: user.name, group: user.groups[0] ?? user.name, mode: 0o600, ...(node ?? {}), content: text, timed: undefined, repeat: undefined, mtime: ctx.sys.now() });
}

type Found = { kind: 'alias' | 'keyword' | 'builtin' | 'file'; path?: string; alias?: string };

/** The aliases bash expands in this shell: the interactive login shell's, none in `bash -c` or a script. */
function aliasesIn(state: ShellState | undefined): Readonly<Record<string, string>> {
  if (!state?.interactive) return {};
  return state.readAliases ?? state.session.aliases ?? {};
}

/** Every file of that name on the PATH, in search order (`type -a`); Ubuntu 18.04 has no /usr merge, so one each. */
function pathFiles(ctx: ProgramContext, name: string): string[] {
  if (name.includes('/')) {
    // A path names itself when it is an executable file (`type ./deploy.sh`: `./deploy.sh is ./deploy.sh`).
    const files = ctx.sys.draft.host(ctx.sys.host)?.files ?? {};
    const full = ctx.sys.resolve(name);
    const found = lookup(files, full);
    const runnable = found ? found.node.kind !== 'dir' && (ctx.sys.user.name === 'root' ? (found.node.mode & 0o111) !== 0 : allowed(found.node, ctx.sys.user.name, ctx.sys.user.groups, 'x')) : programPath(ctx.sys.config, ctx.sys.host, files, full.slice(full.lastIndexOf('/') + 1)) === full;
    return runnable ? [name] : [];
  }
  const path = programPath(ctx.sys.config, ctx.sys.host, ctx.sys.draft.host(ctx.sys.host)?.files ?? {}, name);
  return path ? [path] : [];
}

/** What a name is to bash on this host, in the order bash looks: alias, keyword, builtin, then the files on the PATH. */
function whatIsAll(ctx: ProgramContext, name: string, state?: ShellState): Found[] {
  const found: Found[] = [];
  const aliases = aliasesIn(state);
  if (Object.hasOwn(aliases, name)) found.push({ kind: 'alias', alias: aliases[name]! });
  if (KEYWORDS.has(name)) found.push({ kind: 'keyword' });
  if (SHELL_BUILTINS.has(name) || OTHER_BUILTINS.has(name)) found.push({ kind: 'builtin' });
  if (!name.includes('/') || found.length === 0) for (const path of pathFiles(ctx, name)) found.push({ kind: 'file', path });
  return found;
}

function whatIs(ctx: ProgramContext, name: string, state?: ShellState): Found | null {
  return whatIsAll(ctx, name, state)[0] ?? null;
}

/** bash's words for one finding (`type` and `command -V`). */
function describeFound(name: string, found: Found): string {
  if (found.kind === 'alias') return `${name} is aliased to \`${found.alias}'`;
  if (found.kind === 'keyword') return `${name} is a shell keyword`;
  if (found.kind === 'builtin') return `${name} is a shell builtin`;
  return `${name} is ${found.path}`;
}

/** `type [-t|-p|-P|-a] name…` as bash 4.4 answers it. */
function typeOf(ctx: ProgramContext, state?: ShellState): number {
  let status = 0;
  const flags = ctx.argv.slice(1).filter((a) => /^-[tpPaf]+$/.test(a)).join('');
  const all = flags.includes('a');
  for (const name of ctx.argv.slice(1).filter((a) => !/^-[tpPaf]+$/.test(a))) {
    // -P looks only on the PATH; -f skips functions (the drill's shells have none).
    const every = flags.includes('P') ? pathFiles(ctx, name).map((path): Found => ({ kind: 'file', path })) : whatIsAll(ctx, name, state);
    const shown = all ? every : every.slice(0, 1);
    if (shown.length === 0) {
      if (!flags.includes('t') && !flags.includes('p') && !flags.includes('P')) ctx.err(`-bash: type: ${name}: not found`);
      status = 1;
      continue;
    }
    for (const found of shown) {
      if (flags.includes('t')) ctx.out(found.kind);
      else if (flags.includes('p') || flags.includes('P')) {
        if (found.kind === 'file') ctx.out(found.path!);
      } else ctx.out(describeFound(name, found));
    }
  }
  return status;
}

function quoteAlias(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** `command -v|-V name` (what it is), or `command name args` (run it, skipping functions and aliases). */
function command(ctx: ProgramContext, state?: ShellState): number {
  const args = ctx.argv.slice(1);
  const describe = args[0] === '-v' ? 'v' : args[0] === '-V' ? 'V' : null;
  if (!describe) {
    const words = args[0] === '-p' ? args.slice(1) : args;
    if (words.length === 0) return 0;
    const result = ctx.sys.run(words.map(quote).join(' '), { stdin: ctx.stdin, tty: ctx.stdoutIsTerminal });
    if (result.stdout) ctx.write(result.stdout);
    if (result.stderr) for (const line of result.stderr.replace(/\n$/, '').split('\n')) ctx.err(line);
    return result.status;
  }
  let status = 0;
  for (const name of args.slice(1)) {
    const found = whatIs(ctx, name, state);
    if (!found) {
      if (describe === 'V') ctx.err(`-bash: command: ${name}: not found`);
      status = 1;
    } else if (describe === 'v') ctx.out(found.kind === 'file' ? found.path! : found.kind === 'alias' ? `alias ${name}=${quoteAlias(found.alias!)}` : name);
    else ctx.out(describeFound(name, found));
  }
  return status;
}

function help(ctx: ProgramContext): number {
  ctx.out('GNU bash, version 4.4.20(1)-release (x86_64-pc-linux-gnu)');
  ctx.out('These shell commands are defined internally.  Type `help\' to see this list.');
  ctx.out('Type `help name\' to find out more about the function `name\'.');
  ctx.out('Use `info bash\' to find out more about the shell in general.');
  ctx.out('Use `man -k\' or `info\' to find out more about commands not in this list.');
  ctx.out('');
  ctx.out('A star (*) next to a name means that the command is disabled.');
  ctx.out('');
  // What the drill has to say is a note, never part of bash's own output.
  ctx.note(`Not simulated in this drill: bash's list of builtins${ctx.argv.length > 1 ? ' and their help' : ''}. The drill simulates cd, pwd, echo, printf, export, unset, history, exit, logout, type, ulimit, true, false.`);
  ctx.note('The Actions menu lists what you can do from here, and the command each one types.');
  ctx.note('Keys: Alt+Shift+1 the Actions menu, Alt+Shift+2 the chat, Alt+Shift+3 this command line; ↑ and ↓ move within the menu.');
  return 0;
}

/** Runs a shell builtin; it may change `state.session`. */
/** `let EXPR…`: each argument an arithmetic expression; 0 when the last one is not 0. */
function letBuiltin(ctx: ProgramContext, state: ShellState): number {
  const args = ctx.argv.slice(1);
  if (args.length === 0) {
    ctx.err('-bash: let: expression expected');
    return 1;
  }
  let last = 0n;
  for (const arg of args) {
    const result = evaluateArithmetic(arg, {
      get: (name) => (Object.hasOwn(state.session.env, name) ? state.session.env[name] : undefined),
      set: (name, value) => {
        state.session = { ...state.session, env: { ...state.session.env, [name]: value } };
      },
    });
    if (!result.ok) {
      ctx.err(`-bash: let: ${result.error}`);
      return 1;
    }
    last = result.value;
  }
  return last === 0n ? 1 : 0;
}

/** The shell's positional parameters (`$1`…): a `bash -c`'s or a script's, or the login shell's own. */
function positional(state: ShellState): readonly string[] {
  return state.identity ? state.identity.args.slice(1) : (state.session.positional ?? []);
}

function setPositional(state: ShellState, args: readonly string[]): void {
  if (state.identity) state.identity = { ...state.identity, args: [state.identity.args[0] ?? 'bash', ...args] };
  else state.session = { ...state.session, positional: [...args] };
}

/**
 * dash exits a non-interactive shell (a script, `sh -c`) when a special builtin (`set`,
 * `shift`, `export`…) fails, with status 2 (POSIX 2.8.1; dash's evalcommand raises for them).
 */
function specialFailed(state: ShellState): number {
  if (state.identity?.dialect !== 'dash') return 1;
  state.flow = { kind: 'exit' };
  return 2;
}

/** `set -- ARG…` / `set ARG…`: new positional parameters. Its options (`-e`, `-x`, `-o pipefail`) are not modelled. */
function setBuiltin(ctx: ProgramContext, state: ShellState): number {
  const args = ctx.argv.slice(1);
  let i = 0;
  let replace = false;
  const options: string[] = [];
  for (; i < args.length; i += 1) {
    const a = args[i]!;
    if (a === '--' || a === '-') {
      i += 1;
      replace = true;
      break;
    }
    if (!/^[-+]./.test(a)) break;
    const dash = state.identity?.dialect === 'dash';
    const bad = [...a.slice(1)].find((letter) => !(dash ? /^[aCefImnosuvxbp]$/ : /^[abefhkmnoptuvxBCEHPT]$/).test(letter));
    if (bad !== undefined) {
      if (dash) {
        ctx.err(`-bash: set: Illegal option ${a[0]}${bad}`);
        return specialFailed(state);
      }
      ctx.err(`-bash: set: ${a[0]}${bad}: invalid option`);
      ctx.err('set: usage: set [-abefhkmnptuvxBCHP] [-o option-name] [--] [arg ...]');
      return 2;
    }
    options.push(a);
    if (/^[-+]o$/.test(a) && args[i + 1] !== undefined) options.push(args[(i += 1)]!);
  }
  if (args.length === 0) {
    ctx.note("Not simulated in this drill: the list of the shell's variables that `set` prints; `env` shows the environment.");
    return 0;
  }
  if (options.length > 0) ctx.note(`Not simulated in this drill: the shell option${options.length > 1 ? 's' : ''} ${options.join(' ')}; the commands run without ${options.length > 1 ? 'them' : 'it'}.`);
  if (replace || i < args.length) setPositional(state, args.slice(i));
  return 0;
}

/** `shift [N]`: drops the first N positional parameters; bash says nothing when there are fewer (shift_verbose is off), dash fails. */
function shift(ctx: ProgramContext, state: ShellState): number {
  const params = positional(state);
  const word = ctx.argv[1];
  const count = word === undefined ? 1 : /^-?\d+$/.test(word) ? Number(word) : NaN;
  const dash = state.identity?.dialect === 'dash';
  if (Number.isNaN(count)) {
    if (dash) {
      ctx.err(`-bash: shift: Illegal number: ${word}`);
      return specialFailed(state);
    }
    ctx.err(`-bash: shift: ${word}: numeric argument required`);
    return 1;
  }
  if (count < 0 || count > params.length) {
    if (dash) {
      ctx.err(count < 0 ? `-bash: shift: Illegal number: ${word}` : "-bash: shift: can't shift that many");
      return specialFailed(state);
    }
    if (count < 0) ctx.err(`-bash: shift: ${word}: shift count out of range`);
    return 1;
  }
  setPositional(state, params.slice(count));
  return 0;
}

export function runBuiltin(ctx: ProgramContext, state: ShellState): number {
  switch (ctx.argv[0]) {
    case 'cd':
      return cd(ctx, state);
    case 'pwd':
      ctx.out(state.session.cwd);
      return 0;
    case 'echo':
      return echo(ctx);
    case 'printf':
      return printf(ctx);
    case 'export': {
      const env = { ...state.session.env };
      const exported = new Set(state.session.exported ?? []);
      for (const arg of ctx.argv.slice(1).filter((a) => a !== '-n' && a !== '-p')) {
        const eq = arg.indexOf('=');
        const name = eq > 0 ? arg.slice(0, eq) : arg;
        if (eq > 0) env[name] = arg.slice(eq + 1);
        exported.add(name);
      }
      const listing = ctx.argv.slice(1).every((a) => a === '-p');
      if (listing) for (const [k, v] of Object.entries(exportedEnv(env, [...exported])).sort()) ctx.out(`declare -x ${k}="${v}"`);
      state.session = { ...state.session, env, exported: [...exported] };
      return 0;
    }
    case 'let':
      return letBuiltin(ctx, state);
    case 'unset': {
      const env = { ...state.session.env };
      for (const name of ctx.argv.slice(1)) delete env[name];
      state.session = { ...state.session, env };
      return 0;
    }
    case 'history':
      return history(ctx, state);
    case 'exit':
    case 'logout':
      return exit(ctx, state);
    case 'true':
    case ':':
      return 0;
    case 'false':
      return 1;
    case 'type':
      return typeOf(ctx, state);
    case 'command':
      return command(ctx, state);
    case 'umask':
      return umask(ctx, state);
    case 'help':
      return help(ctx);
    case 'ulimit':
      return ulimit(ctx, state);
    case 'set':
      return setBuiltin(ctx, state);
    case 'shift':
      return shift(ctx, state);
    default:
      ctx.note(`Not simulated in this drill: the shell builtin ${ctx.argv[0]}.`);
      return 0;
  }
}

/** bash's `umask [-p] [-S] [MODE]`: the mask new files get (the login's, pam_umask's, until set). */
function umask(ctx: ProgramContext, state: ShellState): number {
  const args = ctx.argv.slice(1);
  const flags = args.filter((a) => /^-[pS]+$/.test(a)).join('');
  const mode = args.find((a) => !/^-[pS]+$/.test(a));
  if (mode !== undefined) {
    if (!/^[0-7]+$/.test(mode)) {
      if (/^\d+$/.test(mode)) ctx.err(`-bash: umask: ${mode}: octal number out of range`);
      else ctx.note('Not simulated in this drill: a symbolic umask; give it in octal (umask 027).');
      return 1;
    }
    state.session = { ...state.session, umask: Number.parseInt(mode, 8) & 0o777 };
    return 0;
  }
  const mask = state.session.umask ?? loginUmask(ctx.sys.user);
  if (flags.includes('S')) {
    const allowedBits = (shift: number) => ['r', 'w', 'x'].filter((_, i) => ((~mask >> shift) & (4 >> i)) !== 0).join('');
    const text = `u=${allowedBits(6)},g=${allowedBits(3)},o=${allowedBits(0)}`;
    ctx.out(flags.includes('p') ? `umask -S ${text}` : text);
  } else ctx.out(`${flags.includes('p') ? 'umask ' : ''}${mask.toString(8).padStart(4, '0')}`);
  return 0;
}

function env(ctx: ProgramContext): number {
  if (ctx.argv.length > 1 && !ctx.argv[1]!.startsWith('-')) {
    ctx.note('Not simulated in this drill: running a command under `env`; type the command itself.');
    return 0;
  }
  for (const [k, v] of Object.entries(ctx.sys.env)) ctx.out(`${k}=${v}`);
  ctx.out(`_=${ownPath(ctx, 'env')}`);
  return 0;
}

/** What bash puts in `_` as it starts a program: the program's own path. */
function ownPath(ctx: ProgramContext, name: string): string {
  return programPath(ctx.sys.config, ctx.sys.host, ctx.sys.draft.host(ctx.sys.host)?.files ?? {}, name) ?? `/usr/bin/${name}`;
}

/** `printenv [NAME…]`: each value, exit 1 if any is not in the environment; no names, the whole of it. */
function printenv(ctx: ProgramContext): number {
  const names = ctx.argv.slice(1);
  if (names.length === 0) {
    for (const [k, v] of Object.entries(ctx.sys.env)) ctx.out(`${k}=${v}`);
    ctx.out(`_=${ownPath(ctx, 'printenv')}`);
    return 0;
  }
  let status = 0;
  for (const name of names) {
    if (name === '_') ctx.out(ownPath(ctx, 'printenv'));
    else if (Object.hasOwn(ctx.sys.env, name)) ctx.out(ctx.sys.env[name]!);
    else status = 1;
  }
  return status;
}

/** `which [-a] name…` (debianutils 4.8): the first executable of that name on the PATH; exit 1 if any is missing. */
function which(ctx: ProgramContext): number {
  let status = 0;
  for (const name of ctx.argv.slice(1).filter((a) => !a.startsWith('-'))) {
    const path = programPath(ctx.sys.config, ctx.sys.host, ctx.sys.draft.host(ctx.sys.host)?.files ?? {}, name);
    if (path) ctx.out(path);
    else status = 1;
  }
  return status;
}

/** A login shell on a host for a user: its environment, home directory and the history in ~/.bash_history. */
export function loginSession(ctx: ProgramContext, host: string, user: string, via: ShellSession['via']): ShellSession {
  const info = ctx.sys.userInfo(user, host);
  const home = info?.home ?? '/';
  const files = ctx.sys.draft.host(host)?.files ?? {};
  const saved = lookup(files, `${home}/.bash_history`);
  const all = saved ? ctx.sys.textOf(saved.node).split('\n').filter((l) => l !== '') : [];
  const history = all.slice(-HISTSIZE);
  const historyBase = all.length - history.length;
  const homeExists = lookup(files, home) !== null;
  const { sshEnv, ...opened } = openSession(ctx.sys, host, user, via);
  return { kind: 'shell', host, user, cwd: homeExists ? home : '/', env: { ...envFor(ctx.sys.draft, host, user), ...sshEnv }, history, ...(historyBase > 0 ? { historyBase } : {}), via, status: 0, ...opened };
}

function sudoAllowed(ctx: ProgramContext): boolean {
  return ctx.sys.user.name === 'root' || ctx.sys.user.groups.includes('sudo') || ctx.sys.user.groups.includes('admin');
}

/** `sudo CMD`, `sudo -i`, `sudo -s`, `sudo su -`, `sudo -u USER CMD`. No password: the sudoers rule each sudoer has is NOPASSWD (system/sudoers.ts). */
function sudo(ctx: ProgramContext): number {
  const args = ctx.argv.slice(1);
  let user = 'root';
  let login = false;
  let shell = false;
  let setHome = false;
  let i = 0;
  for (; i < args.length && args[i]!.startsWith('-'); i += 1) {
    const a = args[i]!;
    if (a === '-H' || a === '--set-home') setHome = true;
    else if (a === '-u' || a === '-g') user = a === '-u' ? (args[++i] ?? 'root') : user;
    else if (a.startsWith('-u') && a.length > 2) user = a.slice(2);
    else if (a === '-i' || a === '--login') login = true;
    else if (a === '-s' || a === '--shell') shell = true;
    else if (a === '-n' || a === '-E' || a === '-k' || a === '-S') continue;
    else if (a === '--') {
      i += 1;
      break;
    } else if (a === '-l') {
      // sudo 1.8.21p2 with Ubuntu's /etc/sudoers: its Defaults, then the %sudo rule.
      if (!sudoAllowed(ctx)) {
        ctx.err(`[sudo] password for ${ctx.sys.user.name}: `);
        ctx.err(`Sorry, user ${ctx.sys.user.name} may not run sudo on ${ctx.sys.hostname}.`);
        return 1;
      }
      ctx.out(`Matching Defaults entries for ${ctx.sys.user.name} on ${ctx.sys.hostname}:`);
      ctx.out('    env_reset, mail_badpass, secure_path=/usr/local/sbin\\:/usr/local/bin\\:/usr/sbin\\:/usr/bin\\:/sbin\\:/bin\\:/snap/bin');
      ctx.out('');
      ctx.out(`User ${ctx.sys.user.name} may run the following commands on ${ctx.sys.hostname}:`);
      for (const rule of sudoRules(ctx.sys.draft, ctx.sys.host, ctx.sys.user)) ctx.out(`    ${rule.text}`);
      return 0;
    } else if (a === '-v') return sudoAllowed(ctx) ? 0 : 1;
    else {
      ctx.err(`sudo: invalid option -- '${a.replace(/^-+/, '')}'`);
      ctx.err('usage: sudo -h | -K | -k | -V');
      return 1;
    }
  }
  const command = args.slice(i);
  if (!sudoAllowed(ctx)) {
    ctx.err(`[sudo] password for ${ctx.sys.user.name}: `);
    ctx.err(`${ctx.sys.user.name} is not in the sudoers file.  This incident will be reported.`);
    ctx.sys.draft.journal(ctx.sys.host, { at: ctx.sys.clock, unit: '', identifier: 'sudo', message: `${ctx.sys.user.name} : user NOT in sudoers ; TTY=pts/0 ; PWD=${ctx.sys.cwd} ; USER=root ; COMMAND=${command.join(' ')}` });
    return 1;
  }
  if (!ctx.sys.userInfo(user)) {
    ctx.err(`sudo: unknown user: ${user}`);
    ctx.err('sudo: unable to initialize policy plugin');
    return 1;
  }
  // sudo executes the program itself, not a shell: a builtin or a name not on the PATH is sudo's own
  // error, found before PAM opens a session, and logged as `command not found` with the name as typed.
  const name = command[0];
  // With -i or -s sudo runs the command through the target's shell (`bash -c`), where builtins work.
  const builtin = name !== undefined && !login && !shell && isShellBuiltin(name) && name !== 'echo' && name !== 'printf' && name !== 'true' && name !== 'false' && name !== 'kill';
  if (name !== undefined && !((login || shell) && isShellBuiltin(name)) && (builtin || (!name.includes('/') && programPath(ctx.sys.config, ctx.sys.host, ctx.sys.draft.host(ctx.sys.host)?.files ?? {}, name) === null))) {
    ctx.sys.draft.journal(ctx.sys.host, { at: ctx.sys.clock, unit: '', identifier: 'sudo', message: `${ctx.sys.user.name.padStart(8)} : command not found ; TTY=pts/0 ; PWD=${ctx.sys.cwd} ; USER=${user} ; COMMAND=${command.join(' ')}` });
    if (!builtin) ctx.notFound?.(name.slice(name.lastIndexOf('/') + 1));
    ctx.err(`sudo: ${name}: command not found`);
    return 1;
  }
  // sudo logs `%8s : …` (the user name right-aligned in 8 columns), then PAM's session lines around the command.
  ctx.sys.draft.journal(ctx.sys.host, { at: ctx.sys.clock, unit: '', identifier: 'sudo', message: `${ctx.sys.user.name.padStart(8)} : TTY=pts/0 ; PWD=${ctx.sys.cwd} ; USER=${user} ; COMMAND=${command.length ? (command[0]!.includes('/') ? command[0]! : (programPath(ctx.sys.config, ctx.sys.host, ctx.sys.draft.host(ctx.sys.host)?.files ?? {}, command[0]!) ?? binPath(command[0]!))) + (command.length > 1 ? ` ${command.slice(1).join(' ')}` : '') : '/bin/bash'}` });
  if (command.length === 0) {
    if (!login && !shell) {
      ctx.err('usage: sudo -h | -K | -k | -V');
      ctx.err('usage: sudo [-AbEHknPS] [-C num] [-g group] [-h host] [-p prompt] [-u user] [command]');
      return 1;
    }
    const session = loginSession(ctx, ctx.sys.host, user, 'sudo');
    ctx.sys.open(login ? session : { ...session, cwd: ctx.sys.cwd });
    return 0;
  }
  ctx.sys.draft.journal(ctx.sys.host, { at: ctx.sys.clock, unit: '', identifier: 'sudo', message: `pam_unix(sudo:session): session opened for user ${user} by ${ctx.sys.user.name}(uid=0)` });
  // sudo execs the file it found: `kill` is procps's /bin/kill, not bash's builtin.
  const exec = command[0] === 'kill' ? [binPath('kill'), ...command.slice(1)] : command;
  const result = ctx.sys.run(exec.map(quote).join(' '), { user, cwd: ctx.sys.cwd, stdin: ctx.stdin, tty: ctx.stdoutIsTerminal, env: sudoEnv(ctx, user, command, setHome) });
  ctx.sys.draft.journal(ctx.sys.host, { at: ctx.sys.clock, unit: '', identifier: 'sudo', message: `pam_unix(sudo:session): session closed for user ${user}` });
  ctx.write(result.stdout);
  const bare = command[0]!.slice(command[0]!.lastIndexOf('/') + 1);
  // Not on the PATH: sudo's own words, not bash's (nor command-not-found's "can be installed with").
  if (result.status === 127 && (result.stderr === `${bare}: command not found\n` || result.stderr.startsWith(`Command '${bare}' not found`))) {
    ctx.err(`sudo: ${name}: command not found`);
    return 1;
  }
  if (result.stderr) for (const line of result.stderr.replace(/\n$/, '').split('\n')) ctx.err(line);
  return result.status;
}

/**
 * The environment sudo 1.8.21 gives a command under Ubuntu 18.04's sudoers (env_reset,
 * secure_path): the target's USER, LOGNAME, SHELL and MAIL, the caller's HOME (Ubuntu kept it
 * until 19.10; `-H` sets the target's), TERM and LANG kept, and the SUDO_* variables.
 */
function sudoEnv(ctx: ProgramContext, user: string, command: readonly string[], setHome: boolean): Record<string, string> {
  const target = exportedEnv(envFor(ctx.sys.draft, ctx.sys.host, user));
  const caller = ctx.sys.user;
  return {
    ...target,
    HOME: setHome ? target.HOME! : (ctx.sys.env.HOME ?? caller.home),
    MAIL: `/var/mail/${user}`,
    PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:/snap/bin',
    SUDO_COMMAND: [binPath(command[0]!), ...command.slice(1)].join(' '),
    SUDO_USER: caller.name,
    SUDO_UID: String(caller.uid),
    SUDO_GID: String(caller.gid),
  };
}

/** A word quoted for the shell again (sudo and ssh pass words on to a new shell). */
export function quote(word: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** `su`, `su -`, `su - USER`: root's password is unknown to the trainee, so only root may switch without one. */
function su(ctx: ProgramContext): number {
  const args = ctx.argv.slice(1);
  const login = args.includes('-') || args.includes('-l') || args.includes('--login');
  const user = args.find((a) => !a.startsWith('-')) ?? 'root';
  if (!ctx.sys.userInfo(user)) {
    ctx.err(`No passwd entry for user '${user}'`);
    return 1;
  }
  if (ctx.sys.user.name !== 'root') {
    ctx.write('Password: ');
    ctx.out('');
    ctx.note(`The drill does not know ${user}'s password, so su fails as it would for you; sudo needs no password here (sudo -l: NOPASSWD).`);
    ctx.err('su: Authentication failure');
    return 1;
  }
  const session = loginSession(ctx, ctx.sys.host, user, 'su');
  ctx.sys.open(login ? session : { ...session, cwd: ctx.sys.cwd, env: { ...ctx.sys.env, USER: user, HOME: session.env.HOME ?? '/' } });
  return 0;
}

/** `ssh [-p port] [-l user] [user@]host [command…]` to a host of the scenario. */
function ssh(ctx: ProgramContext): number {
  const args = ctx.argv.slice(1);
  let user = ctx.sys.user.name === 'root' ? ctx.sys.config.world.hosts[ctx.sys.host]?.login ?? 'root' : ctx.sys.user.name;
  let target = '';
  let i = 0;
  let verbose = false;
  let port: string | null = null;
  let typedUser: string | null = null;
  let agentFlag: boolean | null = null;
  // OpenSSH reads its options again just after the destination (`ssh db-master -p 22 hostname`):
  // the remote command starts at the first word after it that is not an option.
  const options = (): void => {
    for (; i < args.length; i += 1) {
      const a = args[i]!;
      if (a === '--') {
        i += 1;
        return;
      }
      if (a === '-l') {
        user = args[++i] ?? user;
        typedUser = user;
      } else if (a === '-p') port = args[++i] ?? null;
      else if (a === '-o' && /^port[\s=]/i.test(args[i + 1] ?? '')) port ??= args[++i]!.replace(/^port[\s=]+/i, '');
      else if (/^-[46AaCfGgKkMNnqsTtVvXxYy]+$/.test(a)) {
        if (a.includes('v')) verbose = true;
        if (a.includes('A')) agentFlag = true;
        if (a.includes('a')) agentFlag = false;
      }
      else if (['-p', '-i', '-o', '-F', '-J', '-L', '-R', '-D', '-E', '-b', '-c', '-m', '-e'].includes(a)) i += 1;
      else if (!a.startsWith('-') || a === '-') return;
    }
  };
  options();
  if (i < args.length) {
    target = args[i]!;
    i += 1;
    options();
  }
  if (!target) {
    ctx.err('usage: ssh [-46AaCfGgKkMNnqsTtVvXxYy] [-B bind_interface]');
    ctx.err('           [-b bind_address] [-c cipher_spec] [-D [bind_address:]port]');
    ctx.err('           [-E log_file] [-e escape_char] [-F configfile] [-I pkcs11]');
    ctx.err('           [-i identity_file] [-J [user@]host[:port]] [-L address]');
    ctx.err('           [-l login_name] [-m mac_spec] [-O ctl_cmd] [-o option] [-p port]');
    ctx.err('           [-Q query_option] [-R address] [-S ctl_path] [-W host:port]');
    ctx.err('           [-w local_tun[:remote_tun]] [destination] [command]');
    return 255;
  }
  const at = target.lastIndexOf('@');
  if (at >= 0) {
    user = target.slice(0, at);
    typedUser = user;
    target = target.slice(at + 1);
  }
  const name = target.toLowerCase().replace(/\.$/, '');
  const host = ctx.sys.config.hosts.find((h) => h.id === name || h.name.toLowerCase() === name || h.names.some((n) => n.toLowerCase() === name));
  const config = userSshConfig(ctx, target);
  const trace = verbose ? sshVerboseLines(ctx, { typed: target, user: typedUser, port }, user, host?.names.find((n) => /^\d+\.\d+\.\d+\.\d+$/.test(n)) ?? null) : null;
  if (trace && !host) for (const line of trace.lines) ctx.err(line);
  if (!host) {
    ctx.err(`ssh: Could not resolve hostname ${target}: Name or service not known`);
    return 255;
  }
  const spec = ctx.sys.config.world.hosts[host.id];
  if (host.external || !spec) {
    if (trace) {
      const connecting = trace.lines.findIndex((l) => l.startsWith('debug1: Connecting to'));
      for (const line of connecting < 0 ? trace.lines : trace.lines.slice(0, connecting + 1)) ctx.err(line);
      if (trace.address) ctx.err(`debug1: connect to address ${trace.address} port ${port ?? config.port ?? 22}: Connection timed out`);
    }
    ctx.err(`ssh: connect to host ${target} port ${port ?? config.port ?? 22}: Connection timed out`);
    return 255;
  }
  // OpenSSH 7.6 connects to -p's port, else the config's Port, else 22, and names the host as
  // ssh_connect_direct() does: the config's HostName if one is set, else the name typed.
  const portNumber = Number(port ?? config.port ?? '22');
  const shownHost = config.hostName ?? target;
  const resolved = lookupName(ctx.sys.draft, ctx.sys.host, shownHost);
  const address = resolved.ok ? resolved.addresses[0] : undefined;
  const reached = address === undefined ? null : connectTcp(ctx.sys.draft, ctx.sys.host, address, portNumber);
  if (reached && reached.kind !== 'open') {
    const why = reached.kind === 'refused' ? 'Connection refused' : reached.kind === 'timeout' ? 'Connection timed out' : reached.reason === 'network' ? 'Network is unreachable' : 'No route to host';
    if (trace) {
      const connecting = trace.lines.findIndex((l) => l.startsWith('debug1: Connecting to'));
      for (const line of connecting < 0 ? trace.lines : trace.lines.slice(0, connecting + 1)) ctx.err(line);
      if (trace.address) ctx.err(`debug1: connect to address ${trace.address} port ${portNumber}: ${why}`);
    }
    ctx.err(`ssh: connect to host ${shownHost} port ${portNumber}: ${why}`);
    return 255;
  }
  if (trace) {
    for (const line of trace.lines) ctx.err(line);
    for (const line of hostKeyLines(ctx, host.id, userSshConfig(ctx, target).hostName ?? target)) ctx.err(line);
    ctx.note("Not simulated in this drill: the rest of ssh's debug output (the rest of the key exchange, authentication, the session's channels).");
  }
  unknownHostNote(ctx, target, serverKeyFingerprint(ctx, host.id));
  if (!sshAccepted(ctx, host.id, user)) {
    ctx.err(`${user}@${target}: Permission denied (publickey).`);
    return 255;
  }
  const command = args.slice(i);
  if (command.length > 0) {
    // sshd runs the command with the user's shell, `bash -c COMMAND`: not interactive, so bash's own errors (`bash: foo: command not found`).
    const result = ctx.sys.run(command.join(' '), { host: host.id, user, stdin: ctx.stdin, shell: { dialect: 'bash', args: ['bash'], line: 0 } });
    ctx.write(result.stdout);
    if (result.stderr) for (const line of result.stderr.replace(/\n$/, '').split('\n')) ctx.err(line);
    return result.status;
  }
  // sshd prints the user's previous login from lastlog, read before this one is recorded.
  const previous = lastLoginOf(ctx.sys.draft.host(host.id), user);
  const opened = loginSession(ctx, host.id, user, 'ssh');
  const sshd = opened.pids?.[1];
  const session = forwardsAgent(ctx, target, agentFlag) && sshd !== undefined ? { ...opened, env: { ...opened.env, SSH_AUTH_SOCK: agentSocket(host.id, sshd, opened.since ?? ctx.sys.draft.clock) } } : opened;
  ctx.out(`Welcome to Ubuntu 18.04.4 LTS (GNU/Linux ${kernelOf(spec)} ${archOf(spec)})`);
  ctx.out('');
  ctx.out(' * Documentation:  https://help.ubuntu.com');
  ctx.out(' * Management:     https://landscape.canonical.com');
  ctx.out(' * Support:        https://ubuntu.com/advantage');
  ctx.out('');
  if (previous) ctx.out(`Last login: ${dateCommandText(ctx.sys.epochAt(previous.at), ctx.sys.config.timezone).replace(/ \w+ (\d{4})$/, ' $1')} from ${previous.from}`);
  ctx.sys.open(session);
  return 0;
}

function clear(ctx: ProgramContext): number {
  ctx.clear();
  return 0;
}

export const builtinPrograms: ProgramTable = {
  env: { main: env, base: true },
  printenv: { main: printenv, base: true },
  which: { main: which, base: true },
  sudo: { main: sudo, base: true },
  su: { main: su, base: true },
  ssh: { main: ssh, base: true },
  clear: { main: clear, base: true },
};

