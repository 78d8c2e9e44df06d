import { clockText } from '../engine/clock';
import { inputFromLine, outcomeOf, replayInputs, type DrillInput } from '../engine/replay';
import { encodeRun, MAX_INPUTS, MAX_RUN_BYTES, newRun } from '../runs/format';
import { writeFileSync } from 'node:fs';
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

/** Writes a run file, saying plainly why when it cannot. */
function writeRunFile(path: string, text: string): void {
  try {
    writeFileSync(path, text);
  } catch (error) {
    throw new CliError(`${printable(path, 200)}: cannot write the run file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
}

export async function play(argv: string[]): Promise<number> {
  const { flags } = parseArgs(argv, ['scenario', 'commands', 'save', 'trainee'], ['json']);
  const scenarioArg = flags.get('scenario');
  if (typeof scenarioArg !== 'string') throw new CliError('play needs --scenario <id or file>');
  const scenario = resolveScenario(scenarioArg);
  const commandsFile = flags.get('commands');
  const inputs = await readCommands(typeof commandsFile === 'string' ? commandsFile : undefined);
  const snapshot = replayInputs(scenario, inputs);
  const { steps, world } = snapshot.context;
  const save = flags.get('save');
  if (typeof save === 'string') {
    const trainee = flags.get('trainee');
    const run = newRun(scenario, `play-${scenario.id}-${scenario.version}-${steps.length}`, `${scenario.date.iso}T${scenario.clock.start}:00Z`, typeof trainee === 'string' ? trainee : undefined);
    // The run holds the inputs that were played (those after the end never ran), at the simulated clock they were typed.
    run.inputs = steps.map((s, i) => ({ ...inputs[i]!, at: `${scenario.date.iso}T${clockText(s.startClock, true)}Z`, clock: clockText(s.startClock, true), via: 'typed' as const }));
    writeRunFile(save, encodeRun(run));
  }
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
        output: [...s.output, ...(s.notes ?? []).map((n) => `[drill] ${n}`), ...s.notices],
        ...(s.incoming ? { incoming: s.incoming.map((m) => ({ from: m.from, clock: clockText(m.at), text: m.text })) } : {}),
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
    out.push(`[${clockText(step.startClock)}] ${who} ${step.input}`.trimEnd(), ...step.output, ...(step.notes ?? []).map((n) => `[drill] ${n}`), ...step.notices);
    for (const message of step.incoming ?? []) out.push(`[${clockText(message.at)}] ${message.from} on team chat:`, ...message.text);
  }
  out.push('', `[${clockText(world.clock)}] ${outcome === 'in-progress' ? 'Still in progress.' : `${outcome === 'resolved' ? 'Resolved' : 'Failed'}: ${ending?.title ?? ''}`}`);
  if (inputs.length > steps.length) out.push(world.held && !world.ending ? `(${inputs.length - steps.length} input(s) were not run: the facilitator held the drill paused.)` : `(${inputs.length - steps.length} input(s) after the end were not run.)`);
  // A scenario's output may hold line breaks of its own: those are lines, everything else is shown, not obeyed.
  writeLines(process.stdout, out.flatMap((line) => line.split('\n')), { keepTabs: true });
  return 0;
}
