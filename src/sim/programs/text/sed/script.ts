/**
 * A sed script read as GNU sed 4.4's compile.c reads it, character by character, so that errors
 * come with the same words and the same `char N` position: addresses (N, $, /re/I, \cREc, first~step,
 * addr,+N, addr,~N, 0,/re/), `!`, `{ }`, labels, and the commands s y p P d D n N g G h H x q Q l =
 * a i c r w b t T : # z F. The program is a flat list of commands with jump targets, as in sed.
 */
import { compilePosix, translatePosix, type PosixRegex } from '../../../regex';
import { bytesOf } from '../bytes';

export interface SedRegex {
  /** null: the empty regex `//`, meaning the last one used. */
  re: PosixRegex | null;
}

export type AddressType = 'num' | 'numMod' | 'step' | 'stepMod' | 'last' | 'regex' | 'null';

export interface Address {
  type: AddressType;
  n: number;
  step: number;
  regex: SedRegex | null;
}

export type ReplacementPart =
  | { kind: 'text'; text: string; caseOp: CaseOp }
  | { kind: 'group'; n: number; caseOp: CaseOp };

/** \U \L (until \E), \u \l (next character only), combined as sed does. */
export interface CaseOp {
  all: 'none' | 'upper' | 'lower';
  first: 'none' | 'upper' | 'lower';
}

export interface Substitution {
  regex: SedRegex;
  replacement: ReplacementPart[];
  global: boolean;
  /** Replace the Nth match (and later ones with g); 0 = not given. */
  nth: number;
  /** 1: print after substituting (p). */
  print: boolean;
  /** w FILE. */
  write: string | null;
  evaluate: boolean;
}

export interface SedCommand {
  name: string;
  a1: Address | null;
  a2: Address | null;
  bang: boolean;
  /** Index of the command a `{`, `b`, `t`, `T` jumps to (end of block / label). */
  jump: number;
  label: string;
  text: string;
  intArg: number;
  fileName: string;
  subst: Substitution | null;
  translate: Map<string, string> | null;
  range: 'inactive' | 'active' | 'closed';
}

export interface SedOptions {
  extended: boolean;
  posix: boolean;
}

/** An error in the script, in sed's words, with where it was found. */
export class SedScriptError extends Error {
  constructor(
    message: string,
    /** `sed: -e expression #1, char 3: ` or `sed: file x line 2: `, or '' for run-time and panic errors. */
    readonly where: string,
    readonly exitStatus: number,
    readonly unsupported = false,
  ) {
    super(message);
  }
}

const EOF = null;
type Ch = string | null;

/** What compiles a sed program, across several -e expressions and -f files. */
export class SedCompiler {
  readonly program: SedCommand[] = [];
  private blocks: number[] = [];
  private labels = new Map<string, number>();
  private jumps: { index: number; label: string }[] = [];
  private pendingText: { command: SedCommand; text: string } | null = null;
  private chars: string[] = [];
  private pos = 0;
  private line = 0;
  private exprCount = 0;
  private fileName: string | null = null;
  private first = true;
  /** `#n` on the first line of the script: as -n. */
  quiet = false;

  constructor(private readonly options: SedOptions) {}

  /** Compiles one -e expression (or the script given as an operand). */
  compileString(script: string): void {
    this.exprCount += 1;
    this.fileName = null;
    this.chars = [...script];
    this.pos = 0;
    this.line = 0;
    this.compileProgram();
    this.first = false;
  }

  /** Compiles a -f script file's text. */
  compileFile(name: string, text: string): void {
    this.fileName = name;
    this.chars = [...text];
    this.pos = 0;
    this.line = 1;
    this.compileProgram();
    this.first = false;
  }

  /** After the last script: every `{` closed, every label found. */
  finish(): SedCommand[] {
    if (this.blocks.length > 0) {
      this.chars = [];
      this.pos = 0;
      this.fileName = null;
      throw this.error('unmatched `{\'');
    }
    for (const jump of this.jumps) {
      if (jump.label === '') this.program[jump.index]!.jump = this.program.length;
      else {
        const target = this.labels.get(jump.label);
        if (target === undefined) throw new SedScriptError(`can't find label for jump to \`${jump.label}'`, 'sed: ', 4);
        this.program[jump.index]!.jump = target;
      }
    }
    return this.program;
  }

  private error(message: string): SedScriptError {
    const where = this.fileName !== null ? `sed: file ${this.fileName} line ${this.line}: ` : `sed: -e expression #${this.exprCount}, char ${bytesOf(this.chars.slice(0, this.pos).join(''))}: `;
    return new SedScriptError(message, where, 1);
  }

  private inchar(): Ch {
    if (this.pos >= this.chars.length) return EOF;
    const c = this.chars[this.pos++]!;
    if (c === '\n') this.line += 1;
    return c;
  }

  private savchar(c: Ch): void {
    if (c === EOF) return;
    if (c === '\n' && this.line > 0) this.line -= 1;
    this.pos -= 1;
  }

  private inNonblank(): Ch {
    let c: Ch;
    do c = this.inchar();
    while (c === ' ' || c === '\t');
    return c;
  }

  private inInteger(first: string): number {
    let n = 0;
    let c: Ch = first;
    while (c !== EOF && c >= '0' && c <= '9') {
      n = Math.min(n * 10 + Number(c), Number.MAX_SAFE_INTEGER);
      c = this.inchar();
    }
    this.savchar(c);
    return n;
  }

  /** `[` already read: copies a bracket expression so its `/` does not end the regex. */
  private snarfCharClass(b: string[]): Ch {
    let state = 0;
    let delim = '';
    let c = this.inchar();
    if (c === '^') {
      b.push(c);
      c = this.inchar();
    }
    if (c === ']') {
      b.push(c);
      c = this.inchar();
    }
    for (;;) {
      if (c === EOF || c === '\n') return c;
      if (c === '.' || c === ':' || c === '=') {
        if (state === 1) {
          delim = c;
          state = 2;
        } else if (state === 2 && c === delim) state = 3;
        else state &= ~1;
      } else if (c === '[') {
        if (state === 0) state = 1;
      } else if (c === ']') {
        if (state === 0 || state === 1) return c;
        if (state === 3) state = 0;
        else state &= ~1;
      } else state &= ~1;
      b.push(c);
      c = this.inchar();
    }
  }

  /** Reads up to the closing delimiter (sed's match_slash); null when it never comes. */
  private matchSlash(slash: Ch, regex: boolean): string | null {
    const b: string[] = [];
    let c: Ch;
    while ((c = this.inchar()) !== EOF && c !== '\n') {
      if (c === slash) return b.join('');
      if (c === '\\') {
        c = this.inchar();
        if (c === EOF) break;
        if (c === 'n' && regex) c = '\n';
        else if (c !== '\n' && (c !== slash || (!regex && c === '&'))) b.push('\\');
      } else if (c === '[' && regex) {
        b.push(c);
        c = this.snarfCharClass(b);
        if (c !== ']') break;
      }
      b.push(c);
    }
    if (c === '\n') this.savchar(c);
    return null;
  }

  private compileRegex(text: string, ignoreCase: boolean, multiline: boolean, neededSub: number): SedRegex {
    if (text === '') {
      if (ignoreCase || multiline) throw this.error('cannot specify modifiers on empty regexp');
      return { re: null };
    }
    const pattern = normalize(text, 'regex');
    const syntax = this.options.extended ? 'sed-extended' : 'sed-basic';
    const translated = translatePosix(pattern, syntax);
    if (!translated.ok) {
      if (translated.unsupported) throw new SedScriptError(`back-references (\\1 to \\9) in a sed regular expression`, '', 1, true);
      if (translated.error.startsWith('character class syntax')) throw new SedScriptError(translated.error, 'sed: ', 4);
      throw this.error(translated.error);
    }
    if (neededSub > 0 && translated.groups < neededSub - 1) throw this.error(`invalid reference \\${neededSub - 1} on \`s' command's RHS`);
    const re = compilePosix(pattern, { syntax, ignoreCase, multiline });
    if (!re.ok) throw new SedScriptError('a regular expression this large in sed', '', 1, true);
    return { re };
  }

  private compileAddress(c: Ch): Address | null {
    const addr: Address = { type: 'null', n: 0, step: 0, regex: null };
    if (c === '/' || c === '\\') {
      let slash: Ch = c;
      if (c === '\\') slash = this.inchar();
      const text = this.matchSlash(slash, true);
      if (text === null) throw this.error('unterminated address regex');
      let ignoreCase = false;
      let multiline = false;
      for (;;) {
        const f = this.inNonblank();
        if (f === 'I' && !this.options.posix) ignoreCase = true;
        else if (f === 'M' && !this.options.posix) multiline = true;
        else {
          this.savchar(f);
          addr.type = 'regex';
          addr.regex = this.compileRegex(text, ignoreCase, multiline, 0);
          return addr;
        }
      }
    }
    if (c !== EOF && c >= '0' && c <= '9') {
      addr.n = this.inInteger(c);
      addr.type = 'num';
      const next = this.inNonblank();
      if (next !== '~' || this.options.posix) this.savchar(next);
      else {
        const s = this.inNonblank();
        const step = s !== EOF && s >= '0' && s <= '9' ? this.inInteger(s) : (this.savchar(s), 0);
        if (step > 0) {
          addr.step = step;
          addr.type = 'numMod';
        }
      }
      return addr;
    }
    if ((c === '+' || c === '~') && !this.options.posix) {
      const s = this.inNonblank();
      addr.step = s !== EOF && s >= '0' && s <= '9' ? this.inInteger(s) : (this.savchar(s), 0);
      if (addr.step > 0) addr.type = c === '+' ? 'step' : 'stepMod';
      return addr;
    }
    if (c === '$') {
      addr.type = 'last';
      return addr;
    }
    return null;
  }

  private endOfCommand(): void {
    const c = this.inNonblank();
    if (c === '}' || c === '#') this.savchar(c);
    else if (c !== EOF && c !== '\n' && c !== ';') throw this.error('extra characters after command');
  }

  private readLabel(): string {
    let c = this.inNonblank();
    let label = '';
    while (c !== EOF && c !== '\n' && c !== ' ' && c !== '\t' && c !== ';' && c !== '}' && c !== '#') {
      label += c;
      c = this.inchar();
    }
    this.savchar(c);
    return label;
  }

  private readFilename(): string {
    let c = this.inNonblank();
    let name = '';
    while (c !== EOF && c !== '\n') {
      name += c;
      c = this.inchar();
    }
    return name;
  }

  /**
   * The text of a, i, c: to the end of the line; a `\` at the very end of an expression
   * continues the text in the next -e (sed's pending_text).
   */
  private readText(command: SedCommand, leadin: Ch, prefix = ''): void {
    let text = prefix;
    if (leadin === EOF) {
      this.pendingText = { command, text };
      return;
    }
    if (leadin !== '\n') text += leadin;
    let c = this.inchar();
    while (c !== EOF && c !== '\n') {
      if (c === '\\') {
        c = this.inchar();
        if (c !== EOF) text += '\\';
      }
      if (c === EOF) {
        this.pendingText = { command, text: `${text}\n` };
        command.text = `${normalize(text, 'text')}\n`;
        return;
      }
      text += c;
      c = this.inchar();
    }
    command.text = `${normalize(text, 'text')}\n`;
    this.pendingText = null;
  }

  private newCommand(): SedCommand {
    return { name: '', a1: null, a2: null, bang: false, jump: -1, label: '', text: '', intArg: -1, fileName: '', subst: null, translate: null, range: 'inactive' };
  }

  private compileProgram(): void {
    if (this.pendingText) {
      // Continue the a/i/c text the last expression ended in.
      const { command, text } = this.pendingText;
      this.pendingText = null;
      this.readText(command, '\n', text);
    }
    for (;;) {
      let c: Ch;
      while ((c = this.inchar()) === ';' || (c !== EOF && /\s/.test(c)));
      if (c === EOF) break;
      const cmd = this.newCommand();
      const a1 = this.compileAddress(c);
      if (a1) {
        if (a1.type === 'step' || a1.type === 'stepMod') throw this.error('invalid usage of +N or ~N as first address');
        cmd.a1 = a1;
        c = this.inNonblank();
        if (c === ',') {
          const a2 = this.compileAddress(this.inNonblank());
          if (!a2) throw this.error("unexpected `,'");
          cmd.a2 = a2;
          c = this.inNonblank();
        }
        if (a1.type === 'num' && a1.n === 0 && (!cmd.a2 || cmd.a2.type !== 'regex' || this.options.posix)) throw this.error('invalid usage of line address 0');
      }
      if (c === '!') {
        cmd.bang = true;
        c = this.inNonblank();
        if (c === '!') throw this.error("multiple `!'s");
      }
      cmd.name = c ?? '';
      if (c === EOF) throw this.error('missing command');
      switch (c) {
        case '#': {
          if (cmd.a1) throw this.error("comments don't accept any addresses");
          let n = this.inchar();
          // `#n` as the script's first two characters means -n (sed checks only the position).
          if (n === 'n' && this.first && this.fileName === null && this.pos === 2) this.quiet = true;
          while (n !== EOF && n !== '\n') n = this.inchar();
          continue;
        }
        case 'v':
          this.readLabel();
          continue;
        case '{':
          this.blocks.push(this.program.length);
          cmd.bang = !cmd.bang;
          break;
        case '}': {
          if (this.blocks.length === 0) throw this.error("unexpected `}'");
          if (cmd.a1) throw this.error("`}' doesn't want any addresses");
          this.endOfCommand();
          const open = this.blocks.pop()!;
          this.program[open]!.jump = this.program.length;
          break;
        }
        case 'e':
          throw new SedScriptError('the e command (running a shell command from sed)', '', 1, true);
        case 'a':
        case 'i':
        case 'c': {
          let t = this.inNonblank();
          if (t === EOF) throw this.error("expected \\ after `a', `c' or `i'");
          if (t === '\\') t = this.inchar();
          else {
            if (this.options.posix) throw this.error("expected \\ after `a', `c' or `i'");
            this.savchar(t);
            t = '\n';
          }
          this.readText(cmd, t);
          break;
        }
        case ':': {
          if (cmd.a1) throw this.error(": doesn't want any addresses");
          const label = this.readLabel();
          if (label === '') throw this.error('":" lacks a label');
          if (!this.labels.has(label)) this.labels.set(label, this.program.length);
          break;
        }
        case 'T':
        case 'b':
        case 't':
          this.jumps.push({ index: this.program.length, label: this.readLabel() });
          break;
        case 'Q':
        case 'q':
        case 'L':
        case 'l': {
          if ((c === 'q' || c === 'Q') && cmd.a2) throw this.error('command only uses one address');
          let n = this.inNonblank();
          if (n !== EOF && n >= '0' && n <= '9' && !this.options.posix) {
            cmd.intArg = this.inInteger(n);
            n = this.inNonblank();
          }
          if (n === '}' || n === '#') this.savchar(n);
          else if (n !== EOF && n !== '\n' && n !== ';') throw this.error('extra characters after command');
          break;
        }
        case '=':
        case 'd':
        case 'D':
        case 'F':
        case 'g':
        case 'G':
        case 'h':
        case 'H':
        case 'n':
        case 'N':
        case 'p':
        case 'P':
        case 'z':
        case 'x':
          this.endOfCommand();
          break;
        case 'r':
        case 'R':
        case 'w':
        case 'W':
          cmd.fileName = this.readFilename();
          break;
        case 's':
          cmd.subst = this.compileSubst();
          break;
        case 'y':
          cmd.translate = this.compileY();
          break;
        default:
          throw this.error(`unknown command: \`${c}'`);
      }
      this.program.push(cmd);
    }
  }

  private compileSubst(): Substitution {
    const slash = this.inchar();
    const pattern = this.matchSlash(slash, true);
    if (pattern === null) throw this.error("unterminated `s' command");
    const replacementText = this.matchSlash(slash, false);
    if (replacementText === null) throw this.error("unterminated `s' command");
    const { parts, maxId } = parseReplacement(replacementText, this.options.posix);
    const sub: Substitution = { regex: { re: null }, replacement: parts, global: false, nth: 0, print: false, write: null, evaluate: false };
    let ignoreCase = false;
    let multiline = false;
    for (let done = false; !done; ) {
      const c = this.inNonblank();
      switch (c) {
        case 'i':
        case 'I':
          if (this.options.posix) throw this.error("unknown option to `s'");
          ignoreCase = true;
          break;
        case 'm':
        case 'M':
          if (this.options.posix) throw this.error("unknown option to `s'");
          multiline = true;
          break;
        case 'e':
          throw new SedScriptError('the e flag of s (running the pattern space as a shell command)', '', 1, true);
        case 'p':
          if (sub.print) throw this.error("multiple `p' options to `s' command");
          sub.print = true;
          break;
        case 'g':
          if (sub.global) throw this.error("multiple `g' options to `s' command");
          sub.global = true;
          break;
        case 'w':
          sub.write = this.readFilename();
          done = true;
          break;
        case '}':
        case '#':
          this.savchar(c);
          done = true;
          break;
        case EOF:
        case '\n':
        case ';':
          done = true;
          break;
        default:
          if (c >= '0' && c <= '9') {
            if (sub.nth) throw this.error("multiple number options to `s' command");
            sub.nth = this.inInteger(c);
            if (!sub.nth) throw this.error("number option to `s' command may not be zero");
            break;
          }
          throw this.error("unknown option to `s'");
      }
    }
    sub.regex = this.compileRegex(pattern, ignoreCase, multiline, maxId + 1);
    return sub;
  }

  private compileY(): Map<string, string> {
    const slash = this.inchar();
    const from = this.matchSlash(slash, false);
    if (from === null) throw this.error("unterminated `y' command");
    const to = this.matchSlash(slash, false);
    if (to === null) throw this.error("unterminated `y' command");
    const a = [...yText(from)];
    const b = [...yText(to)];
    if (a.length !== b.length) throw this.error("strings for `y' command are different lengths");
    const map = new Map<string, string>();
    a.forEach((ch, i) => map.set(ch, b[i]!));
    const c = this.inNonblank();
    if (c !== EOF && c !== '\n' && c !== ';') throw this.error('extra characters after command');
    return map;
  }
}

/** y's strings: `\\` is a backslash, `\n` a newline, `\` + delimiter already resolved. */
function yText(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i]!;
    if (c === '\\' && i + 1 < text.length) {
      const n = text[i + 1]!;
      out += n === 'n' ? '\n' : n === '\\' ? '\\' : normalize(`\\${n}`, 'text');
      i += 1;
    } else out += c;
  }
  return out;
}

/**
 * sed's normalize_text: `\a \f \n \r \t \v \dNNN \oNNN \xHH \cX` become the characters they
 * name; other escapes stay for the regex reader (or, in a/i/c text, lose their backslash).
 */
export function normalize(text: string, kind: 'regex' | 'replacement' | 'text'): string {
  let out = '';
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i]!;
    if (c !== '\\' || i + 1 >= text.length) {
      out += c;
      continue;
    }
    const n = text[i + 1]!;
    const simple: Record<string, string> = { a: '\x07', f: '\f', n: '\n', '\n': '\n', r: '\r', t: '\t', v: '\v' };
    if (Object.hasOwn(simple, n)) {
      out += simple[n];
      i += 1;
      continue;
    }
    const base = n === 'd' ? 10 : n === 'x' ? 16 : n === 'o' ? 8 : 0;
    if (base) {
      const digits = base === 16 ? /^[0-9a-fA-F]{1,2}/ : base === 8 ? /^[0-7]{1,3}/ : /^[0-9]{1,3}/;
      const m = digits.exec(text.slice(i + 2));
      if (m) {
        const ch = String.fromCharCode(parseInt(m[0], base) & 0xff);
        if (kind === 'replacement' && ch === '&') out += '\\';
        out += ch;
        i += 1 + m[0].length;
        continue;
      }
    }
    if (n === 'c' && i + 2 < text.length) {
      out += String.fromCharCode(text[i + 2]!.toUpperCase().charCodeAt(0) ^ 0x40);
      i += 2;
      continue;
    }
    if (kind !== 'text') out += '\\';
    out += n;
    i += 1;
  }
  return out;
}

/** The right side of s///: `&`, `\0`-`\9`, `\n`, and GNU's `\U \L \E \u \l`. */
export function parseReplacement(raw: string, posix: boolean): { parts: ReplacementPart[]; maxId: number } {
  const text = normalize(raw, 'replacement');
  const parts: ReplacementPart[] = [];
  let maxId = 0;
  let caseOp: CaseOp = { all: 'none', first: 'none' };
  let saved: CaseOp = caseOp;
  let literal = '';
  // A \u or \l applies to the next piece only; then the \U/\L/\E state in force returns.
  const flush = () => {
    if (literal !== '') {
      parts.push({ kind: 'text', text: literal, caseOp });
      caseOp = saved;
    }
    literal = '';
  };
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i]!;
    if (c === '\\') {
      const n = text[i + 1];
      i += 1;
      if (n === undefined) {
        literal += '\\';
        break;
      }
      if (n >= '0' && n <= '9') {
        flush();
        parts.push({ kind: 'group', n: Number(n), caseOp });
        caseOp = saved;
        maxId = Math.max(maxId, Number(n));
      } else if (!posix && (n === 'U' || n === 'L' || n === 'E')) {
        flush();
        caseOp = { all: n === 'U' ? 'upper' : n === 'L' ? 'lower' : 'none', first: 'none' };
        saved = caseOp;
      } else if (!posix && (n === 'u' || n === 'l')) {
        flush();
        saved = caseOp;
        caseOp = { all: caseOp.all, first: n === 'u' ? 'upper' : 'lower' };
      } else literal += n === '\n' ? '\n' : n;
    } else if (c === '&') {
      flush();
      parts.push({ kind: 'group', n: 0, caseOp });
      caseOp = saved;
    } else literal += c;
  }
  flush();
  return { parts, maxId };
}
