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
  /** `$(( … ))`: arithmetic expansion of its (unexpanded) text. */
  | { kind: 'arith'; source: string; quoted: boolean }
  /** `~` or `~user` at the start of a word. */
  | { kind: 'tilde'; user: string }
  /** `<(…)`: the command's output as a file name (`/dev/fd/63`). */
  | { kind: 'process'; source: string };

export type Word = readonly WordPart[];

export interface Redirect {
  /** The file descriptor redirected: 0 stdin, 1 stdout, 2 stderr; `both` for `&>`. */
  fd: 0 | 1 | 2 | 'both';
  /** `<<<`: a here-string, the word and a newline as standard input. */
  op: '<' | '>' | '>>' | 'dup' | '<<<';
  /** The file (for `<`, `>`, `>>`); for `dup` (`2>&1`), the descriptor copied. */
  target: Word | 1 | 2;
}

export interface Command {
  assignments: readonly { name: string; value: Word }[];
  words: readonly Word[];
  redirects: readonly Redirect[];
  /** A compound command (`for`, `while`, `if`, `[[ … ]]`); its redirections are `redirects`. */
  compound?: Compound;
}

/** bash's compound commands, as far as people type them on one line. */
export type Compound =
  | { kind: 'for'; name: string; items: readonly Word[]; body: readonly Pipeline[] }
  | { kind: 'while'; until: boolean; condition: readonly Pipeline[]; body: readonly Pipeline[] }
  | { kind: 'if'; branches: readonly { condition: readonly Pipeline[]; body: readonly Pipeline[] }[]; otherwise: readonly Pipeline[] | null }
  /** `[[ … ]]`: its words, not split or globbed. */
  | { kind: 'conditional'; words: readonly Word[] }
  /** `(( … ))`: an arithmetic command, its (unexpanded) text. */
  | { kind: 'arith'; source: string }
  /** Parsed past but not run: `for ((…))`, `case`, `select`, `{ …; }`, `( … )`, functions. */
  | { kind: 'unsupported'; what: string };

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
  /** `arith`: a `(( … ))` command, its text in `raw`. */
  kind: 'word' | 'op' | 'arith';
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
  if (next === '(' && line[i + 2] === '(') {
    // `$((…))` is arithmetic when the inner `(` closes just before the outer `)`.
    const end = closingParen(line, i + 1);
    if (end > 0 && closingParen(line, i + 2) === end - 1) return { part: { kind: 'arith', source: line.slice(i + 3, end - 2), quoted }, end };
  }
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

/** bash expands `~` at the start of an assignment's value and after each unquoted `:` in it (`PATH=$PATH:~/bin`). */
function assignmentTildes(value: WordPart[]): WordPart[] {
  const out: WordPart[] = [];
  value.forEach((part, index) => {
    if (part.kind !== 'text' || part.quoted || !part.text.includes('~')) {
      out.push(part);
      return;
    }
    const re = /(^|:)~([a-z_][a-z0-9_-]*)?(?=\/|:|$)/g;
    let from = 0;
    for (let m = re.exec(part.text); m; m = re.exec(part.text)) {
      if (m.index === 0 && m[1] === '' && index > 0) continue;
      const start = m.index + m[1]!.length;
      if (start > from) out.push({ kind: 'text', text: part.text.slice(from, start), quoted: false });
      out.push({ kind: 'tilde', user: m[2] ?? '' });
      from = m.index + m[0].length;
    }
    if (from < part.text.length) out.push({ kind: 'text', text: part.text.slice(from), quoted: false });
  });
  return out;
}

const OPERATORS = ['<<<', '<<', '&>>', '2>>', '2>&1', '1>&2', '>&2', '&&', '||', '>>', '&>', '2>', '1>', '|', ';', '&', '<', '>'];

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
    if (!inWord && line.startsWith('((', i)) {
      const end = closingParen(line, i);
      if (end > 0 && closingParen(line, i + 1) === end - 1) {
        tokens.push({ kind: 'arith', raw: line.slice(i + 2, end - 2) });
        i = end;
        continue;
      }
    }
    if (ch === '<' && line[i + 1] === '(') {
      const end = closingParen(line, i + 1);
      if (end < 0) return { ok: false, error: "unexpected EOF while looking for matching `)'", incomplete: true };
      inWord = true;
      parts.push({ kind: 'process', source: line.slice(i + 2, end - 1) });
      raw += line.slice(i, end);
      i = end;
      continue;
    }
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

/** Words that end a list inside a compound command, when they start a command. */
const CLOSERS = new Set(['do', 'done', 'then', 'elif', 'else', 'fi']);
const REDIRECT_OPS = new Set(['<', '>', '>>', '2>', '2>>', '1>', '&>', '&>>', '<<<']);

type Failure = { ok: false; error: string; incomplete?: boolean };
type ListResult = { ok: true; pipelines: Pipeline[]; closer: string | null } | Failure;

const EOF_ERROR: Failure = { ok: false, error: 'syntax error: unexpected end of file', incomplete: true };

/** A recursive-descent reader over the tokens: lists, pipelines, simple and compound commands. */
class ShellReader {
  i = 0;
  constructor(private readonly tokens: readonly Token[]) {}

  private unexpected(text: string): Failure {
    return { ok: false, error: `syntax error near unexpected token \`${text}'` };
  }

  /** The reserved word at the current token (unquoted, alone), or null. */
  private keyword(): string | null {
    const t = this.tokens[this.i];
    if (!t || t.kind !== 'word' || t.word!.length !== 1) return null;
    const part = t.word![0]!;
    return part.kind === 'text' && !part.quoted && part.text === t.raw ? part.text : null;
  }

  /** Reads pipelines until the end or a closing word (`done`, `fi`…) that starts a command. */
  list(closers: ReadonlySet<string>): ListResult {
    const pipelines: Pipeline[] = [];
    let commands: Command[] = [];
    let pendingPipe = false;
    let pendingJoin = false;
    while (this.i < this.tokens.length) {
      const kw = commands.length === 0 || pendingPipe ? this.keyword() : null;
      if (kw && closers.has(kw) && !pendingPipe) {
        if (pendingJoin) return this.unexpected(kw);
        return { ok: true, pipelines, closer: kw };
      }
      if (kw && CLOSERS.has(kw)) return this.unexpected(kw);
      const command = this.command(closers);
      if (!command.ok) return command;
      commands.push(command.command);
      pendingPipe = false;
      pendingJoin = false;
      const token = this.tokens[this.i];
      if (!token) break;
      if (token.kind !== 'op') {
        // A closing word right after a compound command (`fi done`) or a stray word.
        const next = this.keyword();
        if (next && closers.has(next) && command.command.compound) return this.unexpected(next);
        return this.unexpected(next ?? 'word');
      }
      const op = token.op!;
      this.i += 1;
      if (op === '|') {
        if (this.i >= this.tokens.length) return EOF_ERROR;
        pendingPipe = true;
        continue;
      }
      pipelines.push({ commands, then: op as Pipeline['then'] });
      commands = [];
      if (op === '&&' || op === '||') {
        if (this.i >= this.tokens.length) return EOF_ERROR;
        pendingJoin = true;
      }
    }
    if (commands.length > 0) pipelines.push({ commands, then: ';' });
    return { ok: true, pipelines, closer: null };
  }

  /** A list that must end with one of `closers`: inside `for … do … done` and the like. */
  private block(closers: ReadonlySet<string>): ListResult {
    const read = this.list(closers);
    if (!read.ok) return read;
    if (read.closer === null) return EOF_ERROR;
    if (read.pipelines.length === 0) return this.unexpected(read.closer);
    this.i += 1;
    return read;
  }

  private command(closers: ReadonlySet<string>): { ok: true; command: Command } | Failure {
    const kw = this.keyword();
    const first = this.tokens[this.i];
    // `( … )` runs a list in a subshell: read past it, with the drill's note.
    if (first?.kind === 'word' && first.raw?.startsWith('(') && first.word![0]?.kind === 'text' && !first.word![0].quoted) {
      this.i = this.tokens.length;
      return { ok: true, command: { assignments: [], words: [], redirects: [], compound: { kind: 'unsupported', what: 'subshells (`( … )`)' } } };
    }
    let compound: Compound | undefined;
    if (first?.kind === 'arith') {
      compound = { kind: 'arith', source: first.raw ?? '' };
      this.i += 1;
    } else if (kw === 'for' || kw === 'while' || kw === 'until' || kw === 'if' || kw === '[[' || kw === 'case' || kw === 'select' || kw === '{' || kw === 'function') {
      const read = this.compound(kw);
      if (!read.ok) return read;
      compound = read.compound;
    }
    const words: Word[] = [];
    const assignments: { name: string; value: Word }[] = [];
    const redirects: Redirect[] = [];
    while (this.i < this.tokens.length) {
      const token = this.tokens[this.i]!;
      if (token.kind === 'arith') break;
      if (token.kind === 'word') {
        if (compound) break;
        if (words.length === 0) {
          const kwHere = this.keyword();
          if (kwHere && closers.has(kwHere) && assignments.length === 0 && redirects.length === 0) break;
        }
        const assignment = words.length === 0 ? /^([A-Za-z_][A-Za-z0-9_]*)=/.exec(token.raw ?? '') : null;
        if (assignment && token.word![0]?.kind === 'text' && !token.word![0].quoted) {
          const first = token.word![0];
          const value = assignmentTildes([{ ...first, text: first.text.slice(assignment[0].length) }, ...token.word!.slice(1)]);
          assignments.push({ name: assignment[1]!, value });
        } else words.push(token.word!);
        this.i += 1;
        continue;
      }
      const op = token.op!;
      if (op === '2>&1' || op === '1>&2' || op === '>&2') {
        redirects.push(op === '2>&1' ? { fd: 2, op: 'dup', target: 1 } : { fd: 1, op: 'dup', target: 2 });
        this.i += 1;
        continue;
      }
      if (op === '<<') {
        // A here-document's lines would follow at bash's `> ` prompt: one line cannot hold them.
        this.i = this.tokens.length;
        return { ok: true, command: { assignments: [], words: [], redirects: [], compound: { kind: 'unsupported', what: 'here-documents (`<<`)' } } };
      }
      if (REDIRECT_OPS.has(op)) {
        const target = this.tokens[this.i + 1];
        if (!target || target.kind !== 'word') return this.unexpected(target?.op ?? 'newline');
        const fd = op.startsWith('2') ? 2 : op.startsWith('&') ? 'both' : op.startsWith('<') ? 0 : 1;
        const kind = op === '<<<' ? '<<<' : op === '<' ? '<' : op.endsWith('>>') ? '>>' : '>';
        redirects.push({ fd, op: kind, target: target.word! });
        this.i += 2;
        continue;
      }
      break;
    }
    if (!compound && words.length === 0 && assignments.length === 0 && redirects.length === 0) {
      const token = this.tokens[this.i];
      return token ? this.unexpected(token.kind === 'op' ? token.op! : (this.keyword() ?? 'word')) : EOF_ERROR;
    }
    return { ok: true, command: { assignments, words, redirects, ...(compound ? { compound } : {}) } };
  }

  private compound(kw: string): { ok: true; compound: Compound } | Failure {
    this.i += 1;
    if (kw === '[[') {
      const words: Word[] = [];
      while (this.i < this.tokens.length) {
        const t = this.tokens[this.i]!;
        this.i += 1;
        if (t.kind === 'word' && t.raw === ']]') return { ok: true, compound: { kind: 'conditional', words } };
        // Inside `[[ ]]`, `&&`, `||`, `<` and `>` are the test's own operators.
        words.push(t.kind === 'word' ? t.word! : [{ kind: 'text', text: t.op!, quoted: true }]);
      }
      return EOF_ERROR;
    }
    if (kw === 'for') {
      const first = this.tokens[this.i];
      if (first?.kind === 'arith') return this.skip('arithmetic for loops (`for ((…))`)');
      if (!first || first.kind !== 'word') return first ? this.unexpected(first.op!) : EOF_ERROR;
      const name = first.raw ?? '';
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) return { ok: false, error: `\`${name}': not a valid identifier` };
      this.i += 1;
      // Without `in`, a for loop goes over the positional parameters, as `in "$@"` would.
      const items: Word[] = [];
      if (this.keyword() === 'in') {
        this.i += 1;
        while (this.tokens[this.i]?.kind === 'word') items.push(this.tokens[this.i++]!.word!);
      } else items.push([{ kind: 'var', name: '@', quoted: true }]);
      const sep = this.tokens[this.i];
      if (sep?.kind === 'op' && sep.op === ';') this.i += 1;
      if (this.keyword() !== 'do') return this.tokens[this.i] ? this.unexpected(this.keyword() ?? this.tokens[this.i]!.op ?? 'word') : EOF_ERROR;
      this.i += 1;
      const body = this.block(new Set(['done']));
      if (!body.ok) return body;
      return { ok: true, compound: { kind: 'for', name, items, body: body.pipelines } };
    }
    if (kw === 'while' || kw === 'until') {
      const condition = this.block(new Set(['do']));
      if (!condition.ok) return condition;
      const body = this.block(new Set(['done']));
      if (!body.ok) return body;
      return { ok: true, compound: { kind: 'while', until: kw === 'until', condition: condition.pipelines, body: body.pipelines } };
    }
    if (kw === 'if') {
      const branches: { condition: Pipeline[]; body: Pipeline[] }[] = [];
      let otherwise: Pipeline[] | null = null;
      for (;;) {
        const condition = this.block(new Set(['then']));
        if (!condition.ok) return condition;
        if (condition.closer !== 'then') return this.unexpected(condition.closer ?? 'newline');
        const body = this.block(new Set(['elif', 'else', 'fi']));
        if (!body.ok) return body;
        branches.push({ condition: condition.pipelines, body: body.pipelines });
        if (body.closer === 'elif') continue;
        if (body.closer === 'else') {
          const rest = this.block(new Set(['fi']));
          if (!rest.ok) return rest;
          otherwise = rest.pipelines;
        }
        return { ok: true, compound: { kind: 'if', branches, otherwise } };
      }
    }
    const what = kw === 'case' ? '`case`' : kw === 'select' ? '`select`' : kw === '{' ? 'command groups (`{ …; }`)' : 'shell functions';
    return this.skip(what);
  }

  /** Reads past a construct the drill does not run, to the end of the line. */
  private skip(what: string): { ok: true; compound: Compound } {
    this.i = this.tokens.length;
    return { ok: true, compound: { kind: 'unsupported', what } };
  }
}

/** Parses one line typed at a shell prompt. Never throws; the error texts are bash's own. */
export function parseShell(line: string): ParseResult {
  const tokenized = tokenize(line);
  if (!tokenized.ok) return tokenized;
  const reader = new ShellReader(tokenized.tokens);
  const read = reader.list(new Set());
  if (!read.ok) return read;
  return { ok: true, pipelines: read.pipelines };
}
