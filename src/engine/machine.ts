/**
 * The drill session: briefing → investigating (⇄ paused) → resolved | failed → debrief.
 * Built from a scenario (its `input`); the world itself is data in the context, changed only
 * by `runInput`, so the whole session is a pure function of the scenario and the inputs.
 */
import { assertEvent, assign, setup } from 'xstate';
import type { Scenario } from '../scenario/schema';
import { initialWorld, runInput, type Channel, type Step, type World } from './world';

export interface DrillContext {
  scenario: Scenario;
  world: World;
  steps: Step[];
}

export type DrillEvent =
  | { type: 'session.start' }
  | { type: 'terminal.submit'; input: string }
  | { type: 'chat.send'; text: string }
  | { type: 'session.pause' }
  | { type: 'session.resume' }
  | { type: 'debrief.open' };

export function applyInput(context: DrillContext, channel: Channel, text: string): Partial<DrillContext> {
  const history = context.steps.filter((s) => s.channel === 'terminal' && s.input !== '').map((s) => s.input);
  const { world, step } = runInput(context.scenario, context.world, channel, text, history);
  return { world, steps: [...context.steps, step] };
}

export function endingOutcome(context: DrillContext): 'resolved' | 'failed' | null {
  const id = context.world.ending;
  return id ? (context.scenario.endings.find((e) => e.id === id)?.outcome ?? null) : null;
}

export const drillMachine = setup({
  types: {
    context: {} as DrillContext,
    events: {} as DrillEvent,
    input: {} as Scenario,
  },
  actions: {
    runTerminalInput: assign(({ context, event }) => {
      assertEvent(event, 'terminal.submit');
      return applyInput(context, 'terminal', event.input);
    }),
    sendChat: assign(({ context, event }) => {
      assertEvent(event, 'chat.send');
      return applyInput(context, 'chat', event.text);
    }),
  },
  guards: {
    isResolved: ({ context }) => endingOutcome(context) === 'resolved',
    isFailed: ({ context }) => endingOutcome(context) === 'failed',
  },
}).createMachine({
  id: 'drill',
  // xstate's pure `transition()` evaluates this factory without input on every call; only a
  // real start (with a scenario) builds a world, so replay never pays for a thrown error.
  context: ({ input }) => (input ? { scenario: input, world: initialWorld(input), steps: [] } : ({ steps: [] } as unknown as DrillContext)),
  initial: 'briefing',
  states: {
    briefing: {
      on: { 'session.start': 'investigating' },
    },
    investigating: {
      always: [
        { guard: 'isFailed', target: 'failed' },
        { guard: 'isResolved', target: 'resolved' },
      ],
      on: {
        'terminal.submit': { actions: 'runTerminalInput', target: 'investigating', reenter: false },
        'chat.send': { actions: 'sendChat' },
        'session.pause': 'paused',
      },
    },
    paused: {
      on: { 'session.resume': 'investigating' },
    },
    resolved: {
      on: { 'debrief.open': 'debrief' },
    },
    failed: {
      on: { 'debrief.open': 'debrief' },
    },
    debrief: {
      type: 'final',
    },
  },
});

export type DrillMachine = typeof drillMachine;
