/** The bundled seed scenario for the Node parts of the bench, validated as the app and the CLI do. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describeProblems, parseScenarioText } from '../../src/scenario/load';
import type { Scenario } from '../../src/scenario/schema';

export const seedScenarioFile = fileURLToPath(new URL('../../scenarios/mysql-wipe.json', import.meta.url));

export function loadSeedScenario(file: string = seedScenarioFile): Scenario {
  const result = parseScenarioText(readFileSync(file, 'utf8'));
  if (!result.ok) throw new Error(describeProblems(file, result.problems));
  return result.scenario;
}

/** Milliseconds, median of a list. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
