/**
 * The run file: what a trainee did, never what it led to. See docs/run-format.md.
 *
 * A run is the scenario's id and version plus the inputs in order. The world, transcript,
 * clock and score are derived by replaying the inputs through the engine; anything derived
 * that a file carries (the `clock` of an input) is informational and never trusted.
 */
import * as v from 'valibot';
import type { DrillInput } from '../engine/replay';

export const RUN_KIND = 'outage-drill/run';
/** The run-file format this build writes. Older formats are migrated on import (see `decode.ts`). */
export const RUN_FORMAT = 5;
/** Largest run file accepted, in bytes of text. */
export const MAX_RUN_BYTES = 1_000_000;
/** Most inputs one run may hold. A real drill has tens; this leaves room and bounds replay time. */
export const MAX_INPUTS = 5_000;
export const MAX_INPUT_CHARS = 10_000;
/** Longest trainee name kept. */
export const MAX_TRAINEE_CHARS = 100;

/** Whether a `YYYY-MM-DD…` text names a day on the calendar: the ISO pattern alone lets 31 February through. */
export function isCalendarDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  return days !== undefined && day >= 1 && day <= days;
}

const IsoTime = v.pipe(
  v.string(),
  v.maxLength(40, 'is not an ISO date and time'),
  v.isoTimestamp('is not an ISO date and time'),
  v.check(isCalendarDate, 'is not a date on the calendar'),
);

/** Where an input was entered: the terminal, team chat, or the hint button (`hint` typed). A new channel is one more name here (the message follows). */
export const INPUT_CHANNELS = ['terminal', 'chat', 'hint', 'facilitator'] as const;

/** `"a" or "b"`, `"a", "b" or "c"`: the allowed values of a picklist, as a refusal names them. */
function oneOf(values: readonly string[]): string {
  const quoted = values.map((value) => `"${value}"`);
  return quoted.length === 1 ? quoted[0]! : `${quoted.slice(0, -1).join(', ')} or ${quoted[quoted.length - 1]}`;
}

const inputSchema = <C extends readonly [string, ...string[]]>(channels: C) =>
  v.strictObject({
  channel: v.picklist(channels, `must be ${oneOf(channels)}`),
  text: v.pipe(v.string(), v.maxLength(MAX_INPUT_CHARS, `is longer than ${MAX_INPUT_CHARS} characters`)),
  /** Wall-clock time the trainee entered it (for mentors: where they paused). */
  at: IsoTime,
  /** Simulated clock when it was entered, `HH:MM:SS` (informational: replay recomputes it). */
  clock: v.optional(v.pipe(v.string(), v.regex(/^\d\d:\d\d(:\d\d)?$/, 'must be a clock time like "08:40:30"'))),
  /** Whether it was typed, or run from the actions menu (a hint of sorts). */
  via: v.optional(v.picklist(['typed', 'menu'], 'must be "typed" or "menu"')),
});

export const RunInputSchema = inputSchema(INPUT_CHANNELS);
/** Format 3 and 4's inputs: the facilitator's channel came with format 5. Read only to migrate (src/runs/decode.ts). */
export const RunV4InputSchema = inputSchema(['terminal', 'chat', 'hint'] as const);
/** Format 2's inputs: the hint channel came with format 3. Read only to migrate (src/runs/decode.ts). */
export const RunV2InputSchema = inputSchema(['terminal', 'chat'] as const);

const RunId = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1 to 64 letters, digits, - or _'));

/**
 * Where a run was started from by "Try again from here": the run it branched from and how many
 * of that run's first inputs it began with. The parent may be elsewhere (another browser, a
 * file): nothing here is checked against it, and the count is only bounded like any run's inputs.
 */
export const BranchedFromSchema = v.strictObject({
  id: RunId,
  inputs: v.pipe(v.number(), v.integer('must be a whole number'), v.minValue(0, 'must be 0 or more'), v.maxValue(MAX_INPUTS, `must be ${MAX_INPUTS} or less`)),
});

/** The one-click tags a mentor puts on a step. */
export const REVIEW_TAGS = ['good-instinct', 'red-herring', 'unsafe', 'should-have-asked', 'lucky'] as const;
export type ReviewTag = (typeof REVIEW_TAGS)[number];
/** Longest comment kept, on a step or on the whole run. */
export const MAX_COMMENT_CHARS = 4_000;
/** Longest verdict and reviewer name. */
export const MAX_VERDICT_CHARS = 300;

const Comment = (max = MAX_COMMENT_CHARS) => v.pipe(v.string(), v.maxLength(max, `is longer than ${max} characters`));

/** A mentor's note on one step (by its index in `inputs`, from 0): tags and a comment. */
export const StepNoteSchema = v.strictObject({
  step: v.pipe(v.number(), v.integer('must be a whole number'), v.minValue(0, 'must be 0 or more'), v.maxValue(MAX_INPUTS - 1, `must be less than ${MAX_INPUTS}`)),
  tags: v.pipe(v.array(v.picklist(REVIEW_TAGS, `must be ${oneOf(REVIEW_TAGS)}`)), v.maxLength(REVIEW_TAGS.length, `has more than ${REVIEW_TAGS.length} tags`)),
  comment: v.optional(Comment()),
});

/** A mentor's review of the run (format 4): a verdict, what went well, what to practise next, and notes on steps. */
export const RunReviewSchema = v.strictObject({
  reviewer: v.optional(Comment(MAX_TRAINEE_CHARS)),
  /** When the review was last changed (wall clock). */
  reviewedAt: IsoTime,
  verdict: v.optional(Comment(MAX_VERDICT_CHARS)),
  wentWell: v.optional(Comment()),
  practiseNext: v.optional(Comment()),
  steps: v.pipe(v.array(StepNoteSchema), v.maxLength(MAX_INPUTS, `has more than ${MAX_INPUTS} notes`)),
});

/** Longest section of a postmortem, and most lines of its timeline and of its actions. */
export const MAX_POSTMORTEM_SECTION_CHARS = 8_000;
export const MAX_POSTMORTEM_LINES = 200;
export const MAX_POSTMORTEM_LINE_CHARS = 1_000;

const Line = v.pipe(v.string(), v.maxLength(MAX_POSTMORTEM_LINE_CHARS, `is longer than ${MAX_POSTMORTEM_LINE_CHARS} characters`));
const Section = v.optional(Comment(MAX_POSTMORTEM_SECTION_CHARS));

/** One line of the postmortem's timeline: a clock time on the drill's clock and what happened. */
export const PostmortemEntrySchema = v.strictObject({
  at: v.pipe(v.string(), v.regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a clock time like "08:40"')),
  text: Line,
});

/** The trainee's own postmortem of the run (format 5), written after the debrief. */
export const PostmortemSchema = v.strictObject({
  /** When it was last changed (wall clock). */
  writtenAt: IsoTime,
  authors: v.optional(Comment(MAX_TRAINEE_CHARS)),
  summary: Section,
  /** Who was affected, in the writer's words ("every logged-in user"). */
  users: v.optional(Line),
  /** How long users were affected, in minutes. */
  minutes: v.optional(v.pipe(v.number(), v.integer('must be a whole number'), v.minValue(0, 'cannot be negative'), v.maxValue(24 * 60, 'is more than a day'))),
  impact: Section,
  timeline: v.pipe(v.array(PostmortemEntrySchema), v.maxLength(MAX_POSTMORTEM_LINES, `has more than ${MAX_POSTMORTEM_LINES} lines`)),
  rootCause: Section,
  resolution: Section,
  /** Corrective and preventive actions, one each. */
  actions: v.pipe(v.array(Line), v.maxLength(MAX_POSTMORTEM_LINES, `has more than ${MAX_POSTMORTEM_LINES} actions`)),
  wentWell: Section,
  wentBadly: Section,
});

/** The fields every format from 3 on has. */
const runEntries = {
  kind: v.literal(RUN_KIND, `must be "${RUN_KIND}"`),
  id: RunId,
  scenario: v.strictObject({
    id: v.pipe(v.string(), v.maxLength(100, 'is longer than 100 characters')),
    version: v.pipe(v.number(), v.integer('must be a whole number'), v.minValue(1, 'must be 1 or more')),
  }),
  trainee: v.optional(v.pipe(v.string(), v.maxLength(MAX_TRAINEE_CHARS, `is longer than ${MAX_TRAINEE_CHARS} characters`))),
  startedAt: IsoTime,
  /** Set on a run started from another run's first inputs (format 3). */
  branchedFrom: v.optional(BranchedFromSchema),
  inputs: v.pipe(v.array(RunInputSchema), v.maxLength(MAX_INPUTS, `has more than ${MAX_INPUTS} inputs`)),
};

const v4Entries = { ...runEntries, inputs: v.pipe(v.array(RunV4InputSchema), v.maxLength(MAX_INPUTS, `has more than ${MAX_INPUTS} inputs`)) };
/** Format 3: format 4 without `review`. Read only to migrate (src/runs/decode.ts). */
export const RunV3Schema = v.strictObject({ ...v4Entries, format: v.literal(3) });
/** Format 4: format 5 without `postmortem` and without the facilitator's channel. Read only to migrate. */
export const RunV4Schema = v.strictObject({ ...v4Entries, format: v.literal(4), review: v.optional(RunReviewSchema) });

export const RunSchema = v.pipe(
  v.strictObject({
    ...runEntries,
    format: v.literal(RUN_FORMAT),
    /** A mentor's review of the run (format 4). */
    review: v.optional(RunReviewSchema),
    /** The trainee's postmortem of the run (format 5). */
    postmortem: v.optional(PostmortemSchema),
  }),
  v.check((run) => !run.review || run.review.steps.every((note) => note.step < run.inputs.length), 'has a review note on a step the run does not have'),
  v.check((run) => !run.review || new Set(run.review.steps.map((n) => n.step)).size === run.review.steps.length, 'has two review notes on the same step'),
);

export type RunInput = v.InferOutput<typeof RunInputSchema>;
export type Run = v.InferOutput<typeof RunSchema>;
export type BranchedFrom = v.InferOutput<typeof BranchedFromSchema>;
export type RunReview = v.InferOutput<typeof RunReviewSchema>;
export type StepNote = v.InferOutput<typeof StepNoteSchema>;
export type Postmortem = v.InferOutput<typeof PostmortemSchema>;
export type PostmortemEntry = v.InferOutput<typeof PostmortemEntrySchema>;

/** The scenario a run was made on (same id and version), if this app has it. */
export function scenarioOf<S extends { id: string; version: number }>(run: Pick<Run, 'scenario'>, scenarios: readonly S[]): S | undefined {
  return scenarios.find((s) => s.id === run.scenario.id && s.version === run.scenario.version);
}

/** What the engine replays of a run. */
export function drillInputs(run: Pick<Run, 'inputs'>): DrillInput[] {
  return run.inputs.map(({ channel, text }) => ({ channel, text }));
}

/** A new, empty run. The caller supplies the id and the wall-clock time: the format never reads a clock itself. */
export function newRun(scenario: { id: string; version: number }, id: string, startedAt: string, trainee?: string): Run {
  const run: Run = { kind: RUN_KIND, format: RUN_FORMAT, id, scenario: { id: scenario.id, version: scenario.version }, startedAt, inputs: [] };
  if (trainee) run.trainee = trainee;
  return run;
}

/** The run file's text: stable key order, two-space indent, a final newline. */
export function encodeRun(run: Run): string {
  return `${JSON.stringify(run, null, 2)}\n`;
}
