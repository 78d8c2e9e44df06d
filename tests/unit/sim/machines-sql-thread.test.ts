// @vitest-environment node
/**
 * The replica's SQL thread machine without React or a world: the delayed "apply the next
 * transaction" is a guard on the simulated clock carried by `clock.advance`.
 */
import { describe, expect, it } from 'vitest';
import { transition } from 'xstate';
import { sqlThreadMachine, sqlThreadSnapshot } from '../../../src/sim/machines/sqlThread';

const running = sqlThreadSnapshot({ sqlRunning: true });
const stopped = sqlThreadSnapshot({ sqlRunning: false });
// The DELETE at 08:35:02 on a replica with MASTER_DELAY = 3600 is due at 09:35:02.
const DELETE_AT = Date.UTC(2020, 4, 4, 8, 35, 2) / 1000;
const DUE = DELETE_AT + 3600;

describe('running', () => {
  it('waits while the next transaction is not due', () => {
    const [next, actions] = transition(sqlThreadMachine, running, { type: 'clock.advance', now: DUE - 1, due: DUE });
    expect(next.value).toBe('running');
    expect(actions).toEqual([]);
  });
  it('applies it once the simulated clock reaches event time + MASTER_DELAY', () => {
    const [next, actions] = transition(sqlThreadMachine, running, { type: 'clock.advance', now: DUE, due: DUE });
    expect(next.value).toBe('applying');
    expect(actions.map((a) => a.type)).toEqual(['applyNextTransaction']);
  });
  it('has nothing to do when it has applied all it read', () => {
    expect(transition(sqlThreadMachine, running, { type: 'clock.advance', now: DUE + 9999, due: null })[0].value).toBe('running');
  });
  it('stops on STOP SLAVE', () => {
    expect(transition(sqlThreadMachine, running, { type: 'sql-thread.stop' })[0].value).toBe('stopped');
  });
});

describe('applying', () => {
  const [applying] = transition(sqlThreadMachine, running, { type: 'clock.advance', now: DUE, due: DUE });
  it('goes back to running when the transaction applied', () => {
    expect(transition(sqlThreadMachine, applying, { type: 'transaction.applied' })[0].value).toBe('running');
  });
  it('stops with the error when it failed', () => {
    const [next, actions] = transition(sqlThreadMachine, applying, { type: 'transaction.failed' });
    expect(next.value).toBe('stopped');
    expect(actions.map((a) => a.type)).toEqual(['recordSqlError']);
  });
});

describe('stopped', () => {
  it('applies nothing, however late it is', () => {
    expect(transition(sqlThreadMachine, stopped, { type: 'clock.advance', now: DUE + 3600, due: DUE })[0].value).toBe('stopped');
  });
  it('runs again on START SLAVE, clearing the last error', () => {
    const [next, actions] = transition(sqlThreadMachine, stopped, { type: 'sql-thread.start' });
    expect(next.value).toBe('running');
    expect(actions.map((a) => a.type)).toEqual(['clearSqlError']);
  });
});
