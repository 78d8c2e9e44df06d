/**
 * What the engine tests share: the bundled scenario, loaded through the same validation as
 * the app and the CLI, and small ways to play lines of input through the real drill machine.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseScenarioText } from '../../../src/scenario/load';
import type { Scenario } from '../../../src/scenario/schema';
import { inputFromLine, outcomeOf, replayInputs, type DrillSnapshot, type Outcome, type Step, type World } from '../../../src/engine/replay';

/** The repository root (tests run the CLI from here, as `npm run drill` does). */
export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

export function loadScenario(file: string): Scenario {
  const result = parseScenarioText(readFileSync(file, 'utf8'));
  if (!result.ok) throw new Error(`${file} is not a valid scenario: ${JSON.stringify(result.problems)}`);
  return result.scenario;
}

/** The 08:40 MySQL-wipe outage, as shipped. */
export const mysqlWipe = loadScenario(`${repoRoot}scenarios/mysql-wipe.json`);

export interface Played {
  snapshot: DrillSnapshot;
  steps: Step[];
  world: World;
  outcome: Outcome;
  /** The step of the last line that was run. */
  last: Step;
}

/** Plays lines as a trainee types them (`chat: ...` goes to team chat) from the start of the drill. */
export function play(lines: readonly string[], scenario: Scenario = mysqlWipe): Played {
  const snapshot = replayInputs(scenario, lines.map(inputFromLine));
  const { steps, world } = snapshot.context;
  return { snapshot, steps, world, outcome: outcomeOf(snapshot), last: steps[steps.length - 1]! };
}

/** Lines that log in to `host` first (the trainee starts on their laptop). */
export function on(host: string, ...lines: string[]): string[] {
  return host === mysqlWipe.startHost ? lines : [`ssh ${host}`, ...lines];
}

/** Lines that open the MySQL client on `shellHost` against `server`, in database tunistocks. */
export function atMysqlPrompt(server: 'db-master' | 'db-replica', ...sql: string[]): string[] {
  return on(server, 'mysql -u intern -p tunistocks', ...sql);
}

/** The step's output as one string, for `toContain`. */
export function text(step: Step): string {
  return [...step.output, ...step.notices].join('\n');
}

export function actionById(id: string, scenario: Scenario = mysqlWipe) {
  const action = scenario.actions.find((a) => a.id === id);
  if (!action) throw new Error(`no action "${id}" in ${scenario.id}`);
  return action;
}

/** Seconds a number of scenario minutes costs (the engine rounds to whole seconds). */
export function minutes(m: number): number {
  return Math.round(m * 60);
}

/**
 * A world as `toEqual` should compare it: the simulation's append-only logs (`{ list, length }`,
 * src/sim/mysql/log.ts) share one array between successive worlds, and a world sees only the
 * items before its length. Two equal worlds may hold arrays of different lengths; this keeps what
 * each one sees.
 */
export function comparable<T>(value: T): T {
  const seen = new Map<unknown, unknown>();
  const walk = (v: unknown): unknown => {
    if (v === null || typeof v !== 'object' || ArrayBuffer.isView(v)) return v;
    if (seen.has(v)) return seen.get(v);
    const o = v as Record<string, unknown>;
    const list = o.list as { items?: unknown } | undefined;
    if (Object.keys(o).length === 2 && typeof o.length === 'number' && list && Array.isArray(list.items)) {
      const seenItems = list.items.slice(0, o.length).map(walk);
      seen.set(v, seenItems);
      return seenItems;
    }
    if (Array.isArray(v)) {
      const out: unknown[] = [];
      seen.set(v, out);
      for (const item of v) out.push(walk(item));
      return out;
    }
    if (v instanceof Map) return new Map([...v].map(([k, x]) => [k, walk(x)]));
    if (v instanceof Set) return new Set([...v].map(walk));
    const out: Record<string, unknown> = {};
    seen.set(v, out);
    for (const [k, x] of Object.entries(o)) out[k] = walk(x);
    return out;
  };
  return walk(value) as T;
}
