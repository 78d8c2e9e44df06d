/**
 * Session 14's audit of MySQL 8.0.19: the replication repositories (mysql.slave_master_info,
 * slave_relay_log_info, slave_worker_info), the variable catalogue, mysqlbinlog reading from a
 * position inside an event, the data directory's text and binary files, index Cardinality from
 * the rows, and START SLAVE UNTIL.
 */
import { describe, expect, it } from 'vitest';
import { outputsOn, mysqlWipe } from '../scoring/support';
import { inputFromLine, replayInputs } from '../../../src/engine/replay';

/** Each step's output and drill notes, on `host` of mysql-wipe. */
function stepsOn(host: string, lines: readonly string[]): { output: string[]; notes: string[] }[] {
  const start = mysqlWipe.startHost === host ? [] : [`ssh ${host}`];
  const snapshot = replayInputs(mysqlWipe, [...start, ...lines].map(inputFromLine));
  return snapshot.context.steps.slice(start.length).map((s) => ({ output: [...s.output], notes: [...(s.notes ?? [])] }));
}

/** A table's cells (`| a | b |` lines after the header) as trimmed strings. */
function cells(output: readonly string[]): string[][] {
  const lines = output.filter((l) => l.startsWith('| '));
  return lines.slice(1).map((l) => l.split('|').slice(1, -1).map((c) => c.trim()));
}

/** `\G` output as name → value. */
function vertical(output: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const l of output) {
    const m = /^\s*(\w+): (.*)$/.exec(l);
    if (m) out[m[1]!] = m[2]!;
  }
  return out;
}

describe('the data directory: text files are text', () => {
  it('auto.cnf is the 56-byte text mysqld --initialize wrote, with server_uuid', { timeout: 120_000 }, () => {
    const [cat, wc, file, uuid] = outputsOn(mysqlWipe, 'db-master', ['sudo cat /var/lib/mysql/auto.cnf', 'sudo wc -c /var/lib/mysql/auto.cnf', 'sudo file /var/lib/mysql/auto.cnf', 'mysql -N -e "SELECT @@server_uuid"']);
    const id = uuid!.find((l) => /[0-9a-f]{8}-/.test(l))!.replace(/[|\s]/g, '');
    expect(cat).toEqual(['[auto]', `server-uuid=${id}`]);
    expect(wc).toEqual(['56 /var/lib/mysql/auto.cnf']);
    expect(file).toEqual(['/var/lib/mysql/auto.cnf: ASCII text']);
  });

  it('file: InnoDB files are data, the logs MySQL replication logs, the keys PEM, the index and ib_buffer_pool text', { timeout: 120_000 }, () => {
    const names = ['ibdata1', 'ib_logfile0', 'mysql.ibd', 'tunistocks/users.ibd', 'mysql-bin.000214', 'mysql-bin.index', 'ca.pem', 'ca-key.pem', 'public_key.pem', 'ib_buffer_pool'];
    const [out = []] = outputsOn(mysqlWipe, 'db-master', [`sudo file -b ${names.map((n) => `/var/lib/mysql/${n}`).join(' ')}`]);
    expect(out).toEqual(['data', 'data', 'data', 'data', 'MySQL replication log, server id 1 MySQL V5+, server version 8.0.19', 'ASCII text', 'PEM certificate', 'PEM RSA private key', 'ASCII text', 'ASCII text']);
  });

  it("a relay log's format description is the replica's: its server id", { timeout: 120_000 }, () => {
    const [out = []] = outputsOn(mysqlWipe, 'db-replica', ['sudo file /var/lib/mysql/db-replica-relay-bin.000002']);
    expect(out).toEqual(['/var/lib/mysql/db-replica-relay-bin.000002: MySQL replication log, server id 2 MySQL V5+, server version 8.0.19']);
  });

  it('cat of a certificate says it is text the drill does not hold, not a binary', { timeout: 120_000 }, () => {
    const [step] = stepsOn('db-master', ['sudo cat /var/lib/mysql/ca.pem']);
    expect(step!.output).toEqual([]);
    expect(step!.notes.join('\n')).toContain('the text of /var/lib/mysql/ca.pem (1112 bytes)');
  });
});

describe('SHOW INDEX: Cardinality from the rows', () => {
  it("the foreign key's index counts the programmes the users point at, as information_schema.STATISTICS does", { timeout: 120_000 }, () => {
    const [index, stats, distinct] = outputsOn(mysqlWipe, 'db-replica', [
      'mysql -e "SHOW INDEX FROM tunistocks.users"',
      "mysql -e \"SELECT INDEX_NAME, CARDINALITY FROM information_schema.STATISTICS WHERE TABLE_SCHEMA='tunistocks' AND TABLE_NAME='users' ORDER BY INDEX_NAME\"",
      'mysql -N -e "SELECT COUNT(DISTINCT programme_id), COUNT(*) FROM tunistocks.users"',
    ]);
    const [programmes, users] = cells(['| x |', ...distinct!])[0]!;
    const byKey = Object.fromEntries(cells(index!).map((r) => [r[2]!, r[6]!]));
    expect(byKey).toEqual({ PRIMARY: users, email: users, fk_users_programme: programmes });
    expect(Object.fromEntries(cells(stats!).map((r) => [r[0]!, r[1]!]))).toEqual(byKey);
  });
});

describe('mysqlbinlog --start-position inside an event', () => {
  it('in the open binary log the failed read is taken for its end: only the format description is printed', { timeout: 120_000 }, () => {
    const [out = []] = outputsOn(mysqlWipe, 'db-master', ['sudo mysqlbinlog --start-position=161000 /var/lib/mysql/mysql-bin.000214; echo rc=$?']);
    expect(out).not.toContain('# at 162012');
    expect(out).not.toContain('# at 162091');
    expect(out).toContain('# at 4');
    expect(out.slice(-2)).toEqual(['/*!50530 SET @@SESSION.PSEUDO_SLAVE_MODE=0*/;', 'rc=0']);
  });

  it('in a closed file it stops with the error, exit status 1', { timeout: 120_000 }, () => {
    const [, step] = stepsOn('db-master', ['mysql -e "FLUSH BINARY LOGS"', 'sudo mysqlbinlog --start-position=161000 /var/lib/mysql/mysql-bin.000214 > /tmp/out.sql; echo rc=$?']);
    expect(step!.output).toEqual(['ERROR: Could not read entry at offset 161000: Error in log format or read error 1.', 'rc=1']);
    expect(step!.notes.join('\n')).toContain('second ERROR line');
  });

  it('at an event boundary it starts there', { timeout: 120_000 }, () => {
    const [out = []] = outputsOn(mysqlWipe, 'db-master', ['sudo mysqlbinlog --start-position=162012 /var/lib/mysql/mysql-bin.000214']);
    expect(out).toContain('# at 162012');
    expect(out).not.toContain('# at 161981');
  });

  it('a position below 4 is raised to 4 with my_getopt\'s warning', { timeout: 120_000 }, () => {
    const [out = []] = outputsOn(mysqlWipe, 'db-master', ['sudo mysqlbinlog --start-position=2 /var/lib/mysql/mysql-bin.000214 | head -2']);
    expect(out[0]).toBe("mysqlbinlog: [Warning] option 'start-position': unsigned value 2 adjusted to 4.");
  });
});

describe('the replication repositories (master_info_repository=TABLE)', () => {
  it("the replica's mysql.slave_master_info and slave_relay_log_info say what SHOW SLAVE STATUS says", { timeout: 120_000 }, () => {
    // One statement after the other in one client: the SQL thread applies what falls due between steps.
    const [out = [], worker] = outputsOn(mysqlWipe, 'db-replica', ['mysql -e "SHOW SLAVE STATUS\\G SELECT * FROM mysql.slave_master_info\\G SELECT * FROM mysql.slave_relay_log_info\\G"', 'mysql -e "SELECT COUNT(*) FROM mysql.slave_worker_info"']);
    const starts = out.flatMap((l, i) => (l.startsWith('***') ? [i] : []));
    expect(starts).toHaveLength(3);
    const s = vertical(out.slice(starts[0], starts[1]));
    const m = vertical(out.slice(starts[1], starts[2]));
    const r = vertical(out.slice(starts[2]));
    expect(Object.keys(m)).toHaveLength(31);
    expect(m).toMatchObject({ Number_of_lines: '31', Master_log_name: s.Master_Log_File, Master_log_pos: s.Read_Master_Log_Pos, Host: s.Master_Host, User_name: s.Master_User, Port: s.Master_Port, Connect_retry: '60', Heartbeat: '30', Uuid: s.Master_UUID, Retry_count: '86400', Channel_name: '', Master_compression_algorithm: 'uncompressed', Master_zstd_compression_level: '3', Tls_ciphersuites: 'NULL' });
    expect(Object.keys(r)).toHaveLength(12);
    expect(r).toMatchObject({ Number_of_lines: '12', Relay_log_name: `./${s.Relay_Log_File}`, Relay_log_pos: s.Relay_Log_Pos, Master_log_name: s.Relay_Master_Log_File, Master_log_pos: s.Exec_Master_Log_Pos, Sql_delay: s.SQL_Delay, Number_of_workers: '0', Id: '1', Require_row_format: '0' });
    expect(cells(worker!)).toEqual([['0']]);
  });

  it('on the master the tables exist and are empty', { timeout: 120_000 }, () => {
    const [out] = outputsOn(mysqlWipe, 'db-master', ['mysql -N -e "SELECT (SELECT COUNT(*) FROM mysql.slave_master_info), (SELECT COUNT(*) FROM mysql.slave_relay_log_info), (SELECT COUNT(*) FROM mysql.slave_worker_info)"']);
    expect(cells(['| x |', ...(out ?? [])])).toEqual([['0', '0', '0']]);
  });
});

describe('START SLAVE UNTIL', () => {
  const UNTIL = "mysql -e \"START SLAVE SQL_THREAD UNTIL MASTER_LOG_FILE='mysql-bin.000214', MASTER_LOG_POS=162012; SHOW WARNINGS\"";

  it('with MASTER_DELAY=0 the SQL thread applies up to the position, then stops; the condition stays shown', { timeout: 120_000 }, () => {
    const [, , warnings, status, programmes] = outputsOn(mysqlWipe, 'db-replica', ['mysql -e "STOP SLAVE SQL_THREAD"', 'mysql -e "CHANGE MASTER TO MASTER_DELAY=0"', UNTIL, 'mysql -e "SHOW SLAVE STATUS\\G"', 'mysql -N -e "SELECT COUNT(*) FROM tunistocks.programmes"']);
    expect(cells(warnings!)).toEqual([['Note', '1278', "It is recommended to use --skip-slave-start when doing step-by-step replication with START SLAVE UNTIL; otherwise, you will get problems if you get an unexpected slave's mysqld restart"]]);
    expect(vertical(status!)).toMatchObject({ Slave_SQL_Running: 'No', Slave_IO_Running: 'Yes', Exec_Master_Log_Pos: '162012', Relay_Master_Log_File: 'mysql-bin.000214', Until_Condition: 'Master', Until_Log_File: 'mysql-bin.000214', Until_Log_Pos: '162012', SQL_Delay: '0' });
    // The DELETE of the programmes (162012…162582) was not applied.
    expect(cells(['| x |', ...programmes!])).toEqual([['2']]);
  });

  it('with the delay kept, the thread waits for MASTER_DELAY and is still running', { timeout: 120_000 }, () => {
    const [, , status] = outputsOn(mysqlWipe, 'db-replica', ['mysql -e "STOP SLAVE SQL_THREAD"', UNTIL, 'mysql -e "SHOW SLAVE STATUS\\G"']);
    expect(vertical(status!)).toMatchObject({ Slave_SQL_Running: 'Yes', Until_Condition: 'Master', Until_Log_Pos: '162012', Slave_SQL_Running_State: 'Waiting until MASTER_DELAY seconds after master executed event' });
  });

  it('a restart forgets the condition: both threads start without it', { timeout: 120_000 }, () => {
    const [, , , , status] = outputsOn(mysqlWipe, 'db-replica', ['mysql -e "STOP SLAVE SQL_THREAD"', 'mysql -e "CHANGE MASTER TO MASTER_DELAY=0"', UNTIL, 'sudo systemctl restart mysql', 'mysql -e "SHOW SLAVE STATUS\\G"']);
    expect(vertical(status!)).toMatchObject({ Slave_SQL_Running: 'Yes', Until_Condition: 'None', Until_Log_File: '', Until_Log_Pos: '0' });
  });

  it('a file without its position is ERROR 1277; a running SQL thread ignores UNTIL', { timeout: 120_000 }, () => {
    const [bad, running] = outputsOn(mysqlWipe, 'db-replica', ["mysql -e \"START SLAVE UNTIL MASTER_LOG_FILE='mysql-bin.000214'\"", "mysql -e \"START SLAVE UNTIL RELAY_LOG_FILE='db-replica-relay-bin.000002', RELAY_LOG_POS=4; SHOW WARNINGS\""]);
    expect(bad).toEqual(['ERROR 1277 (HY000) at line 1: Incorrect parameter or combination of parameters for START SLAVE UNTIL']);
    expect(cells(running!)).toEqual([['Note', '3083', "Replication thread(s) for channel '' are already runnning."]]);
  });
});

describe('SHOW VARIABLES: the catalogue a DBA greps', () => {
  it("'%expire%' is 8.0.19's three", { timeout: 120_000 }, () => {
    const [out] = outputsOn(mysqlWipe, 'db-master', ['mysql -e "SHOW VARIABLES LIKE \'%expire%\'"']);
    expect(cells(out!)).toEqual([['binlog_expire_logs_seconds', '2592000'], ['disconnect_on_expired_password', 'ON'], ['expire_logs_days', '0']]);
  });

  it("'%timeout%' is 8.0.19's twenty, the X plugin's among them", { timeout: 120_000 }, () => {
    const [out] = outputsOn(mysqlWipe, 'db-master', ['mysql -e "SHOW VARIABLES LIKE \'%timeout%\'"']);
    expect(cells(out!).map(([n]) => n)).toEqual([
      'connect_timeout', 'delayed_insert_timeout', 'have_statement_timeout', 'innodb_flush_log_at_timeout', 'innodb_lock_wait_timeout', 'innodb_rollback_on_timeout', 'interactive_timeout', 'lock_wait_timeout',
      'mysqlx_connect_timeout', 'mysqlx_idle_worker_thread_timeout', 'mysqlx_interactive_timeout', 'mysqlx_port_open_timeout', 'mysqlx_read_timeout', 'mysqlx_wait_timeout', 'mysqlx_write_timeout',
      'net_read_timeout', 'net_write_timeout', 'rpl_stop_slave_timeout', 'slave_net_timeout', 'wait_timeout',
    ]);
  });

  it('values follow the server: report_port is its port, read_only ON on the replica', { timeout: 120_000 }, () => {
    const [out] = outputsOn(mysqlWipe, 'db-replica', ['mysql -N -e "SELECT @@report_port, @@port, @@read_only, @@master_info_repository, @@sync_master_info"']);
    const [reportPort, port, ...rest] = cells(['| x |', ...out!])[0]!;
    expect(reportPort).toBe(port);
    expect(rest).toEqual(['1', 'TABLE', '10000']);
  });
});
