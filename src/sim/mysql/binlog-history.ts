/**
 * The binary log files a server kept before the scenario's first modelled transaction, as MySQL
 * 8.0.19 leaves them: a new file at each server start (the one before it closed by a Stop event at
 * the shutdown), at max_binlog_size and at each FLUSH BINARY LOGS (closed by a Rotate event), the
 * files older than binlog_expire_logs_seconds purged at the rotation that opened the current file.
 * Their events are not modelled: their sizes follow the write rate the modelled transactions show.
 */
import type { MysqlServerSpec } from '../../scenario/world/mysql';
import type { SimConfig } from '../world';
import { epochOf } from '../time';
import { hashString, whenToEpoch } from './generate';
import type { BinlogFile } from './state';
import { uuidTime } from './specs';

/** Format_description and Previous_gtids: where the first transaction starts. */
const HEADER = 155;
/** A Stop event: the common header and the CRC32 checksum. */
export const STOP_EVENT_SIZE = 19 + 4;
/** A file opened within this many seconds of mysqld's start was opened by that start. */
const STARTUP_SLACK = 5;

/** A Rotate event naming the next file: the header, the 8-byte position, the name, the checksum. */
export function rotateEventSize(nextName: string): number {
  return 19 + 8 + nextName.length + 4;
}

/** When mysqld last started: the spec's time, else 2 days 15 hours before the scenario's start. */
export function serverStartedAt(config: SimConfig, spec: MysqlServerSpec, clock: number): number {
  return spec.startedAt ? whenToEpoch(config.date, spec.startedAt) : epochOf(config.date, clock) - 2 * 86400 - 15 * 3600;
}

/**
 * When the data directory was initialised (auto.cnf, the system schemas, the certificates): the
 * spec's time, else the time in its version-1 server UUID (mysqld made it then), else 30 days
 * before the last start.
 */
export function dataDirInitializedAt(config: SimConfig, spec: MysqlServerSpec, clock: number): number {
  if (spec.initializedAt) return whenToEpoch(config.date, spec.initializedAt);
  const started = serverStartedAt(config, spec, clock);
  const made = spec.uuid ? uuidTime(spec.uuid) : null;
  return made !== null && made < started ? Math.floor(made) : started - 30 * 86400;
}

/** When the current binary log file was opened: the spec's time, else the server's start. */
export function currentFileStartedAt(config: SimConfig, spec: MysqlServerSpec, clock: number): number {
  return spec.binlog?.startedAt ? whenToEpoch(config.date, spec.binlog.startedAt) : serverStartedAt(config, spec, clock);
}

/** A variable's start value as the spec sets it, else the default. */
function numericVariable(spec: MysqlServerSpec, name: string, fallback: number): number {
  const set = Object.entries(spec.variables ?? {}).find(([k]) => k.toLowerCase() === name)?.[1];
  const n = Number(set);
  return set !== undefined && Number.isFinite(n) ? n : fallback;
}

export interface HistoryInput {
  basename: string;
  /** The current file's number and when it was opened. */
  number: number;
  openedAt: number;
  serverStartedAt: number;
  initializedAt: number;
  /** Bytes of transactions per second the server writes (what its modelled transactions show). */
  rate: number;
  /** Seconds into the day of a daily FLUSH BINARY LOGS, if the scenario has one. */
  dailyRotation: number | null;
  expireSeconds: number;
  maxSize: number;
  /** Seeds the sizes' spread. */
  seed: string;
}

/** The input for a server of a scenario, given its write rate. */
export function historyInput(config: SimConfig, host: string, spec: MysqlServerSpec, clock: number, rate: number): HistoryInput {
  const daily = spec.binlog?.dailyRotationAt ? /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(spec.binlog.dailyRotationAt) : null;
  return {
    basename: spec.binlog?.basename ?? 'binlog',
    number: spec.binlog?.file ?? 1,
    openedAt: currentFileStartedAt(config, spec, clock),
    serverStartedAt: serverStartedAt(config, spec, clock),
    initializedAt: dataDirInitializedAt(config, spec, clock),
    rate,
    dailyRotation: daily ? Number(daily[1]) * 3600 + Number(daily[2]) * 60 + Number(daily[3] ?? 0) : null,
    expireSeconds: numericVariable(spec, 'binlog_expire_logs_seconds', 2_592_000),
    maxSize: numericVariable(spec, 'max_binlog_size', 1_073_741_824),
    seed: host,
  };
}

function fileName(basename: string, number: number): string {
  return `${basename}.${String(number).padStart(6, '0')}`;
}

/** The last daily rotation strictly before `t`. */
function dailyBefore(t: number, secondOfDay: number): number {
  const day = Math.floor(t / 86400) * 86400 + secondOfDay;
  return day < t ? day : day - 86400;
}

/** The closed files before the current one that are still on disk, oldest first. */
export function olderBinlogFiles(input: HistoryInput): BinlogFile[] {
  const out: BinlogFile[] = [];
  const purgedBefore = input.openedAt - input.expireSeconds;
  let nextOpenedAt = input.openedAt;
  let nextName = fileName(input.basename, input.number);
  for (let number = input.number - 1; number >= 1; number -= 1) {
    const stopped = Math.abs(nextOpenedAt - input.serverStartedAt) <= STARTUP_SLACK;
    // A shutdown writes its Stop event a couple of seconds before the next start opens a file.
    const closedAt = stopped ? nextOpenedAt - 2 : nextOpenedAt;
    if (closedAt < purgedBefore || closedAt <= input.initializedAt) break;
    const candidates = [input.initializedAt];
    if (input.serverStartedAt < closedAt - STARTUP_SLACK) candidates.push(input.serverStartedAt);
    if (input.dailyRotation !== null) candidates.push(dailyBefore(closedAt, input.dailyRotation));
    const bySize = input.rate > 0 ? closedAt - Math.floor(input.maxSize / input.rate) : -Infinity;
    const startedAt = Math.max(bySize, ...candidates.filter((t) => t < closedAt));
    const name = fileName(input.basename, number);
    const closing = stopped ? STOP_EVENT_SIZE : rotateEventSize(nextName);
    // The transactions of the span, at the rate with a spread of ±15 % (never past max_binlog_size).
    const spread = 0.85 + ((hashString(`${input.seed}:${name}`) % 3001) / 3000) * 0.3;
    const payload = startedAt === bySize ? input.maxSize - HEADER + 300 : Math.min(input.maxSize - HEADER, Math.round(input.rate * (closedAt - startedAt) * spread));
    const atStartup = Math.abs(startedAt - input.serverStartedAt) <= STARTUP_SLACK || startedAt === input.initializedAt;
    out.unshift({ name, startedAt, firstRecord: 0, size: HEADER + payload + closing, closedAt, closedBy: stopped ? 'stop' : 'rotate', unmodelled: payload, atStartup });
    if (startedAt === input.initializedAt) break;
    nextOpenedAt = startedAt;
    nextName = name;
  }
  return out;
}

/** Bytes of transactions the files wrote between `from` and `to` (by the share of each file's span). */
export function bytesWrittenBetween(files: readonly BinlogFile[], from: number, to: number): number {
  let total = 0;
  for (const f of files) {
    const end = f.closedAt ?? f.startedAt;
    const span = end - f.startedAt;
    if (span <= 0 || !f.unmodelled) continue;
    const overlap = Math.min(end, to) - Math.max(f.startedAt, from);
    if (overlap > 0) total += Math.round((f.unmodelled * overlap) / span);
  }
  return total;
}

/** Bytes per second of the transactions a file holds between its opening and its last commit. */
export function writeRate(bytes: number, openedAt: number, lastCommit: number | undefined): number {
  if (lastCommit === undefined || lastCommit <= openedAt) return 0;
  return bytes / (lastCommit - openedAt);
}
