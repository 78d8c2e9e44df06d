/**
 * SHOW VARIABLES LIKE returns every matching variable MySQL 8.0.19 has, with its default
 * (MySQL 8.0 Reference Manual, "Server System Variables" and "Replication and Binary Logging
 * Options and Variables"), not a sample of them.
 */
import { describe, expect, it } from 'vitest';
import { typeMysql } from './mysql-fixture';

const LOGIN = ['ssh shopdb-1', 'mysql -u ana -p shop'];

function variables(pattern: string): string[] {
  const { steps } = typeMysql([...LOGIN, `SHOW VARIABLES LIKE '${pattern}';`]);
  return steps.at(-1)!.output.filter((l) => l.startsWith('| ') && !l.startsWith('| Variable_name')).map((l) => l.split('|')[1]!.trim());
}

describe('SHOW VARIABLES LIKE covers the prefixes people ask for', () => {
  it('log_bin% is the five log_bin variables', () => {
    expect(variables('log_bin%')).toEqual(['log_bin', 'log_bin_basename', 'log_bin_index', 'log_bin_trust_function_creators', 'log_bin_use_v1_row_events']);
  });

  it('%relay% lists the relay log\'s variables', () => {
    expect(variables('%relay%')).toEqual(['max_relay_log_size', 'relay_log', 'relay_log_basename', 'relay_log_index', 'relay_log_info_file', 'relay_log_info_repository', 'relay_log_purge', 'relay_log_recovery', 'relay_log_space_limit', 'sync_relay_log', 'sync_relay_log_info']);
  });

  it('binlog% includes the group commit and dependency tracking variables', () => {
    const names = variables('binlog%');
    for (const n of ['binlog_cache_size', 'binlog_checksum', 'binlog_error_action', 'binlog_format', 'binlog_order_commits', 'binlog_row_image', 'binlog_row_metadata', 'binlog_transaction_dependency_tracking']) expect(names).toContain(n);
    expect(names).not.toContain('binlog_transaction_compression'); // 8.0.20
  });
});
