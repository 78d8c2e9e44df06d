/**
 * EXPLAIN FORMAT=JSON for the single-table SELECTs EXPLAIN plans (explain.ts), in 8.0.19's
 * Explain_format_JSON shape: a query_block with its select_id and query_cost, and the table with
 * its access_type, keys, rows_examined_per_scan, rows_produced_per_join, filtered, cost_info,
 * used_columns and the conditions, printed as MySQL prints it (two-space indents). The costs
 * follow 8.0's default cost model on a table held in the buffer pool (0.25 a page read from
 * memory, 0.10 a row evaluated); they are the drill's arithmetic, not the optimizer's own.
 */
import { identName, isIdent, isOp, type Token } from './lexer';
import type { ColumnType, TableDef } from './catalog';
import type { Condition, PlanRow } from './explain';
import { dataLength } from './systables';

const PAGE_READ = 0.25;
const ROW_EVALUATE = 0.1;

/** A column's bytes in the table's record (TABLE_SHARE::reclength): varchar's length takes 1 byte up to 255. */
function recordBytes(type: ColumnType): number {
  const n = Number(type.args[0] ?? 0);
  const fixed: Record<string, number> = { tinyint: 1, smallint: 2, mediumint: 3, int: 4, integer: 4, bigint: 8, float: 4, double: 8, date: 3, datetime: 5, timestamp: 4, time: 3, year: 1, tinytext: 9, text: 10, mediumtext: 11, longtext: 12, tinyblob: 9, blob: 10, mediumblob: 11, longblob: 12, json: 12 };
  if (Object.hasOwn(fixed, type.base)) return fixed[type.base]!;
  if (type.base === 'decimal') {
    const precision = Number(type.args[0] ?? 10);
    const scale = Number(type.args[1] ?? 0);
    const digits = (d: number) => Math.floor(d / 9) * 4 + [0, 1, 1, 2, 2, 3, 3, 4, 4][d % 9]!;
    return digits(precision - scale) + digits(scale);
  }
  if (type.base === 'char') return (n || 1) * 4;
  if (type.base === 'varchar') return n * 4 + (n * 4 > 255 ? 2 : 1);
  if (type.base === 'binary') return n || 1;
  if (type.base === 'varbinary') return n + (n > 255 ? 2 : 1);
  if (type.base === 'enum') return type.args.length > 255 ? 2 : 1;
  if (type.base === 'set' || type.base === 'bit') return Math.ceil((n || 1) / 8);
  return 8;
}

function recordLength(table: TableDef): number {
  const nullable = table.columns.filter((c) => c.nullable).length;
  return Math.ceil((nullable + 1) / 8) + table.columns.reduce((sum, c) => sum + recordBytes(c.type), 0);
}

/** my_sys's human_readable_num_bytes: 496, 2K, 11M. */
function humanBytes(bytes: number): string {
  const units = ['', 'K', 'M', 'G', 'T'];
  let value = Math.floor(bytes);
  let i = 0;
  while (value >= 1024 && i < units.length - 1) {
    value = Math.floor(value / 1024);
    i += 1;
  }
  return `${value}${units[i]}`;
}

const cost = (n: number) => n.toFixed(2);

/** A condition as the optimizer prints it: columns qualified `db`.`table`.`col`, keywords in lower case, in parentheses. */
function conditionText(c: Condition, table: TableDef, alias: string): string {
  const names = new Map(table.columns.map((col) => [col.name.toLowerCase(), col.name]));
  const pieces: string[] = [];
  const t = c.tokens;
  for (let k = 0; k < t.length; k += 1) {
    const token = t[k]!;
    if (isIdent(token) && isOp(t[k + 1], '.') && isIdent(t[k + 2]) && [alias.toLowerCase(), table.name.toLowerCase()].includes(identName(token).toLowerCase())) continue;
    if (isOp(token, '.') && k > 0 && isIdent(t[k - 1])) continue;
    if (isIdent(token) && !isOp(t[k + 1], '(') && names.has(identName(token).toLowerCase())) {
      pieces.push(`\`${table.database}\`.\`${alias}\`.\`${names.get(identName(token).toLowerCase())!}\``);
      continue;
    }
    if (token.kind === 'string') pieces.push(`'${token.value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`);
    else if (token.kind === 'word') pieces.push(token.value.toLowerCase());
    else pieces.push(token.text);
  }
  return `(${pieces.join(' ').replace(/\( /g, '(').replace(/ \)/g, ')').replace(/ , /g, ',').replace(/ ,/g, ',')})`;
}

function conditionsText(list: readonly Condition[], table: TableDef, alias: string): string {
  const parts = list.map((c) => conditionText(c, table, alias));
  return parts.length === 1 ? parts[0]! : `(${parts.join(' and ')})`;
}

/** The columns the statement reads, in the table's order (all of them for `*`). */
function usedColumns(tokens: readonly Token[], table: TableDef): string[] {
  if (tokens.some((t, k) => isOp(t, '*') && (k === 0 || !isOp(tokens[k - 1], '(') || !isOp(tokens[k + 1], ')')))) return table.columns.map((c) => c.name);
  const named = new Set(tokens.filter((t) => isIdent(t)).map((t) => identName(t).toLowerCase()));
  return table.columns.filter((c) => named.has(c.name.toLowerCase())).map((c) => c.name);
}

export interface JsonExplainInput {
  table: TableDef;
  alias: string;
  total: number;
  tokens: readonly Token[];
  plan: PlanRow;
}

/** The one cell EXPLAIN FORMAT=JSON prints. */
export function explainJson(input: JsonExplainInput | null): string {
  if (!input) return JSON.stringify({ query_block: { select_id: 1, message: 'No tables used' } }, null, 2);
  const { table, alias, total, tokens, plan } = input;
  if (plan.noTable) return JSON.stringify({ query_block: { select_id: 1, message: plan.extra } }, null, 2);
  const examined = plan.rows ?? 0;
  const share = Number(plan.filtered ?? '100') / 100;
  const produced = examined * share;
  const evalCost = produced * ROW_EVALUATE;
  let readCost: number;
  let prefix: number;
  let queryCost: number;
  if (plan.type === 'const') {
    readCost = 0;
    prefix = 0;
    queryCost = 1;
  } else {
    const io = plan.type === 'ALL' ? Math.max(1, Math.ceil(dataLength(total, table.columns.length) / 16384)) * PAGE_READ : examined * PAGE_READ;
    readCost = io + (examined - produced) * ROW_EVALUATE;
    prefix = readCost + evalCost;
    queryCost = prefix;
  }
  const entry: Record<string, unknown> = { table_name: alias, access_type: plan.type };
  if (plan.possibleKeys) entry.possible_keys = plan.possibleKeys.split(',');
  if (plan.key) {
    entry.key = plan.key;
    entry.used_key_parts = [...(plan.usedKeyParts ?? [])];
    entry.key_length = plan.keyLen;
  }
  if (plan.ref) entry.ref = plan.ref.split(',');
  entry.rows_examined_per_scan = examined;
  entry.rows_produced_per_join = Math.floor(produced);
  entry.filtered = plan.filtered;
  if (plan.indexCondition?.length) entry.index_condition = conditionsText(plan.indexCondition, table, alias);
  entry.cost_info = { read_cost: cost(readCost), eval_cost: cost(evalCost), prefix_cost: cost(prefix), data_read_per_join: humanBytes(Math.floor(produced) * recordLength(table)) };
  entry.used_columns = usedColumns(tokens, table);
  if (plan.attached?.length) entry.attached_condition = conditionsText(plan.attached, table, alias);
  return JSON.stringify({ query_block: { select_id: 1, cost_info: { query_cost: cost(queryCost) }, table: entry } }, null, 2);
}
