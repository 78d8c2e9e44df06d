// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { replayInputs } from '../../../src/engine/replay';
import { replayForScoring } from '../../../src/scoring/replay';
import { comparable } from '../engine/support';
import { dataLossPath, expertPath, inputs, mysqlWipe, neverEscalatesPath, redHerringPath, lessonText, reason, score, seedPath, straightPath, words } from './support';

describe('the seed path (what the team did on the day)', () => {
  const s = score(seedPath);

  it('matches every real event, in order, with zero time differences', () => {
    expect(s.alignment.events.map((e) => e.eventId)).toEqual(['ping', 'clear-cache', 'restart-nginx', 'check-ports', 'escalate', 'curl', 'no-data', 'history', 'restore', 'verify']);
    for (const event of s.alignment.events) {
      expect(event.status, event.eventId).toBe('matched');
      expect(event.deltaMinutes, event.eventId).toBe(0);
    }
  });

  it('takes exactly the real times to root cause, mitigation and verified recovery', () => {
    expect(s.timeToRootCause).toMatchObject({ seconds: 600, realSeconds: 600, deltaMinutes: 0, eventId: 'history' });
    expect(s.timeToMitigation).toMatchObject({ seconds: 720, realSeconds: 720, deltaMinutes: 0, eventId: 'restore' });
    expect(s.timeToVerifiedRecovery).toMatchObject({ seconds: 900, realSeconds: 900, deltaMinutes: 0, eventId: 'verify' });
    expect(words(s).milestone(s.timeToRootCause)).toContain('exactly when the team did');
    expect(s.userImpact).toMatchObject({ minutes: 20, realMinutes: 20, deltaMinutes: 0, ongoing: false });
    expect(s.communication).toMatchObject({ told: true, deltaMinutes: 0 });
  });

  it('says so in its headline, and still loses points for its red herrings, the unprotected and unchecked replica and the sign-ups the replica never had', () => {
    expect(s.outcome).toBe('resolved');
    expect(words(s).headline).toBe('You restored at 08:52, exactly when the team did.');
    expect(s.redHerrings.steps.map((r) => r.eventId)).toEqual(['ping', 'ping', 'clear-cache', 'restart-nginx', 'check-ports']);
    expect(s.redHerrings.minutes).toBeCloseTo(4.75);
    expect(s.safety.violations.map((v) => [v.rule, v.severity])).toEqual([['check-replica-before-restore', 'warning']]);
    // The replica's dump at 08:50 holds the master as of 07:50: the 6 accounts made after that are lost.
    expect(s.points.byCategory).toMatchObject({ 'red-herrings': 15, 'critical-steps': 12, safety: 4, 'data-loss': 6, 'root-cause': 0, mitigation: 0, recovery: 0, communication: 0, outcome: 0 });
    expect(s.criticalSteps.map((c) => [c.id, c.done])).toEqual([['protect-replica', false]]);
    expect(s.points.total).toBe(63);
    expect(s.grade).toBe('D');
  });

  it('lists the steps that match no real event as extras, with a reason each', () => {
    expect(s.alignment.extras.map((x) => x.input)).toEqual([
      'ssh web-01',
      'exit',
      'ssh web-01',
      'tail -n 20 /var/log/tunistocks/app.log',
      'exit',
      'curl -I https://tunistocks.tn/',
      'ssh db-master',
      'mysql -u intern -p tunistocks',
      'exit',
      'mysqldump -h db-replica --single-transaction tunistocks > /tmp/tunistocks-replica.sql',
      'sudo systemctl restart mysql',
      'exit',
    ]);
    for (const extra of s.alignment.extras) expect(words(s).extra(extra.why, s.alignment.steps[extra.stepIndex]!)).toMatch(/\S/);
  });

  it('gives every deduction a reason', () => {
    const sum = s.points.deductions.reduce((total, d) => total + d.points, 0);
    expect(s.points.total).toBe(s.points.max - sum);
    for (const d of s.points.deductions) {
      expect(d.points).toBeGreaterThan(0);
      expect(reason(s, d).length).toBeGreaterThan(20);
    }
  });
});

describe('the straight path (curl, count, history, restore, verify)', () => {
  const s = score(straightPath);
  const seed = score(seedPath);

  it('finds the root cause 7½ minutes earlier than the team and restores 7½ minutes earlier', () => {
    expect(s.timeToRootCause.deltaMinutes).toBe(-7.5);
    expect(s.timeToMitigation.deltaMinutes).toBe(-7.5);
    expect(s.timeToVerifiedRecovery.deltaMinutes).toBe(-8);
    expect(words(s).headline).toBe('You found the root cause at 08:42:30, 7 min 30 s before the team, and restored at 08:44:30, 7 min 30 s before the team.');
  });

  it('beats the seed path, even without a word to Sami', () => {
    expect(s.communication.told).toBe(false);
    expect(s.points.total).toBeGreaterThan(seed.points.total);
  });

  it('skips the red herrings of the day (missed) and matches the rest in order', () => {
    const status = Object.fromEntries(s.alignment.events.map((e) => [e.eventId, e.status]));
    expect(status).toMatchObject({ ping: 'missed', 'clear-cache': 'missed', 'restart-nginx': 'missed', 'check-ports': 'missed', escalate: 'missed' });
    expect(status).toMatchObject({ curl: 'matched', 'no-data': 'matched', history: 'matched', restore: 'matched', verify: 'matched' });
  });

  it('with a message to Sami first: C, for the replica it never protected nor checked and the sign-ups it never had', () => {
    const expert = score(expertPath);
    expect(expert.grade).toBe('C');
    expect(expert.points.total).toBe(77);
    expect(expert.points.deductions.map((d) => [d.category, d.points])).toEqual([
      ['critical-steps', 12],
      ['safety', 4],
      ['data-loss', 7],
    ]);
    expect(reason(expert, expert.points.deductions[2]!)).toContain('mysqlbinlog --stop-datetime');
    expect(words(expert).communication).toBe('You first told Sami at 08:40:40, 5 min 20 s before the team (08:46).');
  });

  it('replaying the binary log up to just before the DELETE after the restore brings them back: B (the replica was still never protected)', () => {
    const restore = expertPath.indexOf('mysqldump -h db-replica --single-transaction tunistocks | mysql -h db-master tunistocks');
    const replay = 'sudo mysqlbinlog --start-datetime="2020-05-04 07:40:00" --stop-datetime="2020-05-04 08:35:01" /var/lib/mysql/mysql-bin.000214 | mysql --force tunistocks';
    const expert = score([...expertPath.slice(0, restore + 1), replay, ...expertPath.slice(restore + 1)]);
    expect(expert.points.byCategory['data-loss'] ?? 0).toBe(0);
    expect(expert.points.total).toBe(84);
    expect(expert.grade).toBe('B');
  });
});

describe('the data-loss path', () => {
  const s = score(dataLossPath);

  it('fails with data lost: grade F and 0 points, however quick it was', () => {
    expect(s.outcome).toBe('failed');
    expect(s.ending).toMatchObject({ id: 'data-lost', outcome: 'failed' });
    expect(s.timeToRootCause.deltaMinutes).toBeCloseTo(-6 - 50 / 60);
    expect(s.grade).toBe('F');
    expect(s.points.total).toBe(0);
    expect(words(s).grade).toContain('whatever its speed');
    expect(words(s).headline).toBe('The data is gone: the run failed at 08:45:10.');
  });

  it('names the critical rule broken and why it is dangerous', () => {
    expect(s.safety.violations).toHaveLength(1);
    expect(s.safety.violations[0]).toMatchObject({ rule: 'restore-direction', severity: 'critical', action: 'dump-master-into-replica' });
    expect(s.safety.violations[0]!.why).toContain('overwrites the last good copy');
    expect(s.timeToMitigation.at).toBeNull();
    expect(words(s).milestone(s.timeToMitigation)).toContain('not before the run failed at 08:45:10');
  });
});

describe('the path that never escalates', () => {
  const s = score(neverEscalatesPath);

  it('resolves carefully but loses the communication points', () => {
    expect(s.outcome).toBe('resolved');
    expect(s.safety.violations).toEqual([]);
    expect(s.communication).toMatchObject({ told: false, at: null, stepIndex: null });
    expect(words(s).communication).toBe('You never told Sami. On the day, the intern told the back-end developer at 08:46.');
    expect(s.points.deductions).toEqual([expect.objectContaining({ category: 'communication', points: 12 }), expect.objectContaining({ category: 'data-loss', points: 7 })]);
  });

  it('scores less than the same path with a message to Sami', () => {
    const told = score(['chat: Sami, logged-in pages fail, I am on it.', ...neverEscalatesPath]);
    expect(told.points.total).toBeGreaterThan(s.points.total);
  });

  it('ties the lessons to what was done: the replica was checked, nobody was told', () => {
    const lesson = (id: string) => lessonText(s, id);
    expect(lesson('backups-and-replica')).toMatch(/In your run: “Count the rows in a table on the replica” at 08:/);
    expect(lesson('communication')).toContain('You never told Sami');
    expect(lesson('ask-early')).toContain('never told Sami');
  });
});

describe('the red-herring-heavy path', () => {
  const s = score(redHerringPath);

  it('counts every red herring step with the minutes it cost, the repeats too', () => {
    expect(s.redHerrings.steps.map((r) => r.input)).toEqual([
      'ping -c 4 8.8.8.8',
      'ping -c 4 157.240.195.35',
      'browser clear-cache',
      'sudo systemctl restart nginx',
      'sudo ss -tlnp',
      'nmap -p 80,443 tunistocks.tn web-01 web-02',
      'nc -zv web-01 443',
      'browser clear-cache',
      'ping -c 4 8.8.8.8',
    ]);
    expect(s.redHerrings.minutes).toBeCloseTo(0.5 + 0.5 + 2 + 0.75 + 0.25 + 1 + 0.25 + 2 + 0.5);
    expect(s.alignment.steps.filter((st) => st.role === 'repeat').map((st) => st.input)).toContain('browser clear-cache');
  });

  it('caps the red-herring deduction and is later than the team everywhere', () => {
    expect(s.points.byCategory['red-herrings']).toBe(15);
    expect(s.timeToRootCause.deltaMinutes).toBeGreaterThan(0);
    expect(words(s).headline).toMatch(/^You found the root cause at .*, .* after the team, and restored at .*, .* after the team\.$/);
    expect(s.points.total).toBeLessThan(score(seedPath).points.total);
  });

  it('tells the ask-early lesson how much time went before Sami heard', () => {
    const note = lessonText(s, 'ask-early');
    expect(note).toContain('You spent 7 min 45 s on 9 steps that could not explain the symptom, 9 of them before you first told Sami.');
  });
});

describe('unfinished runs', () => {
  it('score an empty run: nothing done yet, every time null and explained', () => {
    const s = score([]);
    expect(s.outcome).toBe('in-progress');
    expect(s.steps).toBe(0);
    for (const m of [s.timeToRootCause, s.timeToMitigation, s.timeToVerifiedRecovery]) {
      expect(m.at).toBeNull();
      expect(m.seconds).toBeNull();
      expect(m.deltaMinutes).toBeNull();
      expect(words(s).milestone(m)).toContain('not yet: the run stopped at 08:40');
    }
    expect(s.userImpact).toMatchObject({ ongoing: true, minutes: 5 });
    expect(s.points.deductions.map((d) => d.category)).toEqual(['root-cause', 'mitigation', 'recovery', 'communication', 'outcome']);
    expect(s.criticalSteps[0]).toMatchObject({ done: false, points: 0 });
    expect(words(s).criticalStep(s.criticalSteps[0]!)).toContain('not yet');
    expect(words(s).headline).toBe('The run stopped at 08:40, before the root cause was found (the team found it at 08:50).');
  });

  it('say when the root cause was found though the site is still down', () => {
    const s = score(straightPath.slice(0, 6));
    expect(s.outcome).toBe('in-progress');
    expect(words(s).headline).toBe('You found the root cause at 08:42:30, 7 min 30 s before the team, but the site was still down when the run stopped at 08:42:30.');
    expect(s.points.byCategory.outcome).toBe(10);
  });
});

describe('matching rules', () => {
  it('counts a restore only when it puts the data back (loading a dump that was never made is an attempt)', () => {
    const s = score(['ssh db-master', 'mysql tunistocks < /tmp/tunistocks-replica.sql', 'mysqldump -h db-replica --single-transaction tunistocks > /tmp/tunistocks-replica.sql', 'mysql tunistocks < /tmp/tunistocks-replica.sql']);
    expect(s.alignment.steps.map((st) => st.role)).toEqual(['extra', 'attempt', 'extra', 'matched']);
    expect(s.timeToMitigation.stepIndex).toBe(3);
  });

  it('flags an event done ahead of its turn as out of order', () => {
    const s = score(['ssh db-master', 'cat ~/.mysql_history', 'mysql -u intern -p tunistocks', 'SELECT COUNT(*) FROM users;']);
    const status = Object.fromEntries(s.alignment.events.map((e) => [e.eventId, e.status]));
    expect(status).toMatchObject({ 'no-data': 'matched', history: 'out-of-order' });
  });

  it('does not count a row count that finds data (a table the DELETE did not touch) as finding no data', () => {
    const s = score(['ssh db-master', 'mysql -u intern -p tunistocks', 'SELECT COUNT(*) FROM stocks;']);
    expect(s.alignment.events.find((e) => e.eventId === 'no-data')!.status).toBe('missed');
  });

  it('ignores inputs after the end of the run, as the app does', () => {
    const s = score([...dataLossPath, 'ls', 'browser login']);
    expect(s.steps).toBe(dataLossPath.length);
    expect(s.ignoredInputs).toBe(2);
  });
});

describe('safety', () => {
  it('caps the grade at C once a critical rule is broken, however good the rest', () => {
    const s = score([
      'chat: Sami, logged-in pages fail. Looking at the database.',
      'curl -i https://tunistocks.tn/dashboard',
      'ssh db-master',
      'mysql -u intern -p tunistocks',
      'SELECT COUNT(*) FROM users;',
      "DELETE FROM programmes WHERE code = 'test';",
      'exit',
      'cat ~/.mysql_history',
      'exit',
      'ssh db-replica',
      'mysql -u intern -p tunistocks',
      'SELECT COUNT(*) FROM users;',
      'STOP SLAVE SQL_THREAD;',
      'exit',
      'exit',
      'ssh db-master',
      'mysqldump -h db-replica --single-transaction tunistocks | mysql -h db-master tunistocks',
      // The sign-ups of the last hour too, so that only the broken rule stands between this run and a B.
      'sudo mysqlbinlog --start-datetime="2020-05-04 07:40:00" --stop-datetime="2020-05-04 08:35:01" /var/lib/mysql/mysql-bin.000214 | mysql --force tunistocks',
      'exit',
      'browser login',
    ]);
    expect(s.outcome).toBe('resolved');
    expect(s.points.byCategory['data-loss'] ?? 0).toBe(0);
    expect(s.points.total).toBe(80);
    expect(s.grade).toBe('C');
    expect(words(s).grade).toContain('critical safety rule');
    expect(lessonText(s, 'least-privilege')).toContain('you broke “Never run statements that delete or change data while investigating”');
  });

  it('tells the least-privilege lesson about a GRANT', () => {
    const s = score(['ssh db-master', 'mysql -u intern -p tunistocks', "GRANT ALL PRIVILEGES ON *.* TO 'sami'@'%';"]);
    expect(s.safety.violations.map((v) => v.rule)).toEqual(['least-privilege']);
    expect(words(s).lessonNote(s.lessons.find((l) => l.id === 'least-privilege')!.inThisRun[0]!)).toBe(
      "At 08:40:45 you broke “Least privilege: don't hand out more access”: “GRANT ALL PRIVILEGES ON *.* TO 'sami'@'%';”.",
    );
  });
});

describe('the replay behind the score', () => {
  it('gives the same world after each step as the drill machine', () => {
    const run = inputs(seedPath);
    const replay = replayForScoring(mysqlWipe, run);
    for (const i of [0, 7, 11, 13, 15, 18]) {
      expect(comparable(replay.worldAfter(i))).toEqual(comparable(replayInputs(mysqlWipe, run.slice(0, i + 1)).context.world));
    }
  });
});
