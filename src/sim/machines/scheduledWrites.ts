/**
 * A MySQL source's scheduled writes (its application still writing after the drill starts) as a
 * state machine: waiting → writing when a `clock.advance` brings the simulated clock to the next
 * write's time, and back once it is written. Time comes in the event, never from a timer.
 *
 * The machine decides; `tick.ts` performs the write (`runScheduledWrite`) on the draft and says
 * `write.done`. The machine rests in `waiting` between ticks, so the world stores nothing for it:
 * which writes are done follows from the clock.
 */
import { setup } from 'xstate';

export type ScheduledWriteEvent =
  /** Simulated time has come to `now`; `due` is the next write's time (epoch seconds). */
  | { type: 'clock.advance'; now: number; due: number }
  | { type: 'write.done' };

export const scheduledWritesMachine = setup({
  types: { events: {} as ScheduledWriteEvent },
  actions: {
    runScheduledWrite: () => {},
  },
  guards: {
    writeDue: ({ event }) => event.type === 'clock.advance' && event.due <= event.now,
  },
}).createMachine({
  id: 'scheduledWrites',
  initial: 'waiting',
  states: {
    waiting: {
      on: { 'clock.advance': { guard: 'writeDue', target: 'writing' } },
    },
    writing: {
      entry: 'runScheduledWrite',
      on: { 'write.done': 'waiting' },
    },
  },
});

/** The machine between ticks. */
export const WAITING = scheduledWritesMachine.resolveState({ value: 'waiting', context: {} });
