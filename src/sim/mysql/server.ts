/**
 * One MySQL server of the world as the programs see it: its spec, its state in the draft, the
 * prepared server behind it, its facts (host name, ids, port), whether its systemd unit is up,
 * and its global variables.
 */
import type { MysqlServerSpec } from '../../scenario/world/mysql';
import type { Draft } from '../draft';
import { hostSpec } from '../world';
import type { MysqlState } from './state';
import { preparedServer, type PreparedServer } from './prepare';
import { resolveBinlog, type ResolvedBinlog } from './binlog';
import { dataDirInitializedAt } from './binlog-history';
import { DEFAULT_PORT, DEFAULT_UNIT, DEFAULT_VERSION, serverUuid } from './specs';
import { defaultValue, type ServerFacts } from './variables';
import { isRunning as unitRunning } from '../system/state';
import { syncBinlogFiles } from './files';

export interface Server {
  host: string;
  spec: MysqlServerSpec;
  state: MysqlState;
}

export function serverOf(draft: Draft, host: string): Server | null {
  const spec = hostSpec(draft.config, host)?.mysql;
  const state = draft.host(host)?.mysql;
  if (!spec || !state) return null;
  return { host, spec, state };
}

export function preparedOf(draft: Draft, server: Server): PreparedServer {
  return preparedServer(draft.config, server.host, server.state.data.origin.clock);
}

export function binlogOf(draft: Draft, server: Server): ResolvedBinlog {
  return resolveBinlog(server.state.binlog, preparedOf(draft, server));
}

export function unitOf(spec: MysqlServerSpec): string {
  return spec.unit ?? DEFAULT_UNIT;
}

/** Whether mysqld runs: its unit is active (a host whose units are not modelled always runs it). */
export function isRunning(draft: Draft, host: string): boolean {
  const spec = hostSpec(draft.config, host)?.mysql;
  if (!spec) return false;
  const services = draft.host(host)?.services ?? {};
  const unit = unitOf(spec);
  if (!Object.hasOwn(services, unit)) return true;
  return unitRunning(services[unit]);
}

/** Epoch seconds mysqld started: the unit's start when the host models it, else the server's own record. */
export function startedAt(draft: Draft, server: Server): number {
  const services = draft.host(server.host)?.services ?? {};
  const unit = unitOf(server.spec);
  if (Object.hasOwn(services, unit) && services[unit]!.active === 'active' && Number.isFinite(services[unit]!.since)) {
    return Math.max(server.state.startedAt, epochAtClock(draft, services[unit]!.since));
  }
  return server.state.startedAt;
}

export function epochAtClock(draft: Draft, clock: number): number {
  const [y = 1970, m = 1, d = 1] = draft.config.date.split('-').map(Number);
  return Date.UTC(y, m - 1, d) / 1000 + Math.floor(clock);
}

/** The server's UUID (server_uuid, Master_UUID on its replicas). */
export function uuidOf(draft: Draft, server: Server): string {
  return serverUuid(server.spec, server.host, dataDirInitializedAt(draft.config, server.spec, server.state.data.origin.clock));
}

export function factsOf(draft: Draft, server: Server): ServerFacts {
  const spec = hostSpec(draft.config, server.host)!;
  return {
    hostname: spec.hostname,
    serverId: server.spec.serverId ?? 1,
    port: server.spec.port ?? DEFAULT_PORT,
    version: server.spec.version ?? DEFAULT_VERSION,
    uuid: uuidOf(draft, server),
    isReplica: Boolean(server.state.replica),
    binlogBasename: server.spec.binlog?.basename ?? 'binlog',
    timezone: draft.config.timezone,
    now: epochAtClock(draft, draft.clock),
  };
}

/** A global variable's value as SHOW GLOBAL VARIABLES prints it. */
export function globalVariable(draft: Draft, server: Server, name: string): string | undefined {
  const key = name.toLowerCase();
  if (Object.hasOwn(server.state.globals, key)) return server.state.globals[key];
  return defaultValue(key, factsOf(draft, server));
}

const savedHooks: ((draft: Draft, server: Server, binlogGrew: boolean) => void)[] = [];
/** Runs `hook` after each save of a server's state (replication keeps the replica's relay log files with it). */
export function onServerSaved(hook: (draft: Draft, server: Server, binlogGrew: boolean) => void): void {
  savedHooks.push(hook);
}

/** Writes a server's new state into the draft (and, when its binary log grew, the log files on disk). */
export function saveServer(draft: Draft, server: Server, state: MysqlState): Server {
  draft.setMysql(server.host, state);
  if (state.binlog !== server.state.binlog && state.binlog.files && state.binlog.position !== null && state.binlog.nextXid !== null) {
    syncBinlogFiles(draft, server.host, { files: state.binlog.files, records: state.binlog.records, position: state.binlog.position, nextXid: state.binlog.nextXid }, server.spec.binlog?.basename ?? 'binlog');
  }
  const saved = { ...server, state };
  for (const hook of savedHooks) hook(draft, saved, state.binlog !== server.state.binlog);
  return saved;
}

/** Epoch seconds now in the draft. */
export function nowOf(draft: Draft): number {
  return epochAtClock(draft, draft.clock);
}
