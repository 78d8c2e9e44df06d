// @vitest-environment node
/** The debrief's model, without React: what rows, columns and cells it shows, and in whose words. */
import { describe, expect, it } from 'vitest';
import { scoreRun } from '../../../src/scoring/score';
import { mentorWords } from '../../../src/scoring/words/mentor';
import { traineeWords } from '../../../src/scoring/words/trainee';
import { debriefModel } from '../../../src/ui/debrief/model';
import { expertPath, inputs, mysqlWipe, seedPath } from '../scoring/support';

const expert = scoreRun(mysqlWipe, inputs(expertPath));
const seed = scoreRun(mysqlWipe, inputs(seedPath));

describe('the debrief model', () => {
  it('has one row per step and per missed event, in clock order, with the day beside each step that completes an event', () => {
    const m = debriefModel(expert, mysqlWipe, traineeWords(expert, mysqlWipe));
    expect(m.table.columns).toEqual(['Step', 'Your time', 'Your step', 'On the day', 'What happened on the day', 'Difference', 'Notes']);
    expect(m.table.caption).toBe('Your steps and the real timeline, in clock order');
    expect(m.table.rows).toHaveLength(expertPath.length + 4);
    const history = m.table.rows.find((r) => r.yourStep === 'cat ~/.mysql_history')!;
    expect(history).toMatchObject({ difference: '−6 min 50 s', notes: 'Matches the day.', cardHead: `Step ${history.step} · ${history.yourTime}` });
    const missed = m.table.rows.filter((r) => r.step === '—');
    expect(missed.map((r) => r.yourStep)).toEqual(['Not in your run', 'Not in your run', 'Not in your run', 'Not in your run']);
    expect(missed.every((r) => r.keep === undefined && r.cardHead.startsWith('On the day only'))).toBe(true);
    const order = m.table.rows.map((r) => r.yourTime === '—' ? r.dayTime : r.yourTime);
    expect(order).toEqual([...order].sort());
  });

  it('keeps the breakdown in the score’s order, named by category, and adds up to the total', () => {
    const m = debriefModel(seed, mysqlWipe, traineeWords(seed, mysqlWipe));
    expect(m.breakdown.items.map((i) => i.category)).toEqual(seed.points.deductions.map((d) => ({ 'red-herrings': 'Red herring', 'critical-steps': 'Critical step', safety: 'Safety', 'data-loss': 'Data lost' })[d.category as string]));
    expect(m.breakdown.items.map((i) => Number(i.points.replace('−', '-'))).reduce((a, b) => a + b, 0)).toBe(seed.points.total - seed.points.max);
    expect(m.breakdown.total).toBe('Total: 63 of 100 points, grade D.');
    expect(m.times.map((t) => t.term)).toEqual(['Root cause', 'Mitigation', 'Verified recovery', 'Users affected', 'Telling Sami', 'Critical step', 'Hints', 'Safety']);
  });

  it('speaks of the trainee by name for a mentor: headers, caption, legend, missed rows and lesson lists', () => {
    const m = debriefModel(expert, mysqlWipe, mentorWords(expert, mysqlWipe, 'Amira', { isolate: false }));
    expect(m.headline).toBe('Amira found the root cause at 08:43:10, 6 min 50 s before the team, and restored at 08:45:10, 6 min 50 s before the team.');
    expect(m.table.columns.slice(1, 3)).toEqual(['Amira’s time', 'Amira’s step']);
    expect(m.table.caption).toBe('Amira’s steps and the real timeline, in clock order');
    expect(m.timelineTitle).toBe('Amira’s path beside the real timeline');
    expect(m.legend).toEqual({ matched: 'Amira’s step that matches the day', missed: 'not in Amira’s run (dashed)' });
    expect(m.table.rows.filter((r) => r.step === '—').every((r) => r.yourStep === 'Not in Amira’s run')).toBe(true);
    expect(m.lessons.every((l) => l.listLabel.endsWith(': in Amira’s run'))).toBe(true);
    expect(m.cards.stepLabel).toBe('Amira’s step');
  });
});
