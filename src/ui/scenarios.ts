/**
 * The scenarios the app offers. They ship as data files beside the code (fetched at start),
 * not compiled into the JavaScript, and are validated like any file from outside.
 */
import mysqlWipeUrl from '../../scenarios/mysql-wipe.json?url';
import { parseScenarioText, type ScenarioProblem } from '../scenario/load';
import type { Scenario } from '../scenario/schema';

const SCENARIO_URLS = [mysqlWipeUrl];

export type LoadedScenarios = { ok: true; scenarios: Scenario[] } | { ok: false; message: string; problems: ScenarioProblem[] };

export async function loadScenarios(fetcher: typeof fetch = fetch): Promise<LoadedScenarios> {
  const scenarios: Scenario[] = [];
  for (const url of SCENARIO_URLS) {
    let text: string;
    try {
      const response = await fetcher(url);
      if (!response.ok) return { ok: false, message: `The scenario file could not be loaded (HTTP ${response.status}). Check your connection and reload.`, problems: [] };
      text = await response.text();
    } catch {
      return { ok: false, message: 'The scenario file could not be loaded. Check your connection and reload.', problems: [] };
    }
    const result = parseScenarioText(text);
    if (!result.ok) return { ok: false, message: 'The scenario file is invalid.', problems: result.problems };
    scenarios.push(result.scenario);
  }
  return { ok: true, scenarios };
}
