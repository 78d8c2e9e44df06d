/**
 * Regular expressions from outside (a scenario's patterns, what a trainee types into grep) run
 * on RE2 (`re2js`): matching takes time linear in the text whatever the pattern, so no pattern
 * can freeze a replay. A pattern RE2 cannot run is a typed error with RE2's own message, never
 * an exception.
 *
 * RE2's syntax is JavaScript's for everyday patterns (`.*`, `\d`, `[a-z]+`, `(a|b)`, `{2,5}`,
 * `(?<name>…)` and `(?P<name>…)` for named groups, `(?i)` inline flags), without what needs
 * backtracking: no lookahead or lookbehind, no backreferences (`\1`). Repeat counts go up to
 * 1000. One difference in matching: a repeated group that can match nothing (`(a*|b)*`) stops
 * where Perl and Go stop, which can be sooner than JavaScript. See
 * https://github.com/google/re2/wiki/Syntax.
 *
 * ```ts
 * const result = compileRegex('select count\\(\\*\\) from (?<table>\\w+);?', { ignoreCase: true, anchored: true });
 * if (!result.ok) return result.error;            // "error parsing regexp: missing closing ): `(`"
 * result.regex.test('SELECT COUNT(*) FROM users;'); // true
 * result.regex.exec('select count(*) from users')?.groups.get('table'); // "users"
 * ```
 */
import { RE2JS } from 're2js';

export interface RegexOptions {
  /** Letters match either case (as JavaScript's `i` flag). Default false. */
  ignoreCase?: boolean;
  /** The whole text must match (as `^(?:pattern)$`), not just a part of it. Default false. */
  anchored?: boolean;
}

export interface RegexMatch {
  /** The text matched (the whole text, when anchored). */
  text: string;
  /** Where the match starts in the text, in UTF-16 units (as `String.prototype.indexOf`). */
  index: number;
  /** Every named group of the pattern: what it matched, or undefined when it took no part. A Map, so no name reaches a prototype. */
  groups: ReadonlyMap<string, string | undefined>;
}

export interface CompiledRegex {
  /** Whether the text matches (a part of it; all of it when anchored). */
  test(text: string): boolean;
  /** The first match (leftmost, as JavaScript picks it), with its named groups; null if none. */
  exec(text: string): RegexMatch | null;
}

export type RegexResult = { ok: true; regex: CompiledRegex } | { ok: false; error: string };

/** Longest pattern compiled, in characters: compiling is linear in the pattern, and patterns are short. */
export const MAX_PATTERN_CHARS = 10_000;

/** Most compiled patterns kept for reuse (a replay asks for the same few again and again). */
const CACHE_SIZE = 256;
const cache = new Map<string, RegexResult>();

function compileUncached(pattern: string, options: RegexOptions): RegexResult {
  let re: RE2JS;
  try {
    re = RE2JS.compile(pattern, options.ignoreCase ? RE2JS.CASE_INSENSITIVE : 0);
  } catch (error) {
    return { ok: false, error: errorText(pattern, error) };
  }
  const anchored = options.anchored ?? false;
  const names = Object.keys(re.namedGroups());
  const regex: CompiledRegex = {
    test: (text) => (anchored ? re.testExact(text) : re.test(text)),
    exec: (text) => {
      const matcher = re.matcher(text);
      if (!(anchored ? matcher.matches() : matcher.find())) return null;
      return {
        text: matcher.group(0) ?? '',
        index: matcher.start(0),
        groups: new Map(names.map((name) => [name, matcher.group(name) ?? undefined])),
      };
    },
  };
  return { ok: true, regex };
}

/**
 * RE2's message for a pattern it refuses. With `ignoreCase`, re2js compiles `(?i)` + pattern and
 * quotes that: the message is taken from the pattern as written (the flag changes no syntax).
 */
function errorText(pattern: string, error: unknown): string {
  try {
    RE2JS.compile(pattern);
  } catch (plain) {
    return (plain as Error).message;
  }
  return (error as Error).message;
}

/** Compiles a pattern for RE2 (see the module comment). Never throws. */
export function compileRegex(pattern: string, options: RegexOptions = {}): RegexResult {
  if (pattern.length > MAX_PATTERN_CHARS) return { ok: false, error: `the pattern is longer than ${MAX_PATTERN_CHARS} characters` };
  const key = `${options.ignoreCase ? 'i' : '-'}${options.anchored ? 'a' : '-'}${pattern}`;
  const found = cache.get(key);
  if (found) return found;
  const result = compileUncached(pattern, options);
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
  cache.set(key, result);
  return result;
}

/** How a scenario's `sql` and `chat` patterns are read: case-insensitive, matching the whole input. */
export const SCENARIO_PATTERN: Readonly<Required<RegexOptions>> = { ignoreCase: true, anchored: true };
