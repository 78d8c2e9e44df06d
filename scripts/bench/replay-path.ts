/**
 * Replay time of the seed's reference path and of 200 of the scoring bench's generated runs:
 * the figure a change to the engine's machines is held to (no more than ~10% slower).
 *
 *   tsx scripts/bench/replay-path.ts [passes]
 */
import { inputFromLine, outcomeOf, replayInputs } from '../../src/engine/replay';
import { loadSqlEngine } from '../../src/sim/mysql/sql-engine';
import { loadSeedScenario, median } from './scenario';
import { generateRuns } from './scoring';

await loadSqlEngine();
const scenario = loadSeedScenario();
const passes = Number(process.argv[2] ?? 15);
const reference = scenario.referencePath.map(inputFromLine);
const runs = generateRuns(scenario, 200);
console.log(`reference path: ${reference.length} inputs, outcome ${outcomeOf(replayInputs(scenario, reference))}`);
/** CPU time (user + system) of each pass, in ms: steadier than wall time on a shared machine. */
const time = (one: () => void, n: number) => {
  const out: number[] = [];
  for (let i = 0; i < n; i += 1) {
    const start = process.cpuUsage();
    one();
    const used = process.cpuUsage(start);
    out.push((used.user + used.system) / 1000);
  }
  return out;
};
time(() => replayInputs(scenario, reference), 5);
const path = time(() => replayInputs(scenario, reference), passes * 4);
console.log(`reference path replay (CPU): median ${median(path).toFixed(2)} ms, min ${Math.min(...path).toFixed(2)} ms over ${path.length}`);
time(() => runs.forEach((r) => replayInputs(scenario, r)), 1);
const many = time(() => runs.forEach((r) => replayInputs(scenario, r)), Math.max(3, passes >> 2));
console.log(`200 generated runs (CPU): median ${median(many).toFixed(0)} ms, min ${Math.min(...many).toFixed(0)} ms over ${many.length}`);
