/**
 * What the debrief shows, as plain data: its headline and grade, the times against the day, the
 * table of steps beside the real timeline, the breakdown and the lessons, each already in words
 * for one audience. Pure (no React): `Debrief.tsx` only lays it out, and tests read it directly.
 */
import type { Scenario } from '../../scenario/schema';
import type { Score } from '../../scoring/score';
import { CATEGORY_NAMES, milestoneName, type ScoreWords } from '../../scoring/words/sentences';
import { clockLabel, signedMinutes } from '../../scoring/text';
import type { Voice } from '../../scoring/words/voice';

/** One row of the table: a step of the run, or an event of the day the run never did. */
export interface DebriefRow {
  key: string;
  /** `1`, `2`…, or `—` for an event of the day only. */
  step: string;
  yourTime: string;
  yourStep: string;
  dayTime: string;
  dayWhat: string;
  difference: string;
  notes: string;
  /** The head of the row's card on a phone: `Step 3 · 08:43`, `On the day only · …`. */
  cardHead: string;
  /** For a step of the run: how many inputs come before it ("Try again from step N" keeps them). */
  keep?: number;
}

export interface DebriefModel {
  /** Who the words speak about (the chart words its lanes in it too). */
  voice: Voice;
  eyebrow: string;
  headline: string;
  grade: { letter: string; line: string; reason: string; outcome: string; tone: Score['outcome'] };
  /** "Against the day": a term and its sentence, in order. */
  times: { key: string; term: string; text: string }[];
  timelineTitle: string;
  legend: { matched: string; missed: string };
  table: {
    caption: string;
    /** The column headers, in order: step, time, step, day's time, day's event, difference, notes. */
    columns: readonly [string, string, string, string, string, string, string];
    rows: DebriefRow[];
  };
  /** The phone's cards (one per row): the label of the trainee's step. */
  cards: { stepLabel: string };
  breakdown: {
    intro: string;
    items: { points: string; category: string; reason: string }[];
    /** Said when nothing was deducted (then `items` is empty). */
    empty: string;
    total: string;
  };
  rootCause: string;
  lessons: { id: string; title: string; text: string; listLabel: string; notes: string[] }[];
}

/** The table's rows: every step, then every event the run missed, in clock order. */
function tableRows(score: Score, scenario: Scenario, words: ScoreWords): DebriefRow[] {
  const events = new Map(score.alignment.events.map((e) => [e.eventId, e]));
  const extras = new Map(score.alignment.extras.map((x) => [x.stepIndex, x.why]));
  const rules = new Map(scenario.rules.map((r) => [r.id, r]));
  const rows: (Omit<DebriefRow, 'cardHead'> & { at: number; order: number })[] = score.alignment.steps.map((s) => {
    const event = s.eventId ? events.get(s.eventId) : undefined;
    const completes = event?.stepIndex === s.index;
    const notes: string[] = [];
    if (s.role === 'matched' && event) {
      notes.push(completes ? (event.status === 'out-of-order' ? 'Matches the day, in another order.' : 'Matches the day.') : `Part of “${event.eventId}”, completed by step ${event.stepIndex! + 1}.`);
    } else if (s.role === 'repeat' && event) notes.push(`Repeats “${event.eventId}”.`);
    else if (s.role === 'attempt' && event) notes.push(`Tried “${event.eventId}”, without the effect.`);
    else {
      const why = extras.get(s.index);
      notes.push(why ? words.extra(why, s) : 'Extra.');
    }
    if (s.redHerring) notes.push('Red herring.');
    for (const b of s.breaches) notes.push(`Broke “${rules.get(b.rule)?.title ?? b.rule}” (${rules.get(b.rule)?.severity ?? 'rule'}).`);
    return {
      key: `step-${s.index}`,
      at: s.at,
      order: 0,
      step: String(s.index + 1),
      yourTime: clockLabel(s.at),
      yourStep: s.channel === 'chat' ? `To ${scenario.colleague.name}: ${s.input}` : s.input || '(empty line)',
      dayTime: completes && event ? clockLabel(event.realAt) : '—',
      dayWhat: completes && event ? `${event.who}: ${event.what}` : '—',
      difference: completes && event?.deltaMinutes != null ? signedMinutes(event.deltaMinutes) : '—',
      notes: notes.join(' '),
      keep: s.index,
    };
  });
  const notInRun = words.notInRun[0]!.toUpperCase() + words.notInRun.slice(1);
  for (const e of score.alignment.events) {
    if (e.status !== 'missed') continue;
    rows.push({
      key: `event-${e.eventId}`,
      at: e.realAt,
      order: 1,
      step: '—',
      yourTime: '—',
      yourStep: notInRun,
      dayTime: clockLabel(e.realAt),
      dayWhat: `${e.who}: ${e.what}`,
      difference: '—',
      notes: e.kind === 'red-herring' ? 'A red herring on the day: skipping it saved time.' : `Missed (${e.kind}).`,
    });
  }
  return rows.sort((a, b) => a.at - b.at || a.order - b.order).map(({ at: _at, order: _order, ...row }) => ({ ...row, cardHead: `${row.step === '—' ? 'On the day only' : `Step ${row.step}`}${row.yourTime !== '—' ? ` · ${row.yourTime}` : ''}` }));
}

/** The debrief of `score`, in `words` (the trainee's or a mentor's: see `src/scoring/words`). */
export function debriefModel(score: Score, scenario: Scenario, words: ScoreWords): DebriefModel {
  const v = words.voice;
  const times: DebriefModel['times'] = [score.timeToRootCause, score.timeToMitigation, score.timeToVerifiedRecovery].map((m) => ({ key: m.kind, term: milestoneName(m.kind), text: words.milestone(m) }));
  times.push({ key: 'impact', term: 'Users affected', text: words.userImpact });
  times.push({ key: 'communication', term: `Telling ${scenario.colleague.name}`, text: words.communication });
  for (const c of score.criticalSteps) times.push({ key: `critical-${c.id}`, term: 'Critical step', text: c.done ? words.criticalStep(c) : `Missed, −${c.points}. ${words.criticalStep(c)}` });
  if (scenario.hints && scenario.hints.length > 0) times.push({ key: 'hints', term: 'Hints', text: words.hints });
  times.push({ key: 'safety', term: 'Safety', text: words.safety });

  const { points } = score;
  const caption = `${v.Possessive} steps and the real timeline, in clock order`;
  return {
    voice: v,
    eyebrow: `Debrief · ${scenario.title}`,
    headline: words.headline,
    grade: { letter: score.grade, line: `Grade ${score.grade} · ${points.total} of ${points.max} points`, reason: words.grade, outcome: words.outcome, tone: score.outcome },
    times,
    timelineTitle: `${v.Possessive} path beside the real timeline`,
    legend: { matched: `${v.possessive} step that matches the day`, missed: `${words.notInRun} (dashed)` },
    table: {
      caption,
      columns: ['Step', `${v.Possessive} time`, `${v.Possessive} step`, 'On the day', 'What happened on the day', 'Difference', 'Notes'],
      rows: tableRows(score, scenario, words),
    },
    cards: { stepLabel: `${v.Possessive} step` },
    breakdown: {
      intro: `Every run starts with ${points.max} points. Safety is scored apart from speed: a fast run does not buy back a broken rule.`,
      items: points.deductions.map((d) => ({ points: d.points === 0 ? '0' : `−${d.points}`, category: CATEGORY_NAMES[d.category], reason: words.deduction(d) })),
      empty: 'Nothing was deducted.',
      total: `${points.taken > points.max ? `Deductions: ${points.taken} points, more than the ${points.max} a run starts with; a total stops at 0. ` : ''}Total: ${points.total} of ${points.max} points, grade ${score.grade}.`,
    },
    rootCause: scenario.debrief.rootCause,
    lessons: score.lessons.map((l) => ({ id: l.id, title: l.title, text: l.text, listLabel: `${l.title}: in ${v.possessive} run`, notes: l.inThisRun.map(words.lessonNote) })),
  };
}
