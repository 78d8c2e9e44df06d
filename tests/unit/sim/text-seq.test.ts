// @vitest-environment node
/** seq as GNU coreutils 8.28 prints it. */
import { describe, expect, it } from 'vitest';
import { out, status } from './text-fixture';

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
