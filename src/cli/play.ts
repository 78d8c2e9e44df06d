import { readFileSync } from 'node:fs';
import { clockText } from '../engine/clock';
import { inputFromLine, outcomeOf, replayInputs, type DrillInput } from '../engine/replay';
import { parseArgs } from './args';
import { CliError, resolveScenario } from './scenarios';

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) return '';
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function play(argv: string[]): Promise<number> {
  const { flags } = parseArgs(argv, ['scenario', 'commands'], ['json']);
  const scenarioArg = flags.get('scenario');
  if (typeof scenarioArg !== 'string') throw new CliError('play needs --scenario <id or file>');
  const scenario = resolveScenario(scenarioArg);
  const commandsFile = flags.get('commands');
  let text: string;
  if (typeof commandsFile === 'string') {
    try {
      text = readFileSync(commandsFile, 'utf8');
    } catch (error) {
      throw new CliError(`${commandsFile}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
    }
  } else {
    text = await readStdin();
  }
  const inputs: DrillInput[] = text.split(/\r?\n/).filter((line, i, all) => line !== '' || i < all.length - 1).map(inputFromLine);
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
    process.stdout.write(`${JSON.stringify(run, null, 2)}\n`);
    return 0;
  }
  const out: string[] = [`${scenario.title}`, `Clock starts at ${scenario.clock.start} ${scenario.clock.timezone}.`, ''];
  for (const step of steps) {
    const who = step.channel === 'chat' ? `you → ${scenario.colleague.name}:` : step.prompt;
    out.push(`[${clockText(step.startClock)}] ${who} ${step.input}`.trimEnd(), ...step.output, ...step.notices);
  }
  out.push('', `[${clockText(world.clock)}] ${outcome === 'in-progress' ? 'Still in progress.' : `${outcome === 'resolved' ? 'Resolved' : 'Failed'}: ${ending?.title ?? ''}`}`);
  if (inputs.length > steps.length) out.push(`(${inputs.length - steps.length} input(s) after the end were not run.)`);
  process.stdout.write(`${out.join('\n')}\n`);
  return 0;
}
