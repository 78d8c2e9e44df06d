/**
 * SHOW STATUS's Com_* counters as 8.0.19 has them: every name of mysqld.cc's com_status_vars,
 * in that array's order (SHOW STATUS prints them so, not sorted), and which one a statement
 * adds to (its sql_command, read from its first words).
 */
import { isOp, isWord, type Token } from './lexer';

/** The counters, without their `Com_` prefix, in 8.0.19's order. */
export const COM_NAMES: readonly string[] = [
  'admin_commands', 'assign_to_keycache', 'alter_db', 'alter_event', 'alter_function', 'alter_instance', 'alter_procedure', 'alter_resource_group', 'alter_server', 'alter_table', 'alter_tablespace', 'alter_user', 'alter_user_default_role', 'analyze', 'begin', 'binlog', 'call_procedure', 'change_db', 'change_master', 'change_repl_filter', 'check', 'checksum', 'clone', 'commit',
  'create_db', 'create_event', 'create_function', 'create_index', 'create_procedure', 'create_role', 'create_server', 'create_table', 'create_resource_group', 'create_trigger', 'create_udf', 'create_user', 'create_view', 'create_spatial_reference_system', 'dealloc_sql', 'delete', 'delete_multi', 'do',
  'drop_db', 'drop_event', 'drop_function', 'drop_index', 'drop_procedure', 'drop_resource_group', 'drop_role', 'drop_server', 'drop_spatial_reference_system', 'drop_table', 'drop_trigger', 'drop_user', 'drop_view', 'empty_query', 'execute_sql', 'explain_other', 'flush', 'get_diagnostics', 'grant', 'grant_roles', 'ha_close', 'ha_open', 'ha_read', 'help', 'import', 'insert', 'insert_select', 'install_component', 'install_plugin', 'kill', 'load', 'lock_instance', 'lock_tables', 'optimize', 'preload_keys', 'prepare_sql', 'purge', 'purge_before_date', 'release_savepoint', 'rename_table', 'rename_user', 'repair', 'replace', 'replace_select', 'reset', 'resignal', 'restart', 'revoke', 'revoke_all', 'revoke_roles', 'rollback', 'rollback_to_savepoint', 'savepoint', 'select', 'set_option', 'set_password', 'set_resource_group', 'set_role', 'signal',
  'show_binlog_events', 'show_binlogs', 'show_charsets', 'show_collations', 'show_create_db', 'show_create_event', 'show_create_func', 'show_create_proc', 'show_create_table', 'show_create_trigger', 'show_databases', 'show_engine_logs', 'show_engine_mutex', 'show_engine_status', 'show_events', 'show_errors', 'show_fields', 'show_function_code', 'show_function_status', 'show_grants', 'show_keys', 'show_master_status', 'show_open_tables', 'show_plugins', 'show_privileges', 'show_procedure_code', 'show_procedure_status', 'show_processlist', 'show_profile', 'show_profiles', 'show_relaylog_events', 'show_slave_hosts', 'show_slave_status', 'show_status', 'show_storage_engines', 'show_table_status', 'show_tables', 'show_triggers', 'show_variables', 'show_warnings', 'show_create_user',
  'shutdown', 'slave_start', 'slave_stop', 'group_replication_start', 'group_replication_stop', 'stmt_execute', 'stmt_close', 'stmt_fetch', 'stmt_prepare', 'stmt_reset', 'stmt_send_long_data', 'truncate', 'uninstall_component', 'uninstall_plugin', 'unlock_instance', 'unlock_tables', 'update', 'update_multi', 'xa_commit', 'xa_end', 'xa_prepare', 'xa_recover', 'xa_rollback', 'xa_start', 'stmt_reprepare',
];

/** Whether a word appears at the top level (outside parentheses) of tokens[from…to). */
function topLevel(tokens: readonly Token[], test: (t: Token) => boolean, from = 0, to = tokens.length): boolean {
  let depth = 0;
  for (let i = from; i < to; i += 1) {
    const t = tokens[i]!;
    if (isOp(t, '(')) depth += 1;
    else if (isOp(t, ')')) depth -= 1;
    else if (depth === 0 && test(t)) return true;
  }
  return false;
}

function indexOfWord(tokens: readonly Token[], ...words: string[]): number {
  const i = tokens.findIndex((t) => isWord(t, ...words));
  return i < 0 ? tokens.length : i;
}

function showCounter(t: readonly Token[]): string | null {
  let i = 1;
  if (isWord(t[i], 'FULL', 'EXTENDED')) i += 1;
  if (isWord(t[i], 'FULL')) i += 1;
  if (isWord(t[i], 'GLOBAL', 'SESSION', 'LOCAL')) i += 1;
  const a = t[i];
  const b = t[i + 1];
  if (isWord(a, 'DATABASES', 'SCHEMAS')) return 'show_databases';
  if (isWord(a, 'TABLES')) return 'show_tables';
  if (isWord(a, 'COLUMNS', 'FIELDS')) return 'show_fields';
  if (isWord(a, 'INDEX', 'INDEXES', 'KEYS')) return 'show_keys';
  if (isWord(a, 'TABLE') && isWord(b, 'STATUS')) return 'show_table_status';
  if (isWord(a, 'OPEN')) return 'show_open_tables';
  if (isWord(a, 'CREATE')) {
    if (isWord(b, 'DATABASE', 'SCHEMA')) return 'show_create_db';
    if (isWord(b, 'USER')) return 'show_create_user';
    if (isWord(b, 'EVENT')) return 'show_create_event';
    if (isWord(b, 'PROCEDURE')) return 'show_create_proc';
    if (isWord(b, 'FUNCTION')) return 'show_create_func';
    if (isWord(b, 'TRIGGER')) return 'show_create_trigger';
    return 'show_create_table';
  }
  if (isWord(a, 'GRANTS')) return 'show_grants';
  if (isWord(a, 'PROCESSLIST')) return 'show_processlist';
  if (isWord(a, 'VARIABLES')) return 'show_variables';
  if (isWord(a, 'STATUS')) return 'show_status';
  if (isWord(a, 'MASTER') && isWord(b, 'STATUS')) return 'show_master_status';
  if ((isWord(a, 'MASTER', 'BINARY') && isWord(b, 'LOGS'))) return 'show_binlogs';
  if (isWord(a, 'BINLOG')) return 'show_binlog_events';
  if (isWord(a, 'RELAYLOG')) return 'show_relaylog_events';
  if (isWord(a, 'SLAVE') && isWord(b, 'STATUS')) return 'show_slave_status';
  if (isWord(a, 'SLAVE') && isWord(b, 'HOSTS')) return 'show_slave_hosts';
  if (isWord(a, 'WARNINGS')) return 'show_warnings';
  if (isWord(a, 'ERRORS')) return 'show_errors';
  if (isWord(a, 'COUNT')) return topLevel(t, (x) => isWord(x, 'ERRORS')) ? 'show_errors' : 'show_warnings';
  if (isWord(a, 'ENGINES') || (isWord(a, 'STORAGE') && isWord(b, 'ENGINES'))) return 'show_storage_engines';
  if (isWord(a, 'ENGINE')) return isWord(t[i + 2], 'MUTEX') ? 'show_engine_mutex' : isWord(t[i + 2], 'LOGS') ? 'show_engine_logs' : 'show_engine_status';
  if (isWord(a, 'INNODB') && isWord(b, 'STATUS')) return 'show_engine_status';
  if (isWord(a, 'TRIGGERS')) return 'show_triggers';
  if (isWord(a, 'EVENTS')) return 'show_events';
  if (isWord(a, 'PROCEDURE')) return isWord(b, 'CODE') ? 'show_procedure_code' : 'show_procedure_status';
  if (isWord(a, 'FUNCTION')) return isWord(b, 'CODE') ? 'show_function_code' : 'show_function_status';
  if (isWord(a, 'CHARACTER', 'CHARSET')) return 'show_charsets';
  if (isWord(a, 'COLLATION')) return 'show_collations';
  if (isWord(a, 'PLUGINS')) return 'show_plugins';
  if (isWord(a, 'PRIVILEGES')) return 'show_privileges';
  if (isWord(a, 'PROFILES')) return 'show_profiles';
  if (isWord(a, 'PROFILE')) return 'show_profile';
  return null;
}

const OBJECTS: Record<string, string> = { DATABASE: 'db', SCHEMA: 'db', TABLE: 'table', TABLES: 'table', INDEX: 'index', USER: 'user', VIEW: 'view', ROLE: 'role', EVENT: 'event', PROCEDURE: 'procedure', FUNCTION: 'function', TRIGGER: 'trigger', SERVER: 'server' };

function ddlCounter(verb: 'create' | 'drop' | 'alter', t: readonly Token[]): string | null {
  // The first word naming an object (past TEMPORARY, UNIQUE, OR REPLACE, DEFINER = …, ALGORITHM = …).
  const at = t.findIndex((x, k) => k > 0 && k < 16 && x.kind === 'word' && (Object.hasOwn(OBJECTS, x.value) || ['TABLESPACE', 'INSTANCE', 'RESOURCE', 'REFERENCE'].includes(x.value)));
  const word = at < 0 ? '' : t[at]!.value;
  if (word === 'TABLESPACE') return 'alter_tablespace';
  if (word === 'INSTANCE') return verb === 'alter' ? 'alter_instance' : null;
  if (word === 'RESOURCE') return `${verb}_resource_group`;
  if (word === 'REFERENCE') return `${verb}_spatial_reference_system`;
  const object = OBJECTS[word];
  if (!object) return null;
  if (verb === 'alter' && object === 'view') return 'create_view';
  if (verb === 'alter' && object === 'user' && topLevel(t, (x) => isWord(x, 'DEFAULT')) && topLevel(t, (x) => isWord(x, 'ROLE'))) return 'alter_user_default_role';
  if (verb === 'alter' && ['index', 'role', 'trigger'].includes(object)) return null;
  if (verb === 'create' && object === 'function' && topLevel(t, (x) => isWord(x, 'SONAME'))) return 'create_udf';
  return `${verb}_${object}`;
}

/** Statements whose first word alone names their counter. */
const BY_FIRST_WORD: Readonly<Record<string, string>> = {
  USE: 'change_db',
  BEGIN: 'begin',
  COMMIT: 'commit',
  SAVEPOINT: 'savepoint',
  RELEASE: 'release_savepoint',
  TRUNCATE: 'truncate',
  FLUSH: 'flush',
  KILL: 'kill',
  ANALYZE: 'analyze',
  CHECK: 'check',
  OPTIMIZE: 'optimize',
  REPAIR: 'repair',
  CHECKSUM: 'checksum',
  BINLOG: 'binlog',
  DO: 'do',
  HELP: 'help',
  CACHE: 'assign_to_keycache',
  CALL: 'call_procedure',
  PREPARE: 'prepare_sql',
  EXECUTE: 'execute_sql',
  DEALLOCATE: 'dealloc_sql',
  SHUTDOWN: 'shutdown',
  RESTART: 'restart',
  CLONE: 'clone',
  IMPORT: 'import',
  SIGNAL: 'signal',
  RESIGNAL: 'resignal',
  GET: 'get_diagnostics',
};

/** The Com_ counter (without `Com_`) a lexed statement adds to, or null (nothing 8.0.19 counts). */
export function comCounter(t: readonly Token[]): string | null {
  const first = t[0];
  if (!first || first.kind !== 'word') return null;
  if (Object.hasOwn(BY_FIRST_WORD, first.value)) return BY_FIRST_WORD[first.value]!;
  const second = t[1];
  switch (first.value) {
    case 'SELECT':
    case 'WITH':
    case 'TABLE':
    case 'VALUES':
      return 'select';
    case 'INSERT':
    case 'REPLACE': {
      const base = first.value === 'INSERT' ? 'insert' : 'replace';
      return topLevel(t, (x) => isWord(x, 'SELECT', 'TABLE'), 2) && !topLevel(t, (x) => isWord(x, 'VALUES', 'VALUE', 'SET')) ? `${base}_select` : base;
    }
    case 'UPDATE': {
      const set = indexOfWord(t, 'SET');
      return topLevel(t, (x) => isWord(x, 'JOIN') || isOp(x, ','), 1, set) ? 'update_multi' : 'update';
    }
    case 'DELETE': {
      let i = 1;
      while (isWord(t[i], 'LOW_PRIORITY', 'QUICK', 'IGNORE')) i += 1;
      if (!isWord(t[i], 'FROM')) return 'delete_multi';
      const where = indexOfWord(t, 'WHERE', 'ORDER', 'LIMIT');
      return topLevel(t, (x) => isWord(x, 'USING', 'JOIN') || isOp(x, ','), i + 1, where) ? 'delete_multi' : 'delete';
    }
    case 'SET':
      if (isWord(second, 'PASSWORD')) return 'set_password';
      if (isWord(second, 'ROLE')) return 'set_role';
      if (isWord(second, 'RESOURCE')) return 'set_resource_group';
      if (isWord(second, 'DEFAULT') && isWord(t[2], 'ROLE')) return 'alter_user_default_role';
      return 'set_option';
    case 'START':
      if (isWord(second, 'TRANSACTION')) return 'begin';
      if (isWord(second, 'SLAVE')) return 'slave_start';
      if (isWord(second, 'GROUP_REPLICATION')) return 'group_replication_start';
      return null;
    case 'STOP':
      if (isWord(second, 'SLAVE')) return 'slave_stop';
      if (isWord(second, 'GROUP_REPLICATION')) return 'group_replication_stop';
      return null;
    case 'ROLLBACK':
      return topLevel(t, (x) => isWord(x, 'TO')) ? 'rollback_to_savepoint' : 'rollback';
    case 'CHANGE':
      if (isWord(second, 'MASTER')) return 'change_master';
      if (isWord(second, 'REPLICATION') && isWord(t[2], 'FILTER')) return 'change_repl_filter';
      return null;
    case 'RESET':
      return isWord(second, 'PERSIST') ? null : 'reset';
    case 'PURGE':
      return topLevel(t, (x) => isWord(x, 'BEFORE')) ? 'purge_before_date' : 'purge';
    case 'SHOW':
      return showCounter(t);
    case 'DESCRIBE':
    case 'DESC':
    case 'EXPLAIN': {
      let i = 1;
      if (isWord(t[i], 'FORMAT') && isOp(t[i + 1], '=')) i += 3;
      if (isWord(t[i], 'ANALYZE', 'EXTENDED', 'PARTITIONS')) i += 1;
      if (isWord(t[i], 'FOR') && isWord(t[i + 1], 'CONNECTION')) return 'explain_other';
      if (isOp(t[i], '(')) return 'select';
      if (isWord(t[i], 'SELECT', 'WITH', 'TABLE', 'INSERT', 'REPLACE', 'UPDATE', 'DELETE', 'VALUES')) return comCounter(t.slice(i));
      return 'show_fields';
    }
    case 'CREATE':
      return ddlCounter('create', t);
    case 'DROP':
      return ddlCounter('drop', t);
    case 'ALTER':
      return ddlCounter('alter', t);
    case 'RENAME':
      return isWord(second, 'USER') ? 'rename_user' : 'rename_table';
    case 'GRANT':
      return topLevel(t, (x) => isWord(x, 'ON')) ? 'grant' : 'grant_roles';
    case 'REVOKE':
      if (isWord(second, 'ALL') && topLevel(t, (x) => isWord(x, 'OPTION')) && !topLevel(t, (x) => isWord(x, 'ON'))) return 'revoke_all';
      return topLevel(t, (x) => isWord(x, 'ON')) ? 'revoke' : 'revoke_roles';
    case 'LOCK':
      return isWord(second, 'INSTANCE') ? 'lock_instance' : 'lock_tables';
    case 'UNLOCK':
      return isWord(second, 'INSTANCE') ? 'unlock_instance' : 'unlock_tables';
    case 'LOAD':
      return isWord(second, 'INDEX') ? 'preload_keys' : 'load';
    case 'XA': {
      const w = second?.kind === 'word' ? second.value : '';
      return w === 'START' || w === 'BEGIN' ? 'xa_start' : w === 'END' ? 'xa_end' : w === 'PREPARE' ? 'xa_prepare' : w === 'COMMIT' ? 'xa_commit' : w === 'ROLLBACK' ? 'xa_rollback' : w === 'RECOVER' ? 'xa_recover' : null;
    }
    case 'INSTALL':
      return isWord(second, 'COMPONENT') ? 'install_component' : 'install_plugin';
    case 'UNINSTALL':
      return isWord(second, 'COMPONENT') ? 'uninstall_component' : 'uninstall_plugin';
    case 'HANDLER':
      return topLevel(t, (x) => isWord(x, 'OPEN')) ? 'ha_open' : topLevel(t, (x) => isWord(x, 'CLOSE')) ? 'ha_close' : 'ha_read';
    default:
      return null;
  }
}
