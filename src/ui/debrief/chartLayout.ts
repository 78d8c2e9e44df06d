/**
 * Geometry of the debrief's two-lane timeline: one clock axis, the trainee's steps on one side,
 * the day's events on the other, matches joined. Pure: a score in, marks and labels out, so the
 * promise that matters (no two labels overlap, at 19 steps or 1,500) is tested without a browser.
 *
 * Two orientations: `horizontal` (time runs left to right; a laptop) and `vertical` (time runs
 * down the page; a phone, where a sideways scroller would show five minutes at a time).
 *
 * Only the steps that complete one of the day's events get a label (their step number). Other
 * steps that sit close together are drawn as one cluster with its count; the table below the
 * chart lists every step, so the chart never has to.
 */
import type { Score } from '../../scoring/score';
import { clockLabel as clock } from '../../scoring/text';
import { eventInRun } from '../../scoring/words/sentences';
import { TRAINEE_VOICE } from '../../scoring/words/trainee';
import type { Voice } from '../../scoring/words/voice';

export type Orientation = 'horizontal' | 'vertical';

/** What the chart reads from a score. */
export type ChartScore = Pick<Score, 'alignment' | 'safety' | 'startedAt' | 'endedAt'>;

/** A box in the SVG's coordinates (user units). */
export interface Box {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

export interface Label {
  x: number;
  y: number;
  text: string;
  anchor: 'start' | 'middle' | 'end';
  /** Where the text is drawn, padding included: no two labels' boxes overlap. */
  box: Box;
}

export interface Point {
  x: number;
  y: number;
}

export interface Tick extends Point {
  at: number;
  label: Label;
}

export interface StepMark extends Point {
  index: number;
  kind: 'matched' | 'other';
  redHerring: boolean;
  violation: boolean;
  /** The step number, for a step that completes one of the day's events (when there is room); else null. */
  label: Label | null;
  title: string;
}

/** Several other steps close together on the clock, drawn as one bar with their count. */
export interface Cluster {
  /** Indices (0-based) of the steps it stands for, in order. */
  indices: number[];
  from: Point;
  to: Point;
  label: Label | null;
  title: string;
}

export interface EventMark extends Point {
  id: string;
  missed: boolean;
  redHerring: boolean;
  label: Label | null;
  title: string;
}

export interface Pair {
  from: Point;
  to: Point;
  outOfOrder: boolean;
  title: string;
}

export interface ChartLayout {
  orientation: Orientation;
  width: number;
  height: number;
  from: number;
  to: number;
  /** The clock axis, end to end. */
  axis: { from: Point; to: Point };
  lanes: { trainee: Label; day: Label };
  ticks: Tick[];
  steps: StepMark[];
  clusters: Cluster[];
  events: EventMark[];
  pairs: Pair[];
}

/** Font size of every label, in user units; the component draws them at this size. */
export const FONT = 12;
/** A generous average glyph width for the sans-serif font at FONT (digits and lower case). */
const GLYPH = FONT * 0.66;
const PAD = 3;
const LINE = FONT + 3;
/** Other steps closer than this (user units, along the clock) join one cluster. */
export const CLUSTER_GAP = 10;

const textWidth = (text: string) => text.length * GLYPH;

/** The box a label's text takes, drawn at (x, y) as SVG draws it (y is the baseline). */
function boxOf(x: number, y: number, text: string, anchor: Label['anchor']): Box {
  const w = textWidth(text);
  const left = anchor === 'start' ? x : anchor === 'end' ? x - w : x - w / 2;
  return { x1: left - PAD, x2: left + w + PAD, y1: y - FONT * 0.8 - 1, y2: y + FONT * 0.25 + 1 };
}

export const overlaps = (a: Box, b: Box): boolean => a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2;

function label(x: number, y: number, text: string, anchor: Label['anchor']): Label {
  return { x, y, text, anchor, box: boxOf(x, y, text, anchor) };
}

/** Cuts a label to `room` user units, with an ellipsis; the mark's title keeps the whole text. */
function fit(text: string, room: number): string {
  const chars = Math.floor(room / GLYPH);
  return text.length <= chars ? text : `${text.slice(0, Math.max(1, chars - 1))}…`;
}

/**
 * Places labels, most important first: each takes the first of its candidate positions that
 * overlaps no label placed before it, or none at all (null). Never two on top of each other.
 */
class Placer {
  private readonly placed: Box[] = [];

  constructor(fixed: readonly Label[] = []) {
    for (const l of fixed) this.placed.push(l.box);
  }

  place(candidates: readonly Label[]): Label | null {
    const free = candidates.find((c) => !this.placed.some((b) => overlaps(b, c.box)));
    if (free) this.placed.push(free.box);
    return free ?? null;
  }
}

/** Tick spacing in minutes: the smallest that leaves at least `gap` user units between ticks. */
const TICK_MINUTES = [1, 2, 5, 10, 15, 30, 60, 120, 240];

interface Geometry {
  width: number;
  height: number;
  /** Position along the clock for a time (seconds since midnight). */
  along: (at: number) => number;
  /** A point on a lane at a position along the clock. */
  trainee: (t: number) => Point;
  day: (t: number) => Point;
  axis: (t: number) => Point;
  start: number;
  end: number;
  /** Candidate label positions for a step mark, nearest first. */
  stepLabels: (t: number, text: string) => Label[];
  clusterLabels: (t: number, text: string) => Label[];
  eventLabels: (t: number, text: string) => Label[];
  tickLabel: (t: number, text: string) => Label;
  lanes: { trainee: Label; day: Label };
  tickGap: number;
}

// Horizontal: 800 wide; the trainee's lane above the axis, the day's below.
const H = { width: 800, height: 240, left: 92, right: 24, trainee: 80, axis: 132, day: 172 };
// Vertical: 320 wide, as tall as the run needs; the trainee's lane left of the axis, the day's right.
const V = { width: 320, top: 44, bottom: 24, trainee: 96, axis: 150, day: 190, minLength: 400, maxLength: 2400, perMinute: 20 };

function horizontal(from: number, to: number, lane: string): Geometry {
  const start = H.left;
  const end = H.width - H.right;
  const along = (at: number) => start + ((Math.min(Math.max(at, from), to) - from) / (to - from)) * (end - start);
  const rows = [0, 1, 2];
  return {
    width: H.width,
    height: H.height,
    along,
    start,
    end,
    trainee: (t) => ({ x: t, y: H.trainee }),
    day: (t) => ({ x: t, y: H.day }),
    axis: (t) => ({ x: t, y: H.axis }),
    stepLabels: (t, text) => rows.map((r) => label(t, H.trainee - 14 - r * LINE, text, 'middle')),
    clusterLabels: (t, text) => rows.map((r) => label(t, H.trainee - 14 - r * LINE, text, 'middle')),
    // The day's events are few and each matters: up to six rows, and the chart grows to hold them.
    eventLabels: (t, text) => [0, 1, 2, 3, 4, 5].map((r) => label(t, H.day + 26 + r * LINE, text, 'middle')),
    tickLabel: (t, text) => label(t, H.axis + 18, text, 'middle'),
    lanes: { trainee: label(8, H.trainee + 4, lane, 'start'), day: label(8, H.day + 4, 'On the day', 'start') },
    tickGap: 84,
  };
}

function vertical(from: number, to: number, lane: string): Geometry {
  const length = Math.min(V.maxLength, Math.max(V.minLength, ((to - from) / 60) * V.perMinute));
  const start = V.top;
  const end = V.top + length;
  const along = (at: number) => start + ((Math.min(Math.max(at, from), to) - from) / (to - from)) * (end - start);
  const baseline = (t: number) => t + FONT * 0.35;
  // Step numbers left of the trainee's lane, in up to three columns; event names right of the day's.
  const columns = [0, 1, 2];
  return {
    width: V.width,
    height: end + V.bottom,
    along,
    start,
    end,
    trainee: (t) => ({ x: V.trainee, y: t }),
    day: (t) => ({ x: V.day, y: t }),
    axis: (t) => ({ x: V.axis, y: t }),
    stepLabels: (t, text) => columns.map((c) => label(V.trainee - 14 - c * 30, baseline(t), text, 'end')),
    clusterLabels: (t, text) => columns.map((c) => label(V.trainee - 14 - c * 30, baseline(t), text, 'end')),
    eventLabels: (t, text) => [label(V.day + 14, baseline(t), fit(text, V.width - V.day - 14 - PAD * 2), 'start')],
    tickLabel: (t, text) => label(V.axis - 8, baseline(t), text, 'end'),
    // Two rows: a lane's title can be long ("Mohamed-Amine’s steps") and never runs into the other's.
    lanes: { trainee: label(V.trainee, 16, fit(lane, 2 * (V.trainee - PAD)), 'middle'), day: label(V.day + 16, 36, 'On the day', 'middle') },
    tickGap: 40,
  };
}

/**
 * Lays out a score on the clock from the impact's start to the end of the run (or the day's last
 * event, if later), with a minute of margin.
 */
export function layoutChart(score: ChartScore, impactStart: number, orientation: Orientation = 'horizontal', voice: Voice = TRAINEE_VOICE): ChartLayout {
  const { alignment } = score;
  const lastReal = Math.max(...alignment.events.map((e) => e.realAt), impactStart);
  const from = Math.min(impactStart, score.startedAt);
  const to = Math.max(score.endedAt, lastReal, from + 20 * 60) + 60;
  const lane = `${voice.Possessive} steps`;
  const g = orientation === 'vertical' ? vertical(from, to, lane) : horizontal(from, to, lane);

  const perMinute = (g.end - g.start) / ((to - from) / 60);
  const tickMinutes = TICK_MINUTES.find((m) => m * perMinute >= g.tickGap) ?? 480;
  const ticks: Tick[] = [];
  for (let at = Math.ceil(from / (tickMinutes * 60)) * tickMinutes * 60; at <= to; at += tickMinutes * 60) {
    const t = g.along(at);
    ticks.push({ ...g.axis(t), at, label: g.tickLabel(t, clock(at)) });
  }
  const placer = new Placer([g.lanes.trainee, g.lanes.day, ...ticks.map((t) => t.label)]);

  // The day's events first: there are few, and each is what a step is measured against.
  const events: EventMark[] = alignment.events.map((e) => {
    const t = g.along(e.realAt);
    return {
      id: e.eventId,
      ...g.day(t),
      missed: e.status === 'missed',
      redHerring: e.kind === 'red-herring',
      label: placer.place(g.eventLabels(t, e.eventId)),
      title: `${clock(e.realAt)}, ${e.who}: ${e.what} (${e.kind}; ${eventInRun(e.status, voice)})`,
    };
  });

  const completing = new Map(alignment.events.filter((e) => e.stepIndex !== null).map((e) => [e.stepIndex!, e]));
  const violations = new Set(score.safety.violations.flatMap((v) => [v.stepIndex, ...v.again.map((a) => a.stepIndex)]));
  const titleOf = (s: (typeof alignment.steps)[number]) => {
    const event = completing.get(s.index);
    const notes = [s.redHerring ? 'red herring' : '', violations.has(s.index) ? 'broke a safety rule' : '', event ? `matches “${event.eventId}” on the day` : ''].filter(Boolean);
    return `Step ${s.index + 1}, ${clock(s.at)}: ${s.input || '(empty line)'}${notes.length ? ` (${notes.join('; ')})` : ''}`;
  };

  // Steps that stand out keep a mark of their own; the others, close together, become clusters.
  const marked = (s: (typeof alignment.steps)[number]) => s.role === 'matched' || s.redHerring || violations.has(s.index);
  const steps: StepMark[] = [];
  const runs: (typeof alignment.steps)[] = [];
  for (const s of alignment.steps) {
    if (marked(s)) continue;
    const last = runs.at(-1)?.at(-1);
    if (last && last.index === s.index - 1 && g.along(s.at) - g.along(last.at) <= CLUSTER_GAP) runs.at(-1)!.push(s);
    else runs.push([s]);
  }
  const single = new Set(runs.filter((r) => r.length === 1).map((r) => r[0]!.index));

  // Labels: the steps that complete an event, in clock order; then the clusters' counts.
  const stepLabel = new Map<number, Label | null>();
  for (const s of alignment.steps) if (completing.has(s.index)) stepLabel.set(s.index, placer.place(g.stepLabels(g.along(s.at), String(s.index + 1))));
  for (const s of alignment.steps) {
    if (!marked(s) && !single.has(s.index)) continue;
    const t = g.along(s.at);
    steps.push({
      index: s.index,
      ...g.trainee(t),
      kind: s.role === 'matched' ? 'matched' : 'other',
      redHerring: s.redHerring,
      violation: violations.has(s.index),
      label: stepLabel.get(s.index) ?? null,
      title: titleOf(s),
    });
  }

  const clusters: Cluster[] = runs
    .filter((r) => r.length > 1)
    .map((r) => {
      const first = r[0]!;
      const last = r.at(-1)!;
      const t1 = g.along(first.at);
      const t2 = g.along(last.at);
      return {
        indices: r.map((s) => s.index),
        from: g.trainee(t1),
        to: g.trainee(t2),
        label: placer.place(g.clusterLabels((t1 + t2) / 2, `×${r.length}`)),
        title: `Steps ${first.index + 1} to ${last.index + 1}, ${clock(first.at)} to ${clock(last.at)}: ${r.length} steps not on the day's timeline (the table lists each)`,
      };
    });

  const pairs: Pair[] = alignment.events
    .filter((e) => e.stepIndex !== null && e.traineeAt !== null)
    .map((e) => ({
      from: g.trainee(g.along(e.traineeAt!)),
      to: g.day(g.along(e.realAt)),
      outOfOrder: e.status === 'out-of-order',
      title: `Step ${e.stepIndex! + 1} matches “${e.eventId}”: ${clock(e.traineeAt!)} against ${clock(e.realAt)}`,
    }));

  const layout: ChartLayout = {
    orientation,
    width: g.width,
    height: g.height,
    from,
    to,
    axis: { from: g.axis(g.start), to: g.axis(g.end) },
    lanes: g.lanes,
    ticks,
    steps,
    clusters,
    events,
    pairs,
  };
  const lowest = Math.max(...labelsOf(layout).map((l) => l.box.y2));
  return { ...layout, height: Math.max(g.height, Math.ceil(lowest) + 6) };
}

/** Every label the chart draws (lanes, ticks, events, steps, clusters). */
export function labelsOf(layout: ChartLayout): Label[] {
  return [
    layout.lanes.trainee,
    layout.lanes.day,
    ...layout.ticks.map((t) => t.label),
    ...layout.events.map((e) => e.label),
    ...layout.steps.map((s) => s.label),
    ...layout.clusters.map((c) => c.label),
  ].filter((l): l is Label => l !== null);
}
