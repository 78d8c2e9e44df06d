// @vitest-environment node
/**
 * The sixth blind audit's shell findings, as bash 4.4 and the tools of Ubuntu 18.04 print them:
 * arithmetic expansion, ssh-keygen's fingerprints, exact name lookups, root's home, and the
 * sudoers rule cloud-init writes.
 */
import { describe, expect, it } from 'vitest';
import { runText } from './text-fixture';

const lines = (typed: readonly string[]) => runText(typed).map((s) => s.output.join('\n'));

describe('bash arithmetic: $(( )), (( )) and let', () => {
  it.each([
    ['echo $((17 * 3))', '51'],
    ['echo $(( 2 + 3 * 4 )) $(( (2 + 3) * 4 ))', '14 20'],
    ['echo $((7 / 2)) $((-7 / 2)) $((7 % 3)) $((-7 % 3))', '3 -3 1 -1'],
    ['echo $((2 ** 10)) $((2 ** 3 ** 2))', '1024 512'],
    ['echo $((3 > 2)) $((3 < 2)) $((2 == 2)) $((2 != 2)) $((1 && 0)) $((1 || 0)) $((! 5))', '1 0 1 0 0 1 0'],
    ['echo $((1 ? 10 : 20)) $((0 ? 10 : 20))', '10 20'],
    ['echo $((-5 + 2)) $((- -3)) $((~0))', '-3 3 -1'],
    ['echo $((010)) $((0x1f)) $((2#101)) $((16#ff))', '8 31 5 255'],
    ['echo $((9223372036854775807 + 1))', '-9223372036854775808'],
    ['x=6; echo $((x * 7)) $(($x * 7)) $((${x} + 1)) $((unset_var + 1))', '42 42 7 1'],
    ['x=5; echo $((x += 1)) $x; echo $((x++)) $x $((++x))', '6 6\n6 7 8'],
    ['a=3+4; echo $((a * 2))', '14'],
    ['echo "$((1 + 1))"', '2'],
    ['echo $((0 && 1 / 0)) $((1 || 1 / 0))', '0 1'],
  ])('%s', (line, expected) => {
    expect(lines([line])[0]).toBe(expected);
  });

  it('errors carry bash 4.4 texts, abandon the rest of the line and leave $? 1', () => {
    expect(lines(['echo $(( 17 / 0 )); echo not run', 'echo $?'])).toEqual(['-bash: 17 / 0 : division by 0 (error token is "0 ")', '1']);
    expect(lines(['echo $((17/0+1))'])[0]).toBe('-bash: 17/0+1: division by 0 (error token is "+1")');
    expect(lines(['echo $((1 +))'])[0]).toBe('-bash: 1 +: syntax error: operand expected (error token is "+")');
    expect(lines(['echo $((1 2))'])[0]).toBe('-bash: 1 2: syntax error in expression (error token is "2")');
    expect(lines(['echo $((09))'])[0]).toBe('-bash: 09: value too great for base (error token is "09")');
    expect(lines(['echo $((2 ** -1))'])[0]).toBe('-bash: 2 ** -1: exponent less than 0 (error token is "1")');
    expect(lines(['echo $((1 = 2))'])[0]).toBe('-bash: 1 = 2: attempted assignment to non-variable (error token is "= 2")');
  });

  it('is not a subshell: no "not simulated" note', () => {
    const step = runText(['echo $((1 + 1))'])[0]!;
    expect(step.notes).toEqual([]);
  });

  it('(( )) as a command: status 0 when non-zero, 1 when zero; errors prefixed "((: "', () => {
    expect(lines(['((3 > 2)); echo $?', '((3 < 2)); echo $?', 'x=1; ((x++)); echo $x'])).toEqual(['0', '1', '2']);
    expect(lines(['((1 / 0)); echo st=$?'])[0]).toBe('-bash: ((: 1 / 0: division by 0 (error token is "0")\nst=1');
    expect(lines(['i=0; while ((i < 3)); do echo $i; ((i++)); done'])[0]).toBe('0\n1\n2');
  });

  it('let: each argument an expression, status from the last', () => {
    expect(lines(['let y=3*4 z=y+1; echo $y $z $?', 'let 0; echo $?', 'let 1/0; echo $?'])).toEqual(['12 13 0', '1', '-bash: let: 1/0: division by 0 (error token is "0")\n1']);
  });
});
