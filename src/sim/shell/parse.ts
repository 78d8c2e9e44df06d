/**
 * bash's grammar, as far as people type it in an outage: words with quotes, `$VAR`, `${VAR}`,
 * `$(...)`, `~`, globs; pipes; `;`, `&&`, `||`, `&`; redirections (`<`, `>`, `>>`, `2>`, `2>&1`,
 * `&>`); leading `NAME=value` assignments; `#` comments. Parsing builds a tree of unexpanded
 * words; expansion happens when the command runs (see `expand.ts`), as in bash.
 */

/** One piece of a word before expansion. `quoted` pieces are never split or globbed. */
export type WordPart =
  | { kind: 'text'; text: string; quoted: boolean }
  | { kind: 'var'; name: string; quoted: boolean }
  | { kind: 'command'; source: string; quoted: boolean }
  /** `~` or `~user` at the start of a word. */
  | { kind: 'tilde'; user: string };

export type Word = readonly WordPart[];

export interface Redirect {
  /** The file descriptor redirected: 0 stdin, 1 stdout, 2 stderr; `both` for `&>`. */
  fd: 0 | 1 | 2 | 'both';
  op: '<' | '>' | '>>' | 'dup';
  /** The file (for `<`, `>`, `>>`); for `dup` (`2>&1`), the descriptor copied. */
  target: Word | 1 | 2;
}

export interface Command {
  assignments: readonly { name: string; value: Word }[];
  words: readonly Word[];
  redirects: readonly Redirect[];
}

export interface Pipeline {
  commands: readonly Command[];
  /** How this pipeline is joined to the next one: `;` (or the end), `&&`, `||`, `&`. */
  then: ';' | '&&' | '||' | '&';
}

export type ParseResult =
  | { ok: true; pipelines: Pipeline[] }
  /** `incomplete`: an open quote or a trailing `|`/`&&`: bash would ask for more at its `> ` prompt. */
  | { ok: false; error: string; incomplete?: boolean };

const isSpace = (ch: string) => ch === ' ' || ch === '\t' || ch === '\n';
const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;
const SPECIAL_VAR = /^[?$#!0-9@*-]/;

interface Token {
  kind: 'word' | 'op';
  word?: WordPart[];
  op?: string;
  /** The raw text of a word, to recognise `NAME=value`. */
  raw?: string;
}

/** The index just after the `)` closing the `$(` that starts at `open`, or -1. */
function closingParen(line: string, open: number): number {
  let depth = 0;
  let quote: string | null = null;
  for (let i = open; i < line.length; i += 1) {
    const ch = line[i]!;
    if (quote) {
      if (ch === '\\' && quote === '"') i += 1;
      else if (ch === quote) quote = null;
    } else if (ch === "'" || ch === '"') quote = ch;
    else if (ch === '(') depth += 1;
    else if (ch === ')') {
      depth -= 1;
      if (depth === 0) return i + 1;
    }
  }
  return -1;
}

/** Reads `$NAME`, `${NAME}`, `$?`, `$(...)` at `i` (which holds `$`): the part and where it ends. */
function readDollar(line: string, i: number, quoted: boolean): { part: WordPart; end: number } | { error: string; incomplete?: boolean } {
  const next = line[i + 1];
  if (next === '(') {
    const end = closingParen(line, i + 1);
    if (end < 0) return { error: "unexpected EOF while looking for matching `)'", incomplete: true };
    return { part: { kind: 'command', source: line.slice(i + 2, end - 1), quoted }, end };
  }
  if (next === '{') {
    const close = line.indexOf('}', i + 2);
    if (close < 0) return { error: "unexpected EOF while looking for matching `}'", incomplete: true };
    const inner = line.slice(i + 2, close);
    if (!NAME.test(inner) && !SPECIAL_VAR.test(inner)) return { error: `\${${inner}}: bad substitution` };
    return { part: { kind: 'var', name: inner, quoted }, end: close + 1 };
  }
  const rest = line.slice(i + 1);
  const name = NAME.exec(rest)?.[0] ?? (SPECIAL_VAR.test(rest) ? rest[0]! : '');
  if (!name) return { part: { kind: 'text', text: '$', quoted }, end: i + 1 };
  return { part: { kind: 'var', name, quoted }, end: i + 1 + name.length };
}

const OPERATORS = ['&>>', '2>>', '2>&1', '1>&2', '>&2', '&&', '||', '>>', '&>', '2>', '1>', '|', ';', '&', '<', '>'];

function tokenize(line: string): { ok: true; tokens: Token[] } | { ok: false; error: string; incomplete?: boolean } {
  const tokens: Token[] = [];
  let parts: WordPart[] = [];
  let raw = '';
  let inWord = false;
  const text = (t: string, quoted: boolean) => {
    const last = parts[parts.length - 1];
    if (last && last.kind === 'text' && last.quoted === quoted) parts[parts.length - 1] = { ...last, text: last.text + t };
    else parts.push({ kind: 'text', text: t, quoted });
  };
  const flush = () => {
    if (inWord) tokens.push({ kind: 'word', word: parts, raw });
    parts = [];
    raw = '';
    inWord = false;
  };
  let i = 0;
  while (i < line.length) {
    const ch = line[i]!;
    if (isSpace(ch)) {
      flush();
      i += 1;
      continue;
    }
    if (ch === '#' && !inWord) break;
    if (!inWord || ch === '2' || ch === '1') {
      // `2>` only counts as an operator at the start of a word (`file2>x` is `file2 > x`).
      const op = OPERATORS.find((o) => line.startsWith(o, i) && (!/^[12]/.test(o) || !inWord));
      if (op) {
        flush();
        tokens.push({ kind: 'op', op });
        i += op.length;
        continue;
      }
    } else {
      const op = OPERATORS.find((o) => !/^[12]/.test(o) && line.startsWith(o, i));
      if (op) {
        flush();
        tokens.push({ kind: 'op', op });
        i += op.length;
        continue;
      }
    }
    inWord = true;
    if (ch === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) return { ok: false, error: "unexpected EOF while looking for matching `''", incomplete: true };
      text(line.slice(i + 1, end), true);
      raw += line.slice(i, end + 1);
      i = end + 1;
    } else if (ch === '"') {
      let j = i + 1;
      // An empty "" still makes a (quoted, empty) word.
      text('', true);
      while (j < line.length && line[j] !== '"') {
        const c = line[j]!;
        if (c === '\\' && j + 1 < line.length && '"\\$`'.includes(line[j + 1]!)) {
          text(line[j + 1]!, true);
          j += 2;
        } else if (c === '$') {
          const read = readDollar(line, j, true);
          if ('error' in read) return { ok: false, error: read.error, incomplete: read.incomplete };
          parts.push(read.part);
          j = read.end;
        } else {
          text(c, true);
          j += 1;
        }
      }
      if (j >= line.length) return { ok: false, error: 'unexpected EOF while looking for matching `"\'', incomplete: true };
      raw += line.slice(i, j + 1);
      i = j + 1;
    } else if (ch === '\\') {
      if (i + 1 < line.length) text(line[i + 1]!, true);
      raw += line.slice(i, i + 2);
      i += 2;
    } else if (ch === '$') {
      const read = readDollar(line, i, false);
      if ('error' in read) return { ok: false, error: read.error, incomplete: read.incomplete };
      parts.push(read.part);
      raw += line.slice(i, read.end);
      i = read.end;
    } else if (ch === '`') {
      const end = line.indexOf('`', i + 1);
      if (end < 0) return { ok: false, error: 'unexpected EOF while looking for matching ``\'', incomplete: true };
      parts.push({ kind: 'command', source: line.slice(i + 1, end), quoted: false });
      raw += line.slice(i, end + 1);
      i = end + 1;
    } else if (ch === '~' && parts.length === 0) {
      const user = /^~([a-z_][a-z0-9_-]*)?(?=\/|$|\s|;|\||&|>|<)/.exec(line.slice(i));
      if (user) {
        parts.push({ kind: 'tilde', user: user[1] ?? '' });
        raw += user[0];
        i += user[0].length;
      } else {
        text('~', false);
        raw += '~';
        i += 1;
      }
    } else {
      text(ch, false);
      raw += ch;
      i += 1;
    }
  }
  flush();
  return { ok: true, tokens };
}

/** Parses one line typed at a shell prompt. Never throws; the error texts are bash's own. */
export function parseShell(line: string): ParseResult {
  const tokenized = tokenize(line);
  if (!tokenized.ok) return tokenized;
  const tokens = tokenized.tokens;
  const pipelines: Pipeline[] = [];
  let commands: Command[] = [];
  let words: Word[] = [];
  let assignments: { name: string; value: Word }[] = [];
  let redirects: Redirect[] = [];
  const unexpected = (text: string): ParseResult => ({ ok: false, error: `syntax error near unexpected token \`${text}'` });
  const endCommand = (): boolean => {
    if (words.length === 0 && assignments.length === 0 && redirects.length === 0) return false;
    commands.push({ assignments, words, redirects });
    words = [];
    assignments = [];
    redirects = [];
    return true;
  };
  for (let i = 0; i < tokens.length; i += 1) {
    const token = tokens[i]!;
    if (token.kind === 'word') {
      const assignment = words.length === 0 ? /^([A-Za-z_][A-Za-z0-9_]*)=/.exec(token.raw ?? '') : null;
      if (assignment && token.word![0]?.kind === 'text' && !token.word![0].quoted) {
        const first = token.word![0];
        const value: WordPart[] = [{ ...first, text: first.text.slice(assignment[0].length) }, ...token.word!.slice(1)];
        assignments.push({ name: assignment[1]!, value });
      } else {
        words.push(token.word!);
      }
      continue;
    }
    const op = token.op!;
    if (op === '2>&1' || op === '1>&2' || op === '>&2') {
      redirects.push(op === '2>&1' ? { fd: 2, op: 'dup', target: 1 } : { fd: 1, op: 'dup', target: 2 });
      continue;
    }
    if (op === '<' || op === '>' || op === '>>' || op === '2>' || op === '2>>' || op === '1>' || op === '&>' || op === '&>>') {
      const target = tokens[i + 1];
      if (!target || target.kind !== 'word') return unexpected(target?.op ?? 'newline');
      const fd = op.startsWith('2') ? 2 : op.startsWith('&') ? 'both' : op === '<' ? 0 : 1;
      const kind = op === '<' ? '<' : op.endsWith('>>') ? '>>' : '>';
      redirects.push({ fd, op: kind, target: target.word! });
      i += 1;
      continue;
    }
    if (op === '|') {
      if (!endCommand()) return unexpected('|');
      if (i === tokens.length - 1) return { ok: false, error: 'syntax error: unexpected end of file', incomplete: true };
      continue;
    }
    // `;`, `&&`, `||`, `&`
    if (!endCommand()) {
      if (commands.length === 0) return unexpected(op);
    }
    pipelines.push({ commands, then: op as Pipeline['then'] });
    commands = [];
    if ((op === '&&' || op === '||') && i === tokens.length - 1) return { ok: false, error: 'syntax error: unexpected end of file', incomplete: true };
  }
  if (endCommand() || commands.length > 0) pipelines.push({ commands, then: ';' });
  return { ok: true, pipelines };
}
