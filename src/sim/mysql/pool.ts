/**
 * The applications' pooled connections to a MySQL server, derived from the world's app
 * definitions (an app whose `database` names the server): the pool opens its connections when
 * the app's unit starts, or when mysqld starts while the app runs, closes them when either stops,
 * and runs each of the app's queries on its least recently used connection. The connections take
 * their ids from the server's own counter, so they agree with CONNECTION_ID() and the client's
 * banner, and they sleep in SHOW PROCESSLIST between requests.
 */
import type { SimConfig } from '../world';
import type { Draft } from '../draft';
import type { AppSpec } from '../../scenario/world/network';
import { hostSpec } from '../world';
import { epochOf } from '../time';
import { isRunning as unitRunning } from '../system/state';
import { initialServices } from '../system/init';
import { hashString } from './generate';
import type { MysqlState, PoolState } from './state';

/** mysql2's default `connectionLimit`: a busy app's pool holds this many open connections. */
export const DEFAULT_POOL_CONNECTIONS = 10;

export interface PooledApp {
  /** The app's host (world id). */
  client: string;
  app: AppSpec & { database: NonNullable<AppSpec['database']> };
}

/** The apps of the world whose database is on `server` (a world host id), in host order. */
export function appsUsing(config: SimConfig, server: string): PooledApp[] {
  const out: PooledApp[] = [];
  for (const [client, spec] of Object.entries(config.world.hosts)) {
    for (const app of spec.network?.http?.apps ?? []) {
      if (app.database && app.database.host === server && (app.database.pool ?? DEFAULT_POOL_CONNECTIONS) > 0) out.push({ client, app: app as PooledApp['app'] });
    }
  }
  return out;
}

/** The id a connection accepted at `epoch` got from a server started at `startedAt` (the counter `initialMysql` starts from: one every 20 s). */
export function connectionIdAt(startedAt: number, epoch: number): number {
  return 9 + Math.floor(Math.max(0, epoch - startedAt) / 20);
}

/** Ids the server's own threads hold (the event scheduler; a master's Binlog Dump threads), which a pool must not take. */
export function reservedIds(config: SimConfig, server: string): Set<number> {
  const taken = new Set([1, 2, 3, 4, 5, 6, 7, 8]);
  for (const [id, spec] of Object.entries(config.world.hosts)) if (spec.mysql?.replicaOf?.host === server) taken.add(dumpThreadId(id));
  return taken;
}

/** The connection id of a replica's Binlog Dump thread on its source. */
export function dumpThreadId(replica: string): number {
  return 9 + (hashString(replica) % 30);
}

function pool(entry: PooledApp, ids: number[], clock: number): PoolState {
  return { client: entry.client, unit: entry.app.unit, user: entry.app.database.user, database: entry.app.database.database, ids, used: ids.map(() => clock) };
}

/**
 * The pools open when the world starts: each app whose unit runs then opened its connections
 * when it (or mysqld, if later) started. Returns them with the counter after the last id taken.
 */
export function initialPools(config: SimConfig, server: string, startedAt: number, startClock: number, connections: number): { pools: PoolState[]; connections: number } {
  const taken = reservedIds(config, server);
  const pools: PoolState[] = [];
  let highest = connections;
  for (const entry of appsUsing(config, server)) {
    const spec = hostSpec(config, entry.client);
    if (!spec) continue;
    const unit = initialServices(config, entry.client, spec, startClock)[entry.app.unit];
    if (!unit || !unitRunning(unit)) continue;
    const opened = Math.max(startedAt, epochOf(config.date, unit.since));
    let next = connectionIdAt(startedAt, opened);
    const ids: number[] = [];
    for (let k = 0; k < (entry.app.database.pool ?? DEFAULT_POOL_CONNECTIONS); k += 1) {
      while (taken.has(next)) next += 1;
      taken.add(next);
      ids.push(next);
    }
    highest = Math.max(highest, next);
    // A pool that has been open a while has served requests: each connection was last used a few seconds before the start.
    pools.push({ ...pool(entry, ids, startClock), used: ids.map((id) => startClock - (hashString(`${entry.client}:${id}`) % 40)) });
  }
  return { pools, connections: highest };
}

/** Opens `entry`'s pool on a running server: fresh ids from its counter. */
function openPool(config: SimConfig, server: string, state: MysqlState, entry: PooledApp, clock: number): MysqlState {
  const taken = reservedIds(config, server);
  let next = state.connections;
  const ids: number[] = [];
  for (let k = 0; k < (entry.app.database.pool ?? DEFAULT_POOL_CONNECTIONS); k += 1) {
    next += 1;
    while (taken.has(next)) next += 1;
    ids.push(next);
  }
  const others = (state.pools ?? []).filter((p) => !(p.client === entry.client && p.unit === entry.app.unit));
  return { ...state, connections: next, pools: [...others, pool(entry, ids, clock)] };
}

function appUnitRuns(draft: Draft, entry: PooledApp): boolean {
  const services = draft.host(entry.client)?.services ?? {};
  // A host whose units are not modelled always runs its app.
  if (!Object.hasOwn(services, entry.app.unit)) return true;
  return unitRunning(services[entry.app.unit]);
}

/** mysqld (re)started with `state`: every app whose unit runs connects again. */
export function reopenPools(draft: Draft, server: string, state: MysqlState): MysqlState {
  let next: MysqlState = { ...state, pools: [] };
  for (const entry of appsUsing(draft.config, server)) if (appUnitRuns(draft, entry)) next = openPool(draft.config, server, next, entry, draft.clock);
  return next;
}

/**
 * An app's unit changed on `client`: a start or restart opens its pool again on each server it
 * uses that is up (fresh ids), a stop or a death closes it. Returns the servers whose state changed.
 */
export function appUnitChanged(draft: Draft, client: string, unit: string, change: 'open' | 'close', serverRunning: (host: string) => boolean): { server: string; state: MysqlState }[] {
  const out: { server: string; state: MysqlState }[] = [];
  for (const app of hostSpec(draft.config, client)?.network?.http?.apps ?? []) {
    if (app.unit !== unit || !app.database) continue;
    const server = app.database.host;
    const state = draft.host(server)?.mysql;
    if (!state) continue;
    const entry = appsUsing(draft.config, server).find((e) => e.client === client && e.app.unit === unit);
    if (!entry) continue;
    if (change === 'close' || !serverRunning(server)) out.push({ server, state: { ...state, pools: (state.pools ?? []).filter((p) => !(p.client === client && p.unit === unit)) } });
    else out.push({ server, state: openPool(draft.config, server, state, entry, draft.clock) });
  }
  return out;
}

/** The pools whose app still runs (a unit stopped without telling the server holds no connections). */
export function livePools(draft: Draft, state: MysqlState): PoolState[] {
  return (state.pools ?? []).filter((p) => {
    const services = draft.host(p.client)?.services ?? {};
    return !Object.hasOwn(services, p.unit) || unitRunning(services[p.unit]);
  });
}

/** The local port of a pooled connection (Linux's ephemeral range), stable for its id. */
export function poolPort(client: string, id: number): number {
  return 32768 + (hashString(`${client}:pool:${id}`) % 28232);
}

/**
 * Takes the pool's least recently used connection for a query from `client`'s `unit` at the
 * draft's clock: its id, and the server state with its use recorded. Null when the app has no
 * pool on the server (the caller opens a connection of its own).
 */
export function takePooled(draft: Draft, state: MysqlState, client: string, unit: string): { id: number; state: MysqlState } | null {
  const pools = state.pools ?? [];
  const index = pools.findIndex((p) => p.client === client && p.unit === unit && p.ids.length > 0);
  if (index < 0) return null;
  const found = pools[index]!;
  let k = 0;
  for (let i = 1; i < found.ids.length; i += 1) if (found.used[i]! < found.used[k]!) k = i;
  const used = found.used.map((u, i) => (i === k ? draft.clock : u));
  const next = pools.map((p, i) => (i === index ? { ...found, used } : p));
  return { id: found.ids[k]!, state: { ...state, pools: next } };
}
