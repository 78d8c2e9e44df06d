/**
 * Files a scenario puts on a host: their content (literal, or lines that appear at a clock time,
 * for logs that grow while the trainee works), owner, mode and modification time.
 */
import * as v from 'valibot';
import { Clock, Text } from './common';

/** A log line that exists from its clock time on (`at` ≤ the simulated clock). */
export const TimedLineSchema = v.strictObject({ at: Clock, text: v.string() });

/**
 * Lines written every `every` seconds from `from` until `until` (or until the clock), with
 * `{{time:FORMAT}}` and `{{n}}` (0, 1, 2, …) filled in: the background noise of a busy log.
 */
export const RepeatSchema = v.strictObject({
  from: Clock,
  until: v.optional(Clock),
  every: v.pipe(v.number(), v.minValue(1, 'must be at least one second')),
  text: v.string(),
});

export const FileSpecSchema = v.strictObject({
  /** Absolute path; `~` is not expanded here. */
  path: v.pipe(v.string(), v.startsWith('/', 'must be an absolute path')),
  /** `file` (default), `dir`, or `link` (then `target` is where it points). */
  kind: v.optional(v.picklist(['file', 'dir', 'link'])),
  target: v.optional(v.string()),
  content: v.optional(Text),
  lines: v.optional(v.array(TimedLineSchema)),
  repeat: v.optional(v.array(RepeatSchema)),
  owner: v.optional(v.string()),
  group: v.optional(v.string()),
  /** Octal permission bits as a string: "644", "0600", "755". */
  mode: v.optional(v.pipe(v.string(), v.regex(/^0?[0-7]{3}$/, 'must be octal permission bits like "644"'))),
  /** When it was last changed: a clock time on the scenario's day or an ISO date-time. */
  mtime: v.optional(v.string()),
  /** Size in bytes to report for a file whose content the drill does not hold (a database file, a binary). */
  size: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
  /**
   * What `file` says of those bytes (default `data`): a text file the drill holds no text for is
   * `ASCII text`, and the drill's note then calls it text, not binary.
   */
  magic: v.optional(v.pipe(v.string(), v.minLength(1))),
});

export type FileSpec = v.InferOutput<typeof FileSpecSchema>;
export type TimedLine = v.InferOutput<typeof TimedLineSchema>;
export type RepeatSpec = v.InferOutput<typeof RepeatSchema>;
