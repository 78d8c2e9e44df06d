/**
 * What the drill reads from a MySQL server without a client session, after every step: how
 * many rows a table holds, whether a replica's threads run. (Owned by src/sim/mysql: it must
 * answer from the server's real data; `null` when there is no such server or thread.)
 */
import type { SimConfig, SimWorld } from '../world';
import { hostSpec } from '../world';
import type { DataVersion } from './state';
import { mysqlRowCounts } from './api';
import { replicatedOnly } from './replication';
import type { PreparedServer } from './prepare';

/** Counts per data version: a world whose server did not change answers without opening its database. */
const counted = new WeakMap<DataVersion, ReadonlyMap<string, number>>();
/**
 * Counts of a replica whose data is only its source's history, by how much of it: the same in every
 * world of the scenario, so a thousand replays count each moment of that history once.
 */
const replicatedCounts = new WeakMap<PreparedServer, Map<number, ReadonlyMap<string, number>>>();

function countsOf(config: SimConfig, world: SimWorld, host: string): ReadonlyMap<string, number> {
  const replayed = replicatedOnly(config, (id) => world.hosts[id], host);
  // Only the history written before the start is the same in every world: what a source wrote during the run is this run's own.
  if (!replayed?.beforeStart) return mysqlRowCounts(config, world, host) ?? new Map();
  let byCount = replicatedCounts.get(replayed.prepared);
  if (!byCount) replicatedCounts.set(replayed.prepared, (byCount = new Map()));
  let counts = byCount.get(replayed.count);
  if (!counts) byCount.set(replayed.count, (counts = mysqlRowCounts(config, world, host) ?? new Map()));
  return counts;
}

/**
 * Rows in `database.table` on the server at `host`; a table (or database) that is not there, dropped
 * say, holds none: 0. Null only when there is no such server.
 */
export function countRows(config: SimConfig, world: SimWorld, host: string, database: string, table: string): number | null {
  const state = world.hosts[host]?.mysql;
  if (!state || !hostSpec(config, host)?.mysql) return null;
  let counts = counted.get(state.data);
  if (!counts) {
    counts = countsOf(config, world, host);
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
