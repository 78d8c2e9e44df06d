/**
 * Runs a parsed command line in a shell: expansion, redirections, pipes (each command's output
 * is the next one's input), `&&`/`||`/`;`, builtins that change the shell itself, and programs
 * looked up on the host. Everything happens inside one Draft, so a step is all or nothing.
 */
import { parseShell, type Command, type Compound, type Pipeline, type WordPart } from './parse';
import { evaluateIn, expandWord, ExpansionError, type ExpandEnv } from './expand';
import { findProgram, NOT_SIMULATED } from '../programs/registry';
import { commandNotFoundText } from '../programs/commandNotFound';
import { Sys, userOf, FS_ERROR_TEXT, type ProgramContext, type RunResult, type UserInfo } from '../process';
import type { Draft } from '../draft';
import { epochOf } from '../time';
import type { ShellSession } from '../world';
import { isShellBuiltin, runBuiltin } from './builtins';
import { aliasBuiltin, aliasesFromBashrc, expandAlias, unaliasBuiltin, type Aliases } from './aliases';
import { evaluateTest, type FileFacts } from './test';
import { readBuiltin, type LineSource } from './read';
import { allowed, lookup, parentOf, type FileNode } from '../fs';
import { procEnvironNode } from '../system/procEnviron';
import { procPidNode, type ProcPidFile } from '../system/procPid';
import { runningProcess } from '../system/self';
import { procLinks, procOwner } from '../system/openFiles';
import { processesOf, sessionsOn, type Proc } from '../system/processes';
import { shellMessage, syntaxErrorLines, type ShellIdentity } from './identity';
import { planPath, planSearch } from './execFile';

/** Most text one stream carries in a step (a pipe, a file written, the terminal): bounded like a real pipe buffer would not be, so no input can exhaust memory. */
export const MAX_STREAM_CHARS = 1_000_000;
/** Deepest nesting of `$(…)`, `sudo`, `ssh host cmd` inside one another. */
const MAX_DEPTH = 8;
/** Most rounds one loop runs in a step: a `while true` ends here, with the drill's note. */
export const MAX_LOOP_ROUNDS = 1_000;

/** Where terminal output goes: stdout and stderr in the order they were written. */
export interface Terminal {
  chunks: string[];
  notes: string[];
  size: number;
  truncated: boolean;
  /** Programs that ran, in order, as `name arg…` words (the engine prices steps by them). */
  ran: string[][];
  /** Names that were not found on the host (`command not found`). */
  missing: string[];
  clear: boolean;
}

export function newTerminal(): Terminal {
  return { chunks: [], notes: [], size: 0, truncated: false, ran: [], missing: [], clear: false };
}

function emit(terminal: Terminal, text: string): void {
  if (terminal.truncated || text === '') return;
  if (terminal.size + text.length > MAX_STREAM_CHARS) {
    terminal.chunks.push(text.slice(0, Math.max(0, MAX_STREAM_CHARS - terminal.size)));
    terminal.truncated = true;
    return;
  }
  terminal.chunks.push(text);
  terminal.size += text.length;
}

/** A shell's state while a line runs: its session (which builtins change) and the last status. */
export interface ShellState {
  session: ShellSession;
  status: number;
  depth: number;
  /** The shell the trainee types at (and its `$(…)`): aliases apply. Not `ssh host cmd` or sudo's. */
  interactive?: boolean;
  /** `exit` in a subshell, or `break`/`continue` in a loop: the rest of the list is skipped. */
  flow?: { kind: 'exit' } | { kind: 'break' | 'continue'; levels: number };
  /** How many loops enclose what runs now (`break` outside one is an error). */
  loops?: number;
  /** The aliases as they were when bash read this line: one defined on the line applies from the next. */
  readAliases?: Aliases;
  /** A shell other than the trainee's login bash (`bash -c`, a script, dash as sh): its `$0`, `$1`… and the words its errors start with. */
  identity?: ShellIdentity;
}

interface Stream {
  text: string;
  full: boolean;
  /** A captured shell's stdout and stderr in the order written, shared by both (the terminal of a `bash -c` or script shows them so). */
  order?: { err: boolean; text: string }[];
  err?: boolean;
}

function appendTo(stream: Stream, text: string) {
  if (stream.full) return;
  const added = stream.text.length + text.length > MAX_STREAM_CHARS ? text.slice(0, MAX_STREAM_CHARS - stream.text.length) : text;
  stream.text += added;
  if (added.length < text.length) stream.full = true;
  if (stream.order && added) stream.order.push({ err: stream.err === true, text: added });
}

function userInfo(draft: Draft, host: string, name: string): UserInfo {
  return userOf(draft.config, host, name) ?? { name, uid: 1000, gid: 1000, home: `/home/${name}`, shell: '/bin/bash', groups: [name] };
}

/** Builds the `Sys` for a process of this shell (nested runs go back through `runLineIn`). */
function sysFor(draft: Draft, state: ShellState, terminal: Terminal, env: Readonly<Record<string, string>>, ttyOut: boolean): Sys {
  const { session } = state;
  const sys = new Sys(draft, session.host, userInfo(draft, session.host, session.user), session.cwd, env, (line, where) => {
    if (state.depth >= MAX_DEPTH) return { stdout: '', stderr: 'bash: maximum nesting level exceeded\n', status: 1 };
    const nested: ShellState = {
      session: { ...session, status: 0, host: where.host, user: where.user, cwd: where.cwd ?? (where.host === session.host && where.user === session.user ? session.cwd : userInfo(draft, where.host, where.user).home), env: where.env ?? (where.user === session.user && where.host === session.host ? session.env : envFor(draft, where.host, where.user)) },
      status: 0,
      depth: state.depth + 1,
      ...(where.shell ? { identity: { ...where.shell } } : {}),
    };
    if (where.chunks) return captureScript(draft, nested, where.chunks, where.stdin ?? null, terminal, where.tty === true && ttyOut);
    return captureLine(draft, nested, line, where.stdin ?? null, terminal, where.tty === true && ttyOut);
  });
  if (session.umask !== undefined) sys.umask = session.umask;
  return sys;
}

/** Variables bash (or ~/.bashrc) sets without exporting them: `$HOSTNAME` expands, but `env` and child programs do not see them. */
const SHELL_ONLY = new Set(['HOSTNAME', 'HISTSIZE', 'HISTFILESIZE']);

/** What a program started from this shell inherits: the variables, less the shell's own unless `export`ed. */
export function exportedEnv(env: Readonly<Record<string, string>>, exported: readonly string[] = []): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter(([k]) => !SHELL_ONLY.has(k) || exported.includes(k)));
}

/** The login environment of a user on a host (what `env` shows after ssh or `su -`). */
export function envFor(draft: Draft, host: string, user: string): Record<string, string> {
  const info = userInfo(draft, host, user);
  const hostname = draft.config.world.hosts[host]?.hostname ?? host;
  return {
    SHELL: info.shell,
    PWD: info.home,
    LOGNAME: user,
    HOME: info.home,
    LANG: 'C.UTF-8',
    TERM: 'xterm-256color',
    USER: user,
    HOSTNAME: hostname,
    SHLVL: '1',
    PATH: user === 'root' ? '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:/snap/bin' : '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:/usr/games:/usr/local/games:/snap/bin',
    MAIL: `/var/mail/${user}`,
    HISTSIZE: '1000',
    HISTFILESIZE: '2000',
  };
}

/** Runs a line with its output captured (for `$(…)`, `sudo`, `ssh host cmd`). */
function captureLine(draft: Draft, state: ShellState, line: string, stdin: string | null, terminal: Terminal, tty = false): RunResult {
  const sub = newTerminal();
  sub.ran = terminal.ran;
  sub.missing = terminal.missing;
  const order: { err: boolean; text: string }[] = [];
  const out: Stream = { text: '', full: false, order };
  const err: Stream = { text: '', full: false, order, err: true };
  runParsed(draft, state, line, sub, { out, err, stdin, tty });
  terminal.notes.push(...sub.notes);
  return { stdout: out.text, stderr: err.text, status: state.status, interleaved: order };
}

/**
 * Runs a script's commands one after another in one shell (a variable or `cd` of one line holds
 * for the next), each with its line number for errors, all reading the one standard input;
 * `exit` ends it.
 */
function captureScript(draft: Draft, state: ShellState, chunks: readonly { source: string; line: number }[], stdin: string | null, terminal: Terminal, tty: boolean): RunResult {
  const sub = newTerminal();
  sub.ran = terminal.ran;
  sub.missing = terminal.missing;
  const order: { err: boolean; text: string }[] = [];
  const out: Stream = { text: '', full: false, order };
  const err: Stream = { text: '', full: false, order, err: true };
  const input: LineSource = { rest: stdin ?? '' };
  for (const chunk of chunks) {
    if (state.flow) break;
    if (state.identity) state.identity = { ...state.identity, line: chunk.line };
    runParsed(draft, state, chunk.source, sub, { out, err, stdin: null, tty, ...(stdin !== null ? { input } : {}) });
  }
  terminal.notes.push(...sub.notes);
  return { stdout: out.text, stderr: err.text, status: state.status, interleaved: order };
}

interface Io {
  /** Where stdout and stderr go when not redirected: the terminal, or streams being captured. */
  out?: Stream;
  err?: Stream;
  stdin?: string | null;
  /** `out` stands for a terminal (a `sudo` passing its terminal on): programs format for a terminal there. */
  tty?: boolean;
  /** Inside a loop or `if` given input: what is left of it, shared by the commands that read it. */
  input?: LineSource;
  /** The command lines of the pipeline's later commands, already running beside this one. */
  later?: readonly string[];
}

function runParsed(draft: Draft, state: ShellState, line: string, terminal: Terminal, io: Io): void {
  const parsed = parseShell(line);
  if (!parsed.ok) {
    const text = state.identity ? syntaxErrorLines(state.identity, parsed.error, line).map((l) => `${l}\n`).join('') : `-bash: ${parsed.error}\n`;
    if (io.err) appendTo(io.err, text);
    else emit(terminal, text);
    state.status = 2;
    return;
  }
  try {
    runList(draft, state, parsed.pipelines, terminal, io);
  } catch (e) {
    // An expansion error abandons what is left of the line (bash's jump to the top level).
    if (!(e instanceof ExpansionError)) throw e;
    const text = `${shellMessage(state.identity, e.message, 'internal')}\n`;
    if (io.err) appendTo(io.err, text);
    else emit(terminal, text);
    state.status = 1;
  }
}

/** Runs an and-or list: `&&` runs the next pipeline only after success, `||` only after failure; a skipped one leaves `$?` as it was. */
function runList(draft: Draft, state: ShellState, pipelines: readonly Pipeline[], terminal: Terminal, io: Io): void {
  let previous: Pipeline['then'] = ';';
  for (const pipeline of pipelines) {
    if (state.flow) return;
    const run = previous === '&&' ? state.status === 0 : previous === '||' ? state.status !== 0 : true;
    if (run) runPipeline(draft, state, pipeline, terminal, io);
    previous = pipeline.then;
  }
}

/** Epoch seconds of the draft's clock (the files a `<(…)` makes are this new). */
function epochNow(draft: Draft): number {
  return epochOf(draft.config.date, draft.clock);
}

function expandEnv(draft: Draft, state: ShellState, terminal: Terminal, processFiles: string[] = []): ExpandEnv {
  const { session } = state;
  // A subshell (`$(…)`) has its parent's `$0` and positional parameters, and names itself as its parent does.
  const nested = (): ShellState => ({ session, status: state.status, depth: state.depth + 1, interactive: state.interactive, ...(state.readAliases ? { readAliases: state.readAliases } : {}), ...(state.identity ? { identity: state.identity } : {}) });
  const vars: Record<string, string> = { ...session.env, PWD: session.cwd };
  // `$$`: the shell's own PID (worked out only when a word asks for it).
  Object.defineProperty(vars, '$$', { enumerable: false, get: () => String(sessionsOn(draft.config, session.host, draft.host(session.host), draft.sessions, draft.clock).at(-1)?.shell ?? 1) });
  return {
    vars,
    ...(state.identity ? { args: state.identity.args } : session.positional ? { args: ['-bash', ...session.positional] } : {}),
    status: state.status,
    home: (user) => userOf(draft.config, session.host, user)?.home ?? null,
    substitute: (source) => captureLine(draft, nested(), source, null, terminal).stdout,
    process: (source) => {
      const path = `/dev/fd/${63 - processFiles.length}`;
      const text = captureLine(draft, nested(), source, null, terminal).stdout;
      processFiles.push(path);
      draft.setFile(session.host, path, { kind: 'file', owner: session.user, group: userInfo(draft, session.host, session.user).groups[0] ?? session.user, mode: 0o600, mtime: epochNow(draft), content: text });
      return path;
    },
    files: draft.host(session.host)?.files ?? {},
    cwd: session.cwd,
    assign: (name, value) => {
      vars[name] = value;
      state.session = { ...state.session, env: { ...state.session.env, [name]: value } };
    },
  };
}

/**
 * A command's line as ps would show it once forked, without running anything: its words after
 * its alias, expanded as bash would (variables, `~`, globs), with substitutions as typed.
 */
function commandLinePreview(draft: Draft, state: ShellState, typed: Command, env: ExpandEnv): string {
  if (typed.compound) return 'bash';
  const expanded = state.interactive && typed.words.length > 0 ? expandAlias(typed, state.readAliases ?? aliasesOf(draft, state)) : { command: typed };
  const command = 'command' in expanded ? expanded.command : typed;
  // Only what expands without running anything is expanded: `$(…)`, `$((…))` and `<(…)` stay as typed.
  const asTyped = (p: WordPart): WordPart =>
    p.kind === 'command' ? { kind: 'text', text: `$(${p.source})`, quoted: true } : p.kind === 'arith' ? { kind: 'text', text: `$((${p.source}))`, quoted: true } : p.kind === 'process' ? { kind: 'text', text: '/dev/fd/63', quoted: true } : p;
  // Arithmetic, the one expansion that can fail, is left as typed: nothing here can throw.
  return command.words.flatMap((w) => expandWord(w.map(asTyped), env)).join(' ');
}

function runPipeline(draft: Draft, state: ShellState, pipeline: Pipeline, terminal: Terminal, io: Io): void {
  let input: string | null = io.stdin ?? null;
  const last = pipeline.commands.length - 1;
  const env = last > 0 ? expandEnv(draft, state, terminal) : null;
  const lines = env ? pipeline.commands.map((c) => commandLinePreview(draft, state, c, env)) : [];
  pipeline.commands.forEach((command, index) => {
    const toPipe = index < last;
    const piped: Stream = { text: '', full: false };
    // Each command of a multi-command pipeline runs in a subshell: builtins there change nothing.
    const own: ShellState = pipeline.commands.length > 1 ? { ...state, flow: undefined } : state;
    runCommand(draft, own, command, terminal, { out: toPipe ? piped : io.out, err: io.err, stdin: input, tty: !toPipe && io.tty === true, ...(index === 0 && io.input ? { input: io.input } : {}), later: lines.slice(index + 1) });
    if (pipeline.commands.length > 1) state.status = own.status;
    input = toPipe ? piped.text : null;
  });
}

function write(terminal: Terminal, stream: Stream | undefined, text: string) {
  if (stream) appendTo(stream, text);
  else emit(terminal, text);
}

/** The session's aliases: read from the user's ~/.bashrc the first time an interactive shell needs them. */
function aliasesOf(draft: Draft, state: ShellState): Aliases {
  if (state.session.aliases) return state.session.aliases;
  const home = userInfo(draft, state.session.host, state.session.user).home;
  const files = draft.host(state.session.host)?.files ?? {};
  const text = (name: string): string => {
    const found = lookup(files, `${home}/${name}`);
    return found && found.node.kind === 'file' ? (found.node.content ?? '') : '';
  };
  const bashrc = text('.bashrc');
  // Ubuntu's .bashrc sources ~/.bash_aliases when there is one.
  const aliases = { ...aliasesFromBashrc(bashrc), ...(bashrc.includes('~/.bash_aliases') ? aliasesFromBashrc(text('.bash_aliases')) : {}) };
  state.session = { ...state.session, aliases };
  return aliases;
}

/** What `test -f` and friends see of a path, as this shell's user. */
function fileFacts(sys: Sys, path: string): FileFacts | null {
  const files = sys.draft.host(sys.host)?.files ?? {};
  const found = lookup(files, sys.resolve(path));
  if (!found) return null;
  const node: FileNode = found.node;
  const root = sys.user.name === 'root';
  const kind = node.kind === 'file' && node.device !== undefined ? 'char' : node.kind === 'file' && node.socket ? 'socket' : node.kind;
  return {
    kind,
    size: node.kind === 'file' ? (node.size ?? (node.live ? 1 : sys.textOf(node).length)) : 4096,
    readable: root || allowed(node, sys.user.name, sys.user.groups, 'r'),
    writable: root || allowed(node, sys.user.name, sys.user.groups, 'w'),
    executable: root ? (node.mode & 0o111) !== 0 || node.kind === 'dir' : allowed(node, sys.user.name, sys.user.groups, 'x'),
  };
}

interface Opened {
  stdin: string | null;
  /** The loop's standard input, shared by what runs inside it (`while read`), unless redirected. */
  input?: LineSource;
  out: Stream | undefined;
  err: Stream | undefined;
  files: { path: string; stream: Stream }[];
}

/** Redirections, left to right, as bash opens them before the command runs; null when one failed (bash's error written). */
function openRedirects(state: ShellState, command: Command, terminal: Terminal, io: Io, sys: Sys, env: ExpandEnv): Opened | null {
  const opened: Opened = { stdin: io.stdin ?? null, out: io.out, err: io.err, files: [], ...(io.stdin == null && io.input ? { input: io.input } : {}) };
  for (const redirect of command.redirects) {
    if (redirect.op === 'dup') {
      if (redirect.fd === 2 && redirect.target === 1) opened.err = opened.out;
      else if (redirect.fd === 1 && redirect.target === 2) opened.out = opened.err;
      continue;
    }
    if (redirect.op === '<<<') {
      opened.stdin = `${expandWord(redirect.target as never, env).join(' ')}\n`;
      delete opened.input;
      continue;
    }
    const path = expandWord(redirect.target as never, env)[0] ?? '';
    if (redirect.op === '<') {
      const read = sys.read(path);
      if (!read.ok) {
        write(terminal, io.err, `${shellMessage(state.identity, `${path}: ${FS_ERROR_TEXT[read.error]}`, 'redirectIn')}\n`);
        state.status = 1;
        return null;
      }
      opened.stdin = read.text;
      delete opened.input;
      continue;
    }
    if (path === '/dev/null') {
      const sink: Stream = { text: '', full: true };
      if (redirect.fd === 1 || redirect.fd === 'both') opened.out = sink;
      if (redirect.fd === 2 || redirect.fd === 'both') opened.err = sink;
      continue;
    }
    // Bash opens (and truncates) the file before the command runs.
    const file = sys.write(path, '', redirect.op === '>>');
    if (!file.ok) {
      write(terminal, io.err, `${shellMessage(state.identity, `${path}: ${FS_ERROR_TEXT[file.error]}`, 'redirectOut')}\n`);
      state.status = 1;
      return null;
    }
    const stream: Stream = { text: '', full: false };
    opened.files.push({ path, stream });
    if (redirect.fd === 1 || redirect.fd === 'both') opened.out = stream;
    if (redirect.fd === 2 || redirect.fd === 'both') opened.err = stream;
  }
  return opened;
}

function runCommand(draft: Draft, state: ShellState, typed: Command, terminal: Terminal, io: Io): void {
  let command = typed;
  if (state.interactive && !typed.compound && typed.words.length > 0) {
    const expanded = expandAlias(typed, state.readAliases ?? aliasesOf(draft, state));
    if ('complex' in expanded) {
      terminal.notes.push(`Not simulated in this drill: an alias that runs more than one command (${expanded.complex}).`);
      state.status = 0;
      return;
    }
    command = expanded.command;
  }
  const processFiles: string[] = [];
  try {
    runExpanded(draft, state, command, terminal, io, processFiles);
  } finally {
    // The pipes `<(…)` made close when the command ends, and the /proc files made for it go.
    for (const path of processFiles) draft.setFile(state.session.host, path, null);
  }
}

const PROC_PID = /^\/proc\/(\d{1,7}|self)\/(environ|status|cmdline|comm|stat)$/;
/** /proc/PID itself, its fd directory or a descriptor in it, and its cwd, root and exe links. */
const PROC_PID_LINKS = /^\/proc\/(\d{1,7}|self)(?:\/(?:(fd)(?:\/\d+)?|cwd|root|exe))?\/?$/;

/**
 * The kernel makes /proc/PID files as they are read: a command that names /proc/PID/environ,
 * status, cmdline or comm finds it made from the process table (and gone again after it);
 * `self` is the command itself. Returns what to remove.
 */
function makeProcFiles(draft: Draft, state: ShellState, words: readonly string[], env: Readonly<Record<string, string>>, sys: Sys): string[] {
  const made: string[] = [];
  const host = state.session.host;
  const files = draft.host(host)?.files ?? {};
  let self: Proc | null = null;
  const bases = new Set<string>();
  for (const word of words) {
    const linked = PROC_PID_LINKS.exec(word);
    if (linked) {
      self ??= linked[1] === 'self' ? runningProcess(draft, host, state.session.user, words.join(' ')) : null;
      const proc = linked[1] === 'self' ? self : processesOf(draft, host).find((p) => p.pid === Number(linked[1]));
      const base = `/proc/${linked[1]}`;
      if (proc && !Object.hasOwn(files, base) && !bases.has(base)) {
        bases.add(base);
        made.unshift(...procLinkFiles(draft, host, sys, base, proc, words[0] === 'sudo' || state.session.user === 'root'));
      }
      continue;
    }
    const match = PROC_PID.exec(word);
    if (!match || Object.hasOwn(files, word)) continue;
    const which = match[2]!;
    let node: FileNode | null;
    if (which === 'environ') node = procEnvironNode(draft, host, match[1] === 'self' ? 'self' : Number(match[1]), { user: state.session.user, env }, (user) => envFor(draft, host, user), epochNow(draft));
    else {
      self ??= match[1] === 'self' ? runningProcess(draft, host, state.session.user, words.join(' ')) : null;
      const proc = match[1] === 'self' ? self : processesOf(draft, host).find((p) => p.pid === Number(match[1]));
      node = proc ? procPidNode(draft, host, proc, which as ProcPidFile, epochNow(draft)) : null;
    }
    if (!node) continue;
    const dir = parentOf(word);
    if (!Object.hasOwn(files, dir)) made.push(dir);
    draft.setFile(host, word, node);
    made.unshift(word);
  }
  return made;
}

/**
 * /proc/PID as `ls` finds it: the directory (the process's owner's), its cwd, root and exe links
 * and its fd directory of links (`3 -> socket:[12345]`), from the same open-file model lsof
 * reads. The links and fd/ are readable by the owner only (root for sshd's session child).
 * Returns the paths made, deepest first.
 */
function procLinkFiles(draft: Draft, host: string, sys: Sys, base: string, proc: Proc, asRoot: boolean): string[] {
  const now = epochNow(draft);
  const owner = procOwner(proc);
  const links = procLinks(sys, proc);
  const made: string[] = [];
  const put = (path: string, node: FileNode) => {
    draft.setFile(host, path, node);
    made.unshift(path);
  };
  put(base, { kind: 'dir', owner: proc.user, group: proc.user, mode: 0o555, mtime: now });
  const link = (target: string, mode: number, size: number): FileNode => ({ kind: 'link', owner, group: owner, mode, mtime: now, target, size });
  put(`${base}/fd`, { kind: 'dir', owner, group: owner, mode: 0o500, mtime: now });
  // Another user's links cannot be read (ptrace's check): they are not made for such a reader.
  if (!asRoot && sys.user.name !== owner) return made;
  put(`${base}/cwd`, link(links.cwd, 0o777, 0));
  put(`${base}/root`, link(links.root, 0o777, 0));
  if (links.exe) put(`${base}/exe`, link(links.exe, 0o777, 0));
  // A descriptor's link has the permissions of its access mode (lrwx------, lr-x------, l-wx------) and size 64.
  for (const fd of links.fds) put(`${base}/fd/${fd.fd}`, link(fd.target, fd.mode === 'r' ? 0o500 : fd.mode === 'w' ? 0o300 : 0o700, 64));
  return made;
}

function runExpanded(draft: Draft, state: ShellState, command: Command, terminal: Terminal, io: Io, processFiles: string[]): void {
  const env = expandEnv(draft, state, terminal, processFiles);
  if (command.compound) {
    const sys = sysFor(draft, state, terminal, { ...state.session.env, PWD: state.session.cwd }, io.out === undefined || io.tty === true);
    const opened = openRedirects(state, command, terminal, io, sys, env);
    if (!opened) return;
    const input = opened.input ?? (opened.stdin !== null ? { rest: opened.stdin } : undefined);
    runCompound(draft, state, command.compound, terminal, { out: opened.out, err: opened.err, stdin: null, tty: io.tty === true && opened.out === io.out, ...(input ? { input } : {}) }, sys, env);
    for (const file of opened.files) sys.write(file.path, file.stream.text, true);
    return;
  }
  const argv = command.words.flatMap((w) => expandWord(w, env));
  const assigned = Object.fromEntries(command.assignments.map((a) => [a.name, expandWord(a.value, env).join(' ')]));
  if (argv.length === 0) {
    if (command.assignments.length > 0) state.session = { ...state.session, env: { ...state.session.env, ...assigned } };
    state.status = 0;
    return;
  }
  const sys = sysFor(draft, state, terminal, { ...exportedEnv(state.session.env, state.session.exported), ...assigned, PWD: state.session.cwd }, io.out === undefined || io.tty === true);
  sys.laterInPipeline = io.later ?? [];
  const redirectPaths = command.redirects.flatMap((r) => (r.op === '<' ? expandWord(r.target as never, env) : []));
  processFiles.push(...makeProcFiles(draft, state, [...argv, ...redirectPaths], sys.env, sys));
  const opened = openRedirects(state, command, terminal, io, sys, env);
  if (!opened) return;
  const { out, err, files } = opened;
  const name = argv[0]!;
  const bare = name.includes('/') ? name.slice(name.lastIndexOf('/') + 1) : name;
  // A program reading its standard input inside a loop takes all the loop has left (`ssh` in a `while read`).
  const shared = opened.input;
  let taken: string | null | undefined = shared ? undefined : opened.stdin;
  let ctxArgv: readonly string[] = [bare, ...argv.slice(1)];
  const ctx: ProgramContext = {
    get argv() {
      return ctxArgv;
    },
    invokedAs: name,
    get stdin() {
      if (taken === undefined && shared) {
        taken = shared.rest;
        shared.rest = '';
      }
      return taken ?? null;
    },
    stdoutIsTerminal: out === undefined || (io.tty === true && out === io.out),
    sys,
    out: (line) => write(terminal, out, `${line}\n`),
    write: (text) => write(terminal, out, text),
    // A shell that is not the login bash says its own name (`bash: line 0: cd: …`, `sh: 1: cd: …`).
    err: (line) => write(terminal, err, `${state.identity && line.startsWith('-bash: ') ? shellMessage(state.identity, line.slice(7)) : line}\n`),
    note: (line) => terminal.notes.push(line),
    clear: () => {
      terminal.clear = true;
    },
    notFound: (name) => terminal.missing.push(name),
  };
  terminal.ran.push(ctx.argv.slice(0, 8));
  if (bare === 'read') {
    const source: LineSource = shared ?? { rest: opened.stdin ?? '' };
    state.status = opened.stdin === null && !shared ? readFromTerminal(ctx) : readBuiltin(ctx, state, source);
  } else if (bare === 'alias' || bare === 'unalias') {
    const result = (bare === 'alias' ? aliasBuiltin : unaliasBuiltin)(ctx, aliasesOf(draft, state));
    state.session = { ...state.session, aliases: result.aliases };
    state.status = result.status;
  } else if (bare === 'test' || bare === '[') {
    state.status = runTest(ctx, sys, bare === '[');
  } else if (bare === 'break' || bare === 'continue') {
    state.status = loopControl(ctx, state, bare);
  } else if (isShellBuiltin(bare)) {
    state.status = runBuiltin(ctx, state);
  } else {
    const dialect = state.identity?.dialect ?? 'bash';
    const plan = name.includes('/') ? planPath(sys, name, argv.slice(1), dialect) : planSearch(sys, name, argv.slice(1), dialect);
    const program = plan ? (plan.kind === 'program' ? findProgram(draft.config, state.session.host, plan.name) : plan.kind === 'script' ? findProgram(draft.config, state.session.host, plan.shell) : null) : findProgram(draft.config, state.session.host, bare);
    if (plan?.kind === 'script') ctxArgv = plan.argv;
    if (plan && plan.kind !== 'program' && plan.kind !== 'script') {
      if (plan.kind === 'note') ctx.note(plan.text);
      else write(terminal, err, `${plan.kind === 'raw' ? plan.line : shellMessage(state.identity, plan.text, plan.message)}\n`);
      state.status = plan.kind === 'note' ? 0 : plan.status;
    } else if (!program && plan) {
      // A file that is there but is no program the drill runs.
      const unsimulated = plan.kind === 'program' ? NOT_SIMULATED.get(plan.name) : undefined;
      ctx.note(`Not simulated in this drill: ${unsimulated ? `${bare} (${unsimulated})` : `running ${name}`}.`);
      state.status = 0;
    } else if (!program) {
      const unsimulated = NOT_SIMULATED.get(bare);
      if (unsimulated) {
        ctx.note(`Not simulated in this drill: ${bare} (${unsimulated}).`);
        state.status = 0;
      } else {
        terminal.missing.push(bare);
        write(terminal, err, state.identity ? `${shellMessage(state.identity, `${name}: command not found`, 'notFound')}\n` : commandNotFoundText(bare, sys.user).map((l) => `${l}\n`).join(''));
        state.status = 127;
      }
    } else {
      try {
        state.status = program.main(ctx);
      } catch (error) {
        ctx.note(`The drill could not simulate this command (${error instanceof Error ? error.message.slice(0, 200) : 'internal error'}).`);
        state.status = 1;
      }
    }
  }
  for (const file of files) sys.write(file.path, file.stream.text, true);
  // Sessions a program opened (ssh, su, mysql) take over the terminal after this command.
  if (sys.opened.length > 0) draft.sessions.push(...sys.opened);
}

/** `read` at the prompt with nothing piped in would wait for the keyboard. */
function readFromTerminal(ctx: ProgramContext): number {
  ctx.note('Not simulated in this drill: `read` from the keyboard; pipe or redirect something into it.');
  return 1;
}

function runTest(ctx: ProgramContext, sys: Sys, bracket: boolean): number {
  let words = ctx.argv.slice(1);
  if (bracket) {
    if (words.at(-1) !== ']') {
      ctx.err("-bash: [: missing `]'");
      return 2;
    }
    words = words.slice(0, -1);
  }
  const result = evaluateTest({ words, conditional: false, file: (path) => fileFacts(sys, path) });
  if (result.status === 2) ctx.err(`-bash: ${ctx.argv[0]}: ${result.error}`);
  return result.status;
}

function loopControl(ctx: ProgramContext, state: ShellState, which: 'break' | 'continue'): number {
  const levels = Number(ctx.argv[1] ?? '1');
  if (!(state.loops ?? 0)) return 0;
  if (!Number.isInteger(levels) || levels < 1) {
    ctx.err(`-bash: ${which}: ${ctx.argv[1]}: loop count out of range`);
    return 1;
  }
  state.flow = { kind: which, levels: Math.min(levels, state.loops ?? 1) };
  return 0;
}

/** Whether output can still go anywhere: a loop stops once the terminal or its stream is full. */
function outputFull(terminal: Terminal, io: Io): boolean {
  return terminal.truncated || io.out?.full === true && io.out.text.length >= MAX_STREAM_CHARS;
}

/** After one round of a loop's body: whether to go on, and what a `break`/`continue` leaves for enclosing loops. */
function afterRound(state: ShellState): 'next' | 'stop' {
  const flow = state.flow;
  if (!flow) return 'next';
  if (flow.kind === 'exit') return 'stop';
  if (flow.levels > 1) {
    state.flow = { kind: flow.kind, levels: flow.levels - 1 };
    return 'stop';
  }
  state.flow = undefined;
  return flow.kind === 'break' ? 'stop' : 'next';
}

function runCompound(draft: Draft, state: ShellState, compound: Compound, terminal: Terminal, io: Io, sys: Sys, env: ExpandEnv): void {
  switch (compound.kind) {
    case 'unsupported':
      terminal.notes.push(`Not simulated in this drill: ${compound.what}.`);
      state.status = 0;
      return;
    case 'arith': {
      const result = evaluateIn(compound.source, env);
      if (!result.ok) {
        write(terminal, io.err, `-bash: ((: ${result.error}\n`);
        state.status = 1;
      } else state.status = result.value === 0n ? 1 : 0;
      return;
    }
    case 'conditional': {
      const unquoted = compound.words.map((w) => w.every((p) => p.kind !== 'text' || !p.quoted) && w.every((p) => !('quoted' in p) || !p.quoted));
      const words = compound.words.map((w) => expandWord(w, { ...env, files: {} }).join(' '));
      if (words.includes('=~')) {
        terminal.notes.push('Not simulated in this drill: `=~` regular expressions in `[[ ]]`.');
        state.status = 1;
        return;
      }
      const result = evaluateTest({ words, conditional: true, unquoted, file: (path) => fileFacts(sys, path), variable: (name) => env.vars[name] ?? '' });
      if (result.status === 2) write(terminal, io.err, `-bash: ${result.error}\n`);
      state.status = result.status === 2 ? 1 : result.status;
      return;
    }
    case 'if': {
      for (const branch of compound.branches) {
        runList(draft, state, branch.condition, terminal, io);
        if (state.flow) return;
        if (state.status === 0) {
          runList(draft, state, branch.body, terminal, io);
          return;
        }
      }
      if (compound.otherwise) runList(draft, state, compound.otherwise, terminal, io);
      else state.status = 0;
      return;
    }
    case 'for': {
      const items = compound.items.flatMap((w) => expandWord(w, env));
      state.status = 0;
      state.loops = (state.loops ?? 0) + 1;
      try {
        for (const [round, item] of items.entries()) {
          if (round >= MAX_LOOP_ROUNDS || outputFull(terminal, io)) {
            if (round >= MAX_LOOP_ROUNDS) terminal.notes.push(`The drill stops a loop after ${MAX_LOOP_ROUNDS} rounds.`);
            break;
          }
          state.session = { ...state.session, env: { ...state.session.env, [compound.name]: item } };
          runList(draft, state, compound.body, terminal, io);
          if (afterRound(state) === 'stop') break;
        }
      } finally {
        state.loops -= 1;
      }
      return;
    }
    case 'while': {
      let status = 0;
      state.loops = (state.loops ?? 0) + 1;
      try {
        for (let round = 0; ; round += 1) {
          if (round >= MAX_LOOP_ROUNDS) {
            terminal.notes.push(`The drill stops a loop after ${MAX_LOOP_ROUNDS} rounds.`);
            break;
          }
          if (outputFull(terminal, io)) break;
          runList(draft, state, compound.condition, terminal, io);
          if (state.flow) {
            if (afterRound(state) === 'stop') break;
            continue;
          }
          if ((state.status === 0) === compound.until) break;
          runList(draft, state, compound.body, terminal, io);
          status = state.status;
          if (afterRound(state) === 'stop') break;
        }
      } finally {
        state.loops -= 1;
      }
      state.status = status;
      return;
    }
  }
}

/**
 * Runs one line typed at the active shell session and returns the session as it is after (cd,
 * export and history changed it). Output goes to `terminal`.
 */
export function runShellLine(draft: Draft, session: ShellSession, line: string, terminal: Terminal): ShellSession {
  const state: ShellState = { session, status: session.status, depth: 0, interactive: true };
  state.readAliases = aliasesOf(draft, state);
  runParsed(draft, state, line, terminal, {});
  return { ...state.session, status: state.status };
}
