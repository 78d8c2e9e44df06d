/**
 * A host's MySQL server at the scenario's start, as plain data and without the SQL engine: its
 * rows are the prepared image (built at the first SQL step, see prepare.ts), its binary log and
 * replication threads as prepared, its accounts from the scenario.
 */
import type { HostSpec } from '../../scenario/world';
import type { SimConfig } from '../world';
import { epochOf } from '../time';
import type { MysqlState } from './state';
import { accountsFromSpec } from './specs';
import { whenToEpoch } from './generate';
import { emptyView } from './log';
import { initialPools } from './pool';

export function initialMysql(config: SimConfig, host: string, spec: HostSpec, startClock: number): MysqlState | undefined {
  const server = spec.mysql;
  if (!server) return undefined;
  const startedAt = server.startedAt ? whenToEpoch(config.date, server.startedAt) : epochOf(config.date, startClock) - 2 * 86400 - 15 * 3600;
  const replicaOf = server.replicaOf;
  const readOnly = server.readOnly ?? Boolean(replicaOf);
  const globals: Record<string, string> = {};
  if (readOnly) globals.read_only = 'ON';
  if (server.superReadOnly) {
    globals.read_only = 'ON';
    globals.super_read_only = 'ON';
  }
  for (const [name, value] of Object.entries(server.variables ?? {})) globals[name.toLowerCase()] = String(value);
  const uptimeSeconds = Math.max(0, epochOf(config.date, startClock) - startedAt);
  // A server that has been up a while has accepted connections: about one every 20 s (monitoring, short-lived clients).
  const pools = initialPools(config, host, startedAt, startClock, 8 + Math.floor(uptimeSeconds / 20));
  return {
    data: { origin: { host, clock: startClock }, changes: emptyView() },
    binlog: { files: null, records: emptyView(), position: null, nextXid: null },
    replica: replicaOf
      ? {
          source: replicaOf.host,
          delaySeconds: replicaOf.delaySeconds ?? 0,
          user: replicaOf.user ?? 'repl',
          ioRunning: replicaOf.ioRunning ?? true,
          sqlRunning: replicaOf.sqlRunning ?? true,
          read: null,
          executed: null,
          ioSince: startedAt - epochOf(config.date, 0),
          sqlSince: startedAt - epochOf(config.date, 0),
        }
      : undefined,
    accounts: accountsFromSpec(server),
    globals,
    startedAt,
    connections: pools.connections,
    questions: 40 + Math.floor(uptimeSeconds / 2),
    ...(pools.pools.length ? { pools: pools.pools } : {}),
  };
}
