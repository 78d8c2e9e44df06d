/**
 * Matching a command's output against what the real tool prints: each expected line is the exact
 * text, or a pattern where the real tool prints a measured value (a round-trip time, a lease
 * countdown). Patterns are anchored, so the rest of the line must match character for character.
 */
import { expect } from 'vitest';

export type ExpectedLine = string | RegExp;

/** A time with iputils' precision: `3.12`, `0.312`, `21.4`, `117`. */
export const MS = String.raw`(\d{3,}|\d{2}\.\d|\d\.\d{2}|0\.\d{3})`;
/** `3.123/3.456/3.789/0.123` */
export const RTT = String.raw`\d+\.\d{3}/\d+\.\d{3}/\d+\.\d{3}/\d+\.\d{3}`;

/** Milliseconds with three decimals, right-aligned in at least three digits (`  2.535`, tracepath's `%3d.%03d`). */
export const MS3 = String.raw`[ \d]{2}\d\.\d{3}`;

/** A pattern for one line, from text where `{MS}`, `{MS3}` and `{RTT}` stand for measured values and `{N}` for a number. */
export function line(template: string): RegExp {
  const escaped = template.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\\\{MS\\\}/g, MS).replace(/\\\{RTT\\\}/g, RTT).replace(/\\\{MS3\\\}/g, MS3).replace(/\\\{N\\\}/g, String.raw`\d+`);
  return new RegExp(`^${escaped}$`);
}

/**
 * The terminal shows what the tools wrote as lines: a CRLF (HTTP through curl) is a line break
 * on screen, so an expected line's written CR is not part of what the trainee sees.
 */
export function expectLines(actual: readonly string[], written: readonly ExpectedLine[]): void {
  const expected = written.map((want) => {
    if (typeof want === 'string') return want.endsWith('\r') ? want.slice(0, -1) : want;
    return want.source.endsWith('\\r$') ? new RegExp(`${want.source.slice(0, -3)}$`, want.flags) : want;
  });
  const shown = actual.join('\n');
  expect(actual.length, `line count of:\n${shown}`).toBe(expected.length);
  expected.forEach((want, i) => {
    const got = actual[i]!;
    if (typeof want === 'string') expect(got, `line ${i + 1} of:\n${shown}`).toBe(want);
    else expect(got, `line ${i + 1} of:\n${shown}`).toMatch(want);
  });
}
