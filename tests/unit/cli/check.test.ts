// @vitest-environment node
/** `drill check`: every file is reported, a broken one by its name, its JSON path and what is wrong. */
import { readdirSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { check } from '../../../src/cli/check';
import { expectedProblems } from '../engine/bad-scenarios';
import { drill, inProcess, lines, repoRoot, type DrillResult } from './drill';

const badFiles = readdirSync(`${repoRoot}tests/fixtures/scenarios-bad`)
  .filter((n) => n.endsWith('.json'))
  .sort()
  .map((n) => `tests/fixtures/scenarios-bad/${n}`);

describe('drill check on the corpus of broken scenarios (a real process)', { timeout: 120_000 }, () => {
  let result: DrillResult;
  beforeAll(() => {
    result = drill(['check', 'tests/fixtures/scenarios/minimal.json', ...badFiles]);
  });

  it('exits 1, and still checks the good file', () => {
    expect(result.status).toBe(1);
    expect(lines(result.stdout)).toEqual([expect.stringMatching(/^tests\/fixtures\/scenarios\/minimal\.json: ok/)]);
  });

  it.each(badFiles)('names %s, the JSON path and the problem', (file) => {
    const expected = expectedProblems[file.split('/').pop()!]!;
    const line = lines(result.stderr).find((l) => l.startsWith(`${file}: `));
    expect(line, result.stderr).toBeDefined();
    expect(line!.startsWith(`${file}: ${expected.path}: `), line).toBe(true);
    expect(line).toMatch(expected.message);
  });
});

describe('drill check', { timeout: 60_000 }, () => {
  it('passes the bundled scenario and says how its reference path ends', async () => {
    const result = await inProcess(check, ['scenarios/mysql-wipe.json', 'tests/fixtures/scenarios/minimal.json']);
    expect(result.status).toBe(0);
    expect(result.stderr).toBe('');
    expect(lines(result.stdout)).toEqual([
      expect.stringMatching(/^scenarios\/mysql-wipe\.json: ok — mysql-wipe v1, \d+ actions; reference path resolved at 08:55$/),
      'tests/fixtures/scenarios/minimal.json: ok — minimal v1, 3 actions; reference path resolved at 09:03',
    ]);
  });

  it('refuses a reference path with a line the scenario does not recognise, naming the line', async () => {
    const result = await inProcess(check, ['tests/fixtures/scenarios/unrecognised-reference.json']);
    expect(result.status).toBe(1);
    expect(lines(result.stderr)).toEqual([
      'tests/fixtures/scenarios/unrecognised-reference.json: $.referencePath[1]: "systemctl restrat app" is not recognised (Failed: Unit not found.)',
    ]);
  });

  it('refuses a reference path that does not end with the site back', async () => {
    const result = await inProcess(check, ['tests/fixtures/scenarios/unresolved-reference.json']);
    expect(result.status).toBe(1);
    expect(lines(result.stderr)).toEqual(['tests/fixtures/scenarios/unresolved-reference.json: $.referencePath: ends in-progress, not resolved']);
  });

  it('names a file that cannot be read', async () => {
    const result = await inProcess(check, ['tests/fixtures/scenarios/nope.json']);
    expect(result.status).toBe(1);
    expect(lines(result.stderr)).toEqual(['tests/fixtures/scenarios/nope.json: cannot read the file (ENOENT)']);
  });

  it('needs at least one file', async () => {
    await expect(inProcess(check, [])).rejects.toThrow(/check needs one or more scenario files/);
  });
});
