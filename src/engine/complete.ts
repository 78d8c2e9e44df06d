/**
 * Tab completion, as bash and the MySQL client would do it on the host the trainee is on:
 * the first word against the shell's built-ins and the programs installed there, later words
 * against that host's files and the scenario's host names; at mysql>, SQL words and the server's
 * databases.
 */
import type { Scenario } from '../scenario/schema';
import { programsOn } from '../sim/programs/registry';
import { SHELL_BUILTIN_NAMES } from '../sim/shell/builtins';
import { activeSession } from '../sim/world';
import { mysqlServers, simConfigOf } from './simConfig';
import { currentHost, type World } from './world';

/** MySQL's own words; database names come from the server. */
const SQL_WORDS = ['SELECT', 'COUNT(*)', 'FROM', 'WHERE', 'LIMIT', 'SHOW', 'DATABASES;', 'TABLES;', 'USE', 'SLAVE', 'MASTER', 'STATUS\\G', 'STOP', 'START', 'SQL_THREAD;', 'GRANTS;', 'PROCESSLIST;', 'DESCRIBE', 'exit'];

export interface Completion {
  /** The line with the word completed as far as it is unambiguous. */
  line: string;
  /** Every candidate, when more than one fits. */
  options: string[];
}

/** Paths on the host that complete `word` (`/var/lo` → `/var/log/`), directories with their `/`. */
function paths(world: World, word: string): string[] {
  const session = activeSession(world.sim);
  if (session.kind !== 'shell') return [];
  const files = world.sim.hosts[session.host]?.files ?? {};
  const home = session.env.HOME ?? '';
  const typed = word.startsWith('~/') ? `${home}${word.slice(1)}` : word;
  const slash = typed.lastIndexOf('/');
  const dirTyped = slash >= 0 ? typed.slice(0, slash + 1) : '';
  const dir = dirTyped.startsWith('/') ? dirTyped : `${session.cwd.replace(/\/$/, '')}/${dirTyped}`;
  const parent = dir === '/' ? '/' : dir.replace(/\/$/, '');
  const shown = slash >= 0 ? word.slice(0, word.lastIndexOf('/') + 1) : '';
  const out: string[] = [];
  for (const [path, node] of Object.entries(files)) {
    if (path === '/' || path.slice(0, path.lastIndexOf('/') || 1) !== parent) continue;
    const name = path.slice(path.lastIndexOf('/') + 1);
    out.push(`${shown}${name}${node.kind === 'dir' ? '/' : ''}`);
    if (out.length > 500) break;
  }
  return out;
}

function vocabulary(scenario: Scenario, world: World, first: boolean, word: string): string[] {
  if (world.mode === 'mysql') {
    const databases = mysqlServers(scenario).find((s) => s.id === world.mysqlHost)?.databases ?? [];
    return [...SQL_WORDS, ...databases.flatMap((d) => [d, `${d};`])];
  }
  if (first && !word.includes('/')) return [...SHELL_BUILTIN_NAMES, 'clear', ...programsOn(simConfigOf(scenario), currentHost(world))];
  return [...scenario.hosts.map((h) => h.name), ...paths(world, word)];
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
  const candidates = [...new Set(vocabulary(scenario, world, first, word))].filter((c) => (world.mode === 'mysql' ? c.toLowerCase().startsWith(word.toLowerCase()) : c.startsWith(word)) && c !== word).sort();
  if (candidates.length === 0) return { line, options: [] };
  if (candidates.length === 1) return { line: `${before}${candidates[0]}${candidates[0]!.endsWith('/') ? '' : ' '}`, options: [] };
  const prefix = commonPrefix(candidates);
  return { line: `${before}${prefix.length > word.length ? prefix : word}`, options: candidates.slice(0, 30) };
}
