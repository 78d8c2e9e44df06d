/**
 * A replica's SQL thread as a state machine: running ⇄ stopped, and, while running, the
 * delayed transition "apply the next transaction once it is due". Due means
 * `event time + MASTER_DELAY ≤ the simulated clock`: the clock comes in the `clock.advance`
 * event (never a timer), with the next transaction's due time, so the transition is a guard on
 * simulated time and replay stays a pure function of the inputs.
 *
 * The machine decides; `replication.ts` performs: it sends the events through XState's pure
 * `transition()`, applies the transaction on the SQL engine when the machine is `applying`, and
 * reports back whether it applied (`transaction.applied`) or failed (`transaction.failed`: the
 * thread stops with Last_SQL_Error). The replica's `sqlRunning` flag is the snapshot's serialised
 * form (`sqlThreadSnapshot`).
 */
import { setup, type SnapshotFrom } from 'xstate';

export type SqlThreadEvent =
  /** Simulated time has come to `now` (epoch seconds); `due` is when the next transaction may be applied (null: none waits). */
  | { type: 'clock.advance'; now: number; due: number | null }
  | { type: 'transaction.applied' }
  | { type: 'transaction.failed' }
  /** START SLAVE [SQL_THREAD]. */
  | { type: 'sql-thread.start' }
  /** STOP SLAVE [SQL_THREAD]. */
  | { type: 'sql-thread.stop' };

const noop = () => {};

export const sqlThreadMachine = setup({
  types: { events: {} as SqlThreadEvent },
  actions: {
    applyNextTransaction: noop,
    recordSqlError: noop,
    clearSqlError: noop,
  },
  guards: {
    transactionDue: ({ event }) => event.type === 'clock.advance' && event.due !== null && event.due <= event.now,
  },
}).createMachine({
  id: 'sqlThread',
  initial: 'running',
  states: {
    running: {
      on: {
        'clock.advance': { guard: 'transactionDue', target: 'applying' },
        'sql-thread.stop': 'stopped',
      },
    },
    applying: {
      entry: 'applyNextTransaction',
      on: {
        'transaction.applied': 'running',
        'transaction.failed': { target: 'stopped', actions: 'recordSqlError' },
      },
    },
    stopped: {
      on: {
        'sql-thread.start': { target: 'running', actions: 'clearSqlError' },
      },
    },
  },
});

export type SqlThreadSnapshot = SnapshotFrom<typeof sqlThreadMachine>;

const RUNNING = sqlThreadMachine.resolveState({ value: 'running', context: {} });
const STOPPED = sqlThreadMachine.resolveState({ value: 'stopped', context: {} });

/** The thread's snapshot for a replica as the world keeps it (`sqlRunning`). */
export function sqlThreadSnapshot(replica: { sqlRunning: boolean }): SqlThreadSnapshot {
  return replica.sqlRunning ? RUNNING : STOPPED;
}
