/**
 * The binary log's layout: each committed transaction as MySQL 8.0.19 writes it (an
 * Anonymous_Gtid event, then BEGIN, Table_map and row events of at most 8 kB, and Xid; or one
 * Query event for DDL), with the byte positions SHOW MASTER STATUS, SHOW BINLOG EVENTS,
 * mysqlbinlog and a replica's positions all agree on. Table_map and row events are their real
 * bytes (binlog-codec.ts), so their sizes are those bytes' lengths; the others' sizes follow their
 * real structure.
 */
import { hashString } from './generate';
import { eventSize, FORMAT_DESCRIPTION_SIZE, NO_FOREIGN_KEY_CHECKS_F, rowChunks, rowsBody, STMT_END_F, tableMapBody } from './binlog-codec';
import { append, at, type ListView } from './log';
import { rotateEventSize, STOP_EVENT_SIZE } from './binlog-history';
import type { BinlogFile, BinlogRecord, BinlogState, ChangeEvent, TableRows } from './state';

/** End of the Format_description event (after the 4-byte magic number) and of Previous_gtids: where the first transaction starts. */
export const FORMAT_DESCRIPTION_END = 4 + FORMAT_DESCRIPTION_SIZE;
export const FIRST_EVENT_POSITION = 155;

export type LoggedEventType = 'Format_desc' | 'Previous_gtids' | 'Anonymous_Gtid' | 'Query' | 'Table_map' | 'Write_rows' | 'Update_rows' | 'Delete_rows' | 'Xid' | 'Rotate' | 'Stop';

export interface LoggedEvent {
  type: LoggedEventType;
  start: number;
  end: number;
  /** SHOW BINLOG EVENTS' Info column. */
  info: string;
  /** Row events: the rows of this chunk. */
  rows?: TableRows;
  tableId?: number;
  /** The last row event of a statement carries STMT_END_F. */
  last?: boolean;
  /** Table_map and row events: the bytes after the common header, before the checksum (see binlog-codec.ts). */
  body?: Uint8Array;
}

/** A table's id in row events (stable for a table name). */
export function tableId(database: string, table: string): number {
  return 88 + (hashString(`${database}.${table}`) % 200);
}

function queryEventSize(database: string | null, sql: string): number {
  return 19 + 13 + 26 + (database?.length ?? 0) + 1 + new TextEncoder().encode(sql).length + 4;
}

const GTID_SIZE = 79;
const XID_SIZE = 31;

const ROW_TYPE = { insert: 'Write_rows', update: 'Update_rows', delete: 'Delete_rows' } as const;

/** The events of one transaction, laid out from `start`. */
export function transactionEvents(event: ChangeEvent, start: number, xid: number): LoggedEvent[] {
  const out: LoggedEvent[] = [];
  let pos = start;
  const push = (type: LoggedEventType, size: number, info: string, extra: Partial<LoggedEvent> = {}) => {
    out.push({ type, start: pos, end: pos + size, info, ...extra });
    pos += size;
  };
  push('Anonymous_Gtid', GTID_SIZE, "SET @@SESSION.GTID_NEXT= 'ANONYMOUS'");
  if (event.kind === 'query') {
    push('Query', queryEventSize(event.database, event.sql), `${event.database ? `use \`${event.database}\`; ` : ''}${event.sql.replace(/\s+/g, ' ').slice(0, 255)} /* xid=${xid} */`);
    return out;
  }
  push('Query', queryEventSize(event.database, 'BEGIN'), 'BEGIN');
  event.changes.forEach((rows, n) => {
    const id = tableId(rows.database, rows.table);
    const map = tableMapBody(id, rows);
    push('Table_map', eventSize(map), `table_id: ${id} (${rows.database}.${rows.table})`, { tableId: id, body: map });
    const chunks = rowChunks(rows);
    chunks.forEach((chunk, i) => {
      const last = i === chunks.length - 1 && n === event.changes.length - 1;
      const body = rowsBody(id, (last ? STMT_END_F : 0) | (event.fkChecks ? 0 : NO_FOREIGN_KEY_CHECKS_F), chunk);
      push(ROW_TYPE[rows.op], eventSize(body), `table_id: ${id}${last ? ' flags: STMT_END_F' : ''}`, { rows: chunk.rows, tableId: id, last, body });
    });
  });
  push('Xid', XID_SIZE, `COMMIT /* xid=${xid} */`);
  return out;
}

/** Bytes a transaction takes in the log. */
export function transactionSize(event: ChangeEvent): number {
  const events = transactionEvents(event, 0, 0);
  return events[events.length - 1]!.end;
}

export function binlogFileName(basename: string, number: number): string {
  return `${basename}.${String(number).padStart(6, '0')}`;
}

/** A new, empty binary log state whose file was opened at `startedAt`. */
export function openBinlog(name: string, startedAt: number, firstRecord: number, nextXid: number, position = FIRST_EVENT_POSITION): ResolvedBinlog {
  return { files: [{ name, startedAt, firstRecord }], records: { list: { items: [] }, length: 0 }, position, nextXid };
}

/** A binary log whose files, position and next Xid are known. */
export interface ResolvedBinlog extends BinlogState {
  files: readonly BinlogFile[];
  position: number;
  nextXid: number;
}

/** The binary log with the prepared server's values filled in where the state still defers to them. */
export function resolveBinlog(binlog: BinlogState, prepared: { binlogFile: string; binlogStartedAt: number; history: readonly BinlogFile[]; unmodelled: number; serverStartedAt: number; position: number; nextXid: number }): ResolvedBinlog {
  // The files before the first one the scenario writes are still listed (SHOW BINARY LOGS, the index on disk); their events are not modelled.
  const current: BinlogFile = { name: prepared.binlogFile, startedAt: prepared.binlogStartedAt, firstRecord: 0, atStartup: Math.abs(prepared.binlogStartedAt - prepared.serverStartedAt) <= 5, ...(prepared.unmodelled ? { unmodelled: prepared.unmodelled } : {}) };
  return {
    files: binlog.files ?? [...prepared.history, current],
    records: binlog.records,
    position: binlog.position ?? prepared.position,
    nextXid: binlog.nextXid ?? prepared.nextXid,
  };
}

/** Writes a committed transaction at the end of the current file. */
export function appendTransaction(binlog: ResolvedBinlog, event: ChangeEvent, serverId: number, preparedCount: number): { binlog: ResolvedBinlog; record: BinlogRecord } {
  const file = binlog.files[binlog.files.length - 1]!;
  const size = transactionSize(event);
  const sequence = preparedCount + binlog.records.length - file.firstRecord + 1;
  const record: BinlogRecord = { event, file: file.name, start: binlog.position, end: binlog.position + size, serverId, xid: binlog.nextXid, sequence };
  return { binlog: { ...binlog, records: append(binlog.records, record), position: record.end, nextXid: binlog.nextXid + 1 }, record };
}

/**
 * Closes the current file and opens the next: with a Rotate event naming it (FLUSH LOGS), or with a
 * Stop event at a shutdown, the next opened as the server starts (a restart). Files whose last write
 * is older than binlog_expire_logs_seconds are purged as the new file opens.
 */
export function rotateBinlog(binlog: ResolvedBinlog, basename: string, at: number, preparedCount: number, by: 'rotate' | 'stop' = 'rotate', expireSeconds = 2_592_000): ResolvedBinlog {
  const current = binlog.files[binlog.files.length - 1]!;
  const number = Number(current.name.slice(current.name.lastIndexOf('.') + 1)) + 1;
  const name = binlogFileName(basename, number);
  const closed: BinlogFile = { ...current, size: binlog.position + (by === 'stop' ? STOP_EVENT_SIZE : rotateEventSize(name)), closedAt: at, closedBy: by };
  const kept = expireSeconds > 0 ? binlog.files.slice(0, -1).filter((f) => (f.closedAt ?? at) >= at - expireSeconds) : binlog.files.slice(0, -1);
  return { ...binlog, files: [...kept, closed, { name, startedAt: at, firstRecord: preparedCount + binlog.records.length, atStartup: by === 'stop' }], position: FIRST_EVENT_POSITION };
}

/** A record of a server's whole log by index: the prepared ones, then those written since. */
export function recordAt(prepared: readonly BinlogRecord[], written: ListView<BinlogRecord>, index: number): BinlogRecord | undefined {
  return index < prepared.length ? prepared[index] : at(written, index - prepared.length);
}

export function recordCount(prepared: readonly BinlogRecord[], written: ListView<BinlogRecord>): number {
  return prepared.length + written.length;
}

/** A `#200504  8:35:02` timestamp as mysqlbinlog prints event headers. */
export function binlogTimestamp(epoch: number): string {
  const d = new Date(epoch * 1000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(d.getUTCFullYear() % 100)}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())} ${String(d.getUTCHours()).padStart(2)}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}
