/**
 * Shell patterns, as scenario authors write them: `systemctl restart|reload nginx`,
 * `mysql -h @db-master * < *`, `curl -I $site-home`, `mysqldump -h @db-replica * | mysql -h @db-master *`.
 *
 * A pattern is read with the same option rules as the trainee's input, so option order,
 * clustering (`-tuln`), `--long=value` and `sudo` never matter. Words:
 * - `a|b` any of these literal words;
 * - `@web-01` any name or address of that host, `@*` any host (both remember the host);
 * - `$name` any URL in the scenario's `targets.name` (scheme and trailing `/` ignored);
 * - `*` any one word, or as the last argument: any number of words.
 * Options in the pattern must be present in the input; other options in the input are ignored.
 * ` | ` (a lone bar) separates the commands of a pipeline.
 */
import type { Scenario } from '../scenario/schema';
import { readCommand, type SimpleCommand } from './shell';

export interface Captures {
  /** Host ids named by `@` words, in order. */
  hosts: string[];
  /** Target names matched by `$` words, in order. */
  targets: string[];
}

interface CompiledPattern {
  programs: string[];
  command: SimpleCommand;
}

const cache = new WeakMap<Scenario, Map<string, CompiledPattern[]>>();

function compile(pattern: string, scenario: Scenario): CompiledPattern[] {
  let byText = cache.get(scenario);
  if (!byText) {
    byText = new Map();
    cache.set(scenario, byText);
  }
  const found = byText.get(pattern);
  if (found) return found;
  const segments = pattern.split(' | ').map((segment) => {
    const words: string[] = [];
    const redirects = new Map<string, string>();
    const raw = segment.trim().split(/\s+/);
    for (let i = 0; i < raw.length; i += 1) {
      const word = raw[i]!;
      if ((word === '>' || word === '<') && i + 1 < raw.length) {
        redirects.set(word, raw[i + 1]!);
        i += 1;
      } else {
        words.push(word);
      }
    }
    const programs = (words[0] ?? '').split('|');
    const program = programs[0]!;
    const command = readCommand(words, redirects, () => (Object.hasOwn(scenario.programs, program) ? scenario.programs[program] : undefined));
    return { programs, command: command ?? { program: '', sudo: false, options: new Map(), args: [], redirects } };
  });
  byText.set(pattern, segments);
  return segments;
}

/** Host name as typed, without `user@`, a trailing dot or a `:port`. */
function bareHost(word: string): string {
  return word.replace(/^[^@\s]*@/, '').replace(/\.$/, '').replace(/:\d+$/, '').toLowerCase();
}

/** URL as compared: no scheme, no trailing slash, lower-case host. */
export function bareUrl(word: string): string {
  const noScheme = word.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').replace(/\/+$/, '');
  const slash = noScheme.indexOf('/');
  return slash < 0 ? noScheme.toLowerCase() : noScheme.slice(0, slash).toLowerCase() + noScheme.slice(slash);
}

/** The scenario host a typed word names (`db-master`, `intern@10.0.2.10`, `web-01.tunistocks.internal.`), if any. */
export function hostNamed(scenario: Scenario, word: string): Scenario['hosts'][number] | undefined {
  return scenario.hosts.find((h) => hostMatches(scenario, h.id, word));
}

function hostMatches(scenario: Scenario, hostId: string, word: string): boolean {
  const host = scenario.hosts.find((h) => h.id === hostId);
  if (!host) return false;
  const name = bareHost(word);
  return name === host.id || name === host.name.toLowerCase() || host.names.some((n) => n.toLowerCase() === name);
}

function wordMatches(alternatives: string, word: string, scenario: Scenario, captures: Captures): boolean {
  for (const alt of alternatives.split('|')) {
    if (alt === '*') return true;
    if (alt === '@*') {
      const host = scenario.hosts.find((h) => hostMatches(scenario, h.id, word));
      if (host) {
        captures.hosts.push(host.id);
        return true;
      }
    } else if (alt.startsWith('@')) {
      if (hostMatches(scenario, alt.slice(1), word)) {
        captures.hosts.push(alt.slice(1));
        return true;
      }
    } else if (alt.startsWith('$')) {
      const name = alt.slice(1);
      const urls = Object.hasOwn(scenario.targets, name) ? scenario.targets[name]! : [];
      const typed = bareUrl(word);
      if (urls.some((u) => bareUrl(u) === typed)) {
        captures.targets.push(name);
        return true;
      }
    } else if (alt === word) {
      return true;
    }
  }
  return false;
}

function segmentMatches(pattern: CompiledPattern, input: SimpleCommand, scenario: Scenario, captures: Captures): boolean {
  if (!pattern.programs.includes(input.program)) return false;
  for (const [name, expected] of pattern.command.options) {
    const actual = input.options.get(name);
    if (actual === undefined) return false;
    if (expected !== true && (actual === true || !wordMatches(expected, actual, scenario, captures))) return false;
  }
  for (const [op, expected] of pattern.command.redirects) {
    const actual = input.redirects.get(op);
    if (actual === undefined || !wordMatches(expected, actual, scenario, captures)) return false;
  }
  const wanted = pattern.command.args;
  const rest = wanted[wanted.length - 1] === '*';
  const fixed = rest ? wanted.length - 1 : wanted.length;
  if (rest ? input.args.length < fixed : input.args.length !== fixed) return false;
  for (let i = 0; i < fixed; i += 1) {
    if (!wordMatches(wanted[i]!, input.args[i]!, scenario, captures)) return false;
  }
  return true;
}

/** Matches a pipeline of the trainee's commands against one pattern; the captures, or null. */
export function matchShell(pattern: string, pipeline: readonly SimpleCommand[], scenario: Scenario): Captures | null {
  const segments = compile(pattern, scenario);
  if (segments.length !== pipeline.length) return null;
  const captures: Captures = { hosts: [], targets: [] };
  for (let i = 0; i < segments.length; i += 1) {
    if (!segmentMatches(segments[i]!, pipeline[i]!, scenario, captures)) return null;
  }
  return captures;
}
