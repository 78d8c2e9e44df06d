import { describe, expect, it } from 'vitest';
import { typeMysql, mysqlConfig, mysqlWorld, MYSQL_START } from './mysql-fixture';
import { createWorld } from '../../../src/sim/init';
import { submitLine } from '../../../src/sim/terminal';
import { mysqlHarm, mysqlRowCounts } from '../../../src/sim/mysql/api';

const login = '-u ana -pana-secret';
/** 13:58:30, the moment of the fixture's destructive DELETE FROM customers. */
const BEFORE_DELETE = 13 * 3600 + 58 * 60 + 30;

function customers(world: Parameters<typeof mysqlRowCounts>[1], host: string): number | undefined {
  return mysqlRowCounts(mysqlConfig, world, host)?.get('shop.customers');
}

describe('restoring the shop after DELETE FROM customers', () => {
  it('starts with the master emptied by cascade and the delayed replica still holding the data', () => {
    const { world } = typeMysql([]);
    const master = mysqlRowCounts(mysqlConfig, world, 'db1')!;
    expect(master.get('shop.customers')).toBe(0);
    expect(master.get('shop.orders')).toBe(0);
    expect(master.get('shop.order_items')).toBe(0);
    expect(master.get('shop.products')).toBe(5);
    expect(customers(world, 'db2')).toBe(47);
  }, 60_000);

  it('plain dump from the replica: restored, but the writes of the delay are lost', () => {
    const { world, steps } = typeMysql(['ssh shopdb-1', `mysqldump ${login} -h shopdb-2 --single-transaction shop > /tmp/shop.sql`, `mysql ${login} shop < /tmp/shop.sql`, `mysql ${login} -B -N -e "SELECT price FROM shop.products WHERE sku = 'MUG-01'"`]);
    expect(steps.slice(1).map((s) => s.output.filter((l) => !l.includes('[Warning]'))).flat()).toEqual(['12.50']);
    expect(customers(world, 'db1')).toBe(47);
    const harm = mysqlHarm(mysqlConfig, world, 'db1', BEFORE_DELETE);
    expect(harm.find((h) => h.table === 'shop.customers')).toEqual({ table: 'shop.customers', before: 48, now: 47, missing: 1 });
  }, 60_000);

  it('point in time: the replica dump, then the master binary log from where the replica stopped to just before the DELETE: nothing lost', () => {
    const { world, steps } = typeMysql([
      'ssh shopdb-1',
      `mysqldump ${login} -h shopdb-2 --single-transaction --dump-slave=2 shop > /tmp/shop.sql`,
      'grep "CHANGE MASTER" /tmp/shop.sql',
      `mysql ${login} shop < /tmp/shop.sql`,
      `sudo mysqlbinlog --start-position=2965 --stop-datetime="2021-03-02 13:58:30" /var/lib/mysql/binlog.000017 | mysql ${login}`,
      `mysql ${login} -BN -e "SELECT COUNT(*), MAX(id) FROM shop.customers; SELECT price FROM shop.products WHERE sku = 'MUG-01'"`,
    ]);
    expect(steps[2]!.output).toEqual(["-- CHANGE MASTER TO MASTER_LOG_FILE='binlog.000017', MASTER_LOG_POS=2965;"]);
    expect(steps[4]!.output.filter((l) => !l.includes('[Warning]'))).toEqual([]);
    expect(steps[5]!.output.filter((l) => !l.includes('[Warning]'))).toEqual(['48\t48', '13.00']);
    const harm = mysqlHarm(mysqlConfig, world, 'db1', BEFORE_DELETE);
    expect(harm.every((h) => h.missing === 0)).toBe(true);
  }, 60_000);

  it('a dump made with --databases loads back with mysql: CREATE DATABASE with its versioned comments, USE, the tables', () => {
    const { world, steps } = typeMysql([
      'ssh shopdb-1',
      `mysqldump ${login} -h shopdb-2 --single-transaction --databases shop > /tmp/shop-db.sql`,
      "grep -c -e '^CREATE DATABASE .*/\\*!80016 DEFAULT ENCRYPTION=.N. \\*/;$' -e '^USE `shop`;$' /tmp/shop-db.sql",
      `mysql ${login} -e "DROP DATABASE shop"`,
      `mysql ${login} < /tmp/shop-db.sql`,
      'echo $?',
      `mysql ${login} -BN -e "SELECT COUNT(*) FROM shop.customers; SHOW CREATE DATABASE shop"`,
    ]);
    expect(steps[2]!.output).toEqual(['2']);
    expect(steps[4]!.output.filter((l) => !l.includes('[Warning]'))).toEqual([]);
    expect(steps[5]!.output).toEqual(['0']);
    expect(steps[6]!.output.filter((l) => !l.includes('[Warning]'))).toEqual(['47', "shop\tCREATE DATABASE `shop` /*!40100 DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_0900_ai_ci */ /*!80016 DEFAULT ENCRYPTION='N' */"]);
    expect(customers(world, 'db1')).toBe(47);
  }, 60_000);

  it('the wrong direction (master → replica) destroys the last good copy', () => {
    const { world } = typeMysql(['ssh shopdb-1', `mysqldump ${login} shop | mysql ${login} -h shopdb-2 shop`]);
    expect(customers(world, 'db2')).toBe(0);
    const harm = mysqlHarm(mysqlConfig, world, 'db2', BEFORE_DELETE);
    expect(harm.find((h) => h.table === 'shop.customers')!.missing).toBe(48);
  }, 60_000);

  it('the delayed replica applies the DELETE when its delay runs out, unless its SQL thread is stopped', () => {
    const running = typeMysql(['@14:28:29']).world;
    expect(customers(running, 'db2')).toBe(48);
    const applied = typeMysql(['@14:28:31']).world;
    expect(customers(applied, 'db2')).toBe(0);
    const stopped = typeMysql(['ssh shopdb-2', `mysql ${login} -e "STOP SLAVE SQL_THREAD"`, '@15:30']).world;
    expect(customers(stopped, 'db2')).toBe(47);
  }, 60_000);
});

describe('the error log', () => {
  it('names the PID the host pins for mysqld, as systemctl shows it', () => {
    const world = { ...mysqlWorld, hosts: { ...mysqlWorld.hosts, db1: { ...mysqlWorld.hosts.db1!, system: { units: [{ name: 'mysql.service', pid: 1187 }] } } } };
    const config = { ...mysqlConfig, world };
    const start = createWorld(config, 'db1', MYSQL_START);
    const log = submitLine(config, start, 'sudo head -n 1 /var/log/mysql/error.log').output.join('\n');
    expect(log).toMatch(/starting as process 1187$/);
  });
});
