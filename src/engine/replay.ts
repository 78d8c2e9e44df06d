import { initialTransition, transition, type SnapshotFrom } from 'xstate';
import type { Scenario } from '../scenario/schema';
import { applyInput, drillMachine, endingOutcome, type DrillContext, type DrillEvent } from './machine';
import { HINT_COMMAND, type Channel, type Step, type World } from './world';

/** One thing the trainee did, as the run log keeps it (the engine needs only these two fields). */
export interface DrillInput {
  channel: Channel;
  text: string;
}

export type DrillSnapshot = SnapshotFrom<typeof drillMachine>;
export type Outcome = 'resolved' | 'failed' | 'in-progress';

/** In text form (CLI files, `referencePath`), a line `chat: message` is a message on team chat. */
const CHAT_PREFIX = /^chat:\s?/i;
/** A line `facilitator: inject ceo-update` is a command from the facilitator's console. */
const FACILITATOR_PREFIX = /^facilitator:\s?/i;

/** What the trainee typed in the terminal: the word `hint` alone asks for a hint (at any prompt), anything else is a command. */
export function inputFromTyped(text: string): DrillInput {
  return text.trim().toLowerCase() === HINT_COMMAND ? { channel: 'hint', text: HINT_COMMAND } : { channel: 'terminal', text };
}

/**
 * Reads one line of a commands file: `chat: ...` goes to team chat, `facilitator: ...` is a
 * facilitator's command, `hint` asks for a hint, anything else goes to the terminal.
 */
export function inputFromLine(line: string): DrillInput {
  if (FACILITATOR_PREFIX.test(line)) return { channel: 'facilitator', text: line.replace(FACILITATOR_PREFIX, '') };
  return CHAT_PREFIX.test(line) ? { channel: 'chat', text: line.replace(CHAT_PREFIX, '') } : inputFromTyped(line);
}

/** The line a logged input is written as in text form (the inverse of `inputFromLine`). */
export function lineFromInput(input: DrillInput): string {
  if (input.channel === 'facilitator') return `facilitator: ${input.text}`;
  return input.channel === 'chat' ? `chat: ${input.text}` : input.channel === 'hint' ? HINT_COMMAND : input.text;
}

/** The event a logged input replays as. */
export function eventFor(input: DrillInput): DrillEvent {
  if (input.channel === 'hint') return { type: 'hint.request' };
  if (input.channel === 'facilitator') return { type: 'facilitator.act', text: input.text };
  return input.channel === 'chat' ? { type: 'chat.send', text: input.text } : { type: 'terminal.submit', input: input.text };
}

/** The snapshot just after the briefing: the trainee at their laptop, 08:40. */
export function startDrill(scenario: Scenario): DrillSnapshot {
  const [initial] = initialTransition(drillMachine, scenario);
  const [started] = transition(drillMachine, initial, { type: 'session.start' });
  return started;
}

/**
 * Replays a run's inputs from the start and returns the drill machine's snapshot. Inputs after
 * the run has ended are ignored (as the app ignores them), so replay matches what the trainee saw;
 * so are a trainee's inputs from one the facilitator's `pause` holds back on (the app takes none).
 * Pure: no timers, no wall clock, no randomness.
 *
 * It applies the machine's own input action (`applyInput`) and outcome rule (`endingOutcome`)
 * directly and resolves the final state once, which gives the same snapshot as sending every
 * event through `transition()` (a test holds the two equal) at a fraction of the cost: scoring a
 * cohort replays thousands of runs.
 */
export function replayInputs(scenario: Scenario, inputs: readonly DrillInput[]): DrillSnapshot {
  return traceInputs(scenario, inputs).snapshot;
}

/** A replay that also keeps the world just after each step (scoring asks "did this restore work?"). */
export interface ReplayTrace {
  snapshot: DrillSnapshot;
  /** `worlds[i]` is the world just after step `i`. */
  worlds: World[];
}

export function traceInputs(scenario: Scenario, inputs: readonly DrillInput[]): ReplayTrace {
  const started = startDrill(scenario);
  let context: DrillContext = started.context;
  const worlds: World[] = [];
  for (const input of inputs) {
    if (endingOutcome(context)) break;
    // While the facilitator holds the drill paused the machine takes only the facilitator's commands:
    // a trainee's input there (the app never logs one) ends the replay, as the end of the run does,
    // so the steps stay the first inputs, one each.
    if (context.world.held && input.channel !== 'facilitator') break;
    context = { ...context, ...applyInput(context, input.channel, input.text) };
    worlds.push(context.world);
  }
  if (context === started.context) return { snapshot: started, worlds };
  return { snapshot: drillMachine.resolveState({ value: endingOutcome(context) ?? (context.world.held ? 'paused' : 'investigating'), context }), worlds };
}

/** The same replay, one `transition()` per input: the reference `replayInputs` is tested against. */
export function replayByTransitions(scenario: Scenario, inputs: readonly DrillInput[]): DrillSnapshot {
  let snapshot = startDrill(scenario);
  for (const input of inputs) {
    if (!snapshot.matches('investigating') && !(snapshot.matches('paused') && input.channel === 'facilitator')) break;
    [snapshot] = transition(drillMachine, snapshot, eventFor(input));
  }
  return snapshot;
}

export function outcomeOf(snapshot: DrillSnapshot): Outcome {
  if (snapshot.matches('resolved')) return 'resolved';
  if (snapshot.matches('failed')) return 'failed';
  if (snapshot.matches('debrief')) return snapshot.context.world.ending && snapshot.context.scenario.endings.find((e) => e.id === snapshot.context.world.ending)?.outcome === 'resolved' ? 'resolved' : 'failed';
  return 'in-progress';
}

export type { Step, World };
