/**
 * Lines a run up with the real timeline: which real events the trainee did (and when, against
 * the team), which they missed or did in another order, and what each of their steps was.
 */
import type { Scenario, TimelineEvent } from '../scenario/schema';
import { parseClock } from '../engine/clock';
import { holds } from '../engine/conditions';
import type { ScoringConfig } from './config';
import type { ScoringReplay } from './replay';
import type { Channel } from '../engine/world';

/** Timeline kinds that are context, not things a trainee does: they are never matched. */
export const CONTEXT_KINDS: ReadonlySet<TimelineEvent['kind']> = new Set(['impact', 'detection']);

export type EventStatus = 'matched' | 'out-of-order' | 'missed';

/** One real event and the trainee's counterpart, if any. */
export interface EventAlignment {
  eventId: string;
  kind: TimelineEvent['kind'];
  who: string;
  what: string;
  /** When it happened on the day, in seconds since midnight. */
  realAt: number;
  /** `out-of-order`: done, but not in the order of the day (relative to the other events done). */
  status: EventStatus;
  /** The step that completed it (the last of a run of steps doing it); null when missed. */
  stepIndex: number | null;
  /** The first step of that run. */
  firstStepIndex: number | null;
  /** When the trainee's step finished, in seconds since midnight. */
  traineeAt: number | null;
  /** Trainee minus team, in minutes (negative: earlier than the team). */
  deltaMinutes: number | null;
}

/**
 * What a step was: it `matched` a real event; it did a real event again (`repeat`); it tried
 * one without the effect (`attempt`, e.g. loading a dump that was never made); or it matches no
 * real event (`extra`).
 */
export type StepRole = 'matched' | 'repeat' | 'attempt' | 'extra';

export interface StepReview {
  index: number;
  channel: Channel;
  input: string;
  /** Clock when the step started and when it finished, in seconds since midnight. */
  startAt: number;
  at: number;
  /** Simulated minutes the step took. */
  minutes: number;
  recognised: boolean;
  actions: string[];
  /** The real event the step belongs to, if any. */
  eventId: string | null;
  role: StepRole;
  /** True when the step did something the timeline lists as a red herring. */
  redHerring: boolean;
  /** The rules this step broke, and the action that broke each. */
  breaches: { rule: string; action: string }[];
}

/**
 * Why a step matches no real event: a hint, an empty line, input the drill did not recognise, a
 * built-in with no action of its own (exit, clear, history), or actions the timeline does not list.
 */
export type ExtraWhy = 'hint' | 'empty' | 'not-recognised' | 'built-in' | 'off-timeline';

/** A step that matches no real event, and why (the step's `actions` name what it did). */
export interface ExtraStep {
  stepIndex: number;
  input: string;
  at: number;
  why: ExtraWhy;
}

export interface Alignment {
  /** Every real event except the context ones (impact, detection), in timeline order. */
  events: EventAlignment[];
  steps: StepReview[];
  extras: ExtraStep[];
}

interface Span {
  first: number;
  last: number;
}

/**
 * Matching rules (docs/scoring.md):
 * 1. A step performs a real event when one of its actions is listed in the event's `actions`.
 * 2. If the scenario's `scoring.doneWhen` gives the event a condition, only a step after which the
 *    condition holds counts (the event is matched there); earlier ones are attempts.
 * 3. Otherwise the event is matched by the first run of consecutive steps performing it, at the
 *    time the last of them finished: the timeline records "pinged Google and Facebook" as one thing.
 */
export function alignRun(scenario: Scenario, config: ScoringConfig, replay: ScoringReplay): Alignment {
  const { steps } = replay;
  const events = scenario.timeline.events.filter((e) => !CONTEXT_KINDS.has(e.kind));
  const eventOfAction = new Map<string, TimelineEvent>();
  for (const event of events) for (const action of event.actions) if (!eventOfAction.has(action)) eventOfAction.set(action, event);
  const redHerringActions = new Set(events.filter((e) => e.kind === 'red-herring').flatMap((e) => e.actions));

  const stepEvent = steps.map((step) => step.actions.map((a) => eventOfAction.get(a)).find((e) => e !== undefined) ?? null);
  const roles: StepRole[] = steps.map((_, i) => (stepEvent[i] ? 'repeat' : 'extra'));
  const spans = new Map<string, Span>();

  for (const event of events) {
    const doing = steps.flatMap((_, i) => (stepEvent[i] === event ? [i] : []));
    const condition = Object.hasOwn(config.doneWhen, event.id) ? config.doneWhen[event.id] : undefined;
    let span: Span | undefined;
    if (condition) {
      for (const i of doing) {
        if (holds(condition, replay.worldAfter(i).facts)) {
          span = { first: i, last: i };
          break;
        }
        roles[i] = 'attempt';
      }
    } else if (doing.length > 0) {
      const first = doing[0]!;
      let last = first;
      // The facilitator's steps in between (a note, an inject) do not break the trainee's run of steps.
      for (let j = first + 1; j < steps.length; j += 1) {
        if (steps[j]!.channel === 'facilitator') continue;
        if (stepEvent[j] !== event) break;
        last = j;
      }
      span = { first, last };
    }
    if (span) {
      spans.set(event.id, span);
      for (let i = span.first; i <= span.last; i += 1) if (steps[i]!.channel !== 'facilitator') roles[i] = 'matched';
    }
  }

  const inOrder = longestInOrder(events.map((e) => spans.get(e.id)?.first ?? null));
  const aligned: EventAlignment[] = events.map((event, i) => {
    const span = spans.get(event.id);
    const realAt = parseClock(event.at);
    const traineeAt = span ? steps[span.last]!.clock : null;
    return {
      eventId: event.id,
      kind: event.kind,
      who: event.who,
      what: event.what,
      realAt,
      status: !span ? 'missed' : inOrder.has(i) ? 'matched' : 'out-of-order',
      stepIndex: span?.last ?? null,
      firstStepIndex: span?.first ?? null,
      traineeAt,
      deltaMinutes: traineeAt === null ? null : (traineeAt - realAt) / 60,
    };
  });

  const reviews: StepReview[] = steps.map((step, i) => ({
    index: i,
    channel: step.channel,
    input: step.input,
    startAt: step.startClock,
    at: step.clock,
    minutes: (step.clock - step.startClock) / 60,
    recognised: step.recognised,
    actions: [...step.actions],
    eventId: stepEvent[i]?.id ?? null,
    role: roles[i]!,
    redHerring: step.actions.some((a) => redHerringActions.has(a)),
    breaches: step.breaches.map((b) => ({ rule: b.rule, action: b.action })),
  }));
  // The facilitator's steps are the session's, not the trainee's: never an extra of theirs.
  const extras: ExtraStep[] = reviews
    .filter((r) => r.role === 'extra' && r.channel !== 'facilitator')
    .map((r) => ({ stepIndex: r.index, input: r.input, at: r.at, why: extraWhy(r) }));
  return { events: aligned, steps: reviews, extras };
}

function extraWhy(step: StepReview): ExtraWhy {
  if (step.channel === 'hint') return 'hint';
  if (step.input === '') return 'empty';
  if (!step.recognised && step.actions.length === 0) return 'not-recognised';
  if (step.actions.length === 0) return 'built-in';
  return 'off-timeline';
}

/**
 * The events (by position) that form the longest run done in the day's order. `order[i]` is the
 * step that started event i, or null if it was missed. Ties keep the earlier real events, so the
 * event flagged out of order is the one done ahead of its turn.
 */
function longestInOrder(order: readonly (number | null)[]): Set<number> {
  const length: number[] = order.map(() => 0);
  const previous: number[] = order.map(() => -1);
  let best = -1;
  order.forEach((step, i) => {
    if (step === null) return;
    length[i] = 1;
    for (let j = 0; j < i; j += 1) {
      const before = order[j];
      if (before !== null && before !== undefined && before < step && length[j]! + 1 > length[i]!) {
        length[i] = length[j]! + 1;
        previous[i] = j;
      }
    }
    if (best === -1 || length[i]! > length[best]!) best = i;
  });
  const kept = new Set<number>();
  for (let i = best; i !== -1; i = previous[i]!) kept.add(i);
  return kept;
}
