/**
 * The TCP connections MySQL holds open between hosts, as the network tools see them: each app's
 * pooled connections (client port stable per connection id, as SHOW PROCESSLIST shows it) and
 * each replica's I/O thread to its source (the port its Binlog Dump thread shows). `ss` and
 * `lsof` on either end list them from here, so they agree with the processlist.
 */
import type { Draft } from '../draft';
import { hostSpec } from '../world';
import { hashString } from './generate';
import { dumpThreadId, livePools, poolPort } from './pool';
import { dumpThreads } from './replication';
import { isRunning } from './server';

export interface MysqlConnection {
  /** The world host that connected (an app's host, or a replica). */
  client: string;
  /** The MySQL server's host. */
  server: string;
  /** The client's ephemeral port. */
  clientPort: number;
  /** The client side's unit: the app's, or the replica's mysqld. */
  clientUnit: string;
  /** The connection id on the server (its processlist row). */
  id: number;
  kind: 'pool' | 'replication';
}

/** The client port of a replica's I/O thread connection that started at `since` (its source's processlist shows it). */
export function replicationPort(replica: string, since: number): number {
  return 40000 + (hashString(`${replica}:${since}`) % 20000);
}

/** Every MySQL connection of the world with `host` at one end, in connection id order. */
export function mysqlConnectionsOf(draft: Draft, host: string): MysqlConnection[] {
  const out: MysqlConnection[] = [];
  for (const server of Object.keys(draft.config.world.hosts)) {
    const spec = hostSpec(draft.config, server)?.mysql;
    const state = draft.host(server)?.mysql;
    if (!spec || !state || !isRunning(draft, server)) continue;
    for (const pool of livePools(draft, state)) {
      if (server !== host && pool.client !== host) continue;
      for (const id of pool.ids) out.push({ client: pool.client, server, clientPort: poolPort(pool.client, id), clientUnit: pool.unit, id, kind: 'pool' });
    }
    for (const dump of dumpThreads(draft, server)) {
      if (server !== host && dump.replica !== host) continue;
      const replicaUnit = hostSpec(draft.config, dump.replica)?.mysql?.unit ?? 'mysql.service';
      out.push({ client: dump.replica, server, clientPort: replicationPort(dump.replica, dump.since), clientUnit: replicaUnit, id: dumpThreadId(dump.replica), kind: 'replication' });
    }
  }
  return out;
}
