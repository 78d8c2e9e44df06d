/**
 * MySQL 8.0.19's system variables that people look at (SHOW VARIABLES, @@name, SET), with the
 * values an Ubuntu 18.04 package install has: booleans print ON/OFF in SHOW VARIABLES and 1/0 as
 * @@name, as MySQL does.
 */
import type { CellValue } from './generate';

/** Facts of one server the variables are made from. */
export interface ServerFacts {
  hostname: string;
  serverId: number;
  port: number;
  version: string;
  uuid: string;
  isReplica: boolean;
  binlogBasename: string;
  timezone: string;
  /** Epoch seconds now (for `timestamp`). */
  now: number;
}

type Kind = 'bool' | 'int' | 'string';

interface VariableDef {
  kind: Kind;
  scope: 'global' | 'session' | 'both';
  readOnly?: boolean;
  value: (f: ServerFacts) => string;
}

const v = (kind: Kind, scope: VariableDef['scope'], value: string | ((f: ServerFacts) => string), readOnly = false): VariableDef => ({ kind, scope, readOnly, value: typeof value === 'string' ? () => value : value });

const DEFS: ReadonlyMap<string, VariableDef> = new Map<string, VariableDef>([
  ['auto_increment_increment', v('int', 'both', '1')],
  ['auto_increment_offset', v('int', 'both', '1')],
  ['autocommit', v('bool', 'both', 'ON')],
  ['basedir', v('string', 'global', '/usr/', true)],
  ['bind_address', v('string', 'global', '*', true)],
  ['binlog_cache_size', v('int', 'global', '32768')],
  ['binlog_checksum', v('string', 'global', 'CRC32')],
  ['binlog_direct_non_transactional_updates', v('bool', 'both', 'OFF')],
  ['binlog_encryption', v('bool', 'global', 'OFF')],
  ['binlog_error_action', v('string', 'global', 'ABORT_SERVER')],
  ['binlog_expire_logs_seconds', v('int', 'global', '2592000')],
  ['binlog_format', v('string', 'both', 'ROW')],
  ['binlog_group_commit_sync_delay', v('int', 'global', '0')],
  ['binlog_group_commit_sync_no_delay_count', v('int', 'global', '0')],
  ['binlog_gtid_simple_recovery', v('bool', 'global', 'ON', true)],
  ['binlog_max_flush_queue_time', v('int', 'global', '0')],
  ['binlog_order_commits', v('bool', 'global', 'ON')],
  ['binlog_rotate_encryption_master_key_at_startup', v('bool', 'global', 'OFF', true)],
  ['binlog_row_event_max_size', v('int', 'global', '8192', true)],
  ['binlog_row_image', v('string', 'both', 'FULL')],
  ['binlog_row_metadata', v('string', 'global', 'MINIMAL')],
  ['binlog_row_value_options', v('string', 'both', '')],
  ['binlog_rows_query_log_events', v('bool', 'both', 'OFF')],
  ['binlog_stmt_cache_size', v('int', 'global', '32768')],
  ['binlog_transaction_dependency_history_size', v('int', 'global', '25000')],
  ['binlog_transaction_dependency_tracking', v('string', 'global', 'COMMIT_ORDER')],
  ['character_set_client', v('string', 'both', 'utf8mb4')],
  ['character_set_connection', v('string', 'both', 'utf8mb4')],
  ['character_set_database', v('string', 'both', 'utf8mb4')],
  ['character_set_filesystem', v('string', 'both', 'binary')],
  ['character_set_results', v('string', 'both', 'utf8mb4')],
  ['character_set_server', v('string', 'both', 'utf8mb4')],
  ['character_set_system', v('string', 'global', 'utf8', true)],
  ['character_sets_dir', v('string', 'global', '/usr/share/mysql-8.0/charsets/', true)],
  ['collation_connection', v('string', 'both', 'utf8mb4_0900_ai_ci')],
  ['collation_database', v('string', 'both', 'utf8mb4_0900_ai_ci')],
  ['collation_server', v('string', 'both', 'utf8mb4_0900_ai_ci')],
  ['connect_timeout', v('int', 'global', '10')],
  ['completion_type', v('string', 'both', 'NO_CHAIN')],
  ['default_collation_for_utf8mb4', v('string', 'session', 'utf8mb4_0900_ai_ci')],
  ['gtid_next', v('string', 'session', 'AUTOMATIC')],
  ['identity', v('int', 'session', '0')],
  ['immediate_server_version', v('int', 'session', '999999')],
  ['insert_id', v('int', 'session', '0')],
  ['last_insert_id', v('int', 'session', '0')],
  ['lc_messages', v('string', 'both', 'en_US')],
  ['lc_messages_dir', v('string', 'global', '/usr/share/mysql-8.0/', true)],
  ['lc_time_names', v('string', 'both', 'en_US')],
  ['original_commit_timestamp', v('string', 'session', '36028797018963968')],
  ['original_server_version', v('int', 'session', '999999')],
  ['pseudo_slave_mode', v('bool', 'session', 'OFF')],
  ['pseudo_thread_id', v('int', 'session', '0')],
  ['rand_seed1', v('int', 'session', '0')],
  ['rand_seed2', v('int', 'session', '0')],
  ['skip_slave_start', v('bool', 'global', 'OFF', true)],
  ['sql_auto_is_null', v('bool', 'session', 'OFF')],
  ['sql_quote_show_create', v('bool', 'session', 'ON')],
  ['sql_warnings', v('bool', 'session', 'OFF')],
  ['transaction_allow_batching', v('bool', 'session', 'OFF')],
  ['datadir', v('string', 'global', '/var/lib/mysql/', true)],
  ['default_authentication_plugin', v('string', 'global', 'caching_sha2_password', true)],
  ['default_storage_engine', v('string', 'both', 'InnoDB')],
  ['enforce_gtid_consistency', v('string', 'global', 'OFF')],
  ['error_count', v('int', 'session', '0', true)],
  ['event_scheduler', v('string', 'global', 'ON')],
  ['explicit_defaults_for_timestamp', v('bool', 'both', 'ON')],
  ['foreign_key_checks', v('bool', 'both', 'ON')],
  ['general_log', v('bool', 'global', 'OFF')],
  ['general_log_file', v('string', 'global', (f) => `/var/lib/mysql/${f.hostname}.log`)],
  ['gtid_executed', v('string', 'global', '', true)],
  ['gtid_mode', v('string', 'global', 'OFF')],
  ['gtid_purged', v('string', 'global', '')],
  ['have_ssl', v('string', 'global', 'YES', true)],
  ['hostname', v('string', 'global', (f) => f.hostname, true)],
  ['innodb_buffer_pool_size', v('int', 'global', '134217728')],
  ['innodb_flush_log_at_trx_commit', v('int', 'global', '1')],
  ['innodb_lock_wait_timeout', v('int', 'both', '50')],
  ['innodb_version', v('string', 'global', (f) => f.version, true)],
  ['interactive_timeout', v('int', 'both', '28800')],
  ['license', v('string', 'global', 'GPL', true)],
  ['local_infile', v('bool', 'global', 'OFF')],
  ['log_bin', v('bool', 'global', 'ON', true)],
  ['log_bin_basename', v('string', 'global', (f) => `/var/lib/mysql/${f.binlogBasename}`, true)],
  ['log_bin_index', v('string', 'global', (f) => `/var/lib/mysql/${f.binlogBasename}.index`, true)],
  ['log_bin_trust_function_creators', v('bool', 'global', 'OFF')],
  ['log_bin_use_v1_row_events', v('bool', 'global', 'OFF')],
  ['log_error', v('string', 'global', '/var/log/mysql/error.log', true)],
  ['log_slave_updates', v('bool', 'global', 'ON', true)],
  ['lower_case_table_names', v('int', 'global', '0', true)],
  ['max_allowed_packet', v('int', 'both', '67108864')],
  ['max_binlog_size', v('int', 'global', '1073741824')],
  ['max_connections', v('int', 'global', '151')],
  ['max_relay_log_size', v('int', 'global', '0')],
  ['net_buffer_length', v('int', 'both', '16384')],
  ['pid_file', v('string', 'global', '/var/run/mysqld/mysqld.pid', true)],
  ['port', v('int', 'global', (f) => String(f.port), true)],
  ['protocol_version', v('int', 'global', '10', true)],
  ['read_only', v('bool', 'global', 'OFF')],
  ['relay_log', v('string', 'global', (f) => (f.isReplica ? `${f.hostname}-relay-bin` : ''), true)],
  ['relay_log_basename', v('string', 'global', (f) => `/var/lib/mysql/${f.hostname}-relay-bin`, true)],
  ['relay_log_index', v('string', 'global', (f) => `/var/lib/mysql/${f.hostname}-relay-bin.index`, true)],
  ['relay_log_info_file', v('string', 'global', 'relay-log.info', true)],
  ['relay_log_info_repository', v('string', 'global', 'TABLE')],
  ['relay_log_purge', v('bool', 'global', 'ON')],
  ['relay_log_recovery', v('bool', 'global', 'OFF', true)],
  ['relay_log_space_limit', v('int', 'global', '0', true)],
  ['secure_file_priv', v('string', 'global', '/var/lib/mysql-files/', true)],
  ['server_id', v('int', 'global', (f) => String(f.serverId))],
  ['server_uuid', v('string', 'global', (f) => f.uuid, true)],
  ['skip_name_resolve', v('bool', 'global', 'OFF', true)],
  ['slave_parallel_workers', v('int', 'global', '0')],
  ['slave_skip_errors', v('string', 'global', 'OFF', true)],
  ['slow_query_log', v('bool', 'global', 'OFF')],
  ['slow_query_log_file', v('string', 'global', (f) => `/var/lib/mysql/${f.hostname}-slow.log`)],
  ['socket', v('string', 'global', '/var/run/mysqld/mysqld.sock', true)],
  ['sql_log_bin', v('bool', 'session', 'ON')],
  ['sql_mode', v('string', 'both', 'ONLY_FULL_GROUP_BY,STRICT_TRANS_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION')],
  ['sql_notes', v('bool', 'both', 'ON')],
  ['sql_safe_updates', v('bool', 'both', 'OFF')],
  ['sql_select_limit', v('int', 'both', '18446744073709551615')],
  ['super_read_only', v('bool', 'global', 'OFF')],
  ['sync_binlog', v('int', 'global', '1')],
  ['sync_relay_log', v('int', 'global', '10000')],
  ['sync_relay_log_info', v('int', 'global', '10000')],
  ['system_time_zone', v('string', 'global', (f) => f.timezone, true)],
  ['time_zone', v('string', 'both', 'SYSTEM')],
  ['timestamp', v('string', 'session', (f) => `${f.now}.000000`)],
  ['tmpdir', v('string', 'global', '/tmp', true)],
  ['transaction_isolation', v('string', 'both', 'REPEATABLE-READ')],
  ['transaction_read_only', v('bool', 'both', 'OFF')],
  ['unique_checks', v('bool', 'both', 'ON')],
  ['version', v('string', 'global', (f) => f.version, true)],
  ['version_comment', v('string', 'global', 'MySQL Community Server - GPL', true)],
  ['version_compile_machine', v('string', 'global', 'x86_64', true)],
  ['version_compile_os', v('string', 'global', 'Linux', true)],
  ['log_error_services', v('string', 'global', 'log_filter_internal; log_sink_internal')],
  ['log_error_suppression_list', v('string', 'global', '')],
  ['log_error_verbosity', v('int', 'global', '2')],
  ['log_output', v('string', 'global', 'FILE')],
  ['log_queries_not_using_indexes', v('bool', 'global', 'OFF')],
  ['log_raw', v('bool', 'global', 'OFF')],
  ['log_slow_admin_statements', v('bool', 'global', 'OFF')],
  ['log_slow_extra', v('bool', 'global', 'OFF')],
  ['log_slow_slave_statements', v('bool', 'global', 'OFF')],
  ['log_statements_unsafe_for_binlog', v('bool', 'global', 'ON')],
  ['log_throttle_queries_not_using_indexes', v('int', 'global', '0')],
  ['log_timestamps', v('string', 'global', 'UTC')],
  ['slave_allow_batching', v('bool', 'global', 'OFF')],
  ['slave_checkpoint_group', v('int', 'global', '512')],
  ['slave_checkpoint_period', v('int', 'global', '300')],
  ['slave_compressed_protocol', v('bool', 'global', 'OFF')],
  ['slave_exec_mode', v('string', 'global', 'STRICT')],
  ['slave_load_tmpdir', v('string', 'global', '/tmp', true)],
  ['slave_max_allowed_packet', v('int', 'global', '1073741824')],
  ['slave_net_timeout', v('int', 'global', '60')],
  ['slave_parallel_type', v('string', 'global', 'DATABASE')],
  ['slave_pending_jobs_size_max', v('int', 'global', '134217728')],
  ['slave_preserve_commit_order', v('bool', 'global', 'OFF')],
  ['slave_rows_search_algorithms', v('string', 'global', 'INDEX_SCAN,HASH_SCAN')],
  ['slave_sql_verify_checksum', v('bool', 'global', 'ON')],
  ['slave_transaction_retries', v('int', 'global', '10')],
  ['slave_type_conversions', v('string', 'global', '')],
  ['wait_timeout', v('int', 'both', '28800')],
  ['warning_count', v('int', 'session', '0', true)],
]);

/** Every variable name, sorted (SHOW VARIABLES lists them in this order). */
export const VARIABLE_NAMES: readonly string[] = [...DEFS.keys()].sort();

export function variableExists(name: string): boolean {
  return DEFS.has(name.toLowerCase());
}

export function variableScope(name: string): 'global' | 'session' | 'both' | null {
  return DEFS.get(name.toLowerCase())?.scope ?? null;
}

export function variableReadOnly(name: string): boolean {
  return DEFS.get(name.toLowerCase())?.readOnly ?? false;
}

export function variableKind(name: string): Kind {
  return DEFS.get(name.toLowerCase())?.kind ?? 'string';
}

/** The default (start) value of a variable, as SHOW VARIABLES prints it. */
export function defaultValue(name: string, facts: ServerFacts): string | undefined {
  return DEFS.get(name.toLowerCase())?.value(facts);
}

/** A value as SHOW VARIABLES prints it: booleans as ON/OFF. */
export function showValue(name: string, value: string): string {
  if (variableKind(name) !== 'bool') return value;
  return /^(1|on|true)$/i.test(value) ? 'ON' : 'OFF';
}

/** A value as @@name gives it: booleans and integers as numbers. */
export function selectValue(name: string, value: string): CellValue {
  const kind = variableKind(name);
  if (kind === 'bool') return /^(1|on|true)$/i.test(value) ? 1 : 0;
  if (kind === 'int' && /^-?\d+$/.test(value) && value.length < 16) return Number(value);
  return value;
}

/** Normalises a value being SET: booleans to ON/OFF; refuses what the variable cannot hold. */
export function normaliseSetValue(name: string, value: CellValue): string | null {
  const kind = variableKind(name);
  if (kind === 'bool') {
    if (value === 1 || value === '1' || (typeof value === 'string' && /^(on|true)$/i.test(value))) return 'ON';
    if (value === 0 || value === '0' || (typeof value === 'string' && /^(off|false)$/i.test(value))) return 'OFF';
    return null;
  }
  if (kind === 'int') {
    const n = typeof value === 'number' ? value : Number(value);
    return Number.isFinite(n) ? String(Math.trunc(n)) : null;
  }
  return value === null ? '' : String(value);
}
