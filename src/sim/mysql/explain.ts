/**
 * EXPLAIN's access plan for a simple single-table SELECT, as MySQL 8.0.19's optimizer chooses it
 * from the table's declared keys: `const` when the WHERE pins every part of the primary key or a
 * NOT NULL unique key to constants, `ref` for constants on a leading part of another key, `range`
 * for ranges (`<`, `BETWEEN`, `IN`, `LIKE 'abc%'`) on a key's first column, else `ALL`. Row
 * estimates are the real counts (InnoDB's index dives are exact on tables this small), taken by
 * running the conditions as SQL; nothing here evaluates a condition itself.
 */
import { identName, isIdent, isOp, isWord, type Token } from './lexer';
import type { ColumnType, TableDef } from './catalog';

/** One WHERE condition the optimizer can use on a column, or one it cannot (`column` null). */
export interface Condition {
  column: string | null;
  kind: 'eq' | 'null' | 'range' | 'like' | 'between' | 'other';
  /** The condition's text in the statement. */
  text: string;
  /** Its tokens (EXPLAIN FORMAT=JSON prints it from them). */
  tokens: readonly Token[];
}

export interface PlanRow {
  type: string | null;
  possibleKeys: string | null;
  key: string | null;
  keyLen: string | null;
  ref: string | null;
  rows: number | null;
  filtered: string | null;
  extra: string | null;
  /** The row shows no table (a const lookup that found nothing). */
  noTable?: boolean;
  /** The key's columns the access uses (FORMAT=JSON's used_key_parts). */
  usedKeyParts?: readonly string[];
  /** Conditions checked on the index (Using index condition) and on each row read (Using where). */
  indexCondition?: readonly Condition[];
  attached?: readonly Condition[];
}

const DIGIT_BYTES = [0, 1, 1, 2, 2, 3, 3, 4, 4];

function decimalBytes(digits: number): number {
  return Math.floor(digits / 9) * 4 + DIGIT_BYTES[digits % 9]!;
}

/** The bytes a key part of this type takes in `key_len` (utf8mb4 strings: 4 bytes a character), or null when it cannot be a whole key part. */
export function keyPartLength(type: ColumnType, nullable: boolean): number | null {
  const n = Number(type.args[0] ?? 0);
  const fixed: Record<string, number> = { tinyint: 1, smallint: 2, mediumint: 3, int: 4, bigint: 8, float: 4, double: 8, date: 3, datetime: 5, timestamp: 4, time: 3, year: 1 };
  let bytes: number | null;
  if (Object.hasOwn(fixed, type.base)) bytes = fixed[type.base]!;
  else if (type.base === 'decimal') {
    const precision = Number(type.args[0] ?? 10);
    const scale = Number(type.args[1] ?? 0);
    bytes = decimalBytes(precision - scale) + decimalBytes(scale);
  } else if (type.base === 'char') bytes = (n || 1) * 4;
  else if (type.base === 'varchar') bytes = n * 4 + 2;
  else if (type.base === 'binary') bytes = n || 1;
  else if (type.base === 'varbinary') bytes = n + 2;
  else if (type.base === 'enum') bytes = type.args.length > 255 ? 2 : 1;
  else bytes = null;
  return bytes === null ? null : bytes + (nullable ? 1 : 0);
}

function isLiteral(tokens: readonly Token[]): boolean {
  if (tokens.length === 1) return tokens[0]!.kind === 'string' || tokens[0]!.kind === 'number';
  return tokens.length === 2 && isOp(tokens[0], '-') && tokens[1]!.kind === 'number';
}

/** The column a condition's side names (`col`, `alias.col`), when it is a column of this table. */
function columnOf(tokens: readonly Token[], table: TableDef, alias: string): string | null {
  const named = (t: Token | undefined) => (isIdent(t) ? identName(t) : null);
  let name: string | null = null;
  if (tokens.length === 1) name = named(tokens[0]);
  else if (tokens.length === 3 && isOp(tokens[1], '.') && named(tokens[0])?.toLowerCase() === alias.toLowerCase()) name = named(tokens[2]);
  if (name === null) return null;
  return table.columns.find((c) => c.name.toLowerCase() === name!.toLowerCase())?.name ?? null;
}

const COMPARE = new Set(['=', '<', '>', '<=', '>=', '<=>']);

function classify(tokens: readonly Token[], text: string, table: TableDef, alias: string): Condition {
  const other: Condition = { column: null, kind: 'other', text, tokens };
  const at = tokens.findIndex((t) => t.kind === 'op' && COMPARE.has(t.value));
  if (at > 0) {
    const left = tokens.slice(0, at);
    const right = tokens.slice(at + 1);
    const op = tokens[at]!.value;
    const swapped = isLiteral(left) ? columnOf(right, table, alias) : null;
    const column = isLiteral(right) ? columnOf(left, table, alias) : swapped;
    if (!column) return other;
    return { column, kind: op === '=' || op === '<=>' ? 'eq' : 'range', text, tokens };
  }
  const column = columnOf(tokens.slice(0, 1), table, alias) ?? columnOf(tokens.slice(0, 3), table, alias);
  if (!column) return other;
  const rest = tokens.slice(isOp(tokens[1], '.') ? 3 : 1);
  if (isWord(rest[0], 'IS') && isWord(rest[1], 'NULL') && rest.length === 2) return { column, kind: 'null', text, tokens };
  if (isWord(rest[0], 'BETWEEN') && rest.length === 4 && isLiteral(rest.slice(1, 2)) && isWord(rest[2], 'AND') && isLiteral(rest.slice(3))) return { column, kind: 'between', text, tokens };
  if (isWord(rest[0], 'IN') && isOp(rest[1], '(') && isOp(rest[rest.length - 1], ')')) {
    const inside = rest.slice(2, -1);
    if (inside.every((t, k) => (k % 2 === 0 ? t.kind === 'string' || t.kind === 'number' : isOp(t, ',')))) return { column, kind: inside.length === 1 ? 'eq' : 'range', text, tokens };
  }
  if (isWord(rest[0], 'LIKE') && rest.length === 2 && rest[1]!.kind === 'string' && /^[^%_]/.test(rest[1]!.value)) return { column, kind: 'like', text, tokens };
  return other;
}

/** The WHERE conditions joined by AND at the top level, or null when the WHERE is not only ANDs (an OR, a subquery). */
export function conditionsOf(sql: string, tokens: readonly Token[], table: TableDef, alias: string): Condition[] | null {
  const where = tokens.findIndex((t) => isWord(t, 'WHERE'));
  if (where < 0) return [];
  let end = tokens.length;
  let depth = 0;
  for (let k = where + 1; k < tokens.length; k += 1) {
    const t = tokens[k]!;
    if (isOp(t, '(')) depth += 1;
    if (isOp(t, ')')) depth -= 1;
    if (depth === 0 && (isWord(t, 'ORDER', 'GROUP', 'LIMIT', 'HAVING', 'WINDOW', 'FOR', 'LOCK', 'INTO') || isOp(t, ';'))) {
      end = k;
      break;
    }
  }
  const body = tokens.slice(where + 1, end);
  if (body.some((t) => isWord(t, 'OR', 'XOR', 'SELECT', 'NOT') || isOp(t, '||'))) return null;
  const parts: Token[][] = [[]];
  depth = 0;
  for (const t of body) {
    if (isOp(t, '(')) depth += 1;
    if (isOp(t, ')')) depth -= 1;
    const current = parts[parts.length - 1]!;
    const openBetween = current.some((x) => isWord(x, 'BETWEEN')) && !current.some((x) => isWord(x, 'AND'));
    if (depth === 0 && (isWord(t, 'AND') || isOp(t, '&&')) && !openBetween) parts.push([]);
    else current.push(t);
  }
  if (parts.some((p) => p.length === 0)) return null;
  return parts.map((p) => classify(p, sql.slice(p[0]!.start, p[p.length - 1]!.end), table, alias));
}

interface Key {
  name: string;
  columns: readonly string[];
  unique: boolean;
}

function keysOf(table: TableDef): Key[] {
  return [...(table.primaryKey.length ? [{ name: 'PRIMARY', columns: table.primaryKey, unique: true }] : []), ...table.indexes];
}

const SELECTIVITY: Record<Condition['kind'], number> = { eq: 0.1, null: 0.1, range: 1 / 3, between: 1 / 9, like: 1 / 9, other: 1 };

/**
 * The plan of `SELECT … FROM table [alias] WHERE conditions`; `count` runs a list of condition
 * texts (ANDed) on the table and answers how many rows match.
 */
export function planSingleTable(table: TableDef, conditions: readonly Condition[], total: number, count: (texts: readonly string[]) => number): PlanRow {
  const keys = keysOf(table);
  const usable = (c: Condition) => c.column !== null && c.kind !== 'other';
  const possible = keys.filter((k) => conditions.some((c) => usable(c) && c.column === k.columns[0]));
  const possibleKeys = possible.length ? possible.map((k) => k.name).join(',') : null;
  const nullable = (column: string) => table.columns.find((c) => c.name === column)?.nullable ?? true;
  const lengthOf = (columns: readonly string[]) => {
    let sum = 0;
    for (const column of columns) {
      const def = table.columns.find((c) => c.name === column);
      const len = def ? keyPartLength(def.type, def.nullable) : null;
      if (len === null) return null;
      sum += len;
    }
    return String(sum);
  };
  const eqOn = (column: string) => conditions.find((c) => c.column === column && (c.kind === 'eq' || c.kind === 'null'));
  const remainingFiltered = (used: readonly Condition[]) => {
    const rest = conditions.filter((c) => !used.includes(c));
    const share = rest.reduce((p, c) => p * SELECTIVITY[c.kind], 1);
    return { rest, filtered: (share * 100).toFixed(2) };
  };
  // const: every part of the primary key, or of a unique key with no nullable part, equal to a constant.
  for (const key of possible) {
    if (!key.unique || key.columns.some((c) => nullable(c) && key.name !== 'PRIMARY')) continue;
    const used = key.columns.map((c) => eqOn(c));
    if (used.some((u) => !u || u.kind !== 'eq')) continue;
    const keyLen = lengthOf(key.columns);
    if (keyLen === null) continue;
    if (count(used.map((u) => u!.text)) === 0) return { type: null, possibleKeys: null, key: null, keyLen: null, ref: null, rows: null, filtered: null, extra: 'no matching row in const table', noTable: true };
    if (count(conditions.map((c) => c.text)) === 0) return { type: null, possibleKeys: null, key: null, keyLen: null, ref: null, rows: null, filtered: null, extra: 'Impossible WHERE noticed after reading const tables', noTable: true };
    return { type: 'const', possibleKeys, key: key.name, keyLen, ref: key.columns.map(() => 'const').join(','), rows: 1, filtered: '100.00', extra: null, usedKeyParts: key.columns };
  }
  // ref: constants on a leading part of a key.
  let best: { key: Key; used: Condition[]; rows: number; type: 'ref' | 'range' } | null = null;
  for (const key of possible) {
    const used: Condition[] = [];
    for (const column of key.columns) {
      const eq = eqOn(column);
      if (!eq) break;
      used.push(eq);
    }
    if (!used.length || lengthOf(key.columns.slice(0, used.length)) === null) continue;
    const rows = Math.max(1, count(used.map((u) => u.text)));
    if (!best || rows < best.rows) best = { key, used, rows, type: 'ref' };
  }
  if (best) {
    const { rest, filtered } = remainingFiltered(best.used);
    return { type: 'ref', possibleKeys, key: best.key.name, keyLen: lengthOf(best.key.columns.slice(0, best.used.length)), ref: best.used.map(() => 'const').join(','), rows: best.rows, filtered, extra: rest.length ? 'Using where' : null, usedKeyParts: best.key.columns.slice(0, best.used.length), attached: rest };
  }
  // range: a range on a key's first column.
  for (const key of possible) {
    const used = conditions.filter((c) => c.column === key.columns[0] && usable(c));
    if (!used.length || lengthOf(key.columns.slice(0, 1)) === null) continue;
    const rows = Math.max(1, count(used.map((u) => u.text)));
    // A secondary key that reaches most of the table costs more than reading it all.
    if (key.name !== 'PRIMARY' && rows > total / 2) continue;
    if (!best || rows < best.rows) best = { key, used, rows, type: 'range' };
  }
  if (best) {
    const { rest, filtered } = remainingFiltered(best.used);
    const extra = best.key.name === 'PRIMARY' ? 'Using where' : rest.length ? 'Using index condition; Using where' : 'Using index condition';
    const primary = best.key.name === 'PRIMARY';
    return { type: 'range', possibleKeys, key: best.key.name, keyLen: lengthOf(best.key.columns.slice(0, 1)), ref: null, rows: best.rows, filtered, extra, usedKeyParts: best.key.columns.slice(0, 1), indexCondition: primary ? [] : best.used, attached: primary ? conditions : rest };
  }
  const { filtered } = remainingFiltered([]);
  return { type: 'ALL', possibleKeys, key: null, keyLen: null, ref: null, rows: total, filtered: conditions.length ? filtered : '100.00', extra: conditions.length ? 'Using where' : null, attached: conditions };
}
