/**
 * What the drill reads from a MySQL server without a client session, after every step: how
 * many rows a table holds, whether a replica's threads run. (Owned by src/sim/mysql: it must
 * answer from the server's real data; `null` when there is no such server or thread.)
 */
import type { SimConfig, SimWorld } from '../world';
import { hostSpec } from '../world';
import type { DataVersion } from './state';
import { mysqlRowCounts } from './api';

/** Counts per data version: a world whose server did not change answers without opening its database. */
const counted = new WeakMap<DataVersion, ReadonlyMap<string, number>>();

/**
 * Rows in `database.table` on the server at `host`; a table (or database) that is not there, dropped
 * say, holds none: 0. Null only when there is no such server.
 */
export function countRows(config: SimConfig, world: SimWorld, host: string, database: string, table: string): number | null {
  const state = world.hosts[host]?.mysql;
  if (!state || !hostSpec(config, host)?.mysql) return null;
  let counts = counted.get(state.data);
  if (!counts) {
    counts = mysqlRowCounts(config, world, host) ?? new Map();
    counted.set(state.data, counts);
  }
  return counts.get(`${database}.${table}`) ?? 0;
}

/** Whether a replica's SQL or I/O thread runs (`Yes`/`No` as SHOW SLAVE STATUS says), or null if the host is no replica. */
export function replicationThread(_config: SimConfig, world: SimWorld, host: string, thread: 'sqlThread' | 'ioThread'): 'Yes' | 'No' | null {
  const replica = world.hosts[host]?.mysql?.replica;
  if (!replica) return null;
  return (thread === 'sqlThread' ? replica.sqlRunning : replica.ioRunning) ? 'Yes' : 'No';
}
