// The client scanner as it was before it copied runs of text at once: the oracle for mysql-scan.test.ts.
/**
 * How the mysql client cuts typed text into statements and its own commands: statements end at
 * the delimiter (`;`, or what DELIMITER set), `\g` or `\G`, never inside quotes or comments;
 * `\c` clears, `\q` quits; `exit`, `use db`, `source file`, `status`, `help`, `delimiter x` at
 * the start of an empty buffer are commands. What is left waits for the next line (`->`).
 */

export interface ScanState {
  /** The statement typed so far. */
  buffer: string;
  /** An open quote (`'`, `"`, `` ` ``), or null. */
  quote: string | null;
  /** Inside a `/* … *\/` comment. */
  comment: boolean;
  delimiter: string;
  /** Line number (in the input) where the buffered statement began. */
  startLine: number;
}

export type Piece =
  | { kind: 'sql'; text: string; vertical: boolean; line: number }
  | { kind: 'command'; name: string; arg: string; line: number };

export function newScan(): ScanState {
  return { buffer: '', quote: null, comment: false, delimiter: ';', startLine: 1 };
}

/** Commands the client knows by name (at the start of a line, with an empty buffer). */
const NAMED = new Map<string, string>([
  ['?', 'help'], ['help', 'help'], ['clear', 'clear'], ['connect', 'connect'], ['delimiter', 'delimiter'], ['edit', 'edit'], ['ego', 'ego'], ['exit', 'quit'], ['go', 'go'],
  ['nopager', 'nopager'], ['notee', 'notee'], ['pager', 'pager'], ['print', 'print'], ['prompt', 'prompt'], ['quit', 'quit'], ['rehash', 'rehash'], ['source', 'source'],
  ['status', 'status'], ['system', 'system'], ['tee', 'tee'], ['use', 'use'], ['charset', 'charset'], ['warnings', 'warnings'], ['nowarning', 'nowarning'], ['resetconnection', 'resetconnection'],
]);

const BACKSLASH = new Map<string, string>([
  ['?', 'help'], ['h', 'help'], ['c', 'clear'], ['r', 'connect'], ['d', 'delimiter'], ['e', 'edit'], ['G', 'ego'], ['q', 'quit'], ['g', 'go'], ['n', 'nopager'], ['t', 'notee'],
  ['P', 'pager'], ['p', 'print'], ['R', 'prompt'], ['#', 'rehash'], ['.', 'source'], ['s', 'status'], ['!', 'system'], ['T', 'tee'], ['u', 'use'], ['C', 'charset'], ['W', 'warnings'], ['w', 'nowarning'], ['x', 'resetconnection'],
]);

/** Commands whose argument is the rest of the line. */
const TAKES_ARGUMENT = new Set(['help', 'connect', 'delimiter', 'pager', 'prompt', 'source', 'system', 'tee', 'use', 'charset']);

/** Most characters one statement may hold (the server's max_allowed_packet is 64 MB; the drill keeps it sane). */
export const MAX_STATEMENT_CHARS = 2_000_000;

function stripArgument(arg: string, delimiter: string): string {
  let text = arg.trim();
  if (text.endsWith(delimiter)) text = text.slice(0, -delimiter.length).trim();
  else if (text.endsWith(';')) text = text.slice(0, -1).trim();
  return text;
}

/** Scans one line (without its newline), line number `lineNo`. */
export function scanLine(state: ScanState, line: string, lineNo: number): { state: ScanState; pieces: Piece[] } {
  const pieces: Piece[] = [];
  let { buffer, quote, comment, delimiter, startLine } = state;
  if (buffer === '' && quote === null && !comment) {
    startLine = lineNo;
    const trimmed = line.trimStart();
    const m = /^([A-Za-z?]+)(?=\s|;|$)/.exec(trimmed);
    const word = m?.[1]?.toLowerCase();
    if (word !== undefined && NAMED.has(word)) {
      const name = NAMED.get(word)!;
      const rest = trimmed.slice(m![1]!.length);
      // `delimiter`, `use` and friends take the rest of the line; a bare `exit` or `status;` too.
      if (TAKES_ARGUMENT.has(name) || /^\s*(;|\\g|\\G)?\s*$/.test(rest) || (name === 'quit' && /^\s*;/.test(rest))) {
        if (name === 'delimiter') {
          const arg = rest.trim().split(/\s+/)[0] ?? '';
          pieces.push({ kind: 'command', name, arg, line: lineNo });
          if (arg !== '' && !arg.includes('\\')) delimiter = arg;
          return { state: { buffer: '', quote: null, comment: false, delimiter, startLine }, pieces };
        }
        // `use db; SELECT 1;`: the command ends at the delimiter, and what follows on the line is
        // read as typed (the real client splits the line there before it runs the command).
        const end = name === 'use' ? rest.indexOf(delimiter) : -1;
        if (end >= 0 && rest.slice(end + delimiter.length).trim() !== '') {
          pieces.push({ kind: 'command', name, arg: rest.slice(0, end).trim(), line: lineNo });
          const more = scanLine({ buffer: '', quote: null, comment: false, delimiter, startLine: lineNo }, rest.slice(end + delimiter.length), lineNo);
          return { state: more.state, pieces: [...pieces, ...more.pieces] };
        }
        pieces.push({ kind: 'command', name, arg: stripArgument(rest, delimiter), line: lineNo });
        return { state: { buffer: '', quote: null, comment: false, delimiter, startLine }, pieces };
      }
    }
  }
  let out = '';
  const flush = (vertical: boolean) => {
    const text = (buffer + out).trim();
    buffer = '';
    out = '';
    pieces.push({ kind: 'sql', text, vertical, line: startLine });
    startLine = lineNo;
  };
  for (let i = 0; i < line.length; i += 1) {
    const ch = line[i]!;
    if (comment) {
      if (ch === '*' && line[i + 1] === '/') {
        comment = false;
        i += 1;
        out += ' ';
      }
      continue;
    }
    if (quote) {
      out += ch;
      if (ch === '\\' && quote !== '`' && i + 1 < line.length) {
        out += line[i + 1];
        i += 1;
      } else if (ch === quote) quote = null;
      continue;
    }
    if (ch === '\\' && i + 1 < line.length) {
      const c = line[i + 1]!;
      const name = BACKSLASH.get(c);
      // `/*!\C utf8mb4 */` (mysqlbinlog): a client command inside a versioned comment ends at `*/`.
      if (name === 'charset' && out.trimEnd().endsWith('/*!')) {
        const close = line.indexOf('*/', i);
        out = out.trimEnd().slice(0, -3);
        pieces.push({ kind: 'command', name, arg: line.slice(i + 2, close < 0 ? line.length : close).trim(), line: lineNo });
        i = close < 0 ? line.length : close + 1;
        continue;
      }
      if (name === 'go' || name === 'ego') {
        flush(name === 'ego');
        i += 1;
        continue;
      }
      if (name === 'clear') {
        buffer = '';
        out = '';
        i += 1;
        continue;
      }
      if (name) {
        const arg = TAKES_ARGUMENT.has(name) ? line.slice(i + 2) : '';
        if ((buffer + out).trim() !== '' && name !== 'quit' && !TAKES_ARGUMENT.has(name)) {
          pieces.push({ kind: 'command', name, arg: '', line: lineNo });
          i += 1;
          continue;
        }
        pieces.push({ kind: 'command', name, arg: name === 'delimiter' ? arg.trim().split(/\s+/)[0] ?? '' : stripArgument(arg, delimiter), line: lineNo });
        if (name === 'delimiter') {
          const d = arg.trim().split(/\s+/)[0] ?? '';
          if (d !== '') delimiter = d;
        }
        if (TAKES_ARGUMENT.has(name) || name === 'quit') return { state: { buffer: buffer + out, quote, comment, delimiter, startLine }, pieces };
        i += 1;
        continue;
      }
    }
    if (ch === '#' || (ch === '-' && line[i + 1] === '-' && (i + 2 >= line.length || /\s/.test(line[i + 2]!)))) break;
    if (ch === '/' && line[i + 1] === '*' && line[i + 2] !== '!' && line[i + 2] !== '+') {
      comment = true;
      i += 1;
      continue;
    }
    if (line.startsWith(delimiter, i)) {
      flush(false);
      i += delimiter.length - 1;
      continue;
    }
    if (ch === "'" || ch === '"' || ch === '`') quote = ch;
    out += ch;
  }
  if (out !== '' || buffer !== '') {
    buffer = `${buffer}${out}\n`;
    if (buffer.trim() === '') buffer = '';
  }
  if (buffer.length > MAX_STATEMENT_CHARS) buffer = buffer.slice(0, MAX_STATEMENT_CHARS);
  return { state: { buffer, quote, comment, delimiter, startLine }, pieces };
}

/** The prompt for the next line: `mysql> ` when nothing is pending, else the continuation MySQL shows. */
export function continuationPrompt(state: ScanState, main: string): string {
  if (state.comment) return '   /*> ';
  if (state.quote === "'") return "    '> ";
  if (state.quote === '"') return '    "> ';
  if (state.quote === '`') return '    `> ';
  if (state.buffer.trim() !== '') return '    -> ';
  return main;
}
