import { clockText } from '../engine/clock';
import { inputFromLine, outcomeOf, replayInputs } from '../engine/replay';
import { CliError, loadScenarioFile } from './scenarios';

/** Validates each scenario file and replays its reference path; reports every file, fails if any fails. */
export function check(files: string[]): number {
  if (files.length === 0) throw new CliError('check needs one or more scenario files');
  let failed = 0;
  for (const file of files) {
    try {
      const scenario = loadScenarioFile(file);
      const snapshot = replayInputs(scenario, scenario.referencePath.map(inputFromLine));
      const unrecognised = snapshot.context.steps.filter((s) => !s.recognised);
      const problems = unrecognised.map((s) => `${file}: $.referencePath: "${s.input}" is not recognised (${s.output[0] ?? 'no output'})`);
      if (problems.length) {
        failed += 1;
        process.stderr.write(`${problems.join('\n')}\n`);
        continue;
      }
      process.stdout.write(`${file}: ok — ${scenario.id} v${scenario.version}, ${scenario.actions.length} actions; reference path ${outcomeOf(snapshot)} at ${clockText(snapshot.context.world.clock)}\n`);
    } catch (error) {
      failed += 1;
      process.stderr.write(`${error instanceof CliError ? error.message : String(error)}\n`);
    }
  }
  return failed ? 1 : 0;
}
