/**
 * The debrief's lessons, each tied to what the trainee did in this run. Which rules, actions and
 * timeline events show a lesson is data (the scenario's `scoring.lessons`); so is what this file
 * finds: notes of what the run showed, worded per audience in `src/scoring/words/`.
 */
import type { Scenario } from '../scenario/schema';
import { parseClock } from '../engine/clock';
import type { Alignment } from './align';
import type { ScoringConfig } from './config';
import type { Communication, CriticalStep, RedHerrings, Safety, UserImpact } from './score';

/** One thing this run showed of a lesson. Ids point into the score and the scenario. */
export type LessonNote =
  /** A critical step (`score.criticalSteps`), done or missed. */
  | { kind: 'critical-step'; id: string }
  /** None of these rules (ids the scenario has) was broken. */
  | { kind: 'rules-kept'; rules: string[] }
  /** This rule was broken (`score.safety.violations`). */
  | { kind: 'rule-broken'; rule: string }
  /** Which of these actions the run did (the first step doing each), and which it never did. */
  | { kind: 'actions'; done: { action: string; stepIndex: number; at: number }[]; missing: string[] }
  /** When the trainee first told the colleague (`score.communication`). */
  | { kind: 'communication' }
  /** A real event (`score.alignment.events`), done or not. */
  | { kind: 'event'; eventId: string }
  /** Time on red herrings: how many steps, how many of them before telling the colleague. */
  | { kind: 'red-herrings'; steps: number; minutes: number; told: boolean; beforeTold: number }
  /** The outage began `from` and was only noticed at `detectedAt` (clock seconds). */
  | { kind: 'unnoticed'; from: number; detectedAt: number }
  /** How long users were affected (`score.userImpact`). */
  | { kind: 'impact' };

export interface LessonReview {
  id: string;
  /** The scenario's own title and text. */
  title: string;
  text: string;
  /** What this run showed of it (empty when the scenario links nothing to the lesson). */
  inThisRun: LessonNote[];
}

export interface LessonContext {
  alignment: Alignment;
  communication: Communication;
  redHerrings: RedHerrings;
  safety: Safety;
  userImpact: UserImpact;
  criticalSteps: readonly CriticalStep[];
}

export function reviewLessons(scenario: Scenario, config: ScoringConfig, run: LessonContext): LessonReview[] {
  const ruleIds = new Set(scenario.rules.map((r) => r.id));
  return scenario.debrief.lessons.map((lesson) => {
    const link = Object.hasOwn(config.lessons, lesson.id) ? config.lessons[lesson.id] : undefined;
    const notes: LessonNote[] = [];
    if (link) {
      for (const id of link.criticalSteps) if (run.criticalSteps.some((c) => c.id === id)) notes.push({ kind: 'critical-step', id });
      if (link.rules.length > 0) notes.push(...ruleNotes(link.rules, ruleIds, run.safety));
      if (link.actions.length > 0) notes.push(actionNote(link.actions, run.alignment));
      for (const id of link.events) {
        const event = run.alignment.events.find((e) => e.eventId === id);
        if (event) notes.push(event.kind === 'escalation' ? { kind: 'communication' } : { kind: 'event', eventId: id });
      }
      if (link.redHerrings) notes.push(redHerringNote(run));
      if (link.impact) notes.push(...impactNotes(scenario));
    }
    return { id: lesson.id, title: lesson.title, text: lesson.text, inThisRun: notes };
  });
}

function ruleNotes(ids: readonly string[], known: ReadonlySet<string>, safety: Safety): LessonNote[] {
  const broken = safety.violations.filter((v) => ids.includes(v.rule));
  if (broken.length > 0) return broken.map((v) => ({ kind: 'rule-broken', rule: v.rule }));
  const rules = ids.filter((id) => known.has(id));
  return rules.length ? [{ kind: 'rules-kept', rules }] : [];
}

function actionNote(ids: readonly string[], alignment: Alignment): LessonNote {
  const done: { action: string; stepIndex: number; at: number }[] = [];
  const missing: string[] = [];
  for (const id of ids) {
    const step = alignment.steps.find((s) => s.actions.includes(id));
    if (step) done.push({ action: id, stepIndex: step.index, at: step.at });
    else missing.push(id);
  }
  return { kind: 'actions', done, missing };
}

function redHerringNote(run: LessonContext): LessonNote {
  const { steps, minutes } = run.redHerrings;
  const told = run.communication.stepIndex;
  const beforeTold = told === null ? steps.length : steps.filter((s) => s.stepIndex < told).length;
  return { kind: 'red-herrings', steps: steps.length, minutes, told: told !== null, beforeTold };
}

function impactNotes(scenario: Scenario): LessonNote[] {
  const from = parseClock(scenario.timeline.impactStart);
  const detectedAt = parseClock(scenario.timeline.detectedAt);
  return [...(detectedAt > from ? [{ kind: 'unnoticed', from, detectedAt } as const] : []), { kind: 'impact' }];
}
