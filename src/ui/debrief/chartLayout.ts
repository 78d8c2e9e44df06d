/** Geometry of the debrief's two-lane timeline: one clock axis, the trainee above, the day below. */
import type { Score } from '../../scoring/score';
import { clockLabel as clock } from '../../scoring/text';

export const WIDTH = 800;
export const HEIGHT = 240;
export const LEFT = 92;
export const RIGHT = 24;
export const TRAINEE_Y = 80;
export const AXIS_Y = 132;
export const REAL_Y = 172;
const FONT = 12;

export interface Tick {
  x: number;
  at: number;
}

export interface Label {
  x: number;
  row: number;
  text: string;
}

export interface StepMark {
  index: number;
  x: number;
  kind: 'matched' | 'other';
  redHerring: boolean;
  violation: boolean;
  /** Shown for steps that matter (matched, red herring, violation); null for the rest. */
  label: Label | null;
  title: string;
}

export interface EventMark {
  id: string;
  x: number;
  missed: boolean;
  redHerring: boolean;
  label: Label;
  title: string;
}

export interface Pair {
  x1: number;
  x2: number;
  outOfOrder: boolean;
  title: string;
}

export interface ChartLayout {
  from: number;
  to: number;
  ticks: Tick[];
  steps: StepMark[];
  events: EventMark[];
  pairs: Pair[];
}

/** Tick spacing in minutes: the smallest that keeps the axis to eight labels or so. */
const TICK_MINUTES = [1, 2, 5, 10, 15, 30, 60];

/** Puts labels in rows so that none overlaps the one before it in the same row (at most `rows` rows). */
function placeLabels<T extends { x: number; text: string }>(items: readonly T[], rows: number): Map<T, number> {
  const placed = new Map<T, number>();
  const ends = Array.from({ length: rows }, () => -Infinity);
  for (const item of [...items].sort((a, b) => a.x - b.x)) {
    const half = (item.text.length * FONT * 0.62) / 2 + 3;
    let row = ends.findIndex((end) => end <= item.x - half);
    if (row === -1) row = ends.indexOf(Math.min(...ends));
    ends[row] = item.x + half;
    placed.set(item, row);
  }
  return placed;
}

/**
 * Lays out a score on the clock from the impact's start to the end of the run (or the day's last
 * event, if later), with a minute of margin.
 */
export function layoutChart(score: Score, impactStart: number): ChartLayout {
  const lastReal = Math.max(...score.alignment.events.map((e) => e.realAt), impactStart);
  const from = Math.min(impactStart, score.startedAt);
  const to = Math.max(score.endedAt, lastReal, from + 20 * 60) + 60;
  const x = (at: number) => LEFT + ((Math.min(Math.max(at, from), to) - from) / (to - from)) * (WIDTH - LEFT - RIGHT);

  const span = (to - from) / 60;
  const step = TICK_MINUTES.find((m) => span / m <= 8) ?? 120;
  const ticks: Tick[] = [];
  for (let at = Math.ceil(from / (step * 60)) * step * 60; at <= to; at += step * 60) ticks.push({ x: x(at), at });

  const completing = new Map(score.alignment.events.filter((e) => e.stepIndex !== null).map((e) => [e.stepIndex!, e]));
  const violations = new Set(score.safety.violations.flatMap((v) => [v.stepIndex, ...v.again.map((a) => a.stepIndex)]));
  const raw = score.alignment.steps.map((s) => {
    const notable = s.role === 'matched' || s.redHerring || violations.has(s.index);
    return { s, x: x(s.at), text: String(s.index + 1), notable };
  });
  const stepRows = placeLabels(raw.filter((r) => r.notable), 3);
  const steps: StepMark[] = raw.map((r) => {
    const event = completing.get(r.s.index);
    const notes = [
      r.s.redHerring ? 'red herring' : '',
      violations.has(r.s.index) ? 'broke a safety rule' : '',
      event ? `matches “${event.eventId}” on the day` : '',
    ].filter(Boolean);
    return {
      index: r.s.index,
      x: r.x,
      kind: r.s.role === 'matched' ? 'matched' : 'other',
      redHerring: r.s.redHerring,
      violation: violations.has(r.s.index),
      label: r.notable ? { x: r.x, row: stepRows.get(r) ?? 0, text: r.text } : null,
      title: `Step ${r.s.index + 1}, ${clock(r.s.at)}: ${r.s.input || '(empty line)'}${notes.length ? ` (${notes.join('; ')})` : ''}`,
    };
  });

  const rawEvents = score.alignment.events.map((e) => ({ e, x: x(e.realAt), text: e.eventId }));
  const eventRows = placeLabels(rawEvents, 3);
  const events: EventMark[] = rawEvents.map((r) => ({
    id: r.e.eventId,
    x: r.x,
    missed: r.e.status === 'missed',
    redHerring: r.e.kind === 'red-herring',
    label: { x: r.x, row: eventRows.get(r) ?? 0, text: r.text },
    title: `${clock(r.e.realAt)}, ${r.e.who}: ${r.e.what} (${r.e.kind}; ${r.e.status === 'missed' ? 'not in your run' : r.e.status === 'out-of-order' ? 'in your run, in another order' : 'in your run'})`,
  }));

  const pairs: Pair[] = score.alignment.events
    .filter((e) => e.stepIndex !== null && e.traineeAt !== null)
    .map((e) => ({
      x1: x(e.traineeAt!),
      x2: x(e.realAt),
      outOfOrder: e.status === 'out-of-order',
      title: `Step ${e.stepIndex! + 1} matches “${e.eventId}”: ${clock(e.traineeAt!)} against ${clock(e.realAt)}`,
    }));
  return { from, to, ticks, steps, events, pairs };
}
