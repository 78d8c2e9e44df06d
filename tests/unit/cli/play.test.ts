// @vitest-environment node
/** `drill play`: a scenario played headless, from stdin or a commands file, as text or JSON. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { play } from '../../../src/cli/play';
import { score } from '../../../src/cli/score';
import { CliError } from '../../../src/cli/scenarios';
import { clockText } from '../../../src/engine/clock';
import { inputFromLine, replayInputs } from '../../../src/engine/replay';
import { mysqlWipe } from '../engine/support';
import { drill, inProcess, lines, type DrillResult } from './drill';

interface PlayedRun {
  scenario: { id: string; version: number };
  steps: { channel: string; input: string; host: string; clock: string; recognised: boolean; actions: string[]; output: string[] }[];
  outcome: 'resolved' | 'failed' | 'in-progress';
  ending: { id: string; title: string } | null;
  clock: string;
  ignoredInputs: number;
}

const workDir = mkdtempSync(join(tmpdir(), 'drill-play-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

/** Writes a commands file and plays it in this process with --json. */
async function playLines(text: string, scenario = 'mysql-wipe'): Promise<PlayedRun> {
  const file = join(workDir, `commands-${Math.random().toString(36).slice(2)}.txt`);
  writeFileSync(file, text);
  const result = await inProcess(play, ['--scenario', scenario, '--commands', file, '--json']);
  expect(result.status).toBe(0);
  return JSON.parse(result.stdout) as PlayedRun;
}

describe('drill play --json, from stdin (a real process)', { timeout: 120_000 }, () => {
  let result: DrillResult;
  let run: PlayedRun;
  // A real process: Node, tsx, the SQL engine and the whole world start for it (a minute on a loaded machine).
  beforeAll(() => {
    result = drill(['play', '--scenario', 'mysql-wipe', '--json'], `${mysqlWipe.referencePath.join('\n')}\n`);
    run = JSON.parse(result.stdout) as PlayedRun;
  }, 120_000);

  it('exits 0 and prints only the JSON run', () => {
    expect(result.status).toBe(0);
    expect(result.stderr).toBe('');
    expect(Object.keys(run).sort()).toEqual(['clock', 'ending', 'ignoredInputs', 'outcome', 'scenario', 'steps']);
  });

  it('plays the reference path to "resolved", with one step per line', () => {
    expect(run.outcome).toBe('resolved');
    expect(run.ending).toEqual({ id: 'restored', title: mysqlWipe.endings.find((e) => e.id === 'restored')!.title });
    expect(run.scenario).toEqual({ id: mysqlWipe.id, version: mysqlWipe.version });
    expect(run.steps.map((s) => s.input)).toEqual(mysqlWipe.referencePath.map((l) => inputFromLine(l).text));
    expect(run.clock).toBe(mysqlWipe.timeline.impactEnd);
    expect(run.ignoredInputs).toBe(0);
  });

  it('gives each step its input, clock as HH:MM, whether it was recognised, and its output', () => {
    const engine = replayInputs(mysqlWipe, mysqlWipe.referencePath.map(inputFromLine)).context.steps;
    run.steps.forEach((step, i) => {
      expect(typeof step.input).toBe('string');
      expect(step.clock).toMatch(/^\d{2}:\d{2}$/);
      expect(step.clock).toBe(clockText(engine[i]!.clock));
      expect(step.recognised).toBe(true);
      expect(Array.isArray(step.output) && step.output.every((l) => typeof l === 'string')).toBe(true);
    });
    expect(run.steps.find((s) => s.channel === 'chat')!.output[0]).toMatch(/^Sami: /);
  });
});

describe('drill play --commands FILE', { timeout: 60_000 }, () => {
  it('a harmful path fails, and the lines after the end are not run', async () => {
    const result = await inProcess(play, ['--scenario', 'mysql-wipe', '--commands', 'tests/fixtures/commands/data-lost.txt', '--json']);
    expect(result.status).toBe(0);
    const run = JSON.parse(result.stdout) as PlayedRun;
    expect(run.outcome).toBe('failed');
    expect(run.ending?.id).toBe('data-lost');
    expect(run.steps[run.steps.length - 1]!.actions).toEqual(['dump-master-into-replica']);
    expect(run.ignoredInputs).toBe(2);
  });

  it('an unfinished run is in progress; unknown lines are kept and marked; CRLF is fine', async () => {
    const run = await playLines('crul https://tunistocks.tn\r\nls\r\nchat: hello\r\n');
    expect(run.outcome).toBe('in-progress');
    expect(run.ending).toBeNull();
    expect(run.steps.map((s) => [s.channel, s.input, s.recognised])).toEqual([
      ['terminal', 'crul https://tunistocks.tn', false],
      ['terminal', 'ls', true],
      ['chat', 'hello', true],
    ]);
    expect(run.steps[0]!.output.slice(0, 3)).toEqual(['', "Command 'crul' not found, did you mean:", '']);
  });

  it('keeps blank lines in the middle as empty steps, but not the final newline', async () => {
    const run = await playLines('ls\n\npwd\n');
    expect(run.steps.map((s) => s.input)).toEqual(['ls', '', 'pwd']);
  });

  it('plays a scenario given as a file path', async () => {
    const run = await playLines('ping -c 1 web-01\nssh web-01\nsudo systemctl restart app\n', 'tests/fixtures/scenarios/minimal.json');
    expect(run.scenario.id).toBe('minimal');
    expect(run.outcome).toBe('resolved');
  });

  it('the same file gives the same JSON every time', async () => {
    const text = mysqlWipe.referencePath.join('\n');
    expect(await playLines(text)).toEqual(await playLines(text));
  });
});

describe('drill play (transcript)', { timeout: 60_000 }, () => {
  it('prints each input with the clock and prompt, its output, and how it ended', async () => {
    const file = join(workDir, 'reference.txt');
    writeFileSync(file, mysqlWipe.referencePath.join('\n'));
    const result = await inProcess(play, ['--scenario', 'mysql-wipe', '--commands', file]);
    expect(result.status).toBe(0);
    const out = lines(result.stdout);
    expect(out[0]).toBe(mysqlWipe.title);
    expect(out).toContain(`[08:40] intern@intern-laptop:~$ ${mysqlWipe.referencePath[0]}`);
    expect(out).toContain('[08:48] mysql> SELECT COUNT(*) FROM users;');
    // The client's history file as libedit writes it: a space is \040.
    expect(out).toContain("DELETE\\040FROM\\040programmes;\\040WHERE\\040code\\040=\\040'test';");
    expect(out[out.length - 1]).toBe('[08:55] Resolved: The site is back');
  });
});

describe('drill play --save', { timeout: 120_000 }, () => {
  it('writes the run it played as a run file that drill score scores', async () => {
    const commands = join(workDir, 'save.txt');
    const saved = join(workDir, 'saved.run.json');
    writeFileSync(commands, mysqlWipe.referencePath.join('\n'));
    const result = await inProcess(play, ['--scenario', 'mysql-wipe', '--commands', commands, '--save', saved, '--trainee', 'Amel']);
    expect(result.status).toBe(0);
    const run = JSON.parse(readFileSync(saved, 'utf8')) as { kind: string; scenario: { id: string; version: number }; trainee: string; inputs: { text: string; clock: string }[] };
    expect(run).toMatchObject({ kind: 'outage-drill/run', scenario: { id: 'mysql-wipe', version: mysqlWipe.version }, trainee: 'Amel' });
    expect(run.inputs.map((i) => i.text)).toEqual(mysqlWipe.referencePath.map((l) => l.replace(/^chat: /, '')));
    expect(run.inputs[0]!.clock).toBe('08:40:00');
    const scored = await inProcess(score, [saved, '--json']);
    expect(scored.status).toBe(0);
    expect(JSON.parse(scored.stdout)[0].score).toMatchObject({ outcome: 'resolved', grade: 'D' });
  });

  it('a run file it cannot write is named, with the reason', async () => {
    const commands = join(workDir, 'one.txt');
    writeFileSync(commands, 'ls\n');
    await expect(inProcess(play, ['--scenario', 'mysql-wipe', '--commands', commands, '--save', join(workDir, 'no-such-dir', 'x.json')])).rejects.toThrow(/cannot write the run file \(ENOENT\)/);
  });
});

describe('drill play, refused', { timeout: 60_000 }, () => {
  it('an unknown scenario id: non-zero exit and a one-line message naming it (a real process)', { timeout: 120_000 }, () => {
    const result = drill(['play', '--scenario', 'no-such-outage', '--json'], 'ls\n');
    expect(result.status).not.toBe(0);
    expect(result.stdout).toBe('');
    expect(lines(result.stderr)).toEqual(['drill: no scenario file or id "no-such-outage" (bundled scenarios: mysql-wipe)']);
  });

  it('a commands file that cannot be read names the file', async () => {
    await expect(inProcess(play, ['--scenario', 'mysql-wipe', '--commands', 'tests/fixtures/commands/missing.txt'])).rejects.toThrow(
      new CliError('tests/fixtures/commands/missing.txt: cannot read the file (ENOENT)'),
    );
  });

  it('no --scenario, or an unknown option, is a usage error', async () => {
    await expect(inProcess(play, [])).rejects.toThrow(/play needs --scenario/);
    await expect(inProcess(play, ['--scenario', 'mysql-wipe', '--colour'])).rejects.toThrow(/unknown option --colour/);
    await expect(inProcess(play, ['--scenario'])).rejects.toThrow(/--scenario needs a value/);
  });
});
