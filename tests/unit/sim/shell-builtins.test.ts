// @vitest-environment node
/** bash's builtins as bash 4.4 on Ubuntu 18.04 prints them: printf, and history's numbering past HISTSIZE. */
import { describe, expect, it } from 'vitest';
import { HISTSIZE } from '../../../src/sim/world';
import { out, runText, status } from './text-fixture';

describe('printf', () => {
  it.each([
    ["printf 'ab\\n'", 'ab'],
    ["printf '%s-%s\\n' a b c d", 'a-b\nc-d'],
    ["printf '%5s|%-5s|\\n' ab cd", '   ab|cd   |'],
    ["printf '%d %i %05d %x %X %o %#x\\n' 42 -7 42 255 255 8 255", '42 -7 00042 ff FF 10 0xff'],
    ["printf '%.2f %e\\n' 3.14159 1234.5", '3.14 1.234500e+03'],
    ["printf '%s\\n'", ''],
    ["printf '%c%c\\n' hello world", 'hw'],
    ["printf '%b\\n' 'a\\tb'", 'a\tb'],
    ["printf '100%%\\n'", '100%'],
    ["printf '%.3s\\n' abcdef", 'abc'],
    ["printf '%*d|\\n' 4 7", '   7|'],
    ["printf '%d\\n' 0x1f 010 \"'A\"", '31\n8\n65'],
    ["printf 'a\\nb\\n' | wc -l", '2'],
    ["printf '%s ' x y; echo", 'x y '],
  ])('%s', (line, expected) => {
    expect(out(line)).toBe(expected);
  });

  it('a number that is not one: bash says so, prints 0 and exits 1', () => {
    expect(out("printf '%d\\n' abc 2>&1").split('\n')).toEqual(['-bash: printf: abc: invalid number', '0']);
    expect(status("printf '%d\\n' abc")).toBe(1);
  });

  it('with no format: its usage, exit 2', () => {
    expect(out('printf 2>&1')).toBe('-bash: printf: usage: printf [-v var] format [arguments]');
    expect(status('printf')).toBe(2);
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
