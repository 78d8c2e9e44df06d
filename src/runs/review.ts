/**
 * A mentor's review of a run (run format 4's `review`), as data: the notes on steps and on the
 * whole run, changed one edit at a time, and written out as Markdown for a ticket or a wiki.
 * The review never changes the run's inputs, so it never changes its replay or its score.
 */
import type { Scenario } from '../scenario/schema';
import type { Score } from '../scoring/score';
import { clockLabel, durationText } from '../scoring/text';
import type { StepView } from './stepThrough';
import { REVIEW_TAGS, type ReviewTag, type Run, type RunReview, type StepNote } from './format';

/** The tags as a mentor reads them. */
export const TAG_LABELS: Readonly<Record<ReviewTag, string>> = {
  'good-instinct': 'Good instinct',
  'red-herring': 'Red herring',
  unsafe: 'Unsafe',
  'should-have-asked': 'Should have asked',
  lucky: 'Lucky',
};

/** What a mentor edits at once: the whole-run fields, or one step's note. */
export type ReviewEdit =
  | { kind: 'run'; field: 'reviewer' | 'verdict' | 'wentWell' | 'practiseNext'; text: string }
  | { kind: 'step'; step: number; comment?: string; toggle?: ReviewTag };

const EMPTY: RunReview = { reviewedAt: '1970-01-01T00:00:00.000Z', steps: [] };

/** The note on a step, if any. */
export function noteOn(review: RunReview | undefined, step: number): StepNote | undefined {
  return review?.steps.find((n) => n.step === step);
}

/**
 * The review after one edit, made at `now` (wall clock, ISO). Empty texts are dropped, a note
 * with no tag and no comment goes, notes stay in step order, and a review with nothing left in it
 * is no review (undefined).
 */
export function editReview(review: RunReview | undefined, edit: ReviewEdit, now: string): RunReview | undefined {
  const base = review ?? EMPTY;
  let next: RunReview;
  if (edit.kind === 'run') {
    const { [edit.field]: _, ...rest } = base;
    next = edit.text.trim() === '' ? { ...rest } : { ...rest, [edit.field]: edit.text };
  } else {
    const old = noteOn(base, edit.step) ?? { step: edit.step, tags: [] };
    let tags = old.tags;
    if (edit.toggle) tags = tags.includes(edit.toggle) ? tags.filter((t) => t !== edit.toggle) : REVIEW_TAGS.filter((t) => t === edit.toggle || tags.includes(t));
    const comment = edit.comment === undefined ? old.comment : edit.comment;
    const note: StepNote = comment && comment.trim() !== '' ? { step: edit.step, tags, comment } : { step: edit.step, tags };
    const others = base.steps.filter((n) => n.step !== edit.step);
    const keep = note.tags.length > 0 || note.comment !== undefined;
    next = { ...base, steps: (keep ? [...others, note] : others).sort((a, b) => a.step - b.step) };
  }
  const { reviewedAt: _, steps, ...texts } = next;
  if (steps.length === 0 && Object.values(texts).every((t) => t === undefined)) return undefined;
  return { ...next, reviewedAt: now };
}

/** Text in a Markdown table cell or paragraph: shown as written, never as markup or HTML. */
export function markdownText(text: string): string {
  return text
    .replace(/[\\`*_{}[\]<>#|!~]/g, (c) => `\\${c}`)
    .replace(/\r?\n/g, ' ')
    .replace(/[\p{Cc}\p{Cf}]/gu, ' ');
}

/** Text of several paragraphs (blank lines between), each shown as written. */
export function paragraphs(text: string): string {
  return text
    .split(/\r?\n\s*\r?\n/)
    .map((p) => markdownText(p.trim()))
    .filter((p) => p !== '')
    .join('\n\n');
}

export interface MarkdownInputs {
  run: Run;
  scenario: Scenario;
  score: Score;
  steps: readonly StepView[];
}

/** The review as Markdown: the run's summary, the mentor's notes on the run, then every step with its note beside it. */
export function reviewMarkdown({ run, scenario, score, steps }: MarkdownInputs): string {
  const review = run.review;
  const who = run.trainee ? markdownText(run.trainee) : 'A trainee';
  const out: string[] = [];
  out.push(`# Review: ${who}'s run of “${markdownText(scenario.title)}”`, '');
  out.push(`- Scenario: ${markdownText(scenario.id)}, version ${run.scenario.version}`);
  out.push(`- Started: ${run.startedAt.slice(0, 16).replace('T', ' ')} UTC`);
  const rootCause = score.timeToRootCause.seconds === null ? 'not found' : `after ${durationText(score.timeToRootCause.seconds)}`;
  out.push(`- Outcome: ${score.outcome === 'in-progress' ? 'unfinished' : score.outcome}; grade ${score.grade} (${score.points.total} points); root cause ${rootCause}`);
  if (review) out.push(`- Reviewed${review.reviewer ? ` by ${markdownText(review.reviewer)}` : ''} on ${review.reviewedAt.slice(0, 10)}`);
  out.push('');
  for (const [title, text] of [
    ['Verdict', review?.verdict],
    ['What went well', review?.wentWell],
    ['What to practise next', review?.practiseNext],
  ] as const) {
    if (!text) continue;
    out.push(`## ${title}`, '', paragraphs(text), '');
  }
  out.push('## Steps', '', '| # | Clock | Input | Thinking | Tags | Comment |', '| ---: | --- | --- | --- | --- | --- |');
  for (const view of steps) {
    const note = noteOn(review, view.index);
    const { channel, input, clock } = view.step;
    const what = channel === 'chat' ? `To ${scenario.colleague.name}: ${input}` : channel === 'hint' ? 'Hint asked for' : input;
    const thinking = view.thinkingSeconds === null ? '' : `${durationText(view.thinkingSeconds)}${view.longPause ? ' (long pause)' : ''}`;
    const tags = note ? note.tags.map((t) => TAG_LABELS[t]).join(', ') : '';
    out.push(`| ${view.index + 1} | ${clockLabel(clock)} | ${markdownText(what)} | ${thinking} | ${tags} | ${note?.comment ? markdownText(note.comment) : ''} |`);
  }
  return `${out.join('\n')}\n`;
}
