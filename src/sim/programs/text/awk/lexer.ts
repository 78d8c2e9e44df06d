/**
 * The tokens of an awk program as mawk 1.3.3's scanner makes them: a `/` is a regular expression
 * where an operand may start and a division after one, a name directly followed by `(` is a
 * function call, newlines are tokens (they end statements), `\` joins lines, `#` starts a
 * comment. It counts open parentheses and braces, as mawk does, to word its syntax errors.
 */

export type TokenKind = 'number' | 'string' | 'regex' | 'name' | 'funcName' | 'builtin' | 'keyword' | 'op' | 'newline' | 'eof';

export interface Token {
  kind: TokenKind;
  /** The operator or keyword text, the name, the string's value, the regex's source. */
  text: string;
  /** For numbers. */
  value?: number;
  line: number;
  /** Parentheses and braces open just before this token (for "missing ) near …"). */
  parens: number;
  braces: number;
}

export const KEYWORDS = new Set(['BEGIN', 'END', 'function', 'func', 'if', 'else', 'while', 'for', 'do', 'break', 'continue', 'next', 'nextfile', 'exit', 'return', 'delete', 'in', 'getline', 'print', 'printf']);

export const BUILTINS = new Set(['length', 'substr', 'index', 'split', 'sub', 'gsub', 'match', 'sprintf', 'sin', 'cos', 'atan2', 'exp', 'log', 'sqrt', 'int', 'rand', 'srand', 'tolower', 'toupper', 'system', 'close', 'fflush']);

/** An error mawk's scanner reports before parsing: `mawk: 1: unexpected character '@'`. */
export class AwkLexError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

const OPERATORS = ['+=', '-=', '*=', '/=', '%=', '^=', '**=', '==', '<=', '>=', '!=', '++', '--', '&&', '||', '>>', '!~', '**', '+', '-', '*', '/', '%', '^', '!', '>', '<', '|', '?', ':', '~', '$', '=', '(', ')', '[', ']', '{', '}', ',', ';'];

/** Tokens after which a `/` divides (they end an operand). */
function endsOperand(t: Token | undefined): boolean {
  if (!t) return false;
  if (t.kind === 'number' || t.kind === 'string' || t.kind === 'regex' || t.kind === 'name' || t.kind === 'builtin') return true;
  if (t.kind === 'op') return t.text === ')' || t.text === ']' || t.text === '$' || t.text === '++' || t.text === '--';
  return false;
}

/** C escapes in a string constant: `\n \t \\ \" \/ \ooo`…; an unknown escape keeps its backslash, as mawk's rm_escape does. */
export function unescapeString(raw: string): string {
  let out = '';
  for (let i = 0; i < raw.length; i += 1) {
    const c = raw[i]!;
    if (c !== '\\' || i + 1 >= raw.length) {
      out += c;
      continue;
    }
    const n = raw[i + 1]!;
    const simple: Record<string, string> = { n: '\n', t: '\t', f: '\f', b: '\b', r: '\r', a: '\x07', v: '\x0b', '\\': '\\', '"': '"', '/': '/' };
    if (Object.hasOwn(simple, n)) {
      out += simple[n];
      i += 1;
    } else if (n >= '0' && n <= '7') {
      let k = i + 1;
      let v = 0;
      for (let d = 0; d < 3 && k < raw.length && raw[k]! >= '0' && raw[k]! <= '7'; d += 1, k += 1) v = v * 8 + Number(raw[k]);
      out += String.fromCharCode(v & 0xff);
      i = k - 1;
    } else {
      out += `\\${n}`;
      i += 1;
    }
  }
  return out;
}

/** Splits a program into tokens, or throws mawk's scanner error. */
export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  let line = 1;
  let parens = 0;
  let braces = 0;
  const push = (kind: TokenKind, text: string, value?: number) => {
    tokens.push({ kind, text, value, line, parens, braces });
  };
  while (i < source.length) {
    const c = source[i]!;
    if (c === ' ' || c === '\t' || c === '\r') {
      i += 1;
      continue;
    }
    if (c === '\\' && source[i + 1] === '\n') {
      i += 2;
      line += 1;
      continue;
    }
    if (c === '#') {
      while (i < source.length && source[i] !== '\n') i += 1;
      continue;
    }
    if (c === '\n') {
      push('newline', '\n');
      line += 1;
      i += 1;
      continue;
    }
    if (c === '"') {
      let j = i + 1;
      let raw = '';
      while (j < source.length && source[j] !== '"') {
        if (source[j] === '\n') throw new AwkLexError('runaway string constant "' + raw.slice(0, 10) + ' ...', line);
        if (source[j] === '\\' && j + 1 < source.length) {
          if (source[j + 1] === '\n') {
            j += 2;
            line += 1;
            continue;
          }
          raw += source[j]! + source[j + 1]!;
          j += 2;
          continue;
        }
        raw += source[j];
        j += 1;
      }
      if (j >= source.length) throw new AwkLexError(`runaway string constant "${raw.slice(0, 10)} ...`, line);
      push('string', unescapeString(raw));
      i = j + 1;
      continue;
    }
    if (c === '/' && !endsOperand(tokens[tokens.length - 1])) {
      // mawk's collect_RE: up to the next unescaped `/` (brackets are not special here).
      let j = i + 1;
      let raw = '';
      while (j < source.length && source[j] !== '/') {
        const d = source[j]!;
        if (d === '\n') throw new AwkLexError(`runaway regular expression /${raw.slice(0, 10)} ...`, line);
        if (d === '\\' && j + 1 < source.length) {
          // `\/` is a slash; any other escape is kept for the regex reader.
          raw += source[j + 1] === '/' ? '/' : d + source[j + 1];
          j += 2;
          continue;
        }
        raw += d;
        j += 1;
      }
      if (j >= source.length) throw new AwkLexError(`runaway regular expression /${raw.slice(0, 10)} ...`, line);
      push('regex', raw);
      i = j + 1;
      continue;
    }
    if ((c >= '0' && c <= '9') || (c === '.' && source[i + 1] !== undefined && source[i + 1]! >= '0' && source[i + 1]! <= '9')) {
      const m = /^(?:0[xX][0-9a-fA-F]+|\d*\.?\d*(?:[eE][+-]?\d+)?)/.exec(source.slice(i))!;
      let text = m[0];
      // mawk reads numbers with strtod on the decimal part only.
      if (/^0[xX]/.test(text)) text = '0';
      push('number', text, Number(text));
      i += text.length;
      continue;
    }
    if (/[A-Za-z_]/.test(c)) {
      let j = i;
      while (j < source.length && /[A-Za-z0-9_]/.test(source[j]!)) j += 1;
      const word = source.slice(i, j);
      i = j;
      if (KEYWORDS.has(word)) push('keyword', word === 'func' ? 'function' : word);
      else if (BUILTINS.has(word)) push('builtin', word);
      else if (source[i] === '(') push('funcName', word);
      else push('name', word);
      continue;
    }
    const op = OPERATORS.find((o) => source.startsWith(o, i));
    if (!op) throw new AwkLexError(c.charCodeAt(0) > 32 && c.charCodeAt(0) < 127 ? `unexpected character '${c}'` : `unexpected character 0x${c.charCodeAt(0).toString(16).padStart(2, '0')}`, line);
    const text = op === '**' ? '^' : op === '**=' ? '^=' : op;
    push('op', text);
    if (text === '(') parens += 1;
    else if (text === ')') parens = Math.max(0, parens - 1);
    else if (text === '{') braces += 1;
    else if (text === '}') braces = Math.max(0, braces - 1);
    i += op.length;
  }
  push('eof', '');
  return tokens;
}
