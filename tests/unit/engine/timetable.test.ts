// @vitest-environment node
/**
 * The scenario's timetable machine without React: scheduled events are delayed transitions on
 * the simulated clock, fired once, in the scenario's order. And the source's scheduled writes.
 */
import { describe, expect, it } from 'vitest';
import { transition } from 'xstate';
import { nextDueAt, timetableMachine, timetableSnapshot } from '../../../src/engine/timetable';
import { parseClock } from '../../../src/engine/clock';
import { scheduledWritesMachine, WAITING } from '../../../src/sim/machines/scheduledWrites';
import type { Scenario } from '../../../src/scenario/schema';
import { mysqlWipe } from './support';

const scenario: Scenario = { ...mysqlWipe, events: [{ id: 'late', at: '10:40' }, { id: 'early.one', at: '09:35:02' }, { id: 'also-early', at: '09:35:02' }] } as Scenario;
const due = (fired: string[], now: string) => transition(timetableMachine(scenario), timetableSnapshot(scenario, fired), { type: 'clock.advance', now: parseClock(now) })[1].map((a) => (a.params as { id: string }).id);

describe('the timetable (all pending)', () => {
  it('fires nothing before the first event’s time', () => {
    expect(due([], '09:35:01')).toEqual([]);
  });
  it('fires what falls due, in the scenario’s order', () => {
    expect(due([], '09:35:02')).toEqual(['early.one', 'also-early']);
    expect(due([], '11:00')).toEqual(['late', 'early.one', 'also-early']);
  });
});

describe('the timetable (some fired)', () => {
  it('never fires an event twice', () => {
    expect(due(['early.one'], '10:40')).toEqual(['late', 'also-early']);
    expect(due(['late', 'early.one', 'also-early'], '12:00')).toEqual([]);
  });
  it('is one machine per scenario, one region per event', () => {
    expect(timetableMachine(scenario)).toBe(timetableMachine(scenario));
    expect(Object.keys(timetableMachine(scenario).root.states)).toEqual(['late', 'early_one', 'also-early']);
  });
  it('holds for the scenario’s own events: the replica’s DELETE at 09:35:02, time up at 10:40', () => {
    const ids = (now: string) => transition(timetableMachine(mysqlWipe), timetableSnapshot(mysqlWipe, []), { type: 'clock.advance', now: parseClock(now) })[1].map((a) => (a.params as { id: string }).id);
    const all = mysqlWipe.events.map((e) => e.id);
    expect(ids('23:59')).toEqual(all);
    expect(ids(mysqlWipe.clock.start)).toEqual([]);
  });
});

describe('the source’s scheduled writes', () => {
  it('writes once the clock reaches the write’s time, then waits again', () => {
    expect(transition(scheduledWritesMachine, WAITING, { type: 'clock.advance', now: 99, due: 100 })[0].value).toBe('waiting');
    const [writing, actions] = transition(scheduledWritesMachine, WAITING, { type: 'clock.advance', now: 100, due: 100 });
    expect(writing.value).toBe('writing');
    expect(actions.map((a) => a.type)).toEqual(['runScheduledWrite']);
    expect(transition(scheduledWritesMachine, writing, { type: 'write.done' })[0].value).toBe('waiting');
  });
});

describe('when the timetable need not be asked', () => {
  it('is before the earliest event not yet fired', () => {
    expect(nextDueAt(scenario, [])).toBe(parseClock('09:35:02'));
    expect(nextDueAt(scenario, ['early.one', 'also-early'])).toBe(parseClock('10:40'));
    expect(nextDueAt(scenario, ['late', 'early.one', 'also-early'])).toBe(Infinity);
  });
});
