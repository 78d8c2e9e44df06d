/**
 * The fast way in for the statements a dump is made of: `INSERT [IGNORE] INTO t [(cols)] VALUES
 * (…),(…)` whose values are only literals (numbers, 'strings' with MySQL's escapes, NULL,
 * _charset'…' and N'…', X'…' and 0x… hex). One tight loop reads the values straight into SQLite's
 * literals, with no tokens, tree or expression translation; the statement it makes is the one the
 * general translation (dml.ts) makes, value for value. Anything else (an expression, DEFAULT, a
 * comment, ON DUPLICATE KEY UPDATE, an error of any kind) answers null, and the general path runs.
 */
import { storageName, sqliteIdent, type ColumnDef } from './catalog';
import { isSystemSchema, type QueryEnv } from './select';
import type { DmlTranslation } from './dml';

/** An INSERT … VALUES of literals, read but not yet checked against the catalog. */
export interface LiteralInsert {
  replace: boolean;
  ignore: boolean;
  /** `t` or `db`, `t`. */
  table: string[];
  /** The column list as written, or null. */
  columns: string[] | null;
  /** The text before VALUES (lexed by the caller for the statement's first words). */
  head: string;
  /** Each row's values as SQLite literals (what translateExpression makes of each). */
  rows: string[][];
}

const ESCAPES: Readonly<Record<number, string>> = { 48: '\0', 39: "'", 34: '"', 98: '\b', 110: '\n', 114: '\r', 116: '\t', 90: '\x1a', 92: '\\' };

function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13);
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isWordChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 36 || c >= 128;
}

function isHexDigit(c: number): boolean {
  return isDigit(c) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
}

/** Reads one statement; null when it is not an INSERT of literals this reader knows. */
function read(sql: string): LiteralInsert | null {
  const n = sql.length;
  let i = 0;
  const skip = () => {
    while (i < n && isSpace(sql.charCodeAt(i))) i += 1;
  };
  /** A word of the head (letters first), upper-cased; null when none. */
  const word = (): string | null => {
    const start = i;
    const c = sql.charCodeAt(i);
    if (!(isWordChar(c) && !isDigit(c))) return null;
    while (i < n && isWordChar(sql.charCodeAt(i))) i += 1;
    return sql.slice(start, i);
  };
  /** An identifier: a word or a `backquoted` name. */
  const ident = (): string | null => {
    if (sql.charCodeAt(i) === 96) {
      let value = '';
      let j = i + 1;
      for (;;) {
        const close = sql.indexOf('`', j);
        if (close < 0) return null;
        value += sql.slice(j, close);
        if (sql.charCodeAt(close + 1) === 96) {
          value += '`';
          j = close + 2;
          continue;
        }
        i = close + 1;
        return value;
      }
    }
    return word();
  };
  skip();
  let verb = word()?.toUpperCase();
  if (verb !== 'INSERT' && verb !== 'REPLACE') return null;
  const replace = verb === 'REPLACE';
  let ignore = false;
  skip();
  let next = word();
  while (next !== null && /^(LOW_PRIORITY|DELAYED|HIGH_PRIORITY|IGNORE)$/i.test(next)) {
    if (/^IGNORE$/i.test(next)) ignore = true;
    skip();
    next = word();
  }
  if (next !== null && /^INTO$/i.test(next)) {
    skip();
    next = null;
  }
  // The table name (a word read above that was not INTO is the table itself).
  const first = next ?? ident();
  if (first === null) return null;
  const table = [first];
  skip();
  if (sql.charCodeAt(i) === 46) {
    i += 1;
    skip();
    const second = ident();
    if (second === null) return null;
    table.push(second);
    skip();
  }
  let columns: string[] | null = null;
  if (sql.charCodeAt(i) === 40) {
    i += 1;
    columns = [];
    for (;;) {
      skip();
      const name = ident();
      if (name === null) return null;
      columns.push(name);
      skip();
      const c = sql.charCodeAt(i);
      i += 1;
      if (c === 41) break;
      if (c !== 44) return null;
    }
    skip();
  }
  const head = sql.slice(0, i);
  verb = word()?.toUpperCase();
  if (verb !== 'VALUES' && verb !== 'VALUE') return null;
  const rows: string[][] = [];
  for (;;) {
    skip();
    if (sql.charCodeAt(i) !== 40) return null;
    i += 1;
    const row: string[] = [];
    for (;;) {
      skip();
      const value = literal();
      if (value === null) return null;
      row.push(value);
      skip();
      const c = sql.charCodeAt(i);
      i += 1;
      if (c === 41) break;
      if (c !== 44) return null;
    }
    rows.push(row);
    skip();
    if (i >= n) break;
    if (sql.charCodeAt(i) !== 44) return null;
    i += 1;
  }
  return { replace, ignore, table, columns, head, rows };

  /** One literal at i, as SQLite's literal; null for anything else. */
  function literal(): string | null {
    const start = i;
    let c = sql.charCodeAt(i);
    if (c === 39 || c === 34) return string();
    if ((c === 120 || c === 88) && sql.charCodeAt(i + 1) === 39) {
      const close = sql.indexOf("'", i + 2);
      if (close < 0) return null;
      i = close + 1;
      return `X'${sql.slice(start + 2, close)}'`;
    }
    if (c === 48 && (sql.charCodeAt(i + 1) === 120 || sql.charCodeAt(i + 1) === 88) && isHexDigit(sql.charCodeAt(i + 2))) {
      let j = i + 2;
      while (j < n && isHexDigit(sql.charCodeAt(j))) j += 1;
      if (j < n && isWordChar(sql.charCodeAt(j))) return null;
      const digits = sql.slice(i + 2, j);
      i = j;
      return `X'${digits.length % 2 ? `0${digits}` : digits}'`;
    }
    let sign = '';
    if (c === 45) {
      // -5 is the minus sign and 5, as the general path writes it (- 5): the same to SQLite.
      sign = '-';
      i += 1;
      c = sql.charCodeAt(i);
    }
    if (isDigit(c) || (c === 46 && isDigit(sql.charCodeAt(i + 1)))) {
      const from = i;
      while (i < n && isDigit(sql.charCodeAt(i))) i += 1;
      if (sql.charCodeAt(i) === 46) {
        i += 1;
        while (i < n && isDigit(sql.charCodeAt(i))) i += 1;
      }
      c = sql.charCodeAt(i);
      if (c === 101 || c === 69) {
        let k = i + 1;
        const s = sql.charCodeAt(k);
        if (s === 45 || s === 43) k += 1;
        if (!isDigit(sql.charCodeAt(k))) return null;
        while (k < n && isDigit(sql.charCodeAt(k))) k += 1;
        i = k;
      }
      if (i < n && isWordChar(sql.charCodeAt(i))) return null;
      return `${sign}${sql.slice(from, i)}`;
    }
    if (sign) return null;
    if (isWordChar(c)) {
      while (i < n && isWordChar(sql.charCodeAt(i))) i += 1;
      const text = sql.slice(start, i);
      const q = sql.charCodeAt(i);
      // Charset introducers: _utf8mb4'text', _binary"text", N'text'.
      if ((q === 39 || (q === 34 && text.charCodeAt(0) === 95)) && (/^_[a-z0-9]+$/i.test(text) || (q === 39 && (text === 'N' || text === 'n')))) return string();
      if (text.length === 4 && text.toUpperCase() === 'NULL') return 'NULL';
      return null;
    }
    return null;
  }

  /** A quoted string at i (MySQL's escapes), as a SQLite string literal. */
  function string(): string | null {
    const quote = sql.charCodeAt(i);
    let out = "'";
    let j = i + 1;
    let from = j;
    for (;;) {
      if (j >= n) return null;
      const c = sql.charCodeAt(j);
      if (c === 92 && j + 1 < n) {
        out += piece(sql.slice(from, j), quote);
        const e = sql.charCodeAt(j + 1);
        const decoded = Object.hasOwn(ESCAPES, e) ? ESCAPES[e]! : e === 37 || e === 95 ? `\\${sql[j + 1]}` : sql[j + 1]!;
        out += decoded === "'" ? "''" : decoded;
        j += 2;
        from = j;
        continue;
      }
      if (c === quote) {
        if (sql.charCodeAt(j + 1) === quote) {
          out += piece(sql.slice(from, j), quote);
          out += quote === 39 ? "''" : '"';
          j += 2;
          from = j;
          continue;
        }
        out += piece(sql.slice(from, j), quote);
        i = j + 1;
        break;
      }
      j += 1;
    }
    // 'a' 'b' is one string: leave that to the general path.
    let k = i;
    while (k < n && isSpace(sql.charCodeAt(k))) k += 1;
    const after = sql.charCodeAt(k);
    if (after === 39 || after === 34) return null;
    return `${out}'`;
  }
}

/** Raw string text as part of a SQLite literal (inside "…", a ' must be doubled). */
function piece(text: string, quote: number): string {
  return quote === 34 && text.includes("'") ? text.replace(/'/g, "''") : text;
}

/** One statement remembered: the client and the server each ask about the same text in turn. */
let last: { sql: string; result: LiteralInsert | null } | null = null;

/** The statement read as an INSERT of literals, or null (then the general path runs). */
export function literalInsert(sql: string): LiteralInsert | null {
  if (last && last.sql === sql) return last.result;
  const c = sql.charCodeAt(0);
  // Only statements starting with I or R (after spaces) can be one.
  const result = c === 73 || c === 105 || c === 82 || c === 114 || isSpace(c) ? read(sql) : null;
  last = { sql, result };
  return result;
}

/**
 * The translation dml.ts's translateInsert makes of such an INSERT, or null whenever that one would
 * say something else (an unknown table or column, a wrong value count, a column without a default).
 */
export function translateLiteralInsert(insert: LiteralInsert, env: QueryEnv): DmlTranslation | null {
  if (insert.table.length === 1 && env.database === null) return null;
  const database = insert.table.length === 2 ? insert.table[0]! : env.database!;
  const name = insert.table[insert.table.length - 1]!;
  if (isSystemSchema(database)) return null;
  const table = env.catalog.tables.get(storageName(database, name));
  if (!table) return null;
  let list: ColumnDef[];
  if (insert.columns) {
    list = [];
    const seen = new Set<string>();
    for (const written of insert.columns) {
      const lower = written.toLowerCase();
      const column = table.columns.find((c) => c.name.toLowerCase() === lower);
      if (!column || seen.has(column.name)) return null;
      seen.add(column.name);
      list.push(column);
    }
  } else list = [...table.columns];
  if (list.length === 0) return null;
  for (const row of insert.rows) if (row.length !== list.length) return null;
  for (const c of table.columns) if (!list.includes(c) && !(c.autoIncrement || c.nullable || c.default !== undefined)) return null;
  const verb = insert.replace ? 'REPLACE' : insert.ignore ? 'INSERT OR IGNORE' : 'INSERT';
  const parts: string[] = new Array<string>(insert.rows.length);
  for (let r = 0; r < insert.rows.length; r += 1) parts[r] = `(${insert.rows[r]!.join(', ')})`;
  const sql = `${verb} INTO ${sqliteIdent(storageName(table.database, table.name))} (${list.map((c) => sqliteIdent(c.name)).join(', ')}) VALUES ${parts.join(', ')}`;
  return { kind: insert.replace ? 'replace' : 'insert', target: table, sql, rows: insert.rows, columns: list, ignore: insert.ignore };
}
