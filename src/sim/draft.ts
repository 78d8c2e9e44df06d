/**
 * A world being changed by one step. It copies only what it changes (a host's files the first
 * time one is written, its services, its journal), so the world before the step is untouched and
 * the world after shares everything else with it.
 */
import type { FileNode } from './fs';
import { MAX_FILE_CHARS, parentOf } from './fs';
import type { HostState, JournalEntry, LoginRecord, Session, SimConfig, SimWorld } from './world';
import type { ServiceState } from './system/state';
import type { MysqlState } from './mysql/state';
import type { NetState } from './net/state';

/** Journal entries a host keeps; older ones rotate away, as journald's size limit does. */
export const MAX_JOURNAL_ENTRIES = 5_000;

export class Draft {
  readonly config: SimConfig;
  clock: number;
  seq: number;
  sessions: Session[];
  private hosts: Record<string, HostState>;
  private copied = new Map<string, { files: boolean; services: boolean; journal: boolean }>();

  constructor(config: SimConfig, world: SimWorld) {
    this.config = config;
    this.clock = world.clock;
    this.seq = world.seq;
    this.sessions = [...world.sessions];
    this.hosts = { ...world.hosts };
  }

  /** A fresh number for a PID, a request id, a connection id: deterministic, never reused. */
  next(): number {
    this.seq += 1;
    return this.seq;
  }

  hostIds(): string[] {
    return Object.keys(this.hosts);
  }

  host(id: string): HostState | undefined {
    return Object.hasOwn(this.hosts, id) ? this.hosts[id] : undefined;
  }

  private mark(id: string) {
    let flags = this.copied.get(id);
    if (!flags) this.copied.set(id, (flags = { files: false, services: false, journal: false }));
    if (!Object.hasOwn(this.hosts, id)) this.hosts[id] = { files: {}, services: {}, journal: [] };
    else this.hosts[id] = { ...this.hosts[id]! };
    return flags;
  }

  private editable(id: string) {
    const flags = this.copied.get(id) ?? this.mark(id);
    return { flags, host: this.hosts[id] as { -readonly [K in keyof HostState]: HostState[K] } };
  }

  /** Has this step changed the host's files (so its files object is this step's own copy, still changing)? */
  filesEdited(id: string): boolean {
    return this.copied.get(id)?.files === true;
  }

  /** Sets (or, with `null`, removes) the node at a path, creating missing parent directories. */
  setFile(id: string, path: string, node: FileNode | null): void {
    const { flags, host } = this.editable(id);
    if (!flags.files) {
      host.files = { ...host.files };
      flags.files = true;
    }
    const files = host.files as Record<string, FileNode>;
    if (node === null) {
      for (const key of Object.keys(files)) if (key === path || key.startsWith(`${path}/`)) delete files[key];
      return;
    }
    const bounded = node.content !== undefined && node.content.length > MAX_FILE_CHARS ? { ...node, content: node.content.slice(0, MAX_FILE_CHARS) } : node;
    files[path] = bounded;
    for (let dir = parentOf(path); !Object.hasOwn(files, dir); dir = parentOf(dir)) {
      files[dir] = { kind: 'dir', owner: 'root', group: 'root', mode: 0o755, mtime: bounded.mtime };
      if (dir === '/') break;
    }
  }

  setService(id: string, unit: string, state: ServiceState): void {
    const { flags, host } = this.editable(id);
    if (!flags.services) {
      host.services = { ...host.services };
      flags.services = true;
    }
    (host.services as Record<string, ServiceState>)[unit] = state;
  }

  journal(id: string, entry: JournalEntry): void {
    const { flags, host } = this.editable(id);
    if (!flags.journal) {
      host.journal = host.journal.length >= MAX_JOURNAL_ENTRIES ? host.journal.slice(host.journal.length - MAX_JOURNAL_ENTRIES + 1) : [...host.journal];
      flags.journal = true;
    }
    (host.journal as JournalEntry[]).push(entry);
  }

  setMysql(id: string, state: MysqlState): void {
    const { host } = this.editable(id);
    host.mysql = state;
  }

  /** Replaces the host's login records (wtmp). */
  setLogins(id: string, logins: readonly LoginRecord[]): void {
    const { host } = this.editable(id);
    host.logins = logins;
  }

  setNet(id: string, state: NetState): void {
    const { host } = this.editable(id);
    host.net = state;
  }

  finish(): SimWorld {
    return { clock: this.clock, seq: this.seq, hosts: this.hosts, sessions: this.sessions };
  }
}
