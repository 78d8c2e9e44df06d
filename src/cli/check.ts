import { clockText } from '../engine/clock';
import { inputFromLine, outcomeOf, replayInputs } from '../engine/replay';
import { printable, writeLines } from './printable';
import { CliError, loadScenarioFile } from './scenarios';
import { lintScenario } from './lint';

/** Validates each scenario file and replays its reference path; reports every file, fails if any fails. */
export function check(files: string[]): number {
  if (files.length === 0) throw new CliError('check needs one or more scenario files');
  let failed = 0;
  for (const file of files) {
    const name = printable(file, 200);
    try {
      const scenario = loadScenarioFile(file);
      const snapshot = replayInputs(scenario, scenario.referencePath.map(inputFromLine));
      const { steps } = snapshot.context;
      const ending = printable(snapshot.context.world.ending ?? '', 200);
      // Replay gives one step per line until the run ends, so a step's index is its line's.
      const problems = steps.flatMap((s, i) => (s.recognised ? [] : [`${name}: $.referencePath[${i}]: "${printable(s.input, 200)}" is not recognised (${printable(s.output[0] ?? 'no output', 200)})`]));
      if (steps.length < scenario.referencePath.length) {
        problems.push(`${name}: $.referencePath[${steps.length}]: is never run: the run has already ended (${ending})`);
      } else if (outcomeOf(snapshot) !== 'resolved') {
        problems.push(`${name}: $.referencePath: ends ${outcomeOf(snapshot)}${ending ? ` (${ending})` : ''}, not resolved`);
      }
      problems.push(...lintScenario(scenario, steps).map((p) => `${name}: ${printable(p, 400)}`));
      if (problems.length) {
        failed += 1;
        writeLines(process.stderr, problems);
        continue;
      }
      writeLines(process.stdout, [`${name}: ok — ${printable(scenario.id, 100)} v${scenario.version}, ${scenario.actions.length} actions; reference path ${outcomeOf(snapshot)} at ${clockText(snapshot.context.world.clock)}`]);
    } catch (error) {
      failed += 1;
      writeLines(process.stderr, error instanceof CliError ? error.lines : [`${name}: ${String(error)}`]);
    }
  }
  return failed ? 1 : 0;
}
