/**
 * What other parts of the world do when a unit starts, stops, restarts or reloads: the MySQL
 * server resets its connections and replication threads when its unit restarts, the network
 * forgets a stopped daemon's connections. Each subsystem adds one hook to `unitHooks`; a hook
 * decides from the event (host, unit, kind) whether it cares. Hooks run inside the same step,
 * on the same draft, after the unit's new state and journal lines are written.
 */
import type { Draft } from '../draft';
import type { UnitKind } from '../../scenario/world';
import { resetMysqlOnRestart } from '../mysql/api';
import { logMysqlUnitChange } from '../mysql/files';

export type UnitChange = 'start' | 'stop' | 'restart' | 'reload' | 'died';

export interface UnitChangeEvent {
  host: string;
  /** Full unit name: `mysql.service`. */
  unit: string;
  /** The daemon kind from the unit's definition (`mysql`), or `base` for Ubuntu's own units. */
  kind: UnitKind | 'base';
  change: UnitChange;
  /** The main PID after the change (null once stopped). */
  pid: number | null;
  /** Clock seconds. */
  at: number;
}

export type UnitHook = (draft: Draft, event: UnitChangeEvent) => void;

/**
 * Registered hooks, in the order they run. Add yours here (one import, one entry): for
 * instance `resetMysqlOnRestart` from src/sim/mysql, which checks `event.unit` against the
 * unit its server spec names.
 */
export const unitHooks: readonly UnitHook[] = [logMysqlUnitChange, resetMysqlOnRestart];

/** Tells every hook about a change. A hook that throws is not allowed to undo the change. */
export function notifyUnitChange(draft: Draft, event: UnitChangeEvent, hooks: readonly UnitHook[] = unitHooks): void {
  for (const hook of hooks) hook(draft, event);
}
