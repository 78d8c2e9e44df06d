/**
 * Which of a scenario's regular expressions RE2 cannot run, each named by its JSON path. The
 * scenario loader checks shapes and names; this is the engine's half of the check, made with the
 * same compiler the engine matches with (`regex.ts`), so what passes here runs there.
 */
import type { ScenarioProblem } from '../scenario/load';
import type { Scenario } from '../scenario/schema';
import { compileRegex, SCENARIO_PATTERN } from './regex';

/**
 * The regular expressions of format 1 are the `patterns` of `sql` and `chat` actions (shell
 * patterns are words, see `patterns.ts`). A format that adds regex fields adds them here.
 */
export function scenarioRegexProblems(scenario: Scenario): ScenarioProblem[] {
  const problems: ScenarioProblem[] = [];
  scenario.actions.forEach((action, i) => {
    if (action.channel === 'shell') return;
    action.patterns.forEach((pattern, j) => {
      const compiled = compileRegex(pattern, SCENARIO_PATTERN);
      if (!compiled.ok) problems.push({ path: `$.actions[${i}].patterns[${j}]`, message: `is not a valid regular expression (${compiled.error})` });
    });
  });
  return problems;
}
