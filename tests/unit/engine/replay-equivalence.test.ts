// @vitest-environment node
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inputFromLine, outcomeOf, replayByTransitions, replayInputs } from '../../../src/engine/replay';
import { mysqlWipe as scenario } from './support';

const lines = [...scenario.referencePath, ...scenario.actions.map((a) => (a.channel === 'chat' ? `chat: ${a.command}` : a.command)), 'ssh db-replica', 'exit', 'USE tunistocks;', 'nonsense'];

describe('replayInputs', () => {
  it('gives the same snapshot as one transition() per input, for any sequence of inputs', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...lines), { maxLength: 40 }), (picked) => {
        const inputs = picked.map(inputFromLine);
        const fast = replayInputs(scenario, inputs);
        const reference = replayByTransitions(scenario, inputs);
        expect(fast.value).toEqual(reference.value);
        expect(fast.context.world).toEqual(reference.context.world);
        expect(fast.context.steps).toEqual(reference.context.steps);
        expect(outcomeOf(fast)).toBe(outcomeOf(reference));
      }),
      { numRuns: 150 },
    );
  });
});
