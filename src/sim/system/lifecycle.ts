/**
 * What systemd does when a unit starts, stops, restarts or reloads, or its main process dies:
 * the new state (fresh PIDs, `since` = now), the helper commands that ran (the `Process:` lines
 * of `systemctl status`), systemd's own journal lines in its words ("Starting …", "Started …",
 * "Stopping …", "Stopped …", "Reloading …", "Reloaded …"), the program's start-up lines, and
 * the hooks other subsystems registered. Everything goes through the draft.
 *
 * Which of those happen is the unit's state machine's decision (src/sim/machines/unit.ts):
 * each job is one event sent through it with XState's pure `transition()`, and the actions it
 * returns are performed here, in order. Nothing here branches on the unit's state itself.
 */
import { transition } from 'xstate';
import type { Draft } from '../draft';
import type { ExecRun, ServiceState } from './state';
import { isRunning } from './state';
import type { UnitDefinition } from './units';
import { notifyUnitChange, type UnitChange } from './hooks';
import { newPid } from './pids';
import { pidsInUse } from './pidsInUse';
import { pidFileNode, pidFileOf } from './pidFiles';
import { runtimeFilesOf, runtimeFilesRemovedAtStop } from './stockFiles';
import { epochOf } from '../time';
import { relinkUnit } from './unitLinks';
import { startCheckFor } from './startChecks';
import { signalName } from './signals';
import { haproxyReloaded, haproxyStarted, haproxyStopped, nginxReconfigured, nginxSignalProcess } from './daemonLogs';
import type { StartFailure } from './startChecks';
import { exitedCleanly, unitMachine, unitSnapshot, type ProcessExit, type Refusal, type UnitEffect, type UnitEvent } from '../machines/unit';

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

/** One job on one unit while its machine's actions are performed: the PIDs taken, the helper commands run, what it came to. */
interface Job {
  host: string;
  def: UnitDefinition;
  event: UnitEvent;
  check: StartFailure | null;
  taken: Set<number>;
  runs: ExecRun[];
  outcome: JobOutcome;
}

/**
 * Sends `event` to the unit's machine (from the state the world holds) and performs what the
 * machine's transitions ask for, in order, on the draft. The unit's pre-start check is read once,
 * before: the machine's guards see its verdict, `runStartPre` and `runReload` print its lines.
 */
function runUnit(draft: Draft, host: string, def: UnitDefinition, event: UnitEvent, check: StartFailure | null): JobOutcome {
  const machine = unitMachine(def);
  const [, actions] = transition(machine, unitSnapshot(machine, stateOf(draft, host, def)), event);
  const job: Job = { host, def, event, check, taken: new Set(), runs: [], outcome: { ok: true } };
  for (const action of actions) perform(draft, job, action.type as UnitEffect | 'begin', action.params as { change?: UnitChange; reason?: Refusal } | undefined);
  return job.outcome;
}

function perform(draft: Draft, job: Job, effect: UnitEffect | 'begin', params: { change?: UnitChange; reason?: Refusal } | undefined): void {
  const { host, def } = job;
  switch (effect) {
    case 'begin':
      return;
    case 'announceStart':
      job.taken = pidsInUse(draft, host);
      job.runs = [];
      systemdSays(draft, host, def.name, `Starting ${def.description}...`);
      return;
    case 'runStartPre':
      for (let i = 0; i < def.execStartPre.length; i += 1) {
        const pid = fresh(draft, host, job.taken);
        const failed = job.check !== null && i === def.execStartPre.length - 1;
        if (failed) for (const line of job.check!.lines(pid)) unitSays(draft, host, def, pid, line, 3);
        job.runs.unshift({ setting: 'ExecStartPre', index: i, pid, at: draft.clock, code: 'exited', status: failed ? job.check!.status : 0 });
      }
      return;
    case 'failStart': {
      const status = job.check?.status ?? 1;
      if (def.execStartPre.length === 0) job.runs.unshift({ setting: 'ExecStart', pid: fresh(draft, host, job.taken), at: draft.clock, code: 'exited', status });
      systemdSays(draft, host, def.name, `${def.name}: Control process exited, code=exited status=${status}`, 5);
      systemdSays(draft, host, def.name, `Failed to start ${def.description}.`, 3);
      systemdSays(draft, host, def.name, `${def.name}: Failed with result 'exit-code'.`, 4);
      const state = stateOf(draft, host, def);
      draft.setService(host, def.name, { ...state, active: 'failed', sub: 'failed', pid: null, workers: [], workersSince: null, since: draft.clock, ran: withRuns(state.ran, job.runs), result: 'exit-code' });
      job.outcome = { ok: false, reason: 'control-failed' };
      return;
    }
    case 'markExited': {
      const state = stateOf(draft, host, def);
      draft.setService(host, def.name, { ...state, active: 'active', sub: 'exited', pid: null, workers: [], since: draft.clock, ran: withRuns(state.ran, [{ setting: 'ExecStart', pid: fresh(draft, host, job.taken), at: draft.clock, code: 'exited', status: 0 }, ...job.runs]), result: 'success' });
      systemdSays(draft, host, def.name, `Started ${def.description}.`);
      return;
    }
    case 'spawnMain': {
      // A forking daemon's ExecStart process forks the real one and exits.
      if (def.type === 'forking') job.runs.unshift({ setting: 'ExecStart', pid: fresh(draft, host, job.taken), at: draft.clock, code: 'exited', status: 0 });
      const main = fresh(draft, host, job.taken);
      const workers: number[] = [];
      for (let i = 0; i < (def.workers?.count ?? 0); i += 1) workers.push(fresh(draft, host, job.taken));
      const state = stateOf(draft, host, def);
      draft.setService(host, def.name, { ...state, active: 'active', sub: 'running', pid: main, workers, workersSince: draft.clock, since: draft.clock, ran: withRuns(state.ran, job.runs), exited: undefined, result: 'success', procs: [] });
      const pidFile = pidFileOf(def);
      if (pidFile) draft.setFile(host, pidFile, pidFileNode(def, main, epochOf(draft.config.date, draft.clock)));
      // Its sockets (HAProxy's stats socket, mysqld's), made anew.
      for (const [path, node] of Object.entries(runtimeFilesOf(def.kind, draft.host(host)?.files ?? {}, main, epochOf(draft.config.date, draft.clock)))) draft.setFile(host, path, node);
      // Type=simple is started as soon as it is forked, before the program says anything;
      // Type=notify once it reports READY=1, Type=forking once the parent exits: after its lines.
      if (def.type === 'simple') systemdSays(draft, host, def.name, `Started ${def.description}.`);
      for (const line of def.startLog) unitSays(draft, host, def, main, line);
      if (def.kind === 'haproxy') haproxyStarted(draft, host, def, main);
      if (def.type !== 'simple') systemdSays(draft, host, def.name, `Started ${def.description}.`);
      return;
    }
    case 'stopMain':
      stopMain(draft, host, def);
      return;
    case 'resetFailed':
      draft.setService(host, def.name, { ...stateOf(draft, host, def), active: 'inactive', sub: 'dead' });
      return;
    case 'announceReload':
      job.taken = pidsInUse(draft, host);
      job.runs = [];
      systemdSays(draft, host, def.name, `Reloading ${def.description}.`);
      return;
    case 'runReload':
      for (let i = 0; i < def.execReload.length; i += 1) {
        const pid = fresh(draft, host, job.taken);
        const failed = job.check !== null && i === 0;
        if (failed) for (const line of job.check!.lines(pid)) unitSays(draft, host, def, pid, line, 3);
        job.runs.unshift({ setting: 'ExecReload', index: i, pid, at: draft.clock, code: 'exited', status: failed ? job.check!.status : 0 });
        if (failed) break;
      }
      return;
    case 'failReload': {
      systemdSays(draft, host, def.name, `${def.name}: Control process exited, code=exited status=${job.check?.status ?? 1}`, 5);
      systemdSays(draft, host, def.name, `Reload failed for ${def.description}.`, 3);
      const state = stateOf(draft, host, def);
      draft.setService(host, def.name, { ...state, ran: withRuns(state.ran, job.runs) });
      job.outcome = { ok: false, reason: 'control-failed' };
      return;
    }
    case 'replaceWorkers': {
      const state = stateOf(draft, host, def);
      const workers = def.kind === 'nginx' || def.kind === 'haproxy' ? state.workers.map(() => fresh(draft, host, job.taken)) : state.workers;
      if (def.kind === 'haproxy' && state.pid !== null) haproxyReloaded(draft, host, def, state.pid, state.workers);
      if (def.kind === 'nginx' && state.pid !== null) {
        const signaller = job.runs.find((r) => r.setting === 'ExecReload');
        if (signaller) nginxSignalProcess(draft, host, signaller.pid);
        nginxReconfigured(draft, host, state.pid, workers, state.workers);
      }
      draft.setService(host, def.name, { ...state, workers, workersSince: workers === state.workers ? state.workersSince : draft.clock, ran: withRuns(state.ran, job.runs) });
      systemdSays(draft, host, def.name, `Reloaded ${def.description}.`);
      return;
    }
    case 'recordExit':
      if (job.event.type === 'unit.main-exited') recordExit(draft, host, def, job.event.how);
      return;
    case 'scheduleRestart':
      systemdSays(draft, host, def.name, `${def.name}: Service hold-off time over, scheduling restart.`);
      systemdSays(draft, host, def.name, `${def.name}: Scheduled restart job, restart counter is at 1.`);
      systemdSays(draft, host, def.name, `Stopped ${def.description}.`);
      return;
    case 'notify':
      tell(draft, host, def, params!.change!);
      return;
    case 'refuse':
      job.outcome = { ok: false, reason: params!.reason! };
      return;
  }
}

function stopMain(draft: Draft, host: string, def: UnitDefinition): void {
  const state = stateOf(draft, host, def);
  const taken = pidsInUse(draft, host);
  systemdSays(draft, host, def.name, `Stopping ${def.description}...`);
  if (def.kind === 'haproxy' && state.pid !== null) haproxyStopped(draft, host, def, state.pid, state.workers);
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
  // A daemon removes its PID file as it exits.
  const pidFile = pidFileOf(def);
  if (pidFile && draft.host(host)?.files[pidFile]) draft.setFile(host, pidFile, null);
  for (const path of runtimeFilesRemovedAtStop(def.kind)) if (draft.host(host)?.files[path]) draft.setFile(host, path, null);
  systemdSays(draft, host, def.name, `Stopped ${def.description}.`);
}

/** The main process is gone: systemd's words when it failed, and the unit inactive or failed. */
function recordExit(draft: Draft, host: string, def: UnitDefinition, how: ProcessExit): void {
  const state = stateOf(draft, host, def);
  const failed = !exitedCleanly(def, how);
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
    exited: { pid: state.pid!, code: how.code, status: how.status },
    result: failed ? (how.code === 'exited' ? 'exit-code' : 'signal') : 'success',
    procs: [],
  });
}

/** The unit's pre-start check as things stand (null: it passes, or the unit has none). */
function checkNow(draft: Draft, host: string, def: UnitDefinition): StartFailure | null {
  return startCheckFor(def)?.(draft, host, def) ?? null;
}

function send(draft: Draft, host: string, def: UnitDefinition, type: 'unit.start' | 'unit.restart' | 'unit.try-restart' | 'unit.reload'): JobOutcome {
  const check = checkNow(draft, host, def);
  return runUnit(draft, host, def, { type, configOk: check === null }, check);
}

/** `systemctl start`: nothing to do when it already runs. */
export function startUnit(draft: Draft, host: string, def: UnitDefinition): JobOutcome {
  return send(draft, host, def, 'unit.start');
}

/** `systemctl stop`: nothing to do when it is not running; a failed unit is reset to inactive. */
export function stopUnit(draft: Draft, host: string, def: UnitDefinition): JobOutcome {
  return runUnit(draft, host, def, { type: 'unit.stop' }, null);
}

/** `systemctl restart`: stop (when it runs) then start, new PIDs and start time. */
export function restartUnit(draft: Draft, host: string, def: UnitDefinition): JobOutcome {
  return send(draft, host, def, 'unit.restart');
}

/** `systemctl try-restart`: restart only what runs. */
export function tryRestartUnit(draft: Draft, host: string, def: UnitDefinition): JobOutcome {
  return send(draft, host, def, 'unit.try-restart');
}

/**
 * `systemctl reload`: the daemon re-reads its configuration. nginx starts new workers (new
 * PIDs) under the same master; the main PID and `since` stay.
 */
export function reloadUnit(draft: Draft, host: string, def: UnitDefinition): JobOutcome {
  return send(draft, host, def, 'unit.reload');
}

/**
 * The unit's main process died from outside systemd (kill): the unit becomes inactive (clean
 * exit) or failed (killed), and systemd starts it again when its Restart= says so.
 */
export function mainProcessDied(draft: Draft, host: string, def: UnitDefinition, how: ProcessExit): void {
  const check = def.restart === 'no' ? null : checkNow(draft, host, def);
  runUnit(draft, host, def, { type: 'unit.main-exited', how, configOk: check === null }, check);
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
  relinkUnit(draft, host, def, state.enabled, enabled ? 'enabled' : 'disabled');
}

/** nginx's master re-reads its configuration on SIGHUP (HAProxy's on SIGUSR2): new workers, no word from systemd; a broken file changes nothing. */
export function reloadWorkers(draft: Draft, host: string, def: UnitDefinition): void {
  const state = stateOf(draft, host, def);
  if (!isRunning(state) || (startCheckFor(def)?.(draft, host, def) ?? null) !== null) return;
  const taken = pidsInUse(draft, host);
  const workers = state.workers.map(() => fresh(draft, host, taken));
  draft.setService(host, def.name, { ...state, workers, workersSince: draft.clock });
  if (def.kind === 'nginx' && state.pid !== null) nginxReconfigured(draft, host, state.pid, workers, state.workers);
  if (def.kind === 'haproxy' && state.pid !== null) haproxyReloaded(draft, host, def, state.pid, state.workers);
}
