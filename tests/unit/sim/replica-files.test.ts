/**
 * Replication files and binary logging as a real 8.0.19 server keeps them: what the client's
 * --init-command sets for the session (sql_log_bin=0) keeps its writes out of the binary log.
 */
import { describe, expect, it } from 'vitest';
import { typeMysql } from './mysql-fixture';

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
