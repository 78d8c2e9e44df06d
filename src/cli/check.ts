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
      const { steps } = snapshot.context;
      // Replay gives one step per line until the run ends, so a step's index is its line's.
      const problems = steps.flatMap((s, i) => (s.recognised ? [] : [`${file}: $.referencePath[${i}]: "${s.input}" is not recognised (${s.output[0] ?? 'no output'})`]));
      if (steps.length < scenario.referencePath.length) {
        problems.push(`${file}: $.referencePath[${steps.length}]: is never run: the run has already ended (${snapshot.context.world.ending})`);
      } else if (outcomeOf(snapshot) !== 'resolved') {
        problems.push(`${file}: $.referencePath: ends ${outcomeOf(snapshot)}${snapshot.context.world.ending ? ` (${snapshot.context.world.ending})` : ''}, not resolved`);
      }
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
