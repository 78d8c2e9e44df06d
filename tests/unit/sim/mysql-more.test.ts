/**
 * MySQL 8.0.19 where a blind audit found the drill wrong: the system schemas in
 * information_schema, division by zero's warning 1365, sys.version and
 * sys.schema_table_statistics, the statement digests from what the server ran, and the files
 * mysqld --initialize leaves in the data directory. Expected outputs are MySQL's formats.
 */
import { describe, expect, it } from 'vitest';
import { typeMysql } from './mysql-fixture';
import { digestText } from '../../../src/sim/mysql/digest';

type Case = [input: string, output: string[]];

function check(cases: Case[], login: string[] = ['ssh shopdb-1', 'mysql -u ana -pana-secret shop']): void {
  const { steps } = typeMysql([...login, ...cases.map(([input]) => input)]);
  cases.forEach(([input, output], k) => expect([input, steps[login.length + k]!.output]).toEqual([input, output]));
}

describe('information_schema lists the system schemas', () => {
  it("counts 8.0.19's tables per schema", () => check([
    ["SELECT table_schema, COUNT(*) FROM information_schema.tables GROUP BY table_schema;", ["+--------------------+----------+", "| TABLE_SCHEMA       | COUNT(*) |", "+--------------------+----------+", "| information_schema |       73 |", "| mysql              |       33 |", "| performance_schema |      103 |", "| shop               |        4 |", "| sys                |      101 |", "+--------------------+----------+", "5 rows in set (0.00 sec)", ""]],
    ["SELECT table_name FROM information_schema.tables WHERE table_schema = 'sys' AND table_name LIKE 'schema_table%';", ["+-------------------------------------+", "| TABLE_NAME                          |", "+-------------------------------------+", "| schema_table_lock_waits             |", "| schema_table_statistics             |", "| schema_table_statistics_with_buffer |", "| schema_tables_with_full_table_scans |", "+-------------------------------------+", "4 rows in set (0.00 sec)", ""]],
  ]));
});

describe('division by zero', () => {
  it('is NULL with warning 1365 for /, DIV, % and MOD', () => check([
    ['SELECT 1/0;', ['+------+', '| 1/0  |', '+------+', '| NULL |', '+------+', '1 row in set, 1 warning (0.00 sec)', '']],
    ['SHOW WARNINGS;', ['+---------+------+---------------+', '| Level   | Code | Message       |', '+---------+------+---------------+', '| Warning | 1365 | Division by 0 |', '+---------+------+---------------+', '1 row in set (0.00 sec)', '']],
    ['SELECT MOD(1,0);', ['+----------+', '| MOD(1,0) |', '+----------+', '|     NULL |', '+----------+', '1 row in set, 1 warning (0.00 sec)', '']],
    ['SELECT 1 DIV 0;', ['+---------+', '| 1 DIV 0 |', '+---------+', '|    NULL |', '+---------+', '1 row in set, 1 warning (0.00 sec)', '']],
    ['SELECT 1 % 0;', ['+-------+', '| 1 % 0 |', '+-------+', '|  NULL |', '+-------+', '1 row in set, 1 warning (0.00 sec)', '']],
    ['SELECT 7 % 3, 4/2;', ['+-------+--------+', '| 7 % 3 | 4/2    |', '+-------+--------+', '|     1 | 2.0000 |', '+-------+--------+', '1 row in set (0.00 sec)', '']],
    ['SELECT id/0 FROM products;', ['+------+', '| id/0 |', '+------+', '| NULL |', '| NULL |', '| NULL |', '| NULL |', '| NULL |', '+------+', '5 rows in set, 5 warnings (0.00 sec)', '']],
  ]));
});

describe('sys and performance_schema', () => {
  it('sys.version, schema_table_statistics and the digests follow what the server ran since its start', () => check([
    ['SELECT * FROM sys.version;', ["+-------------+---------------+", "| sys_version | mysql_version |", "+-------------+---------------+", "| 2.1.1       | 8.0.19        |", "+-------------+---------------+", "1 row in set (0.00 sec)", ""]],
    ['DELETE FROM products WHERE id = 5;', ["Query OK, 1 row affected (0.01 sec)", ""]],
    ['SELECT * FROM sys.schema_table_statistics;', ["+--------------+-------------+---------------+--------------+---------------+---------------+----------------+--------------+----------------+--------------+----------------+------------------+---------+-----------------+-------------------+----------+------------------+------------------+-----------------+", "| table_schema | table_name  | total_latency | rows_fetched | fetch_latency | rows_inserted | insert_latency | rows_updated | update_latency | rows_deleted | delete_latency | io_read_requests | io_read | io_read_latency | io_write_requests | io_write | io_write_latency | io_misc_requests | io_misc_latency |", "+--------------+-------------+---------------+--------------+---------------+---------------+----------------+--------------+----------------+--------------+----------------+------------------+---------+-----------------+-------------------+----------+------------------+------------------+-----------------+", "| shop         | customers   | 1.23 ms       |           48 | 100.80 us     |             8 | 170.40 us      |            0 | 0 ps           |           48 | 955.20 us      |                0 | 0 bytes | 0 ps            |                 0 | 0 bytes  | 0 ps             |                0 | 0 ps            |", "| shop         | products    | 48.80 us      |            2 | 4.20 us       |             0 | 0 ps           |            1 | 24.70 us       |            1 | 19.90 us       |                0 | 0 bytes | 0 ps            |                 0 | 0 bytes  | 0 ps             |                0 | 0 ps            |", "| shop         | order_items | 21.30 us      |            0 | 0 ps          |             1 | 21.30 us       |            0 | 0 ps           |            0 | 0 ps           |                0 | 0 bytes | 0 ps            |                 0 | 0 bytes  | 0 ps             |                0 | 0 ps            |", "| shop         | orders      | 21.30 us      |            0 | 0 ps          |             1 | 21.30 us       |            0 | 0 ps           |            0 | 0 ps           |                0 | 0 bytes | 0 ps            |                 0 | 0 bytes  | 0 ps             |                0 | 0 ps            |", "+--------------+-------------+---------------+--------------+---------------+---------------+----------------+--------------+----------------+--------------+----------------+------------------+---------+-----------------+-------------------+----------+------------------+------------------+-----------------+", "4 rows in set (0.00 sec)", ""]],
    ['SELECT SCHEMA_NAME, DIGEST_TEXT, COUNT_STAR, SUM_ROWS_AFFECTED, FIRST_SEEN, LAST_SEEN FROM performance_schema.events_statements_summary_by_digest;', ["+-------------+-------------------------------------------------------------------------------------------------------+------------+-------------------+----------------------------+----------------------------+", "| SCHEMA_NAME | DIGEST_TEXT                                                                                           | COUNT_STAR | SUM_ROWS_AFFECTED | FIRST_SEEN                 | LAST_SEEN                  |", "+-------------+-------------------------------------------------------------------------------------------------------+------------+-------------------+----------------------------+----------------------------+", "| shop        | INSERT INTO `customers` ( `first_name` , `last_name` , `email` , `city` , `created_at` ) VALUES (...) |          8 |                 8 | 2021-03-02 12:06:52.091711 | 2021-03-02 13:43:07.050349 |", "| shop        | UPDATE `products` SET `price` = ? WHERE `sku` = ?                                                     |          1 |                 1 | 2021-03-02 13:41:10.679633 | 2021-03-02 13:41:10.679633 |", "| shop        | DELETE FROM `customers`                                                                               |          1 |                48 | 2021-03-02 13:58:30.781217 | 2021-03-02 13:58:30.781217 |", "| shop        | DELETE FROM `products` WHERE `id` = ?                                                                 |          1 |                 1 | 2021-03-02 14:05:00.942480 | 2021-03-02 14:05:00.942480 |", "+-------------+-------------------------------------------------------------------------------------------------------+------------+-------------------+----------------------------+----------------------------+", "4 rows in set (0.00 sec)", ""]],
  ]));
});

describe('the data directory', () => {
  it("holds what mysqld --initialize made: keys 0600, certificates 0644, #innodb_temp", () => check([
    ['sudo ls -l /var/lib/mysql', ["total 180360", "drwxr-x--- 2 mysql mysql     4096 Feb 27 06:10 '#innodb_temp'", "-rw-r----- 1 mysql mysql       56 Jan 28 06:10  auto.cnf", "-rw-r----- 1 mysql mysql    62626 Feb 27 06:09  binlog.000016", "-rw-r----- 1 mysql mysql     6543 Mar  2 13:58  binlog.000017", "-rw-r----- 1 mysql mysql       32 Feb 27 06:10  binlog.index", "-rw------- 1 mysql mysql     1676 Jan 28 06:10  ca-key.pem", "-rw-r--r-- 1 mysql mysql     1112 Jan 28 06:10  ca.pem", "-rw-r--r-- 1 mysql mysql     1112 Jan 28 06:10  client-cert.pem", "-rw------- 1 mysql mysql     1676 Jan 28 06:10  client-key.pem", "-rw-r----- 1 mysql mysql     3491 Feb 27 06:10  ib_buffer_pool", "-rw-r----- 1 mysql mysql 50331648 Mar  2 14:04  ib_logfile0", "-rw-r----- 1 mysql mysql 50331648 Feb 27 06:10  ib_logfile1", "-rw-r----- 1 mysql mysql 12582912 Mar  2 14:03  ibdata1", "-rw-r----- 1 mysql mysql 12582912 Feb 27 06:10  ibtmp1", "drwxr-x--- 2 mysql mysql     4096 Jan 28 06:10  mysql", "-rw-r----- 1 mysql mysql 25165824 Mar  2 14:00  mysql.ibd", "drwxr-x--- 2 mysql mysql     4096 Jan 28 06:10  performance_schema", "-rw------- 1 mysql mysql     1680 Jan 28 06:10  private_key.pem", "-rw-r--r-- 1 mysql mysql      452 Jan 28 06:10  public_key.pem", "-rw-r--r-- 1 mysql mysql     1112 Jan 28 06:10  server-cert.pem", "-rw------- 1 mysql mysql     1680 Jan 28 06:10  server-key.pem", "drwxr-x--- 2 mysql mysql     4096 Jan 28 06:10  shop", "drwxr-x--- 2 mysql mysql     4096 Jan 28 06:10  sys", "-rw-r----- 1 mysql mysql 16777216 Mar  2 14:00  undo_001", "-rw-r----- 1 mysql mysql 16777216 Mar  2 14:00  undo_002"]],
    ['sudo du -s /var/lib/mysql', ["181612\t/var/lib/mysql"]],
    ['sudo ls -l /var/lib/mysql/#innodb_temp', ["total 800", "-rw-r----- 1 mysql mysql 81920 Feb 27 06:10 temp_1.ibt", "-rw-r----- 1 mysql mysql 81920 Feb 27 06:10 temp_10.ibt", "-rw-r----- 1 mysql mysql 81920 Feb 27 06:10 temp_2.ibt", "-rw-r----- 1 mysql mysql 81920 Feb 27 06:10 temp_3.ibt", "-rw-r----- 1 mysql mysql 81920 Feb 27 06:10 temp_4.ibt", "-rw-r----- 1 mysql mysql 81920 Feb 27 06:10 temp_5.ibt", "-rw-r----- 1 mysql mysql 81920 Feb 27 06:10 temp_6.ibt", "-rw-r----- 1 mysql mysql 81920 Feb 27 06:10 temp_7.ibt", "-rw-r----- 1 mysql mysql 81920 Feb 27 06:10 temp_8.ibt", "-rw-r----- 1 mysql mysql 81920 Feb 27 06:10 temp_9.ibt"]],
  ], ['ssh shopdb-1']));
});

describe("MySQL's digest text", () => {
  it('upper-cases keywords, back-quotes names, folds literals and value lists', () => {
    expect(['DELETE FROM users WHERE id = 42', "INSERT INTO t (a, b) VALUES (1, 'x'), (2, 'y'), (3, 'z')", "SELECT * FROM shop.customers WHERE city IN ('Lyon', 'Porto') LIMIT 10"].map(digestText)).toEqual([
      'DELETE FROM `users` WHERE `id` = ?',
      'INSERT INTO `t` ( `a` , `b` ) VALUES (...) /* , ... */',
      'SELECT * FROM `shop` . `customers` WHERE `city` IN (...) LIMIT ?',
    ]);
  });
});
