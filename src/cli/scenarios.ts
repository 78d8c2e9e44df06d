import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { scenarioRegexProblems } from '../engine/scenarioRegexes';
import { MAX_SCENARIO_BYTES, parseScenarioText, type ScenarioProblem } from '../scenario/load';
import type { Scenario } from '../scenario/schema';
import { readTextFile, refusalReason } from './files';
import { printable } from './printable';

/** Where bundled scenarios live, relative to the working directory (the repository root). */
export const SCENARIO_DIR = resolve(process.cwd(), 'scenarios');

/** Most problems listed for one file; the rest are counted. */
const MAX_PROBLEM_LINES = 50;

/**
 * An error the CLI reports in plain words, one line each (`drill: ` is added for the whole
 * command's errors). Lines may hold text from files: they are made printable when written.
 */
export class CliError extends Error {
  readonly lines: readonly string[];
  constructor(...lines: string[]) {
    super(lines.join('\n'));
    this.lines = lines;
  }
}

/** The lines an author reads for a file's problems: `file: $.path: message`, clipped, at most 50 and a count. */
export function problemLines(file: string, problems: readonly ScenarioProblem[]): string[] {
  const shown = problems.slice(0, MAX_PROBLEM_LINES).map((p) => `${printable(file, 200)}: ${printable(p.path, 200)}: ${printable(p.message, 500)}`);
  const more = problems.length - shown.length;
  return more > 0 ? [...shown, `${printable(file, 200)}: … and ${more} more problem${more > 1 ? 's' : ''}`] : shown;
}

/**
 * Loads and validates a scenario file, its regular expressions compiled as the engine runs them
 * (RE2); a bad one throws a CliError naming the file, the JSON path and the problem.
 */
export function loadScenarioFile(file: string): Scenario {
  const read = readTextFile(file, MAX_SCENARIO_BYTES);
  if (!read.ok) throw new CliError(`${printable(file, 200)}: ${refusalReason(read.refusal)}`);
  const result = parseScenarioText(read.text);
  if (!result.ok) throw new CliError(...problemLines(file, result.problems));
  const regexProblems = scenarioRegexProblems(result.scenario);
  if (regexProblems.length) throw new CliError(...problemLines(file, regexProblems));
  return result.scenario;
}

/** The bundled scenario files, by id. */
export function bundledScenarioFiles(): Map<string, string> {
  const files = new Map<string, string>();
  if (!existsSync(SCENARIO_DIR)) return files;
  for (const name of readdirSync(SCENARIO_DIR).filter((n) => n.endsWith('.json')).sort()) {
    const read = readTextFile(join(SCENARIO_DIR, name), MAX_SCENARIO_BYTES);
    if (!read.ok) continue; // reported when it is asked for by path (`drill check`)
    try {
      const data = JSON.parse(read.text.replace(/^\uFEFF/, '')) as { id?: unknown };
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
    throw new CliError(`no scenario file or id "${printable(idOrFile, 200)}" (bundled scenarios: ${printable(known, 500)})`);
  }
  return loadScenarioFile(file);
}
