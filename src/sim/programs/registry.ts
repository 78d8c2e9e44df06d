/**
 * Every program the simulation knows, by name, and which hosts have it. Each family lives in
 * its own module and exports a table; this file only joins them.
 */
import type { Program } from '../process';
import { builtinPrograms } from '../shell/builtins';
import { filePrograms } from './files';
import { textPrograms } from './text';
import { systemPrograms } from '../system/programs';
import { netPrograms } from '../net/programs';
import { mysqlPrograms } from '../mysql/programs';
import { shellPrograms } from '../shell/shellProgram';
import { hostSpec, type SimConfig } from '../world';
import type { Installable } from './notInstalled';

export interface ProgramEntry extends Program {
  /** On every Ubuntu host (coreutils, procps, iproute2…); otherwise only where the host spec lists it. */
  base?: boolean;
  /** Installed on a host that needs it for what it runs (mysqld where a MySQL server unit runs), besides the spec's list. */
  installedWhen?: (config: SimConfig, host: string) => boolean;
  /** For a program not installed by default: the packages command-not-found names. */
  installable?: Installable;
}

export type ProgramTable = Readonly<Record<string, ProgramEntry>>;

const tables: readonly ProgramTable[] = [builtinPrograms, shellPrograms, filePrograms, textPrograms, systemPrograms, netPrograms, mysqlPrograms];

const programs: ReadonlyMap<string, ProgramEntry> = new Map(tables.flatMap((t) => Object.entries(t)));

/**
 * Real programs an engineer might reach for that the drill does not model: they get one line in
 * the drill's own voice, never a made-up failure.
 */
export const NOT_SIMULATED: ReadonlyMap<string, string> = new Map(
  Object.entries({
    vi: 'an editor', vim: 'an editor', nano: 'an editor', emacs: 'an editor', ed: 'an editor',
    htop: 'an interactive viewer (try `top -b -n 1`)', iotop: 'an interactive viewer', iftop: 'an interactive viewer',
    tmux: 'a terminal multiplexer', screen: 'a terminal multiplexer',
    apt: 'package management', 'apt-get': 'package management', 'apt-cache': 'package management', 'apt-mark': 'package management',
    dpkg: 'package management', 'dpkg-query': 'package management', snap: 'package management',
    lspci: 'hardware listing', lsusb: 'hardware listing', lshw: 'hardware listing', dmidecode: 'hardware listing',
    python: 'a programming language', perl: 'a programming language',
    docker: 'containers', kubectl: 'containers',
    strace: 'tracing', ltrace: 'tracing', tcpdump: 'packet capture', gdb: 'a debugger',
    at: 'scheduled jobs', reboot: 'rebooting a host', shutdown: 'rebooting a host', poweroff: 'rebooting a host',
    passwd: 'changing passwords', useradd: 'user management', usermod: 'user management', visudo: 'sudoers editing',
    mount: 'mounting filesystems', fdisk: 'disk partitioning',
    git: 'version control', make: 'building software',
    pstree: 'a process tree; `ps axjf` or `ps -ef --forest` draws one',
    loginctl: 'logind\'s sessions (`who` and `w` list them)', 'systemd-analyze': 'boot timing', ethtool: 'network interface settings (`ip -s link` shows the counters)',
  }),
);

/** The program a name runs on a host, or null when that host does not have it. */
export function findProgram(config: SimConfig, host: string, name: string): ProgramEntry | null {
  const entry = programs.get(name);
  if (!entry) return null;
  if (entry.base || entry.installedWhen?.(config, host)) return entry;
  return hostSpec(config, host)?.programs?.includes(name) ? entry : null;
}

/** Every program installed on a host, sorted: for Tab completion and "Did you mean". */
export function programsOn(config: SimConfig, host: string): string[] {
  const extra = new Set(hostSpec(config, host)?.programs ?? []);
  return [...programs.entries()].filter(([name, p]) => p.base || extra.has(name) || p.installedWhen?.(config, host)).map(([name]) => name).sort();
}

/** The program's entry wherever it is installed: the shell asks it for its interactive prompt. */
export function programNamed(name: string): ProgramEntry | null {
  return programs.get(name) ?? null;
}

/** Every program a package provides that some host may lack, with its packages (command-not-found's database, as far as the drill knows it). */
export function installablePrograms(): [string, Installable][] {
  return [...programs.entries()].flatMap(([name, p]) => (p.installable ? [[name, p.installable] as [string, Installable]] : []));
}
