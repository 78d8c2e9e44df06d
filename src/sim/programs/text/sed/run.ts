/**
 * Runs a compiled sed program over its input as GNU sed 4.4's execute.c does: one cycle per
 * line (pattern space, hold space, autoprint unless -n, the append queue of a and r), ranges
 * with their state, `$` looking ahead across files, s/// with GNU's rule for empty matches,
 * the last line's missing newline kept. Every run has a budget of commands and of pattern
 * space, so a script that loops forever (`:a;ba`) is stopped as Ctrl-C would stop it.
 */
import type { Address, CaseOp, SedCommand, SedRegex, Substitution } from './script';
import { SedScriptError } from './script';
import type { PosixRegex } from '../../../regex';
import { toBytes } from '../bytes';

/**
 * Work one sed run may do: each command costs 1, plus 1 per 64 characters of text it builds or
 * writes (so a loop that grows the pattern space pays for its copies). A script over a drill
 * log needs far less.
 */
export const MAX_SED_WORK = 2_000_000;
/** The longest pattern or hold space, and the most output (characters). */
export const MAX_SPACE_CHARS = 1_000_000;

export interface SedFile {
  /** As named on the command line (`-` for standard input). */
  name: string;
  lines: string[];
  /** Did the last line end with a newline? */
  finalNewline: boolean;
  /** Why it could not be read: printed when sed reaches it (`can't read x: …`); `fatal` stops sed. */
  error?: { message: string; fatal: boolean };
}

/** Where output goes: standard output, or the file being edited in place. */
export interface SedSink {
  text: string;
  missingNewline: boolean;
}

export interface SedRunOptions {
  quiet: boolean;
  separate: boolean;
  lineWrap: number;
  posix: boolean;
}

export interface SedHooks {
  /** Standard output (for `w /dev/stdout` and when not editing in place). */
  stdout: SedSink;
  /** The sink for the file with this index: stdout, or its new content with -i. */
  sinkFor(fileIndex: number): SedSink;
  /** Text of a file named by `r`, or null when it cannot be read (then it is skipped, as POSIX says). */
  readFile(name: string): string | null;
  /** A message for standard error. */
  error(message: string): void;
}

export interface SedResult {
  /** The exit status `q N` / `Q N` asked for, 2 after a file it could not read, 4 after a fatal one, or 0. */
  status: number;
  /** What `w FILE` commands wrote, by file name. */
  written: Map<string, SedSink>;
  /** Stopped for running too long or growing too big. */
  stopped: 'steps' | 'space' | null;
}

function out(sink: SedSink, text: string, newline: boolean): void {
  if (sink.text.length > MAX_SPACE_CHARS) return;
  if (sink.missingNewline) {
    sink.text += '\n';
    sink.missingNewline = false;
  }
  sink.text += text;
  if (newline) sink.text += '\n';
  else sink.missingNewline = true;
}

function applyCase(text: string, op: CaseOp): string {
  let t = op.all === 'upper' ? text.toUpperCase() : op.all === 'lower' ? text.toLowerCase() : text;
  if (op.first !== 'none' && t.length > 0) {
    const first = String.fromCodePoint(t.codePointAt(0)!);
    t = (op.first === 'upper' ? first.toUpperCase() : first.toLowerCase()) + t.slice(first.length);
  }
  return t;
}

/** sed's `l`: escapes, octal for other bytes, lines folded at `width` with `\`. */
export function listLine(text: string, width: number): string {
  let result = '';
  let column = 0;
  for (const byte of toBytes(text)) {
    let piece: string;
    if (byte >= 0x20 && byte < 0x7f) piece = byte === 0x5c ? '\\\\' : String.fromCharCode(byte);
    else {
      const named: Record<number, string> = { 7: '\\a', 8: '\\b', 12: '\\f', 10: '\\n', 13: '\\r', 9: '\\t', 11: '\\v' };
      piece = Object.hasOwn(named, byte) ? named[byte]! : `\\${byte.toString(8).padStart(3, '0')}`;
    }
    if (column + piece.length >= width && width > 0) {
      result += '\\\n';
      column = 0;
    }
    result += piece;
    column += piece.length;
  }
  return `${result}$`;
}

export function runSed(program: SedCommand[], files: readonly SedFile[], options: SedRunOptions, hooks: SedHooks): SedResult {
  const written = new Map<string, SedSink>();
  let badInput = false;
  let fatal = false;
  let fileIndex = 0;
  let lineIndex = 0;
  let lineNumber = 0;
  let pattern = '';
  let chomped = true;
  let hold = '';
  let replaced = false;
  let lastRegex: PosixRegex | null = null;
  let steps = 0;
  const charge = (chars: number) => {
    steps += chars >> 6;
  };
  let sink = hooks.sinkFor(0);
  const appendQueue: ({ text: string } | { file: string })[] = [];

  const resetRanges = () => {
    for (const c of program) c.range = c.a1 && c.a1.type === 'num' && c.a1.n === 0 ? 'active' : 'inactive';
  };
  resetRanges();

  const dumpAppend = () => {
    if (appendQueue.length === 0) return;
    if (sink.missingNewline) {
      sink.text += '\n';
      sink.missingNewline = false;
    }
    for (const item of appendQueue) {
      if ('text' in item) sink.text += item.text;
      else sink.text += hooks.readFile(item.file) ?? '';
    }
    appendQueue.length = 0;
  };

  /** Is there a line after the current one (across files unless -s/-i)? */
  const atLast = (): boolean => {
    if (lineIndex < files[fileIndex]!.lines.length) return false;
    if (options.separate) return true;
    for (let f = fileIndex + 1; f < files.length; f += 1) if (files[f]!.lines.length > 0) return false;
    return true;
  };

  /** Says why a file could not be read, when sed comes to it. */
  const opened = (index: number): boolean => {
    const error = files[index]?.error;
    if (!error) return true;
    hooks.error(error.message);
    if (error.fatal) fatal = true;
    else badInput = true;
    return !error.fatal;
  };

  /** Reads the next line into the pattern space (appending with N); false at the end of input. */
  const readLine = (append: boolean): boolean => {
    dumpAppend();
    replaced = false;
    while (fileIndex < files.length && lineIndex >= files[fileIndex]!.lines.length) {
      fileIndex += 1;
      lineIndex = 0;
      if (fileIndex >= files.length) return false;
      if (!opened(fileIndex)) return false;
      if (options.separate) {
        lineNumber = 0;
        hold = '';
        resetRanges();
      }
      sink = hooks.sinkFor(fileIndex);
    }
    if (fileIndex >= files.length) return false;
    const file = files[fileIndex]!;
    const text = file.lines[lineIndex]!;
    lineIndex += 1;
    const isLastOfFile = lineIndex === file.lines.length;
    chomped = !(isLastOfFile && !file.finalNewline);
    pattern = append ? `${pattern}\n${text}` : text;
    lineNumber += 1;
    return true;
  };

  const regexOf = (r: SedRegex): PosixRegex => {
    if (r.re) {
      lastRegex = r.re;
      return r.re;
    }
    if (!lastRegex) throw new SedScriptError('no previous regular expression', 'sed: ', 4);
    return lastRegex;
  };

  const matchOne = (a: Address): boolean => {
    switch (a.type) {
      case 'null':
        return true;
      case 'regex':
        return regexOf(a.regex!).test(pattern);
      case 'numMod':
        return lineNumber >= a.n && (lineNumber - a.n) % a.step === 0;
      case 'step':
      case 'stepMod':
        return a.n <= lineNumber;
      case 'last':
        return atLast();
      case 'num':
        return a.n === lineNumber;
    }
  };

  const matches = (c: SedCommand): boolean => {
    if (!c.a1) return true;
    if (c.range !== 'active') {
      if (!c.a2) return matchOne(c.a1);
      if (c.a1.type === 'num') {
        if (c.range === 'closed' || lineNumber < c.a1.n) return false;
      } else if (!matchOne(c.a1)) return false;
      c.range = 'active';
      const a2 = c.a2;
      switch (a2.type) {
        case 'regex':
          return true;
        case 'num':
          if (lineNumber >= a2.n) c.range = 'closed';
          return lineNumber <= a2.n || matchOne(c.a1);
        case 'step':
          a2.n = lineNumber + a2.step;
          return true;
        case 'stepMod':
          a2.n = lineNumber + a2.step - (lineNumber % a2.step);
          return true;
        default:
          break;
      }
    }
    const a2 = c.a2!;
    if (a2.type === 'num') {
      if (lineNumber >= a2.n) c.range = 'closed';
      return lineNumber <= a2.n;
    }
    if (matchOne(a2)) c.range = 'closed';
    return true;
  };

  const substitute = (sub: Substitution): void => {
    const re = regexOf(sub.regex);
    const first = re.exec(pattern, 0);
    if (!first) return;
    let result = '';
    let start = 0;
    let lastEnd = 0;
    let count = 0;
    let again = true;
    const nth = Math.max(1, sub.nth);
    for (let m: typeof first | null = first; m && again; m = again && start <= pattern.length ? re.exec(pattern, start) : null) {
      const offset = m.start;
      let matched = m.end - m.start;
      if (start < offset) result += pattern.slice(start, offset);
      if ((matched > 0 || count === 0 || offset > lastEnd) && ++count >= nth) {
        replaced = true;
        for (const part of sub.replacement) {
          const piece = part.kind === 'text' ? part.text : (m.groups[part.n] ?? '');
          result += applyCase(piece, part.caseOp);
        }
        again = sub.global;
      } else {
        if (matched === 0) {
          if (start < pattern.length) matched = 1;
          else break;
        }
        result += pattern.slice(offset, offset + matched);
      }
      start = offset + matched;
      lastEnd = m.end;
      if (++steps > MAX_SED_WORK) break;
    }
    charge(result.length);
    if (start < pattern.length) result += pattern.slice(start);
    if (count < nth) return;
    pattern = result.length > MAX_SPACE_CHARS ? result.slice(0, MAX_SPACE_CHARS) : result;
    if (sub.print) out(sink, pattern, chomped);
    if (sub.write !== null) writeTo(sub.write, pattern, chomped);
  };

  const writeTo = (name: string, text: string, newline: boolean) => {
    if (name === '/dev/stdout') out(hooks.stdout, text, newline);
    else if (name === '/dev/stderr') hooks.error(text);
    else {
      const target = written.get(name) ?? { text: '', missingNewline: false };
      written.set(name, target);
      out(target, text, newline);
    }
  };

  // Every `w FILE` is created (emptied) when sed starts, as GNU opens them while compiling.
  for (const c of program) {
    const name = c.name === 'w' || c.name === 'W' ? c.fileName : (c.subst?.write ?? null);
    if (name !== null && name !== '' && name !== '/dev/stdout' && name !== '/dev/stderr' && !written.has(name)) written.set(name, { text: '', missingNewline: false });
  }

  /** One cycle over the pattern space: -1 to go on, or the exit status to quit with. */
  const cycle = (): number | 'stop' => {
    for (let pc = 0; pc < program.length; ) {
      if (++steps > MAX_SED_WORK) return 'stop';
      if (pattern.length > MAX_SPACE_CHARS || hold.length > MAX_SPACE_CHARS || sink.text.length > MAX_SPACE_CHARS) return 'stop';
      const c = program[pc]!;
      if (matches(c) === c.bang) {
        pc += 1;
        continue;
      }
      switch (c.name) {
        case '{':
        case 'b':
          pc = c.jump;
          continue;
        case '}':
        case ':':
        case '#':
          break;
        case 'a':
          appendQueue.push({ text: c.text });
          break;
        case 'c':
          if (c.range !== 'active') out(sink, c.text.slice(0, -1), true);
          return -1;
        case 'd':
          return -1;
        case 'D': {
          const nl = pattern.indexOf('\n');
          if (nl < 0) return -1;
          pattern = pattern.slice(nl + 1);
          pc = 0;
          continue;
        }
        case 'g':
          pattern = hold;
          charge(pattern.length + hold.length);
          break;
        case 'G':
          pattern = `${pattern}\n${hold}`;
          charge(pattern.length + hold.length);
          break;
        case 'h':
          hold = pattern;
          charge(pattern.length + hold.length);
          break;
        case 'H':
          hold = `${hold}\n${pattern}`;
          charge(pattern.length + hold.length);
          break;
        case 'x':
          [pattern, hold] = [hold, pattern];
          break;
        case 'i':
          out(sink, c.text.slice(0, -1), true);
          break;
        case 'l':
          out(sink, listLine(pattern, c.intArg === -1 ? options.lineWrap : c.intArg), true);
          break;
        case 'n':
          if (!options.quiet) out(sink, pattern, chomped);
          if (atLast() || !readLine(false)) return -2;
          break;
        case 'N':
          charge(pattern.length);
          if (atLast() || !readLine(true)) {
            if (!options.posix && !options.quiet) out(sink, pattern, chomped);
            return -2;
          }
          break;
        case 'p':
          out(sink, pattern, chomped);
          charge(pattern.length);
          break;
        case 'P': {
          const nl = pattern.indexOf('\n');
          out(sink, nl < 0 ? pattern : pattern.slice(0, nl), nl < 0 ? chomped : true);
          break;
        }
        case 'q':
          if (!options.quiet) out(sink, pattern, chomped);
          dumpAppend();
          return c.intArg === -1 ? 0 : c.intArg;
        case 'Q':
          return c.intArg === -1 ? 0 : c.intArg;
        case 'r':
          if (c.fileName !== '') appendQueue.push({ file: c.fileName });
          break;
        case 'R':
          break;
        case 's':
          substitute(c.subst!);
          break;
        case 't':
          if (replaced) {
            replaced = false;
            pc = c.jump;
            continue;
          }
          break;
        case 'T':
          if (!replaced) {
            pc = c.jump;
            continue;
          }
          replaced = false;
          break;
        case 'w':
          writeTo(c.fileName, pattern, chomped);
          break;
        case 'W': {
          const nl = pattern.indexOf('\n');
          writeTo(c.fileName, nl < 0 ? pattern : pattern.slice(0, nl), nl < 0 ? chomped : true);
          break;
        }
        case 'y':
          pattern = [...pattern].map((ch) => c.translate!.get(ch) ?? ch).join('');
          break;
        case 'z':
          pattern = '';
          break;
        case '=':
          out(sink, String(lineNumber), true);
          break;
        case 'F':
          out(sink, files[fileIndex]?.name ?? '-', true);
          break;
        default:
          break;
      }
      pc += 1;
    }
    if (!options.quiet) out(sink, pattern, chomped);
    return -1;
  };

  let status = 0;
  let stopped: SedResult['stopped'] = null;
  if (files.length > 0 && !opened(0)) return { status: 4, written, stopped };
  while (readLine(false)) {
    const result = cycle();
    if (result === 'stop') {
      stopped = steps > MAX_SED_WORK ? 'steps' : 'space';
      break;
    }
    if (result === -2) break;
    if (result >= 0) {
      status = result;
      break;
    }
  }
  dumpAppend();
  return { status: fatal ? 4 : badInput ? 2 : status, written, stopped };
}
