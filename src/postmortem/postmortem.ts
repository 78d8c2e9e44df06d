/**
 * The trainee's postmortem of a run (run format 5's `postmortem`), as data: a first draft made
 * from the run (its timeline prefilled with the clock times of the steps that mattered), the
 * team's corrective measures it names and misses, and the Markdown it is exported as. Writing it
 * never changes the run's inputs, so it never changes the replay or the score.
 */
import type { PostmortemMeasure, Scenario } from '../scenario/schema';
import type { Step } from '../engine/world';
import { clockText } from '../engine/clock';
import { chatWords, indexWords, keywordScore } from '../engine/intent';
import { markdownText, paragraphs } from '../runs/review';
import type { Postmortem, PostmortemEntry } from '../runs/format';

/** What a postmortem's sections are called, in the editor, the comparison and the Markdown. */
export const SECTION_TITLES = {
  summary: 'Summary',
  impact: 'Impact',
  timeline: 'Timeline',
  rootCause: 'Root cause',
  resolution: 'Resolution',
  actions: 'Corrective and preventive actions',
  wentWell: 'What went well',
  wentBadly: 'What went badly',
} as const;

/** The sections written as free text (and checked for blaming words). */
export const TEXT_SECTIONS = ['summary', 'impact', 'rootCause', 'resolution', 'wentWell', 'wentBadly'] as const;
export type TextSection = (typeof TEXT_SECTIONS)[number];

/** What a step did, in a line of the timeline. */
function lineOf(scenario: Scenario, step: Step, label: string): string {
  if (step.channel === 'chat') return `Told ${scenario.colleague.name}: “${step.input}”`;
  return `${label}: ${step.input} (on ${step.host})`;
}

/**
 * The timeline a run suggests: the start, each step that first did one of the day's timeline
 * events (a red herring, the escalation, a diagnosis, the root cause, the fix, the check), with
 * its clock time, and the ending if the run reached one.
 */
export function draftTimeline(scenario: Scenario, steps: readonly Step[], ending: string | null, endClock: number): PostmortemEntry[] {
  const eventOf = new Map<string, string>();
  for (const event of scenario.timeline.events) for (const id of event.actions) if (!eventOf.has(id)) eventOf.set(id, event.id);
  const done = new Set<string>();
  const entries: PostmortemEntry[] = [{ at: scenario.clock.start.slice(0, 5), text: 'Investigation starts: the outage is noticed.' }];
  for (const step of steps) {
    const first = step.actions.find((id) => {
      const event = eventOf.get(id);
      return event !== undefined && !done.has(event);
    });
    if (first === undefined) continue;
    done.add(eventOf.get(first)!);
    const label = scenario.actions.find((a) => a.id === first)?.label ?? first;
    entries.push({ at: clockText(step.startClock), text: lineOf(scenario, step, label) });
  }
  const end = scenario.endings.find((e) => e.id === ending);
  if (end) entries.push({ at: clockText(endClock), text: `${end.outcome === 'resolved' ? 'Resolved' : 'Failed'}: ${end.title}` });
  return entries;
}

/** A first draft: the timeline from the run, the impact's minutes when the run knows them, the rest to write. */
export function draftPostmortem(scenario: Scenario, steps: readonly Step[], options: { ending: string | null; endClock: number; minutes?: number; authors?: string; now: string }): Postmortem {
  return {
    writtenAt: options.now,
    ...(options.authors ? { authors: options.authors } : {}),
    ...(options.minutes !== undefined ? { minutes: Math.max(0, Math.min(24 * 60, Math.round(options.minutes))) } : {}),
    timeline: draftTimeline(scenario, steps, options.ending, options.endClock),
    actions: [],
  };
}

/** A line's words must weigh this much in a measure's keywords to name it. */
export const NAMES_MEASURE_AT = 2;

export interface MeasureMatch {
  measure: PostmortemMeasure;
  /** The first of the trainee's action lines that names it, by index, or null: missed. */
  namedBy: number | null;
}

/** Which of the team's measures the trainee's actions name (each line is read on its own), and which of the lines name none. */
export function matchMeasures(measures: readonly PostmortemMeasure[], actions: readonly string[]): { measures: MeasureMatch[]; ownLines: number[] } {
  const lines = actions.map((text) => {
    const words = chatWords(text);
    return { words, index: indexWords(words) };
  });
  const used = new Set<number>();
  const matched = measures.map((measure) => {
    const at = lines.findIndex(({ words, index }) => keywordScore(measure, words, index) >= NAMES_MEASURE_AT);
    if (at >= 0) used.add(at);
    return { measure, namedBy: at >= 0 ? at : null };
  });
  // A line names every measure it weighs enough for; those that name none are the trainee's own.
  lines.forEach(({ words, index }, i) => {
    if (measures.some((m) => keywordScore(m, words, index) >= NAMES_MEASURE_AT)) used.add(i);
  });
  return { measures: matched, ownLines: actions.map((_, i) => i).filter((i) => !used.has(i) && actions[i]!.trim() !== '') };
}

/** Who was affected and for how long, in one line ("Every logged-in user; 20 minutes"), or '' when neither is written. */
export function impactLine(postmortem: Postmortem): string {
  return [postmortem.users?.trim(), postmortem.minutes !== undefined ? `${postmortem.minutes} minute${postmortem.minutes === 1 ? '' : 's'}` : ''].filter(Boolean).join('; ');
}

/**
 * The postmortem as Markdown, for a wiki or a ticket; with the team's measures it named and
 * missed when the scenario has them. `level` 2 makes it a section of a larger document (a review).
 */
export function postmortemMarkdown(postmortem: Postmortem, scenario: Scenario, trainee?: string, level: 1 | 2 = 1): string {
  const out: string[] = [];
  const h1 = '#'.repeat(level);
  const h2 = '#'.repeat(level + 1);
  const who = postmortem.authors?.trim() || trainee?.trim();
  out.push(`${h1} Postmortem: ${markdownText(scenario.title)}`, '');
  if (who) out.push(`- Written by: ${markdownText(who)}`);
  out.push(`- Last changed: ${postmortem.writtenAt.slice(0, 16).replace('T', ' ')} UTC`, '');
  const section = (key: TextSection) => {
    const text = postmortem[key]?.trim();
    out.push(`${h2} ${SECTION_TITLES[key]}`, '', text ? paragraphs(text) : '_Not written._', '');
  };
  section('summary');
  out.push(`${h2} ${SECTION_TITLES.impact}`, '');
  if (postmortem.users?.trim()) out.push(`- Users affected: ${markdownText(postmortem.users.trim())}`);
  if (postmortem.minutes !== undefined) out.push(`- Duration: ${postmortem.minutes} minute${postmortem.minutes === 1 ? '' : 's'}`);
  if (postmortem.users?.trim() || postmortem.minutes !== undefined) out.push('');
  if (postmortem.impact?.trim()) out.push(paragraphs(postmortem.impact.trim()), '');
  out.push(`${h2} ${SECTION_TITLES.timeline} (${scenario.clock.timezone})`, '');
  if (postmortem.timeline.length === 0) out.push('_Not written._');
  for (const entry of postmortem.timeline) out.push(`- ${entry.at}: ${markdownText(entry.text)}`);
  out.push('');
  section('rootCause');
  section('resolution');
  out.push(`${h2} ${SECTION_TITLES.actions}`, '');
  const actions = postmortem.actions.filter((a) => a.trim() !== '');
  if (actions.length === 0) out.push('_Not written._');
  for (const action of actions) out.push(`- ${markdownText(action.trim())}`);
  out.push('');
  section('wentWell');
  section('wentBadly');
  if (scenario.postmortem) {
    const { measures } = matchMeasures(scenario.postmortem.measures, actions);
    out.push(`${h2} Compared with the team's measures`, '');
    for (const m of measures) out.push(`- ${m.namedBy === null ? 'Missed' : 'Named'}: ${markdownText(m.measure.text)}`);
    out.push('');
  }
  return `${out.join('\n').replace(/\n+$/, '')}\n`;
}
