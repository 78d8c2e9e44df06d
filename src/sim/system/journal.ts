/**
 * A host's journal as journalctl and `systemctl status` read it: what the host logged up to
 * the scenario's start (the kernel at boot, systemd starting each unit, the lines the scenario
 * gives its units) followed by what happened since (the world's journal: restarts, logins,
 * sudo), in time order, only what exists by the clock.
 */
import type { HostSpec } from '../../scenario/world';
import type { HostState, SimConfig } from '../world';
import { hostSpec } from '../world';
import { epochOf, partsOf } from '../time';
import { bootClockOf, DEFAULT_UPTIME_SECONDS } from './machine';
import { initialServices } from './init';
import { unitsOf } from './units';
import { kernelLog } from './kernelLog';
import type { ServiceState } from './state';
import { CRON_UNIT, cronLines, cronRunsOf, historyPids } from './cron';

export interface JournalRecord {
  /** Clock seconds (fractions for the kernel's boot lines). */
  at: number;
  /** The unit it belongs to; '' for none (sudo, su), `kernel` lines have `kernel: true`. */
  unit: string;
  identifier: string;
  pid?: number;
  message: string;
  /** 0 emerg … 7 debug. */
  priority: number;
  kernel: boolean;
}

const initialCache = new WeakMap<HostSpec, { boot: number; services: Record<string, ServiceState> }>();

/** The host's units as they were at the scenario's start (their PIDs name the lines logged before it). */
export function servicesAtStart(config: SimConfig, host: string, boot: number): Record<string, ServiceState> {
  const spec = hostSpec(config, host);
  if (!spec) return {};
  const known = initialCache.get(spec);
  if (known && known.boot === boot) return known.services;
  const services = initialServices(config, host, spec, boot + (spec.system?.uptimeSeconds ?? DEFAULT_UPTIME_SECONDS));
  initialCache.set(spec, { boot, services });
  return services;
}

/**
 * What the host logged before the scenario's start, and the lines the scenario scripted for
 * its units after it (those stop at the unit's first stop or restart: its process is gone).
 */
/** Most lines one repeating journal line makes: a drill's journal, not a production one. */
const MAX_REPEATED = 5_000;

function history(config: SimConfig, host: string, boot: number, state: HostState | undefined, now: number): JournalRecord[] {
  const changed = new Map<string, number>();
  for (const e of state?.journal ?? []) if (e.identifier === 'systemd' && e.unit && !changed.has(e.unit)) changed.set(e.unit, e.at);
  const spec = hostSpec(config, host);
  const records: JournalRecord[] = kernelLog(spec, epochOf(config.date, boot)).map((k) => ({ at: boot + k.offset, unit: '', identifier: 'kernel', message: k.text, priority: k.priority, kernel: true }));
  const start = servicesAtStart(config, host, boot);
  for (const def of unitsOf(config, host)) {
    const state = Object.hasOwn(start, def.name) ? start[def.name]! : undefined;
    if (state && (state.active === 'active' || state.active === 'failed')) {
      const systemd = (message: string, priority = 6): JournalRecord => ({ at: state.since, unit: def.name, identifier: 'systemd', pid: 1, message, priority, kernel: false });
      records.push(systemd(`Starting ${def.description}...`));
      if (state.active === 'active') records.push(systemd(`Started ${def.description}.`));
      else records.push(systemd(`Failed to start ${def.description}.`, 3), systemd(`${def.name}: Failed with result 'exit-code'.`, 4));
    }
    // HAProxy's worker is the process that logs (the master only supervises it).
    const pid = (def.kind === 'haproxy' ? state?.workers[0] : undefined) ?? state?.pid ?? state?.exited?.pid;
    const until = changed.get(def.name) ?? Number.POSITIVE_INFINITY;
    for (const line of def.journal) if (line.at < until) records.push({ at: line.at, unit: def.name, identifier: def.identifier, pid: pid ?? undefined, message: line.text, priority: line.priority, kernel: false });
    for (const r of def.journalRepeat) {
      const end = Math.min(now, until - 1, r.until ?? Number.POSITIVE_INFINITY);
      for (let at = r.from, n = 0; at <= end && n < MAX_REPEATED; at += r.every, n += 1) records.push({ at, unit: def.name, identifier: def.identifier, pid: pid ?? undefined, message: r.text, priority: r.priority, kernel: false });
    }
  }
  // cron's runs from its start to the scenario's start (the runs since are in the world's journal).
  const cron = Object.hasOwn(start, CRON_UNIT) ? start[CRON_UNIT]! : undefined;
  const begin = boot + (spec?.system?.uptimeSeconds ?? DEFAULT_UPTIME_SECONDS);
  if (cron && cron.active === 'active' && state) {
    const runs = cronRunsOf(state.files, config.date, Math.max(boot, cron.since), Math.min(now, begin, changed.get(CRON_UNIT) ?? Number.POSITIVE_INFINITY));
    const pids = historyPids(spec, host, runs, boot, begin);
    runs.forEach((run, i) => {
      for (const line of cronLines(run, pids[i]!)) records.push({ ...line, kernel: false });
    });
  }
  return records;
}

/** Every journal record of `host` that exists at clock `now`, oldest first. */
export function journalOf(config: SimConfig, host: string, state: HostState | undefined, now: number): JournalRecord[] {
  const boot = bootClockOf(state, hostSpec(config, host), now);
  const past = history(config, host, boot, state, now);
  const recorded: JournalRecord[] = (state?.journal ?? []).map((e) => ({ at: e.at, unit: e.unit, identifier: e.identifier, pid: e.pid, message: e.message, priority: e.priority ?? 6, kernel: false }));
  const all = [...past, ...recorded].filter((r) => r.at <= now);
  // A stable sort: lines written at the same second keep the order they were written in.
  return all.map((r, i) => ({ r, i })).sort((a, b) => a.r.at - b.r.at || a.i - b.i).map((x) => x.r);
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** `May 04 08:35:02`: journalctl's short time (the day zero-padded, unlike syslog's). */
export function journalTime(epoch: number): string {
  const p = partsOf(Math.floor(epoch));
  return `${MONTHS[p.month]} ${pad(p.day)} ${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}`;
}

/** `web-01 nginx[812]: message` — the part after the time in every output format but `cat`. */
export function journalSource(record: JournalRecord, hostname: string): string {
  const who = record.kernel ? 'kernel' : record.pid !== undefined ? `${record.identifier}[${record.pid}]` : record.identifier;
  return `${hostname} ${who}: ${record.message}`;
}

/** A record in journalctl's default `short` format. */
export function shortLine(config: SimConfig, record: JournalRecord, hostname: string): string {
  return `${journalTime(epochOf(config.date, 0) + record.at)} ${journalSource(record, hostname)}`;
}
