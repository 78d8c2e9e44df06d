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
    expect(rowsOf(results[8])).toEqual([['Com_commit', '0'], ['Com_delete', '1'], ['Com_insert', '1'], ['Com_select', '1'], ['Com_update', '1']]);
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
