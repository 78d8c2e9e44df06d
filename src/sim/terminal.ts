/**
 * The trainee's terminal: one line typed goes to whatever holds the terminal (a shell, or an
 * interactive program such as the MySQL client), and the world answers. The only entry point
 * the drill engine needs, with `promptOf` and `advanceTo`.
 */
import { Draft } from './draft';
import { newTerminal, runShellLine, type Terminal } from './shell/run';
import { programNamed } from './programs/registry';
import { Sys, userOf, type ProgramContext } from './process';
import { activeSession, HISTSIZE, type ShellSession, type SimConfig, type SimWorld } from './world';
import { passTime } from './tickers';
import { expandHistory } from './shell/histexpand';

export interface TerminalStep {
  world: SimWorld;
  /** What the terminal shows, line by line (stdout and stderr in the order written). */
  output: string[];
  /** Lines in the drill's own voice (what it does not simulate, what it did for you). */
  notes: string[];
  /** The programs that ran, each as its first words: what the step cost is priced by. */
  ran: string[][];
  /** Program names the host did not have. */
  missing: string[];
  clear: boolean;
  /** The line the shell ran: the typed one after bash's history expansion (`sudo !!`), null when that failed. */
  line: string | null;
}

/** Most lines one step shows; the rest is cut with a note, as a terminal's scrollback would lose it. */
export const MAX_STEP_LINES = 5_000;

/** The session with one more line in its history: past HISTSIZE the oldest goes, and the numbering moves on as bash's does. */
function remembered(session: ShellSession, text: string): ShellSession {
  const history = [...session.history, text];
  const dropped = Math.max(0, history.length - HISTSIZE);
  if (dropped === 0) return { ...session, history };
  return { ...session, history: history.slice(dropped), historyBase: (session.historyBase ?? 0) + dropped };
}

function linesOf(terminal: Terminal): { output: string[]; notes: string[] } {
  const text = terminal.chunks.join('');
  // A terminal shows CRLF (HTTP headers through curl -i) as a line break: the CR is not a character on screen.
  const lines = text === '' ? [] : text.replace(/\n$/, '').split('\n').map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line));
  const notes = [...terminal.notes];
  let output = lines;
  if (lines.length > MAX_STEP_LINES || terminal.truncated) {
    output = lines.slice(0, MAX_STEP_LINES);
    notes.push(`[output truncated: the drill shows at most ${MAX_STEP_LINES.toLocaleString('en')} lines or 1 MB of one command's output]`);
  }
  return { output, notes };
}

function contextFor(draft: Draft, host: string, user: string, terminal: Terminal): ProgramContext {
  const info = userOf(draft.config, host, user) ?? { name: user, uid: 1000, gid: 1000, home: '/', shell: '/bin/bash', groups: [user] };
  const write = (text: string) => {
    terminal.chunks.push(text);
  };
  const sys = new Sys(draft, host, info, info.home, {}, (line, where) => {
    const sub = newTerminal();
    const session: ShellSession = { kind: 'shell', host: where.host, user: where.user, cwd: where.cwd ?? info.home, env: {}, history: [], via: 'ssh', status: 0 };
    runShellLine(draft, session, line, sub);
    return { stdout: sub.chunks.join(''), stderr: '', status: 0 };
  });
  return {
    argv: [],
    stdin: null,
    stdoutIsTerminal: true,
    sys,
    out: (line) => write(`${line}\n`),
    write,
    err: (line) => write(`${line}\n`),
    note: (line) => terminal.notes.push(line),
    clear: () => {
      terminal.clear = true;
    },
  };
}

/** Runs one line typed at the terminal. Never throws. */
export function submitLine(config: SimConfig, world: SimWorld, text: string): TerminalStep {
  const draft = new Draft(config, world);
  const terminal = newTerminal();
  const session = activeSession(world);
  let ranLine: string | null = text;
  if (session.kind === 'program') {
    const program = programNamed(session.program);
    const ctx = contextFor(draft, session.host, session.user, terminal);
    const result = program?.interactive ? program.interactive.input(ctx, session.state, text) : { state: session.state, close: true };
    const index = draft.sessions.indexOf(session);
    if (result.close) draft.sessions.splice(index, 1);
    else draft.sessions[index] = { ...session, state: result.state };
  } else {
    const index = draft.sessions.length - 1;
    // bash expands history (`!!`, `!$`, `sudo !!`) first, prints the result, and saves and runs that.
    const expansion = expandHistory(text, session.history, session.historyBase ?? 0);
    if (expansion.kind === 'error') {
      terminal.chunks.push(`${expansion.message}\n`);
      draft.sessions[index] = { ...session, status: 1 };
      ranLine = null;
    } else {
      const line = expansion.kind === 'expanded' ? expansion.line : text;
      ranLine = line;
      if (expansion.kind === 'expanded') terminal.chunks.push(`${line}\n`);
      const withHistory: ShellSession = line.trim() === '' || /^\s/.test(line) ? session : remembered(session, line);
      draft.sessions[index] = withHistory;
      const after = runShellLine(draft, withHistory, line, terminal);
      // The shell's own session changed (cd, export, history); sessions opened on top stay on top.
      if (draft.sessions[index] === withHistory) draft.sessions[index] = after;
    }
  }
  const { output, notes } = linesOf(terminal);
  return { world: draft.finish(), output, notes, ran: terminal.ran, missing: terminal.missing, clear: terminal.clear, line: ranLine };
}

/** The prompt of whatever holds the terminal: `intern@web-01:~$ `, `root@db-master:/tmp# `, `mysql> `. */
export function promptOf(config: SimConfig, world: SimWorld): string {
  const session = activeSession(world);
  if (session.kind === 'program') return programNamed(session.program)?.interactive?.prompt(session.state) ?? '> ';
  const info = userOf(config, session.host, session.user);
  const home = info?.home ?? '';
  const cwd = home && (session.cwd === home || session.cwd.startsWith(`${home}/`)) ? `~${session.cwd.slice(home.length)}` : session.cwd;
  const hostname = config.world.hosts[session.host]?.hostname ?? session.host;
  return `${session.user}@${hostname}:${cwd}${session.user === 'root' ? '#' : '$'} `;
}

/** The host and user whose shell (or client) holds the terminal. */
export function whereIs(world: SimWorld): { host: string; user: string; program: string | null } {
  const session = activeSession(world);
  return { host: session.host, user: session.user, program: session.kind === 'program' ? session.program : null };
}

/**
 * Moves the world's clock forward, letting what runs on its own do its work meanwhile (a
 * delayed replica applying events, logs growing). Returns the new world and what happened.
 */
export function advanceTo(config: SimConfig, world: SimWorld, clock: number): SimWorld {
  if (clock <= world.clock) return world;
  const draft = new Draft(config, world);
  passTime(draft, clock);
  return draft.finish();
}
