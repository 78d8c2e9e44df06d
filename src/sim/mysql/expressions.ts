/**
 * MySQL expressions in SQLite's words: identifiers, strings with MySQL's escapes, `||` as OR, `/`
 * as real division, INTERVAL arithmetic, @variables and @@system variables, and MySQL's functions
 * (mapped to SQLite's or to those registered in functions.ts). Each expression also gets the type
 * MySQL would give it, which decides how the client aligns and writes its values.
 */
import { identName, isIdent, type Token } from './lexer';
import { endOf, nodeIsOp, nodeIsWord, splitCommas, startOf, textOf, tokenOf, type Node } from './tree';
import { isDecimalType, isFloatType, isIntegerType, isTemporalType, scaleOf, type ColumnType, sqliteIdent } from './catalog';
import { mysqlErrors, syntaxError, type MysqlError } from './errors';
import type { CellValue } from './generate';

export interface ValueType {
  kind: 'int' | 'decimal' | 'double' | 'string' | 'datetime' | 'date' | 'time' | 'null' | 'any';
  scale?: number;
  notNull: boolean;
}

export interface ScopeColumn {
  name: string;
  type: ValueType;
}

/** A table (or derived table) a query reads, under the name it is known by in the query. */
export interface ScopeSource {
  alias: string;
  database: string | null;
  table: string | null;
  columns: readonly ScopeColumn[];
}

export interface Scope {
  sources: ScopeSource[];
  parent: Scope | null;
}

/** A failure found while translating: MySQL's error, or something the drill does not simulate. */
export class TranslateError extends Error {
  constructor(readonly mysql: MysqlError | null, readonly unsupported?: string) {
    super(mysql?.message ?? unsupported ?? 'unsupported');
  }
}

export interface ExpressionEnv {
  /** The statement as typed (for column headers and error positions). */
  sql: string;
  database: string | null;
  /** A system variable's value, or undefined when there is no such variable. */
  sysvar(name: string, scope: 'session' | 'global' | null): CellValue | undefined;
  uservar(name: string): CellValue;
  /** Translates a subquery (SELECT inside parentheses). */
  subquery(nodes: readonly Node[], scope: Scope): { sql: string; type: ValueType };
  /** Inside INSERT … ON DUPLICATE KEY UPDATE, VALUES(col) names the row being inserted. */
  upsert?: boolean;
}

export interface Translated {
  sql: string;
  type: ValueType;
}

const ANY: ValueType = { kind: 'any', notNull: false };
const INT = (notNull = true): ValueType => ({ kind: 'int', notNull });
const STRING = (notNull = false): ValueType => ({ kind: 'string', notNull });
const DOUBLE = (notNull = false): ValueType => ({ kind: 'double', notNull });

/** The type a column of this MySQL type has in results. */
export function columnValueType(type: ColumnType, nullable: boolean): ValueType {
  const notNull = !nullable;
  if (isIntegerType(type)) return { kind: 'int', notNull };
  if (isDecimalType(type)) return { kind: 'decimal', scale: scaleOf(type), notNull };
  if (isFloatType(type)) return { kind: 'double', notNull };
  if (type.base === 'datetime' || type.base === 'timestamp') return { kind: 'datetime', notNull };
  if (type.base === 'date') return { kind: 'date', notNull };
  if (type.base === 'time') return { kind: 'time', notNull };
  if (isTemporalType(type)) return { kind: 'datetime', notNull };
  return { kind: 'string', notNull };
}

/** Words that are part of expression syntax, never column names. */
const KEYWORDS = new Set([
  'AND', 'OR', 'NOT', 'XOR', 'IS', 'NULL', 'TRUE', 'FALSE', 'UNKNOWN', 'IN', 'LIKE', 'ESCAPE', 'BETWEEN', 'CASE', 'WHEN', 'THEN', 'ELSE', 'END',
  'EXISTS', 'DISTINCT', 'AS', 'ASC', 'DESC', 'REGEXP', 'RLIKE', 'DIV', 'MOD', 'INTERVAL', 'BINARY', 'COLLATE', 'ALL', 'ANY', 'SOME', 'OVER',
  'PARTITION', 'BY', 'ROWS', 'RANGE', 'UNBOUNDED', 'PRECEDING', 'FOLLOWING', 'CURRENT', 'ROW', 'ORDER', 'SEPARATOR', 'SOUNDS', 'USING',
]);

/** Date-time keywords usable without parentheses. */
const BARE_TIME_WORDS = new Set(['CURRENT_TIMESTAMP', 'CURRENT_DATE', 'CURRENT_TIME', 'LOCALTIME', 'LOCALTIMESTAMP', 'UTC_TIMESTAMP', 'UTC_DATE', 'UTC_TIME', 'CURRENT_USER']);

const INTERVAL_UNITS = new Set(['MICROSECOND', 'SECOND', 'MINUTE', 'HOUR', 'DAY', 'WEEK', 'MONTH', 'QUARTER', 'YEAR']);

const COMPARISON_OPS = new Set(['=', '<', '>', '<=', '>=', '<>', '!=', '<=>']);
const LOGICAL_WORDS = new Set(['AND', 'OR', 'NOT', 'XOR', 'IS', 'IN', 'LIKE', 'BETWEEN', 'REGEXP', 'RLIKE', 'EXISTS']);

/** A SQLite string literal. */
export function sqlString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** A value as a SQLite literal. */
export function sqlLiteral(value: CellValue): string {
  if (value === null) return 'NULL';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'NULL';
  return sqlString(value);
}

function literalType(value: CellValue): ValueType {
  if (value === null) return { kind: 'null', notNull: false };
  if (typeof value === 'number') return Number.isInteger(value) ? INT() : DOUBLE(true);
  return STRING(true);
}

/** Finds a column in scope (column names are case-insensitive; table aliases are not). */
export function findColumn(scope: Scope | null, qualifier: string | null, name: string, database: string | null = null): ScopeColumn | undefined {
  for (let s: Scope | null = scope; s; s = s.parent) {
    for (const source of s.sources) {
      if (qualifier !== null && source.alias !== qualifier) continue;
      if (database !== null && source.database !== database) continue;
      const column = source.columns.find((c) => c.name.toLowerCase() === name.toLowerCase());
      if (column) return column;
    }
  }
  return undefined;
}

function combine(operands: ValueType[], ops: string[]): ValueType {
  const notNull = operands.every((t) => t.notNull);
  if (ops.some((o) => COMPARISON_OPS.has(o) || LOGICAL_WORDS.has(o))) return INT(notNull);
  if (operands.length === 1 && ops.length === 0) return operands[0]!;
  if (operands.length === 0) return ANY;
  if (ops.includes('INTERVAL')) return { kind: 'datetime', notNull };
  const kinds = operands.map((t) => t.kind);
  if (kinds.includes('any') || kinds.includes('string') || kinds.some((k) => k === 'datetime' || k === 'date' || k === 'time')) {
    if (ops.some((o) => ['+', '-', '*', '/', '%'].includes(o))) return kinds.includes('double') || kinds.includes('string') ? DOUBLE(notNull) : ANY;
    return ANY;
  }
  if (kinds.includes('null')) return { kind: 'null', notNull: false };
  const scale = Math.max(0, ...operands.map((t) => t.scale ?? 0));
  if (ops.includes('/')) return kinds.includes('double') ? DOUBLE(false) : { kind: 'decimal', scale: Math.min(30, scale + 4), notNull: false };
  if (kinds.includes('double')) return DOUBLE(notNull);
  if (kinds.includes('decimal')) return { kind: 'decimal', scale: ops.includes('*') ? Math.min(30, operands.reduce((a, t) => a + (t.scale ?? 0), 0)) : scale, notNull };
  return INT(notNull);
}

interface Arg {
  nodes: Node[];
  sql: string;
  type: ValueType;
}

type FunctionRule = { sql: (args: Arg[], env: ExpressionEnv) => string; type: (args: Arg[]) => ValueType; arity?: [number, number] };

const same = (name: string, type: (args: Arg[]) => ValueType, arity?: [number, number]): FunctionRule => ({ sql: (args) => `${name}(${args.map((a) => a.sql).join(', ')})`, type, arity });
const nullableOf = (args: Arg[]) => !args.every((a) => a.type.notNull);
const asString = (args: Arg[]) => STRING(!nullableOf(args));
const asInt = (args: Arg[]) => INT(!nullableOf(args));
const asDouble = (args: Arg[]) => DOUBLE(!nullableOf(args));
const firstType = (args: Arg[]) => ({ ...(args[0]?.type ?? ANY), notNull: false });
const datePart = (unit: string): FunctionRule => ({ sql: (a) => `m_date_part(${a[0]!.sql}, '${unit}')`, type: () => INT(false), arity: [1, 1] });

const FUNCTIONS: ReadonlyMap<string, FunctionRule> = new Map<string, FunctionRule>([
  ['SUM', { sql: (a) => `sum(${a.map((x) => x.sql).join(', ')})`, type: (a) => (a[0]?.type.kind === 'double' ? DOUBLE() : { kind: 'decimal', scale: a[0]?.type.scale ?? 0, notNull: false }) }],
  ['AVG', { sql: (a) => `avg(${a.map((x) => x.sql).join(', ')})`, type: (a) => (a[0]?.type.kind === 'double' ? DOUBLE() : { kind: 'decimal', scale: Math.min(30, (a[0]?.type.scale ?? 0) + 4), notNull: false }) }],
  ['MIN', same('min', firstType, [1, 1])],
  ['MAX', same('max', firstType, [1, 1])],
  ['CONCAT', { sql: (a) => `m_concat(${a.map((x) => x.sql).join(', ')})`, type: asString, arity: [1, 255] }],
  ['CONCAT_WS', { sql: (a) => `m_concat_ws(${a.map((x) => x.sql).join(', ')})`, type: () => STRING(), arity: [2, 255] }],
  ['LENGTH', same('octet_length', asInt, [1, 1])],
  ['OCTET_LENGTH', same('octet_length', asInt, [1, 1])],
  ['CHAR_LENGTH', same('length', asInt, [1, 1])],
  ['CHARACTER_LENGTH', same('length', asInt, [1, 1])],
  ['LOWER', same('lower', asString, [1, 1])],
  ['LCASE', same('lower', asString, [1, 1])],
  ['UPPER', same('upper', asString, [1, 1])],
  ['UCASE', same('upper', asString, [1, 1])],
  ['LTRIM', { sql: (a) => `ltrim(${a[0]!.sql}, ' ')`, type: asString, arity: [1, 1] }],
  ['RTRIM', { sql: (a) => `rtrim(${a[0]!.sql}, ' ')`, type: asString, arity: [1, 1] }],
  ['SUBSTRING', same('substr', asString, [2, 3])],
  ['SUBSTR', same('substr', asString, [2, 3])],
  ['MID', same('substr', asString, [3, 3])],
  ['LEFT', same('m_left', asString, [2, 2])],
  ['RIGHT', same('m_right', asString, [2, 2])],
  ['REPLACE', same('replace', asString, [3, 3])],
  ['REVERSE', same('m_reverse', asString, [1, 1])],
  ['LPAD', same('m_lpad', () => STRING(), [3, 3])],
  ['RPAD', same('m_rpad', () => STRING(), [3, 3])],
  ['REPEAT', same('m_repeat', asString, [2, 2])],
  ['SPACE', same('m_space', asString, [1, 1])],
  ['INSTR', same('instr', asInt, [2, 2])],
  ['LOCATE', same('m_locate', asInt, [2, 3])],
  ['SUBSTRING_INDEX', same('m_substring_index', asString, [3, 3])],
  ['FIELD', same('m_field', () => INT(), [2, 255])],
  ['FIND_IN_SET', same('m_find_in_set', asInt, [2, 2])],
  ['ELT', same('m_elt', () => STRING(), [2, 255])],
  ['FORMAT', same('m_format', asString, [2, 3])],
  ['HEX', same('m_hex', asString, [1, 1])],
  ['ASCII', { sql: (a) => `coalesce(unicode(${a[0]!.sql}), 0)`, type: asInt, arity: [1, 1] }],
  ['STRCMP', { sql: (a) => `((${a[0]!.sql} > ${a[1]!.sql}) - (${a[0]!.sql} < ${a[1]!.sql}))`, type: asInt, arity: [2, 2] }],
  ['ABS', same('abs', firstType, [1, 1])],
  ['CEIL', same('ceil', () => INT(false), [1, 1])],
  ['CEILING', same('m_ceiling', () => INT(false), [1, 1])],
  ['FLOOR', same('floor', () => INT(false), [1, 1])],
  ['ROUND', { sql: (a) => `round(${a.map((x) => x.sql).join(', ')})`, type: (a) => {
    const digits = a[1] && /^\d+$/.test(a[1].sql) ? Number(a[1].sql) : 0;
    if (a[0]?.type.kind === 'double') return DOUBLE();
    return digits > 0 ? { kind: 'decimal', scale: digits, notNull: false } : INT(false);
  }, arity: [1, 2] }],
  ['TRUNCATE', { sql: (a) => `m_truncate(${a[0]!.sql}, ${a[1]!.sql})`, type: (a) => (a[1] && /^\d+$/.test(a[1].sql) && Number(a[1].sql) > 0 ? { kind: 'decimal', scale: Number(a[1].sql), notNull: false } : INT(false)), arity: [2, 2] }],
  ['MOD', same('m_mod', () => INT(false), [2, 2])],
  ['POW', same('m_pow', asDouble, [2, 2])],
  ['POWER', same('m_pow', asDouble, [2, 2])],
  ['SQRT', same('sqrt', () => DOUBLE(), [1, 1])],
  ['EXP', same('exp', () => DOUBLE(), [1, 1])],
  ['LN', same('m_ln', () => DOUBLE(), [1, 1])],
  ['LOG', same('m_log', () => DOUBLE(), [1, 2])],
  ['LOG10', same('log10', () => DOUBLE(), [1, 1])],
  ['LOG2', same('m_log2', () => DOUBLE(), [1, 1])],
  ['SIGN', same('sign', () => INT(false), [1, 1])],
  ['PI', { sql: () => 'round(pi(), 6)', type: () => ({ kind: 'decimal', scale: 6, notNull: true }), arity: [0, 0] }],
  ['RAND', { sql: () => 'm_rand()', type: () => DOUBLE(true), arity: [0, 1] }],
  ['GREATEST', same('max', firstType, [2, 255])],
  ['LEAST', same('min', firstType, [2, 255])],
  ['IF', { sql: (a) => `iif(${a.map((x) => x.sql).join(', ')})`, type: (a) => (a[1]?.type.kind === 'null' ? a[2]?.type ?? ANY : { ...(a[1]?.type ?? ANY), notNull: false }), arity: [3, 3] }],
  ['IFNULL', same('ifnull', (a) => ({ ...(a.find((x) => x.type.kind !== 'null')?.type ?? ANY), notNull: Boolean(a[1]?.type.notNull) }), [2, 2])],
  ['NULLIF', same('nullif', firstType, [2, 2])],
  ['COALESCE', same('coalesce', (a) => ({ ...(a.find((x) => x.type.kind !== 'null')?.type ?? ANY), notNull: a.some((x) => x.type.notNull) }), [1, 255])],
  ['ISNULL', { sql: (a) => `(${a[0]!.sql} IS NULL)`, type: () => INT(), arity: [1, 1] }],
  ['UNIX_TIMESTAMP', same('m_unix_timestamp', () => INT(false), [0, 1])],
  ['FROM_UNIXTIME', same('m_from_unixtime', (a) => (a.length > 1 ? STRING() : { kind: 'datetime', notNull: false }), [1, 2])],
  ['DATE', { sql: (a) => `date(${a[0]!.sql})`, type: () => ({ kind: 'date', notNull: false }), arity: [1, 1] }],
  ['TIME', { sql: (a) => `m_date_part(${a[0]!.sql}, 'TIME')`, type: () => ({ kind: 'time', notNull: false }), arity: [1, 1] }],
  ['YEAR', datePart('YEAR')],
  ['MONTH', datePart('MONTH')],
  ['DAY', datePart('DAY')],
  ['DAYOFMONTH', datePart('DAY')],
  ['HOUR', datePart('HOUR')],
  ['MINUTE', datePart('MINUTE')],
  ['SECOND', datePart('SECOND')],
  ['QUARTER', datePart('QUARTER')],
  ['DAYOFWEEK', datePart('DAYOFWEEK')],
  ['WEEKDAY', datePart('WEEKDAY')],
  ['DAYOFYEAR', datePart('DAYOFYEAR')],
  ['WEEK', datePart('WEEK')],
  ['DAYNAME', { sql: (a) => `m_date_part(${a[0]!.sql}, 'DAYNAME')`, type: () => STRING(), arity: [1, 1] }],
  ['MONTHNAME', { sql: (a) => `m_date_part(${a[0]!.sql}, 'MONTHNAME')`, type: () => STRING(), arity: [1, 1] }],
  ['DATE_FORMAT', same('m_date_format', () => STRING(), [2, 2])],
  ['DATEDIFF', same('m_datediff', () => INT(false), [2, 2])],
  ['LAST_DAY', same('m_last_day', () => ({ kind: 'date', notNull: false }), [1, 1])],
  ['DATABASE', { sql: () => 'm_database()', type: () => STRING(), arity: [0, 0] }],
  ['SCHEMA', { sql: () => 'm_database()', type: () => STRING(), arity: [0, 0] }],
  ['USER', { sql: () => 'm_user()', type: () => STRING(true), arity: [0, 0] }],
  ['SESSION_USER', { sql: () => 'm_user()', type: () => STRING(true), arity: [0, 0] }],
  ['SYSTEM_USER', { sql: () => 'm_user()', type: () => STRING(true), arity: [0, 0] }],
  ['CURRENT_USER', { sql: () => 'm_current_user()', type: () => STRING(true), arity: [0, 0] }],
  ['VERSION', { sql: () => 'm_version()', type: () => STRING(true), arity: [0, 0] }],
  ['CONNECTION_ID', { sql: () => 'm_connection_id()', type: () => INT(), arity: [0, 0] }],
  ['LAST_INSERT_ID', { sql: (a) => (a.length ? a[0]!.sql : 'm_last_insert_id()'), type: () => INT(), arity: [0, 1] }],
  ['ROW_COUNT', { sql: () => 'm_row_count()', type: () => INT(), arity: [0, 0] }],
  ['FOUND_ROWS', { sql: () => 'm_found_rows()', type: () => INT(), arity: [0, 0] }],
  ['UUID', { sql: () => 'm_uuid()', type: () => STRING(true), arity: [0, 0] }],
  ['SLEEP', { sql: (a) => `m_sleep(${a[0]!.sql})`, type: () => INT(), arity: [1, 1] }],
  ['JSON_EXTRACT', same('json_extract', () => STRING(), [2, 255])],
  ['JSON_UNQUOTE', same('m_json_unquote', () => STRING(), [1, 1])],
  ['JSON_OBJECT', same('json_object', () => STRING(true))],
  ['JSON_ARRAY', same('json_array', () => STRING(true))],
  ['JSON_VALID', same('json_valid', () => INT(false), [1, 1])],
  ['ANY_VALUE', { sql: (a) => a[0]!.sql, type: firstType, arity: [1, 1] }],
  ['ROW_NUMBER', same('row_number', () => INT(), [0, 0])],
  ['RANK', same('rank', () => INT(), [0, 0])],
  ['DENSE_RANK', same('dense_rank', () => INT(), [0, 0])],
  ['NTILE', same('ntile', () => INT(false), [1, 1])],
  ['LAG', same('lag', firstType, [1, 3])],
  ['LEAD', same('lead', firstType, [1, 3])],
  ['FIRST_VALUE', same('first_value', firstType, [1, 1])],
  ['LAST_VALUE', same('last_value', firstType, [1, 1])],
  ['NTH_VALUE', same('nth_value', firstType, [2, 2])],
  ['PERCENT_RANK', same('percent_rank', () => DOUBLE(true), [0, 0])],
  ['CUME_DIST', same('cume_dist', () => DOUBLE(true), [0, 0])],
]);

const NOW_WORDS = new Set(['NOW', 'SYSDATE', 'CURRENT_TIMESTAMP', 'LOCALTIME', 'LOCALTIMESTAMP', 'UTC_TIMESTAMP']);
const DATE_WORDS = new Set(['CURDATE', 'CURRENT_DATE', 'UTC_DATE']);
const TIME_WORDS = new Set(['CURTIME', 'CURRENT_TIME', 'UTC_TIME']);

/** True for a name MySQL knows as a function (used to tell function calls from syntax). */
export function isKnownFunction(name: string): boolean {
  const n = name.toUpperCase();
  return FUNCTIONS.has(n) || NOW_WORDS.has(n) || DATE_WORDS.has(n) || TIME_WORDS.has(n) || ['COUNT', 'GROUP_CONCAT', 'CAST', 'CONVERT', 'TRIM', 'POSITION', 'EXTRACT', 'DATE_ADD', 'DATE_SUB', 'ADDDATE', 'SUBDATE', 'TIMESTAMPDIFF', 'VALUES', 'STR_TO_DATE'].includes(n);
}

function fail(env: ExpressionEnv, at: number): never {
  throw new TranslateError(syntaxError(env.sql, at));
}

function translateArgs(nodes: Node[], env: ExpressionEnv, scope: Scope): Arg[] {
  if (nodes.length === 0) return [];
  return splitCommas(nodes).map((part) => {
    if (part.length === 0) fail(env, startOf(nodes[0]!));
    const t = translateExpression(part, env, scope);
    return { nodes: part, sql: t.sql, type: t.type };
  });
}

/** `INTERVAL n unit` at nodes[i]: the amount's SQL and the unit. */
function intervalAt(nodes: readonly Node[], i: number, env: ExpressionEnv, scope: Scope): { amount: string; unit: string; next: number } {
  // INTERVAL <expr> <unit>: the unit is the first interval word after the amount.
  let j = i + 1;
  const amountNodes: Node[] = [];
  while (j < nodes.length && !(INTERVAL_UNITS.has(tokenOf(nodes[j])?.value ?? '') && amountNodes.length > 0)) amountNodes.push(nodes[j++]!);
  const unitToken = tokenOf(nodes[j]);
  if (!unitToken || amountNodes.length === 0) fail(env, nodes[j] ? startOf(nodes[j]!) : env.sql.length);
  const amount = translateExpression(amountNodes, env, scope).sql;
  return { amount, unit: unitToken.value, next: j + 1 };
}

function castType(nodes: readonly Node[], env: ExpressionEnv): { sql: (x: string) => string; type: ValueType } {
  const word = tokenOf(nodes[0])?.value ?? '';
  const args = nodes[1]?.kind === 'group' ? nodes[1].children.map((n) => tokenOf(n)?.text ?? '').filter((t) => t !== ',') : [];
  switch (word) {
    case 'SIGNED': case 'UNSIGNED': case 'INTEGER': case 'INT':
      return { sql: (x) => `CAST(${x} AS INTEGER)`, type: INT(false) };
    case 'CHAR': case 'NCHAR': case 'VARCHAR': case 'BINARY': case 'TEXT':
      return { sql: (x) => (args[0] ? `substr(CAST(${x} AS TEXT), 1, ${Number(args[0])})` : `CAST(${x} AS TEXT)`), type: STRING() };
    case 'DECIMAL': case 'NUMERIC': {
      const scale = Number(args[1] ?? 0);
      return { sql: (x) => `round(CAST(${x} AS REAL), ${scale})`, type: { kind: 'decimal', scale, notNull: false } };
    }
    case 'DOUBLE': case 'FLOAT': case 'REAL':
      return { sql: (x) => `CAST(${x} AS REAL)`, type: DOUBLE() };
    case 'DATE':
      return { sql: (x) => `date(${x})`, type: { kind: 'date', notNull: false } };
    case 'DATETIME':
      return { sql: (x) => `datetime(${x})`, type: { kind: 'datetime', notNull: false } };
    case 'TIME':
      return { sql: (x) => `m_date_part(${x}, 'TIME')`, type: { kind: 'time', notNull: false } };
    case 'JSON':
      return { sql: (x) => x, type: STRING() };
    default:
      return fail(env, nodes[0] ? startOf(nodes[0]) : env.sql.length);
  }
}

function translateFunction(nameToken: Token, group: Extract<Node, { kind: 'group' }>, env: ExpressionEnv, scope: Scope): Translated {
  const name = nameToken.value;
  const children = group.children;
  if (NOW_WORDS.has(name)) return { sql: `mysql_now()`, type: { kind: 'datetime', notNull: true } };
  if (DATE_WORDS.has(name)) return { sql: `date(mysql_now())`, type: { kind: 'date', notNull: true } };
  if (TIME_WORDS.has(name)) return { sql: `m_date_part(mysql_now(), 'TIME')`, type: { kind: 'time', notNull: true } };
  switch (name) {
    case 'COUNT': {
      if (children.length === 1 && nodeIsOp(children[0], '*')) return { sql: 'count(*)', type: INT() };
      const distinct = nodeIsWord(children[0], 'DISTINCT');
      const args = translateArgs(distinct ? children.slice(1) : children, env, scope);
      if (args.length === 0) fail(env, group.close.start);
      if (distinct && args.length > 1) return { sql: `count(DISTINCT ${args.map((a) => a.sql).join(" || '\u0001' || ")})`, type: INT() };
      return { sql: `count(${distinct ? 'DISTINCT ' : ''}${args.map((a) => a.sql).join(', ')})`, type: INT() };
    }
    case 'GROUP_CONCAT': {
      const distinct = nodeIsWord(children[0], 'DISTINCT');
      let body = distinct ? children.slice(1) : children;
      let separator = "','";
      const sepIndex = body.findIndex((n) => nodeIsWord(n, 'SEPARATOR'));
      if (sepIndex >= 0) {
        const sepToken = tokenOf(body[sepIndex + 1]);
        if (!sepToken || sepToken.kind !== 'string') fail(env, body[sepIndex + 1] ? startOf(body[sepIndex + 1]!) : group.close.start);
        separator = sqlString(sepToken.value);
        body = body.slice(0, sepIndex);
      }
      const orderIndex = body.findIndex((n, i) => nodeIsWord(n, 'ORDER') && nodeIsWord(body[i + 1], 'BY'));
      const valueNodes = orderIndex >= 0 ? body.slice(0, orderIndex) : body;
      const args = translateArgs(valueNodes, env, scope);
      const value = args.length > 1 ? `m_concat(${args.map((a) => a.sql).join(', ')})` : args[0]?.sql ?? fail(env, group.close.start);
      const order = orderIndex >= 0 ? ` ORDER BY ${translateOrderList(body.slice(orderIndex + 2), env, scope)}` : '';
      if (distinct && separator === "','") return { sql: `group_concat(DISTINCT ${value}${order})`, type: STRING() };
      return { sql: `group_concat(${value}, ${separator}${order})`, type: STRING() };
    }
    case 'CAST': {
      const asIndex = children.findIndex((n) => nodeIsWord(n, 'AS'));
      if (asIndex <= 0) fail(env, group.close.start);
      const value = translateExpression(children.slice(0, asIndex), env, scope);
      const cast = castType(children.slice(asIndex + 1), env);
      return { sql: cast.sql(value.sql), type: cast.type };
    }
    case 'CONVERT': {
      const usingIndex = children.findIndex((n) => nodeIsWord(n, 'USING'));
      if (usingIndex > 0) return translateExpression(children.slice(0, usingIndex), env, scope);
      const parts = splitCommas(children);
      if (parts.length !== 2) fail(env, group.close.start);
      const value = translateExpression(parts[0]!, env, scope);
      const cast = castType(parts[1]!, env);
      return { sql: cast.sql(value.sql), type: cast.type };
    }
    case 'TRIM': {
      const fromIndex = children.findIndex((n) => nodeIsWord(n, 'FROM'));
      if (fromIndex < 0) {
        const args = translateArgs(children, env, scope);
        return { sql: `trim(${args[0]?.sql ?? fail(env, group.close.start)}, ' ')`, type: STRING() };
      }
      let head = children.slice(0, fromIndex);
      let fn = 'trim';
      if (nodeIsWord(head[0], 'LEADING', 'TRAILING', 'BOTH')) {
        fn = nodeIsWord(head[0], 'LEADING') ? 'ltrim' : nodeIsWord(head[0], 'TRAILING') ? 'rtrim' : 'trim';
        head = head.slice(1);
      }
      const value = translateExpression(children.slice(fromIndex + 1), env, scope);
      const chars = head.length ? translateExpression(head, env, scope).sql : "' '";
      return { sql: `${fn}(${value.sql}, ${chars})`, type: STRING() };
    }
    case 'SUBSTRING': case 'SUBSTR': {
      const fromIndex = children.findIndex((n) => nodeIsWord(n, 'FROM'));
      if (fromIndex > 0) {
        const forIndex = children.findIndex((n) => nodeIsWord(n, 'FOR'));
        const value = translateExpression(children.slice(0, fromIndex), env, scope).sql;
        const start = translateExpression(children.slice(fromIndex + 1, forIndex > 0 ? forIndex : undefined), env, scope).sql;
        const length = forIndex > 0 ? `, ${translateExpression(children.slice(forIndex + 1), env, scope).sql}` : '';
        return { sql: `substr(${value}, ${start}${length})`, type: STRING() };
      }
      break;
    }
    case 'POSITION': {
      const inIndex = children.findIndex((n) => nodeIsWord(n, 'IN'));
      if (inIndex <= 0) fail(env, group.close.start);
      const sub = translateExpression(children.slice(0, inIndex), env, scope).sql;
      const value = translateExpression(children.slice(inIndex + 1), env, scope).sql;
      return { sql: `m_locate(${sub}, ${value})`, type: INT(false) };
    }
    case 'EXTRACT': {
      const unit = tokenOf(children[0])?.value ?? '';
      if (!INTERVAL_UNITS.has(unit) || !nodeIsWord(children[1], 'FROM')) fail(env, children[0] ? startOf(children[0]) : group.close.start);
      const value = translateExpression(children.slice(2), env, scope).sql;
      return { sql: `m_date_part(${value}, '${unit}')`, type: INT(false) };
    }
    case 'DATE_ADD': case 'DATE_SUB': case 'ADDDATE': case 'SUBDATE': {
      const parts = splitCommas(children);
      if (parts.length !== 2) fail(env, group.close.start);
      const value = translateExpression(parts[0]!, env, scope).sql;
      const sign = name === 'DATE_SUB' || name === 'SUBDATE' ? '-' : '';
      if (nodeIsWord(parts[1]![0], 'INTERVAL')) {
        const interval = intervalAt(parts[1]!, 0, env, scope);
        return { sql: `m_date_add(${value}, ${sign}(${interval.amount}), '${interval.unit}')`, type: { kind: 'datetime', notNull: false } };
      }
      const days = translateExpression(parts[1]!, env, scope).sql;
      return { sql: `m_date_add(${value}, ${sign}(${days}), 'DAY')`, type: { kind: 'datetime', notNull: false } };
    }
    case 'TIMESTAMPDIFF': {
      const parts = splitCommas(children);
      const unit = tokenOf(parts[0]?.[0])?.value ?? '';
      if (parts.length !== 3 || !INTERVAL_UNITS.has(unit)) fail(env, group.close.start);
      const a = translateExpression(parts[1]!, env, scope).sql;
      const b = translateExpression(parts[2]!, env, scope).sql;
      return { sql: `m_timestampdiff('${unit}', ${a}, ${b})`, type: INT(false) };
    }
    case 'VALUES': {
      if (!env.upsert) break;
      const column = tokenOf(children[0]);
      if (!column || !isIdent(column) || children.length !== 1) fail(env, group.open.start);
      return { sql: `excluded.${sqliteIdent(identName(column))}`, type: ANY };
    }
    default:
      break;
  }
  const rule = FUNCTIONS.get(name);
  if (!rule) {
    throw new TranslateError(env.database === null ? mysqlErrors.noDatabase() : mysqlErrors.unknownFunction(`${env.database}.${nameToken.text}`));
  }
  const args = translateArgs(children, env, scope);
  if (rule.arity && (args.length < rule.arity[0] || args.length > rule.arity[1])) throw new TranslateError(mysqlErrors.wrongArguments(nameToken.text));
  return { sql: rule.sql(args, env), type: rule.type(args) };
}

/** ORDER BY / GROUP BY items (with ASC/DESC). */
export function translateOrderList(nodes: readonly Node[], env: ExpressionEnv, scope: Scope): string {
  return splitCommas(nodes)
    .map((part) => {
      if (part.length === 0) fail(env, nodes[0] ? startOf(nodes[0]) : env.sql.length);
      let direction = '';
      let body = part;
      if (nodeIsWord(part[part.length - 1], 'ASC', 'DESC')) {
        direction = ` ${tokenOf(part[part.length - 1])!.value}`;
        body = part.slice(0, -1);
      }
      return translateExpression(body, env, scope).sql + direction;
    })
    .join(', ');
}

/** A possibly qualified name at nodes[i]: `col`, `t.col`, `db.t.col`, `t.*`. */
function qualifiedAt(nodes: readonly Node[], i: number): { parts: string[]; star: boolean; next: number } {
  const parts = [identName(tokenOf(nodes[i])!)];
  let j = i + 1;
  while (nodeIsOp(nodes[j], '.') && (isIdent(tokenOf(nodes[j + 1])) || nodeIsOp(nodes[j + 1], '*'))) {
    if (nodeIsOp(nodes[j + 1], '*')) return { parts, star: true, next: j + 2 };
    parts.push(identName(tokenOf(nodes[j + 1])!));
    j += 2;
  }
  return { parts, star: false, next: j };
}

/** A column reference in SQLite's words, with its type (`db.t.c` → `t`.`c`). */
export function columnRef(parts: readonly string[], scope: Scope | null): Translated {
  if (parts.length === 1) {
    const column = findColumn(scope, null, parts[0]!);
    return { sql: sqliteIdent(column?.name ?? parts[0]!), type: column?.type ?? ANY };
  }
  if (parts.length === 2) {
    const column = findColumn(scope, parts[0]!, parts[1]!);
    return { sql: `${sqliteIdent(parts[0]!)}.${sqliteIdent(column?.name ?? parts[1]!)}`, type: column?.type ?? ANY };
  }
  const column = findColumn(scope, parts[1]!, parts[2]!, parts[0]!);
  return { sql: `${sqliteIdent(parts[1]!)}.${sqliteIdent(column?.name ?? parts[2]!)}`, type: column?.type ?? ANY };
}

/** MySQL's operators written as words, in SQLite's spelling, and the operator the type reader sees. */
const OPERATOR_WORDS: ReadonlyMap<string, { sqlite: string; op: string }> = new Map([
  ['DIV', { sqlite: '/', op: 'DIV' }],
  ['MOD', { sqlite: '%', op: '%' }],
  ['XOR', { sqlite: '<>', op: 'XOR' }],
  ['RLIKE', { sqlite: 'REGEXP', op: 'REGEXP' }],
]);

/** Translates one expression (a node list with no top-level commas). */
export function translateExpression(nodes: readonly Node[], env: ExpressionEnv, scope: Scope): Translated {
  const out: string[] = [];
  const operands: ValueType[] = [];
  const ops: string[] = [];
  let caseDepth = 0;
  // Inside CASE … END nothing counts for the type: the whole CASE is one operand.
  const addOperand = (t: ValueType) => {
    if (caseDepth === 0) operands.push(t);
  };
  const addOp = (op: string) => {
    if (caseDepth === 0) ops.push(op);
  };
  // The right operands of /, DIV, % and MOD: each goes through m_dz, which counts a zero divisor
  // (MySQL's warning 1365 "Division by 0") and passes the value on.
  const divisors: number[] = [];
  for (let i = 0; i < nodes.length; i += 1) {
    const node = nodes[i]!;
    if (node.kind === 'group') {
      const first = tokenOf(node.children[0]);
      if (first && first.kind === 'word' && (first.value === 'SELECT' || first.value === 'WITH')) {
        const sub = env.subquery(node.children, scope);
        out.push(`(${sub.sql})`);
        addOperand(sub.type);
      } else if (node.children.length === 0) {
        fail(env, node.close.start);
      } else {
        const parts = splitCommas(node.children);
        const translated = parts.map((p) => {
          if (p.length === 0) fail(env, node.close.start);
          return translateExpression(p, env, scope);
        });
        out.push(`(${translated.map((t) => t.sql).join(', ')})`);
        addOperand(translated.length === 1 ? translated[0]!.type : ANY);
      }
      continue;
    }
    const token = node.token;
    const next = nodes[i + 1];
    switch (token.kind) {
      case 'string':
        out.push(sqlString(token.value));
        addOperand(STRING(true));
        continue;
      case 'number': {
        out.push(token.text);
        const scale = token.text.includes('.') && !/e/i.test(token.text) ? token.text.split('.')[1]!.length : 0;
        addOperand(/e/i.test(token.text) ? DOUBLE(true) : scale > 0 ? { kind: 'decimal', scale, notNull: true } : INT());
        continue;
      }
      case 'hex':
        out.push(/^[xX]'/.test(token.text) ? `X'${token.value}'` : `X'${token.value.length % 2 ? `0${token.value}` : token.value}'`);
        addOperand(STRING(true));
        continue;
      case 'var': {
        if (nodeIsOp(next, ':=')) throw new TranslateError(null, 'assigning user variables inside a statement (@var := …)');
        const value = env.uservar(token.value);
        out.push(sqlLiteral(value));
        addOperand(literalType(value));
        continue;
      }
      case 'sysvar': {
        const [scopeWord, ...rest] = token.value.split('.');
        const named = rest.length ? rest.join('.') : scopeWord!;
        const which = rest.length ? (scopeWord === 'global' ? 'global' : scopeWord === 'session' || scopeWord === 'local' ? 'session' : null) : null;
        const value = env.sysvar(named, which);
        if (value === undefined) throw new TranslateError(mysqlErrors.unknownVariable(named));
        out.push(sqlLiteral(value));
        addOperand(literalType(value));
        continue;
      }
      case 'op': {
        const op = token.value;
        if (op === '||') {
          out.push('OR');
          addOp('OR');
        } else if (op === '&&') {
          out.push('AND');
          addOp('AND');
        } else if (op === '!') {
          out.push('NOT');
          addOp('NOT');
        } else if (op === '<=>') {
          out.push('IS');
          addOp('<=>');
        } else if (op === '/') {
          out.push('* 1.0 /');
          addOp('/');
          divisors.push(out.length);
        } else if ((op === '+' || op === '-') && nodeIsWord(next, 'INTERVAL')) {
          // x + INTERVAL n unit: the left operand is what was emitted since the last operator.
          const interval = intervalAt(nodes, i + 1, env, scope);
          const left = out.pop();
          if (left === undefined) fail(env, token.start);
          out.push(`m_date_add(${left}, ${op === '-' ? '-' : ''}(${interval.amount}), '${interval.unit}')`);
          addOp('INTERVAL');
          i = interval.next - 1;
        } else if (op === ':=') {
          throw new TranslateError(null, 'assigning user variables inside a statement (@var := …)');
        } else if (op === '.' || op === ';' || op === '{' || op === '}') {
          fail(env, token.start);
        } else {
          out.push(op);
          if (op === '%') divisors.push(out.length);
          if (!(op === '-' && (i === 0 || (nodes[i - 1]?.kind === 'token' && nodes[i - 1]!.kind === 'token' && tokenOf(nodes[i - 1])!.kind === 'op')))) addOp(op);
        }
        continue;
      }
      case 'quoted': {
        const ref = qualifiedAt(nodes, i);
        if (ref.star) fail(env, token.start);
        const translated = columnRef(ref.parts, scope);
        out.push(translated.sql);
        addOperand(translated.type);
        i = ref.next - 1;
        continue;
      }
      case 'word':
        break;
    }
    // A word: a function call, syntax, a bare date-time word, or a column.
    const word = token.value;
    // MOD is an operator word and a function: MOD(a, b) where an operand starts.
    const modCall = word === 'MOD' && (i === 0 || tokenOf(nodes[i - 1])?.kind === 'op');
    if (next?.kind === 'group' && next.open.start === token.end && (!KEYWORDS.has(word) || modCall)) {
      const call = translateFunction(token, next, env, scope);
      out.push(call.sql);
      addOperand(call.type);
      i += 1;
      if (nodeIsWord(nodes[i + 1], 'OVER') && nodes[i + 2]?.kind === 'group') {
        const over = nodes[i + 2] as Extract<Node, { kind: 'group' }>;
        out.push(`OVER (${translateWindow(over.children, env, scope)})`);
        i += 2;
      }
      continue;
    }
    if (next?.kind === 'group' && !KEYWORDS.has(word) && isKnownFunction(word)) {
      // MySQL wants no space between a built-in function's name and its parenthesis.
      throw new TranslateError(env.database === null ? mysqlErrors.noDatabase() : { code: 1630, state: '42000', message: `FUNCTION ${env.database}.${token.text} does not exist. Check the 'Function Name Parsing and Resolution' section in the Reference Manual` });
    }
    if (BARE_TIME_WORDS.has(word) && !nodeIsOp(next, '.')) {
      if (word === 'CURRENT_USER') {
        out.push('m_current_user()');
        addOperand(STRING(true));
      } else {
        const t = translateFunction(token, { kind: 'group', open: token, close: token, children: [] }, env, scope);
        out.push(t.sql);
        addOperand(t.type);
      }
      continue;
    }
    if (word === 'INTERVAL') fail(env, token.start);
    if (word === 'NULL') {
      out.push('NULL');
      addOperand({ kind: 'null', notNull: false });
      continue;
    }
    if (word === 'TRUE' || word === 'FALSE') {
      out.push(word === 'TRUE' ? '1' : '0');
      addOperand(INT());
      continue;
    }
    if (word === 'UNKNOWN') {
      out.push('NULL');
      continue;
    }
    if (word === 'BINARY' && nodes[i + 1]) continue;
    if (word === 'COLLATE') {
      i += 1;
      continue;
    }
    const spelled = OPERATOR_WORDS.get(word);
    if (spelled) {
      out.push(spelled.sqlite);
      addOp(spelled.op);
      if (word === 'DIV' || word === 'MOD') divisors.push(out.length);
      continue;
    }
    if (word === 'CASE') {
      caseDepth += 1;
      out.push('CASE');
      continue;
    }
    if (word === 'END' && caseDepth > 0) {
      caseDepth -= 1;
      out.push('END');
      if (caseDepth === 0) addOperand(ANY);
      continue;
    }
    if (KEYWORDS.has(word)) {
      out.push(word);
      if (LOGICAL_WORDS.has(word)) addOp(word);
      continue;
    }
    const ref = qualifiedAt(nodes, i);
    if (ref.star) fail(env, token.start);
    const translated = columnRef(ref.parts, scope);
    out.push(translated.sql);
    addOperand(translated.type);
    i = ref.next - 1;
  }
  if (out.length === 0) fail(env, nodes[0] ? startOf(nodes[0]) : env.sql.length);
  for (const k of divisors) {
    // One primary follows the operator (a unary sign first, perhaps); a CASE … END is left as it is.
    const signed = (out[k] === '-' || out[k] === '+' || out[k] === '~') && k + 1 < out.length ? 1 : 0;
    if (k + signed >= out.length || out[k + signed] === 'CASE' || out[k + signed] === 'NOT') continue;
    out[k] = `m_dz(${out.slice(k, k + signed + 1).join(' ')})`;
    for (let j = 1; j <= signed; j += 1) out[k + j] = '';
  }
  return { sql: out.filter((x) => x !== '').join(' '), type: combine(operands, ops) };
}

function translateWindow(nodes: readonly Node[], env: ExpressionEnv, scope: Scope): string {
  const parts: string[] = [];
  const orderIndex = nodes.findIndex((n, i) => nodeIsWord(n, 'ORDER') && nodeIsWord(nodes[i + 1], 'BY'));
  const partitionIndex = nodes.findIndex((n, i) => nodeIsWord(n, 'PARTITION') && nodeIsWord(nodes[i + 1], 'BY'));
  if (partitionIndex >= 0) parts.push(`PARTITION BY ${translateOrderList(nodes.slice(partitionIndex + 2, orderIndex > partitionIndex ? orderIndex : undefined), env, scope)}`);
  if (orderIndex >= 0) parts.push(`ORDER BY ${translateOrderList(nodes.slice(orderIndex + 2), env, scope)}`);
  return parts.join(' ');
}

/** The header MySQL gives a select item without an alias: the item's text as typed (a string's value; a column's name). */
export function headerOf(env: ExpressionEnv, nodes: readonly Node[]): string {
  if (nodes.length === 1) {
    const token = tokenOf(nodes[0]);
    if (token?.kind === 'string') return token.value;
    if (token?.kind === 'quoted') return token.value;
  }
  if (nodes.length >= 3 && nodes.every((n, i) => (i % 2 === 0 ? isIdent(tokenOf(n)) : nodeIsOp(n, '.')))) return identName(tokenOf(nodes[nodes.length - 1])!);
  return textOf(env.sql, nodes).replace(/\s*\n\s*/g, ' ');
}

export { endOf };
