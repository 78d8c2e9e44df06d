/**
 * The scenario's scheduled events (the replica applying the DELETE at 09:35:02, time up at
 * 10:40) as a state machine: one parallel region per event, pending → fired, taken when a
 * `clock.advance` brings the simulated clock to the event's time. A delayed transition on the
 * simulated clock: the time comes in the event, never from a timer, so replay stays pure.
 *
 * Built from the scenario (one machine per scenario, kept). The machine only says which events
 * fall due, in the scenario's order (`fire` actions); `runInput` (world.ts) performs them: an
 * event's condition is read when it fires, against the facts the events before it set. The
 * world keeps the ids fired (`World.fired`), the machine's snapshot in serialised form.
 */
import { setup, type SnapshotFrom } from 'xstate';
import type { Scenario } from '../scenario/schema';
import { parseClock } from './clock';

/** Simulated time has come to `now` (seconds since midnight). */
export interface ClockAdvance {
  type: 'clock.advance';
  now: number;
}

/** A region's name for an event id: the id, with what XState reads as a path (`.`, `#`) replaced. */
function regionOf(id: string): string {
  return id.replace(/[.#]/g, '_');
}

function build(scenario: Scenario) {
  const regions = Object.fromEntries(
    scenario.events.map((event) => [
      regionOf(event.id),
      {
        initial: 'pending' as const,
        states: {
          pending: {
            on: {
              'clock.advance': {
                guard: { type: 'isDue' as const, params: { at: parseClock(event.at) } },
                target: 'fired',
                actions: { type: 'fire' as const, params: { id: event.id } },
              },
            },
          },
          fired: {},
        },
      },
    ]),
  );
  return setup({
    types: { events: {} as ClockAdvance },
    actions: {
      fire: (_, _params: { id: string }) => {},
    },
    guards: {
      isDue: ({ event }, params: { at: number }) => params.at <= event.now,
    },
  }).createMachine({
    id: 'timetable',
    type: 'parallel',
    states: regions,
  });
}

export type TimetableMachine = ReturnType<typeof build>;
export type TimetableSnapshot = SnapshotFrom<TimetableMachine>;

const machines = new WeakMap<Scenario, TimetableMachine>();
const times = new WeakMap<Scenario, readonly number[]>();

/**
 * The earliest time (seconds since midnight) at which an event not yet fired falls due, or
 * Infinity. Before it the timetable would take no transition, so a step need not ask it: most
 * steps fall between two scheduled events.
 */
export function nextDueAt(scenario: Scenario, fired: readonly string[]): number {
  let at = times.get(scenario);
  if (!at) times.set(scenario, (at = scenario.events.map((event) => parseClock(event.at))));
  let next = Infinity;
  scenario.events.forEach((event, i) => {
    if (at[i]! < next && !fired.includes(event.id)) next = at[i]!;
  });
  return next;
}

/** The scenario's timetable machine. */
export function timetableMachine(scenario: Scenario): TimetableMachine {
  let machine = machines.get(scenario);
  if (!machine) machines.set(scenario, (machine = build(scenario)));
  return machine;
}

/** The timetable's snapshot once the events `fired` have happened. */
export function timetableSnapshot(scenario: Scenario, fired: readonly string[]): TimetableSnapshot {
  const value = Object.fromEntries(scenario.events.map((event) => [regionOf(event.id), fired.includes(event.id) ? 'fired' : 'pending']));
  return timetableMachine(scenario).resolveState({ value, context: {} });
}
