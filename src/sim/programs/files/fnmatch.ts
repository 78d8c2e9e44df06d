/**
 * Shell wildcard matching as fnmatch(3) does it for `find -name`, `-path` and `tar`
 * (`*`, `?`, `[abc]`, `[!a-z]`, `\x`), without building a regular expression from the pattern.
 * `*` is matched by the usual backtracking over one star, so time is bounded by the product of
 * the two lengths.
 */

interface Options {
  /** `*` and `?` also match `/` (find -path does; -name never sees one). */
  slashes?: boolean;
  caseless?: boolean;
}

/** Length of the bracket expression at `i` and whether `ch` is in it; null when it is not one. */
function bracket(pattern: string, i: number, ch: string, caseless: boolean): { end: number; match: boolean } | null {
  let j = i + 1;
  let negate = false;
  if (pattern[j] === '!' || pattern[j] === '^') {
    negate = true;
    j += 1;
  }
  let match = false;
  let first = true;
  const c = caseless ? ch.toLowerCase() : ch;
  while (j < pattern.length && (first || pattern[j] !== ']')) {
    first = false;
    let lo = pattern[j]!;
    if (lo === '\\' && j + 1 < pattern.length) lo = pattern[++j]!;
    let hi = lo;
    if (pattern[j + 1] === '-' && j + 2 < pattern.length && pattern[j + 2] !== ']') {
      hi = pattern[j + 2]!;
      j += 2;
    }
    if (caseless) {
      lo = lo.toLowerCase();
      hi = hi.toLowerCase();
    }
    if (c >= lo && c <= hi) match = true;
    j += 1;
  }
  if (j >= pattern.length) return null;
  return { end: j + 1, match: negate ? !match : match };
}

/** Does `text` match the wildcard `pattern`? */
export function fnmatch(pattern: string, text: string, options: Options = {}): boolean {
  const caseless = options.caseless ?? false;
  const eq = (a: string, b: string) => (caseless ? a.toLowerCase() === b.toLowerCase() : a === b);
  let p = 0;
  let t = 0;
  let starP = -1;
  let starT = 0;
  while (t < text.length) {
    const ch = text[t]!;
    if (p < pattern.length) {
      const pc = pattern[p]!;
      if (pc === '*') {
        starP = p;
        starT = t;
        p += 1;
        continue;
      }
      if (pc === '?' && (options.slashes || ch !== '/')) {
        p += 1;
        t += 1;
        continue;
      }
      if (pc === '[') {
        const b = bracket(pattern, p, ch, caseless);
        if (b && b.match && (options.slashes || ch !== '/')) {
          p = b.end;
          t += 1;
          continue;
        }
        if (!b && eq(pc, ch)) {
          p += 1;
          t += 1;
          continue;
        }
      } else if (pc === '\\' && p + 1 < pattern.length) {
        if (eq(pattern[p + 1]!, ch)) {
          p += 2;
          t += 1;
          continue;
        }
      } else if (pc !== '?' && eq(pc, ch)) {
        p += 1;
        t += 1;
        continue;
      }
    }
    // Backtrack: let the last star take one more character.
    if (starP >= 0 && (options.slashes || text[starT] !== '/')) {
      starT += 1;
      t = starT;
      p = starP + 1;
      continue;
    }
    return false;
  }
  while (p < pattern.length && pattern[p] === '*') p += 1;
  return p === pattern.length;
}
