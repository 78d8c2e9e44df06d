/**
 * Applying one committed change to a server's data, as a replica's SQL thread applies a binary-log
 * event: row events row by row (found by primary key, so a missing row is an error, and foreign
 * keys do their own cascades), statements (DDL) run again in their database. Reopening a world's
 * state replays its changes the same way.
 */
import { lex } from './lexer';
import { buildTree } from './tree';
import { ddlKind, runDdl } from './ddl';
import type { ServerDatabase } from './database';
import { sqliteIdent, storageName, type TableDef } from './catalog';
import type { ChangeEvent, TableRows } from './state';
import type { CellValue } from './generate';

export type ApplyResult = { ok: true } | { ok: false; errno: number; message: string };

const EVENT_NAMES = { insert: 'Write_rows', delete: 'Delete_rows', update: 'Update_rows' } as const;

function keyColumns(table: TableDef, columns: readonly string[]): number[] {
  const key = table.primaryKey.length ? table.primaryKey : table.indexes.find((i) => i.unique)?.columns ?? columns;
  return key.map((k) => columns.findIndex((c) => c.toLowerCase() === k.toLowerCase())).filter((i) => i >= 0);
}

function applyRows(db: ServerDatabase, rows: TableRows): ApplyResult {
  const table = db.table(rows.database, rows.table);
  const eventName = EVENT_NAMES[rows.op];
  if (!table) return { ok: false, errno: 1146, message: `Error executing row event: 'Table '${rows.database}.${rows.table}' doesn't exist'` };
  const storage = sqliteIdent(storageName(table.database, table.name));
  const present = rows.columns.map((c, i) => ({ name: table.columns.find((x) => x.name.toLowerCase() === c.toLowerCase())?.name, i })).filter((c): c is { name: string; i: number } => c.name !== undefined);
  const keys = keyColumns(table, rows.columns);
  const where = keys.map((k) => `${sqliteIdent(rows.columns[k]!)} IS ?`).join(' AND ');
  const keyValues = (row: readonly CellValue[]) => keys.map((k) => row[k] ?? null);
  try {
    if (rows.op === 'insert') {
      const statement = db.db.prepare(`INSERT INTO ${storage} (${present.map((c) => sqliteIdent(c.name)).join(', ')}) VALUES (${present.map(() => '?').join(', ')})`);
      try {
        for (const row of rows.rows) statement.run(present.map((c) => row[c.i] ?? null));
      } finally {
        statement.free();
      }
      return { ok: true };
    }
    if (rows.op === 'delete') {
      const statement = db.db.prepare(`DELETE FROM ${storage} WHERE ${where}`);
      try {
        for (const row of rows.rows) {
          statement.run(keyValues(row));
          if (db.db.getRowsModified() === 0) return notFound(eventName, table);
        }
      } finally {
        statement.free();
      }
      return { ok: true };
    }
    const statement = db.db.prepare(`UPDATE ${storage} SET ${present.map((c) => `${sqliteIdent(c.name)} = ?`).join(', ')} WHERE ${where}`);
    try {
      rows.rows.forEach((before, index) => {
        const after = rows.after?.[index] ?? before;
        statement.run([...present.map((c) => after[c.i] ?? null), ...keyValues(before)]);
        if (db.db.getRowsModified() === 0) throw new NotFound();
      });
    } finally {
      statement.free();
    }
    return { ok: true };
  } catch (error) {
    if (error instanceof NotFound) return notFound(eventName, table);
    const text = error instanceof Error ? error.message : String(error);
    if (/UNIQUE constraint failed/.test(text)) return { ok: false, errno: 1062, message: `Could not execute ${eventName} event on table ${table.database}.${table.name}; Duplicate entry for key '${table.name}.PRIMARY', Error_code: 1062; handler error HA_ERR_FOUND_DUPP_KEY` };
    if (/FOREIGN KEY constraint failed/.test(text)) return { ok: false, errno: 1452, message: `Could not execute ${eventName} event on table ${table.database}.${table.name}; Cannot add or update a child row: a foreign key constraint fails, Error_code: 1452; handler error HA_ERR_NO_REFERENCED_ROW` };
    return { ok: false, errno: 1105, message: `Could not execute ${eventName} event on table ${table.database}.${table.name}; ${text}` };
  }
}

class NotFound extends Error {}

function notFound(eventName: string, table: TableDef): ApplyResult {
  return { ok: false, errno: 1032, message: `Could not execute ${eventName} event on table ${table.database}.${table.name}; Can't find record in '${table.name}', Error_code: 1032; handler error HA_ERR_KEY_NOT_FOUND` };
}

/**
 * Applies a change. A failed change leaves the data as it was (it runs in a savepoint).
 * Statements that are not about data (accounts) are left to the caller.
 */
export function applyChange(db: ServerDatabase, event: ChangeEvent): ApplyResult {
  const fk = db.foreignKeysOn;
  // foreign_keys can only change outside a transaction, so it is set before the savepoint.
  db.setForeignKeys(event.fkChecks);
  try {
    if (event.kind === 'rows') {
      db.db.exec('SAVEPOINT apply_change');
      let result: ApplyResult = { ok: true };
      for (const rows of event.changes) {
        result = applyRows(db, rows);
        if (!result.ok) break;
      }
      if (!result.ok) db.db.exec('ROLLBACK TO apply_change');
      db.db.exec('RELEASE apply_change');
      return result;
    }
    const lexed = lex(event.sql);
    const kind = lexed.ok ? ddlKind(lexed.tokens) : null;
    const tree = lexed.ok ? buildTree(lexed.tokens) : null;
    if (!kind || !tree?.ok) return { ok: true };
    // DDL checks everything before it changes anything, so it needs no savepoint.
    const outcome = runDdl(db, event.sql, tree.nodes, kind, event.database, event.fkChecks, event.at);
    if (outcome.ok) return { ok: true };
    const errno = 'error' in outcome ? outcome.error.code : 1235;
    const text = 'error' in outcome ? outcome.error.message : `This version of MySQL doesn't yet support '${outcome.unsupported}'`;
    return { ok: false, errno, message: `Error '${text}' on query. Default database: '${event.database ?? ''}'. Query: '${event.sql}'` };
  } finally {
    db.clearCaptured();
    db.setForeignKeys(fk);
  }
}
