/**
 * An awk program parsed by recursive descent with POSIX awk's precedence (assignment, ?:, ||,
 * &&, in, ~ !~, comparisons, concatenation, + -, * / %, unary ! + -, ^, ++ --, $), print's `>`
 * read as redirection, getline in its three forms. Syntax errors come in mawk 1.3.3's words:
 * `syntax error at or near X`, `missing ) near end of line`, `missing } near end of file`.
 */
import type { AwkFunction, AwkProgram, Expr, Redirect, Rule, Stmt } from './ast';
import { tokenize, type Token } from './lexer';

/** A compile-time error, as mawk prints it after `mawk: line N: `. */
export class AwkSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
    /** mawk's scanner errors print `mawk: N: …` without the word "line". */
    readonly bare = false,
  ) {
    super(message);
  }
}

const ASSIGN_OPS = new Set(['=', '+=', '-=', '*=', '/=', '%=', '^=']);

/** What mawk's yyerror calls a token. */
function describe(t: Token): string {
  if (t.kind === 'eof') return 'end of file';
  if (t.kind === 'newline') return 'end of line';
  if (t.kind === 'regex') return `/${t.text}/`;
  return t.text;
}

class Parser {
  private i = 0;
  private inFunction = false;
  private loopDepth = 0;

  constructor(private readonly tokens: Token[]) {}

  private peek(offset = 0): Token {
    return this.tokens[Math.min(this.i + offset, this.tokens.length - 1)]!;
  }

  private next(): Token {
    const t = this.peek();
    if (this.i < this.tokens.length - 1) this.i += 1;
    return t;
  }

  private isOp(text: string, offset = 0): boolean {
    const t = this.peek(offset);
    return t.kind === 'op' && t.text === text;
  }

  private isKeyword(text: string, offset = 0): boolean {
    const t = this.peek(offset);
    return t.kind === 'keyword' && t.text === text;
  }

  /** mawk's yyerror for the current token. */
  error(token: Token = this.peek()): AwkSyntaxError {
    const s = describe(token);
    const isTerminator = token.kind === 'eof' || token.kind === 'newline' || (token.kind === 'op' && (token.text === ';' || token.text === '}'));
    if (token.parens > 0 && isTerminator) return new AwkSyntaxError(`missing ) near ${s}`, token.line);
    if (token.braces > 0 && (token.kind === 'eof' || (token.kind === 'keyword' && (token.text === 'BEGIN' || token.text === 'END')))) return new AwkSyntaxError(`missing } near ${s}`, token.line);
    return new AwkSyntaxError(`syntax error at or near ${s}`, token.line);
  }

  private expectOp(text: string): Token {
    if (!this.isOp(text)) throw this.error();
    return this.next();
  }

  private skipNewlines(): void {
    while (this.peek().kind === 'newline') this.next();
  }

  private skipTerminators(): void {
    while (this.peek().kind === 'newline' || this.isOp(';')) this.next();
  }

  parseProgram(): AwkProgram {
    const rules: Rule[] = [];
    const functions = new Map<string, AwkFunction>();
    this.skipTerminators();
    while (this.peek().kind !== 'eof') {
      if (this.isKeyword('function')) {
        const fn = this.parseFunction();
        if (functions.has(fn.name)) throw new AwkSyntaxError(`redefinition of ${fn.name}`, this.peek().line);
        functions.set(fn.name, fn);
      } else if (this.isKeyword('BEGIN') || this.isKeyword('END')) {
        const kind = this.next().text === 'BEGIN' ? 'begin' : 'end';
        this.skipNewlines();
        if (!this.isOp('{')) throw this.error();
        rules.push({ kind, pattern: null, pattern2: null, action: this.parseBlock() });
      } else if (this.isOp('{')) {
        rules.push({ kind: 'always', pattern: null, pattern2: null, action: this.parseBlock() });
      } else {
        const pattern = this.parseExpr();
        let pattern2: Expr | null = null;
        if (this.isOp(',')) {
          this.next();
          this.skipNewlines();
          pattern2 = this.parseExpr();
        }
        let action: Stmt[] | null = null;
        if (this.isOp('{')) action = this.parseBlock();
        else if (!(this.peek().kind === 'newline' || this.isOp(';') || this.peek().kind === 'eof')) throw this.error();
        rules.push({ kind: pattern2 ? 'range' : 'pattern', pattern, pattern2, action });
      }
      this.skipTerminators();
    }
    return { rules, functions };
  }

  private parseFunction(): AwkFunction {
    this.next();
    const nameToken = this.next();
    if (nameToken.kind !== 'funcName' && nameToken.kind !== 'name') throw this.error(nameToken);
    this.expectOp('(');
    const params: string[] = [];
    while (!this.isOp(')')) {
      const p = this.next();
      if (p.kind !== 'name') throw this.error(p);
      if (params.includes(p.text)) throw new AwkSyntaxError(`${p.text} is duplicated in argument list`, p.line);
      params.push(p.text);
      this.skipNewlines();
      if (this.isOp(',')) {
        this.next();
        this.skipNewlines();
      } else if (!this.isOp(')')) throw this.error();
    }
    this.next();
    this.skipNewlines();
    if (!this.isOp('{')) throw this.error();
    this.inFunction = true;
    const body = this.parseBlock();
    this.inFunction = false;
    return { name: nameToken.text, params, body };
  }

  private parseBlock(): Stmt[] {
    this.expectOp('{');
    const body: Stmt[] = [];
    this.skipTerminators();
    while (!this.isOp('}')) {
      if (this.peek().kind === 'eof') throw this.error();
      body.push(this.parseStatement());
      this.skipTerminators();
    }
    this.next();
    return body;
  }

  /** Ends a simple statement: `;`, a newline, or (left in place) `}` or the end. */
  private endSimple(): void {
    const t = this.peek();
    if (t.kind === 'newline' || (t.kind === 'op' && t.text === ';')) {
      this.next();
      return;
    }
    if ((t.kind === 'op' && t.text === '}') || t.kind === 'eof') return;
    throw this.error(t);
  }

  private parseSimpleOrBlock(): Stmt {
    this.skipNewlines();
    if (this.isOp(';')) {
      this.next();
      return { t: 'block', body: [] };
    }
    return this.parseStatement();
  }

  private parseStatement(): Stmt {
    const t = this.peek();
    if (t.kind === 'op' && t.text === '{') return { t: 'block', body: this.parseBlock() };
    if (t.kind === 'op' && t.text === ';') {
      this.next();
      return { t: 'block', body: [] };
    }
    if (t.kind === 'keyword') {
      switch (t.text) {
        case 'if': {
          this.next();
          this.expectOp('(');
          const test = this.parseExpr();
          this.expectOp(')');
          const yes = this.parseSimpleOrBlock();
          const save = this.i;
          this.skipTerminators();
          if (this.isKeyword('else')) {
            this.next();
            return { t: 'if', test, yes, no: this.parseSimpleOrBlock() };
          }
          this.i = save;
          return { t: 'if', test, yes, no: null };
        }
        case 'while': {
          this.next();
          this.expectOp('(');
          const test = this.parseExpr();
          this.expectOp(')');
          if (this.isOp(';')) {
            this.next();
            return { t: 'while', test, body: { t: 'block', body: [] } };
          }
          this.loopDepth += 1;
          const body = this.parseSimpleOrBlock();
          this.loopDepth -= 1;
          return { t: 'while', test, body };
        }
        case 'do': {
          this.next();
          this.loopDepth += 1;
          const body = this.parseSimpleOrBlock();
          this.loopDepth -= 1;
          this.skipTerminators();
          if (!this.isKeyword('while')) throw this.error();
          this.next();
          this.expectOp('(');
          const test = this.parseExpr();
          this.expectOp(')');
          this.endSimple();
          return { t: 'do', body, test };
        }
        case 'for': {
          this.next();
          this.expectOp('(');
          if (this.peek().kind === 'name' && this.isKeyword('in', 1) && this.peek(2).kind === 'name' && this.isOp(')', 3)) {
            const key = this.next().text;
            this.next();
            const name = this.next().text;
            this.next();
            this.loopDepth += 1;
            const body = this.parseSimpleOrBlock();
            this.loopDepth -= 1;
            return { t: 'forIn', key: { t: 'var', name: key }, name, body };
          }
          const init = this.isOp(';') ? null : this.parseSimpleExpr();
          this.expectOp(';');
          this.skipNewlines();
          const test = this.isOp(';') ? null : this.parseExpr();
          this.expectOp(';');
          this.skipNewlines();
          const step = this.isOp(')') ? null : this.parseSimpleExpr();
          this.expectOp(')');
          if (this.isOp(';')) {
            this.next();
            return { t: 'for', init, test, step, body: { t: 'block', body: [] } };
          }
          this.loopDepth += 1;
          const body = this.parseSimpleOrBlock();
          this.loopDepth -= 1;
          return { t: 'for', init, test, step, body };
        }
        case 'break':
        case 'continue': {
          this.next();
          if (this.loopDepth === 0) throw new AwkSyntaxError(`${t.text} statement outside of loop`, t.line);
          this.endSimple();
          return { t: t.text };
        }
        case 'next':
        case 'nextfile': {
          this.next();
          this.endSimple();
          return { t: t.text };
        }
        case 'exit': {
          this.next();
          const code = this.atSimpleEnd() ? null : this.parseExpr();
          this.endSimple();
          return { t: 'exit', code };
        }
        case 'return': {
          this.next();
          if (!this.inFunction) throw new AwkSyntaxError('return outside function body', t.line);
          const value = this.atSimpleEnd() ? null : this.parseExpr();
          this.endSimple();
          return { t: 'return', value };
        }
        case 'delete': {
          this.next();
          const name = this.next();
          if (name.kind !== 'name') throw this.error(name);
          let subs: Expr[] | null = null;
          if (this.isOp('[')) {
            this.next();
            subs = this.parseExprList(']');
            this.expectOp(']');
          }
          this.endSimple();
          return { t: 'delete', name: name.text, subs };
        }
        case 'print':
        case 'printf': {
          this.next();
          const { args, redirect } = this.parsePrintArgs();
          if (t.text === 'printf' && args.length === 0) throw new AwkSyntaxError('no arguments in call to printf', t.line);
          this.endSimple();
          return t.text === 'print' ? { t: 'print', args, redirect } : { t: 'printf', args, redirect };
        }
        default:
          break;
      }
    }
    const expr = this.parseSimpleExpr();
    this.endSimple();
    return { t: 'expr', expr };
  }

  private atSimpleEnd(): boolean {
    const t = this.peek();
    return t.kind === 'newline' || t.kind === 'eof' || (t.kind === 'op' && (t.text === ';' || t.text === '}'));
  }

  private parseSimpleExpr(): Expr {
    return this.parseExpr();
  }

  private parsePrintArgs(): { args: Expr[]; redirect: Redirect } {
    let args: Expr[] = [];
    if (!this.atSimpleEnd() && !this.isOp('>') && !this.isOp('>>') && !this.isOp('|')) {
      // `print (a, b) > "f"`: a parenthesised list.
      if (this.isOp('(')) {
        const save = this.i;
        this.next();
        const list = this.parseExprList(')');
        if (this.isOp(')')) {
          this.next();
          if (list.length > 1 && (this.atSimpleEnd() || this.isOp('>') || this.isOp('>>') || this.isOp('|'))) args = list;
          else this.i = save;
        } else this.i = save;
      }
      if (args.length === 0) {
        args = [this.parseExpr(true)];
        while (this.isOp(',')) {
          this.next();
          this.skipNewlines();
          args.push(this.parseExpr(true));
        }
      }
    }
    let redirect: Redirect = null;
    if (this.isOp('>') || this.isOp('>>') || this.isOp('|')) {
      const kind = this.next().text as '>' | '>>' | '|';
      redirect = { kind, target: this.parseConcat() };
    }
    return { args, redirect };
  }

  private parseExprList(close: string): Expr[] {
    const list: Expr[] = [];
    this.skipNewlines();
    if (this.isOp(close)) return list;
    list.push(this.parseExpr());
    while (this.isOp(',')) {
      this.next();
      this.skipNewlines();
      list.push(this.parseExpr());
    }
    this.skipNewlines();
    return list;
  }

  /** A whole expression; `noGt` inside print, where `>` redirects. */
  parseExpr(noGt = false): Expr {
    const left = this.parseTernary(noGt);
    const t = this.peek();
    if (t.kind === 'op' && ASSIGN_OPS.has(t.text)) {
      if (left.t !== 'var' && left.t !== 'field' && left.t !== 'index') throw this.error(t);
      this.next();
      this.skipNewlines();
      return { t: 'assign', op: t.text, target: left, value: this.parseExpr(noGt) };
    }
    return left;
  }

  private parseTernary(noGt: boolean): Expr {
    const test = this.parseOr(noGt);
    if (!this.isOp('?')) return test;
    this.next();
    this.skipNewlines();
    const yes = this.parseExpr(noGt);
    this.skipNewlines();
    this.expectOp(':');
    this.skipNewlines();
    const no = this.parseExpr(noGt);
    return { t: 'cond', test, yes, no };
  }

  private parseOr(noGt: boolean): Expr {
    let left = this.parseAnd(noGt);
    while (this.isOp('||')) {
      this.next();
      this.skipNewlines();
      left = { t: 'or', left, right: this.parseAnd(noGt) };
    }
    return left;
  }

  private parseAnd(noGt: boolean): Expr {
    let left = this.parseIn(noGt);
    while (this.isOp('&&')) {
      this.next();
      this.skipNewlines();
      left = { t: 'and', left, right: this.parseIn(noGt) };
    }
    return left;
  }

  private parseIn(noGt: boolean): Expr {
    let left = this.parseMatch(noGt);
    while (this.isKeyword('in')) {
      this.next();
      const name = this.next();
      if (name.kind !== 'name') throw this.error(name);
      left = { t: 'in', subs: [left], name: name.text };
    }
    return left;
  }

  private parseMatch(noGt: boolean): Expr {
    let left = this.parseComparison(noGt);
    while (this.isOp('~') || this.isOp('!~')) {
      const negate = this.next().text === '!~';
      left = { t: 'match', negate, left, right: this.parseComparison(noGt) };
    }
    return left;
  }

  private parseComparison(noGt: boolean): Expr {
    const left = this.parsePipeGetline(noGt);
    const t = this.peek();
    if (t.kind === 'op' && (t.text === '<' || t.text === '<=' || t.text === '==' || t.text === '!=' || t.text === '>=' || (t.text === '>' && !noGt))) {
      this.next();
      return { t: 'cmp', op: t.text, left, right: this.parsePipeGetline(noGt) };
    }
    return left;
  }

  private parsePipeGetline(_noGt: boolean): Expr {
    let left = this.parseConcat();
    while (this.isOp('|') && this.isKeyword('getline', 1)) {
      this.next();
      this.next();
      const target = this.optionalLvalue();
      left = { t: 'getline', target, file: null, command: left };
    }
    return left;
  }

  private startsOperand(): boolean {
    const t = this.peek();
    if (t.kind === 'number' || t.kind === 'string' || t.kind === 'regex' || t.kind === 'name' || t.kind === 'funcName' || t.kind === 'builtin') return true;
    if (t.kind === 'op') return t.text === '$' || t.text === '(' || t.text === '!' || t.text === '++' || t.text === '--' || t.text === '-' || t.text === '+';
    return false;
  }

  private parseConcat(): Expr {
    let left = this.parseAdditive();
    for (;;) {
      const t = this.peek();
      // `-` and `+` after an operand subtract and add; `!` does not start a concatenated operand.
      if (!this.startsOperand() || (t.kind === 'op' && (t.text === '-' || t.text === '+' || t.text === '!'))) break;
      left = { t: 'concat', left, right: this.parseAdditive() };
    }
    return left;
  }

  private parseAdditive(): Expr {
    let left = this.parseMultiplicative();
    while (this.isOp('+') || this.isOp('-')) {
      const op = this.next().text;
      left = { t: 'binary', op, left, right: this.parseMultiplicative() };
    }
    return left;
  }

  private parseMultiplicative(): Expr {
    let left = this.parseUnary();
    while (this.isOp('*') || this.isOp('/') || this.isOp('%')) {
      const op = this.next().text;
      left = { t: 'binary', op, left, right: this.parseUnary() };
    }
    return left;
  }

  private parseUnary(): Expr {
    if (this.isOp('!') || this.isOp('-') || this.isOp('+')) {
      const op = this.next().text;
      return { t: 'unary', op, arg: this.parseUnary() };
    }
    return this.parsePower();
  }

  private parsePower(): Expr {
    const base = this.parsePostfix();
    if (this.isOp('^')) {
      this.next();
      // Right-associative; the exponent may carry its own sign (2^-1).
      const exponent = this.isOp('-') || this.isOp('+') || this.isOp('!') ? this.parseUnary() : this.parsePower();
      return { t: 'binary', op: '^', left: base, right: exponent };
    }
    return base;
  }

  private parsePostfix(): Expr {
    if (this.isOp('++') || this.isOp('--')) {
      const op = this.next().text as '++' | '--';
      const target = this.parsePostfix();
      if (target.t !== 'var' && target.t !== 'field' && target.t !== 'index') throw this.error();
      return { t: 'incdec', op, prefix: true, target };
    }
    const e = this.parsePrimary();
    if ((e.t === 'var' || e.t === 'field' || e.t === 'index') && (this.isOp('++') || this.isOp('--'))) {
      const op = this.next().text as '++' | '--';
      return { t: 'incdec', op, prefix: false, target: e };
    }
    return e;
  }

  private optionalLvalue(): Expr | null {
    const t = this.peek();
    if (t.kind === 'name') {
      this.next();
      if (this.isOp('[')) {
        this.next();
        const subs = this.parseExprList(']');
        this.expectOp(']');
        return { t: 'index', name: t.text, subs };
      }
      return { t: 'var', name: t.text };
    }
    if (t.kind === 'op' && t.text === '$') {
      this.next();
      return { t: 'field', index: this.parseFieldIndex() };
    }
    return null;
  }

  /** What follows `$`: a primary, or ++/-- and a primary (`$NF`, `$(NF-1)`, `$++i`). */
  private parseFieldIndex(): Expr {
    if (this.isOp('++') || this.isOp('--')) {
      const op = this.next().text as '++' | '--';
      return { t: 'incdec', op, prefix: true, target: this.parseFieldIndex() };
    }
    if (this.isOp('-')) {
      this.next();
      return { t: 'unary', op: '-', arg: this.parseFieldIndex() };
    }
    return this.parsePrimary();
  }

  private parsePrimary(): Expr {
    const t = this.next();
    switch (t.kind) {
      case 'number':
        return { t: 'num', v: t.value ?? 0 };
      case 'string':
        return { t: 'str', v: t.text };
      case 'regex':
        return { t: 'regex', src: t.text };
      case 'name':
        if (this.isOp('[')) {
          this.next();
          const subs = this.parseExprList(']');
          this.expectOp(']');
          return { t: 'index', name: t.text, subs };
        }
        return { t: 'var', name: t.text };
      case 'funcName': {
        this.expectOp('(');
        const args = this.parseExprList(')');
        this.expectOp(')');
        return { t: 'call', name: t.text, args, line: t.line };
      }
      case 'builtin': {
        if (!this.isOp('(')) {
          if (t.text === 'length') return { t: 'builtin', name: 'length', args: [] };
          throw this.error();
        }
        this.next();
        const args = this.parseExprList(')');
        this.expectOp(')');
        return { t: 'builtin', name: t.text, args };
      }
      case 'keyword':
        if (t.text === 'getline') {
          const target = this.optionalLvalue();
          if (this.isOp('<')) {
            this.next();
            return { t: 'getline', target, file: this.parsePrimaryForRedirect(), command: null };
          }
          return { t: 'getline', target, file: null, command: null };
        }
        throw this.error(t);
      case 'op':
        if (t.text === '$') return { t: 'field', index: this.parseFieldIndex() };
        if (t.text === '(') {
          const list = this.parseExprList(')');
          this.expectOp(')');
          if (list.length > 1) {
            if (!this.isKeyword('in')) throw this.error();
            this.next();
            const name = this.next();
            if (name.kind !== 'name') throw this.error(name);
            return { t: 'in', subs: list, name: name.text };
          }
          if (list.length === 0) throw this.error(this.tokens[this.i - 1]);
          return { t: 'group', expr: list[0]! };
        }
        if (t.text === '-' || t.text === '+' || t.text === '!') return { t: 'unary', op: t.text, arg: this.parseUnary() };
        throw this.error(t);
      default:
        throw this.error(t);
    }
  }

  /** The file after `getline <`: a primary with its $ and ++, no concatenation. */
  private parsePrimaryForRedirect(): Expr {
    return this.parsePostfix();
  }
}

/** Parses an awk program, or throws AwkSyntaxError (or the scanner's AwkLexError). */
export function parseAwk(source: string): AwkProgram {
  const parser = new Parser(tokenize(source));
  return parser.parseProgram();
}
