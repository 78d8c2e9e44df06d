/**
 * What the run-file and store tests share: the bundled scenario (loaded through the same
 * validation as the app), valid runs built from lines a trainee types, and a generator of
 * valid runs that stop where the drill stops.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { parseScenarioText } from '../../../src/scenario/load';
import type { Scenario } from '../../../src/scenario/schema';
import { inputFromLine, replayInputs, type DrillInput } from '../../../src/engine/replay';
import { newRun, type Run, type RunInput } from '../../../src/runs/format';

/** The repository root (a string path, so this also works under jsdom, whose URL is not Node's). */
export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '../../../');

function loadScenario(file: string): Scenario {
  const result = parseScenarioText(readFileSync(file, 'utf8'));
  if (!result.ok) throw new Error(`${file} is not a valid scenario: ${JSON.stringify(result.problems)}`);
  return result.scenario;
}

/** The 08:40 MySQL-wipe outage, as shipped. */
export const mysqlWipe = loadScenario(`${repoRoot}scenarios/mysql-wipe.json`);
export const scenarios: readonly Scenario[] = [mysqlWipe];

const START = Date.parse('2026-03-02T14:00:00.000Z');

/** A valid run of the given inputs, entered 20 s apart from 14:00 on 2 March 2026. */
export function runOf(inputs: readonly DrillInput[], options: { id?: string; trainee?: string } = {}): Run {
  const run = newRun(mysqlWipe, options.id ?? 'fixture-run', new Date(START).toISOString(), options.trainee);
  run.inputs = inputs.map((input, i): RunInput => ({ channel: input.channel, text: input.text, at: new Date(START + (i + 1) * 20_000).toISOString(), via: 'typed' }));
  return run;
}

/** A valid run of lines as typed (`chat: ...` goes to team chat). */
export const runOfLines = (lines: readonly string[], options: { id?: string; trainee?: string } = {}): Run => runOf(lines.map(inputFromLine), options);

/** The inputs as far as the drill takes them: what comes after an ending is cut off. */
export function untilTheEnd(inputs: readonly DrillInput[]): DrillInput[] {
  return inputs.slice(0, replayInputs(mysqlWipe, inputs).context.steps.length);
}

/** Everything a trainee could type that the scenario knows, plus the team's own path. */
const known: DrillInput[] = [
  ...mysqlWipe.actions.map((a): DrillInput => ({ channel: a.channel === 'chat' ? 'chat' : 'terminal', text: a.command })),
  ...mysqlWipe.referencePath.map(inputFromLine),
  ...['exit', 'ssh db-master', 'ssh db-replica', 'ssh web-01', 'mysql -u intern -p tunistocks', 'SELECT COUNT(*) FROM users;'].map(inputFromLine),
];

/** Free text of every kind: HTML, control characters, lone surrogates, emoji. */
const anyText = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.string({ unit: 'grapheme', maxLength: 10 }),
  fc.constantFrom('<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '\u0000\u0007\u001b[31mred\r\n\u202e', '"}], "kind": "x'),
);

const input: fc.Arbitrary<DrillInput> = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom(...known) },
  { weight: 1, arbitrary: fc.record({ channel: fc.constantFrom('terminal' as const, 'chat' as const), text: anyText }) },
);

const referencePath = mysqlWipe.referencePath.map(inputFromLine);
/** Loads the empty master into the replica: the run fails. */
const dataLossPath = ['ssh db-master', 'mysqldump -h db-master tunistocks | mysql -h db-replica tunistocks'].map(inputFromLine);

/**
 * Inputs of a valid run, cut where the drill ends: a random mix of known commands and free
 * text, or some of that followed by the team's path (resolved) or by a data-loss (failed).
 */
export const validInputs: fc.Arbitrary<DrillInput[]> = fc
  .oneof(
    { weight: 4, arbitrary: fc.array(input, { maxLength: 24 }) },
    { weight: 1, arbitrary: fc.array(input, { maxLength: 6 }).map((before) => [...before, ...referencePath]) },
    { weight: 1, arbitrary: fc.array(input, { maxLength: 6 }).map((before) => [...before, ...dataLossPath]) },
  )
  .map(untilTheEnd);

const wallClock = fc.date({ min: new Date('2000-01-01T00:00:00.000Z'), max: new Date('2099-12-31T23:59:59.999Z'), noInvalidDate: true }).map((d) => d.toISOString());
const clock = fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }), fc.integer({ min: 0, max: 59 })).map((t) => t.map((n) => String(n).padStart(2, '0')).join(':'));

const detail = fc.record({ at: wallClock, clock: fc.option(clock, { nil: undefined }), via: fc.option(fc.constantFrom('typed' as const, 'menu' as const), { nil: undefined }) });

/** A valid run file's content: any id, trainee, times and optional fields the format allows. */
export const validRun: fc.Arbitrary<Run> = validInputs.chain((inputs) =>
  fc
    .record({
      id: fc.stringMatching(/^[A-Za-z0-9_-]{1,64}$/),
      trainee: fc.option(fc.oneof(fc.string({ maxLength: 100 }), fc.constant('<b>Eve</b>')), { nil: undefined }),
      startedAt: wallClock,
      details: fc.array(detail, { minLength: inputs.length, maxLength: inputs.length }),
    })
    .map(({ id, trainee, startedAt, details }) => {
      const run = newRun(mysqlWipe, id, startedAt, trainee);
      run.inputs = inputs.map(({ channel, text }, i): RunInput => {
        const { at, clock: time, via } = details[i]!;
        return { channel, text, at, ...(time !== undefined ? { clock: time } : {}), ...(via !== undefined ? { via } : {}) };
      });
      return run;
    }),
);
