/**
 * Issue 8: the score sees the critical step (protect the last good copy), and its breakdown adds
 * up: every rule broken is listed once, every point taken is listed, and the total is what is left.
 */
import { describe, expect, it } from 'vitest';
import { DEDUCTION_CATEGORIES, type Score } from '../../../src/scoring/score';
import { carefulPath, dataLossPath, expertPath, harmfulPath, neverEscalatesPath, redHerringPath, lessonText, reason, score, seedPath, straightPath, unprotectedPath, words } from './support';

const lesson = lessonText;
const protect = (s: Score) => s.criticalSteps.find((c) => c.id === 'protect-replica')!;

describe('the critical step: protect the last good copy before restoring', () => {
  it('a careful run that freezes the replica first keeps its points and an A', () => {
    const s = score(carefulPath);
    expect(s.outcome).toBe('resolved');
    expect(protect(s)).toMatchObject({ done: true, late: false, points: 0 });
    expect(s.points.byCategory['critical-steps']).toBe(0);
    expect(s.grade).toBe('A');
  });

  it('a run that restores straight from the replica without protecting it scores clearly below the careful one', () => {
    const careful = score(carefulPath);
    const unprotected = score(unprotectedPath);
    expect(unprotected.outcome).toBe('resolved');
    expect(protect(unprotected)).toMatchObject({ done: false, late: false, points: 12 });
    expect(unprotected.points.byCategory['critical-steps']).toBe(12);
    expect(careful.points.total - unprotected.points.total).toBeGreaterThanOrEqual(12);
    expect(unprotected.grade).not.toBe('A');
    const deduction = unprotected.points.deductions.find((d) => d.category === 'critical-steps')!;
    expect(reason(unprotected, deduction)).toMatch(/^Protect the last good copy before restoring from it: not done before “mysqldump -h db-replica/);
    expect(reason(unprotected, deduction)).toContain('STOP SLAVE SQL_THREAD');
    expect(lesson(unprotected, 'backups-and-replica')).toMatch(/^Missed: Protect the last good copy/);
  });

  it('confirming how long the delay leaves (SHOW SLAVE STATUS on the replica) is enough', () => {
    const path = [...straightPath];
    const restore = path.findIndex((l) => l.startsWith('mysqldump'));
    path.splice(restore, 0, 'exit', 'ssh db-replica', 'mysql -u intern -p tunistocks', 'SHOW SLAVE STATUS\\G', 'exit', 'exit', 'ssh db-master');
    const s = score(path);
    expect(protect(s)).toMatchObject({ done: true, points: 0 });
  });

  it('stopping the replica only after the restore is late, and costs the same as never', () => {
    const path = [...straightPath.slice(0, -1), 'exit', 'ssh db-replica', 'mysql -u intern -p tunistocks', 'STOP SLAVE SQL_THREAD;', 'exit', 'exit', 'browser login'];
    const s = score(path);
    expect(protect(s)).toMatchObject({ done: false, late: true, points: 12 });
    expect(words(s).criticalStep(protect(s))).toMatch(/only at 08:\d\d(:\d\d)?, after “mysqldump/);
  });

  it('the lesson names what was done and what was missing', () => {
    const text = lesson(score(carefulPath), 'backups-and-replica');
    expect(text).toContain('You did what had to come first');
    expect(text).toMatch(/In your run: “Count the rows in a table on the replica” at 08:\d\d.*“Stop the replica's SQL thread/);
    expect(text).toContain('Not in your run: “Check the replica\'s replication status”');
  });
});

describe('the breakdown adds up', () => {
  const runs = { seedPath, straightPath, expertPath, carefulPath, unprotectedPath, harmfulPath, dataLossPath, neverEscalatesPath, redHerringPath };

  it.each(Object.entries(runs))('%s: the deductions listed add up to the points lost, per category too', (_, path) => {
    const s = score(path);
    const sum = s.points.deductions.reduce((n, d) => n + d.points, 0);
    expect(s.points.taken).toBe(sum);
    if (s.points.total > 0) expect(sum).toBe(s.points.max - s.points.total);
    else expect(sum).toBeGreaterThanOrEqual(s.points.max);
    for (const category of DEDUCTION_CATEGORIES) {
      expect(s.points.byCategory[category]).toBe(s.points.deductions.filter((d) => d.category === category).reduce((n, d) => n + d.points, 0));
    }
    // Every rule broken has its line in the breakdown, once, even when the safety cap leaves it nothing to take.
    const safetyLines = s.points.deductions.filter((d) => d.category === 'safety');
    expect(safetyLines).toHaveLength(s.safety.violations.length);
    expect(new Set(s.safety.violations.map((v) => v.rule)).size).toBe(s.safety.violations.length);
    expect(s.safety.points).toBe(s.points.byCategory.safety);
  });

  it('the harmful run: four rules, each once; the copy that ended the run is listed though the cap was spent', () => {
    const s = score(harmfulPath);
    expect(s.outcome).toBe('failed');
    expect(s.points.total).toBe(0);
    expect(s.safety.violations.map((v) => v.rule)).toEqual(['no-restart-master-while-investigating', 'no-destructive-sql', 'least-privilege', 'restore-direction']);
    expect(words(s).safety).toMatch(/^You broke 4 rules of careful practice \(worst: critical\), costing 40 points \(safety costs at most 40\)/);
    const last = s.points.deductions.filter((d) => d.category === 'safety').at(-1)!;
    expect(last.points).toBe(0);
    expect(reason(s, last)).toMatch(/mysqldump -h db-master tunistocks \| mysql -h db-replica tunistocks.*Safety costs at most 40: none were left\./);
    const outcome = s.points.deductions.find((d) => d.category === 'outcome')!;
    expect(reason(s, outcome)).toMatch(/a failed run scores 0/);
  });

  it('a rule broken twice is listed once, with the second time named', () => {
    const s = score(['ssh db-master', 'mysql -u intern -p tunistocks', "DELETE FROM programmes WHERE code='test';", "DELETE FROM users WHERE id=5;"]);
    expect(s.safety.violations).toHaveLength(1);
    expect(s.safety.violations[0]!.again).toHaveLength(1);
    expect(s.points.byCategory.safety).toBe(20);
    expect(reason(s, s.points.deductions.find((d) => d.category === 'safety')!)).toMatch(/Again at 08:\d\d(:\d\d)? \(counted once\)\./);
  });

  it('a failed run that had points left says where the rest went', () => {
    const s = score(dataLossPath);
    expect(s.outcome).toBe('failed');
    const outcome = s.points.deductions.find((d) => d.category === 'outcome')!;
    const before = s.points.deductions.filter((d) => d.category !== 'outcome').reduce((n, d) => n + d.points, 0);
    expect(reason(s, outcome)).toContain(`The deductions above took ${before}; this takes the other ${100 - before}.`);
  });

  it('after a MySQL restart and a DELETE, the lesson does not claim every step went after the symptom', () => {
    const s = score(harmfulPath);
    expect(lesson(s, 'ask-early')).not.toMatch(/every step went after the symptom/);
  });
});
