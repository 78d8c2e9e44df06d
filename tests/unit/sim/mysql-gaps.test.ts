/**
 * MySQL 8.0.19 where the audit found the drill wrong: the applications' pooled connections in
 * the processlist (and performance_schema, sys), the status counters following what ran, SLEEP's
 * timing, EXPLAIN on the declared keys, DEFAULT NULL on JSON columns, and mysqlbinlog -v's
 * pseudo-SQL. Expected outputs are written from MySQL's documented formats.
 */
import { describe, expect, it } from 'vitest';
import type { SimWorld } from '../../../src/sim/world';
import { Draft } from '../../../src/sim/draft';
import { connect } from '../../../src/sim/mysql/connect';
import { executeStatement } from '../../../src/sim/mysql/execute';
import type { StatementResult } from '../../../src/sim/mysql/context';
import { advanceTo } from '../../../src/sim/terminal';
import { netConfig, netStart, typeNet, NET_START } from './net-fixture';
import { lastMysqlOutput, runStatements, typeMysql } from './mysql-fixture';

/** Runs statements as root on store-db's server (the crumb shop's database) in `world`. */
function onStore(statements: readonly string[], world: SimWorld = netStart()): { results: StatementResult[]; id: number; world: SimWorld } {
  const draft = new Draft(netConfig, world);
  const connected = connect(draft, { from: 'store', osUser: 'root', user: 'root', password: null });
  if (!connected.ok) throw new Error(connected.error.message);
  let session = connected.session;
  const results = statements.map((sql) => {
    const outcome = executeStatement(draft, session, sql);
    session = outcome.session;
    return outcome.result;
  });
  return { results, id: connected.session.id, world: draft.finish() };
}

function rowsOf(result: StatementResult | undefined): (string | null)[][] {
  if (result?.kind !== 'rows') throw new Error(`not rows: ${JSON.stringify(result)}`);
  return result.result.rows;
}

const PROCESSLIST = 'SELECT ID, USER, HOST, DB, COMMAND, TIME, STATE FROM information_schema.PROCESSLIST ORDER BY ID';

describe("the applications' pooled connections", () => {
  it('sleep in the processlist: the app user from its config, the web host and a port, its database, ids below ours', () => {
    const { results, id } = onStore([PROCESSLIST, 'SELECT CONNECTION_ID()']);
    const rows = rowsOf(results[0]);
    const pooled = rows.filter((r) => r[1] === 'crumbapp');
    expect(pooled).toHaveLength(20);
    for (const r of pooled) {
      expect(r[2]).toMatch(/^shop-[12]:\d{5}$/);
      expect([r[3], r[4], r[6]]).toEqual(['crumb', 'Sleep', '']);
      expect(Number(r[0])).toBeLessThan(id);
    }
    expect(pooled.filter((r) => r[2]!.startsWith('shop-1:'))).toHaveLength(10);
    expect(rowsOf(results[1])[0]![0]).toBe(String(id));
    expect(rows[rows.length - 1]!.slice(0, 5)).toEqual([String(id), 'root', 'localhost', null, 'Query']);
    expect(new Set(rows.map((r) => r[0])).size).toBe(rows.length);
  });

  it("their Time grows with the clock, and a request resets the one connection it used", () => {
    const before = rowsOf(onStore([PROCESSLIST]).results[0]).filter((r) => r[1] === 'crumbapp');
    const later = advanceTo(netConfig, netStart(), NET_START + 120);
    const after = rowsOf(onStore([PROCESSLIST], later).results[0]).filter((r) => r[1] === 'crumbapp');
    after.forEach((r, k) => expect(Number(r[5])).toBe(Number(before[k]![5]) + 120));
    const requested = typeNet(['curl -s -o /dev/null http://shop-1/account'], later).world;
    const used = rowsOf(onStore([PROCESSLIST], requested).results[0]).filter((r) => r[1] === 'crumbapp' && r[5] === '0');
    expect(used).toHaveLength(1);
    expect(used[0]![2]).toMatch(/^shop-1:/);
  });

  it('disappear while the app is stopped and come back with fresh ids and ports after a restart', () => {
    const { id: first } = onStore([]);
    const stopped = typeNet(['ssh shop-1 sudo systemctl stop crumb-shop']).world;
    const hosts = rowsOf(onStore([PROCESSLIST], stopped).results[0]).filter((r) => r[1] === 'crumbapp').map((r) => r[2]!.replace(/:\d+$/, ''));
    expect(new Set(hosts)).toEqual(new Set(['shop-2']));
    const restarted = typeNet(['ssh shop-1 sudo systemctl restart crumb-shop']).world;
    const { results, id } = onStore([PROCESSLIST], restarted);
    const again = rowsOf(results[0]).filter((r) => r[1] === 'crumbapp' && r[2]!.startsWith('shop-1:'));
    expect(again).toHaveLength(10);
    for (const r of again) expect(Number(r[0])).toBeGreaterThanOrEqual(first);
    expect(Number(again[again.length - 1]![0])).toBeLessThan(id);
  });

  it('are in performance_schema.threads and sys.session with the same ids', () => {
    const { results, id } = onStore([
      "SELECT PROCESSLIST_ID, PROCESSLIST_USER, PROCESSLIST_HOST, PROCESSLIST_COMMAND, CONNECTION_TYPE FROM performance_schema.threads WHERE PROCESSLIST_USER = 'crumbapp' ORDER BY PROCESSLIST_ID LIMIT 1",
      'SELECT COUNT(*) FROM sys.session',
      "SELECT conn_id, user, command FROM sys.session WHERE conn_id = CONNECTION_ID()",
      'SELECT COUNT(*) FROM performance_schema.events_statements_summary_by_digest',
      'SELECT * FROM performance_schema.no_such_table',
      PROCESSLIST,
    ]);
    const firstPooled = rowsOf(results[5]).find((r) => r[1] === 'crumbapp')!;
    expect(rowsOf(results[0])).toEqual([[firstPooled[0], 'crumbapp', firstPooled[2]!.replace(/:\d+$/, ''), 'Sleep', 'TCP/IP']]);
    expect(rowsOf(results[1])).toEqual([['21']]);
    expect(rowsOf(results[2])).toEqual([[String(id), 'root@localhost', 'Query']]);
    expect(rowsOf(results[3])).toEqual([['0']]);
    expect(results[4]).toMatchObject({ kind: 'error', error: { code: 1146, message: "Table 'performance_schema.no_such_table' doesn't exist" } });
  });
});

describe('SHOW STATUS counters', () => {
  const value = (result: StatementResult | undefined) => Number(rowsOf(result)[0]![1]);

  it('count the statements run: globally since mysqld started, per connection for SHOW [SESSION] STATUS', () => {
    const { results } = runStatements('db1', [
      "SHOW GLOBAL STATUS LIKE 'Com_select'",
      "SHOW GLOBAL STATUS LIKE 'Com_delete'",
      'SELECT 1',
      "DELETE FROM shop.products WHERE sku = 'PIN-05'",
      "UPDATE shop.products SET price = 4 WHERE sku = 'BAG-04'",
      "INSERT INTO shop.products (sku, title, price) VALUES ('X-1', 'x', 1)",
      "SHOW GLOBAL STATUS LIKE 'Com_select'",
      "SHOW GLOBAL STATUS LIKE 'Com_delete'",
      "SHOW STATUS LIKE 'Com_%'",
      "SHOW STATUS LIKE 'Questions'",
      "SHOW GLOBAL STATUS LIKE 'Questions'",
    ]);
    expect(value(results[6])).toBe(value(results[0]) + 1);
    expect(value(results[7])).toBe(value(results[1]) + 1);
    expect(rowsOf(results[8]).filter((r) => r[1] !== '0')).toEqual([['Com_delete', '1'], ['Com_insert', '1'], ['Com_select', '1'], ['Com_show_status', '5'], ['Com_update', '1']]);
    expect(rowsOf(results[9])).toEqual([['Questions', '10']]);
    expect(value(results[10])).toBeGreaterThan(value(results[6]));
  });

  it("Com_delete counts the binary log's DELETE since mysqld started, not its cascades", () => {
    const { results } = runStatements('db1', ["SHOW GLOBAL STATUS LIKE 'Com_delete'"]);
    expect(rowsOf(results[0])).toEqual([['Com_delete', '1']]);
  });

  it('Threads_connected and Threads_running follow the processlist', () => {
    const { results } = onStore(["SHOW GLOBAL STATUS LIKE 'Threads_%'", PROCESSLIST]);
    const list = rowsOf(results[1]);
    const status = Object.fromEntries(rowsOf(results[0]).map((r) => [r[0], r[1]]));
    expect(status.Threads_connected).toBe(String(list.filter((r) => r[4] !== 'Daemon').length));
    expect(status.Threads_running).toBe(String(list.filter((r) => r[4] !== 'Sleep').length));
    expect(status.Threads_connected).toBe('21');
    expect(status.Threads_running).toBe('2');
  });
});

describe('MySQL 8.0.19 answers', () => {
  it('SELECT SLEEP(2) takes its two seconds', () => {
    const { steps } = typeMysql(['ssh shopdb-1', 'mysql -u ana -pana-secret shop', 'SELECT SLEEP(2);', 'SELECT SLEEP(0.5) FROM products;']);
    expect(steps[2]!.output).toEqual(['+----------+', '| SLEEP(2) |', '+----------+', '|        0 |', '+----------+', '1 row in set (2.00 sec)', '']);
    expect(steps[3]!.output.slice(-2)).toEqual(['5 rows in set (2.50 sec)', '']);
  });

  const explain = (sql: string) => lastMysqlOutput(['ssh shopdb-1', 'mysql -u ana -pana-secret shop', sql]).split('\n');
  const HEADER = '| id | select_type | table    | partitions | type  | possible_keys | key     | key_len | ref   | rows | filtered | Extra |';

  it('EXPLAIN uses the primary key for a constant: const', () => {
    expect(explain('EXPLAIN SELECT * FROM products WHERE id = 3;').slice(1, 4)).toEqual([HEADER, '+----+-------------+----------+------------+-------+---------------+---------+---------+-------+------+----------+-------+', '|  1 | SIMPLE      | products | NULL       | const | PRIMARY       | PRIMARY | 4       | const |    1 |   100.00 | NULL  |']);
  });

  it('EXPLAIN uses a NOT NULL unique key for a constant (utf8mb4 varchar(20): key_len 82)', () => {
    expect(explain("EXPLAIN SELECT title FROM products WHERE sku = 'CAP-03';")[3]).toBe('|  1 | SIMPLE      | products | NULL       | const | sku           | sku  | 82      | const |    1 |   100.00 | NULL  |');
  });

  it('EXPLAIN says so when the const row does not exist', () => {
    expect(explain('EXPLAIN SELECT * FROM products WHERE id = 999;')[3]).toBe('|  1 | SIMPLE      | NULL  | NULL       | NULL | NULL          | NULL | NULL    | NULL | NULL |     NULL | no matching row in const table |');
  });

  it('EXPLAIN uses a foreign key index for ref and the primary key for a range', () => {
    expect(explain('EXPLAIN SELECT * FROM orders WHERE customer_id = 3;')[3]).toBe('|  1 | SIMPLE      | orders | NULL       | ref  | fk_orders_customer_id | fk_orders_customer_id | 4       | const |    1 |   100.00 | NULL  |');
    expect(explain('EXPLAIN SELECT * FROM products WHERE id > 3;')[3]).toBe('|  1 | SIMPLE      | products | NULL       | range | PRIMARY       | PRIMARY | 4       | NULL |    2 |   100.00 | Using where |');
    expect(explain("EXPLAIN SELECT * FROM products WHERE title = 'Tote bag';")[3]).toBe('|  1 | SIMPLE      | products | NULL       | ALL  | NULL          | NULL | NULL    | NULL |    5 |    10.00 | Using where |');
  });

  it('SHOW CREATE TABLE writes DEFAULT NULL for a nullable JSON column, and none for TEXT', () => {
    const out = lastMysqlOutput(['ssh shopdb-1', 'mysql -u ana -pana-secret shop', 'CREATE TABLE t (id INT PRIMARY KEY, doc JSON, note TEXT, at DATETIME);', 'SHOW CREATE TABLE t\\G']).split('\n');
    expect(out.slice(2, 9)).toEqual(['Create Table: CREATE TABLE `t` (', '  `id` int NOT NULL,', '  `doc` json DEFAULT NULL,', '  `note` text,', '  `at` datetime DEFAULT NULL,', '  PRIMARY KEY (`id`)', ') ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_ai_ci']);
  });

  it("mysqlbinlog -v prints row values by column type: numbers and decimals bare, strings quoted with \\x escapes", () => {
    const lines = [
      'ssh shopdb-1',
      "mysql -u ana -pana-secret shop -e \"INSERT INTO products (sku, title, price) VALUES ('Q-1', 'it''s', 2.5)\"",
      'sudo mysqlbinlog -v --base64-output=DECODE-ROWS /var/lib/mysql/binlog.000017 | grep -A5 "INSERT INTO \\`shop\\`.\\`products\\`" | tail -6',
    ];
    const out = lastMysqlOutput(lines).split('\n');
    expect(out).toEqual(['### INSERT INTO `shop`.`products`', '### SET', '###   @1=6', "###   @2='Q-1'", "###   @3='it\\x27s'", '###   @4=2.50']);
  });
});

describe("performance_schema's replication tables (8.0.19's columns, from SHOW SLAVE STATUS's state)", () => {
  const replica = (lines: readonly string[]) => typeMysql(['ssh shopdb-2', 'mysql -u ana -pana-secret', ...lines]).steps.slice(2).map((s) => s.output);

  it('replication_applier_status shows the SQL thread ON and the remaining MASTER_DELAY; replication_applier_configuration the delay', () => {
    const [status, configuration] = replica(['SELECT * FROM performance_schema.replication_applier_status;', 'SELECT * FROM performance_schema.replication_applier_configuration;']);
    expect(status).toEqual(['+--------------+---------------+-----------------+----------------------------+', '| CHANNEL_NAME | SERVICE_STATE | REMAINING_DELAY | COUNT_TRANSACTIONS_RETRIES |', '+--------------+---------------+-----------------+----------------------------+', '|              | ON            |             370 |                          0 |', '+--------------+---------------+-----------------+----------------------------+', '1 row in set (0.00 sec)', '']);
    expect(configuration).toEqual(['+--------------+---------------+-----------------------+--------------------+', '| CHANNEL_NAME | DESIRED_DELAY | PRIVILEGE_CHECKS_USER | REQUIRE_ROW_FORMAT |', '+--------------+---------------+-----------------------+--------------------+', '|              |          1800 | NULL                  | NO                 |', '+--------------+---------------+-----------------------+--------------------+', '1 row in set (0.00 sec)', '']);
  });

  it('replication_connection_status: the I/O thread, its source, the last queued transaction; the coordinator table is empty (single-threaded applier)', () => {
    const [status, coordinator] = replica(['SELECT CHANNEL_NAME, SOURCE_UUID, THREAD_ID, SERVICE_STATE, RECEIVED_TRANSACTION_SET, LAST_ERROR_NUMBER, LAST_QUEUED_TRANSACTION, LAST_QUEUED_TRANSACTION_ORIGINAL_COMMIT_TIMESTAMP FROM performance_schema.replication_connection_status\\G', 'SELECT * FROM performance_schema.replication_applier_status_by_coordinator;']);
    expect(status).toEqual(['*************************** 1. row ***************************', '                                     CHANNEL_NAME: ', '                                      SOURCE_UUID: 7459bcba-612f-11eb-a0a7-519f14519d81', '                                        THREAD_ID: 47', '                                    SERVICE_STATE: ON', '                         RECEIVED_TRANSACTION_SET: ', '                                LAST_ERROR_NUMBER: 0', '                          LAST_QUEUED_TRANSACTION: ANONYMOUS', 'LAST_QUEUED_TRANSACTION_ORIGINAL_COMMIT_TIMESTAMP: 2021-03-02 13:58:30.000000', '1 row in set (0.00 sec)', '']);
    expect(coordinator).toEqual(['Empty set (0.00 sec)', '']);
  });

  it('replication_connection_configuration holds what CHANGE MASTER TO set', () => {
    const [out] = replica(['SELECT HOST, PORT, USER, AUTO_POSITION, SSL_ALLOWED, CONNECTION_RETRY_INTERVAL, CONNECTION_RETRY_COUNT, HEARTBEAT_INTERVAL, COMPRESSION_ALGORITHM, TLS_CIPHERSUITES FROM performance_schema.replication_connection_configuration\\G']);
    expect(out).toEqual(['*************************** 1. row ***************************', '                     HOST: shopdb-1', '                     PORT: 3306', '                     USER: repl', '            AUTO_POSITION: 0', '              SSL_ALLOWED: NO', 'CONNECTION_RETRY_INTERVAL: 60', '   CONNECTION_RETRY_COUNT: 86400', '       HEARTBEAT_INTERVAL: 30.000', '    COMPRESSION_ALGORITHM: uncompressed', '         TLS_CIPHERSUITES: NULL', '1 row in set (0.00 sec)', '']);
  });

  it('replication_applier_status_by_worker: worker 0 is the SQL thread, its last applied transaction MASTER_DELAY after its commit', () => {
    const [out] = replica(['SELECT WORKER_ID, THREAD_ID, SERVICE_STATE, LAST_APPLIED_TRANSACTION, LAST_APPLIED_TRANSACTION_ORIGINAL_COMMIT_TIMESTAMP, LAST_APPLIED_TRANSACTION_END_APPLY_TIMESTAMP, APPLYING_TRANSACTION FROM performance_schema.replication_applier_status_by_worker\\G']);
    expect(out).toEqual(['*************************** 1. row ***************************', '                                         WORKER_ID: 0', '                                         THREAD_ID: 48', '                                     SERVICE_STATE: ON', '                          LAST_APPLIED_TRANSACTION: ANONYMOUS', 'LAST_APPLIED_TRANSACTION_ORIGINAL_COMMIT_TIMESTAMP: 2021-03-02 13:29:22.000000', '      LAST_APPLIED_TRANSACTION_END_APPLY_TIMESTAMP: 2021-03-02 13:59:22.000000', '                              APPLYING_TRANSACTION: ', '1 row in set (0.00 sec)', '']);
  });

  it('are empty on a server that is not a replica', () => {
    const { results } = runStatements('db1', ['SELECT * FROM performance_schema.replication_connection_status', 'SELECT * FROM performance_schema.replication_applier_status_by_worker', 'SELECT * FROM performance_schema.replication_applier_configuration']);
    for (const r of results) expect(rowsOf(r)).toEqual([]);
  });

  const STATES = 'SELECT (SELECT SERVICE_STATE FROM performance_schema.replication_connection_status), (SELECT SERVICE_STATE FROM performance_schema.replication_applier_status), (SELECT SERVICE_STATE FROM performance_schema.replication_applier_status_by_worker), (SELECT THREAD_ID IS NULL FROM performance_schema.replication_connection_status), (SELECT THREAD_ID IS NULL FROM performance_schema.replication_applier_status_by_worker)';
  const VARIANTS = ['STOP SLAVE', 'START SLAVE', 'STOP SLAVE IO_THREAD', 'STOP SLAVE SQL_THREAD', 'START SLAVE IO_THREAD', 'START SLAVE SQL_THREAD', 'START SLAVE IO_THREAD, SQL_THREAD', 'STOP SLAVE SQL_THREAD, IO_THREAD', 'KILL 8', 'KILL 9'];

  it('property: after any sequence of STOP/START SLAVE variants (and KILL of the threads), their thread states agree with SHOW SLAVE STATUS', () => {
    let seed = 7;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed;
    };
    for (let run = 0; run < 12; run += 1) {
      const sequence = Array.from({ length: 1 + (next() % 6) }, () => VARIANTS[next() % VARIANTS.length]!);
      const statements = sequence.flatMap((s) => [s, 'SHOW SLAVE STATUS', STATES]);
      const { results } = runStatements('db2', statements);
      for (let k = 0; k < sequence.length; k += 1) {
        const status = results[k * 3 + 1];
        if (status?.kind !== 'rows') throw new Error('no slave status');
        const field = (name: string) => status.result.rows[0]![status.result.columns.findIndex((c) => c.name === name)];
        const io = field('Slave_IO_Running') === 'Yes' ? 'ON' : field('Slave_IO_Running') === 'Connecting' ? 'CONNECTING' : 'OFF';
        const sql = field('Slave_SQL_Running') === 'Yes' ? 'ON' : 'OFF';
        const [connection, applier, worker, ioNull, sqlNull] = rowsOf(results[k * 3 + 2])[0]!;
        expect({ after: sequence.slice(0, k + 1), states: [connection, applier, worker, ioNull, sqlNull] }).toEqual({ after: sequence.slice(0, k + 1), states: [io, sql, sql, io === 'OFF' ? '1' : '0', sql === 'OFF' ? '1' : '0'] });
      }
    }
  });
});

describe('KILL and information_schema.INNODB_TRX', () => {
  it('KILL of an unknown id, of a replica thread without CONNECTION_ADMIN, of the own query and of the own connection (1317, as kill.test has it; the next statement finds the connection gone), as the mysql client prints them', () => {
    const { steps } = typeMysql(['ssh shopdb-2', 'mysql -u reader -preader-pw', 'KILL 99999;', 'KILL 8;', 'KILL QUERY 14388;', 'KILL 14388;', 'SELECT CONNECTION_ID();']);
    expect(steps.slice(2).map((s) => s.output)).toEqual([
      ['ERROR 1094 (HY000): Unknown thread id: 99999'],
      ['ERROR 1095 (HY000): You are not owner of thread 8'],
      ['ERROR 1317 (70100): Query execution was interrupted'],
      ['ERROR 1317 (70100): Query execution was interrupted'],
      ['ERROR 2006 (HY000): MySQL server has gone away', 'No connection. Trying to reconnect...', 'Connection id:    14389', 'Current database: *** NONE ***', '', '+-----------------+', '| CONNECTION_ID() |', '+-----------------+', '|           14389 |', '+-----------------+', '1 row in set (0.00 sec)', ''],
    ]);
  });

  it("KILL of the replica's SQL thread stops it: it leaves the processlist and SHOW SLAVE STATUS says No", () => {
    const { results } = runStatements('db2', ['KILL 9', 'SELECT ID FROM information_schema.PROCESSLIST ORDER BY ID', 'SHOW SLAVE STATUS']);
    expect(results[0]).toMatchObject({ kind: 'ok' });
    expect(rowsOf(results[1]).map((r) => r[0])).not.toContain('9');
    const status = results[2];
    if (status?.kind !== 'rows') throw new Error('no status');
    expect(status.result.rows[0]![status.result.columns.findIndex((c) => c.name === 'Slave_SQL_Running')]).toBe('No');
  });

  it("KILL of an application's pooled connection: it disappears from the processlist", () => {
    const { results } = onStore([PROCESSLIST]);
    const pooled = rowsOf(results[0]).filter((r) => r[1] === 'crumbapp').map((r) => r[0]!);
    const after = onStore([`KILL ${pooled[3]}`, PROCESSLIST, `KILL ${pooled[3]}`]);
    expect(after.results[0]).toMatchObject({ kind: 'ok' });
    const ids = rowsOf(after.results[1]).map((r) => r[0]);
    expect(ids).not.toContain(pooled[3]);
    expect(ids.filter((id) => pooled.includes(id!))).toHaveLength(pooled.length - 1);
    expect(after.results[2]).toMatchObject({ kind: 'error', error: { code: 1094, message: `Unknown thread id: ${pooled[3]}` } });
  });

  it('INNODB_TRX is empty until a transaction reads or writes; then it shows the connection, its rows modified and its isolation level', () => {
    const { results, session } = runStatements('db1', [
      'SELECT * FROM information_schema.INNODB_TRX',
      'BEGIN',
      'SELECT COUNT(*) FROM information_schema.INNODB_TRX',
      "UPDATE shop.products SET price = price + 1 WHERE sku IN ('MUG-01', 'TEE-02')",
      'SELECT trx_state, trx_started, trx_mysql_thread_id, trx_query, trx_rows_modified, trx_isolation_level, trx_is_read_only FROM information_schema.INNODB_TRX',
      'ROLLBACK',
      'SELECT COUNT(*) FROM information_schema.INNODB_TRX',
    ]);
    expect(rowsOf(results[0])).toEqual([]);
    expect(rowsOf(results[2])).toEqual([['0']]);
    expect(rowsOf(results[4])).toEqual([['RUNNING', '2021-03-02 14:05:00', String(session.id), 'SELECT trx_state, trx_started, trx_mysql_thread_id, trx_query, trx_rows_modified, trx_isolation_level, trx_is_read_only FROM information_schema.INNODB_TRX', '2', 'REPEATABLE READ', '0']]);
    expect(rowsOf(results[6])).toEqual([['0']]);
  });
});

describe("SHOW STATUS's Com_* counters", () => {
  it("list all of 8.0.19's, in mysqld's order (not sorted), counting what this connection ran", () => {
    const { results } = runStatements('db1', ['USE shop', 'BEGIN', 'SELECT 1', 'COMMIT', 'SHOW TABLES', 'DELETE o FROM orders o JOIN customers c ON c.id = o.customer_id WHERE c.id = 0', "SHOW SESSION STATUS LIKE 'Com_%'"]);
    const rows = rowsOf(results[6]);
    expect(rows).toHaveLength(167);
    expect(rows.slice(0, 4).map((r) => r[0])).toEqual(['Com_admin_commands', 'Com_assign_to_keycache', 'Com_alter_db', 'Com_alter_event']);
    expect(rows.slice(-3).map((r) => r[0])).toEqual(['Com_xa_rollback', 'Com_xa_start', 'Com_stmt_reprepare']);
    const counted = rows.filter((r) => r[1] !== '0');
    expect(counted).toEqual([['Com_begin', '1'], ['Com_change_db', '1'], ['Com_commit', '1'], ['Com_delete_multi', '1'], ['Com_select', '1'], ['Com_show_status', '1'], ['Com_show_tables', '1']]);
  });

  it('GLOBAL counts since mysqld started: STOP/START SLAVE and KILL on the replica', () => {
    const { results } = runStatements('db2', ['STOP SLAVE', 'START SLAVE', 'KILL 99999', "SHOW GLOBAL STATUS WHERE Variable_name IN ('Com_slave_stop', 'Com_slave_start', 'Com_kill', 'Com_show_slave_status')"]);
    expect(rowsOf(results[3])).toEqual([['Com_kill', '1'], ['Com_show_slave_status', '0'], ['Com_slave_start', '1'], ['Com_slave_stop', '1']]);
  });
});

describe('EXPLAIN FORMAT=JSON (8.0.19 Explain_format_JSON, one pretty-printed cell)', () => {
  const explainJson = (sql: string) => typeMysql(['ssh shopdb-1', 'mysql -u ana -pana-secret shop', sql]).steps[2]!.output;

  it('a const lookup on the primary key', () => {
    expect(explainJson('EXPLAIN FORMAT=JSON SELECT * FROM products WHERE id = 3\\G')).toEqual([
      '*************************** 1. row ***************************',
      'EXPLAIN: {', '  "query_block": {', '    "select_id": 1,', '    "cost_info": {', '      "query_cost": "1.00"', '    },', '    "table": {', '      "table_name": "products",', '      "access_type": "const",', '      "possible_keys": [', '        "PRIMARY"', '      ],', '      "key": "PRIMARY",', '      "used_key_parts": [', '        "id"', '      ],', '      "key_length": "4",', '      "ref": [', '        "const"', '      ],', '      "rows_examined_per_scan": 1,', '      "rows_produced_per_join": 1,', '      "filtered": "100.00",', '      "cost_info": {', '        "read_cost": "0.00",', '        "eval_cost": "0.10",', '        "prefix_cost": "0.00",', '        "data_read_per_join": "493"', '      },', '      "used_columns": [', '        "id",', '        "sku",', '        "title",', '        "price"', '      ]', '    }', '  }', '}',
      '1 row in set, 1 warning (0.00 sec)', '',
    ]);
  });

  it('a full scan with its attached condition, columns qualified as the optimizer prints them; the cell in table mode', () => {
    const out = explainJson('EXPLAIN FORMAT=JSON SELECT title FROM products WHERE price > 10;');
    expect(out[1]).toMatch(/^\| EXPLAIN +\|$/);
    expect(out.slice(3, 6)).toEqual(['| {', '  "query_block": {', '    "select_id": 1,']);
    expect(out).toContain('      "access_type": "ALL",');
    expect(out).toContain('      "rows_examined_per_scan": 5,');
    expect(out).toContain('      "filtered": "33.33",');
    expect(out).toContain('      "attached_condition": "(`shop`.`products`.`price` > 10)"');
    expect(out.slice(-4)).toEqual(['} |', out[0], '1 row in set, 1 warning (0.00 sec)', '']);
  });

  it('no tables, and a const row that does not exist, are messages', () => {
    expect(explainJson('EXPLAIN FORMAT=JSON SELECT 1\\G').slice(1, 6)).toEqual(['EXPLAIN: {', '  "query_block": {', '    "select_id": 1,', '    "message": "No tables used"', '  }']);
    expect(explainJson('EXPLAIN FORMAT=JSON SELECT * FROM products WHERE id = 999\\G')[4]).toBe('    "message": "no matching row in const table"');
  });

  it('an aliased range on the primary key names the alias', () => {
    const out = explainJson('EXPLAIN FORMAT=JSON SELECT * FROM products p WHERE p.id IN (1,3)\\G');
    expect(out).toContain('      "table_name": "p",');
    expect(out).toContain('      "access_type": "range",');
    expect(out).toContain('      "attached_condition": "(`shop`.`p`.`id` in (1,3))"');
  });
});

describe('INNODB_TRX needs PROCESS', () => {
  it('a user without it gets ERROR 1227', () => {
    const { steps } = typeMysql(['ssh shopdb-1', 'mysql -u reader -preader-pw', 'SELECT * FROM information_schema.INNODB_TRX;']);
    expect(steps[2]!.output).toEqual(['ERROR 1227 (42000): Access denied; you need (at least one of) the PROCESS privilege(s) for this operation']);
  });
});
