/**
 * comm as coreutils 8.28: the lines of two sorted files in three columns (only in the first,
 * only in the second, in both) separated by tabs or --output-delimiter, -1 -2 -3 to leave
 * columns out, and the warning `file N is not in sorted order` (with exit status 1).
 */
import type { ProgramContext } from '../../process';
import { FS_ERROR_TEXT } from '../../process';
import { parseArgs, type LongOption } from './options';
import { readInput, shownData, splitLines } from './input';
import { quoteIfNeeded, quoteLocale } from './quote';
import { COREUTILS_VERSION_TAIL } from './version';

const LONG: readonly LongOption[] = [
  { name: 'check-order', key: 'check-order' },
  { name: 'nocheck-order', key: 'nocheck-order' },
  { name: 'output-delimiter', key: 'output-delimiter', arg: 'required' },
  { name: 'total', key: 'total' },
  { name: 'zero-terminated', key: 'z' },
  { name: 'help', key: 'help' },
  { name: 'version', key: 'version' },
];

export function comm(ctx: ProgramContext): number {
  const usage = (message: string) => {
    ctx.err(message);
    ctx.err("Try 'comm --help' for more information.");
    return 1;
  };
  const parsed = parseArgs('comm', ctx.argv.slice(1), { flags: '123z', long: LONG });
  if (!parsed.ok) return usage(parsed.error);
  let show1 = true;
  let show2 = true;
  let show3 = true;
  let check: 'default' | 'on' | 'off' = 'default';
  let sep: string | null = null;
  let total = false;
  for (const { key, value } of parsed.args.list) {
    if (key === '1') show1 = false;
    else if (key === '2') show2 = false;
    else if (key === '3') show3 = false;
    else if (key === 'check-order') check = 'on';
    else if (key === 'nocheck-order') check = 'off';
    else if (key === 'total') total = true;
    else if (key === 'output-delimiter') {
      if (sep !== null && sep !== value) {
        ctx.err('comm: multiple output delimiters specified');
        return 1;
      }
      sep = value ?? '';
    } else if (key === 'help') {
      ctx.note('Not simulated in this drill: comm --help.');
      return 0;
    } else if (key === 'version') {
      ctx.out(`comm (GNU coreutils) 8.28\n${COREUTILS_VERSION_TAIL}\n\nWritten by Richard M. Stallman and David MacKenzie.`);
      return 0;
    }
  }
  const operands = parsed.args.operands;
  if (operands.length < 2) return usage(operands.length === 0 ? 'comm: missing operand' : `comm: missing operand after ${quoteLocale(operands[operands.length - 1]!)}`);
  if (operands.length > 2) return usage(`comm: extra operand ${quoteLocale(operands[2]!)}`);
  const inputs: string[][] = [];
  for (const name of operands) {
    const read = readInput(ctx, name);
    if (!read.ok) {
      ctx.err(`comm: ${quoteIfNeeded(name)}: ${FS_ERROR_TEXT[read.error]}`);
      return 1;
    }
    inputs.push(splitLines(shownData(ctx, read.file)).lines);
  }
  const colSep = sep === null || sep === '' ? (sep === '' ? '\u0000' : '\t') : sep;
  const [a, b] = inputs as [string[], string[]];
  const out: string[] = [];
  const counts = [0, 0, 0];
  let i = 0;
  let j = 0;
  let unpairable = false;
  const warned = [false, false];
  const checkOrder = (lines: string[], k: number, file: 0 | 1) => {
    if (check === 'off' || (check === 'default' && !unpairable) || warned[file] || k === 0 || k >= lines.length) return;
    if (lines[k - 1]! > lines[k]!) {
      warned[file] = true;
      ctx.write(out.splice(0).map((l) => `${l}\n`).join(''));
      ctx.err(`comm: file ${file + 1} is not in sorted order`);
    }
  };
  while (i < a.length || j < b.length) {
    const order = i >= a.length ? 1 : j >= b.length ? -1 : a[i]! < b[j]! ? -1 : a[i]! > b[j]! ? 1 : 0;
    if (order === 0) {
      counts[2]! += 1;
      if (show3) out.push((show1 ? colSep : '') + (show2 ? colSep : '') + b[j]);
    } else {
      unpairable = true;
      if (order < 0) {
        counts[0]! += 1;
        if (show1) out.push(a[i]!);
      } else {
        counts[1]! += 1;
        if (show2) out.push((show1 ? colSep : '') + b[j]);
      }
    }
    if (order >= 0) {
      j += 1;
      checkOrder(b, j, 1);
    }
    if (order <= 0) {
      i += 1;
      checkOrder(a, i, 0);
    }
    if (check === 'on' && (warned[0] || warned[1])) {
      ctx.write(out.map((l) => `${l}\n`).join(''));
      return 1;
    }
  }
  if (total) out.push(`${counts[0]}${colSep}${counts[1]}${colSep}${counts[2]}${colSep}total`);
  ctx.write(out.map((l) => `${l}\n`).join(''));
  return warned[0] || warned[1] ? 1 : 0;
}
