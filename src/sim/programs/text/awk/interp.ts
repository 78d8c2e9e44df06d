/**
 * Runs a parsed awk program as mawk 1.3.3 does: records split by RS and fields by FS (a blank
 * splits on runs of blanks, one other character literally, more as a regular expression), $0 and
 * NF kept in step, print and printf with OFS, ORS, OFMT, output to files and through pipes to
 * other commands of the host, getline in its forms, associative arrays, user functions, and the
 * builtins. Every run has a budget of steps, of output and of string length, so no program can
 * hang the drill: when it is spent the run stops, as Ctrl-C would stop it.
 */
import type { AwkFunction, AwkProgram, Expr, Stmt } from './ast';
import { compareValues, fromInput, numberToString, StrNum, toInt, toNumber, toStr, truthy, type Value } from './values';
import { sprintf } from './format';
import { compilePosix, translatePosix, type PosixRegex } from '../../../regex';

/** Steps one awk run may take (expressions evaluated, statements run, loop turns). */
export const MAX_AWK_STEPS = 5_000_000;
/** Longest string awk may build, and most output it may write (characters). */
export const MAX_AWK_CHARS = 1_000_000;
/** mawk's MAX__INT, the length substr takes without a third argument. */
const MAX_INT_COUNT = 2147483647;
/** Deepest user function recursion. */
const MAX_CALL_DEPTH = 500;

/** Everything the interpreter needs from the host, so it stays a pure function of its input. */
export interface AwkHost {
  /** `prog` as mawk names itself in messages (its argv[0]: awk or mawk). */
  prog: string;
  out(text: string): void;
  err(line: string): void;
  /** Standard input (the pipe, or nothing). */
  stdin(): string;
  /** A file's text, or the error text as errno would say it. */
  readFile(name: string): { ok: true; text: string } | { ok: false; error: string };
  /** Creates or empties (or, appending, opens) a file for output; false with the error. */
  openOutput(name: string, append: boolean): { ok: true } | { ok: false; error: string };
  /** Appends text to a file opened for output. */
  appendOutput(name: string, text: string): void;
  /** Runs a shell command line with this input, as system(), pipes and `cmd | getline` do. */
  run(command: string, stdin: string | null): { stdout: string; stderr: string; status: number };
  environment: Readonly<Record<string, string>>;
  /** A seed for rand(): mawk seeds from the clock; the drill from its own counter. */
  seed: number;
}

/** A run time error in mawk's words. */
export class AwkRuntimeError extends Error {}
/** The budget ran out. */
export class AwkBudgetError extends Error {
  constructor(readonly what: 'steps' | 'chars' | 'depth') {
    super(what);
  }
}
/** A fatal error printed by mawk as `prog: message` (cannot open…). */
export class AwkFatalError extends Error {}

/**
 * A variable: a scalar, an array, or not yet either. Cells are changed in place, so a function
 * given an unset variable that it turns into an array turns the caller's into the same array.
 */
interface Cell {
  kind: 'scalar' | 'array' | 'unset';
  v?: Value;
  a?: Map<string, Value>;
  /** The caller's cell an unset argument came from. */
  ref?: Cell;
}

type Signal = 'normal' | 'break' | 'continue' | 'next' | 'exit' | 'return';

interface Frame {
  locals: Map<string, Cell>;
  returnValue: Value;
}

class ExitSignal {
  constructor(readonly code: number) {}
}

/** A source of records: the main input, a file read by getline, or a command's output. */
class RecordSource {
  pos = 0;
  constructor(readonly data: string) {}
}

export class AwkInterpreter {
  private globals = new Map<string, Cell>();
  private frames: Frame[] = [];
  private steps = 0;
  private outChars = 0;
  private record = '';
  /** Field texts as split; a field assigned since holds its value instead. */
  private fields: (string | { v: Value })[] = [];
  private nf = 0;
  private regexCache = new Map<string, PosixRegex>();
  private fileSources = new Map<string, RecordSource>();
  private commandSources = new Map<string, RecordSource>();
  private outputs = new Map<string, { kind: 'file' | 'pipe'; buffer: string }>();
  private rangeActive: boolean[] = [];
  private randState: number;
  private lastSeed: number;
  private main: { source: RecordSource | null; argIndex: number; done: boolean; usedFile: boolean } = { source: null, argIndex: 1, done: false, usedFile: false };
  private exitCode = 0;
  private inEnd = false;

  constructor(
    private readonly program: AwkProgram,
    private readonly host: AwkHost,
    argv: readonly string[],
    assignments: readonly [string, string][],
  ) {
    const set = (name: string, v: Value) => this.globals.set(name, { kind: 'scalar', v });
    set('FS', ' ');
    set('OFS', ' ');
    set('ORS', '\n');
    set('RS', '\n');
    set('SUBSEP', '\u001c');
    set('CONVFMT', '%.6g');
    set('OFMT', '%.6g');
    set('NR', 0);
    set('FNR', 0);
    set('RSTART', 0);
    set('RLENGTH', -1);
    set('FILENAME', '');
    const env = new Map<string, Value>();
    for (const [k, v] of Object.entries(host.environment)) env.set(k, fromInput(v));
    this.globals.set('ENVIRON', { kind: 'array', a: env });
    const args = new Map<string, Value>();
    argv.forEach((a, i) => args.set(String(i), i === 0 ? a : fromInput(a)));
    this.globals.set('ARGV', { kind: 'array', a: args });
    set('ARGC', argv.length);
    for (const [name, value] of assignments) this.assignVariable(name, fromInput(value));
    this.randState = host.seed >>> 0 || 1;
    this.lastSeed = host.seed;
    this.rangeActive = program.rules.map(() => false);
  }

  // ---- budget -------------------------------------------------------------

  private tick(): void {
    if (++this.steps > MAX_AWK_STEPS) throw new AwkBudgetError('steps');
  }

  private bounded(s: string): string {
    if (s.length > MAX_AWK_CHARS) throw new AwkBudgetError('chars');
    return s;
  }

  // ---- variables ----------------------------------------------------------

  private get conv(): string {
    return toStr(this.scalarRaw('CONVFMT'), '%.6g');
  }

  private scalarRaw(name: string): Value {
    const cell = this.globals.get(name);
    return cell?.kind === 'scalar' ? cell.v : undefined;
  }

  /** The variable a name means here: a local of the running function, else a global. */
  private cellOf(name: string): Cell {
    const frame = this.frames[this.frames.length - 1];
    const local = frame?.locals.get(name);
    if (local) return local;
    let cell = this.globals.get(name);
    if (!cell) this.globals.set(name, (cell = { kind: 'unset' }));
    return cell;
  }

  private get(name: string): Value {
    if (name === 'NF') return this.nf;
    const cell = this.cellOf(name);
    if (cell.kind === 'array') throw new AwkRuntimeError(`can't use array ${name} in scalar context`);
    return cell.kind === 'scalar' ? cell.v : undefined;
  }

  private assignVariable(name: string, v: Value): void {
    if (name === 'NF') {
      this.setNF(toNumber(v));
      return;
    }
    const cell = this.cellOf(name);
    if (cell.kind === 'array') throw new AwkRuntimeError(`can't assign to array ${name}`);
    cell.kind = 'scalar';
    cell.v = v;
    cell.ref = undefined;
  }

  private arrayOf(name: string): Map<string, Value> {
    const cell = this.cellOf(name);
    if (cell.kind === 'array') return cell.a!;
    if (cell.kind === 'scalar') throw new AwkRuntimeError(`can't use scalar ${name} as array`);
    const a = cell.ref?.kind === 'array' ? cell.ref.a! : new Map<string, Value>();
    cell.kind = 'array';
    cell.a = a;
    if (cell.ref && cell.ref.kind === 'unset') {
      cell.ref.kind = 'array';
      cell.ref.a = a;
    }
    return a;
  }

  private subscript(subs: Expr[]): string {
    const sep = toStr(this.scalarRaw('SUBSEP'), this.conv);
    return subs.map((e) => toStr(this.eval(e), this.conv)).join(sep);
  }

  // ---- records and fields -------------------------------------------------

  private splitRecord(text: string): string[] {
    const fs = toStr(this.scalarRaw('FS'), this.conv);
    return this.splitBy(text, fs, true);
  }

  /** Splits by FS (or split()'s separator): blank, one character, or a regular expression. */
  private splitBy(text: string, fs: string | PosixRegex, isFS: boolean): string[] {
    if (typeof fs === 'string') {
      const paragraphs = isFS && toStr(this.scalarRaw('RS'), this.conv) === '';
      if (fs === ' ') {
        const t = text.replace(/^[ \t\n]+|[ \t\n]+$/g, '');
        return t === '' ? [] : t.split(/[ \t\n]+/);
      }
      if (text === '') return [];
      if (fs.length === 1 && fs !== '\\') {
        const parts = text.split(fs);
        return paragraphs ? parts.flatMap((p) => p.split('\n')) : parts;
      }
      if (fs === '') return [...text];
      const re = this.regex(fs);
      const parts = this.splitRegex(text, re);
      return paragraphs ? parts.flatMap((p) => p.split('\n')) : parts;
    }
    if (text === '') return [];
    return this.splitRegex(text, fs);
  }

  private splitRegex(text: string, re: PosixRegex): string[] {
    const parts: string[] = [];
    let from = 0;
    let at = 0;
    for (;;) {
      this.tick();
      const m = re.exec(text, at);
      if (!m) break;
      if (m.end === m.start) {
        // An empty separator match does not split (mawk skips it).
        at = m.end + 1;
        if (at > text.length) break;
        continue;
      }
      parts.push(text.slice(from, m.start));
      from = m.end;
      at = m.end;
    }
    parts.push(text.slice(from));
    return parts;
  }

  private setRecord(text: string): void {
    this.record = this.bounded(text);
    this.fields = this.splitRecord(this.record);
    this.nf = this.fields.length;
  }

  private fieldValue(f: string | { v: Value } | undefined): Value {
    if (f === undefined) return undefined;
    return typeof f === 'string' ? fromInput(f) : f.v;
  }

  private rebuildRecord(): void {
    const ofs = toStr(this.scalarRaw('OFS'), this.conv);
    this.record = this.bounded(this.fields.map((f) => (typeof f === 'string' ? f : toStr(f.v, this.conv))).join(ofs));
  }

  private setNF(n: number): void {
    const count = Math.max(0, toInt(n));
    if (count > 32767) throw new AwkRuntimeError(`NF=${count} exceeds maximum field(32767)`);
    while (this.fields.length < count) this.fields.push('');
    this.fields.length = count;
    this.nf = count;
    this.rebuildRecord();
  }

  private getField(index: number): Value {
    if (index < 0) throw new AwkRuntimeError(`negative field index $${index}`);
    if (index === 0) return fromInput(this.record);
    return index <= this.nf ? this.fieldValue(this.fields[index - 1]) : undefined;
  }

  private setField(index: number, v: Value): void {
    if (index < 0) throw new AwkRuntimeError(`negative field index $${index}`);
    if (index === 0) {
      this.setRecord(toStr(v, this.conv));
      return;
    }
    if (index > 32767) throw new AwkRuntimeError(`$${index} exceeds maximum field(32767)`);
    while (this.fields.length < index) this.fields.push('');
    this.fields[index - 1] = { v: v === undefined ? '' : v };
    this.nf = Math.max(this.nf, index);
    this.rebuildRecord();
  }

  /** The next record from a source by RS, or null at its end. */
  private readRecord(source: RecordSource): string | null {
    const data = source.data;
    if (source.pos >= data.length) return null;
    const rs = toStr(this.scalarRaw('RS'), this.conv);
    if (rs === '\n' || rs.length === 1) {
      const at = data.indexOf(rs, source.pos);
      const end = at < 0 ? data.length : at;
      const rec = data.slice(source.pos, end);
      source.pos = at < 0 ? data.length : at + 1;
      return rec;
    }
    if (rs === '') {
      // Paragraph mode: records end at blank lines; leading newlines are skipped.
      while (data[source.pos] === '\n') source.pos += 1;
      if (source.pos >= data.length) return null;
      const m = /\n\n+/g;
      m.lastIndex = source.pos;
      const found = m.exec(data);
      const end = found ? found.index : data.length;
      let rec = data.slice(source.pos, end);
      if (!found) rec = rec.replace(/\n+$/, '');
      source.pos = found ? found.index + found[0].length : data.length;
      return rec;
    }
    const re = this.regex(rs);
    const m = re.exec(data, source.pos);
    if (!m || m.end === m.start) {
      const rec = data.slice(source.pos);
      source.pos = data.length;
      return rec.endsWith('\n') ? rec.slice(0, -1) : rec;
    }
    const rec = data.slice(source.pos, m.start);
    source.pos = m.end;
    return rec;
  }

  /** Moves to the next file of ARGV (running `var=value` operands on the way); false at the end. */
  private openNextMain(): boolean {
    const argv = this.arrayOf('ARGV');
    const argc = toNumber(this.get('ARGC'));
    let opened = false;
    while (this.main.argIndex < argc) {
      const arg = argv.get(String(this.main.argIndex));
      this.main.argIndex += 1;
      const name = toStr(arg, this.conv);
      if (name === '') continue;
      const assign = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(name);
      if (assign) {
        this.assignVariable(assign[1]!, fromInput(unescapeAssignment(assign[2]!)));
        continue;
      }
      this.globals.set('FILENAME', { kind: 'scalar', v: name });
      this.globals.set('FNR', { kind: 'scalar', v: 0 });
      if (name === '-' || name === '/dev/stdin') this.main.source = new RecordSource(this.host.stdin());
      else {
        const read = this.host.readFile(name);
        if (!read.ok) throw new AwkFatalError(read.error === 'Is a directory' ? 'read error (Is a directory)' : `cannot open ${name} (${read.error})`);
        this.main.source = new RecordSource(read.text);
      }
      opened = true;
      this.main.usedFile = true;
      break;
    }
    if (!opened && !this.main.usedFile) {
      this.main.usedFile = true;
      this.main.source = new RecordSource(this.host.stdin());
      return true;
    }
    return opened;
  }

  /** The next record of the main input into $0 (NR and FNR counted); false at the very end. */
  private nextMainRecord(target: Expr | null = null): boolean {
    for (;;) {
      if (this.main.done) return false;
      if (!this.main.source && !this.openNextMain()) {
        this.main.done = true;
        return false;
      }
      const rec = this.readRecord(this.main.source!);
      if (rec === null) {
        this.main.source = null;
        if (!this.openNextMain()) {
          this.main.done = true;
          return false;
        }
        continue;
      }
      this.globals.set('NR', { kind: 'scalar', v: toNumber(this.get('NR')) + 1 });
      this.globals.set('FNR', { kind: 'scalar', v: toNumber(this.get('FNR')) + 1 });
      if (target) this.assignTo(target, fromInput(rec));
      else this.setRecord(rec);
      return true;
    }
  }

  // ---- regular expressions ------------------------------------------------

  private regex(source: string): PosixRegex {
    const cached = this.regexCache.get(source);
    if (cached) return cached;
    const t = translatePosix(source, 'awk');
    if (!t.ok) throw new AwkRuntimeError(`regular expression compile failed (${t.error})\n${source}`);
    const re = compilePosix(source, { syntax: 'awk' });
    if (!re.ok) throw new AwkRuntimeError(`regular expression compile failed (resource exhaustion -- regular expression too large)\n${source}`);
    if (this.regexCache.size > 500) this.regexCache.clear();
    this.regexCache.set(source, re);
    return re;
  }

  /** A regex operand: a /literal/, or any expression's value as a dynamic regex. */
  private regexOperand(e: Expr): PosixRegex {
    if (e.t === 'regex') return this.regex(e.src);
    return this.regex(toStr(this.eval(e), this.conv));
  }

  // ---- output ---------------------------------------------------------------

  private write(text: string): void {
    this.outChars += text.length;
    if (this.outChars > MAX_AWK_CHARS) throw new AwkBudgetError('chars');
    this.host.out(text);
  }

  private output(text: string, redirect: Stmt & { t: 'print' | 'printf' }): void {
    const r = redirect.redirect;
    if (!r) {
      this.write(text);
      return;
    }
    const target = toStr(this.eval(r.target), this.conv);
    if (r.kind === '|') {
      const o = this.outputs.get(`|${target}`) ?? { kind: 'pipe' as const, buffer: '' };
      this.outputs.set(`|${target}`, o);
      o.buffer = this.bounded(o.buffer + text);
      return;
    }
    if (target === '/dev/stdout' || target === '-') {
      this.write(text);
      return;
    }
    if (target === '/dev/stderr') {
      for (const line of text.replace(/\n$/, '').split('\n')) this.host.err(line);
      return;
    }
    let o = this.outputs.get(`>${target}`);
    if (!o) {
      const opened = this.host.openOutput(target, r.kind === '>>');
      if (!opened.ok) throw new AwkFatalError(`cannot open "${target}" for output (${opened.error})`);
      o = { kind: 'file', buffer: '' };
      this.outputs.set(`>${target}`, o);
    }
    this.outChars += text.length;
    if (this.outChars > MAX_AWK_CHARS) throw new AwkBudgetError('chars');
    this.host.appendOutput(target, text);
  }

  private closeOutput(key: string): number {
    const o = this.outputs.get(key);
    if (!o) return -1;
    this.outputs.delete(key);
    if (o.kind === 'pipe') {
      const result = this.host.run(key.slice(1), o.buffer);
      this.write(result.stdout);
      if (result.stderr) for (const line of result.stderr.replace(/\n$/, '').split('\n')) this.host.err(line);
      return result.status;
    }
    return 0;
  }

  /** Flushes every pipe at the end, as mawk closes them when it exits. */
  closeAll(): void {
    for (const key of [...this.outputs.keys()]) this.closeOutput(key);
  }

  // ---- evaluation -----------------------------------------------------------

  private assignTo(target: Expr, v: Value): Value {
    if (target.t === 'var') this.assignVariable(target.name, v);
    else if (target.t === 'field') this.setField(toInt(toNumber(this.eval(target.index))), v);
    else if (target.t === 'index') this.arrayOf(target.name).set(this.subscript(target.subs), v);
    else if (target.t === 'group') return this.assignTo(target.expr, v);
    return v;
  }

  private lvalueValue(target: Expr): Value {
    if (target.t === 'var') return this.get(target.name);
    if (target.t === 'field') return this.getField(toInt(toNumber(this.eval(target.index))));
    if (target.t === 'index') {
      const a = this.arrayOf(target.name);
      const key = this.subscript(target.subs);
      if (!a.has(key)) a.set(key, undefined);
      return a.get(key);
    }
    return this.eval(target);
  }

  private arith(op: string, x: number, y: number): number {
    switch (op) {
      case '+':
        return x + y;
      case '-':
        return x - y;
      case '*':
        return x * y;
      case '/':
        return x / y;
      case '%':
        return x % y;
      case '^':
        return x ** y;
      default:
        return Number.NaN;
    }
  }

  eval(e: Expr): Value {
    this.tick();
    switch (e.t) {
      case 'num':
        return e.v;
      case 'str':
        return e.v;
      case 'regex':
        return this.regex(e.src).test(this.record) ? 1 : 0;
      case 'group':
        return this.eval(e.expr);
      case 'var':
        return this.get(e.name);
      case 'field':
        return this.getField(toInt(toNumber(this.eval(e.index))));
      case 'index': {
        const a = this.arrayOf(e.name);
        const key = this.subscript(e.subs);
        if (!a.has(key)) a.set(key, undefined);
        return a.get(key);
      }
      case 'assign': {
        if (e.op === '=') return this.assignTo(e.target, copyValue(this.eval(e.value)));
        const right = toNumber(this.eval(e.value));
        const left = toNumber(this.lvalueValue(e.target));
        return this.assignTo(e.target, this.arith(e.op.slice(0, -1), left, right));
      }
      case 'cond':
        return truthy(this.eval(e.test)) ? this.eval(e.yes) : this.eval(e.no);
      case 'or':
        return truthy(this.eval(e.left)) || truthy(this.eval(e.right)) ? 1 : 0;
      case 'and':
        return truthy(this.eval(e.left)) && truthy(this.eval(e.right)) ? 1 : 0;
      case 'in': {
        const key = this.subscript(e.subs);
        return this.arrayOf(e.name).has(key) ? 1 : 0;
      }
      case 'match': {
        const text = toStr(this.eval(e.left), this.conv);
        const hit = this.regexOperand(e.right).test(text);
        return hit !== e.negate ? 1 : 0;
      }
      case 'cmp': {
        const d = compareValues(this.eval(e.left), this.eval(e.right), this.conv);
        const r = e.op === '<' ? d < 0 : e.op === '<=' ? d <= 0 : e.op === '>' ? d > 0 : e.op === '>=' ? d >= 0 : e.op === '==' ? d === 0 : d !== 0;
        return r ? 1 : 0;
      }
      case 'concat':
        return this.bounded(toStr(this.eval(e.left), this.conv) + toStr(this.eval(e.right), this.conv));
      case 'binary':
        return this.arith(e.op, toNumber(this.eval(e.left)), toNumber(this.eval(e.right)));
      case 'unary': {
        const v = this.eval(e.arg);
        if (e.op === '!') return truthy(v) ? 0 : 1;
        const n = toNumber(v);
        return e.op === '-' ? -n : n;
      }
      case 'incdec': {
        const old = toNumber(this.lvalueValue(e.target));
        const updated = e.op === '++' ? old + 1 : old - 1;
        this.assignTo(e.target, updated);
        return e.prefix ? updated : old;
      }
      case 'call':
        return this.call(e.name, e.args);
      case 'builtin':
        return this.builtin(e.name, e.args);
      case 'getline':
        return this.getline(e);
    }
  }

  private getline(e: Expr & { t: 'getline' }): Value {
    if (e.command) {
      const command = toStr(this.eval(e.command), this.conv);
      let source = this.commandSources.get(command);
      if (!source) {
        const result = this.host.run(command, null);
        if (result.stderr) for (const line of result.stderr.replace(/\n$/, '').split('\n')) this.host.err(line);
        source = new RecordSource(result.stdout);
        this.commandSources.set(command, source);
      }
      return this.readInto(source, e.target, true);
    }
    if (e.file) {
      const name = toStr(this.eval(e.file), this.conv);
      let source = this.fileSources.get(name);
      if (!source) {
        const read = name === '-' || name === '/dev/stdin' ? { ok: true as const, text: this.host.stdin() } : this.host.readFile(name);
        if (!read.ok) return -1;
        source = new RecordSource(read.text);
        this.fileSources.set(name, source);
      }
      return this.readInto(source, e.target, false);
    }
    return this.nextMainRecord(e.target) ? 1 : 0;
  }

  private readInto(source: RecordSource, target: Expr | null, countNR: boolean): number {
    const rec = this.readRecord(source);
    if (rec === null) return 0;
    if (countNR) this.globals.set('NR', { kind: 'scalar', v: toNumber(this.get('NR')) + 1 });
    if (target) this.assignTo(target, fromInput(rec));
    else {
      this.setRecord(rec);
      if (!countNR) return 1;
    }
    return 1;
  }

  private call(name: string, args: Expr[]): Value {
    const fn: AwkFunction | undefined = this.program.functions.get(name);
    if (!fn) throw new AwkRuntimeError(`function ${name} never defined`);
    if (args.length > fn.params.length) throw new AwkRuntimeError(`too many arguments in call to ${name}`);
    if (this.frames.length >= MAX_CALL_DEPTH) throw new AwkBudgetError('depth');
    const locals = new Map<string, Cell>();
    fn.params.forEach((p, i) => {
      const arg = args[i];
      if (!arg) {
        locals.set(p, { kind: 'unset' });
        return;
      }
      // An array is passed by reference; an unset name becomes the caller's array if the callee makes it one.
      if (arg.t === 'var' && arg.name !== 'NF') {
        const cell = this.cellOf(arg.name);
        if (cell.kind === 'array') {
          locals.set(p, cell);
          return;
        }
        if (cell.kind === 'unset') {
          locals.set(p, { kind: 'unset', ref: cell });
          return;
        }
      }
      locals.set(p, { kind: 'scalar', v: copyValue(this.eval(arg)) });
    });
    const frame: Frame = { locals, returnValue: undefined };
    this.frames.push(frame);
    try {
      this.execBlock(fn.body);
    } finally {
      this.frames.pop();
    }
    return frame.returnValue;
  }

  private str(e: Expr | undefined): string {
    return e ? toStr(this.eval(e), this.conv) : '';
  }

  private builtin(name: string, args: Expr[]): Value {
    const wrongCount = (min: number, max: number) => {
      if (args.length < min || args.length > max) throw new AwkRuntimeError(`wrong number of arguments in call to ${name}`);
    };
    switch (name) {
      case 'length':
        wrongCount(0, 1);
        return [...(args[0] ? this.str(args[0]) : this.record)].length;
      case 'substr': {
        wrongCount(2, 3);
        // mawk's bi_substr: start and length truncated to ints; what lies before 1 is lost.
        const chars = [...this.str(args[0])];
        let from = toInt(toNumber(this.eval(args[1]!))) - 1;
        let count = args[2] ? toInt(toNumber(this.eval(args[2]))) : MAX_INT_COUNT;
        if (chars.length === 0) return '';
        if (from < 0) {
          count += from;
          from = 0;
        }
        if (count > chars.length - from) count = chars.length - from;
        return count <= 0 ? '' : chars.slice(from, from + count).join('');
      }
      case 'index': {
        wrongCount(2, 2);
        const s = this.str(args[0]);
        const t = this.str(args[1]);
        const at = s.indexOf(t);
        return at < 0 ? 0 : [...s.slice(0, at)].length + 1;
      }
      case 'split': {
        wrongCount(2, 3);
        const s = this.str(args[0]);
        const target = args[1]!;
        if (target.t !== 'var') throw new AwkRuntimeError('type error in arg(2) in call to split');
        const sep: string | PosixRegex = args[2] ? (args[2].t === 'regex' ? this.regex(args[2].src) : this.str(args[2])) : toStr(this.scalarRaw('FS'), this.conv);
        const parts = this.splitBy(s, sep, false);
        const a = this.arrayOf(target.name);
        a.clear();
        parts.forEach((p, i) => a.set(String(i + 1), fromInput(p)));
        return parts.length;
      }
      case 'sub':
      case 'gsub': {
        wrongCount(2, 3);
        const re = this.regexOperand(args[0]!);
        const repl = this.str(args[1]);
        const target = args[2] ?? ({ t: 'field', index: { t: 'num', v: 0 } } as Expr);
        const text = toStr(this.lvalueValue(target), this.conv);
        const { result, count } = substitute(text, re, repl, name === 'gsub', () => this.tick());
        if (count > 0) this.assignTo(target, this.bounded(result));
        return count;
      }
      case 'match': {
        wrongCount(2, 2);
        const s = this.str(args[0]);
        const m = this.regexOperand(args[1]!).exec(s);
        const start = m ? [...s.slice(0, m.start)].length + 1 : 0;
        const length = m ? [...s.slice(m.start, m.end)].length : -1;
        this.globals.set('RSTART', { kind: 'scalar', v: start });
        this.globals.set('RLENGTH', { kind: 'scalar', v: length });
        return start;
      }
      case 'sprintf': {
        if (args.length === 0) throw new AwkRuntimeError('wrong number of arguments in call to sprintf');
        return this.bounded(this.format(args, 'sprintf'));
      }
      case 'sin':
      case 'cos':
      case 'exp':
      case 'log':
      case 'sqrt':
      case 'int': {
        wrongCount(1, 1);
        const x = toNumber(this.eval(args[0]!));
        return name === 'int' ? Math.trunc(x) : name === 'sin' ? Math.sin(x) : name === 'cos' ? Math.cos(x) : name === 'exp' ? Math.exp(x) : name === 'log' ? Math.log(x) : Math.sqrt(x);
      }
      case 'atan2':
        wrongCount(2, 2);
        return Math.atan2(toNumber(this.eval(args[0]!)), toNumber(this.eval(args[1]!)));
      case 'rand': {
        wrongCount(0, 0);
        // xorshift32 from the seed: repeatable for the same world.
        let x = this.randState;
        x ^= x << 13;
        x ^= x >>> 17;
        x ^= x << 5;
        this.randState = x >>> 0 || 1;
        return this.randState / 4294967296;
      }
      case 'srand': {
        wrongCount(0, 1);
        const previous = this.lastSeed;
        const seed = args[0] ? toNumber(this.eval(args[0])) : this.host.seed + this.steps;
        this.lastSeed = seed;
        this.randState = (Math.trunc(seed) ^ 0x9e3779b9) >>> 0 || 1;
        return previous;
      }
      case 'tolower':
      case 'toupper': {
        wrongCount(1, 1);
        const s = this.str(args[0]);
        // mawk 1.3.3 maps bytes with the C library: only ASCII letters change.
        return name === 'tolower' ? s.replace(/[A-Z]+/g, (m) => m.toLowerCase()) : s.replace(/[a-z]+/g, (m) => m.toUpperCase());
      }
      case 'system': {
        wrongCount(1, 1);
        const result = this.host.run(this.str(args[0]), null);
        this.write(result.stdout);
        if (result.stderr) for (const line of result.stderr.replace(/\n$/, '').split('\n')) this.host.err(line);
        return result.status;
      }
      case 'close': {
        wrongCount(1, 1);
        const key = this.str(args[0]);
        this.fileSources.delete(key);
        const hadCommand = this.commandSources.delete(key);
        if (this.outputs.has(`|${key}`)) return this.closeOutput(`|${key}`);
        if (this.outputs.has(`>${key}`)) return this.closeOutput(`>${key}`);
        return hadCommand ? 0 : -1;
      }
      case 'fflush':
        return 0;
      default:
        throw new AwkRuntimeError(`function ${name} never defined`);
    }
  }

  private format(args: Expr[], what: 'printf' | 'sprintf'): string {
    const values = args.map((a) => this.eval(a));
    const fmt = toStr(values[0], this.conv);
    const { text, missing } = sprintf(fmt, values.slice(1), (v) => toNumber(v), (v) => toStr(v, this.conv));
    if (missing) throw new AwkRuntimeError(`not enough arguments passed to ${what}("${fmt}")`);
    return text;
  }

  // ---- statements -----------------------------------------------------------

  private execBlock(body: Stmt[]): Signal {
    for (const s of body) {
      const signal = this.exec(s);
      if (signal !== 'normal') return signal;
    }
    return 'normal';
  }

  private exec(s: Stmt): Signal {
    this.tick();
    switch (s.t) {
      case 'expr':
        this.eval(s.expr);
        return 'normal';
      case 'getlineStmt':
        this.eval(s.expr);
        return 'normal';
      case 'print': {
        const ofs = toStr(this.scalarRaw('OFS'), this.conv);
        const ors = toStr(this.scalarRaw('ORS'), this.conv);
        const ofmt = toStr(this.scalarRaw('OFMT'), this.conv);
        const text = s.args.length === 0 ? this.record : s.args.map((a) => {
          const v = this.eval(a);
          return typeof v === 'number' ? numberToString(v, ofmt) : toStr(v, this.conv);
        }).join(ofs);
        this.output(this.bounded(text + ors), s);
        return 'normal';
      }
      case 'printf':
        this.output(this.format(s.args, 'printf'), s);
        return 'normal';
      case 'if':
        return truthy(this.eval(s.test)) ? this.exec(s.yes) : s.no ? this.exec(s.no) : 'normal';
      case 'while':
        while (truthy(this.eval(s.test))) {
          const signal = this.exec(s.body);
          if (signal === 'break') break;
          if (signal !== 'normal' && signal !== 'continue') return signal;
        }
        return 'normal';
      case 'do':
        do {
          const signal = this.exec(s.body);
          if (signal === 'break') break;
          if (signal !== 'normal' && signal !== 'continue') return signal;
        } while (truthy(this.eval(s.test)));
        return 'normal';
      case 'for':
        if (s.init) this.eval(s.init);
        while (!s.test || truthy(this.eval(s.test))) {
          const signal = this.exec(s.body);
          if (signal === 'break') break;
          if (signal !== 'normal' && signal !== 'continue') return signal;
          if (s.step) this.eval(s.step);
        }
        return 'normal';
      case 'forIn': {
        const keys = [...this.arrayOf(s.name).keys()];
        for (const key of keys) {
          this.assignTo(s.key, fromInput(key));
          const signal = this.exec(s.body);
          if (signal === 'break') break;
          if (signal !== 'normal' && signal !== 'continue') return signal;
        }
        return 'normal';
      }
      case 'block':
        return this.execBlock(s.body);
      case 'next':
        if (this.inEnd) throw new AwkRuntimeError('improper use of next');
        return 'next';
      case 'nextfile':
        this.main.source = null;
        return 'next';
      case 'exit':
        if (s.code) this.exitCode = toInt(toNumber(this.eval(s.code)));
        throw new ExitSignal(this.exitCode);
      case 'return': {
        const frame = this.frames[this.frames.length - 1]!;
        frame.returnValue = s.value ? copyValue(this.eval(s.value)) : undefined;
        return 'return';
      }
      case 'break':
        return 'break';
      case 'continue':
        return 'continue';
      case 'delete':
        if (s.subs) this.arrayOf(s.name).delete(this.subscript(s.subs));
        else this.arrayOf(s.name).clear();
        return 'normal';
    }
  }

  private ruleMatches(index: number): boolean {
    const rule = this.program.rules[index]!;
    if (rule.kind === 'always') return true;
    if (rule.kind === 'pattern') return truthy(this.eval(rule.pattern!));
    // A range: on from a line matching the first pattern through one matching the second.
    if (!this.rangeActive[index]) {
      if (!truthy(this.eval(rule.pattern!))) return false;
      this.rangeActive[index] = !truthy(this.eval(rule.pattern2!));
      return true;
    }
    if (truthy(this.eval(rule.pattern2!))) this.rangeActive[index] = false;
    return true;
  }

  /** Runs BEGIN, every record through the rules, then END. Returns the exit status. */
  run(): number {
    const rules = this.program.rules;
    const begins = rules.filter((r) => r.kind === 'begin');
    const ends = rules.filter((r) => r.kind === 'end');
    const mains = rules.map((r, i) => ({ r, i })).filter(({ r }) => r.kind !== 'begin' && r.kind !== 'end');
    try {
      for (const rule of begins) this.execBlock(rule.action!);
      if (mains.length > 0 || ends.length > 0) {
        records: while (this.nextMainRecord()) {
          for (const { r, i } of mains) {
            if (!this.ruleMatches(i)) continue;
            if (r.action === null) {
              this.write(this.record + toStr(this.scalarRaw('ORS'), this.conv));
              continue;
            }
            const signal = this.execBlock(r.action);
            if (signal === 'next') continue records;
          }
        }
      }
    } catch (error) {
      if (!(error instanceof ExitSignal)) throw error;
    }
    try {
      this.inEnd = true;
      for (const rule of ends) this.execBlock(rule.action!);
    } catch (error) {
      if (!(error instanceof ExitSignal)) throw error;
    }
    return this.exitCode;
  }

  /** Where a run time error happened, as mawk adds it. */
  where(): string {
    return `\tFILENAME="${toStr(this.scalarRaw('FILENAME'), this.conv)}" FNR=${toInt(toNumber(this.scalarRaw('FNR')))} NR=${toInt(toNumber(this.scalarRaw('NR')))}`;
  }
}

/** A value copied for assignment: strnums stay strnums, as in mawk. */
function copyValue(v: Value): Value {
  return v instanceof StrNum ? new StrNum(v.s, v.n) : v;
}

/** `-v` and command-line assignments take C escapes in the value. */
function unescapeAssignment(v: string): string {
  return v.replace(/\\(["\\/abfnrtv]|[0-7]{1,3})/g, (_m, c: string) => {
    const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' };
    return Object.hasOwn(simple, c) ? simple[c]! : String.fromCharCode(parseInt(c, 8) & 0xff);
  });
}

/** sub and gsub: `&` is the match, `\&` a literal ampersand, `\\` a backslash. */
export function substitute(text: string, re: PosixRegex, repl: string, global: boolean, tick: () => void): { result: string; count: number } {
  const expand = (matched: string) => {
    let out = '';
    for (let i = 0; i < repl.length; i += 1) {
      const c = repl[i]!;
      if (c === '\\' && (repl[i + 1] === '&' || repl[i + 1] === '\\')) {
        out += repl[i + 1];
        i += 1;
      } else if (c === '&') out += matched;
      else out += c;
    }
    return out;
  };
  let result = '';
  let count = 0;
  let pos = 0;
  let lastEnd = -1;
  while (pos <= text.length) {
    tick();
    const m = re.exec(text, pos);
    if (!m) break;
    if (m.start === m.end && m.start === lastEnd) {
      // An empty match right after the last one is not a new match.
      if (m.start >= text.length) break;
      result += text.slice(pos, m.start + 1);
      pos = m.start + 1;
      continue;
    }
    result += text.slice(pos, m.start) + expand(text.slice(m.start, m.end));
    count += 1;
    lastEnd = m.end;
    if (m.end === m.start) {
      if (m.start < text.length) result += text[m.start];
      pos = m.start + 1;
    } else pos = m.end;
    if (!global) break;
  }
  if (pos <= text.length) result += text.slice(pos);
  return { result, count };
}
