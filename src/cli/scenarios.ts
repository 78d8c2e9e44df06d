import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describeProblems, parseScenarioText } from '../scenario/load';
import type { Scenario } from '../scenario/schema';

/** Where bundled scenarios live, relative to the working directory (the repository root). */
export const SCENARIO_DIR = resolve(process.cwd(), 'scenarios');

export class CliError extends Error {}

/** Loads and validates a scenario file; a bad one throws a CliError naming the file, the JSON path and the problem. */
export function loadScenarioFile(file: string): Scenario {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new CliError(`${file}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  const result = parseScenarioText(text);
  if (!result.ok) throw new CliError(describeProblems(file, result.problems));
  return result.scenario;
}

/** The bundled scenario files, by id. */
export function bundledScenarioFiles(): Map<string, string> {
  const files = new Map<string, string>();
  if (!existsSync(SCENARIO_DIR)) return files;
  for (const name of readdirSync(SCENARIO_DIR).filter((n) => n.endsWith('.json')).sort()) {
    try {
      const data = JSON.parse(readFileSync(join(SCENARIO_DIR, name), 'utf8')) as { id?: unknown };
      if (typeof data.id === 'string') files.set(data.id, join(SCENARIO_DIR, name));
    } catch {
      // An unreadable file is reported when it is asked for by path (`drill check`).
    }
  }
  return files;
}

/** `--scenario` takes a file path or the id of a bundled scenario. */
export function resolveScenario(idOrFile: string): Scenario {
  if (existsSync(idOrFile)) return loadScenarioFile(idOrFile);
  const file = bundledScenarioFiles().get(idOrFile);
  if (!file) {
    const known = [...bundledScenarioFiles().keys()].join(', ') || 'none';
    throw new CliError(`no scenario file or id "${idOrFile}" (bundled scenarios: ${known})`);
  }
  return loadScenarioFile(file);
}
