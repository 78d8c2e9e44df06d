/**
 * Replication as a replica runs it: the I/O thread copies the source's binary log (instantly, while
 * both run), the SQL thread applies each transaction once `event time + MASTER_DELAY ≤ clock`,
 * stops on an error (Last_SQL_Error), and every number SHOW SLAVE STATUS prints follows from those
 * facts at the current clock. STOP/START SLAVE and CHANGE MASTER TO MASTER_DELAY change them.
 * When the SQL thread runs or stops, and when a transaction is due, is its state machine's call
 * (src/sim/machines/sqlThread.ts).
 */
import { transition } from 'xstate';
import type { Draft } from '../draft';
import { sqlThreadMachine, sqlThreadSnapshot } from '../machines/sqlThread';
import type { HostState, SimConfig } from '../world';
import { hostSpec } from '../world';
import type { MysqlServerSpec } from '../../scenario/world/mysql';
import { append } from './log';
import { appendTransaction, recordAt, recordCount } from './binlog';
import { binlogOf, epochAtClock, factsOf, isRunning, nowOf, onServerSaved, preparedOf, saveServer, serverOf, startedAt, uuidOf, type Server } from './server';
import { relayLogState, syncRelayFiles } from './files';
import { databaseAt, advanced } from './open-databases';
import { applyChange } from './replay';
import type { BinlogRecord, MysqlState, ReplicaState, ReplicationError } from './state';
import { datetimeText, whenToEpoch } from './generate';
import { preparedServer, type PreparedServer } from './prepare';
import type { ResultSet } from './reads';
import { resultSet } from './results';
import { appendErrorLog } from './error-log';
import { changeMasterLine, ioThreadStartLines, type SourceAddress, type SourcePosition } from './replication-log';
import { replicaThreadIdsOf } from './replica-threads';

/** The source of a replica and the numbers its threads are at (the prepared ones filled in). */
export interface ReplicaView {
  replica: ReplicaState;
  source: Server;
  /** The source's whole log length, and what the I/O thread has read of it. */
  total: number;
  read: number;
  executed: number;
  record(index: number): BinlogRecord | undefined;
}

export function replicaView(draft: Draft, server: Server): ReplicaView | null {
  const replica = server.state.replica;
  if (!replica) return null;
  const source = serverOf(draft, replica.source);
  if (!source) return null;
  const sourcePrepared = preparedOf(draft, source);
  const prepared = preparedOf(draft, server);
  const total = recordCount(sourcePrepared.records, source.state.binlog.records);
  const read = replica.ioRunning && replica.read === null ? total : Math.min(total, replica.read ?? prepared.replica?.read ?? total);
  const executed = Math.min(read, replica.executed ?? prepared.replica?.executed ?? 0);
  return { replica, source, total, read, executed, record: (i) => recordAt(sourcePrepared.records, source.state.binlog.records, i) };
}

/** Hosts whose servers replicate from `host`. */
export function replicasOf(config: SimConfig, host: string): string[] {
  return Object.entries(config.world.hosts).filter(([, spec]) => spec.mysql?.replicaOf?.host === host).map(([id]) => id);
}

/** The I/O thread copies what the source wrote (when both servers run and the thread runs). */
function readAll(draft: Draft, server: Server): Server {
  const replica = server.state.replica!;
  if (!replica.ioRunning || replica.read === null) return server;
  if (!isRunning(draft, replica.source)) return server;
  return saveServer(draft, server, { ...server.state, replica: { ...replica, read: null } });
}

/**
 * How many of its source's transactions a replica's data holds on top of its prepared image, when
 * that is all it holds: its changes are exactly the source's transactions from where the image
 * left off, in order (no write of its own, nothing skipped). Null otherwise. Such data is the
 * source's own history replayed, so applying the next transaction to it cannot fail; and while
 * that history is what was written before the start (`beforeStart`), it is the same data in every
 * world of the scenario.
 */
export function replicatedOnly(config: SimConfig, hostState: (id: string) => HostState | undefined, host: string): { prepared: PreparedServer; count: number; beforeStart: boolean } | null {
  const state = hostState(host)?.mysql;
  const replica = state?.replica;
  const sourceState = replica ? hostState(replica.source)?.mysql : undefined;
  if (!state || !replica || !sourceState || !hostSpec(config, replica.source)?.mysql) return null;
  const prepared = preparedServer(config, host, state.data.origin.clock);
  const source = preparedServer(config, replica.source, sourceState.data.origin.clock);
  const from = prepared.replica?.executed ?? 0;
  const { changes } = state.data;
  for (let i = 0; i < changes.length; i += 1) {
    if (changes.list.items[i] !== recordAt(source.records, sourceState.binlog.records, from + i)?.event) return null;
  }
  // `beforeStart`: every one of them was written before the scenario's start (the prepared records every world shares).
  return { prepared, count: changes.length, beforeStart: from + changes.length <= source.records.length };
}

/**
 * Lets a replica's SQL thread apply every transaction due by `until` (epoch seconds), in order:
 * each is one `clock.advance` through the SQL thread's machine (src/sim/machines/sqlThread.ts),
 * which says whether the next transaction is due; the outcome goes back to it. While the
 * replica's data is only its source's history (`replicatedOnly`), a transaction is recorded, not
 * run: the SQL engine replays it when the data is next read (open-databases.ts), and a replay
 * that never reads the replica never pays for it.
 */
export function applyDue(draft: Draft, host: string, until: number): void {
  let server = serverOf(draft, host);
  if (!server?.state.replica) return;
  server = readAll(draft, server);
  const replayed = replicatedOnly(draft.config, (id) => draft.host(id), host) !== null;
  for (;;) {
    const view = replicaView(draft, server);
    if (!view || !isRunning(draft, host)) return;
    // UNTIL: once the thread has applied to the position it stops, before the next transaction (rpl_slave_until.cc).
    if (view.replica.sqlRunning && untilReached(draft, server, view)) {
      server = saveServer(draft, server, { ...server.state, replica: { ...view.replica, sqlRunning: sqlThreadAfter(view.replica, 'sql-thread.stop'), read: view.replica.read, executed: view.executed } });
      return;
    }
    const record = view.executed < view.read ? view.record(view.executed) : undefined;
    const due = record ? record.event.at + view.replica.delaySeconds : null;
    const [thread] = transition(sqlThreadMachine, sqlThreadSnapshot(view.replica), { type: 'clock.advance', now: until, due });
    if (!thread.matches('applying') || !record || due === null) return;
    if (replayed) {
      const data = { origin: server.state.data.origin, changes: append(server.state.data.changes, record.event) };
      const { binlog } = appendTransaction(binlogOf(draft, server), record.event, record.serverId, preparedOf(draft, server).records.length);
      server = saveServer(draft, server, { ...server.state, data, binlog, replica: { ...view.replica, executed: view.executed + 1, read: view.replica.read } });
      continue;
    }
    const db = databaseAt(draft.config, server.state.data);
    const result = applyChange(db, record.event);
    if (!result.ok) {
      const [stopped] = transition(sqlThreadMachine, thread, { type: 'transaction.failed' });
      const message = `${result.message}; the event's master log ${record.file}, end_log_pos ${record.end}`;
      server = saveServer(draft, server, { ...server.state, replica: { ...view.replica, executed: view.executed, sqlRunning: !stopped.matches('stopped'), lastSqlError: { errno: result.errno, message, at: Math.max(due, nowOf(draft) - (until - due)) } } });
      return;
    }
    const data = { origin: server.state.data.origin, changes: append(server.state.data.changes, record.event) };
    advanced(db, data);
    const prepared = preparedOf(draft, server);
    const { binlog } = appendTransaction(binlogOf(draft, server), record.event, record.serverId, prepared.records.length);
    server = saveServer(draft, server, { ...server.state, data, binlog, replica: { ...view.replica, executed: view.executed + 1, read: view.replica.read } });
  }
}

/** A log file name's number (`mysql-bin.000214` → 214) and the name before it. */
function logNameParts(name: string): { base: string; number: number } | null {
  const m = /^(.*)\.(\d+)$/.exec(name.slice(name.lastIndexOf('/') + 1));
  return m ? { base: m[1]!, number: Number(m[2]) } : null;
}

/** Whether a position (file, offset) is at or past UNTIL's (Until_position::check_position; another base name stops it too). */
function atOrPast(file: string, pos: number, until: { file: string; pos: number }): boolean {
  const at = logNameParts(file);
  const target = logNameParts(until.file);
  if (!at || !target || at.base !== target.base) return true;
  return at.number > target.number || (at.number === target.number && pos >= until.pos);
}

/** Whether the SQL thread has applied to its UNTIL position (the source's log for `Master`, the relay log for `Relay`). */
function untilReached(draft: Draft, server: Server, view: ReplicaView): boolean {
  const until = view.replica.until;
  if (!until || (until.condition !== 'Master' && until.condition !== 'Relay')) return false;
  const { execFile, execPos, relay } = replicaPositions(draft, server, view);
  return until.condition === 'Master' ? atOrPast(execFile, execPos, until) : atOrPast(relay.file, relay.pos, until);
}

/** The SQL thread's running flag after START or STOP SLAVE, as its machine has it. */
function sqlThreadAfter(replica: ReplicaState, type: 'sql-thread.start' | 'sql-thread.stop'): boolean {
  const [thread] = transition(sqlThreadMachine, sqlThreadSnapshot(replica), { type });
  return !thread.matches('stopped');
}

/** After the source wrote: its replicas read it, and those without delay apply it now. */
export function propagate(draft: Draft, sourceHost: string): void {
  for (const host of replicasOf(draft.config, sourceHost)) applyDue(draft, host, nowOf(draft));
}

/** The times (epoch) at which a scenario's own pre-start transactions fall, from the spec alone (no SQL engine). */
const specTimes = new WeakMap<MysqlServerSpec, number[]>();
export function scenarioEventTimes(config: SimConfig, spec: MysqlServerSpec): readonly number[] {
  let times = specTimes.get(spec);
  if (times) return times;
  times = [];
  for (const event of spec.binlog?.events ?? []) {
    if ('sql' in event) times.push(whenToEpoch(config.date, event.at));
    else {
      const from = whenToEpoch(config.date, event.from);
      const until = whenToEpoch(config.date, event.until);
      for (let i = 0; i < event.count; i += 1) times.push(Math.floor(from + ((until - from) * (i + 0.5)) / Math.max(1, event.count)));
    }
  }
  times.sort((a, b) => a - b);
  specTimes.set(spec, times);
  return times;
}

/** True when something a replica or the scenario schedules falls in (from, to] (epoch seconds): then the tick needs the engine. */
export function somethingDue(draft: Draft, host: string, from: number, to: number): boolean {
  const spec = hostSpec(draft.config, host)?.mysql;
  const state = draft.host(host)?.mysql;
  if (!spec || !state) return false;
  const replica = state.replica;
  if (replica && replica.sqlRunning) {
    const sourceSpec = hostSpec(draft.config, replica.source)?.mysql;
    const sourceState = draft.host(replica.source)?.mysql;
    if (sourceSpec && sourceState) {
      if (scenarioEventTimes(draft.config, sourceSpec).some((t) => t + replica.delaySeconds > from && t + replica.delaySeconds <= to)) return true;
      for (let i = 0; i < sourceState.binlog.records.length; i += 1) {
        const t = sourceState.binlog.records.list.items[i]!.event.at + replica.delaySeconds;
        if (t > from && t <= to) return true;
      }
    }
  }
  if (!replica && scenarioEventTimes(draft.config, spec).some((t) => t > from && t <= to)) return true;
  return false;
}

const YES_NO = (b: boolean) => (b ? 'Yes' : 'No');

function errorTime(epoch: number | undefined): string {
  if (epoch === undefined) return '';
  const d = new Date(epoch * 1000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(d.getUTCFullYear() % 100)}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/** What the SQL thread is doing now. */
export function sqlThreadState(draft: Draft, view: ReplicaView): { state: string; behind: number | null; remaining: number | null } {
  const now = nowOf(draft);
  if (!view.replica.sqlRunning) return { state: '', behind: null, remaining: null };
  if (view.executed >= view.read) return { state: 'Slave has read all relay log; waiting for more updates', behind: view.replica.ioRunning ? 0 : null, remaining: null };
  const next = view.record(view.executed)!;
  const due = next.event.at + view.replica.delaySeconds;
  const behind = view.replica.ioRunning ? Math.max(0, now - next.event.at) : null;
  if (due > now) return { state: 'Waiting until MASTER_DELAY seconds after master executed event', behind, remaining: due - now };
  return { state: 'Reading event from the relay log', behind, remaining: null };
}

/** The I/O thread's state and whether it is connected. */
export function ioThreadState(draft: Draft, view: ReplicaView): { running: 'Yes' | 'No' | 'Connecting'; state: string } {
  if (!view.replica.ioRunning) return { running: 'No', state: '' };
  if (!isRunning(draft, view.source.host)) return { running: 'Connecting', state: 'Reconnecting after a failed master event read' };
  return { running: 'Yes', state: 'Waiting for master to send event' };
}

/** Where the replica's threads are in its source's binary log, and its relay log as that leaves it. */
function replicaPositions(draft: Draft, server: Server, view: ReplicaView) {
  const sourceBinlog = binlogOf(draft, view.source);
  const lastRead = view.read > 0 ? view.record(view.read - 1) : undefined;
  const lastExec = view.executed > 0 ? view.record(view.executed - 1) : undefined;
  const caughtUpRead = view.replica.ioRunning && view.read === view.total;
  const masterFile = caughtUpRead ? sourceBinlog.files[sourceBinlog.files.length - 1]!.name : lastRead?.file ?? sourceBinlog.files[0]!.name;
  const readPos = caughtUpRead ? sourceBinlog.position : lastRead?.end ?? 155;
  const execFile = view.executed === view.total && caughtUpRead ? masterFile : lastExec?.file ?? masterFile;
  const execPos = view.executed === view.total && caughtUpRead ? readPos : lastExec?.end ?? 155;
  const relay = relayLogState(factsOf(draft, server).hostname, readPos, execPos, lastRead?.event.at, startedAt(draft, server));
  return { masterFile, readPos, execFile, execPos, relay };
}

/** The replica's relay log files on disk, kept as SHOW SLAVE STATUS reads them. */
export function syncReplicaRelay(draft: Draft, server: Server): void {
  const view = replicaView(draft, server);
  if (!view) return;
  syncRelayFiles(draft, server.host, replicaPositions(draft, server, view).relay);
}

/** SHOW SLAVE STATUS on a replica (null on a server that is not one). */
export function slaveStatus(draft: Draft, server: Server): ResultSet | null {
  const view = replicaView(draft, server);
  if (!view) return null;
  const { masterFile, readPos, execFile, execPos, relay } = replicaPositions(draft, server, view);
  const sql = sqlThreadState(draft, view);
  const io = ioThreadState(draft, view);
  const sourceFacts = factsOf(draft, view.source);
  const sourceName = hostSpec(draft.config, view.source.host)?.hostname ?? view.source.host;
  const relayFile = relay.file;
  const relayPos = relay.pos;
  const relaySpace = relay.size;
  const sqlError = view.replica.lastSqlError;
  const ioError = ioErrorOf(draft, view);
  const fields: [string, string | number | null][] = [
    ['Slave_IO_State', io.state],
    ['Master_Host', sourceName],
    ['Master_User', view.replica.user],
    ['Master_Port', sourceFacts.port],
    ['Connect_Retry', 60],
    ['Master_Log_File', masterFile],
    ['Read_Master_Log_Pos', readPos],
    ['Relay_Log_File', relayFile],
    ['Relay_Log_Pos', relayPos],
    ['Relay_Master_Log_File', execFile],
    ['Slave_IO_Running', io.running],
    ['Slave_SQL_Running', YES_NO(view.replica.sqlRunning)],
    ['Replicate_Do_DB', ''],
    ['Replicate_Ignore_DB', ''],
    ['Replicate_Do_Table', ''],
    ['Replicate_Ignore_Table', ''],
    ['Replicate_Wild_Do_Table', ''],
    ['Replicate_Wild_Ignore_Table', ''],
    ['Last_Errno', sqlError?.errno ?? 0],
    ['Last_Error', sqlError?.message ?? ''],
    ['Skip_Counter', 0],
    ['Exec_Master_Log_Pos', execPos],
    ['Relay_Log_Space', relaySpace],
    ['Until_Condition', view.replica.until?.condition ?? 'None'],
    ['Until_Log_File', view.replica.until?.file ?? ''],
    ['Until_Log_Pos', view.replica.until?.pos ?? 0],
    ['Master_SSL_Allowed', 'No'],
    ['Master_SSL_CA_File', ''],
    ['Master_SSL_CA_Path', ''],
    ['Master_SSL_Cert', ''],
    ['Master_SSL_Cipher', ''],
    ['Master_SSL_Key', ''],
    ['Seconds_Behind_Master', sql.behind],
    ['Master_SSL_Verify_Server_Cert', 'No'],
    ['Last_IO_Errno', ioError?.errno ?? 0],
    ['Last_IO_Error', ioError?.message ?? ''],
    ['Last_SQL_Errno', sqlError?.errno ?? 0],
    ['Last_SQL_Error', sqlError?.message ?? ''],
    ['Replicate_Ignore_Server_Ids', ''],
    ['Master_Server_Id', sourceFacts.serverId],
    ['Master_UUID', uuidOf(draft, view.source)],
    ['Master_Info_File', 'mysql.slave_master_info'],
    ['SQL_Delay', view.replica.delaySeconds],
    ['SQL_Remaining_Delay', sql.remaining],
    ['Slave_SQL_Running_State', sql.state],
    ['Master_Retry_Count', 86400],
    ['Master_Bind', ''],
    ['Last_IO_Error_Timestamp', errorTime(ioError?.at)],
    ['Last_SQL_Error_Timestamp', errorTime(sqlError?.at)],
    ['Master_SSL_Crl', ''],
    ['Master_SSL_Crlpath', ''],
    ['Retrieved_Gtid_Set', ''],
    ['Executed_Gtid_Set', ''],
    ['Auto_Position', 0],
    ['Replicate_Rewrite_DB', ''],
    ['Channel_Name', ''],
    ['Master_TLS_Version', ''],
    ['Master_public_key_path', ''],
    ['Get_master_public_key', 0],
  ];
  const numeric = new Set(['Master_Port', 'Connect_Retry', 'Read_Master_Log_Pos', 'Relay_Log_Pos', 'Last_Errno', 'Skip_Counter', 'Exec_Master_Log_Pos', 'Relay_Log_Space', 'Until_Log_Pos', 'Seconds_Behind_Master', 'Last_IO_Errno', 'Last_SQL_Errno', 'Master_Server_Id', 'SQL_Delay', 'SQL_Remaining_Delay', 'Master_Retry_Count', 'Auto_Position', 'Get_master_public_key']);
  return resultSet(fields.map(([name]) => ({ name, numeric: numeric.has(name), notNull: name !== 'Seconds_Behind_Master' && name !== 'SQL_Remaining_Delay' })), [fields.map(([, value]) => value)]);
}

/**
 * The replication repositories' rows (master_info_repository and relay_log_info_repository are
 * TABLE in 8.0): mysql.slave_master_info's connection and where the I/O thread has read to,
 * slave_relay_log_info's where the SQL thread has applied to (InnoDB writes it with each
 * transaction it applies), slave_worker_info's none (no parallel workers). A server that is
 * not a replica has none in any of them.
 */
export function repositoryRows(draft: Draft, server: Server): { master: (string | number | null)[][]; relay: (string | number | null)[][]; worker: (string | number | null)[][] } {
  const view = replicaView(draft, server);
  if (!view) return { master: [], relay: [], worker: [] };
  const { masterFile, readPos, execFile, execPos, relay } = replicaPositions(draft, server, view);
  const address = sourceAddress(draft, view);
  const password = view.source.state.accounts.find((a) => a.user === view.replica.user)?.password ?? '';
  return {
    master: [[
      31, masterFile, readPos, address.host, address.user, password, address.port, 60, 0, '', '', '', '', '', 0, 30, '', '0', uuidOf(draft, view.source), 86400, '', '', 0, '', '', '', 0, '', 'uncompressed', 3, null,
    ]],
    relay: [[12, `./${relay.file}`, relay.pos, execFile, execPos, view.replica.delaySeconds, 0, 1, '', null, null, 0]],
    worker: [],
  };
}

/** A thread id for the replica's system threads (stable for a server start). */
export function replicaThreadIds(server: Server): { io: number; sql: number } {
  return replicaThreadIdsOf(server.host);
}

/** Where the I/O thread is (or resumes from) in its source's binary log: Master_Log_File, Read_Master_Log_Pos. */
export function ioPosition(draft: Draft, server: Server): SourcePosition | null {
  const view = replicaView(draft, server);
  if (!view) return null;
  const { masterFile, readPos } = replicaPositions(draft, server, view);
  return { file: masterFile, pos: readPos };
}

/** The source as SHOW SLAVE STATUS names it. */
function sourceAddress(draft: Draft, view: ReplicaView): SourceAddress {
  return { user: view.replica.user, host: hostSpec(draft.config, view.source.host)?.hostname ?? view.source.host, port: factsOf(draft, view.source).port };
}

/** The I/O thread started (START SLAVE, the server's start) resuming at `from`: its lines in the error log at the clock, from `line` on. */
export function logIoThreadStart(draft: Draft, host: string, from: SourcePosition, line = 0): void {
  const server = serverOf(draft, host);
  const view = server && replicaView(draft, server);
  if (!view) return;
  const now = nowOf(draft);
  appendErrorLog(draft, host, ioThreadStartLines(now, line, replicaThreadIdsOf(host).io, sourceAddress(draft, view), from, isRunning(draft, view.source.host)), now);
}

export type ThreadChoice = { io: boolean; sql: boolean };

/** STOP SLAVE [IO_THREAD] [SQL_THREAD]: freezes what was read; the SQL thread keeps its place. */
export function stopReplica(draft: Draft, server: Server, which: ThreadChoice): { server: Server; warning: boolean } {
  const view = replicaView(draft, server)!;
  const stopping = (which.io && view.replica.ioRunning) || (which.sql && view.replica.sqlRunning);
  const replica: ReplicaState = {
    ...view.replica,
    ioRunning: which.io ? false : view.replica.ioRunning,
    sqlRunning: which.sql ? sqlThreadAfter(view.replica, 'sql-thread.stop') : view.replica.sqlRunning,
    read: which.io && view.replica.ioRunning ? view.read : view.replica.read,
    executed: view.executed,
  };
  return { server: saveServer(draft, server, { ...server.state, replica }), warning: !stopping };
}

/**
 * START SLAVE [IO_THREAD] [SQL_THREAD] [UNTIL …]: the I/O thread catches up, the SQL thread
 * applies what is due (up to `until`, when it starts with one: a start without one clears it).
 */
export function startReplica(draft: Draft, server: Server, which: ThreadChoice, until?: ReplicaState['until']): { server: Server; warning: boolean } {
  const view = replicaView(draft, server)!;
  const clock = draft.clock;
  const starting = (which.io && !view.replica.ioRunning) || (which.sql && !view.replica.sqlRunning);
  const from = which.io && !view.replica.ioRunning ? ioPosition(draft, server) : null;
  const replica: ReplicaState = {
    ...view.replica,
    ioRunning: which.io ? true : view.replica.ioRunning,
    sqlRunning: which.sql ? sqlThreadAfter(view.replica, 'sql-thread.start') : view.replica.sqlRunning,
    read: which.io && !view.replica.ioRunning ? null : view.replica.read,
    executed: view.executed,
    ioSince: which.io && !view.replica.ioRunning ? clock : view.replica.ioSince,
    sqlSince: which.sql && !view.replica.sqlRunning ? clock : view.replica.sqlSince,
    lastSqlError: which.sql && !view.replica.sqlRunning ? undefined : view.replica.lastSqlError,
  };
  if (which.sql && !view.replica.sqlRunning) {
    if (until) replica.until = until;
    else delete replica.until;
  }
  const next = saveServer(draft, server, { ...server.state, replica });
  if (from) logIoThreadStart(draft, server.host, from);
  applyDue(draft, server.host, nowOf(draft));
  return { server: serverOf(draft, server.host)!, warning: !starting || next === null };
}

/** CHANGE MASTER TO MASTER_DELAY = n (the threads must be stopped), run by connection `thread`: logged with the settings it kept. */
export function changeDelay(draft: Draft, server: Server, delay: number, thread: number): Server {
  const view = replicaView(draft, server)!;
  const at = ioPosition(draft, server)!;
  appendErrorLog(draft, server.host, [changeMasterLine(nowOf(draft), 0, thread, sourceAddress(draft, view), at)], nowOf(draft));
  return saveServer(draft, server, { ...server.state, replica: { ...view.replica, delaySeconds: delay, read: view.replica.ioRunning ? view.replica.read : view.read, executed: view.executed } });
}

/** The master's Binlog Dump threads: one per replica whose I/O thread is connected. */
export function dumpThreads(draft: Draft, host: string): { replica: string; since: number; user: string }[] {
  const out: { replica: string; since: number; user: string }[] = [];
  for (const id of replicasOf(draft.config, host)) {
    const state: MysqlState | undefined = draft.host(id)?.mysql;
    if (state?.replica?.ioRunning && isRunning(draft, id) && isRunning(draft, host)) out.push({ replica: id, since: state.replica.ioSince, user: state.replica.user });
  }
  return out;
}

/** performance_schema's timestamp(6) text: `2021-03-02 14:05:00.000000`, or its zero value. */
function psTimestamp(epoch: number | undefined | null): string {
  if (epoch === undefined || epoch === null) return '0000-00-00 00:00:00.000000';
  return `${datetimeText(epoch)}.000000`;
}

/** The I/O thread's last error: a connection that is retrying, else the one recorded. */
function ioErrorOf(draft: Draft, view: ReplicaView): ReplicationError | undefined {
  const io = ioThreadState(draft, view);
  if (io.running !== 'Connecting') return view.replica.lastIoError;
  const sourceName = hostSpec(draft.config, view.source.host)?.hostname ?? view.source.host;
  const port = factsOf(draft, view.source).port;
  return { errno: 2003, message: `error reconnecting to master '${view.replica.user}@${sourceName}:${port}' - retry-time: 60 retries: 1 message: Can't connect to MySQL server on '${sourceName}' (111)`, at: nowOf(draft) };
}

/**
 * The rows of performance_schema's replication tables on 8.0.19 (a replica's one default
 * channel, a single-threaded applier: `slave_parallel_workers` is 0, so
 * replication_applier_status_by_coordinator is empty and by_worker has the SQL thread as worker
 * 0), from the same view SHOW SLAVE STATUS prints. Null on a server that is not a replica.
 * `threadId` maps a processlist id to performance_schema's THREAD_ID.
 */
export function replicationTableRows(draft: Draft, server: Server, threadId: (connectionId: number) => number): Record<'connectionConfiguration' | 'connectionStatus' | 'applierConfiguration' | 'applierStatus' | 'byCoordinator' | 'byWorker', (string | number | null)[][]> | null {
  const view = replicaView(draft, server);
  if (!view) return null;
  const now = nowOf(draft);
  const ids = replicaThreadIds(server);
  const io = ioThreadState(draft, view);
  const sql = sqlThreadState(draft, view);
  const sourceName = hostSpec(draft.config, view.source.host)?.hostname ?? view.source.host;
  const sourceFacts = factsOf(draft, view.source);
  const ioError = ioErrorOf(draft, view);
  const sqlError = view.replica.lastSqlError;
  const ioSince = epochAtClock(draft, view.replica.ioSince);
  const sqlSince = epochAtClock(draft, view.replica.sqlSince);
  // The I/O thread is idle between the source's writes: the source sends a heartbeat every
  // HEARTBEAT_INTERVAL (slave_net_timeout / 2 = 30 s) while it has nothing to send.
  const lastRead = view.read > 0 ? view.record(view.read - 1) : undefined;
  const connected = io.running === 'Yes';
  const idleFrom = Math.max(ioSince, lastRead?.event.at ?? ioSince);
  const heartbeats = connected ? Math.floor(Math.max(0, now - ioSince) / 30) : 0;
  const lastHeartbeat = connected && now - idleFrom >= 30 ? idleFrom + Math.floor((now - idleFrom) / 30) * 30 : heartbeats > 0 ? ioSince + heartbeats * 30 : null;
  const queuedAt = lastRead ? Math.max(lastRead.event.at, ioSince) : null;
  const lastExec = view.executed > 0 ? view.record(view.executed - 1) : undefined;
  const appliedAt = lastExec ? Math.max(lastExec.event.at + view.replica.delaySeconds, sqlSince) : null;
  const applying = view.replica.sqlRunning && sql.state === 'Reading event from the relay log' ? view.record(view.executed) : undefined;
  return {
    connectionConfiguration: [['', sourceName, sourceFacts.port, view.replica.user, '', '0', 'NO', '', '', '', '', '', 'NO', '', '', 60, 86400, '30.000', '', '', 'NO', 'uncompressed', 3, null]],
    connectionStatus: [[
      '', '', uuidOf(draft, view.source), view.replica.ioRunning ? threadId(ids.io) : null, io.running === 'Yes' ? 'ON' : io.running === 'Connecting' ? 'CONNECTING' : 'OFF',
      heartbeats, psTimestamp(lastHeartbeat), '', ioError?.errno ?? 0, ioError?.message ?? '', psTimestamp(ioError?.at),
      lastRead ? 'ANONYMOUS' : '', psTimestamp(lastRead?.event.at), psTimestamp(lastRead?.event.at), psTimestamp(queuedAt), psTimestamp(queuedAt),
      '', psTimestamp(null), psTimestamp(null), psTimestamp(null),
    ]],
    applierConfiguration: [['', view.replica.delaySeconds, null, 'NO']],
    applierStatus: [['', view.replica.sqlRunning ? 'ON' : 'OFF', sql.remaining, 0]],
    byCoordinator: [],
    byWorker: [[
      '', 0, view.replica.sqlRunning ? threadId(ids.sql) : null, view.replica.sqlRunning ? 'ON' : 'OFF', sqlError?.errno ?? 0, sqlError?.message ?? '', psTimestamp(sqlError?.at),
      lastExec ? 'ANONYMOUS' : '', psTimestamp(lastExec?.event.at), psTimestamp(lastExec?.event.at), psTimestamp(appliedAt), psTimestamp(appliedAt),
      applying ? 'ANONYMOUS' : '', psTimestamp(applying?.event.at), psTimestamp(applying?.event.at), psTimestamp(applying ? now : null),
      0, 0, '', psTimestamp(null), 0, 0, '', psTimestamp(null),
    ]],
  };
}

// A replica's relay log on disk follows its threads: after it saves, and after its source writes (the I/O thread reads at once).
onServerSaved((draft, server, binlogGrew) => {
  if (server.state.replica) syncReplicaRelay(draft, server);
  if (!binlogGrew) return;
  for (const host of replicasOf(draft.config, server.host)) {
    const replica = serverOf(draft, host);
    if (replica) syncReplicaRelay(draft, replica);
  }
});
