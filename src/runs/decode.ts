/**
 * The one way in for a run from outside (file, share link, local storage): size and shape
 * guards, then migration of older formats, then validation, then a replay check. Never
 * throws; every refusal is a typed problem, as data (what was found, with what the file said
 * clipped and cleaned); its sentence is made in one place, `runProblemText` in `./words.ts`.
 */
import * as v from 'valibot';
import type { Scenario } from '../scenario/schema';
import { outcomeOf, replayInputs, type Outcome } from '../engine/replay';
import { overBudget, REPLAY_WORK_BUDGET } from '../engine/machine';
import { MAX_INPUTS, MAX_RUN_BYTES, RUN_FORMAT, RUN_KIND, RunSchema, RunV2InputSchema, RunV3Schema, RunV4Schema, drillInputs, type Run } from './format';

/** What kind of problem a run has (its `code`). */
export type RunProblemCode = RunProblem['code'];

/** One field of the file that is wrong, as the validator found it (values clipped: see `clip`). */
export type FieldIssue = {
  /** The field's path (`inputs[1].text`), or null for the file as a whole. */
  field: string | null;
} & (
  | { is: 'not-part' }
  | { is: 'missing' }
  /** `expected` and `received` are the validator's type names (`string`, `Array`…). */
  | { is: 'wrong-type'; expected: string; received: string }
  /** `message` is the schema's own words for it (`is longer than 10000 characters`), or the validator's. */
  | { is: 'not-valid'; message: string }
);

/** Why a run file is damaged. */
export type RunDamage =
  | { kind: 'no-format' }
  /** A key no run has, that could reach an object's prototype. */
  | { kind: 'forbidden-key'; key: string }
  /** Fields that fail validation: the first, and how many more; `olderFormat` when it failed as the older format it says it is. */
  | { kind: 'fields'; first: FieldIssue; more: number; olderFormat?: number };

/**
 * Why a run could not be opened: a typed union with no prose, worded once (`runProblemText`).
 * `link` marks a problem found in a share link rather than a file; `file` names the file it was in.
 */
export type RunProblem = { file?: string; link?: true } & (
  | { code: 'empty' }
  /** The browser could not read the file at all. */
  | { code: 'unreadable' }
  /** `bytes` null when only known to be over the `limit`. */
  | { code: 'too-large'; bytes: number | null; limit: number }
  | { code: 'not-json' }
  | { code: 'too-deep'; limit: number }
  | { code: 'wrong-kind'; found: 'not-an-object' | 'scenario' | 'no-kind' }
  | { code: 'newer-format'; format: number; reads: number }
  | { code: 'invalid'; damage: RunDamage }
  | { code: 'unknown-scenario'; scenarioId: string }
  | { code: 'scenario-version'; version: number; scenarioTitle: string; newest: number }
  | { code: 'unreplayable'; extraInputs: number; outcome: Outcome }
  /** It replays past the engine's budget (a run built to freeze whoever opens it): `outputBytes` is that budget. */
  | { code: 'too-long'; outputBytes: number }
  /** A share link whose `#run=` was changed (`##run=`, `#RUN=`); `starts`: how it starts instead of `#prefix`. */
  | { code: 'changed-link'; starts: string; prefix: string }
);

/** A decoded run comes with the scenario (of its id and version) it replays on. */
export type DecodeResult = { ok: true; run: Run; scenario: Scenario; migratedFrom?: number } | { ok: false; problem: RunProblem };

const MAX_DEPTH = 32;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

const fail = (problem: RunProblem): DecodeResult => ({ ok: false, problem });

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

/** Characters that reorder or hide the text around them: directional marks, embeddings, overrides and isolates, zero-width ones. */
const REORDERING = /[\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;

/**
 * At most `max` characters of something the file said, without direction or zero-width
 * characters, so a hostile value can neither flood the message nor reorder it (a U+202E in an
 * id). Controls are left for each front end to show as it must (the CLI escapes them).
 */
export function clip(text: string, max = 40): string {
  const plain = text.slice(0, max * 2).replace(REORDERING, '');
  return plain.length > max || text.length > max * 2 ? `${plain.slice(0, max)}…` : plain;
}

/** One validation issue as data: which field, and what is wrong with it (what the file said, clipped). */
function issueOf(issue: v.BaseIssue<unknown>): FieldIssue {
  const path = (issue.path ?? []).map((p) => (typeof p.key === 'number' ? `[${p.key}]` : `.${String(p.key)}`)).join('');
  const field = path ? clip(path.replace(/^\./, ''), 80) : null;
  if (issue.type === 'strict_object' || issue.type === 'object') {
    if (issue.expected === 'never') return { field, is: 'not-part' };
    if (issue.received === 'undefined') return { field, is: 'missing' };
  }
  if (issue.kind === 'schema' && issue.message.startsWith('Invalid type:')) {
    return { field, is: 'wrong-type', expected: clip(issue.expected ?? ''), received: clip(issue.received) };
  }
  return { field, is: 'not-valid', message: clip(issue.message, 120) };
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

/** Format 4 → 5: the same run; format 5 only adds the optional `postmortem` and the facilitator's channel. */
function migrateFromV4(data: unknown): Migrated {
  const parsed = v.safeParse(RunV4Schema, data);
  if (!parsed.success) return { ok: false, issues: parsed.issues };
  return { ok: true, data: { ...parsed.output, format: 5 } };
}

/** Each step validates a file of its format and brings it up one format, by the format it starts from. */
const MIGRATIONS: ReadonlyMap<number, (data: unknown) => Migrated> = new Map([
  [1, migrateFromV1],
  [2, migrateFromV2],
  [3, migrateFromV3],
  [4, migrateFromV4],
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

/** The first issue, and how many more there are. */
function damageOf(issues: readonly [v.BaseIssue<unknown>, ...v.BaseIssue<unknown>[]], olderFormat?: number): RunDamage {
  const damage: RunDamage = { kind: 'fields', first: issueOf(issues[0]), more: issues.length - 1 };
  return olderFormat === undefined ? damage : { ...damage, olderFormat };
}

/**
 * Validates already-parsed data as a run (local storage hands over objects, files hand over text).
 * `replay: false` checks all but the replay (a list of many received runs reads them this way,
 * and replays each where it is scored: off the page's thread).
 */
export function decodeRunData(data: unknown, scenarios: readonly Scenario[], { replay = true }: { replay?: boolean } = {}): DecodeResult {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return fail({ code: 'wrong-kind', found: 'not-an-object' });
  }
  const record = data as Record<string, unknown>;
  if (record.kind === 'outage-drill/scenario') {
    return fail({ code: 'wrong-kind', found: 'scenario' });
  }
  if (record.kind !== RUN_KIND) {
    return fail({ code: 'wrong-kind', found: 'no-kind' });
  }
  if (typeof record.format !== 'number' || !Number.isInteger(record.format) || record.format < 1) {
    return fail({ code: 'invalid', damage: { kind: 'no-format' } });
  }
  if (record.format > RUN_FORMAT) {
    return fail({ code: 'newer-format', format: record.format, reads: RUN_FORMAT });
  }
  const migrated = migrate(record);
  if (!migrated.ok) {
    return fail({ code: 'invalid', damage: damageOf(migrated.issues, migrated.from) });
  }
  const parsed = v.safeParse(RunSchema, migrated.data);
  if (!parsed.success) return fail({ code: 'invalid', damage: damageOf(parsed.issues) });
  const run = parsed.output;
  const candidates = scenarios.filter((s) => s.id === run.scenario.id);
  if (candidates.length === 0) {
    return fail({ code: 'unknown-scenario', scenarioId: clip(run.scenario.id, 60) });
  }
  const scenario = candidates.find((s) => s.version === run.scenario.version);
  if (!scenario) {
    // The newest version this app has (older ones it opens are aliases of it: see migrate.ts).
    const newest = Math.max(...candidates.map((s) => s.version));
    return fail({ code: 'scenario-version', version: run.scenario.version, scenarioTitle: candidates[0]!.title, newest });
  }
  if (!replay) return migrated.from !== undefined ? { ok: true, run, scenario, migratedFrom: migrated.from } : { ok: true, run, scenario };
  const snapshot = replayInputs(scenario, drillInputs(run));
  if (overBudget(snapshot.context)) {
    return fail({ code: 'too-long', outputBytes: REPLAY_WORK_BUDGET });
  }
  if (snapshot.context.steps.length < run.inputs.length) {
    return fail({ code: 'unreplayable', extraInputs: run.inputs.length - snapshot.context.steps.length, outcome: outcomeOf(snapshot) });
  }
  return migrated.from !== undefined ? { ok: true, run, scenario, migratedFrom: migrated.from } : { ok: true, run, scenario };
}

/** Decodes the text of a run file (or a share link's payload). */
export function decodeRunText(text: string, scenarios: readonly Scenario[]): DecodeResult {
  // A character is 1 to 3 bytes of UTF-8: count bytes only when the count of characters cannot decide.
  const bytes = text.length > MAX_RUN_BYTES ? text.length : text.length * 3 > MAX_RUN_BYTES ? utf8Length(text) : 0;
  if (bytes > MAX_RUN_BYTES) {
    return fail({ code: 'too-large', bytes, limit: MAX_RUN_BYTES });
  }
  if (text.trim() === '') return fail({ code: 'empty' });
  if (nestingDepth(text) > MAX_DEPTH) {
    return fail({ code: 'too-deep', limit: MAX_DEPTH });
  }
  let parsed: ReturnType<typeof parseSafely>;
  try {
    parsed = parseSafely(text.replace(/^\uFEFF/, ''));
  } catch {
    return fail({ code: 'not-json' });
  }
  const data = parsed.data as { kind?: unknown } | null;
  if (parsed.forbiddenKey !== undefined && typeof data === 'object' && data !== null && data.kind === RUN_KIND) {
    return fail({ code: 'invalid', damage: { kind: 'forbidden-key', key: parsed.forbiddenKey } });
  }
  return decodeRunData(parsed.data, scenarios);
}
