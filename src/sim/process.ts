/**
 * What a program sees when it runs: its arguments, its input, where it runs (host, user,
 * directory, environment), the world it may read and change, and where it writes. Programs are
 * plain functions `(ctx) => exit status`; they never throw on any input (a thrown error is turned
 * into the drill's own "internal error" note, never a made-up failure).
 */
import type { Draft } from './draft';
import { allowed, canonicalPath, gzipStreamText, lookup, parentOf, reachable, resolvePath, textAt, type FileNode } from './fs';
import { epochOf, strftime } from './time';
import { hostSpec, type Session, type SimConfig } from './world';
import { liveText } from './system/liveFiles';
import type { HostSpec, UserSpec } from '../scenario/world';
import type { ShellIdentity } from './shell/identity';

export interface UserInfo {
  name: string;
  uid: number;
  gid: number;
  home: string;
  shell: string;
  /** The user's own group first, then supplementary groups. */
  groups: readonly string[];
}

/** File errors, in the words every coreutils program prints after `prog: path: `. */
export type FsError = 'ENOENT' | 'EACCES' | 'EISDIR' | 'ENOTDIR' | 'EEXIST' | 'ENOTEMPTY';
export const FS_ERROR_TEXT: Readonly<Record<FsError, string>> = {
  ENOENT: 'No such file or directory',
  EACCES: 'Permission denied',
  EISDIR: 'Is a directory',
  ENOTDIR: 'Not a directory',
  EEXIST: 'File exists',
  ENOTEMPTY: 'Directory not empty',
};

export type ReadResult = { ok: true; text: string; node: FileNode; path: string } | { ok: false; error: FsError };

/** Result of running a command line inside another program (`sudo`, `ssh host cmd`, `$(…)`). */
export interface RunResult {
  stdout: string;
  stderr: string;
  status: number;
  /** The same output as written, stdout and stderr in their order (a shell's own runs give it). */
  interleaved?: readonly { err: boolean; text: string }[];
}

/** How a nested command line is run: `runLine` is given by the shell so programs need not import it. */
export interface RunWhere {
  host?: string;
  user?: string;
  cwd?: string;
  stdin?: string | null;
  tty?: boolean;
  env?: Readonly<Record<string, string>>;
  /** The shell that runs the line, when not the login bash (`bash -c`, sh, sshd's `bash -c` for `ssh host cmd`). */
  shell?: ShellIdentity;
  /** A script's commands with their line numbers, run one after another in the one shell (the line is then ignored). */
  chunks?: readonly { source: string; line: number }[];
}

export type LineRunner = (line: string, where: RunWhere & { host: string; user: string }) => RunResult;

/** The process: where it runs and the world it acts on. */
export class Sys {
  constructor(
    readonly draft: Draft,
    readonly host: string,
    readonly user: UserInfo,
    readonly cwd: string,
    readonly env: Readonly<Record<string, string>>,
    private readonly runner: LineRunner,
    /** Sessions a program asks to open (ssh, su, mysql): the shell pushes them after the command. */
    readonly opened: Session[] = [],
  ) {}

  /**
   * The command lines of the pipeline's commands after this one (`grep --color=auto nginx` in
   * `ps aux | grep nginx`): bash has forked them already, so ps and top list them too.
   */
  laterInPipeline: readonly string[] = [];
  /** The shell's umask, when `umask MODE` set one (files it creates are masked by it). */
  umask?: number;

  get config(): SimConfig {
    return this.draft.config;
  }

  get spec(): HostSpec | undefined {
    return hostSpec(this.config, this.host);
  }

  /** Seconds since midnight of the scenario's day. */
  get clock(): number {
    return this.draft.clock;
  }

  /** Epoch seconds now (simulated). */
  now(): number {
    return epochOf(this.config.date, this.draft.clock);
  }

  /** Epoch seconds of a clock time on the scenario's day. */
  epochAt(clock: number): number {
    return epochOf(this.config.date, clock);
  }

  formatTime(epoch: number, format: string): string {
    return strftime(epoch, format, this.config.timezone);
  }

  /** The host's name as `hostname` prints it. */
  get hostname(): string {
    return this.spec?.hostname ?? this.config.hosts.find((h) => h.id === this.host)?.name ?? this.host;
  }

  resolve(path: string): string {
    return resolvePath(this.cwd, path);
  }

  node(path: string, host = this.host): FileNode | null {
    const files = this.draft.host(host)?.files ?? {};
    return lookup(files, resolvePath(this.cwd, path))?.node ?? null;
  }

  /** Reads a file as this user: its text at the current clock, or why not. */
  read(path: string, host = this.host): ReadResult {
    const files = this.draft.host(host)?.files ?? {};
    const full = resolvePath(this.cwd, path);
    const found = lookup(files, full);
    // Every directory on the way must be searchable, as the kernel requires.
    if (!reachable(files, full, this.user.name, this.user.groups)) return { ok: false, error: 'EACCES' };
    if (!found) return { ok: false, error: 'ENOENT' };
    if (!reachable(files, found.path, this.user.name, this.user.groups)) return { ok: false, error: 'EACCES' };
    if (found.node.kind === 'dir') return { ok: false, error: 'EISDIR' };
    if (!allowed(found.node, this.user.name, this.user.groups, 'r')) return { ok: false, error: 'EACCES' };
    return { ok: true, text: this.textOf(found.node, host), node: found.node, path: found.path };
  }

  /** A file's text at the current clock (no permission check: for programs that run as root); a live file's as `host` makes it now. */
  textOf(node: FileNode, host = this.host): string {
    if (node.live) return host === this.host ? liveText(this, node.live) : liveText(new Sys(this.draft, host, this.user, '/', this.env, this.runner), node.live);
    return textAt(node, this.draft.clock, (at, pattern) => (pattern === 'clock' ? strftime(this.epochAt(at), '%H:%M:%S', this.config.timezone) : strftime(this.epochAt(at), pattern, this.config.timezone)));
  }

  /**
   * Writes (or appends to) a file as this user. A new file gets the user's ownership and mode
   * 666 less the umask (664 for a user with their own group, 644 for root); an existing one keeps its owner and mode.
   */
  write(path: string, text: string, append = false, host = this.host): { ok: true } | { ok: false; error: FsError } {
    const full = resolvePath(this.cwd, path);
    const files = this.draft.host(host)?.files ?? {};
    const found = lookup(files, full);
    const target = found?.path ?? full;
    if (!reachable(files, full, this.user.name, this.user.groups) || !reachable(files, target, this.user.name, this.user.groups)) return { ok: false, error: 'EACCES' };
    if (found?.node.kind === 'dir') return { ok: false, error: 'EISDIR' };
    if (found) {
      if (!allowed(found.node, this.user.name, this.user.groups, 'w')) return { ok: false, error: 'EACCES' };
      const before = append ? this.textOf(found.node, host) : '';
      // Gzip data written to a file makes it a gzip file (appended to one, another member of it).
      const unzipped = gzipStreamText(text);
      const gzip = unzipped !== null && (before === '' || found.node.gzip === true);
      this.draft.setFile(host, target, { ...found.node, content: before + (gzip ? unzipped : text), timed: undefined, repeat: undefined, live: undefined, size: undefined, gzip, mtime: this.now() });
      return { ok: true };
    }
    // A new file goes where the path really leads: through links to directories on the way, and
    // to the target of a link to nothing at the end.
    const created = canonicalPath(files, full);
    const parent = created === null ? null : lookup(files, parentOf(created));
    if (created === null || !parent) return { ok: false, error: lookup(files, parentOf(full))?.node.kind === 'file' ? 'ENOTDIR' : 'ENOENT' };
    if (parent.node.kind !== 'dir') return { ok: false, error: 'ENOTDIR' };
    if (!reachable(files, created, this.user.name, this.user.groups)) return { ok: false, error: 'EACCES' };
    if (!allowed(parent.node, this.user.name, this.user.groups, 'w')) return { ok: false, error: 'EACCES' };
    const unzipped = gzipStreamText(text);
    this.draft.setFile(host, created, { kind: 'file', owner: this.user.name, group: this.user.groups[0] ?? this.user.name, mode: 0o666 & ~(this.umask ?? loginUmask(this.user)), mtime: this.now(), content: unzipped ?? text, gzip: unzipped !== null || undefined });
    return { ok: true };
  }

  /**
   * Runs a command line elsewhere or as someone else (sudo, ssh, `$(…)`), in this same step.
   * `tty`: the caller's terminal is passed on (sudo does; ssh without -t does not), so the
   * command formats its output as it would on a terminal.
   */
  run(line: string, where: RunWhere = {}): RunResult {
    return this.runner(line, { ...where, host: where.host ?? this.host, user: where.user ?? this.user.name });
  }

  /** Asks the shell to hand the terminal to a new session when this command ends. */
  open(session: Session): void {
    this.opened.push(session);
  }

  /** A user of this host (`root` always exists). */
  userInfo(name: string, host = this.host): UserInfo | null {
    return userOf(this.config, host, name);
  }
}

/** The account `name` on a host, from its spec; `root` exists on every host. */
export function userOf(config: SimConfig, host: string, name: string): UserInfo | null {
  const spec = hostSpec(config, host);
  const users: readonly UserSpec[] = spec?.users ?? [];
  const found = users.find((u) => u.name === name) ?? (name === 'root' ? { name: 'root', uid: 0, gid: 0 } : undefined);
  if (!found) return null;
  const groupNames = Object.entries(spec?.groups ?? {});
  const own = found.gid === undefined || found.gid === found.uid ? found.name : (groupNames.find(([, gid]) => gid === found.gid)?.[0] ?? found.name);
  return {
    name: found.name,
    uid: found.uid,
    gid: found.gid ?? found.uid,
    home: found.home ?? (found.name === 'root' ? '/root' : `/home/${found.name}`),
    shell: found.shell ?? '/bin/bash',
    groups: [own, ...(found.groups ?? [])],
  };
}

/**
 * The umask a login starts with on Ubuntu 18.04: login.defs' UMASK 022, which pam_umask turns
 * into 002 under USERGROUPS_ENAB for a user (not root) whose primary group is their own.
 */
export function loginUmask(user: UserInfo): number {
  return user.uid !== 0 && user.groups[0] === user.name ? 0o002 : 0o022;
}

export interface ProgramContext {
  /** The words of the command after expansion; `argv[0]` is the name as typed. */
  readonly argv: readonly string[];
  /** What is piped or redirected in; `null` when stdin is the terminal (nothing to read). */
  readonly stdin: string | null;
  /** True when stdout goes to the terminal (not a pipe or a file): `ls` prints columns only then. */
  readonly stdoutIsTerminal: boolean;
  readonly sys: Sys;
  /** Writes a line (a newline is added). */
  out(line: string): void;
  /** Writes text as it is. */
  write(text: string): void;
  /** Writes a line to stderr. */
  err(line: string): void;
  /**
   * A line in the drill's own voice, shown apart from the tool's output: what the drill does
   * not simulate, or what it did for the trainee (typing a password). Never coaching.
   */
  note(line: string): void;
  /** Clears the terminal (`clear`, Ctrl-L). */
  clear(): void;
  /** Tells the shell a program the host does not have was asked for (sudo finds it before running anything). */
  notFound?(name: string): void;
  /** The command's name as typed, path and all (`/bin/kill` is procps's program, `kill` bash's builtin). */
  readonly invokedAs?: string;
}

export interface InteractiveProgram {
  /** The prompt shown while the program holds the terminal (`mysql> `, `    -> `). */
  prompt(state: unknown): string;
  /** One line typed at that prompt. Returns the new state, or `close` to give the terminal back. */
  input(ctx: ProgramContext, state: unknown, line: string): { state: unknown; close?: boolean };
  /**
   * Where the program is pointed, for the drill's menu and completion: the MySQL client says
   * which server (host id) and database it is using.
   */
  where?(state: unknown): { server: string | null; database: string | null };
}

export interface Program {
  /** Exit status: 0 success, 1 or 2 failure (as the real program), 127 not found. */
  main(ctx: ProgramContext): number;
  /** Present for programs that can hold the terminal (the MySQL client). */
  interactive?: InteractiveProgram;
}
