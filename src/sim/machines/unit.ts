/**
 * A systemd unit as a state machine: inactive ⇄ activating → active (running | exited) ⇄
 * reloading, deactivating, failed. Built per unit from its definition (whether it can reload,
 * whether it exits at boot, its Restart=, how its daemon exits on SIGTERM), so the guards are
 * the unit's own facts.
 *
 * The machine decides; it does nothing itself. Its actions are placeholders named for what
 * systemd does (`spawnMain`, `stopMain`, `failStart`, `notify`…): `lifecycle.ts` sends the
 * event through XState's pure `transition()` and performs the actions it returns, in order, on
 * the draft. The machine's snapshot is not stored: a unit's `ServiceState` (`active`, `pid`) is
 * its serialised form, read back with `unitSnapshot`, so the world stays plain data.
 */
import { assign, setup, type SnapshotFrom } from 'xstate';
import type { UnitChange } from '../system/hooks';
import type { ServiceState } from '../system/state';
import type { UnitDefinition } from '../system/units';

/** The unit's facts the machine's guards read (a `UnitDefinition` has them all). */
export type UnitFacts = Pick<UnitDefinition, 'name' | 'kind' | 'execReload' | 'exitedAtBoot' | 'restart'>;

/** How a main process ended: `code=exited, status=0` or `code=killed, status=9`. */
export interface ProcessExit {
  code: 'exited' | 'killed';
  status: number;
}

/**
 * What happens to a unit. `configOk` is the unit's pre-start check (nginx -t, haproxy -c) as it
 * stands now: the machine reads it, it does not run it.
 */
export type UnitEvent =
  | { type: 'unit.start'; configOk: boolean }
  | { type: 'unit.stop' }
  | { type: 'unit.restart'; configOk: boolean }
  | { type: 'unit.try-restart'; configOk: boolean }
  | { type: 'unit.reload'; configOk: boolean }
  | { type: 'unit.main-exited'; how: ProcessExit; configOk: boolean };

/** Why a job did nothing: `systemctl reload` of a unit that has no ExecReload, or that is not running. */
export type Refusal = 'not-applicable' | 'inactive';

export interface UnitContext {
  /** What the hooks are told once the job settles (set as the job begins). */
  change: UnitChange | null;
}

/** The named effects a unit's transitions ask for, in the order `lifecycle.ts` performs them. */
export type UnitEffect =
  | 'announceStart'
  | 'runStartPre'
  | 'failStart'
  | 'markExited'
  | 'spawnMain'
  | 'stopMain'
  | 'resetFailed'
  | 'announceReload'
  | 'runReload'
  | 'failReload'
  | 'replaceWorkers'
  | 'recordExit'
  | 'scheduleRestart'
  | 'notify'
  | 'refuse';

/** True when a main process's end counts as clean for systemd (no `failed`): exit 0, or death by a signal systemd sends. */
export function exitedCleanly(unit: Pick<UnitFacts, 'kind'>, how: ProcessExit): boolean {
  return how.code === 'exited' ? how.status === 0 || (unit.kind === 'haproxy' && how.status === 143) : how.status === 15 || how.status === 1 || how.status === 2 || how.status === 13;
}

const noop = () => {};

function build(unit: UnitFacts) {
  const restartsAfter = (how: ProcessExit) => unit.restart === 'always' || (unit.restart === 'on-failure' && !exitedCleanly(unit, how));
  const configOk = (event: UnitEvent) => !('configOk' in event) || event.configOk;
  const notApplicable = { guard: 'cannotReload', actions: { type: 'refuse', params: { reason: 'not-applicable' } } } as const;
  const refuseReload = [notApplicable, { actions: { type: 'refuse', params: { reason: 'inactive' } } }] as const;
  return setup({
    types: {
      context: {} as UnitContext,
      events: {} as UnitEvent,
    },
    actions: {
      begin: assign((_, params: { change: UnitChange }) => ({ change: params.change })),
      announceStart: noop,
      runStartPre: noop,
      failStart: noop,
      markExited: noop,
      spawnMain: noop,
      stopMain: noop,
      resetFailed: noop,
      announceReload: noop,
      runReload: noop,
      failReload: noop,
      replaceWorkers: noop,
      recordExit: noop,
      scheduleRestart: noop,
      notify: (_, _params: { change: UnitChange }) => {},
      refuse: (_, _params: { reason: Refusal }) => {},
    },
    guards: {
      cannotReload: () => unit.execReload.length === 0,
      configBroken: ({ event }) => !configOk(event),
      exitsAtOnce: () => unit.exitedAtBoot,
      restarting: ({ context }) => context.change === 'restart',
      restartsAfterExit: ({ event }) => event.type === 'unit.main-exited' && restartsAfter(event.how),
      exitedCleanly: ({ event }) => event.type === 'unit.main-exited' && exitedCleanly(unit, event.how),
    },
  }).createMachine({
    id: 'unit',
    context: { change: null },
    initial: 'inactive',
    states: {
      inactive: {
        on: {
          'unit.start': { target: 'activating', actions: { type: 'begin', params: { change: 'start' } } },
          'unit.restart': { target: 'activating', actions: { type: 'begin', params: { change: 'start' } } },
          'unit.reload': refuseReload,
        },
      },
      activating: {
        entry: ['announceStart', 'runStartPre'],
        always: [
          { guard: 'configBroken', target: 'failed', actions: ['failStart', { type: 'notify', params: ({ context }) => ({ change: context.change ?? 'start' }) }] },
          { guard: 'exitsAtOnce', target: 'active.exited', actions: ['markExited', { type: 'notify', params: ({ context }) => ({ change: context.change ?? 'start' }) }] },
          { target: 'active.running', actions: ['spawnMain', { type: 'notify', params: ({ context }) => ({ change: context.change ?? 'start' }) }] },
        ],
      },
      active: {
        initial: 'running',
        on: {
          'unit.stop': { target: 'deactivating', actions: { type: 'begin', params: { change: 'stop' } } },
        },
        states: {
          running: {
            on: {
              'unit.restart': { target: '#unit.deactivating', actions: { type: 'begin', params: { change: 'restart' } } },
              'unit.try-restart': { target: '#unit.deactivating', actions: { type: 'begin', params: { change: 'restart' } } },
              'unit.reload': [notApplicable, { target: 'reloading' }],
              'unit.main-exited': [
                { guard: 'restartsAfterExit', target: '#unit.activating', actions: ['recordExit', 'scheduleRestart', { type: 'begin', params: { change: 'restart' } }] },
                { guard: 'exitedCleanly', target: '#unit.inactive', actions: ['recordExit', { type: 'notify', params: { change: 'died' } }] },
                { target: '#unit.failed', actions: ['recordExit', { type: 'notify', params: { change: 'died' } }] },
              ],
            },
          },
          // A one-shot unit that ran and stays active with no process: a restart runs it again, a reload has nothing to reload.
          exited: {
            on: {
              'unit.restart': { target: '#unit.activating', actions: { type: 'begin', params: { change: 'restart' } } },
              'unit.try-restart': { target: '#unit.activating', actions: { type: 'begin', params: { change: 'restart' } } },
              'unit.reload': refuseReload,
            },
          },
          reloading: {
            entry: ['announceReload', 'runReload'],
            always: [
              { guard: 'configBroken', target: 'running', actions: 'failReload' },
              { target: 'running', actions: ['replaceWorkers', { type: 'notify', params: { change: 'reload' } }] },
            ],
          },
        },
      },
      deactivating: {
        entry: 'stopMain',
        always: [
          { guard: 'restarting', target: 'activating' },
          { target: 'inactive', actions: { type: 'notify', params: { change: 'stop' } } },
        ],
      },
      failed: {
        on: {
          'unit.start': { target: 'activating', actions: { type: 'begin', params: { change: 'start' } } },
          'unit.restart': { target: 'activating', actions: { type: 'begin', params: { change: 'start' } } },
          // systemd resets a failed unit that is stopped.
          'unit.stop': { target: 'inactive', actions: 'resetFailed' },
          'unit.reload': refuseReload,
        },
      },
    },
  });
}

export type UnitMachine = ReturnType<typeof build>;
export type UnitSnapshot = SnapshotFrom<UnitMachine>;

const machines = new WeakMap<UnitFacts, UnitMachine>();

/** The unit's machine (one per definition, kept). */
export function unitMachine(unit: UnitFacts): UnitMachine {
  let machine = machines.get(unit);
  if (!machine) machines.set(unit, (machine = build(unit)));
  return machine;
}

/** Which resting state a unit's data is in: `active`/`reloading` with a process is running, without one exited. */
export function unitStateValue(state: Pick<ServiceState, 'active' | 'pid'>): 'inactive' | 'failed' | { active: 'running' | 'exited' } {
  if (state.active === 'failed') return 'failed';
  if (state.active === 'active' || state.active === 'reloading') return { active: state.pid === null ? 'exited' : 'running' };
  return 'inactive';
}

/** The machine's snapshot for a unit's state as the world keeps it. */
export function unitSnapshot(machine: UnitMachine, state: Pick<ServiceState, 'active' | 'pid'>): UnitSnapshot {
  return machine.resolveState({ value: unitStateValue(state), context: { change: null } });
}
