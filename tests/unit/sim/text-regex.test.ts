/**
 * src/sim/regex.ts: POSIX patterns read as GNU grep, GNU sed and mawk read them, run on RE2.
 * Each case says what the real tool does with the pattern: which strings it matches, or the
 * error it prints.
 */
import { describe, expect, it } from 'vitest';
import { compilePatternList, compilePosix, errorsOf, translatePosix, type RegexSyntax } from '../../../src/sim/regex';

function matches(pattern: string, syntax: RegexSyntax, text: string, ignoreCase = false): boolean {
  const re = compilePosix(pattern, { syntax, ignoreCase });
  if (!re.ok) throw new Error(`${pattern}: ${re.error}`);
  return re.test(text);
}

describe('BRE as grep reads it', () => {
  it.each([
    ['a\\(b\\)*c', 'abbbc', true],
    ['a(b)c', 'a(b)c', true],
    ['a(b)c', 'abc', false],
    ['*abc', '*abc', true],
    ['*abc', 'abc', false],
    ['a\\{2\\}', 'aa', true],
    ['a\\{2\\}', 'ab', false],
    ['a{2}', 'a{2}', true],
    ['a\\+', 'aaa', true],
    ['a+', 'a+', true],
    ['a\\?b', 'b', true],
    ['a\\|b', 'b', true],
    ['a|b', 'a|b', true],
    ['a|b', 'b', false],
    ['a^b', 'a^b', true],
    ['a$b', 'a$b', true],
    ['^ab$', 'ab', true],
    ['^ab$', 'xab', false],
    ['\\(^a\\)', 'ab', true],
    ['x\\|^y', 'yz', true],
    ['^*', '*x', true],
    ['\\<foo\\>', 'a foo b', true],
    ['\\<foo\\>', 'afoo', false],
    ['\\bfoo\\b', 'foo.', true],
    ['\\w\\+', '___', true],
    ['\\W', 'abc', false],
    ['\\s', 'a b', true],
    ['\\S', '   ', false],
    ['[[:digit:]]\\{3\\}', 'id 123', true],
    ['[[:space:]]', 'a\tb', true],
    ['[[:upper:]]', 'abc', false],
    ['[]a]', ']', true],
    ['[^]a]', ']', false],
    ['[a-]', '-', true],
    ['[\\n]', '\\', true],
    ['[[.-.]]', '-', true],
    ['[[=e=]]', 'e', true],
    ['.', 'é', true],
    ['a.c', 'a\nc', true],
  ] as const)('%s on %j: %s', (pattern, text, expected) => {
    expect(matches(pattern, 'grep-basic', text)).toBe(expected);
  });
});

describe('ERE as grep -E reads it', () => {
  it.each([
    ['(ab)+', 'abab', true],
    ['a{2,3}', 'aa', true],
    ['a{,2}b', 'b', true],
    ['a{1', 'a{1', true],
    ['a{1,x}', 'a{1,x}', true],
    ['*an', 'banana', true],
    [')', 'a)', true],
    ['a|b', 'b', true],
    ['a\\|b', 'a|b', true],
    ['\\(', '(', true],
    ['a^b', 'a^b', false],
    ['x+?', 'x', true],
    ['(a|)b', 'b', true],
    ['[[:alpha:]_][[:alnum:]_]*', '_x1', true],
  ] as const)('%s on %j: %s', (pattern, text, expected) => {
    expect(matches(pattern, 'grep-extended', text)).toBe(expected);
  });
});

describe('errors in the tools\' own words', () => {
  it.each([
    ['[', 'grep-basic', 'Invalid regular expression'],
    ['[a', 'grep-basic', 'Unmatched [, [^, [:, [., or [='],
    ['[[:alpha:]', 'grep-basic', 'Unmatched [, [^, [:, [., or [='],
    ['\\(a', 'grep-basic', 'Unmatched ( or \\('],
    ['(a', 'grep-extended', 'Unmatched ( or \\('],
    ['a\\)', 'grep-basic', 'Unmatched ) or \\)'],
    ['a)', 'sed-extended', 'Unmatched ) or \\)'],
    ['a\\', 'grep-basic', 'Trailing backslash'],
    ['\\1', 'grep-basic', 'Invalid back reference'],
    ['\\(a\\)\\2', 'grep-basic', 'Invalid back reference'],
    ['a\\{1', 'grep-basic', 'Unmatched \\{'],
    ['a\\{1,x\\}', 'grep-basic', 'Invalid content of \\{\\}'],
    ['a{2,1}', 'grep-extended', 'Invalid content of \\{\\}'],
    ['a{}', 'grep-extended', 'Invalid content of \\{\\}'],
    ['a{40000}', 'grep-extended', 'Regular expression too big'],
    ['[[:alfa:]]', 'grep-basic', 'Invalid character class name'],
    ['[z-a]', 'grep-basic', 'Invalid range end'],
    ['[[:digit:]-z]', 'grep-basic', 'Invalid range end'],
    ['[[.ab.]]', 'grep-basic', 'Invalid collation character'],
    ['[:space:]', 'grep-basic', 'character class syntax is [[:space:]], not [:space:]'],
    ['a**', 'sed-basic', 'Invalid preceding regular expression'],
    ['*a', 'sed-extended', 'Invalid preceding regular expression'],
    ['a{1', 'sed-extended', 'Unmatched \\{'],
  ] as const)('%s (%s): %s', (pattern, syntax, error) => {
    const result = translatePosix(pattern, syntax);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toBe(error);
  });

  it('a valid back-reference is accepted by the tools but not runnable here: it says so', () => {
    const result = compilePosix('\\(ab\\)\\1');
    expect(result).toEqual({ ok: false, error: 'Invalid back reference', unsupported: 'backreference' });
    // A real error later in the pattern still wins, as glibc reads on.
    expect(translatePosix('\\(a\\)\\1\\(', 'grep-basic')).toEqual({ ok: false, error: 'Unmatched ( or \\(' });
  });

  it('reports every pattern of a list, real errors first', () => {
    expect(errorsOf(['[a', 'ok', '\\(']).map((e) => e.error)).toEqual(['Unmatched [, [^, [:, [., or [=', 'Unmatched ( or \\(']);
    expect(errorsOf(['(', 'x'], { fixed: true })).toEqual([]);
  });
});

describe('mawk 1.3.3 dialect', () => {
  it.each([
    ['a{2}', 'a{2}', true],
    ['a{2}', 'aa', false],
    ['[[:digit:]]', ':]', true],
    ['[[:digit:]]', '5', false],
    ['\\.[0-9]+$', 'v1.25', true],
    ['^a|b$', 'xb', true],
    ['a$b', 'a$b', false],
    ['[\\]]', ']', true],
    ['[a\\-z]', '-', true],
    ['\\t', '\t', true],
    ['', 'anything', true],
  ] as const)('%s on %j: %s', (pattern, text, expected) => {
    expect(matches(pattern, 'awk', text)).toBe(expected);
  });

  it.each([
    ['[a', 'bad class -- [], [^] or ['],
    ['(a', "missing ')'"],
    ['a)', "missing '('"],
    ['*a', 'missing operand'],
    ['a|', 'missing operand'],
    ['()', 'missing operand'],
    ['^*a', 'syntax error ^* or ^+'],
  ] as const)('%s: %s', (pattern, error) => {
    expect(translatePosix(pattern, 'awk')).toMatchObject({ ok: false, error });
  });
});

describe('grep options on the compiled pattern', () => {
  it('-i ignores case, and [:upper:] then means any letter, as glibc does', () => {
    expect(matches('error', 'grep-basic', 'ERROR', true)).toBe(true);
    expect(matches('[[:upper:]]', 'grep-basic', 'a', true)).toBe(true);
  });

  it('-w needs a whole word; -x the whole line; -F a plain string', () => {
    const word = compilePosix('foo', { word: true });
    expect(word.ok && word.matchAll('foo foo_ xfoo foo.').map((m) => [m.start, m.end])).toEqual([[0, 3], [14, 17]]);
    const at = compilePosix('@foo', { word: true });
    expect(at.ok && at.test('a @foo b')).toBe(true);
    const line = compilePosix('a.c', { line: true });
    expect(line.ok && [line.test('abc'), line.test('abcd')]).toEqual([true, false]);
    const fixed = compilePosix('a.c(', { fixed: true });
    expect(fixed.ok && [fixed.test('xa.c(y'), fixed.test('abc(')]).toEqual([true, false]);
  });

  it('matches leftmost-longest, as POSIX requires', () => {
    const re = compilePosix('a|ab|abc', { extended: true });
    expect(re.ok && re.exec('xabcd')).toEqual({ start: 1, end: 4, groups: ['abc'] });
    const groups = compilePosix('\\([a-z]*\\)=\\([0-9]*\\)');
    expect(groups.ok && groups.exec('key=42')?.groups).toEqual(['key=42', 'key', '42']);
  });

  it('a pattern list matches a line when any pattern does', () => {
    const re = compilePatternList(['ERROR', 'WARN'], {});
    expect(re.ok && ['x ERROR', 'WARN y', 'INFO'].map((l) => re.test(l))).toEqual([true, true, false]);
  });

  it('finds every match, skipping past empty ones', () => {
    const re = compilePosix('x*');
    expect(re.ok && re.matchAll('axxb').map((m) => [m.start, m.end])).toEqual([[0, 0], [1, 3], [3, 3], [4, 4]]);
  });
});
