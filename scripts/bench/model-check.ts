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
 *   `USE` each of its databases, one chat message; tried only where they make sense (SQL at mysql>,
 *   shell commands at a shell, logins one hop deep).
 *
 * Both import that model from src/engine/model.ts, so the two cannot drift apart.
 *
 *   tsx scripts/bench/model-check.ts               prints the figures
 *   tsx scripts/bench/model-check.ts --json        prints them as one JSON object (for `npm run bench`)
 *   tsx scripts/bench/model-check.ts --all-facts   also explores with every fact in the key
 *                                                  (tens of thousands of states: minutes)
 */
import { decidingFacts, exploreModel, type ModelExploration } from '../../src/engine/model';
import type { Scenario } from '../../src/scenario/schema';
import { loadSqlEngine } from '../../src/sim/mysql/sql-engine';
import { loadSeedScenario, median } from './scenario';

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
  const passesMs: number[] = [];
  let model: ModelExploration | undefined;
  for (let i = 0; i < passes; i += 1) {
    model = exploreModel(scenario, { facts });
    passesMs.push(model.adjacencyMs);
  }
  const { states, transitions, pathTo, adjacency, events } = model!;
  const shortestToEnding: Record<string, number> = {};
  for (const key of states) {
    const { ending } = adjacency[key as keyof typeof adjacency]!.state.context.world;
    // The first event of every path is session.start, which is not an input.
    if (ending && pathTo.has(key)) shortestToEnding[ending] = Math.min(shortestToEnding[ending] ?? Infinity, pathTo.get(key)!.length - 1);
  }
  return {
    facts: [...facts],
    states: states.length,
    transitions: transitions.length,
    changingTransitions: transitions.filter((t) => t.to !== t.from).length,
    events: events.length,
    passesMs,
    medianMs: median(passesMs),
    shortestToEnding,
  };
}

export interface ModelCheckFigures {
  /** The model test's graph: the deciding facts only. */
  model: ModelFigures;
  /** With every fact in the key (only with --all-facts). */
  allFacts?: ModelFigures;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  // Every transition runs the simulated world, whose MySQL servers need the SQL engine.
  await loadSqlEngine();
  const scenario = loadSeedScenario();
  // One exploration: on the simulated world it takes the better part of a minute.
  const figures: ModelCheckFigures = { model: measureModel(scenario, decidingFacts(scenario), 1) };
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
