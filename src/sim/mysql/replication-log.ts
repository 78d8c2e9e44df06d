/**
 * What a replica's replication threads write to mysqld 8.0.19's error log at the default
 * log_error_verbosity 2: the I/O thread's warning about credentials kept in the master info
 * repository (MY-010897) and its `connected to master` line (MY-010562, [System]) when it starts,
 * and CHANGE MASTER TO's before-and-after line (MY-010597, [System]). The SQL thread's start and
 * both threads' exits (MY-010581, MY-010587, MY-011026, MY-010570) are [Note]s: at verbosity 2
 * they are not written. The positions are the replica's own (what SHOW SLAVE STATUS says).
 */
import { isoMicros } from './error-log';

/** Where the I/O thread is in its source's binary log: Master_Log_File and Read_Master_Log_Pos. */
export interface SourcePosition {
  file: string;
  pos: number;
}

/** The source as SHOW SLAVE STATUS names it: Master_User, Master_Host, Master_Port. */
export interface SourceAddress {
  user: string;
  host: string;
  port: number;
}

/**
 * The I/O thread's lines when it starts and connects (`thread` its processlist id), from `line`
 * on within the second `at` (epoch). `connected` false: the source did not answer, so only the
 * warning (written before the connection is tried) is there.
 */
export function ioThreadStartLines(at: number, line: number, thread: number, source: SourceAddress, from: SourcePosition, connected = true): string[] {
  const lines = [
    `${isoMicros(at, line)} ${thread} [Warning] [MY-010897] [Repl] Storing MySQL user name or password information in the master info repository is not secure and is therefore not recommended. Please consider using the USER and PASSWORD connection options for START SLAVE; see the 'START SLAVE Syntax' in the MySQL Manual for more information.`,
  ];
  if (connected) lines.push(`${isoMicros(at, line + 1)} ${thread} [System] [MY-010562] [Repl] Slave I/O thread for channel '': connected to master '${source.user}@${source.host}:${source.port}',replication started in log '${from.file}' at position ${from.pos}`);
  return lines;
}

/** CHANGE MASTER TO's line (`thread` the client's connection id): the connection settings before and after, which MASTER_DELAY is not among. */
export function changeMasterLine(at: number, line: number, thread: number, source: SourceAddress, before: SourcePosition, after: SourcePosition = before): string {
  const state = (p: SourcePosition) => `master_host='${source.host}', master_port= ${source.port}, master_log_file='${p.file}', master_log_pos= ${p.pos}, master_bind=''`;
  return `${isoMicros(at, line)} ${thread} [System] [MY-010597] [Repl] 'CHANGE MASTER TO FOR CHANNEL '' executed'. Previous state ${state(before)}. New state ${state(after)}.`;
}
