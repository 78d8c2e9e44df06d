/**
 * The files a MySQL 8.0.19 server has on an Ubuntu host: /etc/mysql's configuration (with this
 * server's id, binary log and read_only), the data directory /var/lib/mysql (mode 750, owned by
 * mysql: an ordinary user cannot read the binary logs there) with its binary logs, index and
 * InnoDB files, the socket and PID file, and the error log with the server's start. The binary
 * logs' sizes follow the server's log as it grows.
 */
import type { HostSpec } from '../../scenario/world';
import type { Draft } from '../draft';
import type { FileNode } from '../fs';
import type { SimConfig } from '../world';
import { epochOf } from '../time';
import { binlogFileName, FIRST_EVENT_POSITION } from './binlog';
import { currentFileStartedAt, dataDirInitializedAt, historyInput, olderBinlogFiles, serverStartedAt, writeRate } from './binlog-history';
import type { BinlogFile } from './state';
import { sqlEngineLoaded } from './sql-engine';
import { preparedServer } from './prepare';
import type { ResolvedBinlog } from './binlog';
import { DEFAULT_PORT, DEFAULT_UNIT, DEFAULT_VERSION, serverUuid } from './specs';
import { hostSpec } from '../world';
import type { UnitChangeEvent } from '../system/hooks';
import { appendErrorLog, isoMicros } from './error-log';
import { CLIENT_MYSQL_CNF, MY_CNF_ALTERNATIVE, MY_CNF_FALLBACK, MYSQL_CNF } from './packageFiles';

const DATADIR = '/var/lib/mysql';

/** Lines mysqld writes to its error log when it starts (8.0.19, as on Ubuntu). */
export function startupLog(startedAt: number, pid: number, port: number, version = '8.0.19', within = false): string[] {
  // At boot the server takes a second to be ready; restarted by systemd, it is ready in the same second here.
  const t = (offset: number, line: number) => (within ? isoMicros(startedAt, 1 + [0, 1, 9, 10].indexOf(line)) : isoMicros(startedAt + offset, line));
  return [
    `${t(0, 0)} 0 [System] [MY-010116] [Server] /usr/sbin/mysqld (mysqld ${version}) starting as process ${pid}`,
    `${t(1, 1)} 0 [Warning] [MY-010068] [Server] CA certificate ca.pem is self signed.`,
    `${t(1, 9)} 0 [System] [MY-010931] [Server] /usr/sbin/mysqld: ready for connections. Version: '${version}'  socket: '/var/run/mysqld/mysqld.sock'  port: ${port}  MySQL Community Server - GPL.`,
    `${t(1, 10)} 0 [System] [MY-011323] [Server] X Plugin ready for connections. Socket: '/var/run/mysqld/mysqlx.sock' bind-address: '::' port: 33060`,
  ];
}

/** The line mysqld 8.0.19 writes last when it stops (SIGTERM from systemd; log_error_verbosity 2 says nothing else). */
export function shutdownLog(at: number, version = '8.0.19', line = 0): string {
  return `${isoMicros(at, line)} 0 [System] [MY-010910] [Server] /usr/sbin/mysqld: Shutdown complete (mysqld ${version})  MySQL Community Server - GPL.`;
}

/**
 * A unit hook: when the host's MySQL unit stops, starts or restarts, mysqld writes its shutdown
 * and startup lines to its error log at the clock (a restart's within the same second, in order).
 */
export function logMysqlUnitChange(draft: Draft, event: UnitChangeEvent): void {
  const spec = hostSpec(draft.config, event.host);
  const server = spec?.mysql;
  if (!server || (server.unit ?? DEFAULT_UNIT) !== event.unit || event.change === 'reload') return;
  const now = epochOf(draft.config.date, draft.clock);
  const version = (server.version ?? '8.0.19').split(/[\s-]/)[0]!;
  const lines: string[] = [];
  if (event.change === 'stop' || event.change === 'restart') lines.push(shutdownLog(now, version, 0));
  if ((event.change === 'start' || event.change === 'restart') && event.pid !== null) {
    lines.push(...startupLog(now, event.pid, server.port ?? DEFAULT_PORT, version, true));
  }
  appendErrorLog(draft, event.host, lines, now);
}

/** The size of a binary log file at the start: exact when the SQL engine is loaded, else an estimate. */
function startSize(config: SimConfig, id: string, spec: NonNullable<HostSpec['mysql']>, startClock: number): number {
  if (sqlEngineLoaded()) return preparedServer(config, id, startClock).position;
  const events = spec.replicaOf ? config.world.hosts[spec.replicaOf.host]?.mysql?.binlog?.events ?? [] : spec.binlog?.events ?? [];
  const count = events.reduce((n, e) => n + ('sql' in e ? 1 : e.count), 0);
  return 155 + count * 420;
}

/** The closed binary log files still on disk at the start: the prepared server's, else from the size the current file is guessed to have. */
function olderFilesAtStart(config: SimConfig, id: string, spec: NonNullable<HostSpec['mysql']>, startClock: number): readonly BinlogFile[] {
  if (sqlEngineLoaded()) return preparedServer(config, id, startClock).history;
  const source = spec.replicaOf ? config.world.hosts[spec.replicaOf.host]?.mysql ?? spec : spec;
  const sourceId = spec.replicaOf?.host ?? id;
  const rate = writeRate(startSize(config, sourceId, source, startClock) - FIRST_EVENT_POSITION, currentFileStartedAt(config, source, startClock), epochOf(config.date, startClock));
  return olderBinlogFiles(historyInput(config, id, spec, startClock, rate));
}

/** When the current binary log file was last written at the start: its last transaction's commit, else when it was opened. */
function startMtime(config: SimConfig, id: string, openedAt: number, startClock: number): number {
  if (!sqlEngineLoaded()) return openedAt;
  const records = preparedServer(config, id, startClock).records;
  return records.length ? Math.max(openedAt, records[records.length - 1]!.event.at) : openedAt;
}

/** The relay log at the start, from the prepared replica and its source (what SHOW SLAVE STATUS reads then). */
function initialRelay(config: SimConfig, id: string, source: string, hostname: string, openedAt: number, startClock: number): RelayLogState {
  if (!sqlEngineLoaded()) return relayLogState(hostname, 155, 155, undefined, openedAt);
  const replica = preparedServer(config, id, startClock).replica;
  const master = preparedServer(config, source, startClock);
  const read = replica?.read ?? master.records.length;
  const executed = Math.min(read, replica?.executed ?? 0);
  const lastRead = read > 0 ? master.records[read - 1] : undefined;
  const readPos = read === master.records.length ? master.position : lastRead?.end ?? 155;
  const execPos = executed === master.records.length ? master.position : executed > 0 ? master.records[executed - 1]!.end : 155;
  return relayLogState(hostname, readPos, execPos, lastRead?.event.at, openedAt);
}

/** The files of a host's MySQL server at the scenario's start (none when it has no server). */
export function initialMysqlFiles(config: SimConfig, id: string, spec: HostSpec, startClock: number, mysqldPid: number | null = null): Record<string, FileNode> {
  const server = spec.mysql;
  if (!server) return {};
  const start = epochOf(config.date, startClock);
  const startedAt = serverStartedAt(config, server, startClock);
  const installed = dataDirInitializedAt(config, server, startClock);
  const dir = (owner: string, group: string, mode: number, mtime = installed): FileNode => ({ kind: 'dir', owner, group, mode, mtime });
  const file = (owner: string, group: string, mode: number, content: string | undefined, size?: number, mtime = installed): FileNode => ({ kind: 'file', owner, group, mode, mtime, content, size });
  const link = (target: string): FileNode => ({ kind: 'link', owner: 'root', group: 'root', mode: 0o777, mtime: installed, target });
  const basename = server.binlog?.basename ?? 'binlog';
  const number = server.binlog?.file ?? 1;
  const current = binlogFileName(basename, number);
  const older = olderFilesAtStart(config, id, server, startClock);
  const port = server.port ?? DEFAULT_PORT;
  // The PID the host's mysql unit runs as (its journal and systemctl name it), else one made from the log's number.
  const pid = mysqldPid ?? spec.system?.units?.find((u) => u.name === (server.unit ?? DEFAULT_UNIT))?.pid ?? 900 + (number % 90);
  const rotatedAt = currentFileStartedAt(config, server, startClock);
  const hostname = spec.hostname;
  const files: Record<string, FileNode> = {
    '/etc/mysql': dir('root', 'root', 0o755),
    '/etc/mysql/conf.d': dir('root', 'root', 0o755),
    '/etc/mysql/mysql.conf.d': dir('root', 'root', 0o755),
    // update-alternatives' my.cnf: /etc/mysql/my.cnf → /etc/alternatives/my.cnf → the server's mysql.cnf.
    '/etc/mysql/my.cnf': link('/etc/alternatives/my.cnf'),
    '/etc/alternatives': dir('root', 'root', 0o755),
    [MY_CNF_ALTERNATIVE]: link('/etc/mysql/mysql.cnf'),
    '/etc/mysql/mysql.cnf': file('root', 'root', 0o644, MYSQL_CNF),
    '/etc/mysql/my.cnf.fallback': file('root', 'root', 0o644, MY_CNF_FALLBACK),
    '/etc/mysql/conf.d/mysql.cnf': file('root', 'root', 0o644, CLIENT_MYSQL_CNF),
    // secure_file_priv's directory, which the server package makes for LOAD DATA and SELECT … INTO OUTFILE.
    '/var/lib/mysql-files': dir('mysql', 'mysql', 0o700),
    '/etc/mysql/mysql.conf.d/mysqld.cnf': file('root', 'root', 0o644, [
      '[mysqld]',
      'pid-file        = /var/run/mysqld/mysqld.pid',
      'socket          = /var/run/mysqld/mysqld.sock',
      'datadir         = /var/lib/mysql',
      'log-error       = /var/log/mysql/error.log',
      `server-id       = ${server.serverId ?? 1}`,
      `log_bin         = ${basename}`,
      ...(port !== 3306 ? [`port            = ${port}`] : []),
      ...(server.replicaOf ? [`relay-log       = ${hostname}-relay-bin`, 'read_only       = ON'] : []),
      '',
    ].join('\n')),
    [DATADIR]: dir('mysql', 'mysql', 0o750, start - 60),
    // mysqld --initialize's text file: the server's UUID (server_uuid), 56 bytes.
    [`${DATADIR}/auto.cnf`]: file('mysql', 'mysql', 0o640, `[auto]\nserver-uuid=${serverUuid(server, id, installed)}\n`),
    [`${DATADIR}/ibdata1`]: file('mysql', 'mysql', 0o640, undefined, 12_582_912, start - 120),
    [`${DATADIR}/ib_logfile0`]: file('mysql', 'mysql', 0o640, undefined, 50_331_648, start - 30),
    [`${DATADIR}/ib_logfile1`]: file('mysql', 'mysql', 0o640, undefined, 50_331_648, startedAt),
    // The buffer pool's dump (innodb_buffer_pool_dump_at_shutdown): `space,page` lines of text.
    [`${DATADIR}/ib_buffer_pool`]: { ...file('mysql', 'mysql', 0o640, undefined, 3_491, startedAt), magic: 'ASCII text' },
    [`${DATADIR}/ibtmp1`]: file('mysql', 'mysql', 0o640, undefined, 12_582_912, startedAt),
    [`${DATADIR}/mysql.ibd`]: file('mysql', 'mysql', 0o640, undefined, 25_165_824, start - 300),
    [`${DATADIR}/undo_001`]: file('mysql', 'mysql', 0o640, undefined, 16_777_216, start - 300),
    [`${DATADIR}/undo_002`]: file('mysql', 'mysql', 0o640, undefined, 16_777_216, start - 300),
    // The certificates and RSA keys mysqld --initialize made (auto_generate_certs, sha256_password_auto_generate_rsa_keys): the private keys 0600.
    [`${DATADIR}/ca.pem`]: { ...file('mysql', 'mysql', 0o644, undefined, 1_112), magic: 'PEM certificate' },
    [`${DATADIR}/ca-key.pem`]: { ...file('mysql', 'mysql', 0o600, undefined, 1_676), magic: 'PEM RSA private key' },
    [`${DATADIR}/server-cert.pem`]: { ...file('mysql', 'mysql', 0o644, undefined, 1_112), magic: 'PEM certificate' },
    [`${DATADIR}/server-key.pem`]: { ...file('mysql', 'mysql', 0o600, undefined, 1_680), magic: 'PEM RSA private key' },
    [`${DATADIR}/client-cert.pem`]: { ...file('mysql', 'mysql', 0o644, undefined, 1_112), magic: 'PEM certificate' },
    [`${DATADIR}/client-key.pem`]: { ...file('mysql', 'mysql', 0o600, undefined, 1_676), magic: 'PEM RSA private key' },
    [`${DATADIR}/private_key.pem`]: { ...file('mysql', 'mysql', 0o600, undefined, 1_680), magic: 'PEM RSA private key' },
    [`${DATADIR}/public_key.pem`]: { ...file('mysql', 'mysql', 0o644, undefined, 452), magic: 'ASCII text' },
    // The session temporary tablespaces' pool (innodb_temp_tablespaces_dir): ten files of 5 pages each at the start.
    [`${DATADIR}/#innodb_temp`]: dir('mysql', 'mysql', 0o750, startedAt),
    ...Object.fromEntries(Array.from({ length: 10 }, (_, k) => [`${DATADIR}/#innodb_temp/temp_${k + 1}.ibt`, file('mysql', 'mysql', 0o640, undefined, 81_920, startedAt)])),
    [`${DATADIR}/mysql`]: dir('mysql', 'mysql', 0o750),
    [`${DATADIR}/performance_schema`]: dir('mysql', 'mysql', 0o750),
    [`${DATADIR}/sys`]: dir('mysql', 'mysql', 0o750),
    [`${DATADIR}/${current}`]: { ...file('mysql', 'mysql', 0o640, undefined, startSize(config, id, server, startClock), startMtime(config, id, rotatedAt, startClock)), magic: binlogMagic(server.serverId ?? 1, server.version) },
    [`${DATADIR}/${basename}.index`]: file('mysql', 'mysql', 0o640, [...older.map((f) => f.name), current].map((n) => `./${n}\n`).join(''), undefined, rotatedAt),
    '/var/log/mysql': dir('mysql', 'adm', 0o2750),
    '/var/log/mysql/error.log': { ...file('mysql', 'adm', 0o640, `${startupLog(startedAt, pid, port).join('\n')}\n`, undefined, startedAt + 1) },
    '/run/mysqld': dir('mysql', 'mysql', 0o755, startedAt),
    '/run/mysqld/mysqld.sock': file('mysql', 'mysql', 0o777, undefined, 0, startedAt),
    '/var/run': { kind: 'link', owner: 'root', group: 'root', mode: 0o777, mtime: installed, target: '/run' },
  };
  // The files before it, each last written by the event that closed it (a Rotate, or a shutdown's Stop).
  for (const f of older) files[`${DATADIR}/${f.name}`] = { ...file('mysql', 'mysql', 0o640, undefined, f.size, f.closedAt), magic: binlogMagic(server.serverId ?? 1, server.version) };
  for (const database of (server.replicaOf ? config.world.hosts[server.replicaOf.host]?.mysql?.databases : server.databases) ?? []) {
    files[`${DATADIR}/${database.name}`] = dir('mysql', 'mysql', 0o750);
    for (const table of database.tables ?? []) {
      const rows = (table.rows?.length ?? 0) + (table.generate?.count ?? 0);
      files[`${DATADIR}/${database.name}/${table.name}.ibd`] = file('mysql', 'mysql', 0o640, undefined, Math.max(114_688, Math.ceil((rows * 160) / 16384) * 16384 + 98_304), start - 60);
    }
  }
  if (server.replicaOf) {
    const relay = initialRelay(config, id, server.replicaOf.host, hostname, startedAt, startClock);
    // A relay log starts with the replica's own format description: `file` reads its server id there.
    files[`${DATADIR}/${relay.file}`] = { ...file('mysql', 'mysql', 0o640, undefined, relay.size, relay.mtime), magic: binlogMagic(server.serverId ?? 1, server.version) };
    files[`${DATADIR}/${hostname}-relay-bin.index`] = file('mysql', 'mysql', 0o640, `./${relay.file}\n`, undefined, startedAt);
  }
  return files;
}

/**
 * What `file` (5.32's magic, Magdir/database) says of a binary or relay log: the server id and
 * version it reads from the format description event at offset 4.
 */
export function binlogMagic(serverId: number, version: string | undefined): string {
  return `MySQL replication log, server id ${serverId} MySQL V5+, server version ${version ?? DEFAULT_VERSION}`;
}

/** A binary log file's mtime once it grew: its last transaction's commit (the events are written then), else now (a rotation's header). */
function lastWrite(file: ResolvedBinlog['files'][number], last: { file: string; event: { at: number } } | undefined, now: number): number {
  return last && last.file === file.name ? Math.min(now, Math.max(file.startedAt, last.event.at)) : now;
}

/**
 * The replica's relay log: one file (relay_log_purge removes those the SQL thread finished), opened
 * when the I/O thread connected. It holds the replica's own format description and previous-GTIDs,
 * the master's rotate and format description (RELAY_HEADER bytes), then the master's events as
 * read: so its size is the header plus what was read, the SQL thread's position the header plus
 * what was applied, and its mtime the arrival of the last event read (the I/O thread writes as
 * events arrive; a delayed replica reads at once and waits only to apply).
 */
export const RELAY_HEADER = 371;
export interface RelayLogState { file: string; size: number; pos: number; mtime: number }
export function relayLogState(hostname: string, readPos: number, execPos: number, lastReadAt: number | undefined, openedAt: number): RelayLogState {
  return { file: `${hostname}-relay-bin.000002`, size: RELAY_HEADER + Math.max(0, readPos - 155), pos: RELAY_HEADER + Math.max(0, Math.min(execPos, readPos) - 155), mtime: Math.max(openedAt, lastReadAt ?? openedAt) };
}

/** The relay log files on disk as `relay` says: the one file, and an index listing exactly it. */
export function syncRelayFiles(draft: Draft, host: string, relay: RelayLogState): void {
  const files = draft.host(host)?.files ?? {};
  const path = `${DATADIR}/${relay.file}`;
  const node = Object.hasOwn(files, path) ? files[path] : undefined;
  const spec = hostSpec(draft.config, host)?.mysql;
  if (!node || node.size !== relay.size || node.mtime !== relay.mtime) draft.setFile(host, path, { kind: 'file', owner: 'mysql', group: 'mysql', mode: 0o640, magic: binlogMagic(spec?.serverId ?? 1, spec?.version), ...(node ?? {}), size: relay.size, content: undefined, mtime: relay.mtime });
  const indexPath = `${DATADIR}/${relay.file.replace(/\.\d{6}$/, '')}.index`;
  const index = Object.hasOwn(files, indexPath) ? files[indexPath] : undefined;
  const content = `./${relay.file}\n`;
  if (index?.content !== content) draft.setFile(host, indexPath, { kind: 'file', owner: 'mysql', group: 'mysql', mode: 0o640, ...(index ?? {}), size: undefined, content, mtime: relay.mtime });
}

/** Keeps the binary log files on disk in step with the server's log: sizes, new files, the index. */
export function syncBinlogFiles(draft: Draft, host: string, binlog: ResolvedBinlog, basename: string): void {
  const files = draft.host(host)?.files ?? {};
  const now = epochOf(draft.config.date, draft.clock);
  const last = binlog.records.length ? binlog.records.list.items[binlog.records.length - 1] : undefined;
  const spec = hostSpec(draft.config, host)?.mysql;
  binlog.files.forEach((f, i) => {
    const path = `${DATADIR}/${f.name}`;
    const size = i === binlog.files.length - 1 ? binlog.position : (f.size ?? 0);
    const node = Object.hasOwn(files, path) ? files[path] : undefined;
    if (node && node.size === size) return;
    draft.setFile(host, path, { kind: 'file', owner: 'mysql', group: 'mysql', mode: 0o640, magic: binlogMagic(spec?.serverId ?? 1, spec?.version), ...(node ?? {}), size, content: undefined, mtime: node && i < binlog.files.length - 1 ? node.mtime : lastWrite(f, last, now) });
  });
  const indexPath = `${DATADIR}/${basename}.index`;
  const index = Object.hasOwn(files, indexPath) ? files[indexPath] : undefined;
  const listed = (index?.content ?? '').split('\n').filter((l) => l !== '');
  const content = binlog.files.map((f) => `./${f.name}\n`).join('');
  if (listed.join('\n') === binlog.files.map((f) => `./${f.name}`).join('\n')) return;
  // Files purged (binlog_expire_logs_seconds) leave the directory and the index.
  const kept = new Set(binlog.files.map((f) => `./${f.name}`));
  for (const line of listed) if (!kept.has(line) && /^\.\/[^/]+$/.test(line) && Object.hasOwn(files, `${DATADIR}/${line.slice(2)}`)) draft.setFile(host, `${DATADIR}/${line.slice(2)}`, null);
  draft.setFile(host, indexPath, { kind: 'file', owner: 'mysql', group: 'mysql', mode: 0o640, ...(index ?? {}), content, mtime: now });
}
