/**
 * MySQL's work while time passes: a master runs the writes the scenario schedules after the start
 * (its application still writing), and a delayed replica's SQL thread applies each transaction once
 * `event time + MASTER_DELAY` has come. When each falls due is a state machine's call: the source's
 * scheduled writes (machines/scheduledWrites.ts), the replica's SQL thread (machines/sqlThread.ts).
 * Nothing happens, and the SQL engine is not needed, when nothing falls due in the interval.
 */
import { transition } from 'xstate';
import type { Draft } from '../draft';
import { scheduledWritesMachine, WAITING } from '../machines/scheduledWrites';
import { epochOf } from '../time';
import { applyDue, propagate, somethingDue } from './replication';
import { isRunning, preparedOf, serverOf, startedAt } from './server';
import { executeStatement } from './execute';
import type { MysqlSession } from './session';

function scheduledSession(draft: Draft, host: string, database: string | null): MysqlSession | null {
  const server = serverOf(draft, host);
  if (!server) return null;
  const account = server.state.accounts.find((a) => a.user === 'root') ?? server.state.accounts[0];
  if (!account) return null;
  return { host, user: account.user, clientHost: 'localhost', account: { user: account.user, host: account.host }, database, id: server.state.connections + 1, serverStartedAt: startedAt(draft, server), since: draft.clock, vars: {}, userVars: {}, tx: null, lastInsertId: 0, warnings: [], tcp: false };
}

export function tickMysql(draft: Draft, from: number, to: number): void {
  const start = epochOf(draft.config.date, from);
  const end = epochOf(draft.config.date, to);
  const hosts = Object.entries(draft.config.world.hosts).filter(([, spec]) => spec.mysql);
  for (const [host, spec] of hosts) {
    if (spec.mysql!.replicaOf || !somethingDue(draft, host, start, end) || !isRunning(draft, host)) continue;
    const server = serverOf(draft, host);
    if (!server) continue;
    const clock = draft.clock;
    for (const event of preparedOf(draft, server).scheduled) {
      if (event.at <= start) continue;
      const [writer] = transition(scheduledWritesMachine, WAITING, { type: 'clock.advance', now: end, due: event.at });
      if (!writer.matches('writing')) continue;
      draft.clock = event.at - epochOf(draft.config.date, 0);
      let session = scheduledSession(draft, host, event.database);
      for (const sql of event.sql) {
        if (!session) break;
        session = executeStatement(draft, session, sql).session;
      }
      propagate(draft, host);
      transition(scheduledWritesMachine, writer, { type: 'write.done' });
    }
    draft.clock = clock;
  }
  for (const [host, spec] of hosts) {
    if (!spec.mysql!.replicaOf || !somethingDue(draft, host, start, end)) continue;
    const clock = draft.clock;
    draft.clock = to;
    applyDue(draft, host, end);
    draft.clock = clock;
  }
}
