/**
 * Shell wildcards as fnmatch(3) reads them (`*`, `?`, `[a-z]`, `[!x]`, `\x`), matched without
 * building a regular expression: a two-pointer walk that backs up only to the last `*`, so any
 * pattern runs in time proportional to the pattern's length times the name's.
 */

interface Bracket {
  negate: boolean;
  ranges: [number, number][];
  /** Index just after the closing `]`. */
  end: number;
}

function bracketAt(pattern: readonly string[], start: number): Bracket | null {
  let i = start + 1;
  let negate = false;
  if (pattern[i] === '!' || pattern[i] === '^') {
    negate = true;
    i += 1;
  }
  const ranges: [number, number][] = [];
  let first = true;
  while (i < pattern.length) {
    const c = pattern[i]!;
    if (c === ']' && !first) return { negate, ranges, end: i + 1 };
    first = false;
    const from = c.codePointAt(0)!;
    if (pattern[i + 1] === '-' && pattern[i + 2] !== undefined && pattern[i + 2] !== ']') {
      ranges.push([from, pattern[i + 2]!.codePointAt(0)!]);
      i += 3;
    } else {
      ranges.push([from, from]);
      i += 1;
    }
  }
  return null;
}

/** Does `name` match the wildcard `pattern`? */
export function globMatch(pattern: string, name: string): boolean {
  const p = [...pattern];
  const s = [...name];
  let pi = 0;
  let si = 0;
  let starP = -1;
  let starS = 0;
  while (si < s.length) {
    const c = p[pi];
    if (c === '*') {
      starP = pi++;
      starS = si;
      continue;
    }
    let ok = false;
    let next = pi + 1;
    if (c === '?') ok = true;
    else if (c === '[') {
      const b = bracketAt(p, pi);
      if (b) {
        const code = s[si]!.codePointAt(0)!;
        ok = b.ranges.some(([lo, hi]) => code >= lo && code <= hi) !== b.negate;
        next = b.end;
      } else ok = s[si] === '[';
    } else if (c === '\\' && pi + 1 < p.length) {
      ok = p[pi + 1] === s[si];
      next = pi + 2;
    } else if (c !== undefined) ok = c === s[si];
    if (ok) {
      pi = next;
      si += 1;
    } else if (starP >= 0) {
      pi = starP + 1;
      si = ++starS;
    } else return false;
  }
  while (p[pi] === '*') pi += 1;
  return pi === p.length;
}
