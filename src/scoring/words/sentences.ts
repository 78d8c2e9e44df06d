/**
 * Every sentence a score says, written once and spoken in a voice (`voice.ts`): the trainee's
 * debrief, a mentor's review and the CLI all word the same data here, so their numbers and their
 * phrasing cannot drift apart. Scenario texts (rule titles, lessons, labels, what happened on the
 * day) are quoted as the author wrote them.
 */
import type { Scenario } from '../../scenario/schema';
import { tierWords } from '../../engine/hints';
import type { EventAlignment, EventStatus, ExtraWhy, StepReview } from '../align';
import type { LessonNote } from '../lessons';
import type { CriticalStep, Deduction, DeductionCategory, Milestone, MilestoneKind, Score } from '../score';
import { clockLabel, durationText, plural } from '../text';
import type { Voice } from './voice';

const quote = (text: string) => `“${text}”`;

/**
 * How a time compares with the team's on the day, from the difference in seconds (trainee minus
 * team): `4 minutes before the team`, `2 min 30 s after the team`, `exactly when the team did`.
 * The one way every audience says it.
 */
export function againstTheTeam(deltaSeconds: number): string {
  if (Math.round(deltaSeconds) === 0) return 'exactly when the team did';
  return `${durationText(deltaSeconds)} ${deltaSeconds < 0 ? 'before' : 'after'} the team`;
}

/** What one event of the day was to a run: `not in your run`, `in Lina’s run, in another order`, `in your run`. */
export function eventInRun(status: EventStatus, v: Voice): string {
  return status === 'missed' ? `not in ${v.possessive} run` : status === 'out-of-order' ? `in ${v.possessive} run, in another order` : `in ${v.possessive} run`;
}

const MILESTONE_NAMES: Record<MilestoneKind, string> = { 'root-cause': 'Root cause', mitigation: 'Mitigation', 'verified-recovery': 'Verified recovery' };

/** `Root cause`, `Mitigation`, `Verified recovery`. */
export const milestoneName = (kind: MilestoneKind): string => MILESTONE_NAMES[kind];

/** The breakdown's name for each category of deduction. */
export const CATEGORY_NAMES: Record<DeductionCategory, string> = {
  outcome: 'Outcome',
  'root-cause': 'Root cause',
  mitigation: 'Restore',
  recovery: 'Verification',
  'critical-steps': 'Critical step',
  communication: 'Communication',
  'red-herrings': 'Red herring',
  hints: 'Hint',
  injects: 'Inject',
  'data-loss': 'Data lost',
  safety: 'Safety',
};

/** A score in words, for one voice. Lists are in the score's own order. */
export interface ScoreWords {
  voice: Voice;
  /** One sentence: how this run compares with the day. */
  headline: string;
  /** Why the grade is what it is. */
  grade: string;
  /** `Resolved at 08:55`, `Failed at 08:45:10: The data is gone`, `Unfinished: the run stopped at 08:40`. */
  outcome: string;
  milestone(m: Milestone): string;
  userImpact: string;
  communication: string;
  criticalStep(c: CriticalStep): string;
  hints: string;
  safety: string;
  /** The reason of one deduction of `score.points.deductions`. */
  deduction(d: Deduction): string;
  /** The sentences of one of the lesson's `inThisRun` notes. */
  lessonNote(note: LessonNote): string;
  /** Why a step matches no real event. */
  extra(why: ExtraWhy, step: StepReview): string;
  /** What one event of the day was to this run: `not in your run`, `in your run, in another order`, `in your run`. */
  eventStatus(e: EventAlignment): string;
  /** `not in your run`, for a missed event, in this voice. */
  notInRun: string;
}

/** Words a score in `voice`. Pure: the same score, scenario and voice give the same sentences. */
export function scoreWords(score: Score, scenario: Scenario, voice: Voice): ScoreWords {
  const v = voice;
  const colleague = scenario.colleague.name;
  const step = (index: number) => score.alignment.steps[index];
  const inputOf = (index: number | null) => (index === null ? '' : (step(index)?.input ?? ''));
  const events = new Map(score.alignment.events.map((e) => [e.eventId, e]));
  const rules = new Map(scenario.rules.map((r) => [r.id, r]));
  const labels = new Map(scenario.actions.map((a) => [a.id, a.label]));
  const failedTitle = score.ending?.title ?? 'failed';
  const notInRun = eventInRun('missed', v);

  /** Why a thing is missing. */
  const notDoneBecause = (): string => {
    if (score.outcome === 'in-progress') return `not yet: the run stopped at ${clockLabel(score.endedAt)}`;
    if (score.outcome === 'failed') return `not before the run failed at ${clockLabel(score.endedAt)} (${failedTitle})`;
    return 'not in this run';
  };

  const milestone = (m: Milestone): string => {
    const name = milestoneName(m.kind);
    if (m.realAt === null) return m.at === null ? `${name}: the real timeline has none to compare with.` : `${name} at ${clockLabel(m.at)}; the real timeline has none to compare with.`;
    if (m.at === null) return `${name}: ${notDoneBecause()}. The team got there at ${clockLabel(m.realAt)}.`;
    return `${name} at ${clockLabel(m.at)} (${quote(inputOf(m.stepIndex))}), ${againstTheTeam(m.deltaSeconds!)} (${clockLabel(m.realAt)}).`;
  };

  const userImpact = (() => {
    const i = score.userImpact;
    const day = `on the day, ${durationText(i.realTo - i.from)} (${clockLabel(i.from)}–${clockLabel(i.realTo)})`;
    return i.ongoing
      ? `Users were still affected when the run stopped at ${clockLabel(i.to)}: ${durationText(i.to - i.from)} since ${clockLabel(i.from)} so far; ${day}.`
      : `Users were affected for ${durationText(i.to - i.from)} (${clockLabel(i.from)}–${clockLabel(i.to)}); ${day}.`;
  })();

  const communication = (() => {
    const c = score.communication;
    const escalation = c.eventId === null ? undefined : events.get(c.eventId);
    if (!c.told) {
      const day = escalation ? ` On the day, ${escalation.who} told the ${scenario.colleague.role} at ${clockLabel(escalation.realAt)}.` : '';
      const when = score.outcome === 'in-progress' ? `${v.Subject} ${v.has} not told ${colleague} yet (the run stopped at ${clockLabel(score.endedAt)}).` : `${v.Subject} never told ${colleague}.`;
      return `${when}${day}`;
    }
    const delta = c.deltaSeconds;
    const compared = delta === null ? '' : Math.round(delta) === 0 ? `, ${againstTheTeam(0)}` : `, ${againstTheTeam(delta)} (${clockLabel(c.realAt!)})`;
    return `${v.Subject} first told ${colleague} at ${clockLabel(c.at!)}${compared}.`;
  })();

  const criticalStep = (c: CriticalStep): string => {
    if (c.done) return `${c.title}: done at ${clockLabel(c.at!)} (${quote(inputOf(c.stepIndex))}).`;
    if (c.pending) return `${c.title}: not yet (the run stopped at ${clockLabel(score.endedAt)}, before this mattered).`;
    if (c.deadlineStepIndex !== null) {
      const late = c.late ? `only at ${clockLabel(c.at!)}, after` : 'not done before';
      return `${c.title}: ${late} ${quote(inputOf(c.deadlineStepIndex))} at ${clockLabel(c.deadlineAt!)}. ${c.why}`;
    }
    return `${c.title}: ${notDoneBecause()}. ${c.why}`;
  };

  const hints = (() => {
    if (score.hints.length === 0) return `${v.Subject} asked for no hints.`;
    const points = score.hints.reduce((n, h) => n + h.points, 0);
    const list = score.hints.map((h) => `at ${clockLabel(h.at)}, up to ${tierWords(h.tier)}`).join('; ');
    return `${v.Subject} asked for ${score.hints.length === 1 ? 'one hint' : `${score.hints.length} hints`} (${list}), costing ${plural(points, 'point')}.`;
  })();

  const safety = (() => {
    const s = score.safety;
    if (s.violations.length === 0) return `${v.Subject} broke none of the rules of careful practice.`;
    const capped = s.capped ? ` (safety costs at most ${s.max})` : '';
    return `${v.Subject} broke ${plural(s.violations.length, 'rule')} of careful practice (worst: ${s.worst}), costing ${plural(s.points, 'point')}${capped}. Safety is scored apart from speed: being fast does not buy it back.`;
  })();

  const dataLoss = (): string => {
    const d = score.dataLoss;
    if (!d) return '';
    if (!d.counted) return 'The data was not brought back in this run.';
    if (d.missing === 0) return `Nothing was lost: every one of the ${d.rows} is back.`;
    return `${d.missing.toLocaleString('en')} of the ${d.rows} did not come back.${d.remedy ? ` ${d.remedy}` : ''}`;
  };

  const failedRun = `The run failed (${quote(failedTitle)}) at ${clockLabel(score.endedAt)}: a failed run scores 0`;

  const deduction = (d: Deduction): string => {
    switch (d.category) {
      case 'root-cause':
      case 'mitigation':
      case 'recovery': {
        const m = [score.timeToRootCause, score.timeToMitigation, score.timeToVerifiedRecovery].find((x) => x.kind === d.milestone)!;
        const name = milestoneName(m.kind);
        if (m.at === null) return `${name}: ${notDoneBecause()} (the team: ${clockLabel(m.realAt!)}).`;
        return `${name} at ${clockLabel(m.at)}, ${againstTheTeam(m.deltaSeconds!)} (${clockLabel(m.realAt!)}): ${d.perMinute} a minute, at most ${d.max}.`;
      }
      case 'communication': {
        const c = score.communication;
        if (!c.told) return `${v.Subject} did not tell ${colleague} during the run. Asking early is the postmortem's own lesson.`;
        return `${v.Subject} first told ${colleague} at ${clockLabel(c.at!)}, ${againstTheTeam(c.deltaSeconds!)} (${clockLabel(c.realAt!)}): ${d.perMinute} a minute, at most ${d.max}.`;
      }
      case 'red-herrings': {
        const h = score.redHerrings.steps.find((s) => s.stepIndex === d.stepIndex)!;
        const why = h.teaches ?? `On the day: ${events.get(h.eventId)?.what ?? scenario.timeline.events.find((e) => e.id === h.eventId)?.what ?? h.eventId}`;
        return `Red herring at ${clockLabel(h.at)}: ${quote(h.input)} (${durationText(h.minutes * 60)}). ${why}`;
      }
      case 'critical-steps':
        return criticalStep(score.criticalSteps.find((c) => c.id === d.criticalStep)!);
      case 'hints': {
        const h = score.hints.find((x) => x.id === d.hint)!;
        return `At ${clockLabel(h.at)}, up to ${tierWords(h.tier)}${h.asked > 1 ? ` (asked ${h.asked} times)` : ''}.`;
      }
      case 'injects': {
        const r = score.injectResponses.find((x) => x.firedAt === d.firedAt && x.inject === d.inject)!;
        const title = scenario.injects?.find((i) => i.id === r.inject)?.title ?? r.inject;
        return `No response within ${durationText(r.withinSeconds)} to ${quote(title)} at ${clockLabel(r.firedAt)}. ${r.why}`;
      }
      case 'safety': {
        const x = score.safety.violations.find((s) => s.rule === d.rule)!;
        const again = x.again.length === 0 ? '' : ` Again at ${x.again.map((a) => clockLabel(a.at)).join(', ')} (counted once).`;
        const capped = x.points < x.fullPoints ? ` Safety costs at most ${score.safety.max}: ${x.points === 0 ? 'none were left' : `only ${plural(x.points, 'point')} were left`}.` : '';
        return `Broke ${quote(x.title)} (${x.severity}) at ${clockLabel(x.at)}: ${quote(x.input)}. ${x.why}${again}${capped}`;
      }
      case 'data-loss':
        return dataLoss();
      case 'outcome':
        switch (d.why) {
          case 'unfinished':
            return `Unfinished: the site was still down for users when the run stopped at ${clockLabel(score.endedAt)}.`;
          case 'failed-at-zero':
            return `${failedRun}, and the deductions above already take all ${score.points.max} points.`;
          case 'failed':
            return `${failedRun}, whatever its speed. The deductions above took ${d.before}; this takes the other ${d.points}.`;
        }
    }
  };

  const grade = (() => {
    const b = score.gradeBasis;
    switch (b.kind) {
      case 'failed':
        return `F: the run ended with ${quote(score.ending?.title ?? 'failure')}, and a failed run fails whatever its speed.`;
      case 'critical-cap':
        return `${score.grade}: ${score.points.total} points would be ${b.byPoints}, but a critical safety rule was broken, and then ${score.grade} is the best grade.`;
      case 'points': {
        const why = score.grade === 'F' ? `below ${b.threshold}` : `${score.grade} needs ${b.threshold} or more`;
        return `${score.grade}: ${plural(score.points.total, 'point')} of ${score.points.max} (${why}).`;
      }
    }
  })();

  const headline = (() => {
    if (score.outcome === 'failed') return `${score.ending?.title ?? 'The run failed'}: the run failed at ${clockLabel(score.endedAt)}.`;
    const cause = score.timeToRootCause;
    const found = cause.at === null ? null : `found the root cause at ${clockLabel(cause.at)}${cause.deltaSeconds === null ? '' : `, ${againstTheTeam(cause.deltaSeconds)}`}`;
    if (score.outcome === 'in-progress') {
      const still = `the site was still down when the run stopped at ${clockLabel(score.endedAt)}`;
      if (found) return `${v.Subject} ${found}, but ${still}.`;
      const team = cause.realAt === null ? '' : ` (the team found it at ${clockLabel(cause.realAt)})`;
      return `The run stopped at ${clockLabel(score.endedAt)}, before the root cause was found${team}.`;
    }
    const restored = score.timeToMitigation.at !== null ? score.timeToMitigation : score.timeToVerifiedRecovery;
    if (restored.at === null) return found ? `${v.Subject} ${found}, and the site is back.` : 'The site is back.';
    const restoredPart = `restored at ${clockLabel(restored.at)}${restored.deltaSeconds === null ? '' : `, ${againstTheTeam(restored.deltaSeconds)}`}`;
    // Finding the cause just when the team did is not news: the restore is.
    const foundNews = found !== null && (cause.deltaSeconds === null || Math.round(cause.deltaSeconds) !== 0);
    return foundNews ? `${v.Subject} ${found}, and ${restoredPart}.` : `${v.Subject} ${restoredPart}.`;
  })();

  const outcome =
    score.outcome === 'resolved'
      ? `Resolved at ${clockLabel(score.endedAt)}`
      : score.outcome === 'failed'
        ? `Failed at ${clockLabel(score.endedAt)}: ${score.ending?.title ?? 'the run failed'}`
        : `Unfinished: the run stopped at ${clockLabel(score.endedAt)}`;

  const lessonNote = (note: LessonNote): string => {
    switch (note.kind) {
      case 'critical-step': {
        const c = score.criticalSteps.find((x) => x.id === note.id)!;
        return c.done ? `${v.Subject} did what had to come first: ${criticalStep(c)}` : `Missed: ${criticalStep(c)}`;
      }
      case 'rules-kept':
        return `No step ${v.ofPossessive} broke ${note.rules.map((id) => quote(rules.get(id)?.title ?? id)).join(' or ')}.`;
      case 'rule-broken': {
        const x = score.safety.violations.find((s) => s.rule === note.rule)!;
        return `At ${clockLabel(x.at)} ${v.subject} broke ${quote(x.title)}: ${quote(x.input)}.`;
      }
      case 'actions': {
        const name = (id: string) => quote(labels.get(id) ?? id);
        const done = note.done.length ? `In ${v.possessive} run: ${note.done.map((d) => `${name(d.action)} at ${clockLabel(d.at)}`).join('; ')}.` : '';
        const missing = note.missing.length ? `Not in ${v.possessive} run: ${note.missing.map(name).join(', ')}.` : '';
        return [done, missing].filter(Boolean).join(' ');
      }
      case 'communication':
        return communication;
      case 'event': {
        const e = events.get(note.eventId)!;
        if (e.traineeAt === null) return `Not in ${v.possessive} run: ${quote(e.what)} (the team, ${clockLabel(e.realAt)}).`;
        return `${quote(e.what)}: ${v.subject} at ${clockLabel(e.traineeAt)}, the team at ${clockLabel(e.realAt)}.`;
      }
      case 'red-herrings': {
        if (note.steps === 0) return `${v.Subject} spent no time on the red herrings of the day.`;
        const whenTold = !note.told ? `, and never told ${colleague}` : note.beforeTold > 0 ? `, ${note.beforeTold} of them before ${v.subject} first told ${colleague}` : '';
        return `${v.Subject} spent ${durationText(note.minutes * 60)} on ${plural(note.steps, 'step')} that could not explain the symptom${whenTold}.`;
      }
      case 'unnoticed':
        return `The outage began at ${clockLabel(note.from)} and was only noticed at ${clockLabel(note.detectedAt)}: ${durationText(note.detectedAt - note.from)} of it before anyone knew.`;
      case 'impact':
        return userImpact;
    }
  };

  const extra = (why: ExtraWhy, s: StepReview): string => {
    switch (why) {
      case 'hint':
        return 'A hint: the drill’s own help, not a step on the day.';
      case 'empty':
        return 'An empty line.';
      case 'not-recognised':
        return 'Not recognised by the drill.';
      case 'built-in':
        return 'No action of its own (a built-in such as exit, clear or history).';
      case 'off-timeline':
        return `Matches no event of the real timeline: ${s.actions.map((a) => labels.get(a) ?? a).join('; ')}.`;
    }
  };

  const eventStatus = (e: EventAlignment): string => eventInRun(e.status, v);

  return {
    voice,
    headline,
    grade,
    outcome,
    milestone,
    userImpact,
    communication,
    criticalStep,
    hints,
    safety,
    deduction,
    lessonNote,
    extra,
    eventStatus,
    notInRun,
  };
}
