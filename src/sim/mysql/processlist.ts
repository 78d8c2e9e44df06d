/**
 * The threads a server shows in SHOW PROCESSLIST and information_schema.PROCESSLIST: the event
 * scheduler, a replica's two system threads, a master's Binlog Dump threads, the applications'
 * pooled connections sleeping between requests, and the trainee's own connection running the
 * statement. The thread counters of SHOW STATUS are counted from the same list.
 */
import type { Draft } from '../draft';
import { hostSpec } from '../world';
import { dumpThreads, ioThreadState, replicaThreadIds, replicaView, sqlThreadState } from './replication';
import { nowOf, startedAt, type Server } from './server';
import type { MysqlSession } from './session';
import { hashString } from './generate';
import { dumpThreadId, livePools, poolPort } from './pool';
import { replicationPort } from './connections';

export interface ProcessRow {
  id: number;
  user: string;
  host: string;
  db: string | null;
  command: string;
  time: number;
  state: string | null;
  info: string | null;
}

/** The processlist as `session` sees it running `statement` (without PROCESS privilege, only its own threads). */
export function processList(draft: Draft, server: Server, session: MysqlSession, statement: string, seesAll: boolean): ProcessRow[] {
  const now = nowOf(draft);
  const clock = draft.clock;
  const up = Math.max(0, now - startedAt(draft, server));
  const rows: ProcessRow[] = [{ id: 4, user: 'event_scheduler', host: 'localhost', db: null, command: 'Daemon', time: up, state: 'Waiting on empty queue', info: null }];
  const view = replicaView(draft, server);
  if (view) {
    const ids = replicaThreadIds(server);
    const io = ioThreadState(draft, view);
    const sql = sqlThreadState(draft, view);
    if (view.replica.ioRunning) rows.push({ id: ids.io, user: 'system user', host: 'connecting host', db: null, command: 'Connect', time: Math.max(0, clock - view.replica.ioSince), state: io.state, info: null });
    if (view.replica.sqlRunning) rows.push({ id: ids.sql, user: 'system user', host: '', db: null, command: 'Query', time: sql.behind ?? 0, state: sql.state, info: null });
  }
  for (const dump of dumpThreads(draft, server.host)) {
    const name = hostSpec(draft.config, dump.replica)?.hostname ?? dump.replica;
    const port = replicationPort(dump.replica, dump.since);
    rows.push({ id: dumpThreadId(dump.replica), user: dump.user, host: `${name}:${port}`, db: null, command: 'Binlog Dump', time: Math.max(0, clock - dump.since), state: 'Master has sent all binlog to slave; waiting for more updates', info: null });
  }
  for (const pool of livePools(draft, server.state)) {
    const name = hostSpec(draft.config, pool.client)?.hostname ?? pool.client;
    pool.ids.forEach((id, k) => rows.push({ id, user: pool.user, host: `${name}:${poolPort(pool.client, id)}`, db: pool.database, command: 'Sleep', time: Math.max(0, clock - pool.used[k]!), state: '', info: null }));
  }
  const clientHost = session.tcp ? `${session.clientHost}:${40000 + (hashString(`${session.id}`) % 20000)}` : session.clientHost;
  rows.push({ id: session.id, user: session.user, host: clientHost, db: session.database, command: 'Query', time: 0, state: 'starting', info: statement });
  const visible = seesAll ? rows : rows.filter((r) => r.user === session.user);
  return visible.sort((a, b) => a.id - b.id);
}

/**
 * The thread counters of SHOW STATUS, from the whole processlist: `Threads_connected` counts the
 * client connections (not the event scheduler nor a replica's own threads), `Threads_running`
 * every thread not sleeping (the event scheduler included, as 8.0 counts it), and `all` every
 * thread (mysqladmin status's `Threads:`).
 */
export function threadCounts(draft: Draft, server: Server, session: MysqlSession): { connected: number; running: number; all: number } {
  const list = processList(draft, server, session, '', true);
  const connected = list.filter((r) => r.command !== 'Daemon' && r.user !== 'system user').length;
  const running = list.filter((r) => r.command !== 'Sleep').length;
  return { connected, running, all: list.length };
}
