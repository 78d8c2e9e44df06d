// @vitest-environment node
/**
 * Hostile inputs at the edges (issue 9, items 6 to 12): what a file, a link or a typed line can
 * do to the CLI, the scenario loader, the run decoder and lookups by name. Each case asserts the
 * exact plain-words outcome; where work could run away, a generous bound on time and memory
 * measured in this process.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { check } from '../../../src/cli/check';
import { score } from '../../../src/cli/score';
import { inProcess, lines, repoRoot } from '../cli/drill';

const workDir = mkdtempSync(join(tmpdir(), 'drill-hostile-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

const minimal = () => JSON.parse(readFileSync(`${repoRoot}tests/fixtures/scenarios/minimal.json`, 'utf8')) as Record<string, unknown> & { actions: { patterns: string[]; channel: string }[] };
const seedRun = () => JSON.parse(readFileSync(`${repoRoot}tests/fixtures/runs/seed.json`, 'utf8')) as Record<string, unknown> & { scenario: { id: string } };

/** Writes `data` (JSON unless it is already text) to a file in the work folder; its path. */
function fileOf(name: string, data: unknown): string {
  const file = join(workDir, name);
  writeFileSync(file, typeof data === 'string' ? data : JSON.stringify(data));
  return file;
}

// eslint-disable-next-line no-control-regex
const OBEYED = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2066-\u2069]/;

describe('item 7: terminal escapes from files never reach the terminal', () => {
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

  it('a 4 MB string where the notes go is clipped to one short line with its length (under 5 s)', async () => {
    const scenario = minimal();
    scenario.notes = 'A'.repeat(4_000_000) as unknown as string[];
    const file = fileOf('notes.json', scenario);
    const started = performance.now();
    const result = await inProcess(check, [file]);
    expect(performance.now() - started).toBeLessThan(5_000);
    const [line, ...rest] = lines(result.stderr);
    expect(rest).toEqual([]);
    expect(line!.length).toBeLessThan(800);
    expect(line).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: \\$\\.notes: Invalid type: Expected Array but received "A{400,}… \\(4,000,0\\d\\d characters in all\\)$`));
  });
});
