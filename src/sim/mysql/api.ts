/**
 * What other parts of the simulation and the drill engine ask of the MySQL servers, without a
 * client session: run a query as an application would (`runQuery`, for the web app's routes),
 * count rows (`mysqlRowCounts`), and judge what was destroyed (`mysqlHarm`: rows per table before
 * a moment of the scenario's history, now, and how many of those are missing now).
 */
import type { Draft } from '../draft';
import type { SimConfig, SimWorld } from '../world';
import { hostSpec } from '../world';
import { Draft as WorldDraft } from '../draft';
import { connect } from './connect';
import { executeStatement } from './execute';
import { isRunning, serverOf, preparedOf, unitOf } from './server';
import { appUnitChanged, reopenPools, takePooled } from './pool';
import { databaseAt } from './open-databases';
import { ServerDatabase } from './database';
import { applyChange } from './replay';
import { baseImage, preparedServer } from './prepare';
import { sqliteIdent, storageName } from './catalog';
import { epochOf } from '../time';
import { clientErrors } from './errors';
import { matchAccount } from './accounts';
import { rotateBinlog } from './binlog';
import { ioPosition, logIoThreadStart } from './replication';
import { binlogOf, saveServer } from './server';
import type { MysqlServerSpec } from '../../scenario/world/mysql';
import type { UnitChangeEvent } from '../system/hooks';

export interface QueryRequest {
  /** The host of the server. */
  host: string;
  /** The host the query comes from (the application's); default: the server's own host. */
  from?: string;
  user: string;
  /** The password; when omitted the application is taken to hold the account's own. */
  password?: string;
  database?: string;
  sql: string;
  /** The app's unit on `from` whose pool runs the query on one of its open connections (absent: a connection of its own). */
  pooled?: string;
}

export type QueryResult =
  | { ok: true; columns: string[]; rows: (string | number | null)[][]; affected: number }
  | { ok: false; code: number; message: string };

/**
 * Runs one statement on a server as an application would (its own connection, autocommit), in
 * the step being built: writes change the data, go to the binary log and reach the replicas.
 * Needs the SQL engine loaded.
 */
export function runQuery(draft: Draft, request: QueryRequest): QueryResult {
  const from = request.from ?? request.host;
  const state = draft.host(request.host)?.mysql;
  if (!state || !hostSpec(draft.config, request.host)?.mysql) return { ok: false, ...clientErrors.cantConnect(request.host, 111) };
  let password = request.password ?? null;
  if (request.password === undefined) {
    const clientHost = from === request.host ? 'localhost' : (hostSpec(draft.config, from)?.hostname ?? from);
    const address = draft.config.hosts.find((h) => h.id === from)?.names.find((n) => /^\d+\.\d+\.\d+\.\d+$/.test(n)) ?? null;
    password = matchAccount(state.accounts, request.user, clientHost, address)?.password ?? null;
  }
  const pooled = request.pooled === undefined ? null : takePooled(draft, state, from, request.pooled);
  if (pooled) draft.setMysql(request.host, pooled.state);
  const connected = connect(draft, { from, osUser: request.user, host: from === request.host ? undefined : request.host, user: request.user, password, database: request.database ?? null, id: pooled?.id });
  if (!connected.ok) return { ok: false, code: connected.error.code, message: connected.error.message };
  const outcome = executeStatement(draft, connected.session, request.sql);
  const result = outcome.result;
  if (result.kind === 'error') return { ok: false, code: result.error.code, message: result.error.message };
  if (result.kind === 'ok') return { ok: true, columns: [], rows: [], affected: result.affected };
  const numeric = result.result.numeric;
  return { ok: true, columns: result.result.columns.map((c) => c.name), rows: result.result.rows.map((r) => r.map((v, i) => (v !== null && numeric[i] && /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : v))), affected: 0 };
}

/** Rows per table (`db.table` → count) of a host's server in a world, or null when it has none. Read-only; needs the SQL engine. */
export function mysqlRowCounts(config: SimConfig, world: SimWorld, host: string): ReadonlyMap<string, number> | null {
  const state = world.hosts[host]?.mysql;
  if (!state || !hostSpec(config, host)?.mysql) return null;
  const db = databaseAt(config, state.data);
  const counts = new Map<string, number>();
  for (const table of db.catalog().tables.values()) counts.set(storageName(table.database, table.name), db.count(table.database, table.name));
  return counts;
}

/** Rows per table when the world started. */
export function mysqlStartCounts(config: SimConfig, host: string, startClock: number): ReadonlyMap<string, number> {
  return preparedServer(config, host, startClock).counts;
}

export interface TableHarm {
  /** `db.table`. */
  table: string;
  /** Rows the table held just before `before`, in the scenario's own history. */
  before: number;
  /** Rows it holds now. */
  now: number;
  /** Of the rows it held then, how many (by primary key) it does not hold now. */
  missing: number;
}

const referenceKeys = new WeakMap<MysqlServerSpec, Map<string, Map<string, Set<string>>>>();

function keysOf(db: ServerDatabase): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const table of db.catalog().tables.values()) {
    const key = table.primaryKey.length ? table.primaryKey.map(sqliteIdent).join(", '\u0001', ") : 'rowid';
    const rows = db.query(`SELECT ${table.primaryKey.length > 1 ? `m_concat(${key})` : key} FROM ${sqliteIdent(storageName(table.database, table.name))}`).rows;
    out.set(storageName(table.database, table.name), new Set(rows.map((r) => String(r[0]))));
  }
  return out;
}

/**
 * What a server lost compared with its data just before `beforeClock` (clock seconds on the
 * scenario's day, before the world's start: the moment before the destructive statement), table
 * by table. The harm of a run is what is missing at its end; a good restore leaves little missing.
 */
export function mysqlHarm(config: SimConfig, world: SimWorld, host: string, beforeClock: number): TableHarm[] {
  const spec = hostSpec(config, host)?.mysql;
  const state = world.hosts[host]?.mysql;
  if (!spec || !state) return [];
  const origin = state.data.origin;
  const master = spec.replicaOf ? spec.replicaOf.host : host;
  const masterSpec = hostSpec(config, master)!.mysql!;
  const prepared = preparedServer(config, master, origin.clock);
  const before = epochOf(config.date, beforeClock);
  let byTime = referenceKeys.get(masterSpec);
  if (!byTime) referenceKeys.set(masterSpec, (byTime = new Map()));
  let reference = byTime.get(`${origin.clock}|${before}`);
  if (!reference) {
    const base = preparedBase(config, master, origin.clock);
    const db = new ServerDatabase(base, { origin, changes: { list: { items: [] }, length: 0 } });
    try {
      for (const record of prepared.records) {
        if (record.event.at >= before) break;
        applyChange(db, record.event);
      }
      reference = keysOf(db);
    } finally {
      db.close();
    }
    if (byTime.size >= 8) byTime.delete(byTime.keys().next().value!);
    byTime.set(`${origin.clock}|${before}`, reference);
  }
  const now = keysOf(databaseAt(config, state.data));
  return [...reference.entries()].map(([table, keys]) => {
    const current = now.get(table) ?? new Set<string>();
    let missing = 0;
    for (const k of keys) if (!current.has(k)) missing += 1;
    return { table, before: keys.size, now: current.size, missing };
  });
}

/** The prepared base image (data before the first binary-log event) of a master. */
function preparedBase(config: SimConfig, host: string, clock: number): Uint8Array {
  preparedServer(config, host, clock);
  return baseImage(hostSpec(config, host)!.mysql!)!;
}

/** The systemd unit name of a host's MySQL server (for the system programs), or null. */
export function mysqlUnit(config: SimConfig, host: string): string | null {
  const spec = hostSpec(config, host)?.mysql;
  return spec ? unitOf(spec) : null;
}

/**
 * The unit hook (registered in src/sim/system/hooks.ts): when the unit that runs a host's
 * MySQL server starts or restarts, the server is a new mysqld.
 */
export function resetMysqlOnRestart(draft: Draft, event: UnitChangeEvent): void {
  const spec = hostSpec(draft.config, event.host)?.mysql;
  if (spec && unitOf(spec) === event.unit) {
    if (event.change === 'restart' || event.change === 'start') mysqlRestarted(draft, event.host);
    return;
  }
  // An app's unit: its pool connects again on a start or restart, and its connections end when it stops.
  if (event.change === 'reload') return;
  const change = event.change === 'start' || event.change === 'restart' ? 'open' : 'close';
  for (const { server, state } of appUnitChanged(draft, event.host, event.unit, change, (host) => isRunning(draft, host))) {
    const found = serverOf(draft, server);
    if (found) saveServer(draft, found, state);
  }
}

/**
 * Tells the server its unit restarted (the system engineer's `systemctl restart mysql` calls it):
 * the binary log rotates to a new file, connections end (clients reconnect), SET GLOBAL values not
 * persisted are forgotten, and a replica's threads start again.
 */
export function mysqlRestarted(draft: Draft, host: string): void {
  const server = serverOf(draft, host);
  if (!server) return;
  const now = epochOf(draft.config.date, draft.clock);
  const prepared = preparedOf(draft, server);
  // The shutdown closes the file with a Stop event; the start opens the next.
  const binlog = rotateBinlog(binlogOf(draft, server), server.spec.binlog?.basename ?? 'binlog', now, prepared.records.length, 'stop');
  const spec = server.spec;
  const globals: Record<string, string> = {};
  if (spec.readOnly ?? Boolean(spec.replicaOf)) globals.read_only = 'ON';
  const replica = server.state.replica ? { ...server.state.replica, ioRunning: true, sqlRunning: true, ioSince: draft.clock, sqlSince: draft.clock, read: null, executed: server.state.replica.executed ?? prepared.replica?.executed ?? 0 } : undefined;
  // A START SLAVE UNTIL condition does not survive the restart: the threads start without one (skip_slave_start is OFF).
  if (replica) delete replica.until;
  // The I/O thread resumes where it had read before the restart.
  const from = replica ? ioPosition(draft, server) : null;
  const fresh = { ...server.state, binlog, globals, replica, startedAt: now, connections: 8, questions: 0, com: undefined };
  saveServer(draft, server, reopenPools(draft, host, fresh));
  // After the startup lines (logMysqlUnitChange runs before this hook): lines 5 and on of the second.
  if (from) logIoThreadStart(draft, host, from, 5);
}

/** A draft of a world, for callers that hold a world and want to run one query (tests, the engine). */
export function draftOf(config: SimConfig, world: SimWorld): WorldDraft {
  return new WorldDraft(config, world);
}
