/**
 * What systemd does when a unit starts, stops, restarts or reloads, or its main process dies:
 * the new state (fresh PIDs, `since` = now), the helper commands that ran (the `Process:` lines
 * of `systemctl status`), systemd's own journal lines in its words ("Starting …", "Started …",
 * "Stopping …", "Stopped …", "Reloading …", "Reloaded …"), the program's start-up lines, and
 * the hooks other subsystems registered. Everything goes through the draft.
 */
import type { Draft } from '../draft';
import type { ExecRun, ServiceState } from './state';
import { isRunning } from './state';
import type { UnitDefinition } from './units';
import { notifyUnitChange, type UnitChange } from './hooks';
import { newPid } from './pids';
import { pidsInUse } from './pidsInUse';
import { startCheckFor } from './startChecks';
import { signalName } from './signals';

/** How a job ended, as systemctl reports it. */
export type JobOutcome =
  | { ok: true }
  | { ok: false; reason: 'control-failed' }
  | { ok: false; reason: 'not-applicable' }
  | { ok: false; reason: 'inactive' };

/** A line systemd (PID 1) writes to the journal about a unit. */
export function systemdSays(draft: Draft, host: string, unit: string, message: string, priority = 6): void {
  draft.journal(host, { at: draft.clock, unit, identifier: 'systemd', pid: 1, message, priority });
}

/** A line the unit's own program writes (its stdout/stderr go to the journal). */
export function unitSays(draft: Draft, host: string, def: UnitDefinition, pid: number, message: string, priority = 6): void {
  draft.journal(host, { at: draft.clock, unit: def.name, identifier: def.identifier, pid, message, priority });
}

function stateOf(draft: Draft, host: string, def: UnitDefinition): ServiceState {
  const services = draft.host(host)?.services ?? {};
  return Object.hasOwn(services, def.name)
    ? services[def.name]!
    : { active: 'inactive', sub: 'dead', pid: null, since: draft.clock, workers: [], workersSince: null, enabled: def.enabled, ran: [], result: 'success' };
}

/** Keeps the newest run of each setting: a new ExecStartPre replaces the old one, the last ExecStop stays. */
function withRuns(old: readonly ExecRun[], fresh: readonly ExecRun[]): ExecRun[] {
  const settings = new Set(fresh.map((r) => r.setting));
  return [...fresh, ...old.filter((r) => !settings.has(r.setting))];
}

function fresh(draft: Draft, host: string, taken: Set<number>): number {
  const pid = newPid(draft, host, taken);
  taken.add(pid);
  return pid;
}

/** How the main process ends when systemd stops it (SIGTERM): daemons exit 0, HAProxy 143, a bare program is killed. */
function stopExit(def: UnitDefinition): NonNullable<ServiceState['exited']> & { pid: 0 } {
  if (def.kind === 'haproxy') return { pid: 0, code: 'exited', status: 143 };
  if (def.kind === 'app' || def.kind === 'generic') return { pid: 0, code: 'killed', status: 15 };
  return { pid: 0, code: 'exited', status: 0 };
}

function tell(draft: Draft, host: string, def: UnitDefinition, change: UnitChange): void {
  const state = stateOf(draft, host, def);
  notifyUnitChange(draft, { host, unit: def.name, kind: def.kind, change, pid: state.pid, at: draft.clock });
}

function stopNow(draft: Draft, host: string, def: UnitDefinition): void {
  const state = stateOf(draft, host, def);
  const taken = pidsInUse(draft, host);
  systemdSays(draft, host, def.name, `Stopping ${def.description}...`);
  const runs: ExecRun[] = def.execStop ? [{ setting: 'ExecStop', pid: fresh(draft, host, taken), at: draft.clock, code: 'exited', status: 0 }] : [];
  const exit = stopExit(def);
  draft.setService(host, def.name, {
    ...state,
    active: 'inactive',
    sub: 'dead',
    pid: null,
    workers: [],
    workersSince: null,
    since: draft.clock,
    ran: withRuns(state.ran, runs),
    exited: state.pid !== null ? { pid: state.pid, code: exit.code, status: exit.status } : state.exited,
    result: 'success',
    procs: [],
  });
  systemdSays(draft, host, def.name, `Stopped ${def.description}.`);
}

/** Starts the unit's processes, or fails as its pre-start check (nginx -t) does. */
function startNow(draft: Draft, host: string, def: UnitDefinition): JobOutcome {
  const state = stateOf(draft, host, def);
  const taken = pidsInUse(draft, host);
  systemdSays(draft, host, def.name, `Starting ${def.description}...`);
  const runs: ExecRun[] = [];
  const check = startCheckFor(def)?.(draft, host, def) ?? null;
  for (let i = 0; i < def.execStartPre.length; i += 1) {
    const pid = fresh(draft, host, taken);
    const failed = check !== null && i === def.execStartPre.length - 1;
    if (failed) for (const line of check.lines(pid)) unitSays(draft, host, def, pid, line, 3);
    runs.unshift({ setting: 'ExecStartPre', index: i, pid, at: draft.clock, code: 'exited', status: failed ? check.status : 0 });
  }
  if (check !== null) {
    if (def.execStartPre.length === 0) runs.unshift({ setting: 'ExecStart', pid: fresh(draft, host, taken), at: draft.clock, code: 'exited', status: check.status });
    systemdSays(draft, host, def.name, `${def.name}: Control process exited, code=exited status=${check.status}`, 5);
    systemdSays(draft, host, def.name, `Failed to start ${def.description}.`, 3);
    systemdSays(draft, host, def.name, `${def.name}: Failed with result 'exit-code'.`, 4);
    draft.setService(host, def.name, { ...state, active: 'failed', sub: 'failed', pid: null, workers: [], workersSince: null, since: draft.clock, ran: withRuns(state.ran, runs), result: 'exit-code' });
    return { ok: false, reason: 'control-failed' };
  }
  if (def.exitedAtBoot) {
    draft.setService(host, def.name, { ...state, active: 'active', sub: 'exited', pid: null, workers: [], since: draft.clock, ran: withRuns(state.ran, [{ setting: 'ExecStart', pid: fresh(draft, host, taken), at: draft.clock, code: 'exited', status: 0 }, ...runs]), result: 'success' });
    systemdSays(draft, host, def.name, `Started ${def.description}.`);
    return { ok: true };
  }
  // A forking daemon's ExecStart process forks the real one and exits.
  if (def.type === 'forking') runs.unshift({ setting: 'ExecStart', pid: fresh(draft, host, taken), at: draft.clock, code: 'exited', status: 0 });
  const main = fresh(draft, host, taken);
  const workers: number[] = [];
  for (let i = 0; i < (def.workers?.count ?? 0); i += 1) workers.push(fresh(draft, host, taken));
  draft.setService(host, def.name, { ...state, active: 'active', sub: 'running', pid: main, workers, workersSince: draft.clock, since: draft.clock, ran: withRuns(state.ran, runs), exited: undefined, result: 'success', procs: [] });
  for (const line of def.startLog) unitSays(draft, host, def, main, line);
  systemdSays(draft, host, def.name, `Started ${def.description}.`);
  return { ok: true };
}

/** `systemctl start`: nothing to do when it already runs. */
export function startUnit(draft: Draft, host: string, def: UnitDefinition): JobOutcome {
  const state = stateOf(draft, host, def);
  if (state.active === 'active') return { ok: true };
  const outcome = startNow(draft, host, def);
  tell(draft, host, def, 'start');
  return outcome;
}

/** `systemctl stop`: nothing to do when it is not running. */
export function stopUnit(draft: Draft, host: string, def: UnitDefinition): JobOutcome {
  const state = stateOf(draft, host, def);
  if (state.active !== 'active' && state.active !== 'reloading') {
    // A failed unit that is stopped is reset to inactive, as systemd does.
    if (state.active === 'failed') draft.setService(host, def.name, { ...state, active: 'inactive', sub: 'dead' });
    return { ok: true };
  }
  stopNow(draft, host, def);
  tell(draft, host, def, 'stop');
  return { ok: true };
}

/** `systemctl restart`: stop (when it runs) then start, new PIDs and start time. */
export function restartUnit(draft: Draft, host: string, def: UnitDefinition): JobOutcome {
  const state = stateOf(draft, host, def);
  const wasRunning = state.active === 'active';
  if (wasRunning && !def.exitedAtBoot) stopNow(draft, host, def);
  const outcome = startNow(draft, host, def);
  tell(draft, host, def, wasRunning ? 'restart' : 'start');
  return outcome;
}

/** `systemctl try-restart`: restart only what runs. */
export function tryRestartUnit(draft: Draft, host: string, def: UnitDefinition): JobOutcome {
  return stateOf(draft, host, def).active === 'active' ? restartUnit(draft, host, def) : { ok: true };
}

/**
 * `systemctl reload`: the daemon re-reads its configuration. nginx starts new workers (new
 * PIDs) under the same master; the main PID and `since` stay.
 */
export function reloadUnit(draft: Draft, host: string, def: UnitDefinition): JobOutcome {
  if (def.execReload.length === 0) return { ok: false, reason: 'not-applicable' };
  const state = stateOf(draft, host, def);
  if (!isRunning(state)) return { ok: false, reason: 'inactive' };
  const taken = pidsInUse(draft, host);
  systemdSays(draft, host, def.name, `Reloading ${def.description}.`);
  const check = startCheckFor(def)?.(draft, host, def) ?? null;
  const runs: ExecRun[] = [];
  for (let i = 0; i < def.execReload.length; i += 1) {
    const pid = fresh(draft, host, taken);
    if (check !== null && i === 0) for (const line of check.lines(pid)) unitSays(draft, host, def, pid, line, 3);
    runs.unshift({ setting: 'ExecReload', index: i, pid, at: draft.clock, code: 'exited', status: check !== null && i === 0 ? check.status : 0 });
    if (check !== null) break;
  }
  if (check !== null) {
    systemdSays(draft, host, def.name, `${def.name}: Control process exited, code=exited status=${check.status}`, 5);
    systemdSays(draft, host, def.name, `Reload failed for ${def.description}.`, 3);
    draft.setService(host, def.name, { ...state, ran: withRuns(state.ran, runs) });
    return { ok: false, reason: 'control-failed' };
  }
  const workers = def.kind === 'nginx' || def.kind === 'haproxy' ? state.workers.map(() => fresh(draft, host, taken)) : state.workers;
  draft.setService(host, def.name, { ...state, workers, workersSince: workers === state.workers ? state.workersSince : draft.clock, ran: withRuns(state.ran, runs) });
  systemdSays(draft, host, def.name, `Reloaded ${def.description}.`);
  tell(draft, host, def, 'reload');
  return { ok: true };
}

/**
 * The unit's main process died from outside systemd (kill): the unit becomes inactive (clean
 * exit) or failed (killed), and systemd starts it again when its Restart= says so.
 */
export function mainProcessDied(draft: Draft, host: string, def: UnitDefinition, how: { code: 'exited' | 'killed'; status: number }): void {
  const state = stateOf(draft, host, def);
  if (state.pid === null) return;
  const clean = how.code === 'exited' ? how.status === 0 || (def.kind === 'haproxy' && how.status === 143) : how.status === 15 || how.status === 1 || how.status === 2 || how.status === 13;
  const failed = !clean;
  if (failed) {
    const detail = how.code === 'exited' ? `code=exited, status=${how.status}/FAILURE` : `code=killed, status=${how.status}/${signalName(how.status)}`;
    systemdSays(draft, host, def.name, `${def.name}: Main process exited, ${detail}`, 5);
    systemdSays(draft, host, def.name, `${def.name}: Failed with result '${how.code === 'exited' ? 'exit-code' : 'signal'}'.`, 4);
  }
  draft.setService(host, def.name, {
    ...state,
    active: failed ? 'failed' : 'inactive',
    sub: failed ? 'failed' : 'dead',
    pid: null,
    workers: [],
    workersSince: null,
    since: draft.clock,
    exited: { pid: state.pid, code: how.code, status: how.status },
    result: failed ? (how.code === 'exited' ? 'exit-code' : 'signal') : 'success',
    procs: [],
  });
  const restarts = def.restart === 'always' || (def.restart === 'on-failure' && failed);
  if (!restarts) {
    tell(draft, host, def, 'died');
    return;
  }
  systemdSays(draft, host, def.name, `${def.name}: Service hold-off time over, scheduling restart.`);
  systemdSays(draft, host, def.name, `${def.name}: Scheduled restart job, restart counter is at 1.`);
  systemdSays(draft, host, def.name, `Stopped ${def.description}.`);
  startNow(draft, host, def);
  tell(draft, host, def, 'restart');
}

/** A worker died: its master starts a new one in its place (nginx and HAProxy do). */
export function workerDied(draft: Draft, host: string, def: UnitDefinition, pid: number): void {
  const state = stateOf(draft, host, def);
  const taken = pidsInUse(draft, host);
  draft.setService(host, def.name, { ...state, workers: state.workers.map((w) => (w === pid ? fresh(draft, host, taken) : w)) });
}

/** `systemctl enable` / `disable`: the unit file's state (nothing starts or stops now). */
export function setEnabled(draft: Draft, host: string, def: UnitDefinition, enabled: boolean): void {
  const state = stateOf(draft, host, def);
  draft.setService(host, def.name, { ...state, enabled: enabled ? 'enabled' : 'disabled' });
}

/** nginx's master re-reads its configuration on SIGHUP: new workers, no word from systemd; a broken file changes nothing. */
export function reloadWorkers(draft: Draft, host: string, def: UnitDefinition): void {
  const state = stateOf(draft, host, def);
  if (!isRunning(state) || (startCheckFor(def)?.(draft, host, def) ?? null) !== null) return;
  const taken = pidsInUse(draft, host);
  draft.setService(host, def.name, { ...state, workers: state.workers.map(() => fresh(draft, host, taken)), workersSince: draft.clock });
}
