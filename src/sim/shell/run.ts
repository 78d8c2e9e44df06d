/**
 * Runs a parsed command line in a shell: expansion, redirections, pipes (each command's output
 * is the next one's input), `&&`/`||`/`;`, builtins that change the shell itself, and programs
 * looked up on the host. Everything happens inside one Draft, so a step is all or nothing.
 */
import { parseShell, type Command, type Pipeline } from './parse';
import { expandWord, type ExpandEnv } from './expand';
import { findProgram, NOT_SIMULATED, programNamed } from '../programs/registry';
import { notInstalledText } from '../programs/notInstalled';
import { Sys, userOf, FS_ERROR_TEXT, type ProgramContext, type RunResult, type UserInfo } from '../process';
import type { Draft } from '../draft';
import type { ShellSession } from '../world';
import { isShellBuiltin, runBuiltin } from './builtins';

/** Most text one stream carries in a step (a pipe, a file written, the terminal): bounded like a real pipe buffer would not be, so no input can exhaust memory. */
export const MAX_STREAM_CHARS = 1_000_000;
/** Deepest nesting of `$(…)`, `sudo`, `ssh host cmd` inside one another. */
const MAX_DEPTH = 8;

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
}

interface Stream {
  text: string;
  full: boolean;
}

function appendTo(stream: Stream, text: string) {
  if (stream.full) return;
  if (stream.text.length + text.length > MAX_STREAM_CHARS) {
    stream.text += text.slice(0, MAX_STREAM_CHARS - stream.text.length);
    stream.full = true;
  } else stream.text += text;
}

function userInfo(draft: Draft, host: string, name: string): UserInfo {
  return userOf(draft.config, host, name) ?? { name, uid: 1000, gid: 1000, home: `/home/${name}`, shell: '/bin/bash', groups: [name] };
}

/** Builds the `Sys` for a process of this shell (nested runs go back through `runLineIn`). */
function sysFor(draft: Draft, state: ShellState, terminal: Terminal, env: Readonly<Record<string, string>>, ttyOut: boolean): Sys {
  const { session } = state;
  return new Sys(draft, session.host, userInfo(draft, session.host, session.user), session.cwd, env, (line, where) => {
    if (state.depth >= MAX_DEPTH) return { stdout: '', stderr: 'bash: maximum nesting level exceeded\n', status: 1 };
    const nested: ShellState = {
      session: { ...session, status: 0, host: where.host, user: where.user, cwd: where.cwd ?? (where.host === session.host && where.user === session.user ? session.cwd : userInfo(draft, where.host, where.user).home), env: where.user === session.user && where.host === session.host ? session.env : envFor(draft, where.host, where.user) },
      status: 0,
      depth: state.depth + 1,
    };
    return captureLine(draft, nested, line, where.stdin ?? null, terminal, where.tty === true && ttyOut);
  });
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
  const out: Stream = { text: '', full: false };
  const err: Stream = { text: '', full: false };
  runParsed(draft, state, line, sub, { out, err, stdin, tty });
  terminal.notes.push(...sub.notes);
  return { stdout: out.text, stderr: err.text, status: state.status };
}

interface Io {
  /** Where stdout and stderr go when not redirected: the terminal, or streams being captured. */
  out?: Stream;
  err?: Stream;
  stdin?: string | null;
  /** `out` stands for a terminal (a `sudo` passing its terminal on): programs format for a terminal there. */
  tty?: boolean;
}

function runParsed(draft: Draft, state: ShellState, line: string, terminal: Terminal, io: Io): void {
  const parsed = parseShell(line);
  if (!parsed.ok) {
    const text = `-bash: ${parsed.error}\n`;
    if (io.err) appendTo(io.err, text);
    else emit(terminal, text);
    state.status = 2;
    return;
  }
  let previous: Pipeline['then'] = ';';
  for (const pipeline of parsed.pipelines) {
    // An and-or list: `&&` runs the next pipeline only after success, `||` only after failure;
    // a skipped pipeline leaves `$?` as it was.
    const run = previous === '&&' ? state.status === 0 : previous === '||' ? state.status !== 0 : true;
    if (run) runPipeline(draft, state, pipeline, terminal, io);
    previous = pipeline.then;
  }
}

function expandEnv(draft: Draft, state: ShellState, terminal: Terminal): ExpandEnv {
  const { session } = state;
  return {
    vars: { ...session.env, PWD: session.cwd },
    status: state.status,
    home: (user) => userOf(draft.config, session.host, user)?.home ?? null,
    substitute: (source) => captureLine(draft, { session, status: state.status, depth: state.depth + 1 }, source, null, terminal).stdout,
    files: draft.host(session.host)?.files ?? {},
    cwd: session.cwd,
  };
}

function runPipeline(draft: Draft, state: ShellState, pipeline: Pipeline, terminal: Terminal, io: Io): void {
  let input: string | null = io.stdin ?? null;
  const last = pipeline.commands.length - 1;
  pipeline.commands.forEach((command, index) => {
    const toPipe = index < last;
    const piped: Stream = { text: '', full: false };
    // Each command of a multi-command pipeline runs in a subshell: builtins there change nothing.
    const own: ShellState = pipeline.commands.length > 1 ? { session: state.session, status: state.status, depth: state.depth } : state;
    runCommand(draft, own, command, terminal, { out: toPipe ? piped : io.out, err: io.err, stdin: input, tty: !toPipe && io.tty === true });
    if (pipeline.commands.length > 1) state.status = own.status;
    input = toPipe ? piped.text : null;
  });
}

function write(terminal: Terminal, stream: Stream | undefined, text: string) {
  if (stream) appendTo(stream, text);
  else emit(terminal, text);
}

function runCommand(draft: Draft, state: ShellState, command: Command, terminal: Terminal, io: Io): void {
  const env = expandEnv(draft, state, terminal);
  const argv = command.words.flatMap((w) => expandWord(w, env));
  const assigned = Object.fromEntries(command.assignments.map((a) => [a.name, expandWord(a.value, env).join(' ')]));
  if (argv.length === 0) {
    if (command.assignments.length > 0) state.session = { ...state.session, env: { ...state.session.env, ...assigned } };
    state.status = 0;
    return;
  }
  // Redirections, left to right.
  let stdin = io.stdin ?? null;
  let out: Stream | undefined = io.out;
  let err: Stream | undefined = io.err;
  const files: { path: string; stream: Stream; append: boolean }[] = [];
  const sys = sysFor(draft, state, terminal, { ...state.session.env, ...assigned, PWD: state.session.cwd }, io.out === undefined || io.tty === true);
  for (const redirect of command.redirects) {
    if (redirect.op === 'dup') {
      if (redirect.fd === 2 && redirect.target === 1) err = out;
      else if (redirect.fd === 1 && redirect.target === 2) out = err;
      continue;
    }
    const path = expandWord(redirect.target as never, env)[0] ?? '';
    if (redirect.op === '<') {
      const read = sys.read(path);
      if (!read.ok) {
        write(terminal, io.err, `-bash: ${path}: ${FS_ERROR_TEXT[read.error]}\n`);
        state.status = 1;
        return;
      }
      stdin = read.text;
      continue;
    }
    if (path === '/dev/null') {
      const sink: Stream = { text: '', full: true };
      if (redirect.fd === 1 || redirect.fd === 'both') out = sink;
      if (redirect.fd === 2 || redirect.fd === 'both') err = sink;
      continue;
    }
    // Bash opens (and truncates) the file before the command runs.
    const opened = sys.write(path, '', redirect.op === '>>');
    if (!opened.ok) {
      write(terminal, io.err, `-bash: ${path}: ${FS_ERROR_TEXT[opened.error]}\n`);
      state.status = 1;
      return;
    }
    const stream: Stream = { text: '', full: false };
    files.push({ path, stream, append: true });
    if (redirect.fd === 1 || redirect.fd === 'both') out = stream;
    if (redirect.fd === 2 || redirect.fd === 'both') err = stream;
  }
  const name = argv[0]!;
  const bare = name.includes('/') ? name.slice(name.lastIndexOf('/') + 1) : name;
  const ctx: ProgramContext = {
    argv: [bare, ...argv.slice(1)],
    stdin,
    stdoutIsTerminal: out === undefined || (io.tty === true && out === io.out),
    sys,
    out: (line) => write(terminal, out, `${line}\n`),
    write: (text) => write(terminal, out, text),
    err: (line) => write(terminal, err, `${line}\n`),
    note: (line) => terminal.notes.push(line),
    clear: () => {
      terminal.clear = true;
    },
  };
  terminal.ran.push(ctx.argv.slice(0, 8));
  if (isShellBuiltin(bare)) {
    state.status = runBuiltin(ctx, state);
  } else {
    const program = findProgram(draft.config, state.session.host, bare);
    if (!program) {
      const unsimulated = NOT_SIMULATED.get(bare);
      if (unsimulated) {
        ctx.note(`Not simulated in this drill: ${bare} (${unsimulated}).`);
        state.status = 0;
      } else {
        terminal.missing.push(bare);
        const installable = programNamed(bare)?.installable;
        write(terminal, err, installable ? notInstalledText(bare, installable, sys.user).map((l) => `${l}\n`).join('') : `${bare}: command not found\n`);
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

/**
 * Runs one line typed at the active shell session and returns the session as it is after (cd,
 * export and history changed it). Output goes to `terminal`.
 */
export function runShellLine(draft: Draft, session: ShellSession, line: string, terminal: Terminal): ShellSession {
  const state: ShellState = { session, status: session.status, depth: 0 };
  runParsed(draft, state, line, terminal, {});
  return { ...state.session, status: state.status };
}
