/**
 * The system tables people query: information_schema (SCHEMATA, TABLES, COLUMNS, STATISTICS,
 * KEY_COLUMN_USAGE, TABLE_CONSTRAINTS, REFERENTIAL_CONSTRAINTS, PROCESSLIST, USER_PRIVILEGES),
 * mysql.user / mysql.db, performance_schema.threads and events_statements_summary_by_digest (from
 * the binary log since the start), sys.processlist, sys.session, sys.version and
 * sys.schema_table_statistics, made from the catalog, the server's accounts, its processlist and
 * its row changes when a query names them; TABLES and COLUMNS list the system schemas too.
 */
import type { ServerDatabase } from './database';
import type { FilledSystemTable } from './query';
import type { ScopeColumn, ValueType } from './expressions';
import { describeDefault, extraFlag, keyFlag, lengthLimit, scaleOf, typeText, isTextType, isDecimalType, isIntegerType, type TableDef } from './catalog';
import type { AccountState, TableRows } from './state';
import type { ProcessRow } from './processlist';
import { privilegesOf, GLOBAL_PRIVILEGES } from './grants';
import { datetimeText, hashString, type CellValue } from './generate';
import { digestRows, type RanStatement } from './digest';
import { INFORMATION_SCHEMA_VIEWS, MYSQL_SCHEMA_TABLES, PERFORMANCE_SCHEMA_TABLES, SYS_VIEWS } from './system-names';
import { emptyTableColumns, SETUP_ACTORS, SETUP_CONSUMERS, SETUP_OBJECTS, STATEMENT_EVENT_COLUMNS, statementEventRow, type StatementEvent } from './pfs';

export interface SystemSources {
  db: ServerDatabase;
  accounts: readonly AccountState[];
  processes: () => ProcessRow[];
  /** Databases the session may see. */
  visible: (database: string) => boolean;
  now: number;
  /** performance_schema's replication tables' rows (null: not a replica). */
  replication: () => ReplicationRows | null;
  /** mysql.slave_master_info's, slave_relay_log_info's and slave_worker_info's rows (none on a server that is not a replica). */
  repositories: () => Record<'master' | 'relay' | 'worker', CellValue[][]>;
  /** The open transactions of the connections (information_schema.INNODB_TRX). */
  transactions: () => OpenTransaction[];
  /** What the server ran since it started, for the statement digests. */
  statements: () => RanStatement[];
  /** The row changes the server made since it started (sys.schema_table_statistics). */
  changes: () => TableRows[];
  /** This connection's statement events: its last ones, and the one running now. */
  ownStatements: () => { history: readonly StatementEvent[]; current: StatementEvent; connectionId: number; serverStart: number };
  /** SHOW GLOBAL/SESSION VARIABLES' and STATUS's rows (performance_schema's variable and status tables). */
  variables: (scope: 'global' | 'session') => [string, string][];
  status: (scope: 'global' | 'session') => [string, string][];
}

export type ReplicationRows = Record<'connectionConfiguration' | 'connectionStatus' | 'applierConfiguration' | 'applierStatus' | 'byCoordinator' | 'byWorker', CellValue[][]>;

/** A connection's transaction as InnoDB has it: started at its first read or write. */
export interface OpenTransaction {
  connectionId: number;
  /** Epoch seconds of its first statement. */
  started: number;
  /** Rows it changed (0: a read-only transaction so far). */
  rowsModified: number;
  /** The statement the connection is running (its own: this one), or null. */
  query: string | null;
  isolation: string;
  fkChecks: boolean;
  uniqueChecks: boolean;
  /** A stable number for its id. */
  seed: number;
}

const S: ValueType = { kind: 'string', notNull: false };
const SN: ValueType = { kind: 'string', notNull: true };
const I: ValueType = { kind: 'int', notNull: false };
const IN: ValueType = { kind: 'int', notNull: true };
const D: ValueType = { kind: 'datetime', notNull: false };
const DN: ValueType = { kind: 'datetime', notNull: true };
const DEC3: ValueType = { kind: 'decimal', scale: 3, notNull: true };

function cols(spec: [string, ValueType][]): ScopeColumn[] {
  return spec.map(([name, type]) => ({ name, type }));
}

const SYSTEM_DBS = [
  { name: 'information_schema', charset: 'utf8', collation: 'utf8_general_ci' },
  { name: 'mysql', charset: 'utf8mb4', collation: 'utf8mb4_0900_ai_ci' },
  { name: 'performance_schema', charset: 'utf8mb4', collation: 'utf8mb4_0900_ai_ci' },
  { name: 'sys', charset: 'utf8mb4', collation: 'utf8mb4_0900_ai_ci' },
];

function userTables(src: SystemSources): TableDef[] {
  return [...src.db.catalog().tables.values()].filter((t) => src.visible(t.database)).sort((a, b) => (a.database + '.' + a.name < b.database + '.' + b.name ? -1 : 1));
}

/** A rough size of a table's data (information_schema.TABLES, SHOW TABLE STATUS): 16 kB pages. */
export function dataLength(rows: number, columns: number): number {
  return Math.max(16384, Math.ceil((rows * (40 + columns * 12)) / 16384) * 16384);
}

function dataType(t: TableDef['columns'][number]['type']): string {
  return t.base;
}

function passwordHash(account: AccountState): string {
  if (account.plugin === 'auth_socket' || account.password === null) return '';
  const h = (k: number) => hashString(`${account.user}@${account.host}:${account.password}:${k}`).toString(16).padStart(8, '0').toUpperCase();
  if (account.plugin === 'mysql_native_password') return `*${h(1)}${h(2)}${h(3)}${h(4)}${h(5)}`;
  const salt = (h(6) + h(7)).slice(0, 20).replace(/[0-9]/g, (d) => 'ghijklmnop'[Number(d)]!);
  return `$A$005$${salt}${(h(8) + h(9) + h(10) + h(11) + h(12) + h(13)).slice(0, 43)}`;
}

const USER_PRIV_COLUMNS: [string, string][] = [
  ['Select_priv', 'SELECT'], ['Insert_priv', 'INSERT'], ['Update_priv', 'UPDATE'], ['Delete_priv', 'DELETE'], ['Create_priv', 'CREATE'], ['Drop_priv', 'DROP'], ['Reload_priv', 'RELOAD'], ['Shutdown_priv', 'SHUTDOWN'], ['Process_priv', 'PROCESS'], ['File_priv', 'FILE'], ['Grant_priv', 'GRANT OPTION'], ['References_priv', 'REFERENCES'], ['Index_priv', 'INDEX'], ['Alter_priv', 'ALTER'], ['Show_db_priv', 'SHOW DATABASES'], ['Super_priv', 'SUPER'], ['Create_tmp_table_priv', 'CREATE TEMPORARY TABLES'], ['Lock_tables_priv', 'LOCK TABLES'], ['Execute_priv', 'EXECUTE'], ['Repl_slave_priv', 'REPLICATION SLAVE'], ['Repl_client_priv', 'REPLICATION CLIENT'], ['Create_view_priv', 'CREATE VIEW'], ['Show_view_priv', 'SHOW VIEW'], ['Create_routine_priv', 'CREATE ROUTINE'], ['Alter_routine_priv', 'ALTER ROUTINE'], ['Create_user_priv', 'CREATE USER'], ['Event_priv', 'EVENT'], ['Trigger_priv', 'TRIGGER'], ['Create_tablespace_priv', 'CREATE TABLESPACE'],
];

type Maker = { columns: ScopeColumn[]; rows: (src: SystemSources) => CellValue[][] };

const INFORMATION_SCHEMA: Record<string, Maker> = {
  SCHEMATA: {
    columns: cols([['CATALOG_NAME', SN], ['SCHEMA_NAME', SN], ['DEFAULT_CHARACTER_SET_NAME', SN], ['DEFAULT_COLLATION_NAME', SN], ['SQL_PATH', S], ['DEFAULT_ENCRYPTION', SN]]),
    rows: (src) => [...SYSTEM_DBS, ...[...src.db.catalog().databases.values()]].filter((d) => d.name === 'information_schema' || src.visible(d.name)).sort((a, b) => (a.name < b.name ? -1 : 1)).map((d) => ['def', d.name, d.charset, d.collation, null, 'NO']),
  },
  TABLES: {
    columns: cols([['TABLE_CATALOG', SN], ['TABLE_SCHEMA', SN], ['TABLE_NAME', SN], ['TABLE_TYPE', SN], ['ENGINE', S], ['VERSION', I], ['ROW_FORMAT', S], ['TABLE_ROWS', I], ['AVG_ROW_LENGTH', I], ['DATA_LENGTH', I], ['MAX_DATA_LENGTH', I], ['INDEX_LENGTH', I], ['DATA_FREE', I], ['AUTO_INCREMENT', I], ['CREATE_TIME', D], ['UPDATE_TIME', D], ['CHECK_TIME', D], ['TABLE_COLLATION', S], ['CHECKSUM', I], ['CREATE_OPTIONS', S], ['TABLE_COMMENT', S]]),
    rows: (src) => [...systemTableRows(src), ...userTables(src).map((t) => {
      const rows = src.db.count(t.database, t.name);
      const data = dataLength(rows, t.columns.length);
      return ['def', t.database, t.name, 'BASE TABLE', t.engine, 10, 'Dynamic', rows, rows ? Math.floor(data / rows) : 0, data, 0, t.indexes.length * 16384, 0, src.db.nextAutoIncrement(t), datetimeText(t.createdAt), null, null, t.collation, null, '', t.comment ?? ''];
    })].sort((a, b) => (`${a[1]}.${a[2]}` < `${b[1]}.${b[2]}` ? -1 : 1)),
  },
  COLUMNS: {
    columns: cols([['TABLE_CATALOG', SN], ['TABLE_SCHEMA', SN], ['TABLE_NAME', SN], ['COLUMN_NAME', S], ['ORDINAL_POSITION', IN], ['COLUMN_DEFAULT', S], ['IS_NULLABLE', SN], ['DATA_TYPE', S], ['CHARACTER_MAXIMUM_LENGTH', I], ['CHARACTER_OCTET_LENGTH', I], ['NUMERIC_PRECISION', I], ['NUMERIC_SCALE', I], ['DATETIME_PRECISION', I], ['CHARACTER_SET_NAME', S], ['COLLATION_NAME', S], ['COLUMN_TYPE', SN], ['COLUMN_KEY', SN], ['EXTRA', S], ['PRIVILEGES', S], ['COLUMN_COMMENT', SN], ['GENERATION_EXPRESSION', SN], ['SRS_ID', I]]),
    rows: (src) => [...systemColumnRows(src), ...userTables(src).flatMap((t) => t.columns.map((c, i) => {
      const text = isTextType(c.type);
      const limit = lengthLimit(c.type);
      return ['def', t.database, t.name, c.name, i + 1, describeDefault(c), c.nullable ? 'YES' : 'NO', dataType(c.type), text ? limit ?? 65535 : null, text ? (limit ?? 65535) * 4 : null, isIntegerType(c.type) ? ({ tinyint: 3, smallint: 5, mediumint: 7, int: 10, bigint: 19 } as Record<string, number>)[c.type.base] ?? 10 : isDecimalType(c.type) ? Number(c.type.args[0] ?? 10) : null, isIntegerType(c.type) ? 0 : isDecimalType(c.type) ? scaleOf(c.type) : null, c.type.base === 'datetime' || c.type.base === 'timestamp' ? 0 : null, text ? 'utf8mb4' : null, text ? t.collation : null, typeText(c.type), keyFlag(t, c.name), extraFlag(c), 'select,insert,update,references', c.comment ?? '', '', null];
    }))],
  },
  STATISTICS: {
    columns: cols([['TABLE_CATALOG', SN], ['TABLE_SCHEMA', SN], ['TABLE_NAME', SN], ['NON_UNIQUE', IN], ['INDEX_SCHEMA', SN], ['INDEX_NAME', S], ['SEQ_IN_INDEX', IN], ['COLUMN_NAME', S], ['COLLATION', S], ['CARDINALITY', I], ['SUB_PART', I], ['PACKED', S], ['NULLABLE', SN], ['INDEX_TYPE', SN], ['COMMENT', SN], ['INDEX_COMMENT', SN], ['IS_VISIBLE', SN], ['EXPRESSION', S]]),
    rows: (src) => userTables(src).flatMap((t) => indexRows(src, t).map((r) => ['def', t.database, t.name, r.nonUnique, t.database, r.key, r.seq, r.column, 'A', r.cardinality, null, null, r.nullable, 'BTREE', '', '', 'YES', null])),
  },
  KEY_COLUMN_USAGE: {
    columns: cols([['CONSTRAINT_CATALOG', SN], ['CONSTRAINT_SCHEMA', SN], ['CONSTRAINT_NAME', S], ['TABLE_CATALOG', SN], ['TABLE_SCHEMA', SN], ['TABLE_NAME', SN], ['COLUMN_NAME', S], ['ORDINAL_POSITION', IN], ['POSITION_IN_UNIQUE_CONSTRAINT', I], ['REFERENCED_TABLE_SCHEMA', S], ['REFERENCED_TABLE_NAME', S], ['REFERENCED_COLUMN_NAME', S]]),
    rows: (src) => userTables(src).flatMap((t) => [
      ...t.primaryKey.map((c, i) => ['def', t.database, 'PRIMARY', 'def', t.database, t.name, c, i + 1, null, null, null, null]),
      ...t.indexes.filter((x) => x.unique).flatMap((x) => x.columns.map((c, i) => ['def', t.database, x.name, 'def', t.database, t.name, c, i + 1, null, null, null, null])),
      ...t.foreignKeys.flatMap((fk) => fk.columns.map((c, i) => ['def', t.database, fk.name, 'def', t.database, t.name, c, i + 1, i + 1, fk.refDatabase, fk.refTable, fk.refColumns[i] ?? null])),
    ] as CellValue[][]),
  },
  TABLE_CONSTRAINTS: {
    columns: cols([['CONSTRAINT_CATALOG', SN], ['CONSTRAINT_SCHEMA', SN], ['CONSTRAINT_NAME', S], ['TABLE_SCHEMA', SN], ['TABLE_NAME', SN], ['CONSTRAINT_TYPE', SN], ['ENFORCED', SN]]),
    rows: (src) => userTables(src).flatMap((t) => [
      ...(t.primaryKey.length ? [['def', t.database, 'PRIMARY', t.database, t.name, 'PRIMARY KEY', 'YES']] : []),
      ...t.indexes.filter((x) => x.unique).map((x) => ['def', t.database, x.name, t.database, t.name, 'UNIQUE', 'YES']),
      ...t.foreignKeys.map((fk) => ['def', t.database, fk.name, t.database, t.name, 'FOREIGN KEY', 'YES']),
    ]),
  },
  REFERENTIAL_CONSTRAINTS: {
    columns: cols([['CONSTRAINT_CATALOG', SN], ['CONSTRAINT_SCHEMA', SN], ['CONSTRAINT_NAME', S], ['UNIQUE_CONSTRAINT_CATALOG', SN], ['UNIQUE_CONSTRAINT_SCHEMA', SN], ['UNIQUE_CONSTRAINT_NAME', S], ['MATCH_OPTION', SN], ['UPDATE_RULE', SN], ['DELETE_RULE', SN], ['TABLE_NAME', SN], ['REFERENCED_TABLE_NAME', SN]]),
    rows: (src) => userTables(src).flatMap((t) => t.foreignKeys.map((fk) => ['def', t.database, fk.name, 'def', fk.refDatabase, 'PRIMARY', 'NONE', fk.onUpdate, fk.onDelete, t.name, fk.refTable])),
  },
  PROCESSLIST: {
    columns: cols([['ID', IN], ['USER', SN], ['HOST', SN], ['DB', S], ['COMMAND', SN], ['TIME', IN], ['STATE', S], ['INFO', S]]),
    rows: (src) => src.processes().map((p) => [p.id, p.user, p.host, p.db, p.command, p.time, p.state, p.info]),
  },
  INNODB_TRX: {
    columns: cols([['trx_id', IN], ['trx_state', SN], ['trx_started', DN], ['trx_requested_lock_id', S], ['trx_wait_started', D], ['trx_weight', IN], ['trx_mysql_thread_id', IN], ['trx_query', S], ['trx_operation_state', S], ['trx_tables_in_use', IN], ['trx_tables_locked', IN], ['trx_lock_structs', IN], ['trx_lock_memory_bytes', IN], ['trx_rows_locked', IN], ['trx_rows_modified', IN], ['trx_concurrency_tickets', IN], ['trx_isolation_level', SN], ['trx_unique_checks', IN], ['trx_foreign_key_checks', IN], ['trx_last_foreign_key_error', S], ['trx_adaptive_hash_latched', IN], ['trx_adaptive_hash_timeout', IN], ['trx_is_read_only', IN], ['trx_autocommit_non_locking', IN]]),
    rows: (src) => src.transactions().map((t) => {
      // A transaction that has written has a real id from the trx system; a read-only one a
      // number made from its address (large: 4218…), as 8.0 shows them.
      const writes = t.rowsModified > 0;
      const id = writes ? 10000 + (t.seed % 90000) * 7 : 421000000000000 + (t.seed % 1000000000) * 8;
      const locks = writes ? 2 : 0;
      return [id, 'RUNNING', datetimeText(t.started), null, null, locks + t.rowsModified, t.connectionId, t.query, null, 0, writes ? 1 : 0, locks, writes ? 1136 : 1128, writes ? t.rowsModified : 0, t.rowsModified, 0, t.isolation, t.uniqueChecks ? 1 : 0, t.fkChecks ? 1 : 0, null, 0, 0, 0, 0];
    }),
  },
  USER_PRIVILEGES: {
    columns: cols([['GRANTEE', SN], ['TABLE_CATALOG', SN], ['PRIVILEGE_TYPE', SN], ['IS_GRANTABLE', SN]]),
    rows: (src) => src.accounts.flatMap((a) => {
      const privs = privilegesOf(a.grants);
      const list = GLOBAL_PRIVILEGES.filter((p) => privs.global.privileges.has(p));
      return (list.length ? list : ['USAGE']).map((p) => [`'${a.user}'@'${a.host}'`, 'def', p, privs.global.grantOption ? 'YES' : 'NO']);
    }),
  },
};

/** information_schema.TABLES' rows of the system schemas the session may see (information_schema always). */
function systemTableRows(src: SystemSources): CellValue[][] {
  const created = datetimeText(src.now - 30 * 86400);
  const out: CellValue[][] = INFORMATION_SCHEMA_VIEWS.map((n) => ['def', 'information_schema', n, 'SYSTEM VIEW', null, 10, null, 0, 0, 0, 0, 0, 0, null, created, null, null, null, null, '', '']);
  if (src.visible('mysql')) {
    for (const n of MYSQL_SCHEMA_TABLES) {
      const csv = n === 'general_log' || n === 'slow_log';
      out.push(['def', 'mysql', n, 'BASE TABLE', csv ? 'CSV' : 'InnoDB', 10, csv ? 'Dynamic' : 'Dynamic', csv ? 2 : 0, 0, csv ? 0 : 16384, 0, 0, csv ? 0 : 4194304, null, created, null, null, 'utf8_general_ci', null, n === 'user' || n === 'db' ? 'stats_persistent=0' : '', '']);
    }
  }
  if (src.visible('performance_schema')) for (const n of PERFORMANCE_SCHEMA_TABLES) out.push(['def', 'performance_schema', n, 'BASE TABLE', 'PERFORMANCE_SCHEMA', 10, 'Dynamic', 0, 0, 0, 0, 0, 0, null, created, null, null, 'utf8mb4_0900_ai_ci', null, '', '']);
  if (src.visible('sys')) {
    out.push(['def', 'sys', 'sys_config', 'BASE TABLE', 'InnoDB', 10, 'Dynamic', 6, 2730, 16384, 0, 0, 0, null, created, null, null, 'utf8mb4_0900_ai_ci', null, '', '']);
    for (const n of SYS_VIEWS) out.push(['def', 'sys', n, 'VIEW', null, null, null, null, null, null, null, null, null, null, created, null, null, null, null, null, 'VIEW']);
  }
  return out;
}

/** information_schema.COLUMNS' rows of the system tables the drill models (their columns as it gives them). */
function systemColumnRows(src: SystemSources): CellValue[][] {
  const out: CellValue[][] = [];
  const schemas: [string, Record<string, Maker>][] = [['information_schema', INFORMATION_SCHEMA], ['mysql', MYSQL_TABLES], ['performance_schema', PERFORMANCE_SCHEMA], ['sys', SYS]];
  for (const [schema, makers] of schemas) {
    if (schema !== 'information_schema' && !src.visible(schema)) continue;
    for (const table of Object.keys(makers).sort()) {
      makers[table]!.columns.forEach((c, i) => {
        const kind = c.type.kind;
        const text = kind === 'string';
        const typeName = text ? 'varchar' : kind === 'int' ? 'bigint' : kind === 'datetime' ? 'datetime' : kind === 'decimal' ? 'decimal' : 'varchar';
        const columnType = text ? 'varchar(64)' : kind === 'int' ? 'bigint unsigned' : kind === 'decimal' ? 'decimal(10,3)' : typeName;
        out.push(['def', schema, table, c.name, i + 1, null, c.type.notNull ? 'NO' : 'YES', typeName, text ? 64 : null, text ? 256 : null, kind === 'int' ? 20 : kind === 'decimal' ? 10 : null, kind === 'int' ? 0 : kind === 'decimal' ? 3 : null, kind === 'datetime' ? 0 : null, text ? 'utf8' : null, text ? 'utf8_general_ci' : null, columnType, '', '', 'select', '', '', null]);
      });
    }
  }
  return out;
}

/**
 * An index's rows as SHOW INDEX and information_schema.STATISTICS give them: each column's
 * Cardinality the distinct values of the index's columns up to it in the table's rows (InnoDB's
 * statistics; on tables this small its sampling counts them exactly).
 */
export function indexCardinalities(db: ServerDatabase, t: TableDef): { key: string; nonUnique: number; seq: number; column: string; cardinality: number; nullable: string }[] {
  const out: { key: string; nonUnique: number; seq: number; column: string; cardinality: number; nullable: string }[] = [];
  const nullable = (c: string) => (t.columns.find((x) => x.name === c)?.nullable ? 'YES' : '');
  t.primaryKey.forEach((c, i) => out.push({ key: 'PRIMARY', nonUnique: 0, seq: i + 1, column: c, cardinality: db.distinctCount(t.database, t.name, t.primaryKey.slice(0, i + 1)), nullable: '' }));
  for (const index of t.indexes) index.columns.forEach((c, i) => out.push({ key: index.name, nonUnique: index.unique ? 0 : 1, seq: i + 1, column: c, cardinality: db.distinctCount(t.database, t.name, index.columns.slice(0, i + 1)), nullable: nullable(c) }));
  return out;
}

function indexRows(src: SystemSources, t: TableDef) {
  return indexCardinalities(src.db, t);
}

const DB: ValueType = { kind: 'double', notNull: true };

const MYSQL_TABLES: Record<string, Maker> = {
  // 8.0.19's columns (scripts/mysql_system_tables.sql): Number_of_lines counts them.
  slave_master_info: {
    columns: cols([['Number_of_lines', IN], ['Master_log_name', SN], ['Master_log_pos', IN], ['Host', S], ['User_name', S], ['User_password', S], ['Port', IN], ['Connect_retry', IN], ['Enabled_ssl', IN], ['Ssl_ca', S], ['Ssl_capath', S], ['Ssl_cert', S], ['Ssl_cipher', S], ['Ssl_key', S], ['Ssl_verify_server_cert', IN], ['Heartbeat', DB], ['Bind', S], ['Ignored_server_ids', S], ['Uuid', S], ['Retry_count', IN], ['Ssl_crl', S], ['Ssl_crlpath', S], ['Enabled_auto_position', IN], ['Channel_name', SN], ['Tls_version', S], ['Public_key_path', S], ['Get_public_key', IN], ['Network_namespace', S], ['Master_compression_algorithm', SN], ['Master_zstd_compression_level', IN], ['Tls_ciphersuites', S]]),
    rows: (src) => src.repositories().master,
  },
  slave_relay_log_info: {
    columns: cols([['Number_of_lines', IN], ['Relay_log_name', S], ['Relay_log_pos', I], ['Master_log_name', S], ['Master_log_pos', I], ['Sql_delay', I], ['Number_of_workers', I], ['Id', I], ['Channel_name', SN], ['Privilege_checks_username', S], ['Privilege_checks_hostname', S], ['Require_row_format', IN]]),
    rows: (src) => src.repositories().relay,
  },
  slave_worker_info: {
    columns: cols([['Id', IN], ['Relay_log_name', SN], ['Relay_log_pos', IN], ['Master_log_name', SN], ['Master_log_pos', IN], ['Checkpoint_relay_log_name', SN], ['Checkpoint_relay_log_pos', IN], ['Checkpoint_master_log_name', SN], ['Checkpoint_master_log_pos', IN], ['Checkpoint_seqno', IN], ['Checkpoint_group_size', IN], ['Checkpoint_group_bitmap', SN], ['Channel_name', SN]]),
    rows: (src) => src.repositories().worker,
  },
  user: {
    columns: cols([['Host', SN], ['User', SN], ...USER_PRIV_COLUMNS.map(([c]) => [c, SN] as [string, ValueType]), ['ssl_type', SN], ['ssl_cipher', SN], ['x509_issuer', SN], ['x509_subject', SN], ['max_questions', IN], ['max_updates', IN], ['max_connections', IN], ['max_user_connections', IN], ['plugin', SN], ['authentication_string', S], ['password_expired', SN], ['password_last_changed', D], ['password_lifetime', I], ['account_locked', SN], ['Create_role_priv', SN], ['Drop_role_priv', SN], ['Password_reuse_history', I], ['Password_reuse_time', I], ['Password_require_current', S], ['User_attributes', S]]),
    rows: (src) => [...src.accounts].sort((a, b) => (a.host + a.user < b.host + b.user ? -1 : 1)).map((a) => {
      const privs = privilegesOf(a.grants);
      const flag = (p: string) => (p === 'GRANT OPTION' ? (privs.global.grantOption ? 'Y' : 'N') : privs.global.privileges.has(p) ? 'Y' : 'N');
      return [a.host, a.user, ...USER_PRIV_COLUMNS.map(([, p]) => flag(p)), '', '', '', '', 0, 0, 0, 0, a.plugin, passwordHash(a), 'N', datetimeText(src.now - 20 * 86400), null, a.locked ? 'Y' : 'N', flag('CREATE ROLE'), flag('DROP ROLE'), null, null, null, null];
    }),
  },
  db: {
    columns: cols([['Host', SN], ['Db', SN], ['User', SN], ['Select_priv', SN], ['Insert_priv', SN], ['Update_priv', SN], ['Delete_priv', SN], ['Create_priv', SN], ['Drop_priv', SN], ['Grant_priv', SN], ['References_priv', SN], ['Index_priv', SN], ['Alter_priv', SN]]),
    rows: (src) => src.accounts.flatMap((a) => {
      const privs = privilegesOf(a.grants);
      return [...privs.databases.entries()].map(([db, level]) => [a.host, db, a.user, ...['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'CREATE', 'DROP'].map((p) => (level.privileges.has(p) ? 'Y' : 'N')), level.grantOption ? 'Y' : 'N', ...['REFERENCES', 'INDEX', 'ALTER'].map((p) => (level.privileges.has(p) ? 'Y' : 'N'))]);
    }),
  },
};

/** The server's background threads as performance_schema.threads lists them on 8.0.19 (thread ids 1…). */
const BACKGROUND_THREADS = [
  'sql/main', 'mysys/thread_timer_notifier', 'innodb/io_ibuf_thread', 'innodb/io_log_thread',
  'innodb/io_read_thread', 'innodb/io_read_thread', 'innodb/io_read_thread', 'innodb/io_read_thread',
  'innodb/io_write_thread', 'innodb/io_write_thread', 'innodb/io_write_thread', 'innodb/io_write_thread',
  'innodb/page_flush_coordinator_thread', 'innodb/log_checkpointer_thread', 'innodb/log_closer_thread',
  'innodb/log_flush_notifier_thread', 'innodb/log_flusher_thread', 'innodb/log_write_notifier_thread',
  'innodb/log_writer_thread', 'innodb/srv_lock_timeout_thread', 'innodb/srv_error_monitor_thread',
  'innodb/srv_monitor_thread', 'innodb/buf_resize_thread', 'innodb/srv_master_thread', 'innodb/dict_stats_thread',
  'innodb/fts_optimize_thread', 'mysqlx/worker', 'mysqlx/worker', 'mysqlx/acceptor_network', 'innodb/buf_dump_thread',
  'innodb/clone_gtid_thread', 'innodb/srv_purge_thread', 'innodb/srv_worker_thread', 'innodb/srv_worker_thread',
  'innodb/srv_worker_thread', 'sql/signal_handler', 'mysqlx/acceptor_network',
];

/** performance_schema's THREAD_ID of a connection: after the background threads, in connection order. */
export function threadIdOf(connectionId: number): number {
  return BACKGROUND_THREADS.length + 2 + connectionId;
}

function threadName(p: ProcessRow): string {
  if (p.command === 'Daemon') return 'thread/sql/event_scheduler';
  if (p.user === 'system user') return p.command === 'Connect' ? 'thread/sql/slave_io' : 'thread/sql/slave_sql';
  return 'thread/sql/one_connection';
}

/** A client's host without its port (performance_schema, sys). */
function hostOnly(host: string): string {
  return host.replace(/:\d+$/, '');
}

function connectionType(p: ProcessRow): string | null {
  if (p.command === 'Daemon' || p.user === 'system user') return null;
  return p.host === 'localhost' ? 'Socket' : 'TCP/IP';
}

/** sys's format_pico_time for a statement's latency, from a stable made-up figure. */
function latency(p: ProcessRow): string {
  return `${(0.2 + (hashString(`${p.id}:${p.info ?? ''}`) % 900) / 1000).toFixed(2)} ms`;
}

const DIGEST_COLUMNS: [string, ValueType][] = [
  ['SCHEMA_NAME', S], ['DIGEST', S], ['DIGEST_TEXT', S], ['COUNT_STAR', IN], ['SUM_TIMER_WAIT', IN], ['MIN_TIMER_WAIT', IN], ['AVG_TIMER_WAIT', IN], ['MAX_TIMER_WAIT', IN], ['SUM_LOCK_TIME', IN], ['SUM_ERRORS', IN], ['SUM_WARNINGS', IN], ['SUM_ROWS_AFFECTED', IN], ['SUM_ROWS_SENT', IN], ['SUM_ROWS_EXAMINED', IN], ['SUM_CREATED_TMP_DISK_TABLES', IN], ['SUM_CREATED_TMP_TABLES', IN], ['SUM_SELECT_FULL_JOIN', IN], ['SUM_SELECT_FULL_RANGE_JOIN', IN], ['SUM_SELECT_RANGE', IN], ['SUM_SELECT_RANGE_CHECK', IN], ['SUM_SELECT_SCAN', IN], ['SUM_SORT_MERGE_PASSES', IN], ['SUM_SORT_RANGE', IN], ['SUM_SORT_ROWS', IN], ['SUM_SORT_SCAN', IN], ['SUM_NO_INDEX_USED', IN], ['SUM_NO_GOOD_INDEX_USED', IN], ['FIRST_SEEN', SN], ['LAST_SEEN', SN], ['QUANTILE_95', IN], ['QUANTILE_99', IN], ['QUANTILE_999', IN], ['QUERY_SAMPLE_TEXT', S], ['QUERY_SAMPLE_SEEN', SN], ['QUERY_SAMPLE_TIMER_WAIT', IN],
];

const PERFORMANCE_SCHEMA: Record<string, Maker> = {
  threads: {
    columns: cols([['THREAD_ID', IN], ['NAME', SN], ['TYPE', SN], ['PROCESSLIST_ID', I], ['PROCESSLIST_USER', S], ['PROCESSLIST_HOST', S], ['PROCESSLIST_DB', S], ['PROCESSLIST_COMMAND', S], ['PROCESSLIST_TIME', I], ['PROCESSLIST_STATE', S], ['PROCESSLIST_INFO', S], ['PARENT_THREAD_ID', I], ['ROLE', S], ['INSTRUMENTED', SN], ['HISTORY', SN], ['CONNECTION_TYPE', S], ['THREAD_OS_ID', I], ['RESOURCE_GROUP', S]]),
    rows: (src) => [
      ...BACKGROUND_THREADS.map((name, k) => [k + 1, `thread/${name}`, 'BACKGROUND', null, null, null, null, null, null, null, null, k === 0 ? null : 1, null, 'YES', 'YES', null, 1200 + k, 'SYS_default']),
      ...src.processes().map((p) => {
        const system = p.command === 'Daemon' || p.user === 'system user';
        return [threadIdOf(p.id), threadName(p), 'FOREGROUND', p.id, system ? null : p.user, system ? null : hostOnly(p.host), p.db, p.command, p.time, p.state, p.info, 1, null, 'YES', 'YES', connectionType(p), 1300 + (p.id % 60000), system ? 'SYS_default' : 'USR_default'];
      }),
    ] as CellValue[][],
  },
  events_statements_summary_by_digest: { columns: cols(DIGEST_COLUMNS), rows: (src) => digestRows(src.statements()) },
  events_statements_current: {
    columns: STATEMENT_EVENT_COLUMNS,
    rows: (src) => {
      const own = src.ownStatements();
      return [statementEventRow(threadIdOf(own.connectionId), own.current, own.serverStart, true)];
    },
  },
  events_statements_history: {
    columns: STATEMENT_EVENT_COLUMNS,
    rows: (src) => {
      const own = src.ownStatements();
      return own.history.map((e) => statementEventRow(threadIdOf(own.connectionId), e, own.serverStart, false));
    },
  },
  // Its consumer is OFF by default: nothing is collected.
  events_statements_history_long: { columns: STATEMENT_EVENT_COLUMNS, rows: () => [] },
  setup_consumers: { columns: cols([['NAME', SN], ['ENABLED', SN]]), rows: () => SETUP_CONSUMERS },
  setup_actors: { columns: cols([['HOST', SN], ['USER', SN], ['ROLE', SN], ['ENABLED', SN], ['HISTORY', SN]]), rows: () => SETUP_ACTORS },
  setup_objects: { columns: cols([['OBJECT_TYPE', SN], ['OBJECT_SCHEMA', S], ['OBJECT_NAME', SN], ['ENABLED', SN], ['TIMED', SN]]), rows: () => SETUP_OBJECTS },
  global_variables: { columns: cols([['VARIABLE_NAME', SN], ['VARIABLE_VALUE', S]]), rows: (src) => src.variables('global') },
  session_variables: { columns: cols([['VARIABLE_NAME', SN], ['VARIABLE_VALUE', S]]), rows: (src) => src.variables('session') },
  global_status: { columns: cols([['VARIABLE_NAME', SN], ['VARIABLE_VALUE', S]]), rows: (src) => src.status('global') },
  session_status: { columns: cols([['VARIABLE_NAME', SN], ['VARIABLE_VALUE', S]]), rows: (src) => src.status('session') },
  replication_connection_configuration: {
    columns: cols([['CHANNEL_NAME', SN], ['HOST', SN], ['PORT', IN], ['USER', SN], ['NETWORK_INTERFACE', SN], ['AUTO_POSITION', SN], ['SSL_ALLOWED', SN], ['SSL_CA_FILE', SN], ['SSL_CA_PATH', SN], ['SSL_CERTIFICATE', SN], ['SSL_CIPHER', SN], ['SSL_KEY', SN], ['SSL_VERIFY_SERVER_CERTIFICATE', SN], ['SSL_CRL_FILE', SN], ['SSL_CRL_PATH', SN], ['CONNECTION_RETRY_INTERVAL', IN], ['CONNECTION_RETRY_COUNT', IN], ['HEARTBEAT_INTERVAL', DEC3], ['TLS_VERSION', SN], ['PUBLIC_KEY_PATH', SN], ['GET_PUBLIC_KEY', SN], ['COMPRESSION_ALGORITHM', SN], ['ZSTD_COMPRESSION_LEVEL', IN], ['TLS_CIPHERSUITES', S]]),
    rows: (src) => src.replication()?.connectionConfiguration ?? [],
  },
  replication_connection_status: {
    columns: cols([['CHANNEL_NAME', SN], ['GROUP_NAME', SN], ['SOURCE_UUID', SN], ['THREAD_ID', I], ['SERVICE_STATE', SN], ['COUNT_RECEIVED_HEARTBEATS', IN], ['LAST_HEARTBEAT_TIMESTAMP', SN], ['RECEIVED_TRANSACTION_SET', SN], ['LAST_ERROR_NUMBER', IN], ['LAST_ERROR_MESSAGE', SN], ['LAST_ERROR_TIMESTAMP', SN], ['LAST_QUEUED_TRANSACTION', S], ['LAST_QUEUED_TRANSACTION_ORIGINAL_COMMIT_TIMESTAMP', SN], ['LAST_QUEUED_TRANSACTION_IMMEDIATE_COMMIT_TIMESTAMP', SN], ['LAST_QUEUED_TRANSACTION_START_QUEUE_TIMESTAMP', SN], ['LAST_QUEUED_TRANSACTION_END_QUEUE_TIMESTAMP', SN], ['QUEUEING_TRANSACTION', S], ['QUEUEING_TRANSACTION_ORIGINAL_COMMIT_TIMESTAMP', SN], ['QUEUEING_TRANSACTION_IMMEDIATE_COMMIT_TIMESTAMP', SN], ['QUEUEING_TRANSACTION_START_QUEUE_TIMESTAMP', SN]]),
    rows: (src) => src.replication()?.connectionStatus ?? [],
  },
  replication_applier_configuration: {
    columns: cols([['CHANNEL_NAME', SN], ['DESIRED_DELAY', IN], ['PRIVILEGE_CHECKS_USER', S], ['REQUIRE_ROW_FORMAT', SN]]),
    rows: (src) => src.replication()?.applierConfiguration ?? [],
  },
  replication_applier_status: {
    columns: cols([['CHANNEL_NAME', SN], ['SERVICE_STATE', SN], ['REMAINING_DELAY', I], ['COUNT_TRANSACTIONS_RETRIES', IN]]),
    rows: (src) => src.replication()?.applierStatus ?? [],
  },
  replication_applier_status_by_coordinator: {
    columns: cols([['CHANNEL_NAME', SN], ['THREAD_ID', I], ['SERVICE_STATE', SN], ['LAST_ERROR_NUMBER', IN], ['LAST_ERROR_MESSAGE', SN], ['LAST_ERROR_TIMESTAMP', SN], ['LAST_PROCESSED_TRANSACTION', S], ['LAST_PROCESSED_TRANSACTION_ORIGINAL_COMMIT_TIMESTAMP', SN], ['LAST_PROCESSED_TRANSACTION_IMMEDIATE_COMMIT_TIMESTAMP', SN], ['LAST_PROCESSED_TRANSACTION_START_BUFFER_TIMESTAMP', SN], ['LAST_PROCESSED_TRANSACTION_END_BUFFER_TIMESTAMP', SN], ['PROCESSING_TRANSACTION', S], ['PROCESSING_TRANSACTION_ORIGINAL_COMMIT_TIMESTAMP', SN], ['PROCESSING_TRANSACTION_IMMEDIATE_COMMIT_TIMESTAMP', SN], ['PROCESSING_TRANSACTION_START_BUFFER_TIMESTAMP', SN]]),
    rows: (src) => src.replication()?.byCoordinator ?? [],
  },
  replication_applier_status_by_worker: {
    columns: cols([['CHANNEL_NAME', SN], ['WORKER_ID', IN], ['THREAD_ID', I], ['SERVICE_STATE', SN], ['LAST_ERROR_NUMBER', IN], ['LAST_ERROR_MESSAGE', SN], ['LAST_ERROR_TIMESTAMP', SN], ['LAST_APPLIED_TRANSACTION', S], ['LAST_APPLIED_TRANSACTION_ORIGINAL_COMMIT_TIMESTAMP', SN], ['LAST_APPLIED_TRANSACTION_IMMEDIATE_COMMIT_TIMESTAMP', SN], ['LAST_APPLIED_TRANSACTION_START_APPLY_TIMESTAMP', SN], ['LAST_APPLIED_TRANSACTION_END_APPLY_TIMESTAMP', SN], ['APPLYING_TRANSACTION', S], ['APPLYING_TRANSACTION_ORIGINAL_COMMIT_TIMESTAMP', SN], ['APPLYING_TRANSACTION_IMMEDIATE_COMMIT_TIMESTAMP', SN], ['APPLYING_TRANSACTION_START_APPLY_TIMESTAMP', SN], ['LAST_APPLIED_TRANSACTION_RETRIES_COUNT', IN], ['LAST_APPLIED_TRANSACTION_LAST_TRANSIENT_ERROR_NUMBER', IN], ['LAST_APPLIED_TRANSACTION_LAST_TRANSIENT_ERROR_MESSAGE', S], ['LAST_APPLIED_TRANSACTION_LAST_TRANSIENT_ERROR_TIMESTAMP', SN], ['APPLYING_TRANSACTION_RETRIES_COUNT', IN], ['APPLYING_TRANSACTION_LAST_TRANSIENT_ERROR_NUMBER', IN], ['APPLYING_TRANSACTION_LAST_TRANSIENT_ERROR_MESSAGE', S], ['APPLYING_TRANSACTION_LAST_TRANSIENT_ERROR_TIMESTAMP', SN]]),
    rows: (src) => src.replication()?.byWorker ?? [],
  },
};

/** sys.processlist's rows (sys.session: the client connections only). */
function sysProcesslist(src: SystemSources, sessionsOnly: boolean): CellValue[][] {
  const foreground = src.processes().map((p) => {
    const system = p.command === 'Daemon' || p.user === 'system user';
    const user = system ? threadName(p).replace(/^thread\//, '') : `${p.user}@${hostOnly(p.host)}`;
    const running = p.info !== null;
    return { conn: p.id, row: [threadIdOf(p.id), p.id, user, p.db, p.command, p.state, p.time, p.info, running ? latency(p) : null, null, running ? '0 ps' : null, 0, 0, 0, 0, 0, 'NO', null, null, null, null, null, null, running ? latency(p) : null, p.command === 'Sleep' ? 'COMMITTED' : running ? 'ACTIVE' : null, p.command === 'Sleep' || running ? 'YES' : null, null, p.user === 'system user' || system ? null : p.host === 'localhost' ? 'mysql' : null] as CellValue[], client: !system && p.command !== 'Binlog Dump' };
  });
  if (sessionsOnly) return foreground.filter((f) => f.client).map((f) => f.row);
  const background = BACKGROUND_THREADS.map((name, k) => [k + 1, null, name, null, null, null, null, null, null, null, null, null, null, null, null, null, 'NO', null, null, null, null, null, null, null, null, null, null, null] as CellValue[]);
  return [...background, ...foreground.map((f) => f.row)];
}

const SYS_PROCESSLIST_COLUMNS = cols([['thd_id', IN], ['conn_id', I], ['user', S], ['db', S], ['command', S], ['state', S], ['time', I], ['current_statement', S], ['statement_latency', S], ['progress', S], ['lock_latency', S], ['rows_examined', I], ['rows_sent', I], ['rows_affected', I], ['tmp_tables', I], ['tmp_disk_tables', I], ['full_scan', SN], ['last_statement', S], ['last_statement_latency', S], ['current_memory', S], ['last_wait', S], ['last_wait_latency', S], ['source', S], ['trx_latency', S], ['trx_state', S], ['trx_autocommit', S], ['pid', S], ['program_name', S]]);

/** sys's format_pico_time: `0 ps`, `412.00 ns`, `1.23 ms`, `2.41 s`. */
function picoText(ps: number): string {
  if (ps === 0) return '0 ps';
  const units: [number, string][] = [[1e12 * 60, 'min'], [1e12, 's'], [1e9, 'ms'], [1e6, 'us'], [1e3, 'ns']];
  for (const [size, unit] of units) if (ps >= size) return `${(ps / size).toFixed(2)} ${unit}`;
  return `${ps} ps`;
}

/** sys.schema_table_statistics: each table's row operations since the start (from the server's row changes), by latency. */
function tableStatistics(src: SystemSources): CellValue[][] {
  const ops = new Map<string, { fetched: number; inserted: number; updated: number; deleted: number }>();
  for (const c of src.changes()) {
    const key = `${c.database}.${c.table}`;
    const o = ops.get(key) ?? { fetched: 0, inserted: 0, updated: 0, deleted: 0 };
    if (c.op === 'insert') o.inserted += c.rows.length;
    else if (c.op === 'update') { o.updated += c.rows.length; o.fetched += c.rows.length; }
    else { o.deleted += c.rows.length; o.fetched += c.rows.length; }
    ops.set(key, o);
  }
  // Per row: a fetch about 2 µs, a write about 20 µs (picoseconds), as a small server's are.
  const rows = userTables(src).map((t) => {
    const o = ops.get(`${t.database}.${t.name}`) ?? { fetched: 0, inserted: 0, updated: 0, deleted: 0 };
    const fetch = o.fetched * 2_100_000;
    const insert = o.inserted * 21_300_000;
    const update = o.updated * 24_700_000;
    const del = o.deleted * 19_900_000;
    const total = fetch + insert + update + del;
    return { total, row: [t.database, t.name, picoText(total), o.fetched, picoText(fetch), o.inserted, picoText(insert), o.updated, picoText(update), o.deleted, picoText(del), 0, '0 bytes', picoText(0), 0, '0 bytes', picoText(0), 0, picoText(0)] as CellValue[] };
  });
  return rows.sort((a, b) => b.total - a.total).map((r) => r.row);
}

const SYS: Record<string, Maker> = {
  version: { columns: cols([['sys_version', SN], ['mysql_version', SN]]), rows: () => [['2.1.1', '8.0.19']] },
  schema_table_statistics: {
    columns: cols([['table_schema', S], ['table_name', S], ['total_latency', S], ['rows_fetched', IN], ['fetch_latency', S], ['rows_inserted', IN], ['insert_latency', S], ['rows_updated', IN], ['update_latency', S], ['rows_deleted', IN], ['delete_latency', S], ['io_read_requests', I], ['io_read', S], ['io_read_latency', S], ['io_write_requests', I], ['io_write', S], ['io_write_latency', S], ['io_misc_requests', I], ['io_misc_latency', S]]),
    rows: tableStatistics,
  },
  processlist: { columns: SYS_PROCESSLIST_COLUMNS, rows: (src) => sysProcesslist(src, false) },
  session: { columns: SYS_PROCESSLIST_COLUMNS, rows: (src) => sysProcesslist(src, true) },
};

/** A system table by schema and name (information_schema's names in any case), with its rows. */
export function systemTable(src: () => SystemSources, database: string, name: string): FilledSystemTable | undefined {
  const schema = database.toLowerCase();
  if (schema === 'information_schema') {
    const key = name.toUpperCase();
    if (!Object.hasOwn(INFORMATION_SCHEMA, key)) return undefined;
    const maker = INFORMATION_SCHEMA[key]!;
    return { database: 'information_schema', name: key, columns: maker.columns, rows: () => maker.rows(src()) };
  }
  // performance_schema and sys are case-sensitive names on Linux, as mysql's tables are.
  const more = database === 'performance_schema' ? PERFORMANCE_SCHEMA : database === 'sys' ? SYS : null;
  if (more && Object.hasOwn(more, name)) {
    const maker = more[name]!;
    return { database, name, columns: maker.columns, rows: () => maker.rows(src()) };
  }
  // The other tables exist with their columns; the drill keeps them empty (see pfs.ts).
  const empty = database === 'performance_schema' && PERFORMANCE_SCHEMA_TABLES.includes(name) ? emptyTableColumns(name) : undefined;
  if (empty) return { database, name, columns: empty, rows: () => [] };
  if (schema === 'mysql' && database === 'mysql' && Object.hasOwn(MYSQL_TABLES, name)) {
    const maker = MYSQL_TABLES[name]!;
    return { database: 'mysql', name, columns: maker.columns, rows: () => maker.rows(src()) };
  }
  return undefined;
}

/** The system databases every server has, for SHOW DATABASES. */
export const SYSTEM_DATABASES = SYSTEM_DBS;
