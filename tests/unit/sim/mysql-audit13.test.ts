/**
 * Session 13's audit of the binary logs: the variables a DBA reads beside them (MySQL 8.0.19's
 * defaults, "Server System Variables" and "Replication and Binary Logging Options and Variables"),
 * and the files (SHOW BINARY LOGS = ls -l = mysqlbinlog's last end_log_pos, the index listing them).
 */
import { describe, expect, it } from 'vitest';
import { typeMysql } from './mysql-fixture';

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
