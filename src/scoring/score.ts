/**
 * The score of a run: a pure function of (scenario, inputs). It replays the inputs through the
 * engine and never trusts anything a run file says it led to. It is data only (clock seconds,
 * deltas, ids, counts): every point taken off names its cause, and the sentences are made once per
 * audience in `src/scoring/words/`. See docs/scoring.md.
 */
import type { Rule, Scenario, TimelineEvent } from '../scenario/schema';
import { parseClock } from '../engine/clock';
import type { DrillInput, Outcome } from '../engine/replay';
import { alignRun, type Alignment, type EventAlignment } from './align';
import { MAX_POINTS, scoringConfig, type Grade, type LatePenalty, type ScoringConfig } from './config';
import { reviewLessons, type LessonReview } from './lessons';
import { replayForScoring, type ScoringReplay } from './replay';
import { holds } from '../engine/conditions';
import { minutesLate } from './text';

export type { Grade } from './config';

/** The moments the score times, named by what they are (worded by `src/scoring/words`). */
export type MilestoneKind = 'root-cause' | 'mitigation' | 'verified-recovery';

export const MILESTONE_KINDS: readonly MilestoneKind[] = ['root-cause', 'mitigation', 'verified-recovery'];

/** A moment the score times: the root cause found, the data restored, the site verified. */
export interface Milestone {
  kind: MilestoneKind;
  /** The real timeline event it is measured against (null if the scenario has none of that kind). */
  eventId: string | null;
  stepIndex: number | null;
  /** Clock when the trainee's step finished, in seconds since midnight; null if not done. */
  at: number | null;
  /** Seconds of simulated clock from the start of the drill to `at`; null if not done. */
  seconds: number | null;
  /** The team's time on the day, in seconds since midnight, and in seconds from the drill's start. */
  realAt: number | null;
  realSeconds: number | null;
  /** Trainee minus team, in seconds and in minutes, signed: negative is earlier than the team. Null if either is missing. */
  deltaSeconds: number | null;
  deltaMinutes: number | null;
}

export interface UserImpact {
  /** From the scenario's `impactStart` to the verified recovery, or to the end of the run if there was none. */
  from: number;
  to: number;
  /** True when users were still affected when the run stopped. */
  ongoing: boolean;
  minutes: number;
  /** The day's impact window (`impactStart` to `realTo`, the day's `impactEnd`), and the difference (trainee minus team). */
  realTo: number;
  realMinutes: number;
  deltaMinutes: number;
}

export interface RedHerringStep {
  stepIndex: number;
  /** The red-herring event of the day the step belongs to. */
  eventId: string;
  input: string;
  at: number;
  /** Simulated minutes the step cost. */
  minutes: number;
  /** Why it could not explain the symptom, in the scenario's words (the action's `teaches`); null when the action says nothing. */
  teaches: string | null;
}

export interface RedHerrings {
  steps: RedHerringStep[];
  /** Simulated minutes spent on them in all. */
  minutes: number;
}

export interface Violation {
  stepIndex: number;
  input: string;
  at: number;
  rule: string;
  action: string;
  /** The rule's own title and reason (scenario text). */
  title: string;
  why: string;
  severity: Rule['severity'];
  /** Points this violation cost (after the safety cap: 0 once the cap is spent). */
  points: number;
  /** What its severity costs before the cap: `points < fullPoints` means the cap took the rest. */
  fullPoints: number;
  /** Later steps that broke the same rule again: listed, not charged twice. */
  again: { stepIndex: number; input: string; at: number }[];
}

export interface Safety {
  /** One per rule broken, at the first step that broke it. */
  violations: Violation[];
  /** Points lost to safety, scored apart from speed. */
  points: number;
  worst: Rule['severity'] | null;
  /** The most safety can cost, and whether that cap left some violation short of its full cost. */
  max: number;
  capped: boolean;
}

export interface Communication {
  /** Whether the trainee wrote to the colleague on team chat at all. */
  told: boolean;
  /** The timeline's escalation event, if the scenario has one (then only doing it counts as telling). */
  eventId: string | null;
  stepIndex: number | null;
  /** When their first message was sent (the step finished), in seconds since midnight. */
  at: number | null;
  /** When the team escalated on the day (the timeline's escalation event). */
  realAt: number | null;
  /** Trainee minus team, signed (negative: earlier than on the day). */
  deltaSeconds: number | null;
  deltaMinutes: number | null;
}

export type DeductionCategory =
  | 'outcome'
  | 'root-cause'
  | 'mitigation'
  | 'recovery'
  | 'critical-steps'
  | 'data-loss'
  | 'communication'
  | 'red-herrings'
  | 'hints'
  | 'injects'
  | 'safety';

export const DEDUCTION_CATEGORIES: readonly DeductionCategory[] = ['outcome', 'root-cause', 'mitigation', 'recovery', 'critical-steps', 'data-loss', 'communication', 'red-herrings', 'hints', 'injects', 'safety'];

/** A hint the trainee asked for, at the highest tier they went to. */
export interface HintUse {
  id: string;
  /** 1 a nudge, 2 a pointer, 3 the command. */
  tier: 1 | 2 | 3;
  /** The step that showed that tier, and when. */
  stepIndex: number;
  at: number;
  /** How many times this hint was asked for. */
  asked: number;
  /** Points it cost (after the hints' cap). */
  points: number;
}

/**
 * One firing of a facilitator's inject that asks for a response (the scenario's `response`), and
 * whether the trainee gave it in time: a step of theirs that performed one of its actions, or
 * after which one of its conditions held, finished within its minutes of the firing.
 */
export interface InjectResponse {
  /** The inject, and its firing: the step it fired in (a facilitator's step, or a trainee's step a repeat came back in) and when. */
  inject: string;
  firedStepIndex: number;
  firedAt: number;
  /** The trainee's step that responded, if any in time, and when it finished. */
  stepIndex: number | null;
  at: number | null;
  done: boolean;
  /** Not done yet, in a run still in progress whose time to respond has not run out: not missed yet (0 points). */
  pending: boolean;
  /** Simulated seconds allowed after the firing. */
  withinSeconds: number;
  /** Why it matters, in the scenario's words. */
  why: string;
  /** Points this firing cost (after the injects' cap). */
  points: number;
}

/** A step the scenario marks as one a good responder must take, and whether this run took it in time. */
export interface CriticalStep {
  id: string;
  /** The scenario's title and reason for it. */
  title: string;
  why: string;
  /** Done before the moment it protects (the first step of the `before` event), or, if that never came, at all. */
  done: boolean;
  /** Not done, in a run still in progress that has not reached the moment yet: not missed yet (0 points). */
  pending: boolean;
  /** The step after which it held, if ever (it may be too late: see `late`). */
  stepIndex: number | null;
  at: number | null;
  /** Done, but only after the step it had to come before. */
  late: boolean;
  /** The step it had to come before (the first one performing the `before` event), if the run got there, and when it finished. */
  deadlineStepIndex: number | null;
  deadlineAt: number | null;
  /** The real event it had to come before (the timeline's own words). */
  beforeWhat: string;
  /** Points this run lost for it (0 when done in time). */
  points: number;
}

/** What the run left lost, read off the world at its end (the scenario's `scoring.dataLoss`). */
export interface DataLoss {
  /** Rows missing at the end, compared with the data just before the incident. */
  missing: number;
  /** What those rows are, and what would have brought them back, in the scenario's words. */
  rows: string;
  remedy: string | null;
  /** Counted only for a resolved run (a failed or unfinished one has lost its points already). */
  counted: boolean;
  points: number;
}

/**
 * A deduction, as data: its category, the points it took (positive; 0 for a broken rule once the
 * safety cap is spent, still listed), the step it is about, and what the wording needs to name it.
 */
export type Deduction = { points: number; stepIndex?: number } & (
  | { category: 'root-cause' | 'mitigation' | 'recovery'; milestone: MilestoneKind; perMinute: number; max: number }
  | { category: 'communication'; perMinute: number; max: number }
  | { category: 'red-herrings'; stepIndex: number }
  | { category: 'critical-steps'; criticalStep: string }
  | { category: 'hints'; stepIndex: number; hint: string }
  | { category: 'injects'; stepIndex: number; inject: string; firedAt: number }
  | { category: 'safety'; stepIndex: number; rule: string }
  | { category: 'data-loss' }
  /** `unfinished`; `failed` takes what the deductions before it (`before`) left; `failed-at-zero` is listed when they took everything already. */
  | { category: 'outcome'; why: 'unfinished' | 'failed' | 'failed-at-zero'; before: number }
);

export interface Points {
  max: number;
  /** `max` minus every deduction, never below 0; 0 for a failed run. */
  total: number;
  /** Every deduction added up: `max - total`, or more when the total stopped at 0. */
  taken: number;
  deductions: Deduction[];
  /** Points lost per category. */
  byCategory: Record<DeductionCategory, number>;
}

/**
 * Why the grade is what it is: a failed run; the points (`threshold`: what the grade needs, or,
 * for an F, the D it fell below); or a critical rule broken, which caps a better grade by points.
 */
export type GradeBasis = { kind: 'failed' } | { kind: 'points'; threshold: number } | { kind: 'critical-cap'; byPoints: Grade };

export interface Score {
  scenario: { id: string; version: number };
  outcome: Outcome;
  ending: { id: string; title: string; outcome: 'resolved' | 'failed' } | null;
  /** Clock when the drill started and when the run stopped, in seconds since midnight. */
  startedAt: number;
  endedAt: number;
  /** Steps replayed, and inputs ignored because they came after the end. */
  steps: number;
  ignoredInputs: number;
  timeToRootCause: Milestone;
  timeToMitigation: Milestone;
  timeToVerifiedRecovery: Milestone;
  userImpact: UserImpact;
  alignment: Alignment;
  redHerrings: RedHerrings;
  safety: Safety;
  communication: Communication;
  /** Hints asked for (or revealed by the facilitator), one entry per hint at its highest tier, in the order first shown. */
  hints: HintUse[];
  /** The facilitator's injects that asked for a response, one entry per firing, in order (empty without them). */
  injectResponses: InjectResponse[];
  /** The scenario's critical steps, in its order (empty when it marks none). */
  criticalSteps: CriticalStep[];
  /** Null when the scenario counts no data loss. */
  dataLoss: DataLoss | null;
  points: Points;
  grade: Grade;
  gradeBasis: GradeBasis;
  /** The scenario's debrief lessons, each with what this run showed of it (as data). */
  lessons: LessonReview[];
}

const SEVERITY_ORDER: readonly Rule['severity'][] = ['warning', 'serious', 'critical'];
const GRADE_ORDER: readonly Grade[] = ['A', 'B', 'C', 'D', 'F'];

/**
 * Scores a run of `scenario` from its inputs alone. Deterministic, never throws for any inputs
 * the engine accepts, and scores unfinished runs too (their missing times are null). The result
 * is data only: clock seconds, deltas, ids and counts; the sentences are made per audience in
 * `src/scoring/words/`. `replay` is these inputs' replay, when the caller has made it already.
 */
export function scoreRun(scenario: Scenario, inputs: readonly DrillInput[], replay: ScoringReplay = replayForScoring(scenario, inputs)): Score {
  const config = scoringConfig(scenario);
  const { steps, world, outcome } = replay;
  const alignment = alignRun(scenario, config, replay);
  const startedAt = parseClock(scenario.clock.start);
  const endedAt = world.clock;
  const ending = scenario.endings.find((e) => e.id === world.ending) ?? null;
  const run: RunFacts = { scenario, outcome, startedAt, endedAt };

  const milestone = (event: TimelineEvent['kind'], kind: MilestoneKind) => measureMilestone(run, alignment, event, kind);
  const timeToRootCause = milestone('root-cause', 'root-cause');
  const timeToMitigation = milestone('mitigation', 'mitigation');
  const timeToVerifiedRecovery = milestone('verification', 'verified-recovery');

  const userImpact = measureImpact(scenario, timeToVerifiedRecovery, endedAt);
  const communication = measureCommunication(alignment);
  const redHerrings = collectRedHerrings(scenario, alignment);
  const safety = collectViolations(scenario, config, alignment);
  const criticalSteps = measureCriticalSteps(run, config, alignment, replay);
  const hints = collectHints(config, replay, alignment);
  const injectResponses = measureInjectResponses(run, config, replay);

  const dataLoss = measureDataLoss(run, config, world.facts);
  const points = tally(run, config, { timeToRootCause, timeToMitigation, timeToVerifiedRecovery, communication, redHerrings, safety, criticalSteps, hints, injectResponses, dataLoss });
  const { grade, gradeBasis } = gradeOf(config, points.total, outcome, safety);
  const lessons = reviewLessons(scenario, config, { alignment, communication, redHerrings, safety, userImpact, criticalSteps });

  return {
    scenario: { id: scenario.id, version: scenario.version },
    outcome,
    ending: ending ? { id: ending.id, title: ending.title, outcome: ending.outcome } : null,
    startedAt,
    endedAt,
    // The trainee's steps: the facilitator's are the session's, never counted against the trainee.
    steps: steps.filter((s) => s.channel !== 'facilitator').length,
    ignoredInputs: replay.ignoredInputs,
    timeToRootCause,
    timeToMitigation,
    timeToVerifiedRecovery,
    userImpact,
    alignment,
    redHerrings,
    safety,
    communication,
    hints,
    injectResponses,
    criticalSteps,
    dataLoss,
    points,
    grade,
    gradeBasis,
    lessons,
  };
}

interface RunFacts {
  scenario: Scenario;
  outcome: Outcome;
  startedAt: number;
  endedAt: number;
}

function measureMilestone(run: RunFacts, alignment: Alignment, eventKind: TimelineEvent['kind'], kind: MilestoneKind): Milestone {
  const event = alignment.events.find((e) => e.kind === eventKind);
  const realAt = event?.realAt ?? null;
  const at = event?.traineeAt ?? null;
  const deltaSeconds = at !== null && realAt !== null ? at - realAt : null;
  return {
    kind,
    eventId: event?.eventId ?? null,
    stepIndex: event?.stepIndex ?? null,
    at,
    seconds: at === null ? null : at - run.startedAt,
    realAt,
    realSeconds: realAt === null ? null : realAt - run.startedAt,
    deltaSeconds,
    deltaMinutes: deltaSeconds === null ? null : deltaSeconds / 60,
  };
}

function measureImpact(scenario: Scenario, recovery: Milestone, endedAt: number): UserImpact {
  const from = parseClock(scenario.timeline.impactStart);
  const realTo = parseClock(scenario.timeline.impactEnd);
  const ongoing = recovery.at === null;
  const to = Math.max(from, recovery.at ?? endedAt);
  const minutes = (to - from) / 60;
  const realMinutes = (realTo - from) / 60;
  return { from, to, ongoing, minutes, realTo, realMinutes, deltaMinutes: minutes - realMinutes };
}

function measureCommunication(alignment: Alignment): Communication {
  const escalation = alignment.events.find((e) => e.kind === 'escalation');
  const realAt = escalation?.realAt ?? null;
  // Telling means doing the timeline's escalation (a "hi" is not a report); a scenario without one counts any message.
  const first = escalation
    ? escalation.firstStepIndex === null
      ? undefined
      : alignment.steps[escalation.firstStepIndex]
    : alignment.steps.find((s) => s.channel === 'chat' && s.input !== '');
  const eventId = escalation?.eventId ?? null;
  if (!first) return { told: false, eventId, stepIndex: null, at: null, realAt, deltaSeconds: null, deltaMinutes: null };
  const delta = realAt === null ? null : first.at - realAt;
  return { told: true, eventId, stepIndex: first.index, at: first.at, realAt, deltaSeconds: delta, deltaMinutes: delta === null ? null : delta / 60 };
}

function collectRedHerrings(scenario: Scenario, alignment: Alignment): RedHerrings {
  const teaches = new Map(scenario.actions.map((a) => [a.id, a.teaches]));
  const redHerringEvents = new Map(scenario.timeline.events.filter((e) => e.kind === 'red-herring').flatMap((e) => e.actions.map((a) => [a, e] as const)));
  const steps: RedHerringStep[] = alignment.steps
    .filter((s) => s.redHerring)
    .map((s) => {
      const action = s.actions.find((a) => redHerringEvents.has(a))!;
      const event = redHerringEvents.get(action)!;
      return { stepIndex: s.index, eventId: event.id, input: s.input, at: s.at, minutes: s.minutes, teaches: teaches.get(action) ?? null };
    });
  return { steps, minutes: steps.reduce((sum, s) => sum + s.minutes, 0) };
}

function collectViolations(scenario: Scenario, config: ScoringConfig, alignment: Alignment): Safety {
  const rules = new Map(scenario.rules.map((r) => [r.id, r]));
  const byRule = new Map<string, Violation>();
  let budget = config.safety.max;
  for (const step of alignment.steps) {
    for (const breach of step.breaches) {
      const rule = rules.get(breach.rule);
      if (!rule) continue;
      const seen = byRule.get(rule.id);
      if (seen) {
        if (seen.stepIndex !== step.index && !seen.again.some((a) => a.stepIndex === step.index)) seen.again.push({ stepIndex: step.index, input: step.input, at: step.at });
        continue;
      }
      const fullPoints = config.safety[rule.severity];
      const points = Math.min(budget, fullPoints);
      budget -= points;
      byRule.set(rule.id, {
        stepIndex: step.index,
        input: step.input,
        at: step.at,
        rule: rule.id,
        action: breach.action,
        title: rule.title,
        why: rule.why,
        severity: rule.severity,
        points,
        fullPoints,
        again: [],
      });
    }
  }
  const violations = [...byRule.values()];
  const worst = violations.reduce<Rule['severity'] | null>((w, v) => (w === null || SEVERITY_ORDER.indexOf(v.severity) > SEVERITY_ORDER.indexOf(w) ? v.severity : w), null);
  const points = violations.reduce((sum, v) => sum + v.points, 0);
  return { violations, points, worst, max: config.safety.max, capped: violations.some((v) => v.points < v.fullPoints) };
}

/** The hints shown: each at the highest tier reached, costing that tier's points, within the cap. */
function collectHints(config: ScoringConfig, replay: ScoringReplay, alignment: Alignment): HintUse[] {
  const uses = new Map<string, HintUse>();
  replay.steps.forEach((step, index) => {
    if (!step.hint) return;
    const known = uses.get(step.hint.id);
    if (known) {
      known.asked += 1;
      if (step.hint.tier > known.tier) Object.assign(known, { tier: step.hint.tier, stepIndex: index, at: alignment.steps[index]!.at });
    } else uses.set(step.hint.id, { id: step.hint.id, tier: step.hint.tier, stepIndex: index, at: alignment.steps[index]!.at, asked: 1, points: 0 });
  });
  let budget = config.hints.max;
  const list = [...uses.values()];
  for (const use of list) {
    const cost = [config.hints.nudge, config.hints.pointer, config.hints.command][use.tier - 1]!;
    use.points = Math.min(budget, cost);
    budget -= use.points;
  }
  return list;
}

/**
 * Each critical step: done if one of its conditions held after a step before the first step
 * performing its `before` event (or anywhere, if the run never got there).
 */
function measureCriticalSteps(run: RunFacts, config: ScoringConfig, alignment: Alignment, replay: ScoringReplay): CriticalStep[] {
  const events = new Map(run.scenario.timeline.events.map((e) => [e.id, e]));
  return config.criticalSteps.map((spec) => {
    const before = events.get(spec.before);
    const beforeActions = new Set(before?.actions ?? []);
    const beforeWhat = before?.what ?? spec.before;
    const deadline = alignment.steps.findIndex((s) => s.actions.some((a) => beforeActions.has(a)));
    // Only the trainee's steps do it: what an inject of the facilitator set is not theirs.
    const doneAt = alignment.steps.findIndex((s) => s.channel !== 'facilitator' && spec.doneWhen.some((when) => holds(when, replay.worldAfter(s.index).facts)));
    const stepIndex = doneAt === -1 ? null : doneAt;
    const deadlineStepIndex = deadline === -1 ? null : deadline;
    const done = stepIndex !== null && (deadlineStepIndex === null || stepIndex < deadlineStepIndex);
    const late = stepIndex !== null && !done;
    const at = stepIndex === null ? null : alignment.steps[stepIndex]!.at;
    // A run still in progress that has not got to the moment yet has not missed it yet.
    const pending = !done && deadlineStepIndex === null && run.outcome === 'in-progress';
    const points = done || pending ? 0 : spec.points;
    const deadlineAt = deadlineStepIndex === null ? null : alignment.steps[deadlineStepIndex]!.at;
    return { id: spec.id, title: spec.title, why: spec.why, done, pending, stepIndex, at, late, deadlineStepIndex, deadlineAt, beforeWhat, points };
  });
}

/**
 * Each firing of an inject with a `response`: answered when a later step of the trainee's performs
 * one of its actions, or leaves one of its conditions holding, and finishes within its minutes.
 * A firing in a trainee's step (a repeat) is answered by a step after it: the message came in
 * while that step ran. Missed ones cost their points, within the injects' cap.
 */
function measureInjectResponses(run: RunFacts, config: ScoringConfig, replay: ScoringReplay): InjectResponse[] {
  const injects = new Map((run.scenario.injects ?? []).map((i) => [i.id, i]));
  const list: InjectResponse[] = [];
  let budget = config.injects.max;
  replay.steps.forEach((step, firedStepIndex) => {
    for (const firing of step.injected ?? []) {
      const response = injects.get(firing.id)?.response;
      if (!response) continue;
      const withinSeconds = Math.round(response.withinMinutes * 60);
      const deadline = firing.at + withinSeconds;
      const actions = new Set(response.actions ?? []);
      let stepIndex: number | null = null;
      for (let i = firedStepIndex + 1; i < replay.steps.length; i += 1) {
        const s = replay.steps[i]!;
        if (s.clock > deadline) break;
        if (s.channel === 'facilitator') continue;
        if (s.actions.some((a) => actions.has(a)) || (response.doneWhen ?? []).some((when) => holds(when, replay.worldAfter(i).facts))) {
          stepIndex = i;
          break;
        }
      }
      const done = stepIndex !== null;
      const pending = !done && run.outcome === 'in-progress' && run.endedAt < deadline;
      const points = done || pending ? 0 : Math.min(budget, response.points);
      budget -= points;
      list.push({ inject: firing.id, firedStepIndex, firedAt: firing.at, stepIndex, at: stepIndex === null ? null : replay.steps[stepIndex]!.clock, done, pending, withinSeconds, why: response.why, points });
    }
  });
  return list;
}

interface Measured {
  timeToRootCause: Milestone;
  timeToMitigation: Milestone;
  timeToVerifiedRecovery: Milestone;
  communication: Communication;
  redHerrings: RedHerrings;
  safety: Safety;
  criticalSteps: CriticalStep[];
  hints: HintUse[];
  injectResponses: InjectResponse[];
  dataLoss: DataLoss | null;
}

/**
 * Rows the run leaves lost. Counted for a run that brought the data back: a failed or unfinished
 * run loses its points for that already, and "some rows are missing" would understate it.
 */
function measureDataLoss(run: RunFacts, config: ScoringConfig, facts: Readonly<Record<string, unknown>>): DataLoss | null {
  const spec = config.dataLoss;
  if (!spec) return null;
  const value = facts[spec.fact];
  const missing = typeof value === 'number' ? value : 0;
  const counted = run.outcome === 'resolved';
  const points = counted ? Math.min(spec.max, Math.ceil(missing * spec.perRow)) : 0;
  return { missing, rows: spec.rows, remedy: spec.remedy ?? null, counted, points };
}

function latePoints(penalty: LatePenalty, deltaSeconds: number | null, done: boolean): number {
  if (!done) return penalty.max;
  return Math.min(penalty.max, minutesLate(Math.round(deltaSeconds ?? 0)) * penalty.perMinute);
}

const SPEED_CATEGORY: Record<MilestoneKind, 'root-cause' | 'mitigation' | 'recovery'> = { 'root-cause': 'root-cause', mitigation: 'mitigation', 'verified-recovery': 'recovery' };

function tally(run: RunFacts, config: ScoringConfig, m: Measured): Points {
  const deductions: Deduction[] = [];
  const take = (deduction: Deduction, listedAtZero = false) => {
    if (deduction.points > 0 || listedAtZero) deductions.push(deduction);
  };
  const at = (stepIndex: number | null) => (stepIndex === null ? {} : { stepIndex });

  const speed: [Milestone, LatePenalty][] = [
    [m.timeToRootCause, config.rootCause],
    [m.timeToMitigation, config.mitigation],
    [m.timeToVerifiedRecovery, config.recovery],
  ];
  for (const [milestone, penalty] of speed) {
    if (milestone.realAt === null) continue;
    const points = latePoints(penalty, milestone.deltaSeconds, milestone.at !== null);
    take({ category: SPEED_CATEGORY[milestone.kind], points, milestone: milestone.kind, perMinute: penalty.perMinute, max: penalty.max, ...at(milestone.stepIndex) });
  }

  const c = m.communication;
  if (c.realAt !== null) {
    const points = latePoints(config.communication, c.deltaSeconds, c.told);
    take({ category: 'communication', points, perMinute: config.communication.perMinute, max: config.communication.max, ...at(c.stepIndex) });
  }

  let herringBudget = config.redHerrings.max;
  for (const step of m.redHerrings.steps) {
    const points = Math.min(herringBudget, config.redHerrings.perStep);
    herringBudget -= points;
    take({ category: 'red-herrings', points, stepIndex: step.stepIndex });
  }

  for (const s of m.criticalSteps) take({ category: 'critical-steps', points: s.points, criticalStep: s.id, ...at(s.deadlineStepIndex) });

  for (const h of m.hints) take({ category: 'hints', points: h.points, stepIndex: h.stepIndex, hint: h.id });

  for (const r of m.injectResponses) take({ category: 'injects', points: r.points, stepIndex: r.firedStepIndex, inject: r.inject, firedAt: r.firedAt });

  for (const v of m.safety.violations) take({ category: 'safety', points: v.points, stepIndex: v.stepIndex, rule: v.rule }, true);

  if (m.dataLoss && m.dataLoss.points > 0) take({ category: 'data-loss', points: m.dataLoss.points });

  if (run.outcome === 'in-progress') take({ category: 'outcome', points: config.unfinished, why: 'unfinished', before: 0 });
  const lost = deductions.reduce((sum, d) => sum + d.points, 0);
  if (run.outcome === 'failed') {
    if (lost >= MAX_POINTS) take({ category: 'outcome', points: 0, why: 'failed-at-zero', before: lost }, true);
    take({ category: 'outcome', points: Math.max(0, MAX_POINTS - lost), why: 'failed', before: lost });
  }
  const total = run.outcome === 'failed' ? 0 : Math.max(0, MAX_POINTS - lost);
  const taken = deductions.reduce((sum, d) => sum + d.points, 0);
  const byCategory = Object.fromEntries(DEDUCTION_CATEGORIES.map((c) => [c, 0])) as Record<DeductionCategory, number>;
  for (const d of deductions) byCategory[d.category] += d.points;
  return { max: MAX_POINTS, total, deductions, byCategory, taken };
}

function gradeOf(config: ScoringConfig, total: number, outcome: Outcome, safety: Safety): { grade: Grade; gradeBasis: GradeBasis } {
  if (outcome === 'failed') return { grade: 'F', gradeBasis: { kind: 'failed' } };
  const g = config.grades;
  const byPoints: Grade = total >= g.A ? 'A' : total >= g.B ? 'B' : total >= g.C ? 'C' : total >= g.D ? 'D' : 'F';
  const cap = config.safety.criticalGradeCap;
  if (safety.worst === 'critical' && GRADE_ORDER.indexOf(byPoints) < GRADE_ORDER.indexOf(cap)) {
    return { grade: cap, gradeBasis: { kind: 'critical-cap', byPoints } };
  }
  return { grade: byPoints, gradeBasis: { kind: 'points', threshold: byPoints === 'F' ? g.D : g[byPoints] } };
}

export type { Alignment, EventAlignment, LessonReview };
