/**
 * The replay a score is computed from: the drill machine's replay, plus the world after each
 * step (did this restore actually put the data back?), which a final snapshot does not keep.
 */
import { outcomeOf, traceInputs, type DrillInput, type Outcome } from '../engine/replay';
import type { Step, World } from '../engine/world';
import type { Scenario } from '../scenario/schema';

export interface ScoringReplay {
  steps: readonly Step[];
  /** The world when the run stopped. */
  world: World;
  outcome: Outcome;
  /** Inputs after the run had ended (the app ignores them, and so does the score). */
  ignoredInputs: number;
  /** The world just after step `index`. */
  worldAfter(index: number): World;
}

/** Replays a run for scoring, from its inputs alone: never trusts anything the run file claims. */
export function replayForScoring(scenario: Scenario, inputs: readonly DrillInput[]): ScoringReplay {
  const { snapshot, worlds } = traceInputs(scenario, inputs);
  const { steps, world } = snapshot.context;
  return {
    steps,
    world,
    outcome: outcomeOf(snapshot),
    ignoredInputs: inputs.length - steps.length,
    worldAfter: (index) => worlds[index] ?? world,
  };
}
