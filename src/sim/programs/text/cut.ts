/**
 * cut as coreutils 8.28: -f fields split at one delimiter (-d, tab by default; a line without
 * it is printed whole unless -s), -b/-c byte positions (upstream coreutils counts bytes for
 * -c too), lists like `1,3-5,7-`, --complement and --output-delimiter.
 */
import type { ProgramContext } from '../../process';
import { FS_ERROR_TEXT } from '../../process';
import { parseArgs, type LongOption } from './options';
import { readInput, shownData, splitLines } from './input';
import { quoteIfNeeded, quoteLocale } from './quote';
import { toBytes } from './bytes';
import { COREUTILS_VERSION_TAIL } from './version';

const LONG: readonly LongOption[] = [
  { name: 'bytes', key: 'b', arg: 'required' },
  { name: 'characters', key: 'c', arg: 'required' },
  { name: 'delimiter', key: 'd', arg: 'required' },
  { name: 'fields', key: 'f', arg: 'required' },
  { name: 'only-delimited', key: 's' },
  { name: 'output-delimiter', key: 'output-delimiter', arg: 'required' },
  { name: 'complement', key: 'complement' },
  { name: 'zero-terminated', key: 'z' },
  { name: 'help', key: 'help' },
  { name: 'version', key: 'version' },
];

type Range = [number, number];

/** coreutils' set_fields: a list like `1,3-5,7-` as merged ranges, or its error. */
export function parseList(list: string, positions: boolean): Range[] | string {
  const ranges: Range[] = [];
  const numbered = positions ? 'byte/character positions are numbered from 1' : 'fields are numbered from 1';
  let initial = 1;
  let value = 0;
  let lhs = false;
  let rhs = false;
  let dash = false;
  let numStart = 0;
  let inDigits = false;
  for (let i = 0; ; i += 1) {
    const c = list[i];
    if (c === '-') {
      inDigits = false;
      if (dash) return positions ? 'invalid byte or character range' : 'invalid field range';
      dash = true;
      if (lhs && value === 0) return numbered;
      initial = lhs ? value : 1;
      value = 0;
    } else if (c === ',' || c === ' ' || c === '\t' || c === undefined) {
      inDigits = false;
      if (dash) {
        dash = false;
        if (!lhs && !rhs) return 'invalid range with no endpoint: -';
        if (!rhs) ranges.push([initial, Number.POSITIVE_INFINITY]);
        else {
          if (value < initial) return 'invalid decreasing range';
          ranges.push([initial, value]);
        }
        value = 0;
      } else {
        if (value === 0) return numbered;
        ranges.push([value, value]);
        value = 0;
      }
      if (c === undefined) break;
      lhs = false;
      rhs = false;
    } else if (c >= '0' && c <= '9') {
      if (!inDigits) numStart = i;
      inDigits = true;
      if (dash) rhs = true;
      else lhs = true;
      value = value * 10 + Number(c);
      if (value >= Number.MAX_SAFE_INTEGER) {
        const digits = /^\d+/.exec(list.slice(numStart))![0];
        return `${positions ? 'byte/character offset' : 'field number'} ${quoteLocale(digits)} is too large`;
      }
    } else return `${positions ? 'invalid byte/character position' : 'invalid field value'} ${quoteLocale(list.slice(i))}`;
  }
  if (ranges.length === 0) return positions ? 'missing list of byte/character positions' : 'missing list of fields';
  ranges.sort((a, b) => a[0] - b[0]);
  const merged: Range[] = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  return merged;
}

function complementOf(ranges: Range[]): Range[] {
  const out: Range[] = [];
  let next = 1;
  for (const [lo, hi] of ranges) {
    if (lo > next) out.push([next, lo - 1]);
    next = hi + 1;
  }
  if (next !== Number.POSITIVE_INFINITY) out.push([next, Number.POSITIVE_INFINITY]);
  return out;
}

/** Is field or byte `n` (from 1) in the list? */
const selected = (ranges: Range[], n: number) => ranges.some(([lo, hi]) => n >= lo && n <= hi);

export function cut(ctx: ProgramContext): number {
  const usage = (message: string) => {
    ctx.err(message);
    ctx.err("Try 'cut --help' for more information.");
    return 1;
  };
  const parsed = parseArgs('cut', ctx.argv.slice(1), { flags: 'nsz', withArg: 'bcdf', long: LONG });
  if (!parsed.ok) return usage(parsed.error);
  let mode: 'bytes' | 'fields' | null = null;
  let list = '';
  let delim: string | null = null;
  let onlyDelimited = false;
  let outputDelimiter: string | null = null;
  let complement = false;
  for (const { key, value } of parsed.args.list) {
    const v = value ?? '';
    if (key === 'b' || key === 'c' || key === 'f') {
      if (mode !== null) return usage('cut: only one type of list may be specified');
      mode = key === 'f' ? 'fields' : 'bytes';
      list = v;
    } else if (key === 'd') {
      if ([...v].length > 1) return usage('cut: the delimiter must be a single character');
      delim = v === '' ? '\u0000' : v;
    } else if (key === 's') onlyDelimited = true;
    else if (key === 'output-delimiter') outputDelimiter = v;
    else if (key === 'complement') complement = true;
    else if (key === 'help') {
      ctx.note('Not simulated in this drill: cut --help.');
      return 0;
    } else if (key === 'version') {
      ctx.out(`cut (GNU coreutils) 8.28\n${COREUTILS_VERSION_TAIL}\n\nWritten by David M. Ihnat, David MacKenzie, and Jim Meyering.`);
      return 0;
    }
  }
  if (mode === null) return usage('cut: you must specify a list of bytes, characters, or fields');
  if (delim !== null && mode !== 'fields') return usage('cut: an input delimiter may be specified only when operating on fields');
  if (onlyDelimited && mode !== 'fields') return usage('cut: suppressing non-delimited lines makes sense\n\tonly when operating on fields');
  const parsedList = parseList(list, mode === 'bytes');
  if (typeof parsedList === 'string') return usage(`cut: ${parsedList}`);
  const ranges = complement ? complementOf(parsedList) : parsedList;
  const d = delim ?? '\t';
  const joiner = outputDelimiter ?? (mode === 'fields' ? d : null);
  const files = parsed.args.operands.length > 0 ? parsed.args.operands : ['-'];
  let ok = true;
  const decoder = new TextDecoder();
  for (const name of files) {
    const read = readInput(ctx, name);
    if (!read.ok) {
      ctx.err(`cut: ${quoteIfNeeded(name)}: ${FS_ERROR_TEXT[read.error]}`);
      ok = false;
      continue;
    }
    const out: string[] = [];
    for (const line of splitLines(shownData(ctx, read.file)).lines) {
      if (mode === 'fields') {
        const parts = line.split(d);
        if (parts.length === 1) {
          if (!onlyDelimited) out.push(line);
          continue;
        }
        out.push(parts.filter((_p, i) => selected(ranges, i + 1)).join(joiner!));
      } else {
        // Each range of the list is one piece; --output-delimiter goes between pieces.
        const bytes = toBytes(line);
        const pieces: string[] = [];
        for (const [lo, hi] of ranges) {
          if (lo > bytes.length) break;
          pieces.push(decoder.decode(bytes.slice(lo - 1, Math.min(hi, bytes.length))));
        }
        out.push(pieces.join(joiner ?? ''));
      }
    }
    ctx.write(out.map((l) => `${l}\n`).join(''));
  }
  return ok ? 0 : 1;
}
