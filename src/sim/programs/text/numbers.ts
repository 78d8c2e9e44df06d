/**
 * Counts as coreutils reads them (gnulib's xstrtoumax): decimal digits with an optional size
 * suffix (`b` 512, `K` 1024, `KB` 1000, `KiB` 1024, `M`, `G`…), errors in coreutils' words.
 */
import { quoteLocale } from './quote';

const POWERS: ReadonlyMap<string, number> = new Map([
  ['k', 1], ['K', 1], ['m', 2], ['M', 2], ['g', 3], ['G', 3], ['t', 4], ['T', 4], ['p', 5], ['P', 5], ['e', 6], ['E', 6], ['z', 7], ['Z', 7], ['y', 8], ['Y', 8],
]);

/** The largest count a 64-bit coreutils accepts. */
export const UINTMAX = 2 ** 64 - 1;

export type CountResult = { ok: true; value: number } | { ok: false; overflow: boolean };

/**
 * `10`, `2K`, `1MB`: a count with an optional suffix from `suffixes` (coreutils passes e.g.
 * "bkKmMGTPEZY0"; `0` allows the `B`/`iB` forms). Values past 2^64 overflow.
 */
export function parseCount(text: string, suffixes = ''): CountResult {
  const m = /^\s*\+?(\d+)(.*)$/s.exec(text);
  if (!m) return { ok: false, overflow: false };
  let value = Number(m[1]);
  const digitsBig = BigInt(m[1]!);
  let rest = m[2]!;
  let factor = 1;
  if (rest !== '') {
    const c = rest[0]!;
    if (!suffixes.includes(c)) return { ok: false, overflow: false };
    let base = 1024;
    if (suffixes.includes('0') && rest.length > 1) {
      if (rest.slice(1) === 'B') base = 1000;
      else if (rest.slice(1) === 'iB') base = 1024;
      else return { ok: false, overflow: false };
    } else if (rest.length > 1) return { ok: false, overflow: false };
    if (c === 'b') factor = 512;
    else if (c === 'B') factor = 1024;
    else if (c === 'c') factor = 1;
    else if (c === 'w') factor = 2;
    else if (c === '0') factor = 1;
    else factor = base ** (POWERS.get(c) ?? 0);
    rest = '';
  }
  if (digitsBig * BigInt(Math.round(factor)) > 18446744073709551615n) return { ok: false, overflow: true };
  value *= factor;
  return { ok: true, value };
}

/** coreutils' message for a bad count: `invalid number of lines: ‘x’` (+ the overflow reason). */
export function countError(what: string, text: string, overflow: boolean): string {
  return `${what}: ${quoteLocale(text)}${overflow ? ': Value too large for defined data type' : ''}`;
}
