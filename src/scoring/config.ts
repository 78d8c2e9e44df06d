/**
 * Every weight and threshold of the score, in one place (see docs/scoring.md). A scenario may
 * override any of them in its optional `scoring` section; what it leaves out keeps these.
 */
import type { Condition, Scenario, ScoringSection } from '../scenario/schema';

export type Grade = 'A' | 'B' | 'C' | 'D' | 'F';

/** The best total a run can score. Deductions are taken from it; it never goes below 0. */
export const MAX_POINTS = 100;

/** Points lost per minute (or part of a minute) later than the team, and at most (also the cost of "never"). */
export interface LatePenalty {
  perMinute: number;
  max: number;
}

export interface LessonLink {
  rules: string[];
  actions: string[];
  events: string[];
  redHerrings: boolean;
  impact: boolean;
  criticalSteps: string[];
}

/** A step a good responder takes before a moment of the timeline (the scenario's `scoring.criticalSteps`). */
export interface CriticalStepSpec {
  id: string;
  title: string;
  doneWhen: Condition[];
  /** The timeline event it must come before. */
  before: string;
  why: string;
  points: number;
}

export interface ScoringConfig {
  /** Finding the root cause later than the team did. */
  rootCause: LatePenalty;
  /** Restoring the data later than the team did. */
  mitigation: LatePenalty;
  /** Verifying the site works later than the team did. */
  recovery: LatePenalty;
  /** Telling the colleague later than the team did (never telling costs `max`). */
  communication: LatePenalty;
  /** Each step spent on a red herring, and at most. */
  redHerrings: { perStep: number; max: number };
  /** Each broken rule, by severity, and at most; and the best grade once a critical rule is broken. */
  safety: { warning: number; serious: number; critical: number; max: number; criticalGradeCap: Grade };
  /** Hints by the highest tier asked for (a nudge, a pointer, the command), and at most for all. */
  hints: { nudge: number; pointer: number; command: number; max: number };
  /** A run that stopped while the site was still down. */
  unfinished: number;
  /** The most missed responses to the facilitator's injects cost in all (each costs its inject's own points). */
  injects: { max: number };
  /** Rows the run left lost (see the scenario's `scoring.dataLoss`), or null when the scenario counts none. */
  dataLoss: { fact: string; rows: string; perRow: number; max: number; remedy: string | null } | null;
  /** Lowest total for each grade; below D is F. A failed ending is F (and 0 points) whatever the total. */
  grades: { A: number; B: number; C: number; D: number };
  doneWhen: Record<string, Condition>;
  criticalSteps: CriticalStepSpec[];
  lessons: Record<string, LessonLink>;
}

/**
 * The defaults. With them the seed's own path scores 75 (C: five red herring steps, it restored
 * from the replica without checking it first, and its plain dump lost the last hour's sign-ups);
 * the straight path (curl, count, history, restore, verify) scores 77 without a word to the
 * colleague and 89 (B) with one. Speed can cost 40 points, red herrings 15, communication 12,
 * safety 40, lost data 10 (when the scenario counts it), an unfinished run 10.
 */
export const DEFAULT_SCORING: ScoringConfig = {
  rootCause: { perMinute: 1, max: 15 },
  mitigation: { perMinute: 1, max: 10 },
  recovery: { perMinute: 1, max: 15 },
  communication: { perMinute: 1, max: 12 },
  redHerrings: { perStep: 3, max: 15 },
  safety: { warning: 4, serious: 10, critical: 20, max: 40, criticalGradeCap: 'C' },
  hints: { nudge: 1, pointer: 3, command: 6, max: 15 },
  unfinished: 10,
  injects: { max: 10 },
  dataLoss: null,
  grades: { A: 90, B: 80, C: 70, D: 60 },
  doneWhen: {},
  criticalSteps: [],
  lessons: {},
};

/** The scenario's scoring: its own section over the defaults, field by field. */
export function scoringConfig(scenario: Pick<Scenario, 'scoring'>): ScoringConfig {
  const own: ScoringSection = scenario.scoring ?? {};
  const d = DEFAULT_SCORING;
  return {
    rootCause: { ...d.rootCause, ...own.rootCause },
    mitigation: { ...d.mitigation, ...own.mitigation },
    recovery: { ...d.recovery, ...own.recovery },
    communication: { ...d.communication, ...own.communication },
    redHerrings: { ...d.redHerrings, ...own.redHerrings },
    safety: { ...d.safety, ...own.safety },
    hints: { ...d.hints, ...own.hints },
    unfinished: own.unfinished ?? d.unfinished,
    injects: { ...d.injects, ...own.injects },
    dataLoss: own.dataLoss ? { fact: own.dataLoss.fact, rows: own.dataLoss.rows, perRow: own.dataLoss.perRow ?? 1, max: own.dataLoss.max ?? 10, remedy: own.dataLoss.remedy ?? null } : null,
    grades: own.grades ?? d.grades,
    doneWhen: own.doneWhen ?? {},
    criticalSteps: own.criticalSteps ?? [],
    lessons: Object.fromEntries(
      Object.entries(own.lessons ?? {}).map(([id, link]) => [
        id,
        { rules: link.rules ?? [], actions: link.actions ?? [], events: link.events ?? [], redHerrings: link.redHerrings ?? false, impact: link.impact ?? false, criticalSteps: link.criticalSteps ?? [] },
      ]),
    ),
  };
}

/**
 * Ids in the scenario's `scoring` section that name nothing (a lesson, rule, action or timeline
 * event that does not exist). Scoring ignores them; authors and tests want to know.
 */
export function scoringProblems(scenario: Scenario): string[] {
  const own = scenario.scoring;
  if (!own) return [];
  const problems: string[] = [];
  const events = new Set(scenario.timeline.events.map((e) => e.id));
  const rules = new Set(scenario.rules.map((r) => r.id));
  const actions = new Set(scenario.actions.map((a) => a.id));
  const lessons = new Set(scenario.debrief.lessons.map((l) => l.id));
  const facts = new Set(Object.keys(scenario.facts));
  const unknownFacts = (at: string, when: Condition) => {
    for (const key of Object.keys(when)) {
      const fact = key.replace(/^!/, '');
      if (!facts.has(fact)) problems.push(`${at}: names a fact "${fact}" that is not declared in $.facts`);
    }
  };
  for (const [id, when] of Object.entries(own.doneWhen ?? {})) {
    if (!events.has(id)) problems.push(`$.scoring.doneWhen.${id}: names a timeline event "${id}" that is not in $.timeline.events`);
    unknownFacts(`$.scoring.doneWhen.${id}`, when);
  }
  const critical = new Set<string>();
  (own.criticalSteps ?? []).forEach((step, i) => {
    const at = `$.scoring.criticalSteps[${i}]`;
    if (critical.has(step.id)) problems.push(`${at}.id: "${step.id}" is used twice`);
    critical.add(step.id);
    if (!events.has(step.before)) problems.push(`${at}.before: names a timeline event "${step.before}" that is not in $.timeline.events`);
    step.doneWhen.forEach((when, j) => unknownFacts(`${at}.doneWhen[${j}]`, when));
  });
  if (own.dataLoss) {
    const observed = scenario.observe?.[own.dataLoss.fact];
    if (!observed || !('missing' in observed)) problems.push(`$.scoring.dataLoss.fact: names "${own.dataLoss.fact}", which is not a "missing" observation in $.observe`);
  }
  for (const [id, link] of Object.entries(own.lessons ?? {})) {
    const at = `$.scoring.lessons.${id}`;
    if (!lessons.has(id)) problems.push(`${at}: names a lesson "${id}" that is not in $.debrief.lessons`);
    link.rules?.forEach((r) => rules.has(r) || problems.push(`${at}.rules: names a rule "${r}" that is not in $.rules`));
    link.actions?.forEach((a) => actions.has(a) || problems.push(`${at}.actions: names an action "${a}" that is not in $.actions`));
    link.events?.forEach((e) => events.has(e) || problems.push(`${at}.events: names a timeline event "${e}" that is not in $.timeline.events`));
    link.criticalSteps?.forEach((c) => critical.has(c) || problems.push(`${at}.criticalSteps: names a critical step "${c}" that is not in $.scoring.criticalSteps`));
  }
  return problems;
}
