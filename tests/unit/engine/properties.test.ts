// @vitest-environment node
/**
 * Properties of any run, checked on generated ones: replay never throws, is deterministic,
 * never turns the clock back, and ignores what comes after an ending. Inputs mix arbitrary
 * text with real commands and fragments of them, so runs go deep into the scenario.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inputFromLine, outcomeOf, replayInputs, type DrillInput } from '../../../src/engine/replay';
import { parseLine } from '../../../src/engine/shell';
import { shellHosts } from '../../../src/engine/simConfig';
import { cleanInput, MAX_INPUT_LENGTH } from '../../../src/engine/world';
import { mysqlWipe } from './support';

const scenario = mysqlWipe;
// Each run replays on the simulated world (sql.js MySQL servers included): sized to keep this file
// near 30 s on a loaded 2-core machine. Raise locally when hunting a counterexample.
const NUM_RUNS = 100;
/** Runs that replay a path to an ending, then again with more after it: the dearest property. */
const ENDING_RUNS = 32;

/** Whole commands a trainee could type: every action's command, the reference path, and ways around. */
const realLines = [
  ...new Set([
    ...scenario.actions.filter((a) => a.channel !== 'chat').map((a) => a.command),
    ...scenario.referencePath,
    ...shellHosts(scenario).map((h) => `ssh ${h.id}`),
    'exit',
    'mysql -h db-master tunistocks',
    'mysql -h db-replica tunistocks',
    'USE tunistocks;',
    'chat: what now?',
  ]),
];
const words = [...new Set([...realLines.flatMap((l) => l.split(/\s+/)), '|', '&&', ';', '>', '<', "'", '"', '\\G', '--', '-', 'sudo', 'chat:'])];

const fragment = fc.array(fc.constantFrom(...words), { minLength: 1, maxLength: 8 }).map((w) => w.join(' '));
const line = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...realLines) },
  { weight: 3, arbitrary: fragment },
  { weight: 1, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
);
/** Mostly terminal lines (read like a commands file: `chat: ` goes to chat), sometimes a raw chat message. */
const input: fc.Arbitrary<DrillInput> = fc.oneof(
  { weight: 5, arbitrary: line.map(inputFromLine) },
  { weight: 1, arbitrary: line.map((text): DrillInput => ({ channel: 'chat', text })) },
);
const inputs = fc.array(input, { maxLength: 20 });

/** Paths that end the run: the seed's (resolved) and two harmful ones (failed). */
const endingPaths: DrillInput[][] = [
  scenario.referencePath,
  ['ssh db-master', 'mysqldump -h db-master tunistocks | mysql -h db-replica tunistocks'],
  ['ssh db-replica', 'mysql', 'DELETE FROM programmes;'],
].map((lines) => lines.map(inputFromLine));

describe('replaying any inputs', { timeout: 30_000 }, () => {
  it('never throws, and gives a step per input until the run ends', () => {
    fc.assert(
      fc.property(inputs, (run) => {
        const snapshot = replayInputs(scenario, run);
        const { steps } = snapshot.context;
        const outcome = outcomeOf(snapshot);
        expect(['resolved', 'failed', 'in-progress']).toContain(outcome);
        if (outcome === 'in-progress') expect(steps).toHaveLength(run.length);
        else expect(steps.length).toBeLessThanOrEqual(run.length);
        for (const step of steps) {
          expect(step.input.length).toBeLessThanOrEqual(MAX_INPUT_LENGTH);
          expect(Array.isArray(step.output)).toBe(true);
        }
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('is deterministic: the same inputs give the same steps and world', () => {
    fc.assert(
      fc.property(inputs, (run) => {
        const first = replayInputs(scenario, run).context;
        const second = replayInputs(scenario, run).context;
        expect(second.steps).toEqual(first.steps);
        expect(second.world).toEqual(first.world);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('never turns the clock back', () => {
    fc.assert(
      fc.property(inputs, (run) => {
        const { steps, world } = replayInputs(scenario, run).context;
        let clock = replayInputs(scenario, []).context.world.clock;
        for (const step of steps) {
          expect(step.startClock).toBe(clock);
          expect(step.clock).toBeGreaterThanOrEqual(step.startClock);
          clock = step.clock;
        }
        expect(world.clock).toBe(clock);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('ignores every input after an ending', () => {
    let ended = 0;
    fc.assert(
      fc.property(fc.array(input, { maxLength: 6 }), fc.constantFrom(...endingPaths), inputs, inputs, (before, path, after, more) => {
        const run = [...before, ...path, ...after];
        const snapshot = replayInputs(scenario, run);
        if (outcomeOf(snapshot) === 'in-progress') return;
        ended += 1;
        const longer = replayInputs(scenario, [...run, ...more]);
        expect(outcomeOf(longer)).toBe(outcomeOf(snapshot));
        expect(longer.context.steps).toEqual(snapshot.context.steps);
        expect(longer.context.world).toEqual(snapshot.context.world);
      }),
      { numRuns: ENDING_RUNS },
    );
    // Most generated runs reach an ending, so the property is not vacuous.
    expect(ended).toBeGreaterThan(ENDING_RUNS / 4);
    // 64 replays, most through a restore: a minute on a loaded 2-core machine.
  }, 120_000);
});

describe('reading any line', { timeout: 30_000 }, () => {
  it('the parser answers every string with a parse or an error, never a throw', () => {
    fc.assert(
      fc.property(fc.oneof(line, fc.string({ unit: 'binary' })), (text) => {
        const result = parseLine(text, (name) => scenario.programs[name]);
        expect(typeof result.ok).toBe('boolean');
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('cleaning input is idempotent and leaves no control characters', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
        const clean = cleanInput(text);
        expect(cleanInput(clean)).toBe(clean);
        // eslint-disable-next-line no-control-regex
        expect(clean).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
      }),
      { numRuns: NUM_RUNS },
    );
  });
});
