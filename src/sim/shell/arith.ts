/**
 * bash 4.4's arithmetic (`$(( ))`, `(( ))`, `let`), after expr.c: 64-bit signed integers that
 * wrap, bash's precedence table, C's truncating `/` and `%`, `**`, octal `010`, hex `0x1f` and
 * `base#n` constants, variables by name (their values are themselves evaluated), assignments,
 * `++`/`--`, `&&`/`||`/`?:` that skip evaluating the branch not taken. Errors carry bash's text:
 * `EXPR: MESSAGE (error token is "REST")`, REST from the last token read to the end.
 */

export interface ArithVars {
  get(name: string): string | undefined;
  set(name: string, value: string): void;
}

export type ArithResult = { ok: true; value: bigint } | { ok: false; error: string };

class ArithError extends Error {}

const wrap = (v: bigint) => BigInt.asIntN(64, v);

const OPS = ['<<=', '>>=', '**', '++', '--', '<<', '>>', '<=', '>=', '==', '!=', '&&', '||', '*=', '/=', '%=', '+=', '-=', '&=', '^=', '|=', '+', '-', '*', '/', '%', '<', '>', '&', '^', '|', '!', '~', '?', ':', '=', '(', ')', ','];

interface Token {
  kind: 'num' | 'name' | 'op' | 'eof';
  text: string;
  /** Where the token starts in the expression. */
  at: number;
}

class Evaluator {
  private pos = 0;
  private tok: Token = { kind: 'eof', text: '', at: 0 };
  /** The start of the last token read that was not the end (bash's `lasttp`). */
  private lastAt = 0;
  private noeval = 0;

  constructor(private readonly expr: string, private readonly vars: ArithVars, private readonly depth: number) {}

  fail(message: string): never {
    const shown = this.expr.replace(/^[ \t\n]+/, '');
    throw new ArithError(`${shown}: ${message} (error token is "${this.expr.slice(this.lastAt)}")`);
  }

  private next(): void {
    let i = this.pos;
    while (i < this.expr.length && /[ \t\n\r]/.test(this.expr[i]!)) i += 1;
    if (i >= this.expr.length) {
      this.pos = i;
      this.tok = { kind: 'eof', text: '', at: i };
      return;
    }
    this.lastAt = i;
    const rest = this.expr.slice(i);
    const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(rest);
    const num = /^[0-9][A-Za-z0-9_@#]*/.exec(rest);
    if (name) this.tok = { kind: 'name', text: name[0], at: i };
    else if (num) this.tok = { kind: 'num', text: num[0], at: i };
    else {
      const op = OPS.find((o) => rest.startsWith(o));
      if (!op) {
        this.pos = i + 1;
        this.fail('syntax error: invalid arithmetic operator');
      }
      this.tok = { kind: 'op', text: op, at: i };
    }
    this.pos = i + this.tok.text.length;
  }

  private kindIs(kind: Token['kind']): boolean {
    return this.tok.kind === kind;
  }

  private is(op: string): boolean {
    return this.tok.kind === 'op' && this.tok.text === op;
  }

  run(): bigint {
    this.next();
    if (this.kindIs('eof')) return 0n;
    const value = this.comma();
    if (!this.kindIs('eof')) this.fail('syntax error in expression');
    return value;
  }

  private comma(): bigint {
    let value = this.assignment();
    while (this.is(',')) {
      this.next();
      value = this.assignment();
    }
    return value;
  }

  private assignment(): bigint {
    if (this.kindIs('name')) {
      const save = { pos: this.pos, tok: this.tok, lastAt: this.lastAt };
      const name = this.tok.text;
      this.next();
      const op = this.kindIs('op') && /^(?:[*/%+\-&^|]|<<|>>)?=$/.test(this.tok.text) ? this.tok.text : null;
      if (op) {
        this.next();
        const right = this.assignment();
        const value = op === '=' ? right : this.binary(op.slice(0, -1), this.variable(name), right);
        if (this.noeval === 0) this.vars.set(name, String(value));
        return value;
      }
      Object.assign(this, save);
    }
    const value = this.conditional();
    if (this.kindIs('op') && /^(?:[*/%+\-&^|]|<<|>>)?=$/.test(this.tok.text)) this.fail('attempted assignment to non-variable');
    return value;
  }

  private conditional(): bigint {
    const test = this.logicalOr();
    if (!this.is('?')) return test;
    this.next();
    if (this.kindIs('eof') || this.is(':')) this.fail('expression expected');
    if (test === 0n) this.noeval += 1;
    const yes = this.comma();
    if (test === 0n) this.noeval -= 1;
    if (!this.is(':')) this.fail("`:' expected for conditional expression");
    this.next();
    if (this.kindIs('eof')) this.fail('expression expected');
    if (test !== 0n) this.noeval += 1;
    const no = this.conditional();
    if (test !== 0n) this.noeval -= 1;
    return test !== 0n ? yes : no;
  }

  private logicalOr(): bigint {
    let value = this.logicalAnd();
    while (this.is('||')) {
      this.next();
      if (value !== 0n) this.noeval += 1;
      const right = this.logicalAnd();
      if (value !== 0n) this.noeval -= 1;
      value = value !== 0n || right !== 0n ? 1n : 0n;
    }
    return value;
  }

  private logicalAnd(): bigint {
    let value = this.level(0);
    while (this.is('&&')) {
      this.next();
      if (value === 0n) this.noeval += 1;
      const right = this.level(0);
      if (value === 0n) this.noeval -= 1;
      value = value !== 0n && right !== 0n ? 1n : 0n;
    }
    return value;
  }

  /** The binary operators from `|` down to `* / %`, loosest first. */
  private static readonly LEVELS: readonly (readonly string[])[] = [['|'], ['^'], ['&'], ['==', '!='], ['<=', '>=', '<', '>'], ['<<', '>>'], ['+', '-'], ['*', '/', '%']];

  private level(n: number): bigint {
    if (n >= Evaluator.LEVELS.length) return this.power();
    let value = this.level(n + 1);
    while (this.kindIs('op') && Evaluator.LEVELS[n]!.includes(this.tok.text)) {
      const op = this.tok.text;
      this.next();
      const right = this.level(n + 1);
      value = this.binary(op, value, right);
    }
    return value;
  }

  private binary(op: string, a: bigint, b: bigint): bigint {
    if (this.noeval > 0 && (op === '/' || op === '%')) return 0n;
    switch (op) {
      case '|': return a | b;
      case '^': return a ^ b;
      case '&': return a & b;
      case '==': return a === b ? 1n : 0n;
      case '!=': return a !== b ? 1n : 0n;
      case '<=': return a <= b ? 1n : 0n;
      case '>=': return a >= b ? 1n : 0n;
      case '<': return a < b ? 1n : 0n;
      case '>': return a > b ? 1n : 0n;
      case '<<': return wrap(a << (b & 63n));
      case '>>': return a >> (b & 63n);
      case '+': return wrap(a + b);
      case '-': return wrap(a - b);
      case '*': return wrap(a * b);
      case '/':
      case '%':
        if (b === 0n) this.fail('division by 0');
        // bash 4.4 has INTMAX_MIN / -1 give INTMAX_MIN (and % give 0) rather than trap.
        if (b === -1n) return op === '/' ? wrap(-a) : 0n;
        return op === '/' ? a / b : a % b;
      default: return 0n;
    }
  }

  private power(): bigint {
    const base = this.unary();
    if (!this.is('**')) return base;
    this.next();
    const exponent = this.power();
    if (exponent < 0n) this.fail('exponent less than 0');
    if (this.noeval > 0) return 0n;
    let result = 1n;
    let b = base;
    let e = exponent;
    while (e > 0n) {
      if (e & 1n) result = wrap(result * b);
      b = wrap(b * b);
      e >>= 1n;
    }
    return result;
  }

  private unary(): bigint {
    if (this.kindIs('op')) {
      const op = this.tok.text;
      if (op === '!' || op === '~' || op === '-' || op === '+') {
        this.next();
        const v = this.unary();
        return op === '!' ? (v === 0n ? 1n : 0n) : op === '~' ? ~v : op === '-' ? wrap(-v) : v;
      }
      if (op === '++' || op === '--') {
        this.next();
        if (!this.kindIs('name')) this.fail('syntax error: operand expected');
        const name = this.tok.text;
        this.next();
        const value = wrap(this.variable(name) + (op === '++' ? 1n : -1n));
        if (this.noeval === 0) this.vars.set(name, String(value));
        return value;
      }
    }
    return this.primary();
  }

  private primary(): bigint {
    const tok = this.tok;
    if (tok.kind === 'op' && tok.text === '(') {
      this.next();
      const value = this.comma();
      if (!this.is(')')) this.fail("missing `)'");
      this.next();
      return value;
    }
    if (tok.kind === 'num') {
      this.next();
      return this.constant(tok.text);
    }
    if (tok.kind === 'name') {
      this.next();
      const value = this.variable(tok.text);
      if (this.is('++') || this.is('--')) {
        const op = this.tok.text;
        this.next();
        if (this.noeval === 0) this.vars.set(tok.text, String(wrap(value + (op === '++' ? 1n : -1n))));
      }
      return value;
    }
    this.fail('syntax error: operand expected');
  }

  /** A constant: decimal, `0` octal, `0x` hex, or `base#digits` (bases 2 to 64). */
  private constant(text: string): bigint {
    let base = 10;
    let digits = text;
    const hash = /^(\d+)#(.*)$/.exec(text);
    if (hash) {
      base = Number(hash[1]);
      digits = hash[2]!;
      if (base < 2 || base > 64) this.fail('invalid arithmetic base');
      if (digits === '') this.fail('invalid integer constant');
    } else if (/^0[xX]/.test(text)) {
      base = 16;
      digits = text.slice(2);
    } else if (text.startsWith('0') && text.length > 1) {
      base = 8;
      digits = text.slice(1);
    }
    let value = 0n;
    for (const ch of digits) {
      let d: number;
      if (ch >= '0' && ch <= '9') d = ch.charCodeAt(0) - 48;
      else if (ch >= 'a' && ch <= 'z') d = ch.charCodeAt(0) - 97 + 10;
      else if (ch >= 'A' && ch <= 'Z') d = ch.charCodeAt(0) - 65 + (base <= 36 ? 10 : 36);
      else if (ch === '@') d = 62;
      else if (ch === '_') d = 63;
      else this.fail('invalid number');
      if (d >= base) this.fail('value too great for base');
      value = wrap(value * BigInt(base) + BigInt(d));
    }
    return value;
  }

  /** A variable's value: unset or empty is 0; otherwise its text, itself an expression. */
  private variable(name: string): bigint {
    const text = this.vars.get(name);
    if (text === undefined || text.trim() === '') return 0n;
    if (/^-?\d+$/.test(text.trim()) && !/^-?0\d/.test(text.trim())) return wrap(BigInt(text.trim()));
    if (this.depth > 1024) this.fail('expression recursion level exceeded');
    return new Evaluator(text, this.vars, this.depth + 1).run();
  }
}

/** Evaluates an arithmetic expression whose `$` expansions have already been made. */
export function evaluateArithmetic(expr: string, vars: ArithVars): ArithResult {
  try {
    return { ok: true, value: new Evaluator(expr, vars, 0).run() };
  } catch (e) {
    if (e instanceof ArithError) return { ok: false, error: e.message };
    throw e;
  }
}
