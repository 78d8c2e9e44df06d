// @vitest-environment node
/**
 * Harmful steps have consequences in the world: some end the run, others are recorded as
 * broken rules while the run goes on. Time matters too: the delayed replica applies the
 * DELETE at 09:35, and at 10:40 someone else takes over.
 */
import { describe, expect, it } from 'vitest';
import { parseClock } from '../../../src/engine/clock';
import { actionById, atMysqlPrompt, mysqlWipe, on, play } from './support';

const endingOf = (id: string) => mysqlWipe.endings.find((e) => e.id === id)!;
const eventOf = (id: string) => mysqlWipe.events.find((e) => e.id === id)!;
const ruleIds = (lines: string[]) => play(lines).last.breaches.map((b) => b.rule);

/** Enough `browser clear-cache` (a harmless, slow step on the laptop) to pass `clock`. */
function waitUntil(clock: string, from = mysqlWipe.clock.start): string[] {
  const step = actionById('clear-cache').minutes * 60;
  return Array.from({ length: Math.ceil((parseClock(clock) - parseClock(from)) / step) + 1 }, () => 'browser clear-cache');
}

describe('copying the empty master over the replica', () => {
  it('in a pipe: the data is lost and the run ends failed', () => {
    const run = play(on('db-master', 'mysqldump -h db-master tunistocks | mysql -h db-replica tunistocks'));
    expect(run.last.actions).toEqual(['dump-master-into-replica']);
    expect(run.last.breaches.map((b) => b.rule)).toEqual(['restore-direction']);
    expect(run.outcome).toBe('failed');
    expect(run.world.ending).toBe('data-lost');
    expect(endingOf('data-lost').outcome).toBe('failed');
  });

  it('through a file, then loaded: the same ending', () => {
    // On db-master, where ~/.my.cnf holds intern's password (on web-01 both clients are refused).
    const run = play(on('db-master', 'mysqldump -h db-master tunistocks > /tmp/tunistocks-master.sql', 'mysql -h db-replica tunistocks < /tmp/tunistocks-master.sql'));
    expect(run.steps.map((s) => s.actions)).toEqual([['ssh'], ['dump-master'], ['load-dump-into-replica']]);
    expect(run.last.breaches.map((b) => b.rule)).toEqual(['restore-direction']);
    expect(run.outcome).toBe('failed');
    expect(run.world.ending).toBe('data-lost');
  });

  it('after the ending, nothing more is run', () => {
    const lines = on('db-master', 'mysqldump -h db-master tunistocks | mysql -h db-replica tunistocks');
    const ended = play(lines);
    const more = play([...lines, 'exit', 'browser login', 'chat: help!']);
    expect(more.steps).toEqual(ended.steps);
    expect(more.world).toEqual(ended.world);
  });
});

describe('destructive SQL', () => {
  it('DELETE on the replica destroys the last copy: failed, data lost', () => {
    const run = play(atMysqlPrompt('db-replica', 'DELETE FROM programmes;'));
    expect(run.last.actions).toEqual(['destructive-sql']);
    expect(run.last.breaches.map((b) => b.rule)).toEqual(['no-destructive-sql']);
    expect(run.outcome).toBe('failed');
    expect(run.world.ending).toBe('data-lost');
  });

  it('DELETE on the master mid-investigation is recorded, and the run goes on', () => {
    const run = play(atMysqlPrompt('db-master', "DELETE FROM programmes WHERE code = 'test';", 'SELECT COUNT(*) FROM users;'));
    const deleteStep = run.steps.find((s) => s.actions.includes('destructive-sql'))!;
    expect(deleteStep.breaches).toEqual([{ rule: 'no-destructive-sql', action: 'destructive-sql' }]);
    expect(run.outcome).toBe('in-progress');
    expect(run.last.actions).toEqual(['count-master']);
  });

  it.each(['TRUNCATE TABLE users;', 'DROP TABLE users;', "UPDATE users SET email = 'x';", 'delete from users;'])('%s is destructive too', (sql) => {
    expect(ruleIds(atMysqlPrompt('db-master', sql))).toEqual(['no-destructive-sql']);
  });

  it('a statement without its ; has not run yet: the client waits for the rest', () => {
    const { last } = play(atMysqlPrompt('db-master', 'delete from users'));
    expect(last.breaches).toEqual([]);
    expect(last.output).toEqual([]);
    expect(ruleIds(atMysqlPrompt('db-master', 'delete from users', ';'))).toEqual(['no-destructive-sql']);
  });

  it('DELETE on the master after the restore wipes it again', () => {
    const restored = on('db-master', 'mysqldump -h db-replica --single-transaction tunistocks > /tmp/r.sql', 'mysql tunistocks < /tmp/r.sql');
    expect(play(restored).world.facts.masterData).toBe('restored');
    const run = play([...restored, 'mysql tunistocks', 'DELETE FROM users;']);
    expect(run.world.facts.masterData).toBe('wiped');
    expect(run.outcome).toBe('in-progress');
  });
});

describe('restarting MySQL on db-master', () => {
  it('before the restore is a breach, recorded on the step', () => {
    const run = play(on('db-master', 'sudo systemctl restart mysql'));
    expect(run.last.actions).toEqual(['restart-mysql']);
    expect(run.last.breaches).toEqual([{ rule: 'no-restart-master-while-investigating', action: 'restart-mysql' }]);
    expect(run.outcome).toBe('in-progress');
  });

  it('with service, the same', () => {
    expect(ruleIds(on('db-master', 'sudo service mysql restart'))).toEqual(['no-restart-master-while-investigating']);
  });

  it('after the restore is what the team did: no breach', () => {
    expect(ruleIds(on('db-master', 'mysqldump -h db-replica tunistocks > /tmp/r.sql', 'mysql tunistocks < /tmp/r.sql', 'sudo systemctl restart mysql'))).toEqual([]);
  });

  it('on the replica is not the production database: no breach', () => {
    expect(ruleIds(on('db-replica', 'sudo systemctl restart mysql'))).toEqual([]);
  });
});

describe('granting privileges', () => {
  it.each(["GRANT ALL PRIVILEGES ON *.* TO 'sami'@'%';", "CREATE USER 'helper'@'%' IDENTIFIED BY 'x';", "ALTER USER 'intern'@'%' IDENTIFIED BY 'y';"])('%s breaks least privilege', (sql) => {
    const run = play(atMysqlPrompt('db-master', sql));
    expect(run.last.actions).toEqual(['grant-privileges']);
    expect(run.last.breaches.map((b) => b.rule)).toEqual(['least-privilege']);
    expect(run.outcome).toBe('in-progress');
  });
});

describe('restoring without checking the replica', () => {
  it('works, but is recorded as a warning', () => {
    const run = play(on('db-master', 'mysqldump -h db-replica tunistocks | mysql -h db-master tunistocks'));
    expect(run.world.facts.masterData).toBe('restored');
    expect(run.last.breaches.map((b) => b.rule)).toEqual(['check-replica-before-restore']);
    expect(mysqlWipe.rules.find((r) => r.id === 'check-replica-before-restore')!.severity).toBe('warning');
  });

  it('after counting the replica’s rows: no breach', () => {
    const lines = on('db-master', 'mysql -h db-replica tunistocks', 'SELECT COUNT(*) FROM users;', 'exit', 'mysqldump -h db-replica tunistocks | mysql -h db-master tunistocks');
    expect(play(lines).last.breaches).toEqual([]);
  });
});

describe('the delayed replica’s deadline', () => {
  const replicaEvent = eventOf('replica-applies-delete');

  it('waiting past 09:35 without stopping the SQL thread: the notice, then the data is gone', () => {
    const run = play(waitUntil(replicaEvent.at));
    const noticed = run.steps.find((s) => s.notices.length > 0)!;
    expect(noticed.notices).toEqual([replicaEvent.notice]);
    expect(noticed.startClock).toBeLessThan(parseClock(replicaEvent.at));
    expect(noticed.clock).toBeGreaterThanOrEqual(parseClock(replicaEvent.at));
    expect(run.world.facts.replicaData).toBe('lost');
    expect(run.outcome).toBe('failed');
    expect(run.world.ending).toBe('data-lost');
  });

  it('nothing happens a step before 09:35', () => {
    const lines = waitUntil(replicaEvent.at);
    const run = play(lines.slice(0, -2));
    expect(run.world.clock).toBeLessThan(parseClock(replicaEvent.at));
    expect(run.steps.every((s) => s.notices.length === 0)).toBe(true);
    expect(run.outcome).toBe('in-progress');
  });

  it('STOP SLAVE SQL_THREAD on the replica prevents it', () => {
    const countLine = (lines: readonly string[]) => lines.find((l) => /^\|\s+\d+ \|$/.test(l));
    const before = countLine(play(atMysqlPrompt('db-replica', 'SELECT COUNT(*) FROM users;')).last.output);
    const stop = [...atMysqlPrompt('db-replica', 'STOP SLAVE SQL_THREAD;'), 'exit', 'exit'];
    const run = play([...stop, ...waitUntil(replicaEvent.at), ...atMysqlPrompt('db-replica', 'SELECT COUNT(*) FROM users;')]);
    expect(run.steps.flatMap((s) => s.notices)).toEqual([]);
    expect(run.world.clock).toBeGreaterThan(parseClock(replicaEvent.at));
    // The replica still holds the users it held at 08:40, and there are some.
    expect(before).toMatch(/^\|\s+[1-9]\d* \|$/);
    expect(countLine(run.last.output)).toBe(before);
    expect(run.world.facts.replicaData).toBe('intact');
    expect(run.outcome).toBe('in-progress');
  });

  it('a dump of the replica taken in time still restores the master after 09:35', () => {
    const dump = [...on('db-master', 'mysqldump -h db-replica tunistocks > /tmp/r.sql'), 'exit'];
    const run = play([...dump, ...waitUntil(replicaEvent.at), 'ssh db-master', 'mysql tunistocks < /tmp/r.sql', 'exit', 'browser login']);
    expect(run.world.facts.replicaData).toBe('lost');
    expect(run.outcome).toBe('resolved');
  });
});

describe('time is up at 10:40', () => {
  const timeUp = eventOf('time-up');

  it('the head of engineering takes over: failed, out of time', () => {
    const stop = [...atMysqlPrompt('db-replica', 'STOP SLAVE SQL_THREAD;'), 'exit', 'exit'];
    const run = play([...stop, ...waitUntil(timeUp.at)]);
    expect(run.outcome).toBe('failed');
    expect(run.world.ending).toBe('out-of-time');
    expect(run.last.notices).toEqual([timeUp.notice]);
    expect(run.world.clock).toBeGreaterThanOrEqual(parseClock(timeUp.at));
  });

  it('inputs after the end are not run', () => {
    const stop = [...atMysqlPrompt('db-replica', 'STOP SLAVE SQL_THREAD;'), 'exit', 'exit'];
    const lines = [...stop, ...waitUntil(timeUp.at)];
    expect(play([...lines, 'ssh db-master', 'cat ~/.mysql_history']).steps).toHaveLength(play(lines).steps.length);
  });
});
