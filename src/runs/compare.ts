/**
 * Two runs of one scenario on one timeline (a trainee's first and fifth attempt, or two
 * trainees): where their inputs diverged, when each did each of the day's events and who did it
 * first, and every step of both in clock order.
 */
import type { Scenario } from '../scenario/schema';
import { lineFromInput } from '../engine/replay';
import type { Channel } from '../engine/world';
import { replayForScoring } from '../scoring/replay';
import { scoreRun, type Score } from '../scoring/score';
import { drillInputs, type Run } from './format';

export interface ComparedEvent {
  eventId: string;
  what: string;
  who: string;
  /** The team's clock, seconds since midnight. */
  realAt: number;
  /** Each run's clock when it did it, or null. */
  at: [number | null, number | null];
  /** Which run did it first (0 or 1), `both` at the same second, or null when neither did. */
  first: 0 | 1 | 'both' | null;
}

export interface TimelineStep {
  /** Which run: 0 or 1. */
  run: 0 | 1;
  index: number;
  clock: number;
  line: string;
  recognised: boolean;
}

export interface Comparison {
  /** Inputs both runs share from the start (they diverge after these). */
  shared: number;
  scores: [Score, Score];
  events: ComparedEvent[];
  /** Both runs' steps, by the clock when each finished (ties: the first run first). */
  timeline: TimelineStep[];
}

const lineOf = (channel: Channel, input: string) => lineFromInput({ channel, text: input });

export function compareRuns(scenario: Scenario, a: Run, b: Run): Comparison {
  const runs = [a, b] as const;
  const replays = runs.map((r) => replayForScoring(scenario, drillInputs(r)));
  const scores = runs.map((r, i) => scoreRun(scenario, drillInputs(r), replays[i])) as [Score, Score];
  let shared = 0;
  while (shared < a.inputs.length && shared < b.inputs.length && a.inputs[shared]!.channel === b.inputs[shared]!.channel && a.inputs[shared]!.text === b.inputs[shared]!.text) shared += 1;
  const events = scores[0].alignment.events.map((event): ComparedEvent => {
    const other = scores[1].alignment.events.find((e) => e.eventId === event.eventId);
    const at: [number | null, number | null] = [event.traineeAt, other?.traineeAt ?? null];
    const first = at[0] === null && at[1] === null ? null : at[1] === null ? 0 : at[0] === null ? 1 : at[0] < at[1] ? 0 : at[1] < at[0] ? 1 : 'both';
    return { eventId: event.eventId, what: event.what, who: event.who, realAt: event.realAt, at, first };
  });
  const timeline = replays
    .flatMap((replay, run) => replay.steps.map((s, index): TimelineStep => ({ run: run as 0 | 1, index, clock: s.clock, line: lineOf(s.channel, s.input), recognised: s.recognised })))
    .sort((x, y) => x.clock - y.clock || x.run - y.run || x.index - y.index);
  return { shared, scores, events, timeline };
}
