/**
 * nl as coreutils 8.28: numbers the body lines (-b t: non-empty ones by default, a all, n none,
 * pBRE those matching), `%6d` and a tab by default (-w, -s, -n ln|rn|rz, -v, -i); lines not
 * numbered get as many spaces as the number and separator would take.
 */
import type { ProgramContext } from '../../process';
import { FS_ERROR_TEXT } from '../../process';
import { parseArgs, type LongOption } from './options';
import { readInput, shownData, splitLines } from './input';
import { quoteIfNeeded, quoteLocale } from './quote';
import { compilePosix, type PosixRegex } from '../../regex';

const LONG: readonly LongOption[] = [
  { name: 'body-numbering', key: 'b', arg: 'required' },
  { name: 'section-delimiter', key: 'd', arg: 'required' },
  { name: 'footer-numbering', key: 'f', arg: 'required' },
  { name: 'header-numbering', key: 'h', arg: 'required' },
  { name: 'line-increment', key: 'i', arg: 'required' },
  { name: 'join-blank-lines', key: 'l', arg: 'required' },
  { name: 'number-format', key: 'n', arg: 'required' },
  { name: 'no-renumber', key: 'p' },
  { name: 'number-separator', key: 's', arg: 'required' },
  { name: 'starting-line-number', key: 'v', arg: 'required' },
  { name: 'number-width', key: 'w', arg: 'required' },
  { name: 'help', key: 'help' },
  { name: 'version', key: 'version' },
];

export function nl(ctx: ProgramContext): number {
  const usage = (message: string) => {
    ctx.err(message);
    ctx.err("Try 'nl --help' for more information.");
    return 1;
  };
  const parsed = parseArgs('nl', ctx.argv.slice(1), { flags: 'p', withArg: 'bdfhilnsvw', long: LONG });
  if (!parsed.ok) return usage(parsed.error);
  let style: 'a' | 't' | 'n' | PosixRegex = 't';
  let format: 'ln' | 'rn' | 'rz' = 'rn';
  let width = 6;
  let separator = '\t';
  let start = 1;
  let increment = 1;
  for (const { key, value } of parsed.args.list) {
    const v = value ?? '';
    if (key === 'b') {
      if (v === 'a' || v === 't' || v === 'n') style = v;
      else if (v.startsWith('p')) {
        const re = compilePosix(v.slice(1));
        if (!re.ok) {
          ctx.err(`nl: ${re.error}`);
          return 1;
        }
        style = re;
      } else return usage(`nl: invalid body numbering style: ${quoteLocale(v)}`);
    } else if (key === 'n') {
      if (v !== 'ln' && v !== 'rn' && v !== 'rz') return usage(`nl: invalid line numbering format: ${quoteLocale(v)}`);
      format = v;
    } else if (key === 'w' || key === 'v' || key === 'i') {
      const ok = /^[+-]?\d+$/.test(v.trim());
      const n = Number(v);
      if (!ok || (key === 'w' && n < 1) || (key === 'i' && n < 0)) {
        const what = key === 'w' ? 'invalid line number field width' : key === 'v' ? 'invalid starting line number' : 'invalid line number increment';
        ctx.err(`nl: ${what}: ${quoteLocale(v)}`);
        return 1;
      }
      if (key === 'w') width = n;
      else if (key === 'v') start = n;
      else increment = n;
    } else if (key === 's') separator = v;
    else if (key === 'help' || key === 'version') {
      ctx.note(`Not simulated in this drill: nl --${key}.`);
      return 0;
    } else if (key === 'h' || key === 'f' || key === 'd' || key === 'l' || key === 'p') {
      // Headers and footers need \:\:\: section markers, which drill files do not have.
    }
  }
  const files = parsed.args.operands.length > 0 ? parsed.args.operands : ['-'];
  const blank = ' '.repeat(width + separator.length);
  let number = start;
  let ok = true;
  for (const name of files) {
    const read = readInput(ctx, name);
    if (!read.ok) {
      ctx.err(`nl: ${quoteIfNeeded(name)}: ${FS_ERROR_TEXT[read.error]}`);
      ok = false;
      continue;
    }
    const out: string[] = [];
    for (const line of splitLines(shownData(ctx, read.file)).lines) {
      const numbered = style === 'a' ? true : style === 'n' ? false : style === 't' ? line !== '' : style.test(line);
      if (!numbered) {
        out.push(blank + line);
        continue;
      }
      const digits = String(number);
      const field = format === 'ln' ? digits.padEnd(width) : format === 'rz' ? (number < 0 ? `-${String(-number).padStart(width - 1, '0')}` : digits.padStart(width, '0')) : digits.padStart(width);
      out.push(field + separator + line);
      number += increment;
    }
    ctx.write(out.map((l) => `${l}\n`).join(''));
  }
  return ok ? 0 : 1;
}
