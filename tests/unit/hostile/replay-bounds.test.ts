// @vitest-environment node
/**
 * Hostile runs against the engine (issue 9, items 1 to 3): a trainee's regex, a run of thousands
 * of `history`, a run built to print without end. Each case asserts what the trainee or mentor
 * sees and a generous bound on time and memory measured in this process (guards, not benchmarks:
 * sized for a loaded 2-core machine).
 */
import { describe, expect, it } from 'vitest';
import { overBudget, REPLAY_WORK_BUDGET, TRANSCRIPT_BUDGET } from '../../../src/engine/machine';
import { inputFromLine, replayInputs } from '../../../src/engine/replay';
import { HISTSIZE, MAX_STEP_LINES } from '../../../src/engine/world';
import { decodeRunText } from '../../../src/runs/decode';
import { encodeRun } from '../../../src/runs/format';
import { scoreRun } from '../../../src/scoring/score';
import { mysqlWipe, runOfLines } from '../runs/support';
import { worded } from '../runs/worded';

const replay = (lines: readonly string[]) => replayInputs(mysqlWipe, lines.map(inputFromLine));

/** Milliseconds and heap growth (MB) of a piece of work. */
function measure<T>(work: () => T): { value: T; ms: number; mb: number } {
  const heap = process.memoryUsage().heapUsed;
  const started = performance.now();
  const value = work();
  return { value, ms: performance.now() - started, mb: (process.memoryUsage().heapUsed - heap) / 1e6 };
}

const keptChars = (lines: readonly string[][]) => lines.reduce((n, output) => n + output.reduce((m, l) => m + l.length + 1, 0), 0);

describe('a regex the trainee types', () => {
  it('(.*)*# over the app log returns at once (RE2: linear time), matching nothing', () => {
    const { value, ms } = measure(() => replay(['ssh web-01', 'grep "(.*)*#" /var/log/tunistocks/app.log', 'cat /var/log/tunistocks/app.log | grep -E "^([0-9T:.-]*)*#"']));
    const [, bre, ere] = value.context.steps;
    expect(bre!.output).toEqual([]);
    expect(ere!.output).toEqual([]);
    // A backtracking engine would not finish this in hours; the bound catches that, not speed
    // (the replay's world set-up alone takes seconds on a loaded 2-core machine).
    expect(ms).toBeLessThan(60_000);
  });

  it('a pattern grep cannot read gets grep’s own words', () => {
    expect(replay(['ssh web-01', 'grep "a\\(" /var/log/tunistocks/app.log']).context.steps[1]!.output).toEqual(['grep: Unmatched ( or \\(']);
  });

  it('a share link of those two inputs decodes and replays without freezing whoever opens it', () => {
    const text = encodeRun(runOfLines(['ssh web-01', 'grep "(.*)*#" /var/log/tunistocks/app.log']));
    const { value, ms } = measure(() => decodeRunText(text, [mysqlWipe]));
    expect(value.ok).toBe(true);
    expect(ms).toBeLessThan(60_000);
  });
});

describe('history, over and over', () => {
  it('prints bash’s HISTSIZE lines at most, numbered as bash numbers them', () => {
    // The laptop's shell starts with the lines of its ~/.bash_history, numbered from 1.
    const saved = Number(/^\s*(\d+) {2}history$/.exec(replay(['history']).context.steps[0]!.output.at(-1)!)![1]) - 1;
    expect(saved).toBeGreaterThan(0);
    const lines = [...Array.from({ length: HISTSIZE + 20 }, (_, i) => `echo ${i}`), 'history'];
    const last = replay(lines).context.steps.at(-1)!;
    expect(last.output).toHaveLength(HISTSIZE);
    expect(last.output[0]).toBe(`${String(saved + 22).padStart(5)}  echo 21`);
    expect(last.output.at(-1)).toBe(`${String(saved + HISTSIZE + 21).padStart(5)}  history`);
  });

  it('5,000 × history scores within bounds: the replay stops at the run’s output budget, and the transcript keeps at most its scrollback', () => {
    const lines = Array.from({ length: 5_000 }, () => 'history');
    const { value, ms, mb } = measure(() => scoreRun(mysqlWipe, lines.map(inputFromLine)));
    // Each `history` prints up to 1,000 lines: some 4,700 of them reach the 64 MB a run may print.
    expect(value.steps).toBeGreaterThan(4_000);
    expect(ms).toBeLessThan(60_000);
    expect(mb).toBeLessThan(1_500);
    const snapshot = replay(lines);
    expect(overBudget(snapshot.context)).toBe(true);
    // What is kept: the budget, plus one short line for each step that gave its output up.
    expect(keptChars(snapshot.context.steps.map((s) => s.output))).toBeLessThanOrEqual(TRANSCRIPT_BUDGET + 5_000 * 140);
    expect(snapshot.context.kept).toBe(keptChars(snapshot.context.steps.map((s) => s.output)));
    expect(snapshot.context.steps[0]!.output[0]).toMatch(/^\[earlier output no longer kept/);
    expect(decodeRunText(encodeRun(runOfLines(lines)), [mysqlWipe])).toMatchObject({ ok: false, problem: { code: 'too-long' } });
  }, 180_000);

  it('2,500 long echoes then 2,500 × history: no crash (it used to end in RangeError: Invalid string length)', () => {
    const lines = [...Array.from({ length: 2_500 }, (_, i) => `echo ${'x'.repeat(220)} ${i}`), ...Array.from({ length: 2_500 }, () => 'history')];
    const { value, ms } = measure(() => replay(lines));
    expect(value.context.steps.length).toBeGreaterThan(2_500);
    expect(ms).toBeLessThan(60_000);
  }, 120_000);
});

describe('a run built to print without end', () => {
  // 90 lines of 10,000 characters in the history, then `history` prints 900 kB a time.
  const loud = [...Array.from({ length: 90 }, (_, i) => `echo ${String(i).padStart(9_990, 'z')}`), ...Array.from({ length: 80 }, () => 'history')];

  it('stops taking input once it has printed the run’s budget of output', () => {
    const snapshot = replay(loud);
    expect(overBudget(snapshot.context)).toBe(true);
    expect(snapshot.context.work).toBeGreaterThan(REPLAY_WORK_BUDGET);
    expect(snapshot.context.steps.length).toBeLessThan(loud.length);
  });

  it('is refused when opened, in plain words, and nothing else happens', () => {
    const text = encodeRun(runOfLines(loud));
    expect(text.length).toBeLessThan(1_000_000);
    const { value, ms } = measure(() => decodeRunText(text, [mysqlWipe]));
    expect(worded(value)).toEqual({ ok: false, problem: { code: 'too-long', message: 'This run takes too long to replay: its commands print more than the drill replays for one run (64 MB of output), so it was not opened. Nothing was changed.' } });
    expect(ms).toBeLessThan(30_000);
  }, 60_000);
});

describe('one step’s output (the simulation bounds it)', () => {
  const truncated = "[output truncated: the drill shows at most 5,000 lines or 1 MB of one command's output]";

  it('is cut at 5,000 lines, with a note saying so', () => {
    const last = replay(['seq 6000']).context.steps.at(-1)!;
    expect(last.output).toHaveLength(MAX_STEP_LINES);
    expect(last.output[0]).toBe('1');
    expect(last.output.at(-1)).toBe('5000');
    expect(last.notes ?? []).toContain(truncated);
  });

  it('is cut at 1 MB of characters', () => {
    // 110 lines of 10,000 characters in the history: `history` would print 1.1 MB.
    const lines = [...Array.from({ length: 110 }, (_, i) => `echo ${String(i).padStart(9_990, 'z')}`), 'history'];
    const last = replay(lines).context.steps.at(-1)!;
    const chars = last.output.join('\n').length;
    expect(chars).toBeLessThanOrEqual(1_000_000);
    expect(chars).toBeGreaterThan(990_000);
    expect(last.notes ?? []).toContain(truncated);
  });

  it('is left alone under the bounds', () => {
    const last = replay(['seq 3']).context.steps.at(-1)!;
    expect(last.output).toEqual(['1', '2', '3']);
    expect(last.notes ?? []).not.toContain(truncated);
  });
});
