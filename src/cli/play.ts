import { clockText } from '../engine/clock';
import { inputFromLine, outcomeOf, replayInputs, type DrillInput } from '../engine/replay';
import { MAX_INPUTS, MAX_RUN_BYTES } from '../runs/format';
import { parseArgs } from './args';
import { readStdinText, readTextFile, refusalReason } from './files';
import { printable, terminalJson, writeLines } from './printable';
import { CliError, resolveScenario } from './scenarios';

/** The commands to play: a file or stdin, held to what a run file may hold (1 MB, 5,000 inputs). */
async function readCommands(commandsFile: string | undefined): Promise<DrillInput[]> {
  const read = commandsFile === undefined ? await readStdinText(MAX_RUN_BYTES) : readTextFile(commandsFile, MAX_RUN_BYTES);
  if (!read.ok) throw new CliError(`${commandsFile === undefined ? 'stdin' : printable(commandsFile, 200)}: ${refusalReason(read.refusal)}`);
  const lines = read.text.split(/\r?\n/).filter((line, i, all) => line !== '' || i < all.length - 1);
  if (lines.length > MAX_INPUTS) {
    throw new CliError(`${commandsFile === undefined ? 'stdin' : printable(commandsFile, 200)}: has ${lines.length} lines; a run holds at most ${MAX_INPUTS} inputs`);
  }
  return lines.map(inputFromLine);
}

export async function play(argv: string[]): Promise<number> {
  const { flags } = parseArgs(argv, ['scenario', 'commands'], ['json']);
  const scenarioArg = flags.get('scenario');
  if (typeof scenarioArg !== 'string') throw new CliError('play needs --scenario <id or file>');
  const scenario = resolveScenario(scenarioArg);
  const commandsFile = flags.get('commands');
  const inputs = await readCommands(typeof commandsFile === 'string' ? commandsFile : undefined);
  const snapshot = replayInputs(scenario, inputs);
  const { steps, world } = snapshot.context;
  const outcome = outcomeOf(snapshot);
  const ending = scenario.endings.find((e) => e.id === world.ending);
  if (flags.has('json')) {
    const run = {
      scenario: { id: scenario.id, version: scenario.version },
      steps: steps.map((s) => ({
        channel: s.channel,
        input: s.input,
        host: s.host,
        clock: clockText(s.clock),
        recognised: s.recognised,
        actions: s.actions,
        output: [...s.output, ...s.notices],
      })),
      outcome,
      ending: ending ? { id: ending.id, title: ending.title } : null,
      clock: clockText(world.clock),
      ignoredInputs: inputs.length - steps.length,
    };
    process.stdout.write(`${terminalJson(run)}\n`);
    return 0;
  }
  const out: string[] = [`${scenario.title}`, `Clock starts at ${scenario.clock.start} ${scenario.clock.timezone}.`, ''];
  for (const step of steps) {
    const who = step.channel === 'chat' ? `you → ${scenario.colleague.name}:` : step.prompt;
    out.push(`[${clockText(step.startClock)}] ${who} ${step.input}`.trimEnd(), ...step.output, ...step.notices);
  }
  out.push('', `[${clockText(world.clock)}] ${outcome === 'in-progress' ? 'Still in progress.' : `${outcome === 'resolved' ? 'Resolved' : 'Failed'}: ${ending?.title ?? ''}`}`);
  if (inputs.length > steps.length) out.push(`(${inputs.length - steps.length} input(s) after the end were not run.)`);
  // A scenario's output may hold line breaks of its own: those are lines, everything else is shown, not obeyed.
  writeLines(process.stdout, out.flatMap((line) => line.split('\n')));
  return 0;
}
