// @vitest-environment node
/** `drill check`: every file is reported, a broken one by its name, its JSON path and what is wrong. */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
  }, 120_000);

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
      expect.stringMatching(/^scenarios\/mysql-wipe\.json: ok — mysql-wipe v4, \d+ actions; reference path resolved at 08:55$/),
      'tests/fixtures/scenarios/minimal.json: ok — minimal v1, 3 actions; reference path resolved at 09:03',
    ]);
  });

  it('refuses a reference path with a line the scenario does not recognise, naming the line', async () => {
    const result = await inProcess(check, ['tests/fixtures/scenarios/unrecognised-reference.json']);
    expect(result.status).toBe(1);
    expect(lines(result.stderr)).toEqual([
      'tests/fixtures/scenarios/unrecognised-reference.json: $.referencePath[2]: "sudo systemclt restart app" is not recognised (sudo: systemclt: command not found)',
      // The mistyped line costs time, so the restart no longer keeps the timeline's clock: the lint says so too.
      'tests/fixtures/scenarios/unrecognised-reference.json: $.timeline.events[1]: the reference path does "restart" at 09:02:12 ("sudo systemctl restart app"), the timeline says 09:03',
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

describe('check lints what would mislead an author', () => {
  const minimal = JSON.parse(readFileSync(join(repoRoot, 'tests/fixtures/scenarios/minimal.json'), 'utf8')) as Record<string, unknown> & { actions: { patterns: string[] }[]; targets: Record<string, string[]>; scoring?: unknown };
  const write = (name: string, scenario: unknown) => {
    const file = join(mkdtempSync(join(tmpdir(), 'drill-lint-')), name);
    writeFileSync(file, JSON.stringify(scenario));
    return file;
  };

  it('a file a pattern names that is on no host, a target URL nobody serves, a scoring link to nothing', async () => {
    const broken = structuredClone(minimal);
    broken.actions[0]!.patterns = ['ping @web-01', 'tail /var/log/app/nope.log'];
    broken.targets = { site: ['https://nothing-here.test/'] };
    broken.scoring = { lessons: { 'no-such-lesson': { rules: ['ask-first'] } } };
    const file = write('lint.json', broken);
    const result = await inProcess(check, [file]);
    expect(result.status).toBe(1);
    const said = lines(result.stderr).map((l) => l.slice(file.length + 2));
    expect(said).toEqual([
      '$.actions[0].patterns[1]: names "/var/log/app/nope.log", which is on no host of $.world',
      '$.targets["site"][0]: https://nothing-here.test/ gets no HTTP answer from laptop (curl says "000")',
      '$.scoring.lessons.no-such-lesson: names a lesson "no-such-lesson" that is not in $.debrief.lessons',
    ]);
  });
});
