/**
 * The threads a server shows in SHOW PROCESSLIST and information_schema.PROCESSLIST: the event
 * scheduler, a replica's two system threads, a master's Binlog Dump threads, and the trainee's own
 * connection running the statement.
 */
import type { Draft } from '../draft';
import { hostSpec } from '../world';
import { dumpThreads, ioThreadState, replicaThreadIds, replicaView, sqlThreadState } from './replication';
import { nowOf, startedAt, type Server } from './server';
import type { MysqlSession } from './session';
import { hashString } from './generate';

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
    const port = 40000 + (hashString(`${dump.replica}:${dump.since}`) % 20000);
    rows.push({ id: 9 + (hashString(dump.replica) % 30), user: dump.user, host: `${name}:${port}`, db: null, command: 'Binlog Dump', time: Math.max(0, clock - dump.since), state: 'Master has sent all binlog to slave; waiting for more updates', info: null });
  }
  const clientHost = session.tcp ? `${session.clientHost}:${40000 + (hashString(`${session.id}`) % 20000)}` : session.clientHost;
  rows.push({ id: session.id, user: session.user, host: clientHost, db: session.database, command: 'Query', time: 0, state: 'starting', info: statement });
  const visible = seesAll ? rows : rows.filter((r) => r.user === session.user);
  return visible.sort((a, b) => a.id - b.id);
}
