/**
 * The replay a score is computed from. The drill machine (`replayInputs`) is the authority on
 * what happened; scoring also needs the world after each step (did this restore actually put the
 * data back?), which the machine's final snapshot does not keep.
 */
import { outcomeOf, replayInputs, type DrillInput, type Outcome } from '../engine/replay';
import { initialWorld, runInput, type Step, type World } from '../engine/world';
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

/**
 * Replays a run for scoring. The worlds after each step come from a second pass through the
 * engine's pure `runInput` (a machine replay per step would cost O(n²)); that pass is checked
 * step by step against the machine's replay, and if they ever disagree the worlds are taken
 * from machine replays of each prefix instead. Never trusts anything the run file claims.
 */
export function replayForScoring(scenario: Scenario, inputs: readonly DrillInput[]): ScoringReplay {
  const snapshot = replayInputs(scenario, inputs);
  const { steps, world } = snapshot.context;
  const pass = passByRunInput(scenario, inputs, steps.length);
  const worlds = agrees(pass, steps) ? pass.worlds : null;
  const cache = new Map<number, World>();
  return {
    steps,
    world,
    outcome: outcomeOf(snapshot),
    ignoredInputs: inputs.length - steps.length,
    worldAfter(index) {
      if (worlds) return worlds[index] ?? world;
      let found = cache.get(index);
      if (!found) {
        found = replayInputs(scenario, inputs.slice(0, index + 1)).context.world;
        cache.set(index, found);
      }
      return found;
    },
  };
}

/** The machine's own loop, without the machine: history of terminal inputs, stop at an ending. */
interface Pass {
  worlds: World[];
  steps: Step[];
}

function passByRunInput(scenario: Scenario, inputs: readonly DrillInput[], limit: number): Pass {
  const worlds: World[] = [];
  const steps: Step[] = [];
  const history: string[] = [];
  let world = initialWorld(scenario);
  for (const input of inputs) {
    if (world.ending !== null || worlds.length >= limit) break;
    const result = runInput(scenario, world, input.channel, input.text, history);
    world = result.world;
    worlds.push(world);
    steps.push(result.step);
    if (result.step.channel === 'terminal' && result.step.input !== '') history.push(result.step.input);
  }
  return { worlds, steps };
}

/** The pass saw the same steps as the machine: same count, same clocks, same actions. */
function agrees(pass: Pass, steps: readonly Step[]): boolean {
  return (
    pass.steps.length === steps.length &&
    pass.steps.every((s, i) => s.clock === steps[i]!.clock && s.input === steps[i]!.input && s.actions.join() === steps[i]!.actions.join())
  );
}
