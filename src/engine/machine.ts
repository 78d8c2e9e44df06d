/**
 * The drill session: briefing → investigating (⇄ paused) → resolved | failed → debrief.
 * Built from a scenario (its `input`); the world itself is data in the context, changed only
 * by `runInput`, so the whole session is a pure function of the scenario and the inputs.
 */
import { assertEvent, assign, not, setup } from 'xstate';
import type { Scenario } from '../scenario/schema';
import { HINT_COMMAND, initialWorld, runInput, type Channel, type Step, type World } from './world';
import { parseFacilitatorCommand } from './facilitator';

export interface DrillContext {
  scenario: Scenario;
  world: World;
  steps: Step[];
  /**
   * Characters of output this run has produced so far (what replaying it costs). Past
   * REPLAY_WORK_BUDGET the run takes no more input: a run file can never be made to replay forever.
   */
  work: number;
  /** Characters of output the transcript still holds (older output is dropped past TRANSCRIPT_BUDGET). */
  kept: number;
  /** Steps before this index have given up their output already. */
  trimmed: number;
}

/** Output characters one run may produce in all: far beyond any honest run, small enough to replay in about a second. */
export const REPLAY_WORK_BUDGET = 64_000_000;
/** Output characters the transcript keeps, like a terminal's scrollback; older steps keep their command, not their output. */
export const TRANSCRIPT_BUDGET = 4_000_000;

const TRIMMED = '[earlier output no longer kept: the drill keeps the last 4 MB of a run’s output, as a terminal’s scrollback would]';

const sizeOf = (step: Step) => step.output.reduce((n, line) => n + line.length + 1, 0);

/** True once a run has produced all the output it may: it takes no more input. */
export function overBudget(context: DrillContext): boolean {
  return context.work > REPLAY_WORK_BUDGET;
}

export type DrillEvent =
  | { type: 'session.start' }
  | { type: 'terminal.submit'; input: string }
  | { type: 'chat.send'; text: string }
  | { type: 'hint.request' }
  | { type: 'session.pause' }
  | { type: 'session.resume' }
  /** The facilitator's console: one command (`inject ceo-update`, `hint 2`, `pause`, ...), allowed while paused too. */
  | { type: 'facilitator.act'; text: string }
  | { type: 'debrief.open' };

/**
 * Runs one input on the context's world and appends its step. `paused` (for the facilitator's
 * commands) says the session is paused now, whoever paused it.
 */
export function applyInput(context: DrillContext, channel: Channel, text: string, options: { paused?: boolean } = {}): Partial<DrillContext> {
  if (overBudget(context)) return {};
  const { world, step } = runInput(context.scenario, context.world, channel, text, options);
  const size = sizeOf(step);
  const steps = [...context.steps, step];
  let kept = context.kept + size;
  let trimmed = context.trimmed;
  // Past the scrollback budget, the oldest steps that still hold output give it up (a new object, so views redraw it).
  for (; kept > TRANSCRIPT_BUDGET && trimmed < steps.length - 1; trimmed += 1) {
    const old = steps[trimmed]!;
    if (old.output.length === 0) continue;
    kept -= sizeOf(old) - TRIMMED.length - 1;
    steps[trimmed] = { ...old, output: [TRIMMED] };
  }
  return { world, steps, work: context.work + size + text.length, kept, trimmed };
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
    showHint: assign(({ context, event }) => {
      assertEvent(event, 'hint.request');
      return applyInput(context, 'hint', HINT_COMMAND);
    }),
    runFacilitator: assign(({ context, event }) => {
      assertEvent(event, 'facilitator.act');
      return applyInput(context, 'facilitator', event.text, { paused: false });
    }),
    runFacilitatorWhilePaused: assign(({ context, event }) => {
      assertEvent(event, 'facilitator.act');
      return applyInput(context, 'facilitator', event.text, { paused: true });
    }),
  },
  guards: {
    /** The facilitator's `pause` (it always pauses a running drill). */
    isFacilitatorPause: ({ event }) => event.type === 'facilitator.act' && parseFacilitatorCommand(event.text).kind === 'pause',
    /** The facilitator's `resume` (it resumes the drill, whoever paused it). */
    isFacilitatorResume: ({ event }) => event.type === 'facilitator.act' && parseFacilitatorCommand(event.text).kind === 'resume',
    /** Whether the facilitator holds the pause: then the trainee cannot resume. */
    isHeld: ({ context }) => context.world.held,
    isResolved: ({ context }) => endingOutcome(context) === 'resolved',
    isFailed: ({ context }) => endingOutcome(context) === 'failed',
  },
}).createMachine({
  id: 'drill',
  // xstate's pure `transition()` evaluates this factory without input on every call; only a
  // real start (with a scenario) builds a world, so replay never pays for a thrown error.
  context: ({ input }) => (input ? { scenario: input, world: initialWorld(input), steps: [], work: 0, kept: 0, trimmed: 0 } : ({ steps: [] } as unknown as DrillContext)),
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
        'hint.request': { actions: 'showHint' },
        'facilitator.act': [{ guard: 'isFacilitatorPause', actions: 'runFacilitator', target: 'paused' }, { actions: 'runFacilitator' }],
        'session.pause': 'paused',
      },
    },
    paused: {
      // An inject fired while paused may end the run.
      always: [
        { guard: 'isFailed', target: 'failed' },
        { guard: 'isResolved', target: 'resolved' },
      ],
      on: {
        'session.resume': { guard: not('isHeld'), target: 'investigating' },
        'facilitator.act': [{ guard: 'isFacilitatorResume', actions: 'runFacilitatorWhilePaused', target: 'investigating' }, { actions: 'runFacilitatorWhilePaused' }],
      },
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
