/**
 * A run, step by step, as a mentor reviews it: at each step what the trainee saw (the steps so
 * far), how long they thought before it (from the wall-clock times the run records), whether it
 * came from the menu, the hint shown, the rules it broke, the real timeline's matching event and
 * the difference, and the world's state after it: which services were up, and what the trainee
 * had found out so far (the facts that changed since the start). Everything is replayed from the
 * run's inputs: nothing the file claims about itself is trusted but when each input was entered,
 * which is only ever shown, never scored.
 */
import type { FactValue, Scenario } from '../scenario/schema';
import type { Step, World } from '../engine/replay';
import { initialWorld } from '../engine/world';
import { replayForScoring } from '../scoring/replay';
import { scoreRun, type Score } from '../scoring/score';
import type { EventAlignment, StepReview } from '../scoring/align';
import { drillInputs, type Run } from './format';

/** A pause this long before a step stands out, whatever the run's pace. */
export const LONG_PAUSE_SECONDS = 120;
/** A pause stands out too when it is this many times the run's median (and at least MIN_NOTABLE_SECONDS). */
export const LONG_PAUSE_FACTOR = 3;
const MIN_NOTABLE_SECONDS = 30;

export interface ServiceView {
  host: string;
  unit: string;
  /** As `systemctl is-active` prints it. */
  active: string;
}

export interface FactChange {
  fact: string;
  /** Null when the fact was not known at the start. */
  from: FactValue | null;
  to: FactValue;
}

export interface StepView {
  index: number;
  step: Step;
  via: 'typed' | 'menu';
  /** Wall-clock seconds between the previous input (or the start of the run) and this one; null when the times are missing or out of order. */
  thinkingSeconds: number | null;
  longPause: boolean;
  /** The step as the score aligned it: its real event, role, red herring, rules broken. */
  review: StepReview | undefined;
  /** The real event this step completed or belongs to, with the difference in minutes. */
  event: EventAlignment | undefined;
  /** The services of every host after the step. */
  services: ServiceView[];
  /** What the trainee had found out, or changed, by the end of this step: facts that differ from the start. */
  found: FactChange[];
  /** Facts that changed in this step. */
  changed: FactChange[];
}

export interface RunWalk {
  scenario: Scenario;
  score: Score;
  steps: StepView[];
  /** The median thinking time, in seconds (null with no times). */
  medianThinking: number | null;
}

function secondsBetween(from: string, to: string): number | null {
  const a = Date.parse(from);
  const b = Date.parse(to);
  if (!Number.isFinite(a) || !Number.isFinite(b) || b < a) return null;
  return Math.round((b - a) / 1000);
}

function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((x, y) => x - y);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Every host's units and their state, host by host in the scenario's order. */
export function servicesOf(world: World): ServiceView[] {
  const out: ServiceView[] = [];
  for (const [host, state] of Object.entries(world.sim.hosts)) {
    for (const [unit, service] of Object.entries(state.services)) out.push({ host, unit, active: service.active });
  }
  return out;
}

function factChanges(from: Readonly<Record<string, FactValue>>, to: Readonly<Record<string, FactValue>>): FactChange[] {
  return Object.keys(to)
    .filter((fact) => from[fact] !== to[fact])
    .map((fact) => ({ fact, from: from[fact] ?? null, to: to[fact]! }));
}

/** Whether a pause before a step stands out: long in itself, or long for this trainee. */
export function isLongPause(seconds: number | null, medianSeconds: number | null): boolean {
  if (seconds === null) return false;
  if (seconds >= LONG_PAUSE_SECONDS) return true;
  return medianSeconds !== null && seconds >= MIN_NOTABLE_SECONDS && seconds >= LONG_PAUSE_FACTOR * medianSeconds;
}

/** The run, replayed, step by step (its inputs and their times are all it reads). */
export function walkRun(scenario: Scenario, run: Pick<Run, 'inputs' | 'startedAt'>): RunWalk {
  const inputs = drillInputs(run);
  const replay = replayForScoring(scenario, inputs);
  const score = scoreRun(scenario, inputs, replay);
  const start = initialWorld(scenario);
  const thinking = replay.steps.map((_, i) => secondsBetween(i === 0 ? run.startedAt : run.inputs[i - 1]!.at, run.inputs[i]!.at));
  const medianThinking = median(thinking.filter((s): s is number => s !== null));
  const events = new Map(score.alignment.events.map((e) => [e.eventId, e]));
  const steps = replay.steps.map((step, index): StepView => {
    const review = score.alignment.steps[index];
    const world = replay.worldAfter(index);
    const before = index === 0 ? start : replay.worldAfter(index - 1);
    const event = review?.eventId ? events.get(review.eventId) : undefined;
    return {
      index,
      step,
      via: run.inputs[index]?.via === 'menu' ? 'menu' : 'typed',
      thinkingSeconds: thinking[index] ?? null,
      longPause: isLongPause(thinking[index] ?? null, medianThinking),
      review,
      event,
      services: servicesOf(world),
      found: factChanges(start.facts, world.facts),
      changed: factChanges(before.facts, world.facts),
    };
  });
  return { scenario, score, steps, medianThinking };
}

/** What the trainee's screen showed after step `index`: the steps up to it (the terminal and the chat draw them). */
export function seenAt(walk: RunWalk, index: number): Step[] {
  return walk.steps.slice(0, Math.max(0, Math.min(index, walk.steps.length - 1)) + 1).map((s) => s.step);
}

/** `masterData` → `master data`: a fact's name as words. */
export function factWords(fact: string): string {
  return fact
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .toLowerCase();
}

/** A fact's value as words. */
export function factValueWords(value: FactValue | null): string {
  if (value === true) return 'yes';
  if (value === false) return 'no';
  if (value === null) return '—';
  return String(value);
}
