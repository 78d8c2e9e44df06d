/**
 * The three ways back from the wiped master, scored on the data they really leave: a plain
 * dump of the delayed replica (restored, an hour of sign-ups lost), the dump plus the master's
 * binary log up to just before the DELETE (nothing lost), and the wrong direction (data gone).
 */
import { describe, expect, it } from 'vitest';
import { mysqlWipe, reason, score } from './support';
import { replayInputs, inputFromLine } from '../../../src/engine/replay';
import { countRows } from '../../../src/sim/mysql/probe';
import { simConfigOf } from '../../../src/engine/simConfig';

const diagnose = ['chat: Hi Sami, logged-in pages fail. Looking at the database.', 'curl -i https://tunistocks.tn/dashboard', 'ssh db-master', 'mysql -u intern -p tunistocks', 'SELECT COUNT(*) FROM users;', 'exit', 'cat ~/.mysql_history'];
const checkReplica = ['mysql -h db-replica -u intern -p tunistocks', 'STOP SLAVE SQL_THREAD;', 'SELECT COUNT(*) FROM users;', 'exit'];
const plain = ['mysqldump -h db-replica --single-transaction --dump-slave=2 tunistocks > /tmp/replica.sql', 'mysql tunistocks < /tmp/replica.sql'];

/** The binary log from where the replica's copy stops (the dump's own CHANGE MASTER comment says where) to just before the DELETE. */
function binlogFrom(lines: readonly string[]): string {
  const snapshot = replayInputs(mysqlWipe, [...lines, 'grep -m1 "CHANGE MASTER" /tmp/replica.sql'].map(inputFromLine));
  const said = snapshot.context.steps.at(-1)!.output.join('\n');
  const [, file, position] = /MASTER_LOG_FILE='([^']+)', MASTER_LOG_POS=(\d+)/.exec(said)!;
  return `sudo mysqlbinlog --start-position=${position} --stop-datetime="2020-05-04 08:35:01" /var/lib/mysql/${file} | mysql tunistocks`;
}
const verify = ['exit', 'browser login'];

function usersOn(lines: readonly string[], host: string): number | null {
  const snapshot = replayInputs(mysqlWipe, lines.map(inputFromLine));
  return countRows(simConfigOf(mysqlWipe), snapshot.context.world.sim, host, 'tunistocks', 'users');
}

describe('restoring the master', () => {
  it('from a plain dump of the replica: the site is back, the last hour of sign-ups is not, and the score says how many', () => {
    const lines = [...diagnose, ...checkReplica, ...plain, ...verify];
    const s = score(lines);
    expect(s.outcome).toBe('resolved');
    const replicaUsers = usersOn([...diagnose, ...checkReplica], 'db-replica')!;
    expect(usersOn(lines, 'db-master')).toBe(replicaUsers);
    expect(s.dataLoss?.missing).toBe(1281 - replicaUsers);
    expect(s.dataLoss!.missing).toBeGreaterThan(0);
    expect(reason(s, s.points.deductions.find((d) => d.category === 'data-loss')!)).toMatch(/did not come back.*mysqlbinlog/);
  });

  it('point in time (the dump, then the binary log up to just before the DELETE): nothing is lost and no points go for data', () => {
    const restored = [...diagnose, ...checkReplica, ...plain];
    const lines = [...restored, binlogFrom(restored), ...verify];
    const s = score(lines);
    expect(s.outcome).toBe('resolved');
    expect(usersOn(lines, 'db-master')).toBe(1281);
    expect(s.dataLoss).toMatchObject({ missing: 0, points: 0 });
    expect(s.points.byCategory['data-loss']).toBe(0);
    const plainScore = score([...diagnose, ...checkReplica, ...plain, ...verify]);
    expect(s.points.total).toBeGreaterThan(plainScore.points.total);
  });

  it('in the wrong direction (the empty master dumped into the replica): the last copy is gone and the run fails', () => {
    const lines = [...diagnose, 'mysqldump tunistocks > /tmp/master.sql', 'mysql -h db-replica tunistocks < /tmp/master.sql'];
    const s = score(lines);
    expect(usersOn(lines, 'db-replica')).toBe(0);
    expect(s.outcome).toBe('failed');
    expect(s.ending?.id).toBe('data-lost');
    expect(s.grade).toBe('F');
    expect(s.safety.violations.map((v) => v.rule)).toContain('restore-direction');
  });
});
