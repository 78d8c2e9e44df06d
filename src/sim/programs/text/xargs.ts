/**
 * xargs as findutils 4.7.0: reads items from standard input (blank-separated, with quotes and
 * backslashes, or one a line with -I/-L/-d '\n', or NUL-separated with -0) and runs the command
 * (echo by default) with them: as many as fit, -n at a time, or once per line with -I REPLACE.
 * Exit 123 if a command failed, 127 if it was not found. At most MAX_RUNS commands a step.
 */
import type { ProgramContext } from '../../process';
import { quote } from '../../shell/builtins';
import { parseArgs, lastValue, hasOption, type LongOption } from './options';
import { stdinOf } from './input';

const LONG: readonly LongOption[] = [
  { name: 'null', key: '0' },
  { name: 'delimiter', key: 'd', arg: 'required' },
  { name: 'max-args', key: 'n', arg: 'required' },
  { name: 'max-lines', key: 'L', arg: 'required' },
  { name: 'replace', key: 'i', arg: 'optional' },
  { name: 'no-run-if-empty', key: 'r' },
  { name: 'verbose', key: 't' },
  { name: 'max-procs', key: 'P', arg: 'required' },
  { name: 'version', key: 'version' },
  { name: 'help', key: 'help' },
];

/** Most commands one xargs runs in a step. */
const MAX_RUNS = 1_000;

/** Items as xargs reads them by default: blanks separate, quotes and backslashes protect. */
function defaultItems(text: string): { items: string[] } | { error: string } {
  const items: string[] = [];
  let item = '';
  let inItem = false;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i]!;
    if (ch === "'" || ch === '"') {
      const end = text.indexOf(ch, i + 1);
      const newline = text.indexOf('\n', i + 1);
      if (end < 0 || (newline >= 0 && newline < end)) {
        return { error: `xargs: unmatched ${ch === "'" ? 'single' : 'double'} quote; by default quotes are special to xargs unless you use the -0 option` };
      }
      item += text.slice(i + 1, end);
      inItem = true;
      i = end;
    } else if (ch === '\\' && i + 1 < text.length) {
      item += text[++i];
      inItem = true;
    } else if (ch === ' ' || ch === '\t' || ch === '\n') {
      if (inItem) items.push(item);
      item = '';
      inItem = false;
    } else {
      item += ch;
      inItem = true;
    }
  }
  if (inItem) items.push(item);
  return { items };
}

export function xargs(ctx: ProgramContext): number {
  // Options end at the first operand: the rest is the command and its own options.
  const argv = ctx.argv.slice(1);
  let split = argv.findIndex((a, i) => !a.startsWith('-') && !(i > 0 && /^-[dnLIPsaE]$/.test(argv[i - 1]!)));
  if (split < 0) split = argv.length;
  const parsed = parseArgs('xargs', argv.slice(0, split), { flags: '0rtpx', withArg: 'dnLIPsaE', optionalArg: 'il', long: LONG });
  if (!parsed.ok) {
    ctx.err(parsed.error);
    ctx.err('Usage: xargs [OPTION]... COMMAND [INITIAL-ARGS]...');
    ctx.err("Try 'xargs --help' for more information.");
    return 1;
  }
  if (hasOption(parsed.args, 'version')) {
    ctx.out('xargs (GNU findutils) 4.7.0-git');
    return 0;
  }
  if (hasOption(parsed.args, 'a') || hasOption(parsed.args, 'P') || hasOption(parsed.args, 'p')) {
    ctx.note('Not simulated in this drill: xargs -a, -P and -p.');
    return 0;
  }
  const command = argv.slice(split);
  if (command.length === 0) command.push('echo');
  const replace = lastValue(parsed.args, 'I') ?? (hasOption(parsed.args, 'i') ? (lastValue(parsed.args, 'i') ?? '{}') : undefined);
  const text = stdinOf(ctx);
  const delimiter = lastValue(parsed.args, 'd');
  let items: string[];
  if (hasOption(parsed.args, '0')) items = text.split('\u0000').filter((s, i, all) => s !== '' || i < all.length - 1);
  else if (delimiter !== undefined) {
    const d = delimiter === '\\n' ? '\n' : delimiter === '\\t' ? '\t' : delimiter;
    items = text.split(d);
    if (items.at(-1) === '') items.pop();
  } else if (replace !== undefined) items = text.split('\n').map((l) => l.replace(/^[ \t]+/, '')).filter((l) => l !== '');
  else {
    const read = defaultItems(text);
    if ('error' in read) {
      ctx.err(read.error);
      return 1;
    }
    items = read.items;
  }
  const perRun = replace !== undefined ? 1 : Number(lastValue(parsed.args, 'n') ?? lastValue(parsed.args, 'L') ?? '0');
  if (!Number.isInteger(perRun) || perRun < 0) {
    ctx.err(`xargs: invalid number "${lastValue(parsed.args, 'n')}" for -n option`);
    return 1;
  }
  const runs: string[][] = [];
  if (items.length === 0) {
    if (!hasOption(parsed.args, 'r') && replace === undefined) runs.push(command);
  } else if (replace !== undefined) for (const item of items) runs.push(command.map((w) => w.split(replace).join(item)));
  else if (perRun > 0) for (let i = 0; i < items.length; i += perRun) runs.push([...command, ...items.slice(i, i + perRun)]);
  else runs.push([...command, ...items]);
  let status = 0;
  for (const [round, words] of runs.entries()) {
    if (round >= MAX_RUNS) {
      ctx.note(`The drill stops xargs after ${MAX_RUNS} commands.`);
      break;
    }
    if (hasOption(parsed.args, 't')) ctx.err(words.join(' '));
    const result = ctx.sys.run(words.map(quote).join(' '), { stdin: '' });
    ctx.write(result.stdout);
    const name = words[0]!;
    if (result.status === 127 && /command not found/.test(result.stderr)) {
      ctx.err(`xargs: ${name}: No such file or directory`);
      return 127;
    }
    if (result.stderr) for (const line of result.stderr.replace(/\n$/, '').split('\n')) ctx.err(line);
    if (result.status === 255) {
      ctx.err(`xargs: ${name}: exited with status 255; aborting`);
      return 124;
    }
    if (result.status !== 0) status = 123;
  }
  return status;
}
