/**
 * Replication files and binary logging as a real 8.0.19 server keeps them: what the client's
 * --init-command sets for the session (sql_log_bin=0) keeps its writes out of the binary log.
 */
import { describe, expect, it } from 'vitest';
import { typeMysql } from './mysql-fixture';
import { loadScenarioFile, outputsOn, scenarioFiles } from '../scoring/support';

const login = '-u ana -pana-secret';
const status = `mysql ${login} -B -N -e 'SHOW MASTER STATUS'`;

function position(output: readonly string[]): number {
  const line = output.find((l) => /^\S+\.\d{6}\t\d+/.test(l));
  return Number(line!.split('\t')[1]);
}

describe('sql_log_bin=0 through --init-command', () => {
  it('keeps the session\'s writes out of the binary log; without it they are logged', () => {
    const { steps } = typeMysql([
      'ssh shopdb-1',
      status,
      `mysql ${login} --init-command='SET SESSION sql_log_bin=0' -e 'CREATE DATABASE unlogged; SELECT @@sql_log_bin'`,
      status,
      `mysql ${login} -e 'CREATE DATABASE logged'`,
      status,
    ]);
    const [before, , afterUnlogged, , afterLogged] = steps.slice(1).map((s) => s.output);
    expect(steps[2]!.output.join('\n')).toMatch(/\b0\b/);
    expect(position(afterUnlogged!)).toBe(position(before!));
    expect(position(afterLogged!)).toBeGreaterThan(position(before!));
  }, 60_000);

  it('fails the connection with ERROR 1227 for an account without SUPER or SYSTEM_VARIABLES_ADMIN', () => {
    const { steps } = typeMysql(['ssh shopdb-1', "mysql -u reader -preader-pw --init-command='SET SESSION sql_log_bin=0' -e 'SELECT 1'"]);
    const out = steps[1]!.output.filter((l) => !l.includes('[Warning]'));
    expect(out).toEqual(['ERROR 1227 (42000): Access denied; you need (at least one of) the SUPER or SYSTEM_VARIABLES_ADMIN privilege(s) for this operation']);
  }, 60_000);
});

describe.each(scenarioFiles)('%s: binary log headers', (file) => {
  const scenario = loadScenarioFile(file);
  it('says "at startup" (and ROLLBACK) only for a file the server opened as it started, not one begun by rotation', () => {
    for (const [host, spec] of Object.entries(scenario.world.hosts)) {
      const mysql = spec.mysql;
      if (!mysql?.binlog) continue;
      const [status] = outputsOn(scenario, host, ["sudo mysql -B -N -e 'SHOW MASTER STATUS'"]);
      const current = status!.find((l) => /\.\d{6}\t/.test(l))!.split('\t')[0]!;
      const [head] = outputsOn(scenario, host, [`sudo mysqlbinlog /var/lib/mysql/${current} | head -25`]);
      const start = head!.find((l) => l.includes('\tStart: binlog v 4'));
      expect(start, `${host} ${current}`).toBeDefined();
      const atStartup = mysql.binlog.startedAt === mysql.startedAt;
      expect(start!.endsWith(' at startup'), `${host}: ${start}`).toBe(atStartup);
      expect(head!.includes('ROLLBACK/*!*/;'), host).toBe(atStartup);
    }
  }, 120_000);
});

describe.each(scenarioFiles)('%s: binary log file times', (file) => {
  const scenario = loadScenarioFile(file);
  it("gives the current binary log file the time of its last event as mtime (its last write), not the drill's start", () => {
    for (const [host, spec] of Object.entries(scenario.world.hosts)) {
      if (!spec.mysql) continue;
      const [status] = outputsOn(scenario, host, ["sudo mysql -B -N -e 'SHOW MASTER STATUS'"]);
      const current = status!.find((l) => /\.\d{6}\t/.test(l))?.split('\t')[0];
      if (!current) continue;
      const [ls, events] = outputsOn(scenario, host, [`sudo ls -l /var/lib/mysql/${current}`, `sudo mysqlbinlog /var/lib/mysql/${current} | grep '^#[0-9]'`]);
      const lastEvent = /^#\d{6} +(\d+):(\d\d):\d\d /.exec(events![events!.length - 1]!)!;
      const hhmm = `${lastEvent[1]!.padStart(2, '0')}:${lastEvent[2]}`;
      expect(ls![0], `${host}: last event at ${hhmm}`).toMatch(new RegExp(` ${hhmm} /var/lib/mysql/`));
    }
  }, 120_000);
});

describe('a binary log file written during the drill', () => {
  it('takes the time of the write as its mtime', () => {
    const { steps } = typeMysql(['ssh shopdb-1', '@14:20', `mysql ${login} -e 'CREATE DATABASE later'`, '@14:31', 'sudo ls -l /var/lib/mysql/binlog.000017']);
    expect(steps[2]!.output[0]).toMatch(/ 14:20 \/var\/lib\/mysql\/binlog\.000017$/);
  }, 60_000);
});

function field(status: readonly string[], name: string): string {
  const line = status.find((l) => l.trim().startsWith(`${name}:`));
  return line!.trim().slice(name.length + 1).trim();
}

/** `ls -l` lines of the relay files in the datadir: name → [size, HH:MM]. */
function relayFiles(ls: readonly string[]): Map<string, [number, string]> {
  const out = new Map<string, [number, string]>();
  for (const l of ls) {
    const m = /^\S+ +\d+ +\S+ +\S+ +(\d+) +\w+ +\d+ +(\d\d:\d\d) +(\S*relay-bin\.\d{6})$/.exec(l);
    if (m) out.set(m[3]!, [Number(m[1]), m[2]!]);
  }
  return out;
}

describe.each(scenarioFiles)('%s: relay log files', (file) => {
  const scenario = loadScenarioFile(file);
  it('are what SHOW SLAVE STATUS reads: Relay_Log_Space the sum of the files, the current one past Relay_Log_Pos, the index listing exactly them, the mtime the last event read', () => {
    for (const [host, spec] of Object.entries(scenario.world.hosts)) {
      const source = spec.mysql?.replicaOf?.host;
      if (!source) continue;
      const [status] = outputsOn(scenario, host, ["sudo mysql -e 'SHOW SLAVE STATUS\\G'"]);
      const indexFile = field(status!, 'Relay_Log_File').replace(/\.\d{6}$/, '.index');
      const [ls, index] = outputsOn(scenario, host, ['sudo ls -l /var/lib/mysql', `sudo cat /var/lib/mysql/${indexFile}`]);
      const files = relayFiles(ls!);
      expect([...files.keys()].map((f) => `./${f}`), host).toEqual(index!.filter((l) => l !== ''));
      expect([...files.values()].reduce((n, [size]) => n + size, 0), host).toBe(Number(field(status!, 'Relay_Log_Space')));
      const current = files.get(field(status!, 'Relay_Log_File'))!;
      expect(current[0]).toBeGreaterThanOrEqual(Number(field(status!, 'Relay_Log_Pos')));
      const masterFile = field(status!, 'Master_Log_File');
      const [events] = outputsOn(scenario, source, [`sudo mysqlbinlog --stop-position=${field(status!, 'Read_Master_Log_Pos')} /var/lib/mysql/${masterFile} | grep '^#[0-9]'`]);
      const last = /^#\d{6} +(\d+):(\d\d):/.exec(events![events!.length - 1]!)!;
      expect(current[1], host).toBe(`${last[1]!.padStart(2, '0')}:${last[2]}`);
    }
  }, 120_000);
});

describe('the relay log during the drill', () => {
  it('grows by what the master writes, at once, with the write time as mtime, though the SQL thread waits', () => {
    const { steps } = typeMysql(['ssh shopdb-2', 'sudo ls -l /var/lib/mysql', '@14:20', `mysql ${login} -h shopdb-1 -e 'CREATE DATABASE later'`, '@14:31', 'sudo ls -l /var/lib/mysql', "sudo mysql -e 'SHOW SLAVE STATUS\\G'"]);
    const before = relayFiles(steps[1]!.output);
    const after = relayFiles(steps[3]!.output);
    const name = [...after.keys()][0]!;
    expect(after.get(name)![0]).toBeGreaterThan(before.get(name)![0]);
    expect(after.get(name)![1]).toBe('14:20');
    expect(Number(field(steps[4]!.output, 'Relay_Log_Space'))).toBe(after.get(name)![0]);
  }, 60_000);
});
