/**
 * The units a host has: Ubuntu's own (`baseUnits.ts`) plus the scenario's, each resolved to
 * every fact the programs print (description, command lines, processes, memory, unit file,
 * listen addresses). A scenario unit with a base unit's name (`ssh.service`) changes that unit.
 * Definitions are fixed facts; what changes (running or not, PIDs) is the `ServiceState`.
 */
import type { HostSpec, UnitKind, UnitSpec } from '../../scenario/world';
import type { SimConfig } from '../world';
import { hostSpec } from '../world';
import { BASE_UNITS, type BaseUnit } from './baseUnits';
import { kindDefaults, kindOfName } from './kinds';
import { kibOf } from './sizes';
import { clockOfSpecTime } from './specTime';
import type { UnitFileState } from './state';

/** A socket a unit listens on while it runs. */
export interface Listener {
  proto: 'tcp' | 'udp';
  /** As written: `0.0.0.0:80`, `:::80`, `127.0.0.1:3000`. */
  address: string;
  /** The local address alone: `0.0.0.0`, `::`, `127.0.0.1`. */
  host: string;
  port: number;
  family: 4 | 6;
  backlog: number;
}

export interface JournalLine {
  /** Clock seconds. */
  at: number;
  text: string;
  priority: number;
}

export interface UnitDefinition {
  name: string;
  kind: UnitKind | 'base';
  aliases: readonly string[];
  description: string;
  documentation: readonly string[];
  type: 'simple' | 'forking' | 'notify' | 'oneshot';
  execStartPre: readonly string[];
  execStart: string;
  execReload: readonly string[];
  execStop: string | null;
  restart: 'no' | 'always' | 'on-failure';
  /** One-shot units that ran at boot and stay `active (exited)`: no process. */
  exitedAtBoot: boolean;
  user: string;
  /** `comm` of the main process, as pgrep and top name it. */
  mainName: string;
  /** The main process's command line as ps shows it. */
  mainCommand: string;
  workers: { count: number; command: string; user: string; rssKiB: number; vszKiB: number } | null;
  rssKiB: number;
  vszKiB: number;
  /** Average %CPU of the main process. */
  cpu: number;
  threads: number;
  unitFile: string;
  /** The target whose .wants/ directory `enable` links the unit from (its WantedBy=). */
  wantedBy: string;
  enabled: UnitFileState;
  vendorPreset: 'enabled' | 'disabled';
  sysv: boolean;
  listen: readonly Listener[];
  /** sd_notify STATUS= while running. */
  status: string | null;
  /** The name on its processes' own journal lines. */
  identifier: string;
  journal: readonly JournalLine[];
  journalRepeat: readonly { from: number; until: number | null; every: number; text: string; priority: number }[];
  startLog: readonly string[];
  initial: { state: 'active' | 'inactive' | 'failed'; since: number | null; pid: number | null; workerPids: readonly number[] };
  /** True for the scenario's own units (and base units it changed). */
  fromScenario: boolean;
}

/** `comm` as the kernel keeps it: the program's file name, 15 characters at most. */
export function commOf(command: string): string {
  const first = command.trim().split(/\s+/)[0] ?? '';
  return first.slice(first.lastIndexOf('/') + 1).slice(0, 15);
}

/** `0.0.0.0:80`, `:::80`, `[::1]:3306`, `*:80` → its parts; null when it is not an address with a port. */
export function parseListenAddress(address: string): { host: string; port: number; family: 4 | 6 } | null {
  const bracket = /^\[([0-9a-fA-F:.]*)\]:(\d{1,5})$/.exec(address);
  const plain = bracket ? null : /^(.*):(\d{1,5})$/.exec(address);
  const host = bracket ? bracket[1]! : plain ? plain[1]! : null;
  const port = Number(bracket ? bracket[2] : plain?.[2]);
  if (host === null || !Number.isInteger(port) || port < 1 || port > 65535) return null;
  if (host === '*' || host === '') return { host: '0.0.0.0', port, family: 4 };
  return { host, port, family: host.includes(':') ? 6 : 4 };
}

function listenerOf(item: NonNullable<UnitSpec['listen']>[number], fallbackBacklog: number): Listener | null {
  const spec = typeof item === 'string' ? { address: item } : item;
  const parsed = parseListenAddress(spec.address);
  if (!parsed) return null;
  return { proto: spec.proto ?? 'tcp', address: spec.address, backlog: spec.backlog ?? fallbackBacklog, ...parsed };
}

/** What a service's [Install] section wants it by when its package says nothing else. */
const DEFAULT_WANTED_BY = 'multi-user.target';

function fromBase(base: BaseUnit): UnitDefinition {
  return {
    name: base.name,
    kind: 'base',
    aliases: base.aliases ?? [],
    description: base.description,
    documentation: base.documentation ?? [],
    type: base.type ?? 'simple',
    execStartPre: [],
    execStart: base.execStart,
    execReload: base.execReload ?? [],
    execStop: null,
    restart: base.restart ?? 'no',
    exitedAtBoot: base.command === null,
    user: base.user ?? 'root',
    mainName: base.comm ?? commOf(base.command ?? base.execStart),
    mainCommand: base.command ?? base.execStart,
    workers: null,
    rssKiB: base.rssKiB ?? 0,
    vszKiB: base.vszKiB ?? 0,
    cpu: 0,
    threads: base.threads ?? 1,
    unitFile: base.unitFile ?? `/lib/systemd/system/${base.name}`,
    wantedBy: base.wantedBy ?? DEFAULT_WANTED_BY,
    enabled: base.enabled ?? 'static',
    vendorPreset: 'enabled',
    sysv: base.sysv ?? false,
    listen: (base.listen ?? []).map((l) => listenerOf(l, l.backlog)).filter((l): l is Listener => l !== null),
    status: null,
    identifier: base.comm ?? commOf(base.command ?? base.execStart),
    journal: [],
    journalRepeat: [],
    startLog: [],
    initial: { state: 'active', since: null, pid: base.pid ?? null, workerPids: [] },
    fromScenario: false,
  };
}

/** The first word of a command line with systemd's prefixes (`-`, `@`, `+`, `!`) and quotes removed. */
function programOf(execStart: string): string {
  return (execStart.trim().split(/\s+/)[0] ?? '').replace(/^[-@+!]+/, '');
}

function fromSpec(config: SimConfig, unit: UnitSpec, cpus: number, base: UnitDefinition | undefined): UnitDefinition {
  const kind: UnitKind = unit.kind ?? (base ? 'generic' : kindOfName(unit.name));
  const defaults = kindDefaults(kind, cpus);
  const execStart = unit.execStart ?? (base?.execStart || defaults.execStart || `/usr/local/bin/${unit.name.replace(/\.service$/, '')}`);
  // A daemon whose command line the scenario changed is shown running that command.
  const mainCommand = unit.main?.command ?? (unit.execStart === undefined ? (base?.mainCommand ?? defaults.mainCommand) : null) ?? programOf(execStart) + execStart.trim().slice(execStart.trim().split(/\s+/)[0]!.length);
  const mainName = unit.main?.name ?? (unit.execStart === undefined && unit.main?.command === undefined ? (base?.mainName ?? defaults.mainName) : null) ?? commOf(mainCommand.startsWith('nginx:') ? 'nginx' : mainCommand);
  const workerDefaults = defaults.workers;
  const workers = unit.workers || workerDefaults
    ? {
        count: unit.workers?.count ?? workerDefaults?.count ?? 1,
        command: unit.workers?.command ?? workerDefaults?.command ?? mainCommand,
        user: unit.workers?.user ?? workerDefaults?.user ?? unit.user ?? defaults.user,
        rssKiB: kibOf(unit.workers?.memory, workerDefaults?.rssKiB ?? defaults.rssKiB),
        vszKiB: workerDefaults?.vszKiB ?? defaults.vszKiB,
      }
    : null;
  const rssKiB = kibOf(unit.memory, base?.rssKiB || defaults.rssKiB);
  const listen = unit.listen
    ? unit.listen.map((l) => listenerOf(l, kind === 'mysql' ? 151 : kind === 'generic' || kind === 'app' ? 511 : (defaults.listen[0]?.backlog ?? 128))).filter((l): l is Listener => l !== null)
    : (base?.listen ?? defaults.listen.map((l) => listenerOf(l, l.backlog)).filter((l): l is Listener => l !== null));
  const since = unit.since === undefined ? null : clockOfSpecTime(config.date, unit.since, 0);
  return {
    name: unit.name,
    kind: base && !unit.kind ? 'base' : kind,
    aliases: unit.aliases ?? base?.aliases ?? [],
    description: unit.description ?? base?.description ?? (defaults.description || unit.name.replace(/\.service$/, '')),
    documentation: unit.documentation ?? base?.documentation ?? defaults.documentation,
    type: unit.type ?? base?.type ?? defaults.type,
    execStartPre: unit.execStartPre !== undefined ? [unit.execStartPre] : (base?.execStartPre ?? defaults.execStartPre),
    execStart,
    execReload: unit.execReload !== undefined ? [unit.execReload] : (base?.execReload ?? defaults.execReload),
    execStop: unit.execStop ?? base?.execStop ?? defaults.execStop,
    restart: unit.restart ?? base?.restart ?? defaults.restart,
    exitedAtBoot: (unit.type ?? base?.type) === 'oneshot',
    user: unit.user ?? base?.user ?? defaults.user,
    mainName,
    mainCommand,
    workers,
    rssKiB,
    vszKiB: unit.memory === undefined ? base?.vszKiB || defaults.vszKiB : Math.max(base?.vszKiB || defaults.vszKiB, Math.round(rssKiB * 1.15) + 300_000),
    cpu: unit.cpu ?? defaults.cpu,
    threads: unit.threads ?? base?.threads ?? defaults.threads,
    unitFile: unit.unitFile ?? base?.unitFile ?? `${defaults.packaged ? '/lib' : '/etc'}/systemd/system/${unit.name}`,
    wantedBy: base?.wantedBy ?? DEFAULT_WANTED_BY,
    enabled: unit.enabled ?? (base?.enabled === 'static' ? 'static' : 'enabled'),
    vendorPreset: unit.vendorPreset ?? 'enabled',
    sysv: base?.sysv ?? defaults.sysv,
    listen,
    status: unit.status ?? defaults.status,
    identifier: unit.identifier ?? base?.identifier ?? defaults.identifier ?? mainName,
    journal: (unit.journal ?? []).map((l) => ({ at: clockOfSpecTime(config.date, l.at, 0), text: l.text, priority: l.priority ?? 6 })).sort((a, b) => a.at - b.at),
    journalRepeat: (unit.journalRepeat ?? []).map((r) => ({ from: clockOfSpecTime(config.date, r.from, 0), until: r.until === undefined ? null : clockOfSpecTime(config.date, r.until, 0), every: r.every, text: r.text, priority: r.priority ?? 6 })),
    startLog: unit.startLog ?? [],
    initial: { state: unit.state ?? 'active', since, pid: unit.pid ?? base?.initial.pid ?? null, workerPids: unit.workerPids ?? [] },
    fromScenario: true,
  };
}

/** CPUs of a host (default 2). */
export function cpusOf(spec: HostSpec | undefined): number {
  return spec?.system?.cpus ?? 2;
}

const resolved = new WeakMap<HostSpec, readonly UnitDefinition[]>();

/** Every unit of a host, base units first then the scenario's, each name once, sorted by name. */
export function unitsOf(config: SimConfig, host: string): readonly UnitDefinition[] {
  const spec = hostSpec(config, host);
  if (!spec) return [];
  const known = resolved.get(spec);
  if (known) return known;
  const cpus = cpusOf(spec);
  const byName = new Map<string, UnitDefinition>(BASE_UNITS.map((b) => [b.name, fromBase(b)]));
  for (const unit of spec.system?.units ?? []) byName.set(unit.name, fromSpec(config, unit, cpus, byName.get(unit.name)));
  const list = [...byName.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  resolved.set(spec, list);
  return list;
}

/**
 * The unit a name typed by the trainee means: `nginx` → nginx.service, `sshd` → ssh.service
 * (an alias), as systemd mangles names. Null when the host has no such unit.
 */
export function findUnit(config: SimConfig, host: string, typed: string): UnitDefinition | null {
  const name = mangleUnitName(typed);
  return unitsOf(config, host).find((u) => u.name === name || u.aliases.includes(name)) ?? null;
}

const UNIT_SUFFIXES = ['service', 'socket', 'target', 'device', 'mount', 'automount', 'swap', 'timer', 'path', 'slice', 'scope'];

/** systemd's name mangling: a name without a unit suffix gets `.service`. */
export function mangleUnitName(typed: string): string {
  const dot = typed.lastIndexOf('.');
  if (dot > 0 && UNIT_SUFFIXES.includes(typed.slice(dot + 1))) return typed;
  return `${typed}.service`;
}
