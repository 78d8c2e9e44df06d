// @vitest-environment node
/**
 * Loading a scenario: a broken file is refused with the JSON path of what is wrong. The corpus
 * in tests/fixtures/scenarios-bad/ holds one defect per file, each a change to
 * tests/fixtures/scenarios/minimal.json.
 */
import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeProblems, parseScenario, parseScenarioText } from '../../../src/scenario/load';
import { inputFromLine, replayInputs } from '../../../src/engine/replay';
import { expectedProblems } from './bad-scenarios';
import { repoRoot } from './support';

const badDir = `${repoRoot}tests/fixtures/scenarios-bad/`;
const minimalFile = `${repoRoot}tests/fixtures/scenarios/minimal.json`;
const minimalText = readFileSync(minimalFile, 'utf8');

describe('valid scenarios', () => {
  it('the minimal fixture loads, and its reference path resolves', () => {
    const result = parseScenarioText(minimalText);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const snapshot = replayInputs(result.scenario, result.scenario.referencePath.map(inputFromLine));
    expect(snapshot.matches('resolved')).toBe(true);
  });

  it('every bundled scenario loads', () => {
    for (const name of readdirSync(`${repoRoot}scenarios`).filter((n) => n.endsWith('.json'))) {
      const result = parseScenarioText(readFileSync(`${repoRoot}scenarios/${name}`, 'utf8'));
      expect(result.ok ? [] : result.problems, name).toEqual([]);
    }
  });
});

describe('the corpus of broken scenarios', () => {
  const files = readdirSync(badDir).filter((n) => n.endsWith('.json')).sort();

  it('has an expectation for every fixture, and a fixture for every expectation', () => {
    expect(files).toEqual(Object.keys(expectedProblems).sort());
  });

  it.each(files)('%s is refused, naming where', (file) => {
    const result = parseScenarioText(readFileSync(`${badDir}${file}`, 'utf8'));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const expected = expectedProblems[file]!;
    expect(result.problems[0]!.path).toBe(expected.path);
    expect(result.problems[0]!.message).toMatch(expected.message);
  });

  it('problems read as "file: path: message", one a line', () => {
    expect(
      describeProblems('x.json', [
        { path: '$.a', message: 'is wrong' },
        { path: '$.b[0]', message: 'too' },
      ]),
    ).toBe('x.json: $.a: is wrong\nx.json: $.b[0]: too');
  });

  it('a value that is not an object is refused at $', () => {
    for (const value of [null, 42, 'scenario', []]) {
      const result = parseScenario(value);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.problems[0]!.path).toMatch(/^\$/);
    }
  });
});

describe('any damage to a scenario', { timeout: 30_000 }, () => {
  /** Every path (as keys) inside the minimal scenario. */
  const paths: (string | number)[][] = [];
  const walk = (value: unknown, path: (string | number)[]) => {
    paths.push(path);
    if (Array.isArray(value)) value.forEach((v, i) => walk(v, [...path, i]));
    else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, [...path, k]);
  };
  walk(JSON.parse(minimalText), []);

  const damaged = fc.tuple(fc.constantFrom(...paths.filter((p) => p.length > 0)), fc.option(fc.jsonValue({ maxDepth: 2 }), { nil: undefined })).map(([path, value]) => {
    const data = JSON.parse(minimalText) as Record<string | number, unknown>;
    let parent = data;
    for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
    const key = path[path.length - 1]!;
    if (value === undefined) {
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete parent[key];
    } else parent[key] = value;
    return data;
  });

  it('is reported with JSON paths, never thrown; what still loads still plays', () => {
    fc.assert(
      fc.property(damaged, (data) => {
        const result = parseScenario(data);
        if (result.ok) {
          expect(() => replayInputs(result.scenario, result.scenario.referencePath.map(inputFromLine))).not.toThrow();
        } else {
          expect(result.problems.length).toBeGreaterThan(0);
          for (const problem of result.problems) expect(problem.path).toMatch(/^\$/);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('arbitrary JSON is refused without a throw', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(parseScenario(value).ok).toBe(false);
      }),
      { numRuns: 200 },
    );
  });
});
