/**
 * The debrief's lessons, each tied to what the trainee did in this run. Which rules, actions and
 * timeline events show a lesson is data (the scenario's `scoring.lessons`); this file only words it.
 */
import type { Scenario } from '../scenario/schema';
import { parseClock } from '../engine/clock';
import type { Alignment } from './align';
import type { ScoringConfig } from './config';
import type { Communication, CriticalStep, RedHerrings, Safety, UserImpact } from './score';
import { clockLabel, durationText, plural } from './text';

export interface LessonReview {
  id: string;
  title: string;
  text: string;
  /** Sentences about this run (empty when the scenario links nothing to the lesson). */
  inThisRun: string[];
}

export interface LessonContext {
  alignment: Alignment;
  communication: Communication;
  redHerrings: RedHerrings;
  safety: Safety;
  userImpact: UserImpact;
  criticalSteps: readonly CriticalStep[];
}

const quote = (text: string) => `“${text}”`;

export function reviewLessons(scenario: Scenario, config: ScoringConfig, run: LessonContext): LessonReview[] {
  const rules = new Map(scenario.rules.map((r) => [r.id, r]));
  const labels = new Map(scenario.actions.map((a) => [a.id, a.label]));
  return scenario.debrief.lessons.map((lesson) => {
    const link = Object.hasOwn(config.lessons, lesson.id) ? config.lessons[lesson.id] : undefined;
    const notes: string[] = [];
    if (link) {
      for (const id of link.criticalSteps) {
        const step = run.criticalSteps.find((c) => c.id === id);
        if (step) notes.push(criticalNote(step));
      }
      if (link.rules.length > 0) notes.push(...ruleNotes(link.rules, rules, run.safety));
      if (link.actions.length > 0) notes.push(actionNote(link.actions, labels, run.alignment));
      for (const id of link.events) {
        const note = eventNote(id, run);
        if (note) notes.push(note);
      }
      if (link.redHerrings) notes.push(redHerringNote(scenario, run));
      if (link.impact) notes.push(...impactNotes(scenario, run.userImpact));
    }
    return { id: lesson.id, title: lesson.title, text: lesson.text, inThisRun: notes };
  });
}

function ruleNotes(ids: readonly string[], rules: ReadonlyMap<string, { title: string }>, safety: Safety): string[] {
  const broken = safety.violations.filter((v) => ids.includes(v.rule));
  if (broken.length === 0) {
    const titles = ids.flatMap((id) => (rules.has(id) ? [quote(rules.get(id)!.title)] : []));
    return titles.length ? [`No step of yours broke ${titles.join(' or ')}.`] : [];
  }
  return broken.map((v) => `At ${clockLabel(v.at)} you broke ${quote(v.title)}: ${quote(v.input)}.`);
}

function actionNote(ids: readonly string[], labels: ReadonlyMap<string, string>, alignment: Alignment): string {
  const name = (id: string) => quote(labels.get(id) ?? id);
  const done: string[] = [];
  const missing: string[] = [];
  for (const id of ids) {
    const step = alignment.steps.find((s) => s.actions.includes(id));
    if (step) done.push(`${name(id)} at ${clockLabel(step.at)}`);
    else missing.push(name(id));
  }
  const parts = [done.length ? `In your run: ${done.join('; ')}.` : '', missing.length ? `Not in your run: ${missing.join(', ')}.` : ''];
  return parts.filter(Boolean).join(' ');
}

function criticalNote(step: CriticalStep): string {
  if (step.done) return `You did what had to come first: ${step.explanation}`;
  return `Missed: ${step.explanation}`;
}

function eventNote(id: string, run: LessonContext): string | null {
  const event = run.alignment.events.find((e) => e.eventId === id);
  if (!event) return null;
  if (event.kind === 'escalation') return run.communication.explanation;
  if (event.traineeAt === null) return `Not in your run: ${quote(event.what)} (the team, ${clockLabel(event.realAt)}).`;
  return `${quote(event.what)}: you at ${clockLabel(event.traineeAt)}, the team at ${clockLabel(event.realAt)}.`;
}

function redHerringNote(scenario: Scenario, run: LessonContext): string {
  const { steps, minutes } = run.redHerrings;
  if (steps.length === 0) return 'You spent no time on the red herrings of the day.';
  const told = run.communication.stepIndex;
  const before = told === null ? steps.length : steps.filter((s) => s.stepIndex < told).length;
  const whenTold =
    told === null ? `, and never told ${scenario.colleague.name}` : before > 0 ? `, ${before} of them before you first told ${scenario.colleague.name}` : '';
  return `You spent ${durationText(minutes * 60)} on ${plural(steps.length, 'step')} that could not explain the symptom${whenTold}.`;
}

function impactNotes(scenario: Scenario, impact: UserImpact): string[] {
  const start = parseClock(scenario.timeline.impactStart);
  const detected = parseClock(scenario.timeline.detectedAt);
  const unseen = detected > start ? [`The outage began at ${clockLabel(start)} and was only noticed at ${clockLabel(detected)}: ${durationText(detected - start)} of it before anyone knew.`] : [];
  return [...unseen, impact.explanation];
}
