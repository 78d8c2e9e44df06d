/** Shapes shared by every part of a scenario's world. */
import * as v from 'valibot';

export const Id = v.pipe(v.string(), v.regex(/^[a-z0-9][a-z0-9-]*$/, 'must be lower-case letters, digits and dashes'));
export const Clock = v.pipe(v.string(), v.regex(/^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$/, 'must be a clock time like "08:40"'));
/** Text: one string (may hold newlines) or an array of lines. */
export const Text = v.union([v.string(), v.array(v.string())]);
