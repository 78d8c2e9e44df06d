// @vitest-environment node
/**
 * What runs beside a command and how long it takes: bash forks every command of a pipeline
 * before any ends, so `ps aux | grep nginx` lists the grep too (with the alias it ran under), and
 * `sleep` waits on the simulated clock, so what comes after it on the line, and the next step,
 * are that much later. On the system fixture's shop, and over every scenario the drill ships.
 */
import { describe, expect, it } from 'vitest';
import { out, run } from './system-fixture';
import { initialWorld, runInput } from '../../../src/engine/world';
import { MAX_SLEEP_SECONDS } from '../../../src/sim/system/sleep';
import { loadScenarioFile, scenarioFiles } from '../scoring/support';

const WEB = ['ssh web'];

describe('a pipeline’s commands are processes at once', () => {
  it('ps | grep lists the grep, after ps, under its alias, waiting on its input', () => {
    const lines = out([...WEB, 'ps aux | grep nginx']).split('\n');
    const ps = out([...WEB, 'ps aux | grep "ps aux"']).split('\n');
    const grep = lines.at(-1)!;
    expect(grep).toMatch(/^ana\s+(\d+)\s+0\.0\s+0\.0\s+14856\s+1012 pts\/0\s+S\+\s+\d\d:\d\d\s+0:00 grep --color=auto nginx$/);
    const psPid = Number(/^ana\s+(\d+)/.exec(ps[0]!)![1]);
    const grepPid = Number(/^ana\s+(\d+)/.exec(ps[1]!)![1]);
    expect(grepPid).toBe(psPid + 1);
  });

  it('counting and cutting see the later commands too; grep -v grep and [n]ginx leave them out', () => {
    const all = out([...WEB, 'ps aux | grep nginx | wc -l']);
    const bracket = out([...WEB, 'ps aux | grep [n]ginx | wc -l']);
    const minus = out([...WEB, 'ps aux | grep -v grep | grep -c nginx']);
    expect(Number(all)).toBe(Number(bracket) + 1);
    expect(minus).toBe(bracket);
    expect(out([...WEB, 'ps aux | tail -1'])).toMatch(/S\+\s+\S+\s+0:00 tail -1$/);
  });

  it('a variable is filled in and a lone command has no company', () => {
    expect(out([...WEB, 'P=nginx', 'ps -ef | grep $P | tail -1'])).toMatch(/grep --color=auto nginx$/);
    expect(out([...WEB, 'ps aux']).split('\n').filter((l) => / grep /.test(l))).toEqual([]);
  });
});

describe('sleep waits on the simulated clock', () => {
  it('what follows it on the line is later by the wait', () => {
    const { steps } = run([...WEB, 'date +%T; sleep 90; date +%T']);
    const [before, after] = steps.at(-1)!.output;
    const seconds = (t: string) => t.split(':').map(Number).reduce((a, b) => a * 60 + b, 0);
    expect(seconds(after!) - seconds(before!)).toBe(90);
  });

  it('a wait past the drill’s limit stops there, as Ctrl-C would, and says so', () => {
    const { steps } = run([...WEB, 'date +%s; sleep 2h; echo "status $?"; date +%s']);
    const step = steps.at(-1)!;
    expect(step.output[1]).toBe('^C');
    expect(step.output[2]).toBe('status 130');
    expect(Number(step.output[3]) - Number(step.output[0])).toBe(MAX_SLEEP_SECONDS);
    expect(step.notes).toEqual([`The drill waits at most ${MAX_SLEEP_SECONDS / 60} minutes for one sleep: it stopped this one there, as Ctrl-C would.`]);
  });

  for (const file of scenarioFiles) {
    it(`${file}: the step that sleeps costs at least the wait`, () => {
      const scenario = loadScenarioFile(file);
      const start = initialWorld(scenario);
      const { world } = runInput(scenario, start, 'terminal', 'sleep 240');
      expect(world.clock - start.clock).toBeGreaterThanOrEqual(240);
      expect(world.sim.clock).toBe(world.clock);
    });
  }
});
