/**
 * A systemd unit's state on one host: what `systemctl is-active` answers, the main process and
 * its workers, when it entered that state, and what ran for it last (the `Process:` lines of
 * `systemctl status`). Plain data in the world; the unit's fixed facts (description, command
 * lines, listen addresses) are in its definition (`units.ts`).
 *
 * Other subsystems read it: the network answers on a unit's `listen` addresses only while
 * `active === 'active'`; MySQL's server is up while its unit is.
 */

/** `systemctl is-active`'s words. */
export type ActiveState = 'active' | 'inactive' | 'failed' | 'activating' | 'deactivating' | 'reloading';

/** `systemctl is-enabled`'s words (the unit file's state). */
export type UnitFileState = 'enabled' | 'disabled' | 'static' | 'masked';

/** One of the unit's command lines that systemd ran and that has exited. */
export interface ExecRun {
  /** Which setting it came from: ExecStartPre, ExecStart (of a forking daemon), ExecReload, ExecStop. */
  setting: 'ExecStartPre' | 'ExecStart' | 'ExecReload' | 'ExecStop';
  /** Which of the setting's command lines (HAProxy reloads with two). */
  index?: number;
  pid: number;
  /** Clock seconds it ran at. */
  at: number;
  /** How it ended: `code=exited, status=0/SUCCESS`. */
  code: 'exited' | 'killed';
  status: number;
}

export interface ServiceState {
  /** `active`, `inactive`, `failed`… as `systemctl is-active` prints it. */
  active: ActiveState;
  /** `running`, `dead`, `exited`, `failed`: the sub-state in `Active: active (running)`. */
  sub: string;
  /** The main process, while it runs. */
  pid: number | null;
  /** Clock seconds when it last entered its current state (may be before the scenario's day: negative). */
  since: number;
  /** Worker processes (nginx's, HAProxy's), while it runs. */
  workers: readonly number[];
  /** Clock seconds the workers were started (a reload replaces them; the main process stays). */
  workersSince: number | null;
  /** The unit file's state; `systemctl enable`/`disable` change it. */
  enabled: UnitFileState;
  /** The helper commands of its last start, reload and stop, newest first, one per setting. */
  ran: readonly ExecRun[];
  /** How its last main process ended, once it is not running (`Main PID: 812 (code=exited, status=0/SUCCESS)`). */
  exited?: { pid: number; code: 'exited' | 'killed'; status: number };
  /**
   * Processes of the scenario's `processes` list that live in this unit's cgroup and still run:
   * their PID and their index in that list. (`init.scope` holds those the scenario puts in no unit.)
   */
  procs?: readonly { pid: number; index: number }[];
  /** Why it failed: systemd's Result= (`exit-code`, `signal`), or `success`. */
  result: 'success' | 'exit-code' | 'signal';
}

/** True while the unit's processes run and its sockets answer. */
export function isRunning(state: ServiceState | undefined): boolean {
  return state !== undefined && (state.active === 'active' || state.active === 'reloading') && state.pid !== null;
}
