/**
 * A cohort: many trainees' runs of one scenario, side by side. Each run is scored (in the app,
 * in a Web Worker) into a row of plain numbers; the rows sort, filter, count and export as CSV.
 * All of it is pure: the same runs give the same table, histogram and counts.
 */
import type { Scenario } from '../scenario/schema';
import { lineFromInput, type Step } from '../engine/replay';
import { parseClock } from '../engine/clock';
import { replayForScoring } from '../scoring/replay';
import { scoreRun, type Score } from '../scoring/score';
import { drillInputs, type Run } from './format';

/** One run in the cohort table. Times are seconds of simulated clock from the drill's start; null when not reached. */
export interface CohortRow {
  /** Where the run is kept (the received runs' key), to open it. */
  key: string;
  trainee: string;
  startedAt: string;
  outcome: Score['outcome'];
  points: number;
  grade: Score['grade'];
  rootCause: number | null;
  restore: number | null;
  redHerrings: number;
  rulesBroken: number;
  hints: number;
  /** Clock (seconds since midnight) when the colleague was first told; null if never. */
  toldAt: number | null;
  steps: number;
  /** The first three inputs, as typed (chat as `chat: …`). */
  firstSteps: string[];
  /** The timeline's red-herring events this run did, by id, once each. */
  redHerringEvents: string[];
  /** Terminal inputs the drill did not recognise, as typed. */
  unrecognised: string[];
}

export const COHORT_COLUMNS = ['trainee', 'startedAt', 'outcome', 'points', 'grade', 'rootCause', 'restore', 'redHerrings', 'rulesBroken', 'hints', 'toldAt'] as const;
export type CohortColumn = (typeof COHORT_COLUMNS)[number];

const lineOf = (step: Pick<Step, 'channel' | 'input'>) => lineFromInput({ channel: step.channel, text: step.input });

/** Scores one run into its row (the run's replay is made once, for the score and the steps). */
export function cohortRow(scenario: Scenario, key: string, run: Run): CohortRow {
  const inputs = drillInputs(run);
  const replay = replayForScoring(scenario, inputs);
  const score = scoreRun(scenario, inputs, replay);
  return {
    key,
    trainee: run.trainee ?? '',
    startedAt: run.startedAt,
    outcome: score.outcome,
    points: score.points.total,
    grade: score.grade,
    rootCause: score.timeToRootCause.seconds,
    restore: score.timeToMitigation.seconds,
    redHerrings: score.redHerrings.steps.length,
    rulesBroken: score.safety.violations.length,
    hints: score.hints.length,
    toldAt: score.communication.at,
    // The trainee's steps only: a facilitator's commands are the session's, not the trainee's.
    steps: score.steps,
    firstSteps: replay.steps.filter((s) => s.channel !== 'facilitator').slice(0, 3).map(lineOf),
    redHerringEvents: [...new Set(score.redHerrings.steps.map((s) => s.eventId))],
    unrecognised: replay.steps.filter((s) => s.channel === 'terminal' && !s.recognised && s.input.trim() !== '').map((s) => s.input.trim()),
  };
}

export type SortDirection = 'ascending' | 'descending';

/** Rows sorted by a column; missing values (null) last either way; ties by date, then key, so the order is stable. */
export function sortRows(rows: readonly CohortRow[], column: CohortColumn, direction: SortDirection): CohortRow[] {
  const sign = direction === 'ascending' ? 1 : -1;
  const compare = (a: CohortRow[CohortColumn], b: CohortRow[CohortColumn]) => (a === b ? 0 : a === null ? 1 : b === null ? -1 : (a < b ? -1 : 1) * sign);
  return [...rows].sort((a, b) => compare(a[column], b[column]) || (a.startedAt < b.startedAt ? -1 : a.startedAt > b.startedAt ? 1 : a.key < b.key ? -1 : 1));
}

export interface CohortFilter {
  /** Part of the trainee's name, any case. */
  trainee?: string;
  outcome?: Score['outcome'] | 'any';
}

export function filterRows(rows: readonly CohortRow[], filter: CohortFilter): CohortRow[] {
  const name = (filter.trainee ?? '').trim().toLowerCase();
  return rows.filter((r) => (name === '' || r.trainee.toLowerCase().includes(name)) && (!filter.outcome || filter.outcome === 'any' || r.outcome === filter.outcome));
}

/** Counted things, most frequent first (ties in their own order). */
export interface Counted {
  value: string;
  count: number;
}

function countOf(values: readonly string[], limit: number): Counted[] {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts]
    .map(([value, count]) => ({ value, count }))
    .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0))
    .slice(0, limit);
}

export interface HistogramBin {
  /** Seconds from the start, from (inclusive) to (exclusive). */
  from: number;
  to: number;
  count: number;
}

export interface CohortSummary {
  runs: number;
  /** Time to root cause, in bins of `binSeconds`; runs that never found it are counted apart. */
  histogram: HistogramBin[];
  binSeconds: number;
  neverFound: number;
  /** The team's time to root cause on the day (seconds from the start), if the timeline has one. */
  teamRootCause: number | null;
  /** The team's clock then (seconds since midnight). */
  teamRootCauseAt: number | null;
  firstSteps: Counted[];
  redHerrings: Counted[];
  unrecognised: Counted[];
}

/** The cohort's histogram and counts. `binSeconds` is the histogram's bin (2 minutes by default). */
export function summarise(scenario: Scenario, rows: readonly CohortRow[], binSeconds = 120, limit = 10): CohortSummary {
  const start = parseClock(scenario.clock.start);
  const team = scenario.timeline.events.find((e) => e.kind === 'root-cause');
  const teamAt = team ? parseClock(team.at) : null;
  const found = rows.map((r) => r.rootCause).filter((s): s is number => s !== null);
  const top = Math.max(teamAt === null ? 0 : teamAt - start, ...found, 0);
  const bins = Math.max(1, Math.floor(top / binSeconds) + 1);
  const histogram = Array.from({ length: bins }, (_, i) => ({ from: i * binSeconds, to: (i + 1) * binSeconds, count: 0 }));
  for (const s of found) histogram[Math.min(bins - 1, Math.floor(s / binSeconds))]!.count += 1;
  const titles = new Map(scenario.timeline.events.map((e) => [e.id, e.what]));
  return {
    runs: rows.length,
    histogram,
    binSeconds,
    neverFound: rows.length - found.length,
    teamRootCause: teamAt === null ? null : teamAt - start,
    teamRootCauseAt: teamAt,
    firstSteps: countOf(
      rows.filter((r) => r.firstSteps.length > 0).map((r) => r.firstSteps.join('  →  ')),
      limit,
    ),
    redHerrings: countOf(
      rows.flatMap((r) => r.redHerringEvents.map((id) => titles.get(id) ?? id)),
      limit,
    ),
    unrecognised: countOf(
      rows.flatMap((r) => [...new Set(r.unrecognised)]),
      limit * 3,
    ),
  };
}

/** A CSV cell: quoted when it must be, and a leading = + - @ (a spreadsheet formula) made text. */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const CSV_HEADINGS = ['trainee', 'started at', 'outcome', 'points', 'grade', 'root cause after (s)', 'restored after (s)', 'red herrings', 'rules broken', 'hints', 'told the colleague at', 'steps'];

/** The table as CSV (RFC 4180, CRLF line ends); clock times as HH:MM:SS. */
export function cohortCsv(rows: readonly CohortRow[]): string {
  const clock = (s: number | null) => (s === null ? null : [Math.floor(s / 3600) % 24, Math.floor(s / 60) % 60, s % 60].map((n) => String(n).padStart(2, '0')).join(':'));
  const lines = [CSV_HEADINGS.join(',')];
  for (const r of rows) {
    lines.push([r.trainee, r.startedAt, r.outcome, r.points, r.grade, r.rootCause, r.restore, r.redHerrings, r.rulesBroken, r.hints, clock(r.toldAt), r.steps].map(csvCell).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}
