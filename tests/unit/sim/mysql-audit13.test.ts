/**
 * Session 13's audit of the binary logs: the variables a DBA reads beside them (MySQL 8.0.19's
 * defaults, "Server System Variables" and "Replication and Binary Logging Options and Variables"),
 * and the files (SHOW BINARY LOGS = ls -l = mysqlbinlog's last end_log_pos, the index listing them).
 */
import { describe, expect, it } from 'vitest';
import { typeMysql } from './mysql-fixture';
import { outputsOn, mysqlWipe } from '../scoring/support';
import { olderBinlogFiles, rotateEventSize, STOP_EVENT_SIZE, type HistoryInput } from '../../../src/sim/mysql/binlog-history';

const LOGIN = ['ssh shopdb-1', 'mysql -u ana -p shop'];

function variables(pattern: string): [string, string][] {
  const { steps } = typeMysql([...LOGIN, `SHOW VARIABLES LIKE '${pattern}';`]);
  return steps
    .at(-1)!
    .output.filter((l) => l.startsWith('| ') && !l.startsWith('| Variable_name'))
    .map((l) => {
      const cells = l.split('|');
      return [cells[1]!.trim(), cells[2]!.trim()];
    });
}

describe('SHOW VARIABLES: the error log and the replica applier', () => {
  it("'log_error%' is the four log_error variables with 8.0.19's defaults", { timeout: 60_000 }, () => {
    expect(variables('log_error%')).toEqual([
      ['log_error', '/var/log/mysql/error.log'],
      ['log_error_services', 'log_filter_internal; log_sink_internal'],
      ['log_error_suppression_list', ''],
      ['log_error_verbosity', '2'],
    ]);
  });

  it("'slave_p%' is the parallel applier's variables: DATABASE, no workers, commit order not preserved", { timeout: 60_000 }, () => {
    expect(variables('slave_p%')).toEqual([
      ['slave_parallel_type', 'DATABASE'],
      ['slave_parallel_workers', '0'],
      ['slave_pending_jobs_size_max', '134217728'],
      ['slave_preserve_commit_order', 'OFF'],
    ]);
  });

  it("'%dependency%' has the writeset history and COMMIT_ORDER tracking", { timeout: 60_000 }, () => {
    expect(variables('%dependency%')).toEqual([
      ['binlog_transaction_dependency_history_size', '25000'],
      ['binlog_transaction_dependency_tracking', 'COMMIT_ORDER'],
    ]);
  });

  it("'log_%' names no variable 8.0.19 does not have (log_syslog went to a component in 8.0.13)", { timeout: 60_000 }, () => {
    const names = variables('log\\_%').map(([n]) => n);
    expect(names).not.toContain('log_syslog');
    for (const n of ['log_output', 'log_timestamps', 'log_slave_updates', 'log_statements_unsafe_for_binlog']) expect(names).toContain(n);
  });
});

/** SHOW BINARY LOGS' rows as [name, size]. */
function binaryLogs(output: readonly string[]): [string, number][] {
  return output.filter((l) => /^\| \S+\.\d{6} /.test(l)).map((l) => {
    const cells = l.split('|');
    return [cells[1]!.trim(), Number(cells[2]!.trim())];
  });
}

/** ls -l's binary log rows as name → [size, "Mon dd hh:mm"]. */
function listed(output: readonly string[], basename: string): Map<string, [number, string]> {
  const out = new Map<string, [number, string]>();
  for (const l of output) {
    const m = new RegExp(`^-\\S+ 1 mysql mysql +(\\d+) (\\w{3} [ \\d]\\d \\d\\d:\\d\\d) +(${basename}\\.\\d{6})$`).exec(l);
    if (m) out.set(m[3]!, [Number(m[1]), m[2]!]);
  }
  return out;
}

/** mysqlbinlog's last event header of a file: its type word and end_log_pos. */
function lastEvent(output: readonly string[]): { end: number; text: string } {
  const heads = output.filter((l) => /^#\d{6} [ \d]\d:\d\d:\d\d server id \d+ {2}end_log_pos \d+ CRC32 0x[0-9a-f]{8} \t/.test(l));
  const last = heads.at(-1)!;
  return { end: Number(/end_log_pos (\d+)/.exec(last)![1]), text: last.split('\t').slice(1).join('\t') };
}

describe('binary log files: one set of sizes everywhere', () => {
  it('the shop master: SHOW BINARY LOGS = ls -l = the index = mysqlbinlog\'s last end_log_pos; the file before the start ends with the shutdown\'s Stop', { timeout: 120_000 }, () => {
    const { steps } = typeMysql(['ssh shopdb-1', 'sudo ls -l /var/lib/mysql', 'sudo cat /var/lib/mysql/binlog.index', 'sudo mysql -e "SHOW BINARY LOGS"', 'sudo mysqlbinlog /var/lib/mysql/binlog.000016', 'sudo mysqlbinlog /var/lib/mysql/binlog.000017']);
    const [, ls, index, logs, old, current] = steps.map((s) => s.output);
    const rows = binaryLogs(logs!);
    expect(rows.map(([n]) => n)).toEqual(['binlog.000016', 'binlog.000017']);
    expect(index).toEqual(rows.map(([n]) => `./${n}`));
    const files = listed(ls!, 'binlog');
    for (const [name, size] of rows) expect(files.get(name)?.[0]).toBe(size);
    // binlog.000017 was opened by the start at 06:10:00: the one before was closed by the shutdown just before it.
    expect(files.get('binlog.000016')![1]).toBe('Feb 27 06:09');
    expect(lastEvent(old!)).toEqual({ end: rows[0]![1], text: 'Stop' });
    expect(old!.some((l) => l.startsWith('# at ') && Number(l.slice(5)) === rows[0]![1] - STOP_EVENT_SIZE)).toBe(true);
    expect(old).not.toContain('# Warning: this binlog is either in use or was not closed properly.');
    expect(lastEvent(current!).end).toBe(rows[1]![1]);
    expect(current).toContain('# Warning: this binlog is either in use or was not closed properly.');
  });

  it('FLUSH LOGS closes the file with a Rotate event of 31 + name bytes and lists the new file in the index', { timeout: 120_000 }, () => {
    const { steps } = typeMysql(['ssh shopdb-1', 'sudo mysql -e "SHOW MASTER STATUS"', 'sudo mysql -e "FLUSH LOGS; SHOW BINARY LOGS"', 'sudo mysqlbinlog /var/lib/mysql/binlog.000017', 'sudo cat /var/lib/mysql/binlog.index', 'sudo ls -l /var/lib/mysql']);
    const [, status, logs, closed, index, ls] = steps.map((s) => s.output);
    const position = Number(status!.find((l) => l.startsWith('| binlog.'))!.split('|')[2]!.trim());
    const rows = binaryLogs(logs!);
    expect(rows.slice(1)).toEqual([['binlog.000017', position + rotateEventSize('binlog.000018')], ['binlog.000018', 155]]);
    expect(rotateEventSize('binlog.000018')).toBe(44);
    expect(lastEvent(closed!)).toEqual({ end: position + 44, text: 'Rotate to binlog.000018  pos: 4' });
    expect(index).toEqual(['./binlog.000016', './binlog.000017', './binlog.000018']);
    const files = listed(ls!, 'binlog');
    for (const [name, size] of rows) expect(files.get(name)?.[0]).toBe(size);
  });

  it("the replica's binary log is its own: its own positions and sizes, the source's server id in the events it applied", { timeout: 120_000 }, () => {
    const { steps } = typeMysql(['ssh shopdb-1', 'sudo mysql -e "SHOW MASTER STATUS"', 'exit', 'ssh shopdb-2', 'sudo mysql -e "SHOW MASTER STATUS"', 'sudo mysql -e "SHOW SLAVE STATUS\\G"', 'sudo mysqlbinlog /var/lib/mysql/binlog.000009']);
    const masterPos = Number(steps[1]!.output.find((l) => l.startsWith('| binlog.'))!.split('|')[2]!.trim());
    const replica = steps[4]!.output.find((l) => l.startsWith('| binlog.'))!.split('|').map((c) => c.trim());
    const exec = Number(steps[5]!.output.find((l) => l.trim().startsWith('Exec_Master_Log_Pos:'))!.split(':')[1]!.trim());
    expect(replica[1]).toBe('binlog.000009');
    expect(Number(replica[2])).not.toBe(exec);
    expect(Number(replica[2])).not.toBe(masterPos);
    const dump = steps[6]!.output;
    expect(lastEvent(dump).end).toBe(Number(replica[2]));
    // Its own format description; the transactions it applied keep the id of the server they began on (log_slave_updates).
    expect(dump.find((l) => l.includes('Start: binlog v 4'))).toMatch(/ server id 2 /);
    const rowEvents = dump.filter((l) => /\t(Write|Update|Delete)_rows: /.test(l));
    expect(rowEvents.length).toBeGreaterThan(0);
    for (const l of rowEvents) expect(l).toMatch(/ server id 1 /);
  });
});

describe('binary log files: mysql-wipe', () => {
  it('db-master keeps the files of the last 30 days, one a day (its nightly flush) and one at the restart, and the Stop before it', { timeout: 120_000 }, () => {
    const [ls, logs, stopped, rotated] = outputsOn(mysqlWipe, 'db-master', ['sudo ls -l /var/lib/mysql', 'sudo mysql -e "SHOW BINARY LOGS"', 'sudo mysqlbinlog /var/lib/mysql/mysql-bin.000210', 'sudo mysqlbinlog /var/lib/mysql/mysql-bin.000213']);
    const rows = binaryLogs(logs!);
    expect(rows[0]![0]).toBe('mysql-bin.000182');
    expect(rows.at(-1)![0]).toBe('mysql-bin.000214');
    expect(rows).toHaveLength(214 - 182 + 1);
    const files = listed(ls!, 'mysql-bin');
    for (const [name, size] of rows) expect(files.get(name)?.[0]).toBe(size);
    expect(files.get('mysql-bin.000182')![1]).toBe('Apr  4 05:14');
    expect(files.get('mysql-bin.000210')![1]).toBe('May  1 17:00');
    expect(files.get('mysql-bin.000213')![1]).toBe('May  4 05:14');
    // No file reached max_binlog_size at this server's rate.
    for (const [, size] of rows) expect(size).toBeLessThan(10_000_000);
    expect(lastEvent(stopped!)).toEqual({ end: rows.find(([n]) => n === 'mysql-bin.000210')![1], text: 'Stop' });
    expect(stopped!.find((l) => l.includes('Start: binlog v 4'))).toMatch(/^#200501 {2}5:14:07 server id 1 {2}end_log_pos 124 CRC32 0x[0-9a-f]{8} \tStart: binlog v 4, server v 8\.0\.19 created 200501 {2}5:14:07$/);
    expect(lastEvent(rotated!)).toEqual({ end: rows.find(([n]) => n === 'mysql-bin.000213')![1], text: 'Rotate to mysql-bin.000214  pos: 4' });
  });

  it("db-replica's file holds what it applied since its start: bigger than the master's current file", { timeout: 120_000 }, () => {
    const [logs] = outputsOn(mysqlWipe, 'db-replica', ['sudo mysql -e "SHOW BINARY LOGS"']);
    const rows = binaryLogs(logs!);
    expect(rows.map(([n]) => n)).toEqual(['mysql-bin.000096', 'mysql-bin.000097']);
    expect(rows[1]![1]).toBeGreaterThan(1_000_000);
  });
});

describe('olderBinlogFiles', () => {
  const base: HistoryInput = { basename: 'b', number: 50, openedAt: 100 * 86400, serverStartedAt: 90 * 86400 + 3600, initializedAt: 10 * 86400, rate: 20, dailyRotation: 3600, expireSeconds: 30 * 86400, maxSize: 1_073_741_824, seed: 'x' };
  it('files are contiguous and numbered in order, each closed where the next opens (a Stop two seconds before a start)', () => {
    for (const input of [base, { ...base, dailyRotation: null }, { ...base, rate: 50_000, dailyRotation: null }, { ...base, serverStartedAt: base.openedAt }, { ...base, number: 3 }]) {
      const files = olderBinlogFiles(input);
      files.forEach((f, i) => {
        const next = files[i + 1];
        const nextOpen = next?.startedAt ?? input.openedAt;
        expect(f.closedAt).toBe(f.closedBy === 'stop' ? nextOpen - 2 : nextOpen);
        expect(f.startedAt).toBeLessThan(f.closedAt!);
        expect(f.closedAt!).toBeGreaterThanOrEqual(input.openedAt - input.expireSeconds);
        expect(f.size).toBe(155 + f.unmodelled! + (f.closedBy === 'stop' ? 23 : 31 + `b.000051`.length));
        expect(f.size!).toBeLessThanOrEqual(input.maxSize + 500);
        if (next) expect(Number(next.name.slice(2))).toBe(Number(f.name.slice(2)) + 1);
      });
      if (files.length) expect(Number(files.at(-1)!.name.slice(2))).toBe(input.number - 1);
    }
  });
});
