/**
 * performance_schema's statement events as 8.0.19 keeps them with its default consumers
 * (events_statements_current and events_statements_history ON, history_long OFF): a
 * connection's last ten statements (performance_schema_events_statements_history_size = 10)
 * with their SQL text, digest, schema, rows and errors; and the columns of the tables the
 * drill keeps empty, so they answer as the real (empty or unmodelled) tables do, not 1146.
 */
import type { ScopeColumn, ValueType } from './expressions';
import type { CellValue } from './generate';
import { hashString } from './generate';
import { digestOf, digestText } from './digest';

/** One statement a connection ran, as its thread's statement event records it. */
export interface StatementEvent {
  eventId: number;
  /** Its text as received (null: a command with no text, `USE` through COM_INIT_DB). */
  sql: string | null;
  /** The instrument: `statement/sql/select`, `statement/com/Init DB`. */
  eventName: string;
  schema: string | null;
  /** Epoch seconds it ran. */
  at: number;
  rowsAffected: number;
  rowsSent: number;
  errno: number;
  sqlState: string | null;
  message: string | null;
  warnings: number;
  /** The server's query id (STATEMENT_ID). */
  statementId: number;
}

/** performance_schema_events_statements_history_size's default (autosized to 10). */
export const HISTORY_SIZE = 10;

/** The last HISTORY_SIZE events with `event` appended. */
export function withEvent(history: readonly StatementEvent[] | undefined, event: StatementEvent): StatementEvent[] {
  return [...(history ?? []), event].slice(-HISTORY_SIZE);
}

/** The EVENT_ID the connection's next statement gets: each statement ends a nested transaction event too. */
export function nextEventId(history: readonly StatementEvent[] | undefined): number {
  const last = history?.[history.length - 1];
  return last ? last.eventId + 2 : 1;
}

/** A statement's instrument from its Com_ counter (null: the parser refused it). */
export function statementEventName(sql: string, counter: string | null): { name: string; text: string | null } {
  if (/^\s*use\b/i.test(sql)) return { name: 'statement/com/Init DB', text: null };
  if (counter === null) return { name: 'statement/sql/error', text: sql };
  return { name: `statement/sql/${counter}`, text: sql };
}

const S: ValueType = { kind: 'string', notNull: false };
const SN: ValueType = { kind: 'string', notNull: true };
const I: ValueType = { kind: 'int', notNull: false };
const IN: ValueType = { kind: 'int', notNull: true };
const D: ValueType = { kind: 'datetime', notNull: false };

/** Columns from a list of names: `?` after a name marks it nullable, `#` an integer. */
function spec(text: string): ScopeColumn[] {
  return text.trim().split(/\s+/).map((w) => {
    const nullable = w.includes('?');
    const int = w.includes('#');
    const date = w.includes('@');
    const name = w.replace(/[?#@]/g, '');
    const type = date ? D : int ? (nullable ? I : IN) : nullable ? S : SN;
    return { name, type };
  });
}

export const STATEMENT_EVENT_COLUMNS = spec(`THREAD_ID# EVENT_ID# END_EVENT_ID#? EVENT_NAME SOURCE? TIMER_START#? TIMER_END#? TIMER_WAIT#? LOCK_TIME# SQL_TEXT? DIGEST? DIGEST_TEXT? CURRENT_SCHEMA? OBJECT_TYPE? OBJECT_SCHEMA? OBJECT_NAME? OBJECT_INSTANCE_BEGIN#? MYSQL_ERRNO#? RETURNED_SQLSTATE? MESSAGE_TEXT? ERRORS# WARNINGS# ROWS_AFFECTED# ROWS_SENT# ROWS_EXAMINED# CREATED_TMP_DISK_TABLES# CREATED_TMP_TABLES# SELECT_FULL_JOIN# SELECT_FULL_RANGE_JOIN# SELECT_RANGE# SELECT_RANGE_CHECK# SELECT_SCAN# SORT_MERGE_PASSES# SORT_RANGE# SORT_ROWS# SORT_SCAN# NO_INDEX_USED# NO_GOOD_INDEX_USED# NESTING_EVENT_ID#? NESTING_EVENT_TYPE? NESTING_EVENT_LEVEL#? STATEMENT_ID#?`);

/** A statement's wait in picoseconds: a stable figure of 0.1–1 ms, as a small server's are. */
function waitOf(event: { eventId: number; sql: string | null }): number {
  return (100 + (hashString(`${event.eventId}:${event.sql ?? ''}`) % 900)) * 1_000_000_000;
}

/** One row of events_statements_current / _history: `running` is the statement reading it now. */
export function statementEventRow(threadId: number, event: StatementEvent, serverStart: number, running: boolean): CellValue[] {
  // Picoseconds since the server started: beyond a double's exact integers, so as decimal text.
  const start = BigInt(Math.max(0, event.at - serverStart)) * 1_000_000_000_000n + BigInt(event.eventId) * 1_000_000_000n;
  const wait = BigInt(running ? Math.round(waitOf(event) / 3_000_000) * 1_000_000 : waitOf(event));
  const digest = event.sql === null ? null : digestText(event.sql);
  const select = event.eventName === 'statement/sql/select';
  return [threadId, event.eventId, running ? null : event.eventId + 1, event.eventName, 'init_net_server_extension.cc:95', String(start), String(start + wait), String(wait), select || event.eventName.endsWith('/insert') || event.eventName.endsWith('/update') || event.eventName.endsWith('/delete') ? 1_000_000 : 0, event.sql, digest === null ? null : digestOf(digest), digest, event.schema, null, null, null, null, event.errno, event.sqlState, event.message, event.errno ? 1 : 0, event.warnings, event.rowsAffected, event.rowsSent, event.rowsSent, 0, 0, 0, 0, 0, 0, select && event.rowsSent > 0 ? 1 : 0, 0, 0, 0, 0, 0, 0, null, null, 0, event.statementId];
}

/** setup_consumers with 8.0.19's defaults, in the table's order. */
export const SETUP_CONSUMERS: [string, string][] = [
  ['events_stages_current', 'NO'], ['events_stages_history', 'NO'], ['events_stages_history_long', 'NO'],
  ['events_statements_current', 'YES'], ['events_statements_history', 'YES'], ['events_statements_history_long', 'NO'],
  ['events_transactions_current', 'YES'], ['events_transactions_history', 'YES'], ['events_transactions_history_long', 'NO'],
  ['events_waits_current', 'NO'], ['events_waits_history', 'NO'], ['events_waits_history_long', 'NO'],
  ['global_instrumentation', 'YES'], ['thread_instrumentation', 'YES'], ['statements_digest', 'YES'],
];

/** setup_actors' one default row and setup_objects' defaults (the system schemas not instrumented). */
export const SETUP_ACTORS: CellValue[][] = [['%', '%', '%', 'YES', 'YES']];
export const SETUP_OBJECTS: CellValue[][] = ['EVENT', 'FUNCTION', 'PROCEDURE', 'TABLE', 'TRIGGER'].flatMap((type) => [
  [type, 'mysql', '%', 'NO', 'NO'], [type, 'performance_schema', '%', 'NO', 'NO'], [type, 'information_schema', '%', 'NO', 'NO'], [type, '%', '%', 'YES', 'YES'],
]);

const TIMERS = 'COUNT_STAR# SUM_TIMER_WAIT# MIN_TIMER_WAIT# AVG_TIMER_WAIT# MAX_TIMER_WAIT#';
const STATEMENT_SUMS = `${TIMERS} SUM_LOCK_TIME# SUM_ERRORS# SUM_WARNINGS# SUM_ROWS_AFFECTED# SUM_ROWS_SENT# SUM_ROWS_EXAMINED# SUM_CREATED_TMP_DISK_TABLES# SUM_CREATED_TMP_TABLES# SUM_SELECT_FULL_JOIN# SUM_SELECT_FULL_RANGE_JOIN# SUM_SELECT_RANGE# SUM_SELECT_RANGE_CHECK# SUM_SELECT_SCAN# SUM_SORT_MERGE_PASSES# SUM_SORT_RANGE# SUM_SORT_ROWS# SUM_SORT_SCAN# SUM_NO_INDEX_USED# SUM_NO_GOOD_INDEX_USED#`;
const TRANSACTION_SUMS = `${TIMERS} COUNT_READ_WRITE# SUM_TIMER_READ_WRITE# MIN_TIMER_READ_WRITE# AVG_TIMER_READ_WRITE# MAX_TIMER_READ_WRITE# COUNT_READ_ONLY# SUM_TIMER_READ_ONLY# MIN_TIMER_READ_ONLY# AVG_TIMER_READ_ONLY# MAX_TIMER_READ_ONLY#`;
const ERROR_SUMS = 'ERROR_NUMBER#? ERROR_NAME? SQL_STATE? SUM_ERROR_RAISED# SUM_ERROR_HANDLED# FIRST_SEEN@ LAST_SEEN@';
const MEMORY_SUMS = 'EVENT_NAME COUNT_ALLOC# COUNT_FREE# SUM_NUMBER_OF_BYTES_ALLOC# SUM_NUMBER_OF_BYTES_FREE# LOW_COUNT_USED# CURRENT_COUNT_USED# HIGH_COUNT_USED# LOW_NUMBER_OF_BYTES_USED# CURRENT_NUMBER_OF_BYTES_USED# HIGH_NUMBER_OF_BYTES_USED#';
const WAIT_EVENT = 'THREAD_ID# EVENT_ID# END_EVENT_ID#? EVENT_NAME SOURCE? TIMER_START#? TIMER_END#? TIMER_WAIT#? SPINS#? OBJECT_SCHEMA? OBJECT_NAME? INDEX_NAME? OBJECT_TYPE? OBJECT_INSTANCE_BEGIN# NESTING_EVENT_ID#? NESTING_EVENT_TYPE? OPERATION NUMBER_OF_BYTES#? FLAGS#?';
const STAGE_EVENT = 'THREAD_ID# EVENT_ID# END_EVENT_ID#? EVENT_NAME SOURCE? TIMER_START#? TIMER_END#? TIMER_WAIT#? WORK_COMPLETED#? WORK_ESTIMATED#? NESTING_EVENT_ID#? NESTING_EVENT_TYPE?';
const TRANSACTION_EVENT = 'THREAD_ID# EVENT_ID# END_EVENT_ID#? EVENT_NAME STATE? TRX_ID#? GTID? XID_FORMAT_ID#? XID_GTRID? XID_BQUAL? XA_STATE? SOURCE? TIMER_START#? TIMER_END#? TIMER_WAIT#? ACCESS_MODE? ISOLATION_LEVEL? AUTOCOMMIT NUMBER_OF_SAVEPOINTS#? NUMBER_OF_ROLLBACK_TO_SAVEPOINT#? NUMBER_OF_RELEASE_SAVEPOINT#? OBJECT_INSTANCE_BEGIN#? NESTING_EVENT_ID#? NESTING_EVENT_TYPE?';
const FILE_IO = `${TIMERS} COUNT_READ# SUM_TIMER_READ# MIN_TIMER_READ# AVG_TIMER_READ# MAX_TIMER_READ# SUM_NUMBER_OF_BYTES_READ# COUNT_WRITE# SUM_TIMER_WRITE# MIN_TIMER_WRITE# AVG_TIMER_WRITE# MAX_TIMER_WRITE# SUM_NUMBER_OF_BYTES_WRITE# COUNT_MISC# SUM_TIMER_MISC# MIN_TIMER_MISC# AVG_TIMER_MISC# MAX_TIMER_MISC#`;
const TABLE_IO = `${TIMERS} COUNT_READ# SUM_TIMER_READ# MIN_TIMER_READ# AVG_TIMER_READ# MAX_TIMER_READ# COUNT_WRITE# SUM_TIMER_WRITE# MIN_TIMER_WRITE# AVG_TIMER_WRITE# MAX_TIMER_WRITE# COUNT_FETCH# SUM_TIMER_FETCH# MIN_TIMER_FETCH# AVG_TIMER_FETCH# MAX_TIMER_FETCH# COUNT_INSERT# SUM_TIMER_INSERT# MIN_TIMER_INSERT# AVG_TIMER_INSERT# MAX_TIMER_INSERT# COUNT_UPDATE# SUM_TIMER_UPDATE# MIN_TIMER_UPDATE# AVG_TIMER_UPDATE# MAX_TIMER_UPDATE# COUNT_DELETE# SUM_TIMER_DELETE# MIN_TIMER_DELETE# AVG_TIMER_DELETE# MAX_TIMER_DELETE#`;
const HISTOGRAM = 'BUCKET_NUMBER# BUCKET_TIMER_LOW# BUCKET_TIMER_HIGH# COUNT_BUCKET# COUNT_BUCKET_AND_LOWER# BUCKET_QUANTILE#';
const BY = { account: 'USER? HOST?', host: 'HOST?', user: 'USER?', thread: 'THREAD_ID#' } as const;
const CONNECTIONS = 'CURRENT_CONNECTIONS# TOTAL_CONNECTIONS#';

function summaries(kind: string, sums: string, instance = false): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [by, key] of Object.entries(BY)) out[`events_${kind}_summary_by_${by}_by_event_name`] = `${key} EVENT_NAME ${sums}`;
  out[`events_${kind}_summary_global_by_event_name`] = `EVENT_NAME ${sums}`;
  if (instance) out[`events_${kind}_summary_by_instance`] = `EVENT_NAME OBJECT_INSTANCE_BEGIN# ${sums}`;
  return out;
}

/** 8.0.19's columns of the performance_schema tables the drill does not fill. */
export const EMPTY_TABLE_COLUMNS: Readonly<Record<string, string>> = {
  accounts: `${BY.account} ${CONNECTIONS}`,
  hosts: `${BY.host} ${CONNECTIONS}`,
  users: `${BY.user} ${CONNECTIONS}`,
  cond_instances: 'NAME OBJECT_INSTANCE_BEGIN#',
  mutex_instances: 'NAME OBJECT_INSTANCE_BEGIN# LOCKED_BY_THREAD_ID#?',
  rwlock_instances: 'NAME OBJECT_INSTANCE_BEGIN# WRITE_LOCKED_BY_THREAD_ID#? READ_LOCKED_BY_COUNT#',
  file_instances: 'FILE_NAME EVENT_NAME OPEN_COUNT#',
  socket_instances: 'EVENT_NAME OBJECT_INSTANCE_BEGIN# THREAD_ID#? SOCKET_ID# IP PORT# STATE',
  data_locks: 'ENGINE ENGINE_LOCK_ID ENGINE_TRANSACTION_ID#? THREAD_ID#? EVENT_ID#? OBJECT_SCHEMA? OBJECT_NAME? PARTITION_NAME? SUBPARTITION_NAME? INDEX_NAME? OBJECT_INSTANCE_BEGIN# LOCK_TYPE LOCK_MODE LOCK_STATUS LOCK_DATA?',
  data_lock_waits: 'ENGINE REQUESTING_ENGINE_LOCK_ID REQUESTING_ENGINE_TRANSACTION_ID#? REQUESTING_THREAD_ID#? REQUESTING_EVENT_ID#? REQUESTING_OBJECT_INSTANCE_BEGIN# BLOCKING_ENGINE_LOCK_ID BLOCKING_ENGINE_TRANSACTION_ID#? BLOCKING_THREAD_ID#? BLOCKING_EVENT_ID#? BLOCKING_OBJECT_INSTANCE_BEGIN#',
  metadata_locks: 'OBJECT_TYPE OBJECT_SCHEMA? OBJECT_NAME? COLUMN_NAME? OBJECT_INSTANCE_BEGIN# LOCK_TYPE LOCK_DURATION LOCK_STATUS SOURCE? OWNER_THREAD_ID#? OWNER_EVENT_ID#?',
  table_handles: 'OBJECT_TYPE OBJECT_SCHEMA OBJECT_NAME OBJECT_INSTANCE_BEGIN# OWNER_THREAD_ID#? OWNER_EVENT_ID#? INTERNAL_LOCK? EXTERNAL_LOCK?',
  events_stages_current: STAGE_EVENT,
  events_stages_history: STAGE_EVENT,
  events_stages_history_long: STAGE_EVENT,
  events_waits_current: WAIT_EVENT,
  events_waits_history: WAIT_EVENT,
  events_waits_history_long: WAIT_EVENT,
  events_transactions_current: TRANSACTION_EVENT,
  events_transactions_history: TRANSACTION_EVENT,
  events_transactions_history_long: TRANSACTION_EVENT,
  ...summaries('stages', TIMERS),
  ...summaries('statements', STATEMENT_SUMS),
  ...summaries('transactions', TRANSACTION_SUMS),
  ...summaries('waits', TIMERS, true),
  events_errors_summary_by_account_by_error: `${BY.account} ${ERROR_SUMS}`,
  events_errors_summary_by_host_by_error: `${BY.host} ${ERROR_SUMS}`,
  events_errors_summary_by_thread_by_error: `${BY.thread} ${ERROR_SUMS}`,
  events_errors_summary_by_user_by_error: `${BY.user} ${ERROR_SUMS}`,
  events_errors_summary_global_by_error: ERROR_SUMS,
  events_statements_summary_by_program: `OBJECT_TYPE OBJECT_SCHEMA OBJECT_NAME COUNT_STAR# SUM_TIMER_WAIT# MIN_TIMER_WAIT# AVG_TIMER_WAIT# MAX_TIMER_WAIT# COUNT_STATEMENTS# SUM_STATEMENTS_WAIT# MIN_STATEMENTS_WAIT# AVG_STATEMENTS_WAIT# MAX_STATEMENTS_WAIT# ${STATEMENT_SUMS.replace(`${TIMERS} `, '')}`,
  events_statements_histogram_by_digest: `SCHEMA_NAME? DIGEST? ${HISTOGRAM}`,
  events_statements_histogram_global: HISTOGRAM,
  file_summary_by_event_name: `EVENT_NAME ${FILE_IO}`,
  file_summary_by_instance: `FILE_NAME EVENT_NAME OBJECT_INSTANCE_BEGIN# ${FILE_IO}`,
  socket_summary_by_event_name: `EVENT_NAME ${FILE_IO}`,
  socket_summary_by_instance: `EVENT_NAME OBJECT_INSTANCE_BEGIN# ${FILE_IO}`,
  table_io_waits_summary_by_table: `OBJECT_TYPE? OBJECT_SCHEMA? OBJECT_NAME? ${TABLE_IO}`,
  table_io_waits_summary_by_index_usage: `OBJECT_TYPE? OBJECT_SCHEMA? OBJECT_NAME? INDEX_NAME? ${TABLE_IO}`,
  table_lock_waits_summary_by_table: `OBJECT_TYPE? OBJECT_SCHEMA? OBJECT_NAME? ${TIMERS} COUNT_READ# SUM_TIMER_READ# MIN_TIMER_READ# AVG_TIMER_READ# MAX_TIMER_READ# COUNT_WRITE# SUM_TIMER_WRITE# MIN_TIMER_WRITE# AVG_TIMER_WRITE# MAX_TIMER_WRITE#`,
  objects_summary_global_by_type: `OBJECT_TYPE? OBJECT_SCHEMA? OBJECT_NAME? ${TIMERS}`,
  memory_summary_by_account_by_event_name: `${BY.account} ${MEMORY_SUMS}`,
  memory_summary_by_host_by_event_name: `${BY.host} ${MEMORY_SUMS}`,
  memory_summary_by_thread_by_event_name: `${BY.thread} ${MEMORY_SUMS}`,
  memory_summary_by_user_by_event_name: `${BY.user} ${MEMORY_SUMS}`,
  memory_summary_global_by_event_name: MEMORY_SUMS,
  status_by_account: `${BY.account} VARIABLE_NAME VARIABLE_VALUE?`,
  status_by_host: `${BY.host} VARIABLE_NAME VARIABLE_VALUE?`,
  status_by_thread: `${BY.thread} VARIABLE_NAME VARIABLE_VALUE?`,
  status_by_user: `${BY.user} VARIABLE_NAME VARIABLE_VALUE?`,
  variables_by_thread: 'THREAD_ID# VARIABLE_NAME VARIABLE_VALUE?',
  variables_info: 'VARIABLE_NAME VARIABLE_SOURCE? VARIABLE_PATH? MIN_VALUE? MAX_VALUE? SET_TIME@ SET_USER? SET_HOST?',
  persisted_variables: 'VARIABLE_NAME VARIABLE_VALUE?',
  user_variables_by_thread: 'THREAD_ID# VARIABLE_NAME VARIABLE_VALUE?',
  session_connect_attrs: 'PROCESSLIST_ID# ATTR_NAME ATTR_VALUE? ORDINAL_POSITION#?',
  session_account_connect_attrs: 'PROCESSLIST_ID# ATTR_NAME ATTR_VALUE? ORDINAL_POSITION#?',
  host_cache: 'IP HOST? HOST_VALIDATED SUM_CONNECT_ERRORS# COUNT_HOST_BLOCKED_ERRORS# COUNT_NAMEINFO_TRANSIENT_ERRORS# COUNT_NAMEINFO_PERMANENT_ERRORS# COUNT_FORMAT_ERRORS# COUNT_ADDRINFO_TRANSIENT_ERRORS# COUNT_ADDRINFO_PERMANENT_ERRORS# COUNT_FCRDNS_ERRORS# COUNT_HOST_ACL_ERRORS# COUNT_NO_AUTH_PLUGIN_ERRORS# COUNT_AUTH_PLUGIN_ERRORS# COUNT_HANDSHAKE_ERRORS# COUNT_PROXY_USER_ERRORS# COUNT_PROXY_USER_ACL_ERRORS# COUNT_AUTHENTICATION_ERRORS# COUNT_SSL_ERRORS# COUNT_MAX_USER_CONNECTIONS_ERRORS# COUNT_MAX_USER_CONNECTIONS_PER_HOUR_ERRORS# COUNT_DEFAULT_DATABASE_ERRORS# COUNT_INIT_CONNECT_ERRORS# COUNT_LOCAL_ERRORS# COUNT_UNKNOWN_ERRORS# FIRST_SEEN@ LAST_SEEN@ FIRST_ERROR_SEEN@ LAST_ERROR_SEEN@',
  keyring_keys: 'KEY_ID KEY_OWNER? BACKEND_KEY_ID?',
  log_status: 'SERVER_UUID LOCAL REPLICATION STORAGE_ENGINES',
  performance_timers: 'TIMER_NAME TIMER_FREQUENCY#? TIMER_RESOLUTION#? TIMER_OVERHEAD#?',
  prepared_statements_instances: 'OBJECT_INSTANCE_BEGIN# STATEMENT_ID# STATEMENT_NAME? SQL_TEXT OWNER_THREAD_ID# OWNER_EVENT_ID# OWNER_OBJECT_TYPE? OWNER_OBJECT_SCHEMA? OWNER_OBJECT_NAME? TIMER_PREPARE# COUNT_REPREPARE# COUNT_EXECUTE# SUM_TIMER_EXECUTE# MIN_TIMER_EXECUTE# AVG_TIMER_EXECUTE# MAX_TIMER_EXECUTE# SUM_LOCK_TIME# SUM_ERRORS# SUM_WARNINGS# SUM_ROWS_AFFECTED# SUM_ROWS_SENT# SUM_ROWS_EXAMINED# SUM_CREATED_TMP_DISK_TABLES# SUM_CREATED_TMP_TABLES# SUM_SELECT_FULL_JOIN# SUM_SELECT_FULL_RANGE_JOIN# SUM_SELECT_RANGE# SUM_SELECT_RANGE_CHECK# SUM_SELECT_SCAN# SUM_SORT_MERGE_PASSES# SUM_SORT_RANGE# SUM_SORT_ROWS# SUM_SORT_SCAN# SUM_NO_INDEX_USED# SUM_NO_GOOD_INDEX_USED#',
  replication_applier_filters: 'CHANNEL_NAME FILTER_NAME FILTER_RULE CONFIGURED_BY ACTIVE_SINCE@ COUNTER#',
  replication_applier_global_filters: 'FILTER_NAME FILTER_RULE CONFIGURED_BY ACTIVE_SINCE@',
  replication_group_members: 'CHANNEL_NAME MEMBER_ID MEMBER_HOST MEMBER_PORT#? MEMBER_STATE MEMBER_ROLE MEMBER_VERSION',
  replication_group_member_stats: 'CHANNEL_NAME VIEW_ID MEMBER_ID COUNT_TRANSACTIONS_IN_QUEUE# COUNT_TRANSACTIONS_CHECKED# COUNT_CONFLICTS_DETECTED# COUNT_TRANSACTIONS_ROWS_VALIDATING# TRANSACTIONS_COMMITTED_ALL_MEMBERS LAST_CONFLICT_FREE_TRANSACTION COUNT_TRANSACTIONS_REMOTE_IN_APPLIER_QUEUE# COUNT_TRANSACTIONS_REMOTE_APPLIED# COUNT_TRANSACTIONS_LOCAL_PROPOSED# COUNT_TRANSACTIONS_LOCAL_ROLLBACK#',
  setup_instruments: 'NAME ENABLED TIMED? PROPERTIES VOLATILITY# DOCUMENTATION?',
  setup_threads: 'NAME ENABLED HISTORY PROPERTIES VOLATILITY# DOCUMENTATION?',
  user_defined_functions: 'UDF_NAME UDF_RETURN_TYPE UDF_TYPE UDF_LIBRARY? UDF_USAGE_COUNT#?',
};

/**
 * The tables that are empty on a real server of the drill too: their consumers are off by
 * default, or they hold what the drill's servers do not have (group replication, a keyring,
 * replication filters, persisted variables, UDFs, prepared statements, user variables).
 */
export const TRULY_EMPTY = new Set([
  'events_stages_current', 'events_stages_history', 'events_stages_history_long', 'events_waits_current', 'events_waits_history', 'events_waits_history_long', 'events_transactions_history_long',
  'replication_applier_filters', 'replication_applier_global_filters', 'replication_group_members', 'replication_group_member_stats', 'keyring_keys', 'persisted_variables', 'user_defined_functions', 'prepared_statements_instances', 'data_lock_waits',
]);

export function emptyTableColumns(name: string): ScopeColumn[] | undefined {
  return Object.hasOwn(EMPTY_TABLE_COLUMNS, name) ? spec(EMPTY_TABLE_COLUMNS[name]!) : undefined;
}

/** A table whose rows a real server has but the drill does not make. */
export function isUnfilledPfsTable(name: string): boolean {
  return Object.hasOwn(EMPTY_TABLE_COLUMNS, name) && !TRULY_EMPTY.has(name);
}
