/**
 * Running INSERT, REPLACE, UPDATE and DELETE on the real rows: the statement runs on SQLite with
 * foreign keys doing their cascades, every changed row is captured, the target table's changes
 * become the binary log's row events, and constraint failures come back as MySQL reports them
 * (the duplicate value and key, the row number, the foreign key).
 */
import type { ServerDatabase, CapturedChange } from './database';
import { fillSystemTables, type FilledSystemTable } from './query';
import type { QueryEnv } from './select';
import type { DmlTranslation } from './dml';
import { mysqlErrors, type MysqlError } from './errors';
import { isBinaryType, lengthCheckName, sqliteIdent, storageName, type TableDef } from './catalog';
import type { CellValue } from './generate';
import type { LoggedColumn, TableRows } from './state';
import { sqliteError } from './sqlite-errors';
import type { Node } from './tree';
import { foreignKeyText, referencingTables } from './ddl';

export interface WriteOutcome {
  ok: true;
  /** MySQL's affected rows (changed rows for UPDATE; 2 per updated row for ON DUPLICATE KEY UPDATE). */
  affected: number;
  /** `Rows matched: 1  Changed: 1  Warnings: 0` and the like. */
  info: string | null;
  warnings: number;
  /** The target table's changes, for the binary log and replay (cascades are not logged, as in MySQL). */
  changes: TableRows[];
  /** Every changed row, cascades included (for judging harm). */
  all: CapturedChange[];
  insertId: number;
}

export type WriteResult = WriteOutcome | { ok: false; error: MysqlError };

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Groups captured changes of one table into row events, in order. */
export function rowEvents(changes: readonly CapturedChange[], target: TableDef): TableRows[] {
  const storage = storageName(target.database, target.name);
  const columns = target.columns.map((c) => c.name);
  const types = loggedColumnsOf(target);
  const out: TableRows[] = [];
  for (const change of changes) {
    if (change.table !== storage) continue;
    const last = out[out.length - 1];
    if (change.op === 'update') {
      if (JSON.stringify(change.before) === JSON.stringify(change.after)) continue;
      if (last?.op === 'update') {
        (last.rows as CellValue[][]).push(change.before!);
        (last.after as CellValue[][]).push(change.after!);
      } else out.push({ database: target.database, table: target.name, op: 'update', columns, rows: [change.before!], after: [change.after!], types });
      continue;
    }
    const row = change.op === 'insert' ? change.after! : change.before!;
    if (last?.op === change.op) (last.rows as CellValue[][]).push(row);
    else out.push({ database: target.database, table: target.name, op: change.op, columns, rows: [row], types });
  }
  return out;
}

/** A table's columns as its row events' Table_map records them. */
export function loggedColumnsOf(target: TableDef): LoggedColumn[] {
  return target.columns.map((c) => ({ type: c.type, nullable: c.nullable, charset: isBinaryType(c.type) ? 'binary' : target.charset }));
}

function keyNameOf(target: TableDef, columns: readonly string[]): string {
  const lower = columns.map((c) => c.toLowerCase());
  const same = (cols: readonly string[]) => cols.length === lower.length && cols.every((c, i) => c.toLowerCase() === lower[i]);
  if (same(target.primaryKey)) return `${target.name}.PRIMARY`;
  const index = target.indexes.find((i) => i.unique && same(i.columns));
  return `${target.name}.${index?.name ?? columns[0]}`;
}

/** Which row (1-based) of a multi-row INSERT fails, and SQLite's error for it. */
function failingRow(db: ServerDatabase, translation: DmlTranslation): { row: number; error: string; values: string[] } | null {
  if (!translation.rows || !translation.columns || translation.rows.length === 0) return null;
  const storage = sqliteIdent(storageName(translation.target.database, translation.target.name));
  const verb = translation.kind === 'replace' ? 'REPLACE' : translation.ignore ? 'INSERT OR IGNORE' : 'INSERT';
  const cols = translation.columns.map((c) => sqliteIdent(c.name)).join(', ');
  db.db.exec('SAVEPOINT find_row');
  try {
    for (let i = 0; i < translation.rows.length; i += 1) {
      const values = translation.rows[i]!;
      try {
        db.db.exec(`${verb} INTO ${storage} (${cols}) VALUES (${values.join(', ')})`);
      } catch (error) {
        return { row: i + 1, error: message(error), values };
      }
    }
    return null;
  } finally {
    db.db.exec('ROLLBACK TO find_row');
    db.db.exec('RELEASE find_row');
  }
}

function evaluate(db: ServerDatabase, sql: string): CellValue {
  try {
    const result = db.query(`SELECT ${sql}`);
    return result.rows[0]?.[0] ?? null;
  } catch {
    return null;
  }
}

/** Turns a constraint failure into MySQL's error, finding the row and value it was about. */
function constraintError(db: ServerDatabase, translation: DmlTranslation, text: string, env: QueryEnv, nodes: readonly Node[]): MysqlError {
  const target = translation.target;
  const found = /constraint failed/i.test(text) ? failingRow(db, translation) : null;
  const errorText = found?.error ?? text;
  const row = found?.row ?? 1;
  let m = /^UNIQUE constraint failed: (.+)$/.exec(errorText);
  if (m) {
    const columns = m[1]!.split(', ').map((c) => c.slice(c.lastIndexOf('.') + 1));
    let value = '';
    if (found && translation.columns) {
      value = columns.map((c) => {
        const at = translation.columns!.findIndex((x) => x.name.toLowerCase() === c.toLowerCase());
        const v = at >= 0 ? evaluate(db, found.values[at]!) : null;
        return v === null ? 'NULL' : String(v);
      }).join('-');
    }
    return mysqlErrors.duplicateEntry(value, keyNameOf(target, columns));
  }
  m = /^NOT NULL constraint failed: (.+)$/.exec(errorText);
  if (m) return mysqlErrors.cannotBeNull(m[1]!.slice(m[1]!.lastIndexOf('.') + 1));
  m = /^CHECK constraint failed: (.+)$/.exec(errorText);
  if (m) {
    const column = target.columns.find((c) => lengthCheckName(c.name) === m![1]);
    if (column) return mysqlErrors.tooLong(column.name, row);
  }
  if (/FOREIGN KEY constraint failed/.test(errorText)) {
    if (translation.kind === 'delete' || (translation.kind === 'update' && referencingTables(db, target.database, target.name).length > 0 && target.foreignKeys.length === 0)) {
      const ref = referencingTables(db, target.database, target.name).find((r) => r.fk.onDelete === 'RESTRICT' || r.fk.onDelete === 'NO ACTION') ?? referencingTables(db, target.database, target.name)[0];
      if (ref) return mysqlErrors.parentRow(foreignKeyText(ref.child, ref.fk));
    }
    const fk = target.foreignKeys[0];
    if (fk) return mysqlErrors.childRow(foreignKeyText(target, fk));
  }
  return sqliteError(new Error(errorText), env, nodes);
}

/** Runs an INSERT/REPLACE/UPDATE/DELETE translation. */
export function runWrite(db: ServerDatabase, translation: DmlTranslation, env: QueryEnv & { systemTables: Map<string, FilledSystemTable> }, nodes: readonly Node[]): WriteResult {
  fillSystemTables(db, env.systemTables);
  db.clearCaptured();
  let direct: number;
  try {
    direct = db.run(translation.sql);
  } catch (error) {
    const text = message(error);
    if (/constraint failed/i.test(text)) return { ok: false, error: constraintError(db, translation, text, env, nodes) };
    return { ok: false, error: sqliteError(error, env, nodes) };
  }
  const all = db.captured();
  db.clearCaptured();
  const changes = rowEvents(all, translation.target);
  const storage = storageName(translation.target.database, translation.target.name);
  const onTarget = all.filter((c) => c.table === storage);
  // LAST_INSERT_ID() is the first id generated by a multi-row insert.
  const autoColumn = translation.target.columns.findIndex((c) => c.autoIncrement);
  const firstInsert = onTarget.find((c) => c.op === 'insert');
  const insertId = autoColumn >= 0 && firstInsert?.after ? Number(firstInsert.after[autoColumn] ?? 0) : 0;
  switch (translation.kind) {
    case 'update': {
      const matched = onTarget.filter((c) => c.op === 'update').length;
      const changed = onTarget.filter((c) => c.op === 'update' && JSON.stringify(c.before) !== JSON.stringify(c.after)).length;
      return { ok: true, affected: changed, info: `Rows matched: ${matched}  Changed: ${changed}  Warnings: 0`, warnings: 0, changes, all, insertId: 0 };
    }
    case 'delete':
      return { ok: true, affected: onTarget.filter((c) => c.op === 'delete').length, info: null, warnings: 0, changes, all, insertId: 0 };
    default: {
      const inserted = onTarget.filter((c) => c.op === 'insert').length;
      const updated = onTarget.filter((c) => c.op === 'update' && JSON.stringify(c.before) !== JSON.stringify(c.after)).length;
      const deleted = onTarget.filter((c) => c.op === 'delete').length;
      const records = translation.rows ? translation.rows.length : direct;
      const ignored = translation.ignore ? records - inserted : 0;
      const affected = translation.kind === 'replace' ? inserted + deleted : inserted + 2 * updated;
      const multi = !translation.rows || translation.rows.length > 1;
      const info = multi ? `Records: ${records}  Duplicates: ${translation.kind === 'replace' ? deleted : ignored + updated}  Warnings: ${ignored}` : null;
      return { ok: true, affected, info, warnings: ignored, changes, all, insertId: inserted > 0 ? insertId : 0 };
    }
  }
}
