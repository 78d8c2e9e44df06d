/**
 * The one way in for a run from outside (file, share link, local storage): size and shape
 * guards, then migration of older formats, then validation, then a replay check. Never
 * throws; every refusal is a typed problem with a sentence a trainee or mentor understands.
 */
import * as v from 'valibot';
import type { Scenario } from '../scenario/schema';
import { outcomeOf, replayInputs } from '../engine/replay';
import { overBudget } from '../engine/machine';
import { MAX_INPUTS, MAX_RUN_BYTES, RUN_FORMAT, RUN_KIND, RunSchema, RunV2InputSchema, RunV3Schema, drillInputs, type Run } from './format';

export type RunProblemCode =
  | 'empty'
  | 'too-large'
  | 'not-json'
  | 'too-deep'
  | 'wrong-kind'
  | 'newer-format'
  | 'invalid'
  | 'unknown-scenario'
  | 'scenario-version'
  | 'unreplayable'
  /** It replays past the engine's budget (a run built to freeze whoever opens it). */
  | 'too-long'
  /** A share link whose `#run=` was changed (`##run=`, `#RUN=`). */
  | 'changed-link';

export interface RunProblem {
  code: RunProblemCode;
  message: string;
}

/** A decoded run comes with the scenario (of its id and version) it replays on. */
export type DecodeResult = { ok: true; run: Run; scenario: Scenario; migratedFrom?: number } | { ok: false; problem: RunProblem };

const MAX_DEPTH = 32;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

const fail = (code: RunProblemCode, message: string): DecodeResult => ({ ok: false, problem: { code, message } });

/** Deepest nesting of arrays and objects in JSON text, found without parsing it. */
function nestingDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text.charCodeAt(i);
    if (inString) {
      if (ch === 92) i += 1; // backslash escapes the next character
      else if (ch === 34) inString = false;
    } else if (ch === 34) inString = true;
    else if (ch === 91 || ch === 123) max = Math.max(max, ++depth);
    else if (ch === 93 || ch === 125) depth -= 1;
  }
  return max;
}

/**
 * JSON.parse that drops keys able to reach an object's prototype, and names the first one it
 * dropped: no run has such a key, so a file that does is refused rather than quietly cleaned.
 */
function parseSafely(text: string): { data: unknown; forbiddenKey?: string } {
  let forbiddenKey: string | undefined;
  const data: unknown = JSON.parse(text, (key, value: unknown) => {
    if (!FORBIDDEN_KEYS.has(key)) return value;
    forbiddenKey ??= key;
    return undefined;
  });
  return forbiddenKey === undefined ? { data } : { data, forbiddenKey };
}

/** UTF-8 length of a string, without encoding it. */
function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c < 0xdc00 && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4; // a surrogate pair: one code point above U+FFFF
      i += 1;
    } else bytes += 3;
  }
  return bytes;
}

const TYPE_IN_WORDS: ReadonlyMap<string, string> = new Map([
  ['string', 'text'],
  ['number', 'a number'],
  ['boolean', 'true or false'],
  ['Array', 'a list'],
  ['Object', 'an object'],
]);

/** Characters that reorder or hide the text around them: directional marks, embeddings, overrides and isolates, zero-width ones. */
const REORDERING = /[\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;

/**
 * At most `max` characters of something the file said, without direction or zero-width
 * characters, so a hostile value can neither flood the message nor reorder it (a U+202E in an
 * id). Controls are left for each front end to show as it must (the CLI escapes them).
 */
function clip(text: string, max = 40): string {
  const plain = text.slice(0, max * 2).replace(REORDERING, '');
  return plain.length > max || text.length > max * 2 ? `${plain.slice(0, max)}…` : plain;
}

/** One validation issue in a trainee's words: which field, and what is wrong with it. */
function describeIssue(issue: v.BaseIssue<unknown>): string {
  const path = (issue.path ?? []).map((p) => (typeof p.key === 'number' ? `[${p.key}]` : `.${String(p.key)}`)).join('');
  const where = path ? `the field ${clip(path.replace(/^\./, ''), 80)}` : 'the file';
  if (issue.type === 'strict_object' || issue.type === 'object') {
    if (issue.expected === 'never') return `${where} is not part of a run`;
    if (issue.received === 'undefined') return `${where} is missing`;
  }
  if (issue.kind === 'schema' && issue.message.startsWith('Invalid type:')) {
    return `${where} has the wrong type: it should be ${TYPE_IN_WORDS.get(issue.expected ?? '') ?? clip(issue.expected ?? 'something else')}, not ${TYPE_IN_WORDS.get(issue.received) ?? clip(issue.received)}`;
  }
  return `${where} ${clip(issue.message.replace(/^Invalid \w+: /, 'is not valid: '), 120)}`;
}

/** Format 1 (the first drafts): `scenario` was a bare id, and `commands` a list of `{ input, at, chat }`. */
const RunV1Schema = v.object({
  kind: v.literal(RUN_KIND),
  format: v.literal(1),
  scenario: v.string(),
  scenarioVersion: v.number(),
  startedAt: v.string(),
  trainee: v.optional(v.string()),
  commands: v.pipe(v.array(v.object({ input: v.string(), at: v.string(), chat: v.optional(v.boolean()) })), v.maxLength(MAX_INPUTS)),
});

type Migrated = { ok: true; data: unknown } | { ok: false; issues: [v.BaseIssue<unknown>, ...v.BaseIssue<unknown>[]] };

/** Format 1 → 2: validates a format-1 file and brings it up; a damaged one is explained in its own terms. */
function migrateFromV1(data: unknown): Migrated {
  const parsed = v.safeParse(RunV1Schema, data);
  if (!parsed.success) return { ok: false, issues: parsed.issues };
  const old = parsed.output;
  const run = {
    kind: RUN_KIND,
    format: 2,
    id: `migrated-${old.startedAt.replace(/[^0-9]/g, '').slice(0, 14) || 'run'}`,
    scenario: { id: old.scenario, version: old.scenarioVersion },
    ...(old.trainee !== undefined ? { trainee: old.trainee } : {}),
    startedAt: old.startedAt,
    inputs: old.commands.map((c) => ({ channel: c.chat ? 'chat' : 'terminal', text: c.input, at: c.at, via: 'typed' })),
  };
  return { ok: true, data: run };
}

/** Format 2: format 3 without `branchedFrom` (a run could not yet be started from another) and without the hint channel. */
const RunV2Schema = v.strictObject({
  ...v.omit(RunV3Schema, ['branchedFrom', 'format', 'inputs']).entries,
  format: v.literal(2),
  inputs: v.pipe(v.array(RunV2InputSchema), v.maxLength(MAX_INPUTS, `has more than ${MAX_INPUTS} inputs`)),
});

/** Format 2 → 3: the same run; format 3 only adds the optional `branchedFrom` and the `hint` channel. */
function migrateFromV2(data: unknown): Migrated {
  const parsed = v.safeParse(RunV2Schema, data);
  if (!parsed.success) return { ok: false, issues: parsed.issues };
  return { ok: true, data: { ...parsed.output, format: 3 } };
}

/** Format 3 → 4: the same run; format 4 only adds the optional `review`. */
function migrateFromV3(data: unknown): Migrated {
  const parsed = v.safeParse(RunV3Schema, data);
  if (!parsed.success) return { ok: false, issues: parsed.issues };
  return { ok: true, data: { ...parsed.output, format: 4 } };
}

/** Each step validates a file of its format and brings it up one format, by the format it starts from. */
const MIGRATIONS: ReadonlyMap<number, (data: unknown) => Migrated> = new Map([
  [1, migrateFromV1],
  [2, migrateFromV2],
  [3, migrateFromV3],
]);

/** Brings an older format up to the current one, step by step. */
function migrate(data: Record<string, unknown>): Migrated & { from?: number } {
  let format = data.format as number;
  const from = format;
  let current: unknown = data;
  while (format < RUN_FORMAT) {
    const step = MIGRATIONS.get(format);
    if (!step) break;
    const result = step(current);
    if (!result.ok) return { ...result, from };
    current = result.data;
    format += 1;
  }
  return from < RUN_FORMAT ? { ok: true, data: current, from } : { ok: true, data: current };
}

/** The first issue in words, and how many more there are. */
function describeIssues(issues: readonly [v.BaseIssue<unknown>, ...v.BaseIssue<unknown>[]]): string {
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more problem${issues.length > 2 ? 's' : ''})` : '';
  return `${describeIssue(issues[0])}${more}`;
}

/**
 * Validates already-parsed data as a run (local storage hands over objects, files hand over text).
 * `replay: false` checks all but the replay (a list of many received runs reads them this way,
 * and replays each where it is scored: off the page's thread).
 */
export function decodeRunData(data: unknown, scenarios: readonly Scenario[], { replay = true }: { replay?: boolean } = {}): DecodeResult {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return fail('wrong-kind', 'This is not an Outage Drill run: a run file is a JSON object.');
  }
  const record = data as Record<string, unknown>;
  if (record.kind === 'outage-drill/scenario') {
    return fail('wrong-kind', 'This is a scenario file, not a run. Scenario files are played, not imported as runs.');
  }
  if (record.kind !== RUN_KIND) {
    return fail('wrong-kind', 'This is not an Outage Drill run: it lacks "kind": "outage-drill/run".');
  }
  if (typeof record.format !== 'number' || !Number.isInteger(record.format) || record.format < 1) {
    return fail('invalid', 'This run has no valid format number.');
  }
  if (record.format > RUN_FORMAT) {
    return fail('newer-format', `This run was saved by a newer version of Outage Drill (run format ${record.format}; this version reads up to ${RUN_FORMAT}). Update the app to open it.`);
  }
  const migrated = migrate(record);
  if (!migrated.ok) {
    return fail('invalid', `This run file (format ${migrated.from}, an older one) is damaged: ${describeIssues(migrated.issues)}.`);
  }
  const parsed = v.safeParse(RunSchema, migrated.data);
  if (!parsed.success) return fail('invalid', `This run file is damaged: ${describeIssues(parsed.issues)}.`);
  const run = parsed.output;
  const candidates = scenarios.filter((s) => s.id === run.scenario.id);
  if (candidates.length === 0) {
    return fail('unknown-scenario', `This run is for a scenario this app does not have ("${clip(run.scenario.id, 60)}").`);
  }
  const scenario = candidates.find((s) => s.version === run.scenario.version);
  if (!scenario) {
    // The newest version this app has (older ones it opens are aliases of it: see migrate.ts).
    const newest = Math.max(...candidates.map((s) => s.version));
    const why = run.scenario.version > newest ? ' Update the app to open it.' : ' Runs only replay on a version this app has.';
    return fail('scenario-version', `This run was made on version ${run.scenario.version} of "${candidates[0]!.title}", and this app has version ${newest}.${why}`);
  }
  if (!replay) return migrated.from !== undefined ? { ok: true, run, scenario, migratedFrom: migrated.from } : { ok: true, run, scenario };
  const snapshot = replayInputs(scenario, drillInputs(run));
  if (overBudget(snapshot.context)) {
    return fail('too-long', 'This run takes too long to replay: its commands print more than the drill replays for one run (64 MB of output), so it was not opened. Nothing was changed.');
  }
  if (snapshot.context.steps.length < run.inputs.length) {
    return fail('unreplayable', `This run cannot be replayed: it goes on for ${run.inputs.length - snapshot.context.steps.length} input(s) after the drill ended (${outcomeOf(snapshot)}). It was not made by this scenario.`);
  }
  return migrated.from !== undefined ? { ok: true, run, scenario, migratedFrom: migrated.from } : { ok: true, run, scenario };
}

/** Decodes the text of a run file (or a share link's payload). */
export function decodeRunText(text: string, scenarios: readonly Scenario[]): DecodeResult {
  // A character is 1 to 3 bytes of UTF-8: count bytes only when the count of characters cannot decide.
  const bytes = text.length > MAX_RUN_BYTES ? text.length : text.length * 3 > MAX_RUN_BYTES ? utf8Length(text) : 0;
  if (bytes > MAX_RUN_BYTES) {
    return fail('too-large', `This file is too large to be a run (${Math.ceil(bytes / 1000)} kB; the limit is ${MAX_RUN_BYTES / 1_000_000} MB).`);
  }
  if (text.trim() === '') return fail('empty', 'This file is empty.');
  if (nestingDepth(text) > MAX_DEPTH) {
    return fail('too-deep', `This file is nested more than ${MAX_DEPTH} levels deep: it is not a run.`);
  }
  let parsed: ReturnType<typeof parseSafely>;
  try {
    parsed = parseSafely(text.replace(/^\uFEFF/, ''));
  } catch {
    return fail('not-json', 'This file is not valid JSON (it may be cut short or not a run at all).');
  }
  const data = parsed.data as { kind?: unknown } | null;
  if (parsed.forbiddenKey !== undefined && typeof data === 'object' && data !== null && data.kind === RUN_KIND) {
    return fail('invalid', `This run file is damaged: it has a field named "${parsed.forbiddenKey}", which no run has. It was not opened.`);
  }
  return decodeRunData(parsed.data, scenarios);
}
