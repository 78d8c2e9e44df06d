/**
 * MySQL's lexical rules: words, `backquoted` identifiers, 'strings' and "strings" (MySQL's default
 * sql_mode has no ANSI_QUOTES) with backslash escapes, numbers, @user and @@system variables,
 * comments (`#`, `-- `, `/* *\/`) and versioned comments (`/*!40101 … *\/`, whose content runs on a
 * server at least that version).
 */

export type TokenKind = 'word' | 'quoted' | 'string' | 'number' | 'hex' | 'var' | 'sysvar' | 'op';

export interface Token {
  kind: TokenKind;
  /** The source text of the token. */
  text: string;
  /** Words: upper-cased; quoted identifiers: the name; strings: the decoded value; variables: the name without @. */
  value: string;
  /** Offsets in the statement. */
  start: number;
  end: number;
}

export type LexResult = { ok: true; tokens: Token[] } | { ok: false; at: number };

/** The server version as a number, for versioned comments: 8.0.19 → 80019. */
export const SERVER_VERSION_ID = 80019;

const OPERATORS = ['<=>', '<<', '>>', '<=', '>=', '<>', '!=', ':=', '||', '&&', '->>', '->', '(', ')', ',', '.', ';', '=', '<', '>', '+', '-', '*', '/', '%', '!', '~', '^', '&', '|', '?', '@', '{', '}', ':'];

const ESCAPES: Readonly<Record<string, string>> = { '0': '\0', "'": "'", '"': '"', b: '\b', n: '\n', r: '\r', t: '\t', Z: '\x1a', '\\': '\\' };

function isWordChar(ch: string): boolean {
  const c = ch.charCodeAt(0);
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 36 || c >= 128;
}

function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13);
}

function isDigit(ch: string | undefined): boolean {
  if (ch === undefined) return false;
  const c = ch.charCodeAt(0);
  return c >= 48 && c <= 57;
}

/** Splits one statement into tokens; `ok: false` with the offset of an unterminated string or comment. */
export function lex(sql: string, versionId = SERVER_VERSION_ID): LexResult {
  const tokens: Token[] = [];
  let i = 0;
  const n = sql.length;
  /** Depth of versioned comments we are inside: their closing `*\/` is skipped. */
  let versioned = 0;
  while (i < n) {
    const ch = sql[i]!;
    if (isSpace(sql.charCodeAt(i))) {
      i += 1;
      continue;
    }
    if (versioned > 0 && ch === '*' && sql[i + 1] === '/') {
      versioned -= 1;
      i += 2;
      continue;
    }
    if (ch === '#' || (ch === '-' && sql[i + 1] === '-' && (i + 2 >= n || sql.charCodeAt(i + 2) <= 32))) {
      while (i < n && sql[i] !== '\n') i += 1;
      continue;
    }
    if (ch === '/' && sql[i + 1] === '*') {
      if (sql[i + 2] === '!') {
        const digits = /^\d{5}/.test(sql.slice(i + 3, i + 8)) ? sql.slice(i + 3, i + 8) : '';
        if (digits === '' || Number(digits) <= versionId) {
          versioned += 1;
          i += 3 + digits.length;
          continue;
        }
      }
      const close = sql.indexOf('*/', i + 2);
      if (close < 0) return { ok: false, at: i };
      i = close + 2;
      continue;
    }
    const start = i;
    if (ch === "'" || ch === '"') {
      let value = '';
      let j = i + 1;
      let closed = false;
      while (j < n) {
        const c = sql[j]!;
        if (c === '\\' && j + 1 < n) {
          const next = sql[j + 1]!;
          value += Object.hasOwn(ESCAPES, next) ? ESCAPES[next]! : next === '%' || next === '_' ? `\\${next}` : next;
          j += 2;
          continue;
        }
        if (c === ch) {
          if (sql[j + 1] === ch) {
            value += ch;
            j += 2;
            continue;
          }
          closed = true;
          j += 1;
          break;
        }
        value += c;
        j += 1;
      }
      if (!closed) return { ok: false, at: start };
      tokens.push({ kind: 'string', text: sql.slice(start, j), value, start, end: j });
      i = j;
      continue;
    }
    if (ch === '`') {
      let value = '';
      let j = i + 1;
      let closed = false;
      while (j < n) {
        if (sql[j] === '`') {
          if (sql[j + 1] === '`') {
            value += '`';
            j += 2;
            continue;
          }
          closed = true;
          j += 1;
          break;
        }
        value += sql[j];
        j += 1;
      }
      if (!closed) return { ok: false, at: start };
      tokens.push({ kind: 'quoted', text: sql.slice(start, j), value, start, end: j });
      i = j;
      continue;
    }
    if (ch === '@') {
      let j = i + 1;
      const system = sql[j] === '@';
      if (system) j += 1;
      if (!system && (sql[j] === "'" || sql[j] === '"' || sql[j] === '`')) {
        const quote = sql[j]!;
        const close = sql.indexOf(quote, j + 1);
        if (close < 0) return { ok: false, at: start };
        tokens.push({ kind: 'var', text: sql.slice(start, close + 1), value: sql.slice(j + 1, close).toLowerCase(), start, end: close + 1 });
        i = close + 1;
        continue;
      }
      let k = j;
      while (k < n && (isWordChar(sql[k]!) || sql[k] === '.' || (system && sql[k] === '`'))) k += 1;
      const name = sql.slice(j, k).replace(/`/g, '');
      tokens.push({ kind: system ? 'sysvar' : 'var', text: sql.slice(start, k), value: name.toLowerCase(), start, end: k });
      i = k;
      continue;
    }
    if ((ch === 'x' || ch === 'X' || ch === 'b' || ch === 'B') && sql[i + 1] === "'") {
      const close = sql.indexOf("'", i + 2);
      if (close < 0) return { ok: false, at: start };
      tokens.push({ kind: 'hex', text: sql.slice(start, close + 1), value: sql.slice(i + 2, close), start, end: close + 1 });
      i = close + 1;
      continue;
    }
    if (ch === '0' && (sql[i + 1] === 'x' || sql[i + 1] === 'X') && /[0-9a-fA-F]/.test(sql[i + 2] ?? '')) {
      let j = i + 2;
      while (j < n && /[0-9a-fA-F]/.test(sql[j]!)) j += 1;
      if (!isWordChar(sql[j] ?? ' ')) {
        tokens.push({ kind: 'hex', text: sql.slice(start, j), value: sql.slice(i + 2, j), start, end: j });
        i = j;
        continue;
      }
    }
    if (isDigit(ch) || (ch === '.' && isDigit(sql[i + 1]))) {
      let j = i;
      while (j < n && isDigit(sql[j])) j += 1;
      if (sql[j] === '.' && !(tokens.length && tokens[tokens.length - 1]!.kind === 'word' && sql[i - 1] === '.')) {
        j += 1;
        while (j < n && isDigit(sql[j])) j += 1;
      }
      if ((sql[j] === 'e' || sql[j] === 'E') && /[-+\d]/.test(sql[j + 1] ?? '')) {
        let k = j + 1;
        if (sql[k] === '-' || sql[k] === '+') k += 1;
        if (isDigit(sql[k])) {
          while (k < n && isDigit(sql[k])) k += 1;
          j = k;
        }
      }
      // MySQL lets identifiers start with digits (`1abc`): a number followed by word characters is a word.
      if (j < n && isWordChar(sql[j]!) && !/[.eE]/.test(sql.slice(i, j))) {
        let k = j;
        while (k < n && isWordChar(sql[k]!)) k += 1;
        tokens.push({ kind: 'word', text: sql.slice(start, k), value: sql.slice(start, k).toUpperCase(), start, end: k });
        i = k;
        continue;
      }
      tokens.push({ kind: 'number', text: sql.slice(start, j), value: sql.slice(start, j), start, end: j });
      i = j;
      continue;
    }
    if (isWordChar(ch)) {
      let j = i;
      while (j < n && isWordChar(sql[j]!)) j += 1;
      const text = sql.slice(start, j);
      // Charset introducers: _utf8mb4'text', N'text'.
      if ((/^_[a-z0-9]+$/i.test(text) || /^n$/i.test(text)) && (sql[j] === "'" || (text.startsWith('_') && sql[j] === '"'))) {
        i = j;
        continue;
      }
      tokens.push({ kind: 'word', text, value: text.toUpperCase(), start, end: j });
      i = j;
      continue;
    }
    const op = sql.startsWith(ch + (sql[i + 1] ?? ''), i) ? OPERATORS.find((o) => o.charCodeAt(0) === ch.charCodeAt(0) && sql.startsWith(o, i)) : undefined;
    if (!op) {
      tokens.push({ kind: 'op', text: ch, value: ch, start, end: i + 1 });
      i += 1;
      continue;
    }
    tokens.push({ kind: 'op', text: op, value: op, start, end: i + op.length });
    i += op.length;
  }
  // Adjacent string literals are one string: 'a' 'b' is 'ab'.
  const merged: Token[] = [];
  for (const token of tokens) {
    const last = merged[merged.length - 1];
    if (token.kind === 'string' && last?.kind === 'string') merged[merged.length - 1] = { ...last, value: last.value + token.value, text: sql.slice(last.start, token.end), end: token.end };
    else merged.push(token);
  }
  return { ok: true, tokens: merged };
}

/** True when the token is this keyword (any case), unquoted. */
export function isWord(token: Token | undefined, ...words: string[]): boolean {
  return token !== undefined && token.kind === 'word' && words.includes(token.value);
}

/** True when the token is this punctuation. */
export function isOp(token: Token | undefined, ...ops: string[]): boolean {
  return token !== undefined && token.kind === 'op' && ops.includes(token.value);
}

/** An identifier's name: a word as typed, or a quoted identifier's content. */
export function identName(token: Token): string {
  return token.kind === 'quoted' ? token.value : token.text;
}

/** True for a token that can name something (a word or a backquoted identifier). */
export function isIdent(token: Token | undefined): token is Token & { kind: 'word' | 'quoted' } {
  return token !== undefined && (token.kind === 'word' || token.kind === 'quoted');
}
