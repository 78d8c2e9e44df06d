/** The replica's error log has the replication lines MySQL 8.0.19 writes at verbosity 2, with SHOW SLAVE STATUS's positions. */
import { describe, expect, it } from 'vitest';
import { mysqlWipe, outputsOn } from '../scoring/support';

describe('db-replica: replication lines in /var/log/mysql/error.log', () => {
  it('logs CHANGE MASTER TO, and the I/O thread connecting at START SLAVE and at a restart, at Read_Master_Log_Pos', () => {
    const [, , log, status] = outputsOn(mysqlWipe, 'db-replica', [
      'sudo mysql -e "STOP SLAVE; CHANGE MASTER TO MASTER_DELAY=7200; START SLAVE"',
      'sudo systemctl restart mysql',
      'sudo cat /var/log/mysql/error.log',
      'sudo mysql -B -N -e "SHOW SLAVE STATUS" | cut -f6,7',
    ]);
    const [file, pos] = status!.find((l) => l.includes('mysql-bin.'))!.split('\t');
    const text = log!.join('\n');
    expect(text).toMatch(/\[System\] \[MY-010597\] \[Repl\] 'CHANGE MASTER TO FOR CHANNEL '' executed'\. Previous state master_host='db-master', master_port= 3306, master_log_file='mysql-bin\.\d{6}', master_log_pos= \d+, master_bind=''\. New state /);
    const connected = log!.filter((l) => l.includes('[MY-010562]'));
    expect(connected).toHaveLength(2);
    for (const line of connected) expect(line).toMatch(new RegExp(`\\[System\\] \\[MY-010562\\] \\[Repl\\] Slave I/O thread for channel '': connected to master 'repl@db-master:3306',replication started in log '${file}' at position ${pos}$`));
    expect(log!.filter((l) => l.includes('[Warning] [MY-010897] [Repl] Storing MySQL user name or password information in the master info repository is not secure'))).toHaveLength(2);
    // The SQL thread's and the exits' lines are [Note]s, not written at log_error_verbosity 2.
    expect(text).not.toMatch(/MY-010581|MY-010587|MY-010570/);
    const restart = log!.findIndex((l) => l.includes('[MY-011323]') && l.startsWith(connected[1]!.slice(0, 19)));
    expect(restart).toBeLessThan(log!.indexOf(connected[1]!));
  }, 120_000);
});
