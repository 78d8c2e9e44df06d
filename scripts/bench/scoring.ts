/**
 * Scoring throughput: 1,000 generated runs of mixed length, replayed and scored in Node.
 *
 * The runs come from a seeded generator (the same 1,000 runs every time): each line is the
 * next line of the seed's reference path, an action's command from the scenario, a move
 * (ssh, exit, opening MySQL), or junk. Lengths are mixed: short, medium, long and very long.
 *
 *   tsx scripts/bench/scoring.ts          prints the figures
 *   tsx scripts/bench/scoring.ts --json   prints them as one JSON object (for `npm run bench`)
 */
import { performance } from 'node:perf_hooks';
import { inputFromLine, outcomeOf, replayInputs, type DrillInput } from '../../src/engine/replay';
import { initialWorld, runInput } from '../../src/engine/world';
import { mysqlServers, shellHosts } from '../../src/engine/simConfig';
import { replayForScoring } from '../../src/scoring/replay';
import { scoreRun } from '../../src/scoring/score';
import type { Scenario } from '../../src/scenario/schema';
import { loadSeedScenario, median } from './scenario';
import { loadSqlEngine } from '../../src/sim/mysql/sql-engine';
import { seededRandom } from './random.mjs';

export const RUN_COUNT = 1000;
export const SEED = 0x0d711;
/** Timed passes over the 1,000 runs after the first (cold) one; the figure is their median. */
/** Timed passes after the untimed one: every step runs the simulated world, so a pass over 1,000 runs takes a while. */
const TIMED_PASSES = 1;

/** The seeded set of runs, each a list of inputs as the run log keeps them. */
export function generateRuns(scenario: Scenario, count = RUN_COUNT, seed = SEED): DrillInput[][] {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const commands = [...new Set(scenario.actions.map((a) => (a.channel === 'chat' ? `chat: ${a.command}` : a.command)))];
  const hosts = shellHosts(scenario).map((h) => h.name);
  const servers = mysqlServers(scenario);
  const moves = [...hosts.map((h) => `ssh ${h}`), 'exit', 'exit', ...servers.flatMap((s) => s.databases.slice(-1).map((d) => `mysql -h ${s.id} ${d}`))];
  const words = ['ls', 'sudo', 'rm', 'cat', 'grep', 'mysql', 'restart', 'why', 'is', 'it', 'down', '|', ';', '&&', "'", '"', '-rf', 'SELECT', '*', 'FROM', 'users', 'help', 'top', 'vim'];
  const letters = [...'abcdefghijklmnopqrstuvwxyz-_./0123456789'];
  const junk = () => {
    const n = 1 + Math.floor(random() * 6);
    const gibberish = () => Array.from({ length: 1 + Math.floor(random() * 8) }, () => pick(letters)).join('');
    return Array.from({ length: n }, () => (random() < 0.7 ? pick(words) : gibberish())).join(' ');
  };
  const runs: DrillInput[][] = [];
  for (let i = 0; i < count; i += 1) {
    const r = random();
    // Mixed lengths: 20% 1–5 lines, 40% 6–25, 30% 26–60, 10% 61–150.
    const length = r < 0.2 ? 1 + Math.floor(random() * 5) : r < 0.6 ? 6 + Math.floor(random() * 20) : r < 0.9 ? 26 + Math.floor(random() * 35) : 61 + Math.floor(random() * 90);
    // How closely this trainee follows the seed path: some finish it, most wander.
    const focus = random();
    let next = 0;
    const lines: string[] = [];
    while (lines.length < length) {
      const roll = random();
      if (roll < focus * 0.6 && next < scenario.referencePath.length) lines.push(scenario.referencePath[next++]!);
      else if (roll < 0.7) lines.push(pick(commands));
      else if (roll < 0.85) lines.push(pick(moves));
      else lines.push(junk());
    }
    runs.push(lines.map(inputFromLine));
  }
  return runs;
}

/** What is timed: the whole score (replay, alignment with the real timeline, points, lessons). */
function scoreOne(scenario: Scenario, inputs: readonly DrillInput[]): number {
  return scoreRun(scenario, inputs).points.total;
}

/** The replay the score works from (the steps, and the world after each step): part of scoreOne's cost. */
function replayForScore(scenario: Scenario, inputs: readonly DrillInput[]): number {
  return replayForScoring(scenario, inputs).steps.length;
}

/** The drill's own replay (what the app does to restore a run): part of replayForScore's cost. */
function replayOnly(scenario: Scenario, inputs: readonly DrillInput[]): number {
  return replayInputs(scenario, inputs).context.steps.length;
}

/**
 * The same run through the engine's pure `runInput` alone, without the drill machine: what
 * the simulated world itself costs.
 */
function engineOnly(scenario: Scenario, inputs: readonly DrillInput[]): number {
  let world = initialWorld(scenario);
  let steps = 0;
  for (const input of inputs) {
    if (world.ending) break;
    const result = runInput(scenario, world, input.channel, input.text);
    world = result.world;
    steps += 1;
  }
  return steps;
}

/** One way of processing the 1,000 runs, timed. */
export interface Timing {
  what: string;
  /** The first pass (untimed for the median: the JIT is still warming up), then the timed passes. */
  coldMs: number;
  passesMs: number[];
  medianMs: number;
  runsPerSecond: number;
  microsecondsPerStep: number;
}

export interface ScoringFigures {
  runs: number;
  seed: number;
  inputs: number;
  /** Inputs actually run (a replay stops at the ending, as the app does). */
  steps: number;
  outcomes: Record<string, number>;
  /** scoreRun: the figure the target is about. */
  score: Timing;
  /** Parts of it, for where the time goes. */
  replayForScoring: Timing;
  replay: Timing;
  engine: Timing;
  /** The SQL engine's load, the start world's build and the first query, each once in a fresh process. */
  start: { engineLoadMs: number; startWorldMs: number; firstQueryMs: number };
}

/** What a trainee waits for once: sql.js loading, the start world (databases prepared), the first SQL step. */
async function measureStart(scenario: Scenario): Promise<ScoringFigures['start']> {
  let t = performance.now();
  await loadSqlEngine();
  const engineLoadMs = performance.now() - t;
  t = performance.now();
  const world = initialWorld(scenario);
  const startWorldMs = performance.now() - t;
  const ssh = runInput(scenario, world, 'terminal', 'ssh db-master').world;
  t = performance.now();
  runInput(scenario, ssh, 'terminal', 'mysql -e "SELECT COUNT(*) FROM tunistocks.users"');
  return { engineLoadMs, startWorldMs, firstQueryMs: performance.now() - t };
}

export async function measureScoring(scenario: Scenario, passes = TIMED_PASSES): Promise<ScoringFigures> {
  const start = await measureStart(scenario);
  const runs = generateRuns(scenario);
  const inputs = runs.reduce((n, r) => n + r.length, 0);
  const outcomes: Record<string, number> = {};
  let steps = 0;
  const time = (what: string, one: (s: Scenario, inputs: readonly DrillInput[]) => unknown, timedPasses: number): Timing => {
    const pass = () => {
      const start = performance.now();
      for (const run of runs) one(scenario, run);
      return performance.now() - start;
    };
    const coldMs = pass();
    const passesMs = Array.from({ length: timedPasses }, pass);
    const medianMs = passesMs.length ? median(passesMs) : coldMs;
    return { what, coldMs, passesMs, medianMs, runsPerSecond: (runs.length / medianMs) * 1000, microsecondsPerStep: (medianMs * 1000) / steps };
  };
  for (const run of runs) {
    const snapshot = replayInputs(scenario, run);
    steps += snapshot.context.steps.length;
    const outcome = outcomeOf(snapshot);
    outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
  }
  // scoreRun first, so its first pass is the first time the scoring code runs (the engine has run once, above).
  const score = time('scoreRun(scenario, inputs) from src/scoring/score.ts', scoreOne, passes);
  // Its parts once each (the JIT is warm by then): each is most of the score's cost, the simulated world's steps.
  const forScoring = time('replayForScoring(scenario, inputs): the replay the score works from', replayForScore, 0);
  const replay = time('replayInputs(scenario, inputs): the drill replay', replayOnly, 0);
  const engine = time('runInput alone: the world, without the machine', engineOnly, 0);
  return { runs: runs.length, seed: SEED, inputs, steps, outcomes, score, replayForScoring: forScoring, replay, engine, start };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const figures = await measureScoring(loadSeedScenario());
  if (process.argv.includes('--json')) {
    console.log(JSON.stringify(figures));
  } else {
    console.log(`SQL engine load ${figures.start.engineLoadMs.toFixed(0)} ms, start world ${figures.start.startWorldMs.toFixed(0)} ms, first query ${figures.start.firstQueryMs.toFixed(0)} ms`);
    console.log(`${figures.runs} runs (seed ${figures.seed}), ${figures.inputs} inputs, ${figures.steps} steps run; outcomes ${JSON.stringify(figures.outcomes)}`);
    for (const t of [figures.score, figures.replayForScoring, figures.replay, figures.engine]) {
      console.log(`${t.what}: median ${t.medianMs.toFixed(0)} ms per 1,000 runs (first pass ${t.coldMs.toFixed(0)} ms), ${Math.round(t.runsPerSecond)} runs/s, ${t.microsecondsPerStep.toFixed(1)} µs per step`);
    }
  }
}
