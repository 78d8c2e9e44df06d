/**
 * A small POSIX-shell reader: enough of bash's grammar to understand what people type in an
 * outage (quotes, `sudo`, options in any order, pipes, redirections, `&&` and `;`), and
 * nothing that executes. Pure functions; the scenario supplies which options take values.
 */

export type Token = { kind: 'word'; text: string } | { kind: 'op'; text: string };

export type TokenizeResult = { ok: true; tokens: Token[] } | { ok: false; error: string };

const OPERATORS = ['&&', '||', '>>', '2>&1', '2>', '|', ';', '>', '<', '&'];
/** Characters an operator can start with: only at these is the list above consulted. */
const OPERATOR_START = new Set(OPERATORS.map((o) => o[0]!));

/** Splits a command line into words and operators, honouring quotes and backslashes. */
export function tokenize(line: string): TokenizeResult {
  const tokens: Token[] = [];
  let word = '';
  let inWord = false;
  let i = 0;
  const flush = () => {
    if (inWord) tokens.push({ kind: 'word', text: word });
    word = '';
    inWord = false;
  };
  while (i < line.length) {
    const ch = line[i]!;
    if (ch === "'" || ch === '"') {
      const end = line.indexOf(ch, i + 1);
      if (end < 0) return { ok: false, error: `unexpected EOF while looking for matching \`${ch}'` };
      word += line.slice(i + 1, end);
      inWord = true;
      i = end + 1;
      continue;
    }
    if (ch === '\\' && i + 1 < line.length) {
      word += line[i + 1];
      inWord = true;
      i += 2;
      continue;
    }
    if (ch === ' ' || ch === '\t') {
      flush();
      i += 1;
      continue;
    }
    if (ch === '#' && !inWord) break;
    const op = OPERATOR_START.has(ch) ? OPERATORS.find((o) => line.startsWith(o, i) && (o !== '2>' && o !== '2>&1' ? true : !inWord)) : undefined;
    if (op) {
      flush();
      tokens.push({ kind: 'op', text: op });
      i += op.length;
      continue;
    }
    word += ch;
    inWord = true;
    i += 1;
  }
  flush();
  return { ok: true, tokens };
}

/** How a program reads its options (from the scenario's `programs`). */
export interface ProgramSyntax {
  valueOptions?: readonly string[];
  optionAliases?: Readonly<Record<string, string>>;
  /**
   * From this argument on (1-based), every word is an argument: in `ssh web-01 tail -n 5 app.log`
   * the `-n 5` belongs to the remote `tail`, not to ssh (2 for ssh). Absent: options anywhere.
   */
  argumentsOnlyFrom?: number;
}

/** One simple command: `sudo` stripped, options normalised, redirections set aside. */
export interface SimpleCommand {
  program: string;
  sudo: boolean;
  options: Map<string, string | true>;
  args: string[];
  redirects: Map<string, string>;
}

/** A list of pipelines joined by `;`, `&&` or `||` (run left to right here). */
export type CommandList = SimpleCommand[][];

const SUDO_VALUE_OPTIONS = new Set(['-u', '-g', '-h', '-p', '-C', '-D', '-U']);

function stripSudo(words: string[]): { words: string[]; sudo: boolean } {
  let sudo = false;
  let rest = words;
  while (rest[0] === 'sudo') {
    sudo = true;
    rest = rest.slice(1);
    while (rest[0]?.startsWith('-')) {
      const opt = rest[0];
      rest = rest.slice(SUDO_VALUE_OPTIONS.has(opt) ? 2 : 1);
    }
  }
  // Leading environment assignments (`LANG=C curl ...`) do not change what runs.
  while (rest[0] && /^[A-Za-z_]\w*=/.test(rest[0]) && rest.length > 1) rest = rest.slice(1);
  return { words: rest, sudo };
}

/** The program's name as typed, without a path: `/usr/bin/curl` is `curl`. */
export function programName(word: string): string {
  const slash = word.lastIndexOf('/');
  return slash >= 0 && slash < word.length - 1 ? word.slice(slash + 1) : word;
}

/**
 * Reads one command's words the way getopt would: `-abc` is three flags unless `-a` takes a
 * value (then `bc` is its value), `--name=value`, `--name value`, and `--` ends options.
 */
export function readCommand(words: readonly string[], redirects: Map<string, string>, syntaxOf: (program: string) => ProgramSyntax | undefined): SimpleCommand | null {
  const { words: rest, sudo } = stripSudo([...words]);
  if (rest.length === 0) return null;
  const program = programName(rest[0]!);
  const syntax = syntaxOf(program) ?? {};
  const valueOptions = new Set(syntax.valueOptions ?? []);
  const alias = (name: string) => syntax.optionAliases?.[name] ?? name;
  const options = new Map<string, string | true>();
  const args: string[] = [];
  let onlyArgs = false;
  for (let i = 1; i < rest.length; i += 1) {
    const word = rest[i]!;
    if (onlyArgs || word === '-' || !word.startsWith('-')) {
      args.push(word);
      if (syntax.argumentsOnlyFrom !== undefined && args.length >= syntax.argumentsOnlyFrom) onlyArgs = true;
    } else if (word === '--') {
      onlyArgs = true;
    } else if (word.startsWith('--')) {
      const eq = word.indexOf('=');
      const name = alias(eq > 0 ? word.slice(0, eq) : word);
      if (eq > 0) options.set(name, word.slice(eq + 1));
      else if (valueOptions.has(name) && i + 1 < rest.length) options.set(name, rest[++i]!);
      else options.set(name, true);
    } else if (valueOptions.has(alias(word)) || word.length === 2) {
      const name = alias(word);
      if (valueOptions.has(name) && i + 1 < rest.length) options.set(name, rest[++i]!);
      else options.set(name, true);
    } else {
      // A cluster such as `-tuln`, or `-uroot` where `-u` takes the rest as its value.
      for (let j = 1; j < word.length; j += 1) {
        const name = alias(`-${word[j]}`);
        if (valueOptions.has(name)) {
          const value = word.slice(j + 1);
          if (value) options.set(name, value);
          else if (i + 1 < rest.length) options.set(name, rest[++i]!);
          else options.set(name, true);
          break;
        }
        options.set(name, true);
      }
    }
  }
  return { program, sudo, options, args, redirects };
}

export type ParseResult = { ok: true; list: CommandList } | { ok: false; error: string };

/** Parses a whole input line into pipelines of simple commands. */
export function parseLine(line: string, syntaxOf: (program: string) => ProgramSyntax | undefined): ParseResult {
  const tokenized = tokenize(line);
  if (!tokenized.ok) return tokenized;
  const list: CommandList = [];
  let pipeline: SimpleCommand[] = [];
  let words: string[] = [];
  let redirects = new Map<string, string>();
  const tokens = tokenized.tokens;
  /** The last `&&` or `||` seen with nothing after it yet: bash then wants more input. */
  let pendingJoin = false;
  const endCommand = (op: string): string | null => {
    const command = readCommand(words, redirects, syntaxOf);
    if (!command) return `syntax error near unexpected token \`${op}'`;
    pipeline.push(command);
    words = [];
    redirects = new Map();
    return null;
  };
  for (let i = 0; i < tokens.length; i += 1) {
    const token = tokens[i]!;
    if (token.kind === 'word') {
      words.push(token.text);
      pendingJoin = false;
      continue;
    }
    const op = token.text;
    if (op === '>' || op === '>>' || op === '<' || op === '2>') {
      const target = tokens[i + 1];
      if (!target || target.kind !== 'word') return { ok: false, error: `syntax error near unexpected token \`${target?.text ?? 'newline'}'` };
      redirects.set(op === '>>' ? '>' : op, target.text);
      i += 1;
    } else if (op === '2>&1') {
      continue;
    } else if (op === '|') {
      const error = endCommand(op);
      if (error) return { ok: false, error };
    } else {
      // `;`, `&&`, `||`, `&`: end of a pipeline.
      if (words.length === 0 && pipeline.length === 0) {
        return { ok: false, error: `syntax error near unexpected token \`${op}'` };
      }
      const error = endCommand(op);
      if (error) return { ok: false, error };
      list.push(pipeline);
      pipeline = [];
      pendingJoin = op === '&&' || op === '||';
    }
  }
  if (pendingJoin) return { ok: false, error: 'syntax error: unexpected end of file' };
  if (words.length > 0) {
    const error = endCommand('newline');
    if (error) return { ok: false, error };
  } else if (pipeline.length > 0) {
    return { ok: false, error: "syntax error near unexpected token `newline'" };
  }
  if (pipeline.length > 0) list.push(pipeline);
  return { ok: true, list };
}

/** A statement as patterns see it: one space between words, no backticks, no trailing `;`. */
export function normaliseStatement(statement: string): string {
  return statement.replace(/`/g, '').replace(/\s+/g, ' ').trim();
}

/** Edit distance counting a swap of two neighbours as one edit (`crul` is one from `curl`); bounded for speed. */
export function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 3 || a.length > 64 || b.length > 64) return Number.POSITIVE_INFINITY;
  const rows: number[][] = [Array.from({ length: b.length + 1 }, (_, j) => j)];
  for (let i = 1; i <= a.length; i += 1) {
    const row = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(rows[i - 1]![j]! + 1, row[j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, rows[i - 2]![j - 2]! + 1);
      row[j] = best;
    }
    rows.push(row);
  }
  return rows[a.length]![b.length]!;
}

