/**
 * A server made ready once per scenario, at the first SQL step of a replay: its schemas and rows
 * built from the spec (literal and generated), the binary-log events before the scenario's start
 * run on them (so the log holds real row images), and the result kept as an image (SQLite's bytes)
 * that every replay opens a copy of. A delayed replica's image is its source's data as of
 * (start − delay). Cached in a WeakMap keyed by the server's spec object: nothing outlives the scenario.
 */
import type { MysqlServerSpec } from '../../scenario/world/mysql';
import type { SimConfig } from '../world';
import { hostSpec } from '../world';
import { epochOf } from '../time';
import { ServerDatabase } from './database';
import { tableFromSpec } from './specs';
import { generateRows, whenToEpoch, datetimeText, type CellValue } from './generate';
import { DEFAULT_CHARSET, DEFAULT_COLLATION, sqliteIdent, storageName, type TableDef } from './catalog';
import { runDataSql, type DataContext } from './dbexec';
import { applyChange } from './replay';
import { appendTransaction, binlogFileName, FIRST_EVENT_POSITION, openBinlog } from './binlog';
import { bytesWrittenBetween, currentFileStartedAt, historyInput, olderBinlogFiles, serverStartedAt, writeRate } from './binlog-history';
import type { BinlogFile, BinlogRecord, ChangeEvent, DataVersion } from './state';
import { itemsOf } from './log';
import type { SessionView } from './query';

export interface PreparedServer {
  /** The data at the scenario's start. */
  image: Uint8Array;
  /** Binary-log transactions written before the start (in `binlogFile`). */
  records: readonly BinlogRecord[];
  binlogFile: string;
  binlogStartedAt: number;
  /** The closed files before `binlogFile` still on disk (their events not modelled), oldest first. */
  history: readonly BinlogFile[];
  /** Bytes of unmodelled transactions at the head of `binlogFile`, before the first record (a replica's, applied before its source's modelled history). */
  unmodelled: number;
  /** Bytes per second of transactions the server writes (its modelled history's). */
  rate: number;
  /** When mysqld last started before the scenario. */
  serverStartedAt: number;
  /** Where the next transaction goes in the current file, and the next Xid. */
  position: number;
  nextXid: number;
  /** For a replica: how many of its source's records its threads had read and applied at the start. */
  replica?: { read: number; executed: number };
  /** Scenario events due after the start (the application still writing): run on the master when their time comes. */
  scheduled: readonly { at: number; database: string | null; sql: string[] }[];
  /** Rows per table at the start (`db.table` → count). */
  counts: ReadonlyMap<string, number>;
}

const cache = new WeakMap<MysqlServerSpec, Map<string, PreparedServer>>();
/** Images of a master's data after its first k records (for replicas), by spec. */
const prefixImages = new WeakMap<MysqlServerSpec, Map<string, Uint8Array>>();

const NO_VIEW: SessionView = {
  database: null,
  sysvar: () => undefined,
  uservar: () => null,
  systemTable: () => undefined,
};

function dummyVersion(host: string, clock: number): DataVersion {
  return { origin: { host, clock }, changes: { list: { items: [] }, length: 0 } };
}

/** Builds the base data (before the first binary-log event) of a server's spec. */
function buildBase(config: SimConfig, spec: MysqlServerSpec, host: string, clock: number): ServerDatabase {
  const db = new ServerDatabase(null, dummyVersion(host, clock));
  const created = epochOf(config.date, 0) - 90 * 86400;
  db.setForeignKeys(false);
  db.db.exec('BEGIN');
  /** One prepared INSERT per table and column list: thousands of generated rows go in without re-parsing. */
  const inserts = new Map<string, ReturnType<typeof db.db.prepare>>();
  try {
    const dictionaries = spec.dictionaries ?? {};
    for (const database of spec.databases ?? []) {
      db.putDatabase({ name: database.name, charset: database.charset ?? DEFAULT_CHARSET, collation: database.collation ?? DEFAULT_COLLATION });
      const defs = new Map<string, TableDef>();
      for (const table of database.tables ?? []) {
        const def = tableFromSpec(database.name, table, table.createdAt ? whenToEpoch(config.date, table.createdAt) : created);
        defs.set(table.name, def);
        db.createTable(def, false);
      }
      const columnValues = (table: string, column: string): CellValue[] => {
        const def = defs.get(table);
        if (!def || !def.columns.some((c) => c.name === column)) return [];
        return db.query(`SELECT ${sqliteIdent(column)} FROM ${sqliteIdent(storageName(database.name, table))} ORDER BY rowid`).rows.map((r) => r[0] ?? null);
      };
      for (const table of database.tables ?? []) {
        const def = defs.get(table.name)!;
        const names = def.columns.map((c) => c.name);
        const insert = (row: Record<string, CellValue>) => {
          const cols = names.filter((n) => Object.hasOwn(row, n));
          const sql = `INSERT INTO ${sqliteIdent(storageName(def.database, def.name))} (${cols.map(sqliteIdent).join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`;
          let statement = inserts.get(sql);
          if (!statement) {
            statement = db.db.prepare(sql);
            inserts.set(sql, statement);
          }
          statement.run(cols.map((c) => row[c] ?? null));
        };
        let count = 0;
        for (const row of table.rows ?? []) {
          count += 1;
          if (Array.isArray(row)) insert(Object.fromEntries(names.slice(0, row.length).map((n, i) => [n, toCell(row[i])])));
          else insert(Object.fromEntries(Object.entries(row).map(([k, v]) => [k, toCell(v)])));
        }
        if (table.generate) {
          const rows = generateRows(def, table.generate, { date: config.date, dictionaries, column: columnValues }, count + 1);
          for (const row of rows) insert(row);
        }
      }
    }
    for (const statement of inserts.values()) statement.free();
    inserts.clear();
    db.db.exec('COMMIT');
  } catch (error) {
    for (const statement of inserts.values()) statement.free();
    db.db.exec('ROLLBACK');
    db.close();
    throw error;
  }
  db.setForeignKeys(true);
  return db;
}

function toCell(value: string | number | boolean | null | undefined): CellValue {
  if (value === undefined || value === null) return null;
  if (typeof value === 'boolean') return value ? 1 : 0;
  return value;
}

type GeneratedEvents = Extract<NonNullable<NonNullable<MysqlServerSpec['binlog']>['events']>[number], { table: string }>;

interface SpecTransaction {
  at: number;
  database: string | null;
  sql: string[];
  /** A generated event: one row made like the table's generated rows. */
  insert?: GeneratedEvents;
}

/** The scenario's binary-log events as transactions in time order (generated ones spread over their span). */
function specTransactions(config: SimConfig, spec: MysqlServerSpec): SpecTransaction[] {
  const firstDb = spec.databases?.[0]?.name ?? null;
  const out: SpecTransaction[] = [];
  for (const event of spec.binlog?.events ?? []) {
    if ('sql' in event) {
      out.push({ at: whenToEpoch(config.date, event.at), database: event.database ?? firstDb, sql: Array.isArray(event.sql) ? event.sql : [event.sql] });
      continue;
    }
    const from = whenToEpoch(config.date, event.from);
    const until = whenToEpoch(config.date, event.until);
    for (let i = 0; i < event.count; i += 1) {
      const at = Math.floor(from + ((until - from) * (i + 0.5)) / Math.max(1, event.count));
      out.push({ at, database: event.database ?? firstDb, sql: [], insert: event });
    }
  }
  return out.sort((a, b) => a.at - b.at);
}

function runTransaction(config: SimConfig, spec: MysqlServerSpec, db: ServerDatabase, tx: SpecTransaction, index: number): ChangeEvent[] {
  const events: ChangeEvent[] = [];
  const ctx: DataContext = { database: tx.database, now: tx.at, fkChecks: true, view: { ...NO_VIEW, database: tx.database }, fn: { user: 'app@localhost', currentUser: 'app@%', connectionId: 1000 + index, lastInsertId: 0, seed: `spec:${index}` }, thread: 1000 + index };
  if (tx.insert) {
    const generated = generatedRow(config, spec, db, tx, index);
    if (generated) {
      const outcome = runDataSql(db, generated, ctx);
      if (outcome.ok && outcome.kind === 'write' && outcome.event) events.push(outcome.event);
    }
    return mergeRows(events, tx);
  }
  for (const sql of tx.sql) {
    const outcome = runDataSql(db, sql, ctx);
    if (!outcome.ok) throw new Error(`scenario binary-log event at ${datetimeText(tx.at)} failed: ${'error' in outcome ? outcome.error.message : outcome.unsupported} (${sql.slice(0, 120)})`);
    if (outcome.kind === 'write' && outcome.event) events.push(outcome.event);
  }
  return mergeRows(events, tx);
}

/** Row changes of one transaction are one event; DDL stays its own. */
function mergeRows(events: ChangeEvent[], tx: SpecTransaction): ChangeEvent[] {
  const out: ChangeEvent[] = [];
  for (const event of events) {
    const last = out[out.length - 1];
    if (event.kind === 'rows' && last?.kind === 'rows') out[out.length - 1] = { ...last, changes: [...last.changes, ...event.changes], sql: undefined };
    else out.push(event);
  }
  return out.map((e) => ({ ...e, at: tx.at }));
}

/** The INSERT for one generated binary-log event (a sign-up), made like the table's generated rows. */
function generatedRow(config: SimConfig, spec: MysqlServerSpec, db: ServerDatabase, tx: SpecTransaction, index: number): string | null {
  const event = tx.insert;
  if (!event || !tx.database) return null;
  const def = db.table(tx.database, event.table);
  if (!def) return null;
  const tableSpec = spec.databases?.find((d) => d.name === tx.database)?.tables?.find((t) => t.name === event.table);
  const columns = { ...(tableSpec?.generate?.columns ?? {}), ...(event.columns ?? {}) };
  for (const c of def.columns) if (c.autoIncrement) delete columns[c.name];
  const number = db.nextAutoIncrement(def) ?? index + 1;
  const rows = generateRows(def, { count: 1, seed: `${event.seed ?? `${def.database}.${def.name}:events`}:${index}`, columns }, {
    date: config.date,
    dictionaries: spec.dictionaries ?? {},
    column: (table, column) => db.query(`SELECT ${sqliteIdent(column)} FROM ${sqliteIdent(storageName(tx.database!, table))} ORDER BY rowid`).rows.map((r) => r[0] ?? null),
    eventTime: tx.at,
  }, number);
  const row = rows[0]!;
  const names = def.columns.map((c) => c.name).filter((n) => Object.hasOwn(row, n));
  const literal = (v: CellValue) => (v === null ? 'NULL' : typeof v === 'number' ? String(v) : `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`);
  return `INSERT INTO \`${def.name}\` (${names.map((n) => `\`${n}\``).join(', ')}) VALUES (${names.map((n) => literal(row[n] ?? null)).join(', ')})`;
}

function countsOf(db: ServerDatabase): Map<string, number> {
  const counts = new Map<string, number>();
  for (const table of db.catalog().tables.values()) counts.set(storageName(table.database, table.name), db.count(table.database, table.name));
  return counts;
}

/** The spec of a server, or an error naming the host. */
function specOf(config: SimConfig, host: string): MysqlServerSpec {
  const spec = hostSpec(config, host)?.mysql;
  if (!spec) throw new Error(`host ${host} has no MySQL server`);
  return spec;
}

/** A master: base data, then its binary-log events up to the start. */
function prepareMaster(config: SimConfig, host: string, spec: MysqlServerSpec, clock: number): PreparedServer {
  const start = epochOf(config.date, clock);
  const db = buildBase(config, spec, host, clock);
  try {
    const basename = spec.binlog?.basename ?? 'binlog';
    const file = binlogFileName(basename, spec.binlog?.file ?? 1);
    const startedAt = currentFileStartedAt(config, spec, clock);
    let binlog = openBinlog(file, startedAt, 0, 100 + (spec.serverId ?? 1) * 1000);
    const baseImage = db.export();
    const images = new Map<string, Uint8Array>([['0', baseImage]]);
    prefixImages.set(spec, images);
    const scheduled: PreparedServer['scheduled'][number][] = [];
    specTransactions(config, spec).forEach((tx, index) => {
      if (tx.at > start) {
        if (!tx.insert) scheduled.push({ at: tx.at, database: tx.database, sql: tx.sql });
        return;
      }
      for (const event of runTransaction(config, spec, db, tx, index)) binlog = appendTransaction(binlog, event, spec.serverId ?? 1, 0).binlog;
    });
    const records = itemsOf(binlog.records);
    const rate = writeRate(binlog.position - FIRST_EVENT_POSITION, startedAt, records.at(-1)?.event.at);
    const history = olderBinlogFiles(historyInput(config, host, spec, clock, rate));
    return { image: db.export(), records, binlogFile: file, binlogStartedAt: startedAt, history, unmodelled: 0, rate, serverStartedAt: serverStartedAt(config, spec, clock), position: binlog.position, nextXid: binlog.nextXid, scheduled, counts: countsOf(db) };
  } finally {
    db.close();
  }
}

/** A replica: its source's data as of (start − delay), its own log holding what it applied. */
function prepareReplica(config: SimConfig, host: string, spec: MysqlServerSpec, clock: number): PreparedServer {
  const replicaOf = spec.replicaOf!;
  const sourceSpec = specOf(config, replicaOf.host);
  const source = preparedServer(config, replicaOf.host, clock);
  const start = epochOf(config.date, clock);
  const delay = replicaOf.delaySeconds ?? 0;
  const sqlRunning = replicaOf.sqlRunning ?? true;
  let executed = 0;
  while (sqlRunning && executed < source.records.length && source.records[executed]!.event.at + delay <= start) executed += 1;
  const base = prefixImages.get(sourceSpec)?.get('0');
  const db = base ? new ServerDatabase(base, dummyVersion(host, clock)) : buildBase(config, sourceSpec, host, clock);
  try {
    const basename = spec.binlog?.basename ?? 'binlog';
    const file = binlogFileName(basename, spec.binlog?.file ?? 1);
    const startedAt = currentFileStartedAt(config, spec, clock);
    // It logs what it applies (log_slave_updates): its source's transactions since its file opened,
    // shifted by the delay; those before its source's modelled history are not modelled, only their bytes.
    const unmodelled = bytesWrittenBetween(source.history, startedAt - delay, source.binlogStartedAt);
    let binlog = openBinlog(file, startedAt, 0, 100 + (spec.serverId ?? 2) * 1000, FIRST_EVENT_POSITION + unmodelled);
    for (let i = 0; i < executed; i += 1) {
      const record = source.records[i]!;
      const result = applyChange(db, record.event);
      if (!result.ok) throw new Error(`replica ${host} could not apply its source's event at ${datetimeText(record.event.at)}: ${result.message}`);
      binlog = appendTransaction(binlog, record.event, record.serverId, 0).binlog;
    }
    return {
      image: db.export(),
      records: itemsOf(binlog.records),
      binlogFile: file,
      binlogStartedAt: startedAt,
      history: olderBinlogFiles(historyInput(config, host, spec, clock, source.rate)),
      unmodelled,
      rate: source.rate,
      serverStartedAt: serverStartedAt(config, spec, clock),
      position: binlog.position,
      nextXid: binlog.nextXid,
      replica: { read: replicaOf.ioRunning === false ? executed : source.records.length, executed },
      scheduled: [],
      counts: countsOf(db),
    };
  } finally {
    db.close();
  }
}

/** The prepared server of a host for a world starting at `clock` (built once, then cached). */
export function preparedServer(config: SimConfig, host: string, clock: number): PreparedServer {
  const spec = specOf(config, host);
  let byStart = cache.get(spec);
  if (!byStart) cache.set(spec, (byStart = new Map()));
  const key = `${config.date}|${clock}|${host}`;
  const found = byStart.get(key);
  if (found) return found;
  const prepared = spec.replicaOf ? prepareReplica(config, host, spec, clock) : prepareMaster(config, host, spec, clock);
  // A handful of start times per scenario at most (tests, the drill): keep the map from growing without bound.
  if (byStart.size >= 8) byStart.delete(byStart.keys().next().value!);
  byStart.set(key, prepared);
  return prepared;
}


/** The data before the first binary-log event of a master whose server was prepared (for judging harm). */
export function baseImage(spec: MysqlServerSpec): Uint8Array | undefined {
  return prefixImages.get(spec)?.get('0');
}
