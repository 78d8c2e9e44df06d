/**
 * A MySQL server's state on one host, as plain data kept in every world: its rows (the prepared
 * image of the scenario's start plus the changes made since, in order), its binary log, its
 * replication threads, its accounts and global variables. Copy-on-write: a write makes a new
 * state that shares everything else; the rows themselves live in SQLite databases opened on demand
 * (see store.ts), never in the world.
 */
import type { ColumnType } from './catalog';
import type { CellValue } from './generate';
import type { ListView } from './log';

/** The rows one statement changed in one table, as a binary log's row event carries them. */
export interface TableRows {
  database: string;
  table: string;
  op: 'insert' | 'delete' | 'update';
  /** Column names in table order, at the time of the change. */
  columns: readonly string[];
  /** Insert: the new rows; delete: the old rows; update: the rows before. */
  rows: readonly (readonly CellValue[])[];
  /** Update only: the rows after, in the same order. */
  after?: readonly (readonly CellValue[])[];
  /** The columns' definitions at the time of the change, as the Table_map event records them. */
  types?: readonly LoggedColumn[];
}

/** A column as the binary log's Table_map records it: its type, whether it takes NULL, its character set. */
export interface LoggedColumn {
  type: ColumnType;
  nullable: boolean;
  charset?: string;
}

/**
 * One committed change to a server's data: row changes (replayed row by row, with foreign keys
 * doing their cascades as on a replica) or a statement (DDL, replayed as written).
 */
export type ChangeEvent =
  | { kind: 'rows'; at: number; database: string | null; changes: readonly TableRows[]; fkChecks: boolean; sql?: string; thread?: number }
  | { kind: 'query'; at: number; database: string | null; sql: string; fkChecks: boolean; thread?: number };

/** Where a server's data starts: its prepared image (see prepare.ts) for this world's start. */
export interface DataOrigin {
  /** The host whose server this is. */
  host: string;
  /** The scenario's start clock (the image holds the data as of then). */
  clock: number;
}

/** The data of a server: its origin plus every change since, in order. */
export interface DataVersion {
  origin: DataOrigin;
  changes: ListView<ChangeEvent>;
}

/** One transaction in a binary log file, with its positions. */
export interface BinlogRecord {
  event: ChangeEvent;
  file: string;
  /** Byte offset where the transaction starts (its GTID event) and where it ends (after its Xid or Query). */
  start: number;
  end: number;
  serverId: number;
  /** The Xid of its commit (row transactions). */
  xid: number;
  /** Transactions in a binlog are numbered (`sequence_number`) from 1 in each file. */
  sequence: number;
}

export interface BinlogFile {
  name: string;
  /** Epoch seconds when the file was opened. */
  startedAt: number;
  /** Index (in the server's whole log: the prepared records, then those written since) of its first record. */
  firstRecord: number;
  /** The file's size once it was closed (rotated); the open file's size is the log's position. */
  size?: number;
  /** When it was closed, and by what: a Rotate event (FLUSH LOGS, max_binlog_size) or a Stop event (a shutdown). */
  closedAt?: number;
  closedBy?: 'rotate' | 'stop';
  /** Bytes of events the drill does not model, from the end of Previous_gtids on (a file from before the scenario's history). */
  unmodelled?: number;
  /** Whether mysqld opened it as it started (its format description says so). */
  atStartup?: boolean;
}

/**
 * A server's binary log. At the start the files, position and next Xid are those of the
 * prepared server (null here: they are only known once the engine has run the scenario's
 * events); the first write makes them concrete.
 */
export interface BinlogState {
  /** Files in order; the last is being written. */
  files: readonly BinlogFile[] | null;
  /** Records written since the scenario's start (those before are in the prepared server). */
  records: ListView<BinlogRecord>;
  /** Where the next transaction starts in the current file. */
  position: number | null;
  nextXid: number | null;
}

export interface ReplicationError {
  errno: number;
  message: string;
  /** Epoch seconds. */
  at: number;
}

/** A replica's threads, positions and delay, all in terms of its source's binary log. */
export interface ReplicaState {
  source: string;
  delaySeconds: number;
  user: string;
  ioRunning: boolean;
  sqlRunning: boolean;
  /** How many of the source's records the I/O thread has copied to the relay log (null: as prepared). */
  read: number | null;
  /** How many of those the SQL thread has applied (null: as prepared). */
  executed: number | null;
  /** Clock seconds when each thread last started (processlist `Time`). */
  ioSince: number;
  sqlSince: number;
  lastSqlError?: ReplicationError;
  lastIoError?: ReplicationError;
  /**
   * START SLAVE UNTIL's condition, kept (SHOW SLAVE STATUS shows it) until the SQL thread is next
   * started without one: `Master`/`Relay` stop the thread once it has applied to the position
   * (`file` and `pos`); the GTID conditions never meet an anonymous transaction.
   */
  until?: { condition: 'Master' | 'Relay' | 'SQL_BEFORE_GTIDS' | 'SQL_AFTER_GTIDS'; file: string; pos: number };
}

export interface AccountState {
  user: string;
  host: string;
  password: string | null;
  plugin: 'caching_sha2_password' | 'mysql_native_password' | 'auth_socket';
  /** As SHOW GRANTS prints them. */
  grants: readonly string[];
  locked: boolean;
  /** Whether the trainee knows the password (the scenario says so, or they set it): the drill types it at `Enter password:`. */
  known: boolean;
}

/**
 * One application's pooled connections to a server (its driver keeps them open between requests):
 * opened when the app's unit starts (or mysqld does, while the app runs), closed when either stops.
 */
export interface PoolState {
  /** The app's host (world id) and its systemd unit. */
  client: string;
  unit: string;
  user: string;
  database: string | null;
  /** Connection ids, in the order the pool opened them. */
  ids: readonly number[];
  /** Clock seconds each connection last ran a statement (processlist `Time` counts from it), same order. */
  used: readonly number[];
}

/** Statement counters (SHOW STATUS `Questions`, `Com_select`…) since mysqld started, or for one connection. */
export interface StatementCounts {
  questions: number;
  select: number;
  insert: number;
  update: number;
  delete: number;
  /** The other Com_ counters (names without `Com_`) that have counted something; absent: none. */
  other?: Readonly<Record<string, number>>;
}

export interface MysqlState {
  data: DataVersion;
  binlog: BinlogState;
  replica?: ReplicaState;
  accounts: readonly AccountState[];
  /** Global variables changed from their start values (`read_only`, `super_read_only`, `max_connections`). */
  globals: Readonly<Record<string, string>>;
  /** Epoch seconds when mysqld started (Uptime). */
  startedAt: number;
  /** Connections accepted since mysqld started: the next connection id is this plus one. */
  connections: number;
  /** Statements run since mysqld started (status `Questions`). */
  questions: number;
  /** Com_select, Com_insert, Com_update, Com_delete since mysqld started (absent: none since the start counts). */
  com?: Omit<StatementCounts, 'questions'>;
  /** The applications' pooled connections (absent: none). */
  pools?: readonly PoolState[];
}
