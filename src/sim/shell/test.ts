/**
 * `test`, `[ … ]` and `[[ … ]]` as bash 4.4 evaluates them: file tests, string and integer
 * comparisons, `!`, `-a`/`-o` (and `&&`/`||` inside `[[ ]]`), parentheses. A pure function of
 * the words and a way to look at files; errors are bash's words, with status 2.
 */
import { fnmatch } from '../programs/files/fnmatch';

/** What a file test needs to know of a path, as the user running the test sees it; null when there is nothing there. */
export interface FileFacts {
  kind: 'file' | 'dir' | 'link' | 'char' | 'socket';
  size: number;
  readable: boolean;
  writable: boolean;
  executable: boolean;
}

export interface TestInput {
  words: readonly string[];
  /** `[[ … ]]`: `==` matches a pattern, `-eq` reads names as variables; else `test`/`[`. */
  conditional: boolean;
  /** For `[[ ]]`: which words came with no quotes at all (a right-hand pattern that may glob). */
  unquoted?: readonly boolean[];
  file(path: string): FileFacts | null;
  variable?(name: string): string;
}

export type TestResult = { status: 0 | 1 } | { status: 2; error: string };

const UNARY = new Set(['-e', '-f', '-d', '-s', '-r', '-w', '-x', '-L', '-h', '-c', '-b', '-p', '-S', '-z', '-n', '-a', '-g', '-u', '-k', '-O', '-G', '-N', '-t', '-v']);
const BINARY = new Set(['=', '==', '!=', '-eq', '-ne', '-lt', '-le', '-gt', '-ge', '<', '>', '-nt', '-ot', '-ef', '=~']);

class Failure {
  constructor(readonly message: string) {}
}

function integer(text: string, input: TestInput): number {
  const trimmed = text.trim();
  if (/^[-+]?\d+$/.test(trimmed)) return Number(trimmed);
  if (input.conditional) {
    // `[[ ]]` evaluates an operand arithmetically: a name is its variable's value, unset is 0.
    if (trimmed === '') return 0;
    if (/^[A-Za-z_]\w*$/.test(trimmed)) {
      const value = input.variable?.(trimmed) ?? '';
      return /^[-+]?\d+$/.test(value.trim()) ? Number(value.trim()) : 0;
    }
    throw new Failure(`${trimmed}: syntax error: operand expected (error token is "${trimmed}")`);
  }
  throw new Failure(`${text}: integer expression expected`);
}

function unary(op: string, arg: string, input: TestInput): boolean {
  if (op === '-z') return arg === '';
  if (op === '-n') return arg !== '';
  if (op === '-v') return input.variable !== undefined && input.variable(arg) !== '';
  if (op === '-t') return false;
  const facts = arg === '' ? null : input.file(arg);
  if (!facts) return false;
  switch (op) {
    case '-e':
    case '-a':
      return true;
    case '-f':
      return facts.kind === 'file';
    case '-d':
      return facts.kind === 'dir';
    case '-L':
    case '-h':
      return facts.kind === 'link';
    case '-c':
      return facts.kind === 'char';
    case '-S':
      return facts.kind === 'socket';
    case '-s':
      return facts.size > 0;
    case '-r':
      return facts.readable;
    case '-w':
      return facts.writable;
    case '-x':
      return facts.executable;
    default:
      return false;
  }
}

function binary(left: string, op: string, right: string, input: TestInput, rightUnquoted: boolean): boolean {
  switch (op) {
    case '=':
    case '==':
      return input.conditional && rightUnquoted ? fnmatch(right, left, { slashes: true }) : left === right;
    case '!=':
      return input.conditional && rightUnquoted ? !fnmatch(right, left, { slashes: true }) : left !== right;
    case '<':
      return left < right;
    case '>':
      return left > right;
    case '-eq':
      return integer(left, input) === integer(right, input);
    case '-ne':
      return integer(left, input) !== integer(right, input);
    case '-lt':
      return integer(left, input) < integer(right, input);
    case '-le':
      return integer(left, input) <= integer(right, input);
    case '-gt':
      return integer(left, input) > integer(right, input);
    case '-ge':
      return integer(left, input) >= integer(right, input);
    default:
      throw new Failure(`${op}: not simulated`);
  }
}

/** Evaluates the words of a test (without the closing `]` or `]]`). */
export function evaluateTest(input: TestInput): TestResult {
  const words = input.words;
  const or = input.conditional ? '||' : '-o';
  const and = input.conditional ? '&&' : '-a';
  let i = 0;
  const primary = (): boolean => {
    const word = words[i];
    if (word === undefined) throw new Failure('argument expected');
    if (word === '(') {
      i += 1;
      const value = expression();
      if (words[i] !== ')') throw new Failure("`)' expected");
      i += 1;
      return value;
    }
    const next = words[i + 1];
    if (next !== undefined && BINARY.has(next) && words[i + 2] !== undefined) {
      if (next === '=~') throw new Failure('=~: not simulated');
      i += 3;
      return binary(word, next, words[i - 1]!, input, input.unquoted?.[i - 1] ?? false);
    }
    if (UNARY.has(word) && next !== undefined && !(word === '-a' && i > 0)) {
      i += 2;
      return unary(word, next, input);
    }
    // bash reads two and three words by their count (test.c's two_arguments, three_arguments).
    if (i === 0 && next !== undefined && next !== and && next !== or && (words.length === 2 || words.length === 3)) {
      throw new Failure(words.length === 2 ? `${word}: unary operator expected` : `${next}: binary operator expected`);
    }
    i += 1;
    return word !== '';
  };
  const negation = (): boolean => {
    if (words[i] === '!' && words.length - i > 1) {
      i += 1;
      return !negation();
    }
    return primary();
  };
  const conjunction = (): boolean => {
    let value = negation();
    while (words[i] === and) {
      i += 1;
      const right = negation();
      value = value && right;
    }
    return value;
  };
  const expression = (): boolean => {
    let value = conjunction();
    while (words[i] === or) {
      i += 1;
      const right = conjunction();
      value = value || right;
    }
    return value;
  };
  if (words.length === 0) return { status: 1 };
  try {
    const value = expression();
    if (i < words.length) throw new Failure('too many arguments');
    return { status: value ? 0 : 1 };
  } catch (error) {
    if (error instanceof Failure) return { status: 2, error: error.message };
    throw error;
  }
}
