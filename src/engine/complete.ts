/**
 * Tab completion: the word under the cursor completed against what this scenario knows
 * (program names first; then hosts, URLs, file paths and words of the actions' commands).
 */
import type { Scenario } from '../scenario/schema';
import { currentHost, type World } from './world';

/** MySQL's own words; table and database names come from the scenario. */
const SQL_WORDS = ['SELECT', 'COUNT(*)', 'FROM', 'WHERE', 'LIMIT', 'SHOW', 'DATABASES;', 'TABLES;', 'USE', 'SLAVE', 'REPLICA', 'STATUS\\G', 'STOP', 'START', 'SQL_THREAD;', 'GRANTS;', 'PROCESSLIST;', 'exit'];
const BUILTINS = ['help', 'clear', 'history', 'exit', 'pwd', 'whoami', 'hostname', 'date'];

export interface Completion {
  /** The line with the word completed as far as it is unambiguous. */
  line: string;
  /** Every candidate, when more than one fits. */
  options: string[];
}

function vocabulary(scenario: Scenario, world: World, first: boolean): string[] {
  if (world.mode === 'mysql') {
    const words = scenario.actions.filter((a) => a.channel === 'sql').flatMap((a) => a.command.split(/\s+/));
    const databases = scenario.hosts.flatMap((h) => h.databases ?? []).flatMap((d) => [d, `${d};`]);
    return [...SQL_WORDS, ...words, ...databases];
  }
  const host = currentHost(world);
  if (first) {
    return [...BUILTINS, ...Object.entries(scenario.programs).filter(([, p]) => !p.hosts || p.hosts.includes(host)).map(([name]) => name)];
  }
  const hosts = scenario.hosts.flatMap((h) => [h.name]);
  const words = scenario.actions.filter((a) => a.channel === 'shell').flatMap((a) => a.command.split(/\s+/).slice(1));
  return [...hosts, ...words.filter((w) => !w.startsWith('"'))];
}

function commonPrefix(words: readonly string[]): string {
  let prefix = words[0] ?? '';
  for (const word of words) while (!word.startsWith(prefix)) prefix = prefix.slice(0, -1);
  return prefix;
}

export function complete(scenario: Scenario, world: World, line: string): Completion {
  const start = line.search(/\S+$/);
  const word = start < 0 ? '' : line.slice(start);
  const before = start < 0 ? line : line.slice(0, start);
  const first = before.trim() === '' || /(\||&&|;)\s*$/.test(before) || /^\s*sudo\s+$/.test(before);
  if (word === '' && !first) return { line, options: [] };
  const lower = word.toLowerCase();
  const candidates = [...new Set(vocabulary(scenario, world, first))].filter((c) => c.toLowerCase().startsWith(lower) && c !== word).sort();
  if (candidates.length === 0) return { line, options: [] };
  if (candidates.length === 1) return { line: `${before}${candidates[0]} `, options: [] };
  const prefix = commonPrefix(candidates);
  return { line: `${before}${prefix.length > word.length ? prefix : word}`, options: candidates.slice(0, 30) };
}
