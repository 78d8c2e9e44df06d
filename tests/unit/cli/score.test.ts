// @vitest-environment node
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { formatTable, score, scoreRunText } from '../../../src/cli/score';
import { CliError } from '../../../src/cli/scenarios';
import { mysqlWipe, repoRoot } from '../scoring/support';

const FIXTURES = 'tests/fixtures/runs';
const fixture = (name: string) => `${FIXTURES}/${name}.json`;

let stdout: string;
let stderr: string;

beforeEach(() => {
  stdout = '';
  stderr = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    stdout += String(chunk);
    return true;
  });
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    stderr += String(chunk);
    return true;
  });
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe('drill score', { timeout: 60_000 }, () => {
  it('prints a table: file, trainee, outcome, grade, root cause, restored, violations', () => {
    const status = score([fixture('seed'), fixture('expert'), fixture('data-loss')]);
    expect(status).toBe(0);
    expect(stderr).toBe('');
    const lines = stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^FILE\s+TRAINEE\s+OUTCOME\s+GRADE\s+POINTS\s+ROOT CAUSE\s+RESTORED\s+VIOLATIONS\s+VERSION$/);
    expect(lines[1]).toMatch(/^tests\/fixtures\/runs\/seed\.json\s+The team on the day \(seed path\)\s+resolved\s+D\s+63\/100\s+08:50 \(0\)\s+08:52 \(0\)\s+1 \(worst: warning\)\s+\d/);
    expect(lines[2]).toMatch(/expert\.json\s+Amira \(expert path\)\s+resolved\s+C\s+77\/100\s+08:43:20 \(−6 min 40 s\)\s+08:45:20 \(−6 min 40 s\)/);
    expect(lines[3]).toMatch(/data-loss\.json\s+Youssef \(data-loss path\)\s+failed\s+F\s+0\/100\s+08:43:10 \(−6 min 50 s\)\s+—\s+1 \(worst: critical\)\s+\d/);
  });

  it('prints every score in full with --json', () => {
    expect(score(['--json', fixture('never-escalates'), fixture('unfinished')])).toBe(0);
    const results = JSON.parse(stdout) as {
      file: string;
      ok: boolean;
      run: { trainee: string };
      score: { outcome: string; communication: { told: boolean }; timeToRootCause: { at: number | null }; points: { deductions: { points: number; reason: string }[] } };
      words: { headline: string; communication: string; milestones: Record<string, string>; deductions: string[] };
    }[];
    expect(results.map((r) => [r.file, r.ok, r.score.outcome])).toEqual([
      [fixture('never-escalates'), true, 'resolved'],
      [fixture('unfinished'), true, 'in-progress'],
    ]);
    expect(results[0]!.score.communication.told).toBe(false);
    expect(results[1]!.score.timeToRootCause).toMatchObject({ at: null });
    expect(results[1]!.words.milestones['root-cause']).toContain('not yet');
    // The sentences speak of the trainee by name, in the third person; each deduction keeps its reason.
    expect(results[0]!.words.communication).toMatch(/^Ines \(never escalates\) never told Sami\./);
    expect(results[1]!.words.headline).not.toMatch(/\byou\b/i);
    for (const r of results) expect(r.score.points.deductions.map((d) => d.reason)).toEqual(r.words.deductions);
  });

  it('reports each file it cannot score on one line, exits non-zero, and still scores the others', () => {
    const files = [fixture('seed'), `${FIXTURES}/invalid/cut-short.json`, `${FIXTURES}/missing.json`, `${FIXTURES}/invalid/unknown-scenario.json`, `${FIXTURES}/invalid/after-the-end.json`, fixture('red-herring-heavy')];
    expect(score(files)).toBe(1);
    expect(stderr.trimEnd().split('\n')).toEqual([
      `${FIXTURES}/invalid/cut-short.json: This file is not valid JSON (it may be cut short or not a run at all).`,
      `${FIXTURES}/missing.json: cannot read the file (ENOENT)`,
      `${FIXTURES}/invalid/unknown-scenario.json: This run is for a scenario this app does not have ("redis-outage").`,
      `${FIXTURES}/invalid/after-the-end.json: This run cannot be replayed: it goes on for 1 input(s) after the drill ended (failed). It was not made by this scenario.`,
    ]);
    const rows = stdout.trimEnd().split('\n').slice(1);
    expect(rows.map((r) => r.split(/\s+/)[0])).toEqual([fixture('seed'), fixture('red-herring-heavy')]);
  });

  it('needs at least one file', () => {
    expect(() => score([])).toThrow(CliError);
    expect(() => score(['--csv', fixture('seed')])).toThrow('unknown option --csv');
  });

  it('keeps control characters in a trainee name off the terminal', () => {
    const run = JSON.parse(readFileSync(fixture('seed'), 'utf8')) as { trainee: string };
    run.trainee = 'Eve\u001b[2J\u001b]0;owned\u0007';
    const table = formatTable([scoreRunText('evil.json', JSON.stringify(run), [mysqlWipe])]);
    expect(table).toMatch(/evil\.json\s+Eve/);
    // eslint-disable-next-line no-control-regex
    expect(table).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f]/);
  });
});

describe('the sample run files', { timeout: 60_000 }, () => {
  // The seed and expert runs restore from the delayed replica without freezing it first (the
  // critical step) and from it only: the sign-ups of its last hour are lost (a data-loss deduction).
  const expected: Record<string, { outcome: string; grade: string }> = {
    seed: { outcome: 'resolved', grade: 'D' },
    expert: { outcome: 'resolved', grade: 'C' },
    'data-loss': { outcome: 'failed', grade: 'F' },
    'never-escalates': { outcome: 'resolved', grade: 'B' },
    'red-herring-heavy': { outcome: 'resolved', grade: 'F' },
    unfinished: { outcome: 'in-progress', grade: 'F' },
  };

  it('are all here, decode, and score as described', () => {
    const names = readdirSync(`${repoRoot}${FIXTURES}`).filter((n) => n.endsWith('.json')).map((n) => n.replace(/\.json$/, ''));
    expect(names.sort()).toEqual(Object.keys(expected).sort());
    for (const name of names) {
      const result = scoreRunText(name, readFileSync(`${repoRoot}${fixture(name)}`, 'utf8'), [mysqlWipe]);
      if (!result.ok) throw new Error(`${name}: ${result.reason}`);
      expect({ outcome: result.score.outcome, grade: result.score.grade }, name).toEqual(expected[name]);
    }
  });

  it('the seed run file replays the reference path exactly', () => {
    const result = scoreRunText('seed', readFileSync(`${repoRoot}${fixture('seed')}`, 'utf8'), [mysqlWipe]);
    if (!result.ok) throw new Error(result.reason);
    expect(result.score.alignment.events.every((e) => e.status === 'matched' && e.deltaMinutes === 0)).toBe(true);
  });
});

describe('npm run drill -- score', { timeout: 60_000 }, () => {
  it('is wired into the CLI, with its usage', () => {
    const run = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { cwd: repoRoot, encoding: 'utf8' });
    const ok = run('score', fixture('seed'));
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/resolved\s+D\s+63\/100/);
    const bad = run('score', fixture('seed'), `${FIXTURES}/invalid/cut-short.json`);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toBe(`${FIXTURES}/invalid/cut-short.json: This file is not valid JSON (it may be cut short or not a run at all).\n`);
    expect(run('help').stdout).toContain('score <run file>... [--json]');
  }, 60_000);
});

describe('a run made on an older version of the scenario', { timeout: 60_000 }, () => {
  /** The bundled scenario one version on: the sample runs (made on version 1) are then older than it. */
  const next = { ...mysqlWipe, version: mysqlWipe.version + 1 };
  const seedText = () => readFileSync(`${repoRoot}${fixture('seed')}`, 'utf8');

  it('is scored on the newer version, as the app replays it, and the table and --json say it was migrated', () => {
    expect((JSON.parse(seedText()) as { scenario: { version: number } }).scenario.version).toBe(1);
    const result = scoreRunText('seed.json', seedText(), [next]);
    if (!result.ok) throw new Error(result.reason);
    expect(result.run).toMatchObject({ scenario: { id: 'mysql-wipe', version: next.version }, migratedFrom: 1 });
    const unmigrated = scoreRunText('seed.json', seedText(), [mysqlWipe]);
    if (!unmigrated.ok) throw new Error(unmigrated.reason);
    // The same inputs on the same content: the same score, now said to be on the newer version.
    expect(result.score).toEqual({ ...unmigrated.score, scenario: { id: 'mysql-wipe', version: next.version } });
    const [header, row] = formatTable([result]).trimEnd().split('\n');
    expect(header).toMatch(/\sVERSION$/);
    expect(row).toMatch(new RegExp(`^seed\\.json\\s+The team on the day \\(seed path\\)\\s+resolved\\s+D\\s+63/100\\s.*\\s${next.version} \\(migrated from 1\\)$`));
  });

  it('is scored on its own version when that one is there too, and not called migrated', () => {
    const result = scoreRunText('seed.json', seedText(), [next, { ...mysqlWipe, version: 1 }]);
    if (!result.ok) throw new Error(result.reason);
    expect(result.run).toMatchObject({ scenario: { version: 1 }, migratedFrom: null });
    expect(formatTable([result]).trimEnd().split('\n')[1]).toMatch(/\s1$/);
  });

  it('made on a newer version than the bundled one, is refused in words', () => {
    const run = JSON.parse(seedText()) as { scenario: { version: number } };
    run.scenario.version = mysqlWipe.version + 1;
    const result = scoreRunText('newer.json', JSON.stringify(run), [mysqlWipe]);
    expect(result).toMatchObject({ file: 'newer.json', ok: false });
    expect(result.ok ? '' : result.reason).toMatch(
      new RegExp(`^This run was made on version ${mysqlWipe.version + 1} of "${mysqlWipe.title}", and this app has version ${mysqlWipe.version}\\. Update the app to open it\\.$`),
    );
  });

  it('`drill score` with a newer bundled scenario migrates the sample run file and says so', () => {
    // A checkout whose bundled mysql-wipe is one version on: the CLI reads scenarios/ from its working directory.
    const dir = mkdtempSync(join(tmpdir(), 'drill-score-migrate-'));
    try {
      mkdirSync(join(dir, 'scenarios'));
      const data = JSON.parse(readFileSync(`${repoRoot}scenarios/mysql-wipe.json`, 'utf8')) as { version: number };
      data.version = next.version;
      writeFileSync(join(dir, 'scenarios', 'mysql-wipe.json'), JSON.stringify(data));
      symlinkSync(join(repoRoot, 'node_modules'), join(dir, 'node_modules'));
      const args = ['--import', 'tsx', join(repoRoot, 'src/cli/main.ts'), 'score'];
      const table = spawnSync(process.execPath, [...args, join(repoRoot, fixture('seed'))], { cwd: dir, encoding: 'utf8', timeout: 50_000 });
      expect(table.stderr).toBe('');
      expect(table.status).toBe(0);
      expect(table.stdout.trimEnd().split('\n')[1]).toMatch(new RegExp(`seed\\.json\\s+The team on the day \\(seed path\\)\\s+resolved\\s+D\\s.*\\s${next.version} \\(migrated from 1\\)$`));
      const json = spawnSync(process.execPath, [...args, '--json', join(repoRoot, fixture('expert'))], { cwd: dir, encoding: 'utf8', timeout: 50_000 });
      expect(json.status).toBe(0);
      const [result] = JSON.parse(json.stdout) as { ok: boolean; run: { scenario: { version: number }; migratedFrom: number | null }; score: { grade: string } }[];
      expect(result).toMatchObject({ ok: true, run: { scenario: { id: 'mysql-wipe', version: next.version }, migratedFrom: 1 }, score: { grade: 'C' } });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
