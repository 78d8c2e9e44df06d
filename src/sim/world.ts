/**
 * The simulated infrastructure's state: every host's files, services, journal and databases,
 * the trainee's terminal sessions, the clock. Plain data, never mutated once a step is done: a
 * step works on a draft (see `draft.ts`) and hands back a new world that shares every part it did
 * not change with the old one, so keeping the world after each step costs little.
 */
import type { HostSpec, WorldSpec } from '../scenario/world';
import type { FileNode } from './fs';
import type { ServiceState } from './system/state';
import type { MysqlState } from './mysql/state';
import type { NetState } from './net/state';

/** The fixed facts the simulation is built from (the scenario's world, hosts and day). */
export interface SimConfig {
  /** The scenario's day, `YYYY-MM-DD`; with the clock it gives every timestamp. */
  date: string;
  /** Shown by `date` and in logs: `GMT`, `UTC`, `CET`. Offsets are not modelled: the clock is local time. */
  timezone: string;
  /** Every host the trainee can name, including those outside the company. */
  hosts: readonly SimHost[];
  world: WorldSpec;
}

export interface SimHost {
  id: string;
  /** The host's name as it calls itself. */
  name: string;
  /** Other names and addresses it answers to. */
  names: readonly string[];
  /** True for hosts outside the company: they are reached over the internet and have no shell. */
  external?: boolean;
}

/** A line appended to a host's journal (systemd's, read by journalctl). */
export interface JournalEntry {
  /** Clock seconds. */
  at: number;
  /** The unit it belongs to (`nginx.service`), or '' for the kernel. */
  unit: string;
  /** `nginx[1234]`, `systemd[1]`, `sudo`. */
  identifier: string;
  pid?: number;
  message: string;
  /** syslog priority, 0 (emerg) … 7 (debug); absent means 6 (info). `journalctl -p` filters on it. */
  priority?: number;
}

/** A terminal login as the host's wtmp keeps it: `last` lists these, ssh's `Last login:` is the user's latest. */
export interface LoginRecord {
  user: string;
  /** `pts/0`. */
  tty: string;
  /** The address it came from. */
  from: string;
  /** Clock seconds it began (negative: days before the scenario's day). */
  at: number;
  /** Clock seconds it ended; null while it lasts. */
  until: number | null;
}

export interface HostState {
  /** Absolute path → file, directory or link. Parent directories always exist as entries. */
  files: Readonly<Record<string, FileNode>>;
  /** What the files on `/` took at the start by their stored sizes (`df /` adds what the run changes to the declared Used). */
  rootKibAtStart?: number;
  /** systemd units by full name (`nginx.service`). */
  services: Readonly<Record<string, ServiceState>>;
  journal: readonly JournalEntry[];
  mysql?: MysqlState;
  /** Terminal logins, oldest first (wtmp); absent on a host nobody logged in to. */
  logins?: readonly LoginRecord[];
  /** What the network keeps on this host between steps: HAProxy's round-robin turns, the browser's cookies. */
  net?: NetState;
}

/** A shell the trainee is typing into: a login on a host. */
export interface ShellSession {
  kind: 'shell';
  host: string;
  user: string;
  cwd: string;
  env: Readonly<Record<string, string>>;
  /** What this shell has run, oldest first; at most HISTSIZE entries (bash's default 1000). */
  history: readonly string[];
  /** Entries dropped from the front past HISTSIZE: bash numbers `history` from here (its history_base), never back from 1. */
  historyBase?: number;
  /** `$?`: the exit status of the last command. */
  status: number;
  /** How this session was opened, which decides what `exit` prints. */
  via: 'login' | 'ssh' | 'su' | 'sudo';
  /** The processes this session runs on its host, its shell last (sshd's, su's or sudo's first): what ps lists. */
  pids?: readonly number[];
  /** Clock seconds it was opened at (who, w, last). */
  since?: number;
  /** The PIDs of `systemd --user` and `(sd-pam)` when this login was the user's first on the host (it started user@UID.service). */
  manager?: readonly number[];
  /** Its aliases, once it has read them from ~/.bashrc (or `alias`/`unalias` changed them). */
  aliases?: Readonly<Record<string, string>>;
  /** Shell variables `export` made part of the environment (HOSTNAME, HISTSIZE… are not, at login). */
  exported?: readonly string[];
  /** `$1`, `$2`… once `set --` gave the login shell some (it starts with none). */
  positional?: readonly string[];
  /** Resource limits `ulimit` changed in this shell (`S`/`H` and the option letter), the others as the login gave them. */
  limits?: Readonly<Record<string, number | 'unlimited'>>;
  /** The umask `umask MODE` set in this shell; without one, the login's (pam_umask's). */
  umask?: number;
}

/** An interactive program (the MySQL client) holding the terminal, with state it owns. */
export interface ProgramSession {
  kind: 'program';
  host: string;
  user: string;
  program: string;
  state: unknown;
}

export type Session = ShellSession | ProgramSession;

export interface SimWorld {
  /** Simulated time: seconds since midnight of the scenario's day. */
  clock: number;
  /** One counter for everything that must be unique and repeatable: PIDs, request ids, connection ids. */
  seq: number;
  hosts: Readonly<Record<string, HostState>>;
  /** The trainee's terminal, outermost first: the last one is where input goes. */
  sessions: readonly Session[];
}

/** bash's default HISTSIZE: the lines a shell keeps in memory. */
export const HISTSIZE = 1000;

export function hostSpec(config: SimConfig, host: string): HostSpec | undefined {
  return Object.hasOwn(config.world.hosts, host) ? config.world.hosts[host] : undefined;
}

export function activeSession(world: SimWorld): Session {
  return world.sessions[world.sessions.length - 1]!;
}
