// @vitest-environment node
/**
 * A mentor's step-through, without React, over every scenario file and the tiny fixture: what
 * the reviewer sees at step N is what a replay of the first N inputs shows; thinking times come
 * from the recorded wall-clock times, and long pauses stand out; each step carries its real
 * event, the rules it broke and the world's state after it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScenarioText } from '../../../src/scenario/load';
import type { Scenario } from '../../../src/scenario/schema';
import { inputFromLine, replayInputs } from '../../../src/engine/replay';
import { newRun, type Run } from '../../../src/runs/format';
import { factWords, isLongPause, LONG_PAUSE_SECONDS, seenAt, walkRun } from '../../../src/runs/stepThrough';
import { repoRoot } from './support';

const files = [...readdirSync(`${repoRoot}scenarios`).filter((f) => f.endsWith('.json')).map((f) => `scenarios/${f}`), 'tests/fixtures/scenarios/minimal.json'];

function load(file: string): Scenario {
  const result = parseScenarioText(readFileSync(`${repoRoot}${file}`, 'utf8'));
  if (!result.ok) throw new Error(`${file}: ${JSON.stringify(result.problems)}`);
  return result.scenario;
}

/** A run of lines, entered after the given pauses (seconds; the last pause repeats). */
function runOfLines(scenario: Scenario, lines: readonly string[], pauses: readonly number[] = [20]): Run {
  const start = Date.parse('2026-03-02T14:00:00.000Z');
  const run = newRun(scenario, 'walk', new Date(start).toISOString(), 'Lina');
  let t = start;
  run.inputs = lines.map((line, i) => {
    t += (pauses[i] ?? pauses[pauses.length - 1]!) * 1000;
    const input = inputFromLine(line);
    return { channel: input.channel, text: input.text, at: new Date(t).toISOString(), via: i % 3 === 1 ? 'menu' : 'typed' };
  });
  return run;
}

describe.each(files)('%s', (file) => {
  const scenario = load(file);
  const lines = scenario.referencePath;
  const pauses = lines.map((_, i) => (i === 2 ? 400 : 15 + (i % 4) * 5));
  const run = runOfLines(scenario, lines, pauses);
  const walk = walkRun(scenario, run);

  it('at every step N, the reviewer sees what a replay of the first N inputs shows', { timeout: 120_000 }, () => {
    expect(walk.steps.length).toBe(replayInputs(scenario, lines.map(inputFromLine)).context.steps.length);
    for (const n of new Set([0, 1, Math.floor(walk.steps.length / 2), walk.steps.length - 1])) {
      const prefix = replayInputs(scenario, lines.slice(0, n + 1).map(inputFromLine));
      expect(seenAt(walk, n)).toEqual(prefix.context.steps);
      expect(walk.steps[n]!.found.map((f) => f.fact).sort()).toEqual(
        Object.keys(prefix.context.world.facts)
          .filter((k) => prefix.context.world.facts[k] !== replayInputs(scenario, []).context.world.facts[k])
          .sort(),
      );
    }
  });

  it('thinking times are the recorded gaps; the long pause stands out; menu steps are marked', () => {
    expect(walk.steps.map((s) => s.thinkingSeconds)).toEqual(pauses.slice(0, walk.steps.length));
    expect(walk.steps.filter((s) => s.longPause).map((s) => s.index)).toEqual([2]);
    expect(walk.steps[1]!.via).toBe('menu');
    expect(walk.steps[0]!.via).toBe('typed');
  });

  it('each step carries its place on the real timeline, as the score aligned it', () => {
    for (const step of walk.steps) {
      expect(step.review?.index).toBe(step.index);
      if (step.event) expect(walk.score.alignment.events).toContainEqual(step.event);
    }
    // The reference path is the day itself: every real event it matches is at the team's minute or near it.
    expect(walk.steps.some((s) => s.event)).toBe(true);
  });

  it('the world after each step lists every host’s services', () => {
    for (const step of walk.steps) {
      for (const service of step.services) expect(Object.keys(scenario.world.hosts)).toContain(service.host);
    }
  });
});

describe('thinking time', () => {
  it('is not recorded when times are missing or go backwards', () => {
    const scenario = load('scenarios/mysql-wipe.json');
    const run = runOfLines(scenario, ['pwd', 'uptime']);
    run.inputs[1] = { ...run.inputs[1]!, at: '2026-03-02T13:00:00.000Z' };
    expect(walkRun(scenario, run).steps.map((s) => s.thinkingSeconds)).toEqual([20, null]);
  });

  it('a pause stands out when long in itself, or long for this trainee', () => {
    expect(isLongPause(LONG_PAUSE_SECONDS, 200)).toBe(true);
    expect(isLongPause(90, 20)).toBe(true);
    expect(isLongPause(45, 20)).toBe(false);
    expect(isLongPause(25, 5)).toBe(false); // too short to matter
    expect(isLongPause(null, 5)).toBe(false);
  });

  it('fact names read as words', () => {
    expect(factWords('masterData')).toBe('master data');
    expect(factWords('siteVerified')).toBe('site verified');
  });
});
