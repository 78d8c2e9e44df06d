/**
 * seq as GNU coreutils 8.28 prints it: FIRST, INCREMENT and LAST as integers or decimals (the
 * output keeps the widest number of decimals of FIRST and INCREMENT), -s SEPARATOR, -w (equal
 * width, zero-padded). Output stops where any stream of the drill stops (its 1 MB cap), so
 * `seq 1000000000` is bounded like everything else.
 */
import type { ProgramContext } from '../../process';
import { MAX_STREAM_CHARS } from '../../shell/run';

const TRY = "Try 'seq --help' for more information.";
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

function decimals(text: string): number {
  if (/[eE]/.test(text)) return 0;
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : text.length - dot - 1;
}

export function seq(ctx: ProgramContext): number {
  const operands: string[] = [];
  let separator = '\n';
  let equalWidth = false;
  const args = ctx.argv.slice(1);
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i]!;
    // A negative number is an operand, not an option (seq -3 3).
    if (operands.length > 0 || NUMBER.test(arg) || arg === '-' || !arg.startsWith('-')) {
      operands.push(arg);
      continue;
    }
    if (arg === '--') {
      operands.push(...args.slice(i + 1));
      break;
    }
    if (arg === '-w' || arg === '--equal-width') equalWidth = true;
    else if (arg === '-s' || arg === '--separator') {
      if (i + 1 >= args.length) {
        ctx.err(`seq: option requires an argument -- 's'`);
        ctx.err(TRY);
        return 1;
      }
      separator = args[(i += 1)]!;
    } else if (arg.startsWith('-s')) separator = arg.slice(2);
    else if (arg.startsWith('--separator=')) separator = arg.slice('--separator='.length);
    else if (arg === '--version') {
      ctx.out('seq (GNU coreutils) 8.28');
      return 0;
    } else if (arg === '-f' || arg.startsWith('-f') || arg.startsWith('--format')) {
      ctx.note('Not simulated in this drill: seq -f (a printf format); the numbers are printed plainly.');
      if (arg === '-f') i += 1;
    } else {
      ctx.err(arg.startsWith('--') ? `seq: unrecognized option '${arg}'` : `seq: invalid option -- '${arg[1]}'`);
      ctx.err(TRY);
      return 1;
    }
  }
  if (operands.length === 0) {
    ctx.err('seq: missing operand');
    ctx.err(TRY);
    return 1;
  }
  if (operands.length > 3) {
    ctx.err(`seq: extra operand '${operands[3]}'`);
    ctx.err(TRY);
    return 1;
  }
  const bad = operands.find((o) => !NUMBER.test(o));
  if (bad !== undefined) {
    ctx.err(`seq: invalid floating point argument: '${bad}'`);
    ctx.err(TRY);
    return 1;
  }
  const [firstText, incrementText, lastText] = operands.length === 1 ? ['1', '1', operands[0]!] : operands.length === 2 ? [operands[0]!, '1', operands[1]!] : [operands[0]!, operands[1]!, operands[2]!];
  const first = Number(firstText);
  const increment = Number(incrementText);
  const last = Number(lastText);
  if (increment === 0) {
    ctx.err(`seq: invalid Zero increment value: '${incrementText}'`);
    ctx.err(TRY);
    return 1;
  }
  const places = Math.max(decimals(firstText), decimals(incrementText));
  const format = (n: number) => (places > 0 ? n.toFixed(places) : String(Math.round(n)));
  let width = 0;
  if (equalWidth) width = Math.max(format(first).length, format(last).length);
  const pad = (s: string) => (width > s.length ? (s.startsWith('-') ? `-${s.slice(1).padStart(width - 1, '0')}` : s.padStart(width, '0')) : s);
  let out = '';
  for (let i = 0; out.length <= MAX_STREAM_CHARS; i += 1) {
    const value = first + i * increment;
    if (increment > 0 ? value > last + 1e-9 * Math.abs(increment) : value < last - 1e-9 * Math.abs(increment)) break;
    out += (i === 0 ? '' : separator) + pad(format(value));
  }
  if (out !== '') ctx.write(`${out}\n`);
  return 0;
}
