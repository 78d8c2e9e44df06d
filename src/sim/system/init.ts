/**
 * The systemd units a host starts with: every unit's state at the scenario's start, with the
 * PIDs it got at boot (or that the scenario pins because its logs name them), and `init.scope`,
 * whose `since` is the boot time.
 */
import type { HostSpec } from '../../scenario/world';
import type { SimConfig } from '../world';
import type { ExecRun, ServiceState } from './state';
import { unitsOf, type UnitDefinition } from './units';
import { kernelThreads } from './kernelThreads';
import { clockOfSpecTime } from './specTime';
import { DEFAULT_UPTIME_SECONDS, INIT_SCOPE, rootDeviceOf } from './machine';
import { pidBefore, startedAtBoot } from './pids';

/** The first PID handed to the scenario's own daemons at boot when it pins none. */
const FIRST_SCENARIO_PID = 880;

class PidPool {
  private used = new Set<number>();
  constructor(reserved: Iterable<number>) {
    for (const pid of reserved) this.used.add(pid);
  }
  has(pid: number): boolean {
    return this.used.has(pid);
  }
  take(pid: number): number {
    this.used.add(pid);
    return pid;
  }
  /** `wanted` if free, else the next free PID above it. */
  near(wanted: number): number {
    let pid = wanted;
    while (this.used.has(pid)) pid += 1;
    return this.take(pid);
  }
  /** A free PID just below `pid` (a helper that ran and exited before the daemon started). */
  below(pid: number): number | null {
    for (let p = pid - 1; p > pid - 40 && p > 1; p -= 1) if (!this.used.has(p)) return this.take(p);
    return null;
  }
}

function pinnedPids(spec: HostSpec): number[] {
  const pins: number[] = [];
  for (const u of spec.system?.units ?? []) {
    if (u.pid !== undefined) pins.push(u.pid);
    pins.push(...(u.workerPids ?? []));
  }
  for (const p of spec.system?.processes ?? []) if (p.pid !== undefined) pins.push(p.pid);
  return pins;
}

function helperRuns(def: UnitDefinition, main: number, at: number, pool: PidPool): ExecRun[] {
  const runs: ExecRun[] = [];
  if (def.type === 'forking') {
    const pid = pool.below(main);
    if (pid !== null) runs.push({ setting: 'ExecStart', pid, at, code: 'exited', status: 0 });
  }
  for (let i = 0; i < def.execStartPre.length; i += 1) {
    const pid = pool.below(runs[runs.length - 1]?.pid ?? main);
    if (pid !== null) runs.push({ setting: 'ExecStartPre', pid, at, code: 'exited', status: 0 });
  }
  return runs;
}

/** Every unit's state on `host` at `startClock`, PIDs unique on the host. */
export function initialServices(config: SimConfig, _host: string, spec: HostSpec, startClock: number): Record<string, ServiceState> {
  const boot = startClock - (spec.system?.uptimeSeconds ?? DEFAULT_UPTIME_SECONDS);
  const cpus = spec.system?.cpus ?? 2;
  const pool = new PidPool([1, ...kernelThreads(cpus, rootDeviceOf(spec)).map((t) => t.pid), ...pinnedPids(spec)]);
  const services: Record<string, ServiceState> = {};
  services[INIT_SCOPE] = { active: 'active', sub: 'running', pid: 1, since: boot, workers: [], workersSince: boot, enabled: 'static', ran: [], result: 'success' };
  const units = unitsOf(config, _host);
  // Boot order: Ubuntu's daemons at their usual PIDs, then the scenario's.
  const order = [...units].sort((a, b) => (a.initial.pid ?? Number.MAX_SAFE_INTEGER) - (b.initial.pid ?? Number.MAX_SAFE_INTEGER));
  let cursor = FIRST_SCENARIO_PID;
  let bootOffset = 2;
  for (const def of order) {
    const pinned = def.fromScenario && spec.system?.units?.some((u) => u.name === def.name && u.pid !== undefined);
    const since = def.initial.since ?? boot + Math.min(40, bootOffset);
    bootOffset += 1;
    if (def.initial.state !== 'active' || def.exitedAtBoot) {
      const active = def.initial.state === 'failed' ? 'failed' : def.exitedAtBoot && def.initial.state === 'active' ? 'active' : 'inactive';
      services[def.name] = {
        active,
        sub: active === 'failed' ? 'failed' : active === 'active' ? 'exited' : 'dead',
        pid: null,
        since: def.initial.since ?? (def.exitedAtBoot ? since : boot),
        workers: [],
        workersSince: null,
        enabled: def.enabled,
        ran: [],
        result: active === 'failed' ? 'exit-code' : 'success',
        ...(active === 'failed' ? { exited: { pid: pool.near(cursor), code: 'exited' as const, status: 1 } } : {}),
      };
      continue;
    }
    let main: number;
    if (pinned && def.initial.pid !== null) main = pool.take(def.initial.pid);
    else if (def.initial.pid !== null) main = pool.near(def.initial.pid);
    else if (!startedAtBoot(since, boot)) main = pool.near(pidBefore(spec, boot, startClock, since));
    else {
      main = pool.near(cursor + 3);
      cursor = main + 1;
    }
    const workers: number[] = [];
    for (let i = 0; i < (def.workers?.count ?? 0); i += 1) {
      const wanted = def.initial.workerPids[i];
      workers.push(wanted !== undefined ? pool.take(wanted) : pool.near((workers[workers.length - 1] ?? main) + 1));
    }
    if (workers.length) cursor = Math.max(cursor, workers[workers.length - 1]! + 1);
    services[def.name] = { active: 'active', sub: 'running', pid: main, since, workers, workersSince: since, enabled: def.enabled, ran: helperRuns(def, main, since, pool), result: 'success' };
  }
  // The scenario's other processes, each in its unit's cgroup (init.scope when it names none).
  (spec.system?.processes ?? []).forEach((p, index) => {
    const unit = p.unit && Object.hasOwn(services, p.unit) ? p.unit : INIT_SCOPE;
    const state = services[unit]!;
    if (unit !== INIT_SCOPE && state.pid === null) return;
    const started = clockOfSpecTime(config.date, p.started, startClock - 600);
    const pid = p.pid ?? pool.near(startedAtBoot(started, boot) ? Math.max(cursor, 1200) + index * 7 : pidBefore(spec, boot, startClock, started));
    services[unit] = { ...state, procs: [...(state.procs ?? []), { pid, index }] };
  });
  return services;
}
