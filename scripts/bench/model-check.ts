/**
 * Model check: explores the seed scenario's state graph with `xstate/graph` and times it.
 *
 * The model is the one tests/unit/engine/model.test.ts explores (same events, same filter,
 * same state key), so the figure is the cost of that test's graph:
 *
 * - A state's key is the session state, the facts that decide something (read by an ending,
 *   a scheduled event, an action's `requires` or an effect's condition, or set by an event),
 *   where the trainee is (host stack, shell or mysql, MySQL server, database) and the ending.
 *   No clock, no transcript: they would make every state new.
 * - Events: each action's command, ssh to each host, exit, opening MySQL on each server,
 *   `USE tunistocks;`, one chat message; tried only where they make sense (SQL at mysql>,
 *   shell commands at a shell, logins one hop deep).
 *
 * The code is a copy of the test's, not shared: the test belongs to another change and is
 * still moving. When it settles, both should import one `src/engine/model.ts`.
 *
 *   tsx scripts/bench/model-check.ts               prints the figures
 *   tsx scripts/bench/model-check.ts --json        prints them as one JSON object (for `npm run bench`)
 *   tsx scripts/bench/model-check.ts --all-facts   also explores with every fact in the key
 *                                                  (tens of thousands of states: minutes)
 */
import { performance } from 'node:perf_hooks';
import { getAdjacencyMap, type AdjacencyMap } from 'xstate/graph';
import { drillMachine, type DrillEvent } from '../../src/engine/machine';
import type { DrillSnapshot } from '../../src/engine/replay';
import type { Condition, Scenario } from '../../src/scenario/schema';
import { loadSeedScenario, median } from './scenario';

/** Facts named where they decide something: endings, scheduled events, `requires`, and the conditions of effects. */
export function decidingFacts(scenario: Scenario): string[] {
  const names = new Set<string>();
  const add = (when: Condition | Record<string, unknown> | undefined) => {
    for (const key of Object.keys(when ?? {})) {
      const name = key.replace(/^!/, '');
      if (name in scenario.facts) names.add(name);
    }
  };
  scenario.endings.forEach((e) => add(e.when));
  scenario.events.forEach((e) => {
    add(e.when);
    add(e.set);
  });
  scenario.actions.forEach((a) => {
    add(a.requires);
    a.effects?.forEach((e) => add(e.when));
  });
  return [...names].sort();
}

/** The state key: session state, the chosen facts, where the trainee is, and the ending. */
export function stateKey(facts: readonly string[]): (snapshot: DrillSnapshot) => string {
  return (snapshot) => {
    const w = snapshot.context.world;
    return JSON.stringify([snapshot.value, facts.map((f) => w.facts[f]), w.hostStack, w.mode, w.mysqlHost, w.db, w.ending]);
  };
}

const submit = (input: string): DrillEvent => ({ type: 'terminal.submit', input });

/** The events the model tries, and where each is worth trying. */
export function modelEvents(scenario: Scenario): { events: DrillEvent[]; worthTrying: (snapshot: DrillSnapshot, event: DrillEvent) => boolean } {
  const shellHosts = scenario.hosts.filter((h) => h.prompt).map((h) => h.id);
  const mysqlServers = scenario.hosts.filter((h) => h.databases?.length).map((h) => h.id);
  const sqlCommands = new Set([...scenario.actions.filter((a) => a.channel === 'sql').map((a) => a.command), 'USE tunistocks;', 'exit']);
  const chat: DrillEvent = { type: 'chat.send', text: 'The site fails for logged-in users. What should I check?' };
  const events: DrillEvent[] = [
    { type: 'session.start' },
    ...[
      ...new Set([
        ...scenario.actions.filter((a) => a.channel !== 'chat').map((a) => a.command),
        ...shellHosts.map((h) => `ssh ${h}`),
        'exit',
        ...mysqlServers.map((h) => `mysql -h ${h}`),
        'USE tunistocks;',
      ]),
    ].map(submit),
    chat,
  ];
  const worthTrying = (snapshot: DrillSnapshot, event: DrillEvent): boolean => {
    if (event.type === 'session.start') return snapshot.matches('briefing');
    if (!snapshot.matches('investigating')) return false;
    if (event.type === 'chat.send') return true;
    if (event.type !== 'terminal.submit') return false;
    const { mode, hostStack } = snapshot.context.world;
    if (mode === 'mysql') return sqlCommands.has(event.input);
    if (sqlCommands.has(event.input) && event.input !== 'exit') return false;
    if (/^ssh \S+$/.test(event.input) && hostStack.length >= 2) return false;
    return true;
  };
  return { events, worthTrying };
}

export interface ModelFigures {
  /** The facts in the state key. */
  facts: string[];
  states: number;
  transitions: number;
  /** Transitions that lead to a different state. */
  changingTransitions: number;
  /** Distinct events the model offers. */
  events: number;
  passesMs: number[];
  medianMs: number;
  /** Fewest inputs after the briefing to each ending, by ending id. */
  shortestToEnding: Record<string, number>;
}

/** Explores the graph `passes` times (timing `getAdjacencyMap` alone) and describes it. */
export function measureModel(scenario: Scenario, facts: readonly string[], passes: number): ModelFigures {
  const keyOf = stateKey(facts);
  const { events, worthTrying } = modelEvents(scenario);
  const passesMs: number[] = [];
  let adjacency: AdjacencyMap<DrillSnapshot, DrillEvent> | undefined;
  for (let i = 0; i < passes; i += 1) {
    const started = performance.now();
    adjacency = getAdjacencyMap(drillMachine, { input: scenario, events, serializeState: keyOf, filterEvents: worthTrying });
    passesMs.push(performance.now() - started);
  }
  const map = adjacency!;
  const keys = Object.keys(map);
  const distance = new Map<string, number>([[keys[0]!, 0]]);
  const queue = [keys[0]!];
  let transitions = 0;
  let changingTransitions = 0;
  for (let i = 0; i < queue.length; i += 1) {
    const from = queue[i]!;
    for (const { state } of Object.values(map[from as keyof typeof map]!.transitions)) {
      transitions += 1;
      const to = keyOf(state);
      if (to !== from) changingTransitions += 1;
      if (!distance.has(to)) {
        distance.set(to, distance.get(from)! + 1);
        queue.push(to);
      }
    }
  }
  const shortestToEnding: Record<string, number> = {};
  for (const key of keys) {
    const { ending } = map[key as keyof typeof map]!.state.context.world;
    // The first event of every path is session.start, which is not an input.
    if (ending && distance.has(key)) shortestToEnding[ending] = Math.min(shortestToEnding[ending] ?? Infinity, distance.get(key)! - 1);
  }
  return { facts: [...facts], states: keys.length, transitions, changingTransitions, events: events.length, passesMs, medianMs: median(passesMs), shortestToEnding };
}

export interface ModelCheckFigures {
  /** The model test's graph: the deciding facts only. */
  model: ModelFigures;
  /** With every fact in the key (only with --all-facts). */
  allFacts?: ModelFigures;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const scenario = loadSeedScenario();
  const figures: ModelCheckFigures = { model: measureModel(scenario, decidingFacts(scenario), 3) };
  if (process.argv.includes('--all-facts')) figures.allFacts = measureModel(scenario, Object.keys(scenario.facts).sort(), 1);
  if (process.argv.includes('--json')) {
    console.log(JSON.stringify(figures));
  } else {
    for (const [name, f] of Object.entries(figures) as [string, ModelFigures][]) {
      console.log(`${name} (key facts: ${f.facts.join(', ')})`);
      console.log(`  ${f.states} states, ${f.transitions} transitions (${f.changingTransitions} change the state), ${f.events} events offered`);
      console.log(`  getAdjacencyMap: ${f.medianMs.toFixed(0)} ms (median of ${f.passesMs.map((ms) => ms.toFixed(0)).join(', ')} ms)`);
      console.log(`  fewest inputs to each ending: ${JSON.stringify(f.shortestToEnding)}`);
    }
  }
}
