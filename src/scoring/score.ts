/**
 * The score of a run: a pure function of (scenario, inputs). It replays the inputs through the
 * engine and never trusts anything a run file says it led to. Every number comes with a sentence
 * a trainee understands, and every point taken off names its reason. See docs/scoring.md.
 */
import type { Rule, Scenario, TimelineEvent } from '../scenario/schema';
import { parseClock } from '../engine/clock';
import type { DrillInput, Outcome } from '../engine/replay';
import { alignRun, type Alignment, type EventAlignment } from './align';
import { MAX_POINTS, scoringConfig, type Grade, type LatePenalty, type ScoringConfig } from './config';
import { reviewLessons, type LessonReview } from './lessons';
import { replayForScoring, type ScoringReplay } from './replay';
import { holds } from '../engine/conditions';
import { tierWords } from '../engine/hints';
import { clockLabel, durationText, minutesLate, plural } from './text';

export type { Grade } from './config';

/** A moment the score times: the root cause found, the data restored, the site verified. */
export interface Milestone {
  /** In words: `root cause`, `mitigation`, `verified recovery`. */
  label: string;
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
  /** Trainee minus team, in minutes, signed: negative is earlier than the team. Null if either is missing. */
  deltaMinutes: number | null;
  explanation: string;
}

export interface UserImpact {
  /** From the scenario's `impactStart` to the verified recovery, or to the end of the run if there was none. */
  from: number;
  to: number;
  /** True when users were still affected when the run stopped. */
  ongoing: boolean;
  minutes: number;
  /** The day's impact window (`impactStart` to `impactEnd`), and the difference (trainee minus team). */
  realMinutes: number;
  deltaMinutes: number;
  explanation: string;
}

export interface RedHerringStep {
  stepIndex: number;
  eventId: string;
  input: string;
  at: number;
  /** Simulated minutes the step cost. */
  minutes: number;
  /** Why it could not explain the symptom (the action's `teaches`, or the real event). */
  why: string;
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
  title: string;
  why: string;
  severity: Rule['severity'];
  /** Points this violation cost (after the safety cap: 0 once the cap is spent). */
  points: number;
  /** Later steps that broke the same rule again: listed, not charged twice. */
  again: { stepIndex: number; input: string; at: number }[];
}

export interface Safety {
  /** One per rule broken, at the first step that broke it. */
  violations: Violation[];
  /** Points lost to safety, scored apart from speed. */
  points: number;
  worst: Rule['severity'] | null;
  explanation: string;
}

export interface Communication {
  /** Whether the trainee wrote to the colleague on team chat at all. */
  told: boolean;
  stepIndex: number | null;
  /** When their first message was sent (the step finished), in seconds since midnight. */
  at: number | null;
  /** When the team escalated on the day (the timeline's escalation event). */
  realAt: number | null;
  deltaMinutes: number | null;
  explanation: string;
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
  | 'safety';

export const DEDUCTION_CATEGORIES: readonly DeductionCategory[] = ['outcome', 'root-cause', 'mitigation', 'recovery', 'critical-steps', 'data-loss', 'communication', 'red-herrings', 'hints', 'safety'];

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

/** A step the scenario marks as one a good responder must take, and whether this run took it in time. */
export interface CriticalStep {
  id: string;
  title: string;
  why: string;
  /** Done before the moment it protects (the first step of the `before` event), or, if that never came, at all. */
  done: boolean;
  /** The step after which it held, if ever (it may be too late: see `late`). */
  stepIndex: number | null;
  at: number | null;
  /** Done, but only after the step it had to come before. */
  late: boolean;
  /** The step it had to come before (the first one performing the `before` event), if the run got there. */
  deadlineStepIndex: number | null;
  /** The real event it had to come before, in words. */
  beforeWhat: string;
  /** Points this run lost for it (0 when done in time). */
  points: number;
  explanation: string;
}

/** What the run left lost, read off the world at its end (the scenario's `scoring.dataLoss`). */
export interface DataLoss {
  /** Rows missing at the end, compared with the data just before the incident. */
  missing: number;
  /** What those rows are, in the scenario's words. */
  rows: string;
  points: number;
  explanation: string;
}

export interface Deduction {
  category: DeductionCategory;
  /** Points taken off (positive; 0 for a broken rule once the safety cap is spent, still listed). */
  points: number;
  reason: string;
  stepIndex?: number;
}

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
  /** Hints asked for, one entry per hint at its highest tier, in the order first asked. */
  hints: HintUse[];
  /** The scenario's critical steps, in its order (empty when it marks none). */
  criticalSteps: CriticalStep[];
  /** Null when the scenario counts no data loss. */
  dataLoss: DataLoss | null;
  points: Points;
  grade: Grade;
  gradeReason: string;
  /** One sentence: how this run compares with the day. */
  headline: string;
  lessons: LessonReview[];
}

const SEVERITY_ORDER: readonly Rule['severity'][] = ['warning', 'serious', 'critical'];
const GRADE_ORDER: readonly Grade[] = ['A', 'B', 'C', 'D', 'F'];

/**
 * Scores a run of `scenario` from its inputs alone. Deterministic, never throws for any inputs
 * the engine accepts, and scores unfinished runs too (their missing times are null, explained).
 * `replay` is these inputs' replay, when the caller has made it already (a review step by step).
 */
export function scoreRun(scenario: Scenario, inputs: readonly DrillInput[], replay: ScoringReplay = replayForScoring(scenario, inputs)): Score {
  const config = scoringConfig(scenario);
  const { steps, world, outcome } = replay;
  const alignment = alignRun(scenario, config, replay);
  const startedAt = parseClock(scenario.clock.start);
  const endedAt = world.clock;
  const ending = scenario.endings.find((e) => e.id === world.ending) ?? null;
  const run: RunFacts = { scenario, outcome, startedAt, endedAt, endingTitle: ending?.title ?? null };

  const milestone = (kind: TimelineEvent['kind'], label: string) => measureMilestone(run, alignment, kind, label);
  const timeToRootCause = milestone('root-cause', 'root cause');
  const timeToMitigation = milestone('mitigation', 'mitigation');
  const timeToVerifiedRecovery = milestone('verification', 'verified recovery');

  const userImpact = measureImpact(scenario, timeToVerifiedRecovery, endedAt);
  const communication = measureCommunication(run, alignment);
  const redHerrings = collectRedHerrings(scenario, alignment);
  const safety = collectViolations(scenario, config, alignment);
  const criticalSteps = measureCriticalSteps(run, config, alignment, replay);
  const hints = collectHints(config, replay, alignment);

  const dataLoss = measureDataLoss(run, config, world.facts);
  const points = tally(run, config, { timeToRootCause, timeToMitigation, timeToVerifiedRecovery, communication, redHerrings, safety, criticalSteps, hints, dataLoss });
  const { grade, gradeReason } = gradeOf(config, points.total, outcome, run.endingTitle, safety);
  const headline = headlineOf(run, timeToRootCause, timeToMitigation, timeToVerifiedRecovery);
  const lessons = reviewLessons(scenario, config, { alignment, communication, redHerrings, safety, userImpact, criticalSteps });

  return {
    scenario: { id: scenario.id, version: scenario.version },
    outcome,
    ending: ending ? { id: ending.id, title: ending.title, outcome: ending.outcome } : null,
    startedAt,
    endedAt,
    steps: steps.length,
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
    criticalSteps,
    dataLoss,
    points,
    grade,
    gradeReason,
    headline,
    lessons,
  };
}

interface RunFacts {
  scenario: Scenario;
  outcome: Outcome;
  startedAt: number;
  endedAt: number;
  endingTitle: string | null;
}

/** Why a thing is missing, in a trainee's words. */
function notDoneBecause(run: RunFacts): string {
  if (run.outcome === 'in-progress') return `not yet: the run stopped at ${clockLabel(run.endedAt)}`;
  if (run.outcome === 'failed') return `not before the run failed at ${clockLabel(run.endedAt)} (${run.endingTitle ?? 'failed'})`;
  return 'not in this run';
}

function measureMilestone(run: RunFacts, alignment: Alignment, kind: TimelineEvent['kind'], label: string): Milestone {
  const event = alignment.events.find((e) => e.kind === kind);
  const realAt = event?.realAt ?? null;
  const at = event?.traineeAt ?? null;
  const base = {
    label,
    eventId: event?.eventId ?? null,
    stepIndex: event?.stepIndex ?? null,
    at,
    seconds: at === null ? null : at - run.startedAt,
    realAt,
    realSeconds: realAt === null ? null : realAt - run.startedAt,
    deltaMinutes: at !== null && realAt !== null ? (at - realAt) / 60 : null,
  };
  const Label = label[0]!.toUpperCase() + label.slice(1);
  let explanation: string;
  if (realAt === null) {
    explanation = at === null ? `${Label}: the real timeline has none to compare with.` : `${Label} at ${clockLabel(at)}; the real timeline has none to compare with.`;
  } else if (at === null) {
    explanation = `${Label}: ${notDoneBecause(run)}. The team got there at ${clockLabel(realAt)}.`;
  } else {
    const input = alignment.steps[event!.stepIndex!]?.input ?? '';
    explanation = `${Label} at ${clockLabel(at)} (“${input}”), ${compareWithTeam(at - realAt)} (${clockLabel(realAt)}).`;
  }
  return { ...base, explanation };
}

/** `6 minutes before the team`, `just when the team did`, `2 min 30 s after the team`. */
function compareWithTeam(deltaSeconds: number): string {
  if (deltaSeconds === 0) return 'exactly when the team did';
  return `${durationText(deltaSeconds)} ${deltaSeconds < 0 ? 'before' : 'after'} the team`;
}

function measureImpact(scenario: Scenario, recovery: Milestone, endedAt: number): UserImpact {
  const from = parseClock(scenario.timeline.impactStart);
  const realTo = parseClock(scenario.timeline.impactEnd);
  const ongoing = recovery.at === null;
  const to = Math.max(from, recovery.at ?? endedAt);
  const minutes = (to - from) / 60;
  const realMinutes = (realTo - from) / 60;
  const day = `on the day, ${durationText(realTo - from)} (${clockLabel(from)}–${clockLabel(realTo)})`;
  const explanation = ongoing
    ? `Users were still affected when the run stopped at ${clockLabel(to)}: ${durationText(to - from)} since ${clockLabel(from)} so far; ${day}.`
    : `Users were affected for ${durationText(to - from)} (${clockLabel(from)}–${clockLabel(to)}); ${day}.`;
  return { from, to, ongoing, minutes, realMinutes, deltaMinutes: minutes - realMinutes, explanation };
}

function measureCommunication(run: RunFacts, alignment: Alignment): Communication {
  const { scenario } = run;
  const escalation = alignment.events.find((e) => e.kind === 'escalation');
  const realAt = escalation?.realAt ?? null;
  // Telling means doing the timeline's escalation (a "hi" is not a report); a scenario without one counts any message.
  const first = escalation
    ? escalation.firstStepIndex === null
      ? undefined
      : alignment.steps[escalation.firstStepIndex]
    : alignment.steps.find((s) => s.channel === 'chat' && s.input !== '');
  const name = scenario.colleague.name;
  const day = escalation ? `On the day, ${escalation.who} told the ${scenario.colleague.role} at ${clockLabel(escalation.realAt)}.` : '';
  if (!first) {
    const when = run.outcome === 'in-progress' ? `You have not told ${name} yet (the run stopped at ${clockLabel(run.endedAt)}).` : `You never told ${name}.`;
    return { told: false, stepIndex: null, at: null, realAt, deltaMinutes: null, explanation: `${when} ${day}`.trim() };
  }
  const delta = realAt === null ? null : first.at - realAt;
  const compared = delta === null ? '' : delta === 0 ? ', exactly when the team did' : `, ${durationText(delta)} ${delta < 0 ? 'earlier than' : 'later than'} on the day (${clockLabel(realAt!)})`;
  return {
    told: true,
    stepIndex: first.index,
    at: first.at,
    realAt,
    deltaMinutes: delta === null ? null : delta / 60,
    explanation: `You first told ${name} at ${clockLabel(first.at)}${compared}.`,
  };
}

function collectRedHerrings(scenario: Scenario, alignment: Alignment): RedHerrings {
  const teaches = new Map(scenario.actions.map((a) => [a.id, a.teaches]));
  const events = new Map(alignment.events.map((e) => [e.eventId, e]));
  const redHerringEvents = new Map(scenario.timeline.events.filter((e) => e.kind === 'red-herring').flatMap((e) => e.actions.map((a) => [a, e] as const)));
  const steps: RedHerringStep[] = alignment.steps
    .filter((s) => s.redHerring)
    .map((s) => {
      const action = s.actions.find((a) => redHerringEvents.has(a))!;
      const event = redHerringEvents.get(action)!;
      return {
        stepIndex: s.index,
        eventId: event.id,
        input: s.input,
        at: s.at,
        minutes: s.minutes,
        why: teaches.get(action) ?? `On the day: ${events.get(event.id)?.what ?? event.what}`,
      };
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
      const points = Math.min(budget, config.safety[rule.severity]);
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
        again: [],
      });
    }
  }
  const violations = [...byRule.values()];
  const worst = violations.reduce<Rule['severity'] | null>((w, v) => (w === null || SEVERITY_ORDER.indexOf(v.severity) > SEVERITY_ORDER.indexOf(w) ? v.severity : w), null);
  const points = violations.reduce((sum, v) => sum + v.points, 0);
  const capped = violations.some((v) => v.points < config.safety[v.severity]) ? ` (safety costs at most ${config.safety.max})` : '';
  const explanation =
    violations.length === 0
      ? 'You broke none of the rules of careful practice.'
      : `You broke ${plural(violations.length, 'rule')} of careful practice (worst: ${worst}), costing ${plural(points, 'point')}${capped}. Safety is scored apart from speed: being fast does not buy it back.`;
  return { violations, points, worst, explanation };
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
    const doneAt = alignment.steps.findIndex((s) => spec.doneWhen.some((when) => holds(when, replay.worldAfter(s.index).facts)));
    const stepIndex = doneAt === -1 ? null : doneAt;
    const deadlineStepIndex = deadline === -1 ? null : deadline;
    const done = stepIndex !== null && (deadlineStepIndex === null || stepIndex < deadlineStepIndex);
    const late = stepIndex !== null && !done;
    const at = stepIndex === null ? null : alignment.steps[stepIndex]!.at;
    // A run still in progress that has not got to the moment yet has not missed it yet.
    const pending = !done && deadlineStepIndex === null && run.outcome === 'in-progress';
    const points = done || pending ? 0 : spec.points;
    let explanation: string;
    if (done) explanation = `${spec.title}: done at ${clockLabel(at!)} (“${alignment.steps[stepIndex!]!.input}”).`;
    else if (pending) explanation = `${spec.title}: not yet (the run stopped at ${clockLabel(run.endedAt)}, before this mattered).`;
    else if (deadlineStepIndex !== null) {
      const d = alignment.steps[deadlineStepIndex]!;
      const lateText = late ? `only at ${clockLabel(at!)}, after` : 'not done before';
      explanation = `${spec.title}: ${lateText} “${d.input}” at ${clockLabel(d.at)}. ${spec.why}`;
    } else explanation = `${spec.title}: ${notDoneBecause(run)}. ${spec.why}`;
    return { id: spec.id, title: spec.title, why: spec.why, done, stepIndex, at, late, deadlineStepIndex, beforeWhat, points, explanation };
  });
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
  const remedy = spec.remedy ? ` ${spec.remedy}` : '';
  const explanation = !counted
    ? `The data was not brought back in this run.`
    : missing === 0
      ? `Nothing was lost: every one of the ${spec.rows} is back.`
      : `${missing.toLocaleString('en')} of the ${spec.rows} did not come back.${remedy}`;
  return { missing, rows: spec.rows, points, explanation };
}

function latePoints(penalty: LatePenalty, deltaMinutes: number | null, done: boolean): number {
  if (!done) return penalty.max;
  return Math.min(penalty.max, minutesLate(Math.round((deltaMinutes ?? 0) * 60)) * penalty.perMinute);
}

function tally(run: RunFacts, config: ScoringConfig, m: Measured): Points {
  const deductions: Deduction[] = [];
  const take = (category: DeductionCategory, points: number, reason: string, stepIndex?: number, listedAtZero = false) => {
    if (points > 0 || listedAtZero) deductions.push(stepIndex === undefined ? { category, points, reason } : { category, points, reason, stepIndex });
  };

  const speed: [DeductionCategory, Milestone, LatePenalty][] = [
    ['root-cause', m.timeToRootCause, config.rootCause],
    ['mitigation', m.timeToMitigation, config.mitigation],
    ['recovery', m.timeToVerifiedRecovery, config.recovery],
  ];
  for (const [category, milestone, penalty] of speed) {
    if (milestone.realAt === null) continue;
    const done = milestone.at !== null;
    const points = latePoints(penalty, milestone.deltaMinutes, done);
    const Label = milestone.label[0]!.toUpperCase() + milestone.label.slice(1);
    const reason = done
      ? `${Label} at ${clockLabel(milestone.at!)}, ${durationText(milestone.at! - milestone.realAt)} after the team (${clockLabel(milestone.realAt)}): ${penalty.perMinute} a minute, at most ${penalty.max}.`
      : `${Label}: ${notDoneBecause(run)} (the team: ${clockLabel(milestone.realAt)}).`;
    take(category, points, reason, milestone.stepIndex ?? undefined);
  }

  const c = m.communication;
  const name = run.scenario.colleague.name;
  if (c.realAt !== null) {
    const points = latePoints(config.communication, c.deltaMinutes, c.told);
    const reason = c.told
      ? `You first told ${name} at ${clockLabel(c.at!)}, ${durationText(c.at! - c.realAt)} later than on the day (${clockLabel(c.realAt)}): ${config.communication.perMinute} a minute, at most ${config.communication.max}.`
      : `You did not tell ${name} during the run. Asking early is the postmortem's own lesson.`;
    take('communication', points, reason, c.stepIndex ?? undefined);
  }

  let herringBudget = config.redHerrings.max;
  for (const step of m.redHerrings.steps) {
    const points = Math.min(herringBudget, config.redHerrings.perStep);
    herringBudget -= points;
    take('red-herrings', points, `Red herring at ${clockLabel(step.at)}: “${step.input}” (${durationText(step.minutes * 60)}). ${step.why}`, step.stepIndex);
  }

  for (const c of m.criticalSteps) take('critical-steps', c.points, c.explanation, c.deadlineStepIndex ?? undefined);

  for (const h of m.hints) {
    const times = h.asked > 1 ? ` (asked ${h.asked} times)` : '';
    take('hints', h.points, `At ${clockLabel(h.at)}, up to ${tierWords(h.tier)}${times}.`, h.stepIndex);
  }

  for (const v of m.safety.violations) {
    const again = v.again.length === 0 ? '' : ` Again at ${v.again.map((a) => clockLabel(a.at)).join(', ')} (counted once).`;
    const capped = v.points < config.safety[v.severity] ? ` Safety costs at most ${config.safety.max}: ${v.points === 0 ? 'none were left' : `only ${plural(v.points, 'point')} were left`}.` : '';
    take('safety', v.points, `Broke “${v.title}” (${v.severity}) at ${clockLabel(v.at)}: “${v.input}”. ${v.why}${again}${capped}`, v.stepIndex, true);
  }

  if (m.dataLoss && m.dataLoss.points > 0) take('data-loss', m.dataLoss.points, m.dataLoss.explanation);

  if (run.outcome === 'in-progress') {
    take('outcome', config.unfinished, `Unfinished: the site was still down for users when the run stopped at ${clockLabel(run.endedAt)}.`);
  }
  const lost = deductions.reduce((sum, d) => sum + d.points, 0);
  if (run.outcome === 'failed') {
    if (lost >= MAX_POINTS) {
      take('outcome', 0, `The run failed (“${run.endingTitle ?? 'failed'}”) at ${clockLabel(run.endedAt)}: a failed run scores 0, and the deductions above already take all ${MAX_POINTS} points.`, undefined, true);
    }
    const rest = Math.max(0, MAX_POINTS - lost);
    take('outcome', rest, `The run failed (“${run.endingTitle ?? 'failed'}”) at ${clockLabel(run.endedAt)}: a failed run scores 0, whatever its speed. The deductions above took ${lost}; this takes the other ${rest}.`);
  }
  const total = run.outcome === 'failed' ? 0 : Math.max(0, MAX_POINTS - lost);
  const taken = deductions.reduce((sum, d) => sum + d.points, 0);
  const byCategory = Object.fromEntries(DEDUCTION_CATEGORIES.map((c) => [c, 0])) as Record<DeductionCategory, number>;
  for (const d of deductions) byCategory[d.category] += d.points;
  return { max: MAX_POINTS, total, deductions, byCategory, taken };
}

function gradeOf(config: ScoringConfig, total: number, outcome: Outcome, endingTitle: string | null, safety: Safety): { grade: Grade; gradeReason: string } {
  if (outcome === 'failed') {
    return { grade: 'F', gradeReason: `F: the run ended with “${endingTitle ?? 'failure'}”, and a failed run fails whatever its speed.` };
  }
  const g = config.grades;
  const byPoints: Grade = total >= g.A ? 'A' : total >= g.B ? 'B' : total >= g.C ? 'C' : total >= g.D ? 'D' : 'F';
  const why = byPoints === 'F' ? `below ${g.D}` : `${byPoints} needs ${g[byPoints]} or more`;
  const cap = config.safety.criticalGradeCap;
  if (safety.worst === 'critical' && GRADE_ORDER.indexOf(byPoints) < GRADE_ORDER.indexOf(cap)) {
    return { grade: cap, gradeReason: `${cap}: ${total} points would be ${byPoints}, but a critical safety rule was broken, and then ${cap} is the best grade.` };
  }
  return { grade: byPoints, gradeReason: `${byPoints}: ${plural(total, 'point')} of ${MAX_POINTS} (${why}).` };
}

function headlineOf(run: RunFacts, rootCause: Milestone, mitigation: Milestone, recovery: Milestone): string {
  if (run.outcome === 'failed') {
    return `${run.endingTitle ?? 'The run failed'}: the run failed at ${clockLabel(run.endedAt)}.`;
  }
  const foundPart = foundPhrase(rootCause);
  if (run.outcome === 'in-progress') {
    const still = `the site was still down when the run stopped at ${clockLabel(run.endedAt)}`;
    if (foundPart) return `You ${foundPart}, but ${still}.`;
    const team = rootCause.realAt === null ? '' : ` (the team found it at ${clockLabel(rootCause.realAt)})`;
    return `The run stopped at ${clockLabel(run.endedAt)}, before the root cause was found${team}.`;
  }
  const restored = mitigation.at !== null ? mitigation : recovery;
  if (restored.at === null) return foundPart ? `You ${foundPart}, and the site is back.` : 'The site is back.';
  const restoredPart =
    restored.realAt === null
      ? `restored at ${clockLabel(restored.at)}`
      : restored.at === restored.realAt
        ? `restored at ${clockLabel(restored.at)}, exactly when the team did`
        : `restored at ${clockLabel(restored.at)}, ${durationText(restored.at - restored.realAt)} ${restored.at < restored.realAt ? 'before' : 'after'} the team`;
  return foundPart && rootCause.at !== rootCause.realAt ? `You ${foundPart} and ${restoredPart}.` : `You ${restoredPart}.`;
}

/** `found the root cause 6 minutes earlier than the team did`; null when it was not found (or there is nothing to compare). */
function foundPhrase(rootCause: Milestone): string | null {
  if (rootCause.at === null) return null;
  if (rootCause.realAt === null) return `found the root cause at ${clockLabel(rootCause.at)}`;
  const delta = rootCause.at - rootCause.realAt;
  if (delta === 0) return `found the root cause at ${clockLabel(rootCause.at)}, exactly when the team did`;
  return `found the root cause ${durationText(delta)} ${delta < 0 ? 'earlier' : 'later'} than the team did`;
}

export type { Alignment, EventAlignment, LessonReview };
