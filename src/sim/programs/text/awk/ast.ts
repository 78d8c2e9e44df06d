/** The shape of a parsed awk program: items (pattern-action pairs, BEGIN, END, functions), statements, expressions. */

export type Expr =
  | { t: 'num'; v: number }
  | { t: 'str'; v: string }
  | { t: 'regex'; src: string }
  | { t: 'var'; name: string }
  | { t: 'field'; index: Expr }
  | { t: 'index'; name: string; subs: Expr[] }
  | { t: 'assign'; op: string; target: Expr; value: Expr }
  | { t: 'cond'; test: Expr; yes: Expr; no: Expr }
  | { t: 'or' | 'and'; left: Expr; right: Expr }
  | { t: 'in'; subs: Expr[]; name: string }
  | { t: 'match'; negate: boolean; left: Expr; right: Expr }
  | { t: 'cmp'; op: string; left: Expr; right: Expr }
  | { t: 'concat'; left: Expr; right: Expr }
  | { t: 'binary'; op: string; left: Expr; right: Expr }
  | { t: 'unary'; op: string; arg: Expr }
  | { t: 'incdec'; op: '++' | '--'; prefix: boolean; target: Expr }
  | { t: 'call'; name: string; args: Expr[]; line: number }
  | { t: 'builtin'; name: string; args: Expr[] }
  | { t: 'getline'; target: Expr | null; file: Expr | null; command: Expr | null }
  | { t: 'group'; expr: Expr };

export type Redirect = { kind: '>' | '>>' | '|'; target: Expr } | null;

export type Stmt =
  | { t: 'expr'; expr: Expr }
  | { t: 'print'; args: Expr[]; redirect: Redirect }
  | { t: 'printf'; args: Expr[]; redirect: Redirect }
  | { t: 'if'; test: Expr; yes: Stmt; no: Stmt | null }
  | { t: 'while'; test: Expr; body: Stmt }
  | { t: 'do'; body: Stmt; test: Expr }
  | { t: 'for'; init: Expr | null; test: Expr | null; step: Expr | null; body: Stmt }
  | { t: 'forIn'; key: Expr; name: string; body: Stmt }
  | { t: 'block'; body: Stmt[] }
  | { t: 'next' }
  | { t: 'nextfile' }
  | { t: 'exit'; code: Expr | null }
  | { t: 'return'; value: Expr | null }
  | { t: 'break' }
  | { t: 'continue' }
  | { t: 'delete'; name: string; subs: Expr[] | null }
  | { t: 'getlineStmt'; expr: Expr };

export interface Rule {
  /** BEGIN, END, a pattern, a range of two patterns, or none (every record). */
  kind: 'begin' | 'end' | 'pattern' | 'range' | 'always';
  pattern: Expr | null;
  pattern2: Expr | null;
  /** null: `pattern` alone, which prints the record. */
  action: Stmt[] | null;
}

export interface AwkFunction {
  name: string;
  params: string[];
  body: Stmt[];
}

export interface AwkProgram {
  rules: Rule[];
  functions: Map<string, AwkFunction>;
}
