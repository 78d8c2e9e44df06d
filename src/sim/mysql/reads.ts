/**
 * Running a SELECT on a server's rows: translated, run on SQLite, and each value written as MySQL
 * writes it for its column's type.
 */
import type { ServerDatabase } from './database';
import { fillSystemTables, type FilledSystemTable } from './query';
import { translateQuery, type QueryEnv, type ResultColumn } from './select';
import type { Node } from './tree';
import { cellText, isNumericColumn } from './values';
import { sqliteError } from './sqlite-errors';
import type { MysqlError } from './errors';

export interface ResultSet {
  columns: ResultColumn[];
  /** Values as text (null for NULL), as the server sends them. */
  rows: (string | null)[][];
  /** Per column: whether the client right-aligns it. */
  numeric: boolean[];
}

export type ReadResult = { ok: true; result: ResultSet } | { ok: false; error: MysqlError };

/** Most rows one SELECT returns to the drill (a real client would page through more). */
export const MAX_RESULT_ROWS = 50_000;

export function runSelect(db: ServerDatabase, env: QueryEnv & { systemTables: Map<string, FilledSystemTable> }, nodes: readonly Node[], authorize?: (reads: QueryEnv['reads']) => MysqlError | null): ReadResult {
  const translated = translateQuery(nodes, env, null);
  const denied = authorize?.(env.reads);
  if (denied) return { ok: false, error: denied };
  fillSystemTables(db, env.systemTables);
  let raw: ReturnType<ServerDatabase['query']>;
  try {
    raw = db.query(translated.sql);
  } catch (error) {
    return { ok: false, error: sqliteError(error, env, nodes) };
  }
  const rows = raw.rows.slice(0, MAX_RESULT_ROWS);
  const columns = translated.columns;
  const numeric = columns.map((c, i) => isNumericColumn(c.type, rows.map((r) => r[i] ?? null)));
  return { ok: true, result: { columns, rows: rows.map((r) => r.map((v, i) => cellText(v, columns[i]?.type ?? { kind: 'any', notNull: false }))), numeric } };
}
