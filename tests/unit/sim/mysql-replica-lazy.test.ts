/**
 * A delayed replica whose data is only its source's history records each transaction as it falls
 * due and lets the SQL engine replay it when the data is read. Whenever it is read, the rows are
 * the same as if every transaction had run at its moment; a replica with a write of its own runs
 * them at once (so a transaction that cannot apply stops its SQL thread at its moment).
 */
import { describe, expect, it } from 'vitest';
import { advanceTo } from '../../../src/sim/terminal';
import { countRows } from '../../../src/sim/mysql/probe';
import { replicatedOnly } from '../../../src/sim/mysql/replication';
import { closeAllDatabases, openDatabaseCount } from '../../../src/sim/mysql/open-databases';
import type { SimWorld } from '../../../src/sim/world';
import { mysqlConfig, mysqlStart, runStatements } from './mysql-fixture';

const at = (h: number, m: number) => h * 3600 + m * 60;
const tables = ['customers', 'orders', 'order_items'];
const counts = (world: SimWorld, host = 'db2') => tables.map((t) => countRows(mysqlConfig, world, host, 'shop', t));
const selectCount = (world: SimWorld, table: string) => runStatements('db2', [`SELECT COUNT(*) FROM shop.${table}`], undefined, world).results[0]!;

/** The world minute by minute from the start to `until`, reading the replica's rows after each minute or not. */
function minuteByMinute(until: number, read: boolean): { world: SimWorld; seen: (number | null)[][] } {
  let world = mysqlStart();
  const seen: (number | null)[][] = [];
  for (let t = world.clock + 60; t <= until; t += 60) {
    world = advanceTo(mysqlConfig, world, t);
    if (read) seen.push(counts(world));
  }
  return { world, seen };
}

describe('a delayed replica that only replays its source', () => {
  it('records what fell due without opening its database, and holds the same rows when read', () => {
    closeAllDatabases();
    // 14:05 → 14:40 passes the 13:58:30 DELETE's moment on the replica (delay 30 min: 14:28:30).
    const lazy = minuteByMinute(at(14, 40), false).world;
    expect(openDatabaseCount()).toBe(0);
    expect(replicatedOnly(mysqlConfig, (id) => lazy.hosts[id], 'db2')).not.toBeNull();
    const eager = minuteByMinute(at(14, 40), true);
    expect(counts(lazy)).toEqual(counts(eager.world));
    // The cascading DELETE reached the replica: no customers, and their orders went with them.
    expect(counts(lazy)).toEqual([0, 0, 0]);
    // Read every minute (14:06 … 14:40): customers until 14:28, none from 14:29 (the DELETE fell due at 14:28:30).
    expect(eager.seen.slice(0, 23).every((c) => (c[0] ?? 0) > 0)).toBe(true);
    expect(eager.seen.slice(23).every((c) => c[0] === 0)).toBe(true);
  });

  it('answers a query with the rows as they are at that moment', () => {
    const lazy = minuteByMinute(at(14, 20), false).world;
    const eager = minuteByMinute(at(14, 20), true).world;
    const [a, b] = [selectCount(lazy, 'customers'), selectCount(eager, 'customers')];
    expect(a).toEqual(b);
    expect(counts(lazy)[0]).toBeGreaterThan(0);
  });

  it('with a write of its own, runs each transaction at its moment: the DELETE that cannot apply stops the SQL thread then', () => {
    // At 14:10 someone deletes a customer on the replica itself (ana has SUPER, so read_only does not stop her).
    let world = advanceTo(mysqlConfig, mysqlStart(), at(14, 10));
    const first = runStatements('db2', ['SELECT MIN(id) FROM shop.customers'], undefined, world).results[0]!;
    if (first.kind !== 'rows') throw new Error('expected rows');
    const id = Number(first.result.rows[0]![0]);
    world = runStatements('db2', ['SET FOREIGN_KEY_CHECKS = 0', `DELETE FROM shop.customers WHERE id = ${id}`], undefined, world).world;
    expect(replicatedOnly(mysqlConfig, (h) => world.hosts[h], 'db2')).toBeNull();
    world = advanceTo(mysqlConfig, world, at(14, 40));
    const replica = world.hosts.db2!.mysql!.replica!;
    expect(replica.sqlRunning).toBe(false);
    expect(replica.lastSqlError?.errno).toBe(1032);
    expect(replica.lastSqlError?.at).toBe(Date.UTC(2021, 2, 2, 14, 28, 30) / 1000);
  });
});
