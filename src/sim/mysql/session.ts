/**
 * A client's connection to a server, as plain data kept in the terminal's session: who logged in
 * (as the server sees them), the current database, session variables, user variables and an open
 * transaction's uncommitted changes.
 */
import type { CellValue } from './generate';
import type { ChangeEvent, DataVersion, StatementCounts } from './state';
import type { StatementEvent } from './pfs';

export interface MysqlTransaction {
  /** The server's data when the transaction began. */
  base: DataVersion;
  /** That data plus this transaction's changes (what this connection reads). */
  version: DataVersion;
  events: readonly ChangeEvent[];
  /** Epoch seconds InnoDB started it: its first read of a table or write (absent: not yet). */
  started?: number;
}

export interface MysqlSession {
  /** The host of the server. */
  host: string;
  /** The user name given at login. */
  user: string;
  /** The client's host as the server sees it: `localhost` over the socket, else the client's name. */
  clientHost: string;
  /** The account the login matched (CURRENT_USER()). */
  account: { user: string; host: string };
  database: string | null;
  /** Connection id (CONNECTION_ID(), SHOW PROCESSLIST). */
  id: number;
  /** Epoch seconds mysqld started when this connection was made (a restart ends it). */
  serverStartedAt: number;
  /** Clock seconds the connection was made. */
  since: number;
  /** Session variables set on this connection (lower-case names → SHOW VARIABLES text). */
  vars: Readonly<Record<string, string>>;
  userVars: Readonly<Record<string, CellValue>>;
  tx: MysqlTransaction | null;
  lastInsertId: number;
  /** ROW_COUNT(): rows the last statement changed, -1 after one that returned rows (absent: 0). */
  rowCount?: number;
  /** SHOW WARNINGS of the last statement: `Level|Code|Message`. */
  warnings: readonly string[];
  /** Over TCP (host given) or the local socket. */
  tcp: boolean;
  /** This connection's statement counters (SHOW SESSION STATUS); absent: none yet. */
  counts?: StatementCounts;
  /** performance_schema's statement events of this connection: its last ten statements. */
  statements?: readonly StatementEvent[];
  /** KILL ended this connection (the server closed it: the client finds out at its next statement). */
  killed?: boolean;
  /** A BINLOG statement gave this connection a Format_description event (the other events' BINLOG statements need one first). */
  binlogFormat?: boolean;
}
