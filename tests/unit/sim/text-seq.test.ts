// @vitest-environment node
/** seq as GNU coreutils 8.28 prints it, and bash's history numbering past HISTSIZE. */
import { describe, expect, it } from 'vitest';
import { HISTSIZE } from '../../../src/sim/world';
import { out, runText, status } from './text-fixture';

describe('seq', () => {
  it.each([
    ['seq 3', '1\n2\n3'],
    ['seq 2 4', '2\n3\n4'],
    ['seq 1 0.5 2', '1.0\n1.5\n2.0'],
    ['seq -w 8 10', '08\n09\n10'],
    ['seq -s, 4', '1,2,3,4'],
    ['seq 5 -2 0', '5\n3\n1'],
    ['seq -3 -1', '-3\n-2\n-1'],
    ['seq 3 1', ''],
    ['seq 10 | tail -2', '9\n10'],
    ['seq 1000 | wc -l', '1000'],
  ])('%s', (line, expected) => {
    expect(out(line)).toBe(expected);
  });

  it.each([
    ['seq', 'seq: missing operand'],
    ['seq 1 0 3', "seq: invalid Zero increment value: '0'"],
    ['seq x', "seq: invalid floating point argument: 'x'"],
    ['seq 1 2 3 4', "seq: extra operand '4'"],
  ])('%s fails as GNU seq does', (line, first) => {
    expect(out(`${line} 2>&1`).split('\n')).toEqual([first, "Try 'seq --help' for more information."]);
    expect(status(line)).toBe(1);
  });

  it('stops at the stream cap: seq 1000000000 is bounded', () => {
    expect(Number(out('seq 1000000000 | wc -l'))).toBeLessThan(200_000);
  });
});

describe('history past HISTSIZE', () => {
  it('keeps the last HISTSIZE lines, numbered from where bash has got to', () => {
    const steps = runText([...Array.from({ length: HISTSIZE + 20 }, (_, i) => `echo ${i}`), 'history']);
    const shown = steps.at(-1)!.output;
    expect(shown).toHaveLength(HISTSIZE);
    expect(shown[0]).toBe(`${String(22).padStart(5)}  echo 21`);
    expect(shown.at(-1)).toBe(`${String(HISTSIZE + 21).padStart(5)}  history`);
  });

  it('history -c starts again from 1', () => {
    const steps = runText([...Array.from({ length: HISTSIZE + 5 }, (_, i) => `echo ${i}`), 'history -c', 'history']);
    expect(steps.at(-1)!.output).toEqual(['    1  history']);
  });
});
