// @vitest-environment node
/**
 * performance_schema as MySQL 8.0.19 has it, as the sixth blind audit found it missing: every
 * table of the schema exists (SHOW TABLES lists 8.0.19's 103), the statement event tables hold
 * this connection's statements (events_statements_history: its last ten; history_long empty, its
 * consumer being OFF), setup_consumers has the defaults, and the tables need SELECT on them but
 * the variable and status ones. On the shop fixture, and on every MySQL server of every scenario.
 */
import { describe, expect, it } from 'vitest';
import { runStatements, typeMysql } from './mysql-fixture';
import type { StatementResult } from '../../../src/sim/mysql/context';
import { PERFORMANCE_SCHEMA_TABLES } from '../../../src/sim/mysql/system-names';
import { inputFromLine, replayInputs } from '../../../src/engine/replay';
import { loadScenarioFile, scenarioFiles } from '../scoring/support';

function rowsOf(result: StatementResult | undefined): (string | null)[][] {
  if (result?.kind !== 'rows') throw new Error(`not rows: ${JSON.stringify(result)}`);
  return result.result.rows;
}

function columnsOf(result: StatementResult | undefined): string[] {
  if (result?.kind !== 'rows') throw new Error(`not rows: ${JSON.stringify(result)}`);
  return result.result.columns.map((c) => c.name);
}

/** 8.0.19's events_statements_history columns (the manual, 27.12.6.2). */
const STATEMENT_COLUMNS = ['THREAD_ID', 'EVENT_ID', 'END_EVENT_ID', 'EVENT_NAME', 'SOURCE', 'TIMER_START', 'TIMER_END', 'TIMER_WAIT', 'LOCK_TIME', 'SQL_TEXT', 'DIGEST', 'DIGEST_TEXT', 'CURRENT_SCHEMA', 'OBJECT_TYPE', 'OBJECT_SCHEMA', 'OBJECT_NAME', 'OBJECT_INSTANCE_BEGIN', 'MYSQL_ERRNO', 'RETURNED_SQLSTATE', 'MESSAGE_TEXT', 'ERRORS', 'WARNINGS', 'ROWS_AFFECTED', 'ROWS_SENT', 'ROWS_EXAMINED', 'CREATED_TMP_DISK_TABLES', 'CREATED_TMP_TABLES', 'SELECT_FULL_JOIN', 'SELECT_FULL_RANGE_JOIN', 'SELECT_RANGE', 'SELECT_RANGE_CHECK', 'SELECT_SCAN', 'SORT_MERGE_PASSES', 'SORT_RANGE', 'SORT_ROWS', 'SORT_SCAN', 'NO_INDEX_USED', 'NO_GOOD_INDEX_USED', 'NESTING_EVENT_ID', 'NESTING_EVENT_TYPE', 'NESTING_EVENT_LEVEL', 'STATEMENT_ID'];

describe('performance_schema statement events', () => {
  it('history_long exists and is empty (its consumer is OFF): the audit line answers Empty set, not 1146', () => {
    const { steps } = typeMysql(['ssh shopdb-1', 'mysql -u ana -pana-secret shop', "SELECT * FROM performance_schema.events_statements_history_long WHERE SQL_TEXT LIKE '%users%' LIMIT 3\\G"]);
    expect(steps.at(-1)!.output).toEqual(['Empty set (0.00 sec)', '']);
  });

  it("history holds this connection's statements, in order, with 8.0.19's columns, schema, rows and errors", () => {
    const { results } = runStatements('db1', ['SELECT id FROM shop.products', 'USE shop', 'DELETE FROM products WHERE id = 99', 'SELECT * FROM nope', 'SELEC 1', 'SELECT * FROM performance_schema.events_statements_history', 'SELECT THREAD_ID FROM performance_schema.threads WHERE PROCESSLIST_ID = CONNECTION_ID()']);
    expect(columnsOf(results[5])).toEqual(STATEMENT_COLUMNS);
    const rows = rowsOf(results[5]);
    const col = (name: string) => rows.map((r) => r[STATEMENT_COLUMNS.indexOf(name)]);
    expect(col('SQL_TEXT')).toEqual(['SELECT id FROM shop.products', null, 'DELETE FROM products WHERE id = 99', 'SELECT * FROM nope', 'SELEC 1']);
    expect(col('EVENT_NAME')).toEqual(['statement/sql/select', 'statement/com/Init DB', 'statement/sql/delete', 'statement/sql/select', 'statement/sql/error']);
    expect(col('CURRENT_SCHEMA')).toEqual([null, null, 'shop', 'shop', 'shop']);
    expect(col('ROWS_SENT')).toEqual(['5', '0', '0', '0', '0']);
    expect(col('MYSQL_ERRNO')).toEqual(['0', '0', '0', '1146', '1064']);
    expect(col('RETURNED_SQLSTATE')).toEqual([null, null, null, '42S02', '42000']);
    expect(col('DIGEST_TEXT')[0]).toBe('SELECT `id` FROM `shop` . `products`');
    expect(new Set(col('THREAD_ID'))).toEqual(new Set([rowsOf(results[6])[0]![0]]));
    const ids = col('EVENT_ID').map(Number);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    const starts = col('TIMER_START').map((t) => BigInt(t!));
    for (let k = 1; k < starts.length; k += 1) expect(starts[k]! > starts[k - 1]!).toBe(true);
  });

  it('history keeps the last ten; current is the statement reading it, not yet ended', () => {
    const many = Array.from({ length: 14 }, (_, k) => `SELECT ${k}`);
    const { results } = runStatements('db1', [...many, 'SELECT SQL_TEXT FROM performance_schema.events_statements_history', 'SELECT SQL_TEXT, END_EVENT_ID FROM performance_schema.events_statements_current']);
    expect(rowsOf(results[14]).map((r) => r[0])).toEqual(many.slice(4));
    expect(rowsOf(results[15])).toEqual([['SELECT SQL_TEXT, END_EVENT_ID FROM performance_schema.events_statements_current', null]]);
  });

  it('setup_consumers has 8.0.19 defaults', () => {
    const { results } = runStatements('db1', ['SELECT * FROM performance_schema.setup_consumers']);
    expect(rowsOf(results[0])).toEqual([
      ['events_stages_current', 'NO'], ['events_stages_history', 'NO'], ['events_stages_history_long', 'NO'],
      ['events_statements_current', 'YES'], ['events_statements_history', 'YES'], ['events_statements_history_long', 'NO'],
      ['events_transactions_current', 'YES'], ['events_transactions_history', 'YES'], ['events_transactions_history_long', 'NO'],
      ['events_waits_current', 'NO'], ['events_waits_history', 'NO'], ['events_waits_history_long', 'NO'],
      ['global_instrumentation', 'YES'], ['thread_instrumentation', 'YES'], ['statements_digest', 'YES'],
    ]);
  });

  it('global_variables and global_status agree with SHOW GLOBAL VARIABLES / STATUS', () => {
    const { results } = runStatements('db1', ["SELECT * FROM performance_schema.global_variables WHERE VARIABLE_NAME LIKE '%timeout%'", "SHOW GLOBAL VARIABLES LIKE '%timeout%'", "SELECT VARIABLE_VALUE FROM performance_schema.global_status WHERE VARIABLE_NAME = 'Uptime'", "SHOW GLOBAL STATUS LIKE 'Uptime'"]);
    expect(rowsOf(results[0])).toEqual(rowsOf(results[1]));
    expect(rowsOf(results[2])[0]![0]).toBe(rowsOf(results[3])[0]![1]);
  });

  it('needs SELECT on the table (ERROR 1142), but the variable and status tables are readable by anyone', () => {
    const { results } = runStatements('db1', ['SELECT * FROM performance_schema.threads', 'SELECT * FROM performance_schema.events_statements_history', "SELECT VARIABLE_VALUE FROM performance_schema.session_variables WHERE VARIABLE_NAME = 'autocommit'"], { user: 'reader', password: 'reader-pw' });
    expect(results[0]).toMatchObject({ kind: 'error', error: { code: 1142, message: "SELECT command denied to user 'reader'@'localhost' for table 'threads'" } });
    expect(results[1]).toMatchObject({ kind: 'error', error: { code: 1142 } });
    expect(rowsOf(results[2])).toEqual([['ON']]);
  });
});

describe('SHOW TABLES FROM the system schemas', () => {
  it("lists 8.0.19's tables (LIKE filters them)", () => {
    const { results } = runStatements('db1', ['SHOW TABLES FROM performance_schema', "SHOW TABLES FROM performance_schema LIKE 'events_statements%'", 'SHOW FULL TABLES FROM mysql']);
    expect(rowsOf(results[0]).map((r) => r[0])).toEqual(PERFORMANCE_SCHEMA_TABLES);
    expect(rowsOf(results[0])).toHaveLength(103);
    expect(columnsOf(results[1])).toEqual(['Tables_in_performance_schema (events_statements%)']);
    expect(rowsOf(results[1]).map((r) => r[0])).toEqual(['events_statements_current', 'events_statements_histogram_by_digest', 'events_statements_histogram_global', 'events_statements_history', 'events_statements_history_long', 'events_statements_summary_by_account_by_event_name', 'events_statements_summary_by_digest', 'events_statements_summary_by_host_by_event_name', 'events_statements_summary_by_program', 'events_statements_summary_by_thread_by_event_name', 'events_statements_summary_by_user_by_event_name', 'events_statements_summary_global_by_event_name']);
    expect(rowsOf(results[2])).toContainEqual(['user', 'BASE TABLE']);
  });
});

describe.each(scenarioFiles)('%s: every performance_schema table answers on every MySQL server', (file) => {
  it('SHOW TABLES lists them and each one can be read', { timeout: 120_000 }, () => {
    const scenario = loadScenarioFile(file);
    const hosts = Object.entries(scenario.world.hosts).filter(([, h]) => (h as { mysql?: unknown }).mysql);
    for (const [host] of hosts) {
      const start = scenario.startHost === host ? [] : [`ssh ${host}`];
      const reads = PERFORMANCE_SCHEMA_TABLES.map((t) => `SELECT COUNT(*) AS n FROM performance_schema.${t};`).join(' ');
      const lines = [...start, 'sudo mysql -N -e "SHOW TABLES FROM performance_schema" | wc -l', `sudo mysql -N -e "${reads}" 2>&1 | grep -c ERROR`];
      const steps = replayInputs(scenario, lines.map(inputFromLine)).context.steps;
      expect(steps.at(-2)!.output[0], host).toBe('103');
      expect(steps.at(-1)!.output[0], host).toBe('0');
    }
  });
});
