/**
 * uniq as coreutils 8.28: adjacent equal lines once (-c counts them, `%7d ` as GNU prints,
 * -d only repeated, -D all repeated, -u only unique), comparing from field -f / character -s on,
 * at most -w characters, case-insensitively with -i. `uniq IN OUT` writes OUT.
 */
import type { ProgramContext } from '../../process';
import { FS_ERROR_TEXT } from '../../process';
import { parseArgs, type LongOption } from './options';
import { readInput, shownData, splitLines } from './input';
import { quoteIfNeeded, quoteLocale } from './quote';
import { parseCount } from './numbers';
import { COREUTILS_VERSION_TAIL } from './version';

const LONG: readonly LongOption[] = [
  { name: 'count', key: 'c' },
  { name: 'repeated', key: 'd' },
  { name: 'all-repeated', key: 'D', arg: 'optional' },
  { name: 'group', key: 'group', arg: 'optional' },
  { name: 'ignore-case', key: 'i' },
  { name: 'unique', key: 'u' },
  { name: 'skip-fields', key: 'f', arg: 'required' },
  { name: 'skip-chars', key: 's', arg: 'required' },
  { name: 'check-chars', key: 'w', arg: 'required' },
  { name: 'zero-terminated', key: 'z' },
  { name: 'help', key: 'help' },
  { name: 'version', key: 'version' },
];

/** The part of a line uniq compares. */
function compared(line: string, fields: number, chars: number, width: number, fold: boolean): string {
  let p = 0;
  for (let f = 0; f < fields && p < line.length; f += 1) {
    while (p < line.length && (line[p] === ' ' || line[p] === '\t')) p += 1;
    while (p < line.length && line[p] !== ' ' && line[p] !== '\t') p += 1;
  }
  p = Math.min(line.length, p + chars);
  const part = line.slice(p, p + width);
  return fold ? part.toUpperCase() : part;
}

export function uniq(ctx: ProgramContext): number {
  const usage = (message: string) => {
    ctx.err(message);
    ctx.err("Try 'uniq --help' for more information.");
    return 1;
  };
  const parsed = parseArgs('uniq', ctx.argv.slice(1), { flags: 'cdDiuz', withArg: 'fsw', long: LONG });
  if (!parsed.ok) return usage(parsed.error);
  let count = false;
  let repeated = false;
  let allRepeated: 'none' | 'prepend' | 'separate' | null = null;
  let unique = false;
  let fold = false;
  let fields = 0;
  let chars = 0;
  let width = Number.POSITIVE_INFINITY;
  for (const { key, value } of parsed.args.list) {
    const v = value ?? '';
    if (key === 'c') count = true;
    else if (key === 'd') repeated = true;
    else if (key === 'D') {
      if (value !== null && v !== 'none' && v !== 'prepend' && v !== 'separate') return usage(`uniq: invalid argument ${quoteLocale(v)} for ${quoteLocale('--all-repeated')}\nValid arguments are:\n  - \u2018none\u2019\n  - \u2018prepend\u2019\n  - \u2018separate\u2019`);
      allRepeated = value === null ? 'none' : (v as 'none' | 'prepend' | 'separate');
    } else if (key === 'u') unique = true;
    else if (key === 'i') fold = true;
    else if (key === 'f' || key === 's' || key === 'w') {
      const n = parseCount(v);
      if (!n.ok) {
        const what = key === 'f' ? 'number of fields to skip' : key === 's' ? 'number of bytes to skip' : 'number of bytes to compare';
        ctx.err(`uniq: ${v}: invalid ${what}`);
        return 1;
      }
      if (key === 'f') fields = n.value;
      else if (key === 's') chars = n.value;
      else width = n.value;
    } else if (key === 'group') {
      ctx.note('Not simulated in this drill: uniq --group.');
      return 0;
    } else if (key === 'help') {
      ctx.note('Not simulated in this drill: uniq --help.');
      return 0;
    } else if (key === 'version') {
      ctx.out(`uniq (GNU coreutils) 8.28\n${COREUTILS_VERSION_TAIL}\n\nWritten by Richard M. Stallman and David MacKenzie.`);
      return 0;
    }
  }
  const operands = parsed.args.operands;
  if (operands.length > 2) return usage(`uniq: extra operand ${quoteLocale(operands[2]!)}`);
  if (count && allRepeated !== null) return usage('uniq: printing all duplicated lines and repeat counts is meaningless');
  const input = operands[0] ?? '-';
  const read = readInput(ctx, input);
  if (!read.ok) {
    ctx.err(`uniq: ${quoteIfNeeded(input)}: ${FS_ERROR_TEXT[read.error]}`);
    return 1;
  }
  const lines = splitLines(operands[1] === undefined ? shownData(ctx, read.file) : read.file.data).lines;
  const outLines: string[] = [];
  let firstGroup = true;
  for (let i = 0; i < lines.length; ) {
    const key = compared(lines[i]!, fields, chars, width, fold);
    let j = i + 1;
    while (j < lines.length && compared(lines[j]!, fields, chars, width, fold) === key) j += 1;
    const size = j - i;
    if (allRepeated !== null) {
      if (size > 1) {
        if (allRepeated === 'prepend' || (allRepeated === 'separate' && !firstGroup)) outLines.push('');
        firstGroup = false;
        for (let k = i; k < j; k += 1) outLines.push(lines[k]!);
      }
    } else if ((!repeated || size > 1) && (!unique || size === 1)) {
      outLines.push(count ? `${String(size).padStart(7)} ${lines[i]}` : lines[i]!);
    }
    i = j;
  }
  const text = outLines.map((l) => `${l}\n`).join('');
  if (operands[1] !== undefined) {
    const written = ctx.sys.write(operands[1], text);
    if (!written.ok) {
      ctx.err(`uniq: ${quoteIfNeeded(operands[1])}: ${FS_ERROR_TEXT[written.error]}`);
      return 1;
    }
    return 0;
  }
  ctx.write(text);
  return 0;
}
