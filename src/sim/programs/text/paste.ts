/**
 * paste as coreutils 8.28: the files' lines side by side, joined by the delimiters of -d in
 * turn (a tab by default; `\n`, `\t`, `\\` and `\0` for none), or with -s each file's lines on
 * one line. `-` is standard input; a file that cannot be opened stops paste before any output.
 */
import type { ProgramContext } from '../../process';
import { FS_ERROR_TEXT } from '../../process';
import { parseArgs, lastValue, hasOption, type LongOption } from './options';
import { readInput, shownData, splitLines } from './input';

const LONG: readonly LongOption[] = [
  { name: 'delimiters', key: 'd', arg: 'required' },
  { name: 'serial', key: 's' },
  { name: 'zero-terminated', key: 'z' },
  { name: 'help', key: 'help' },
  { name: 'version', key: 'version' },
];

/** The -d list with its escapes read: each entry one delimiter ('' for `\0`). */
function delimiters(list: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < list.length; i += 1) {
    const ch = list[i]!;
    if (ch !== '\\' || i + 1 >= list.length) {
      out.push(ch);
      continue;
    }
    const next = list[++i]!;
    out.push(next === 'n' ? '\n' : next === 't' ? '\t' : next === '0' ? '' : next === 'b' ? '\b' : next === 'f' ? '\f' : next === 'r' ? '\r' : next === 'v' ? '\v' : next);
  }
  return out;
}

export function paste(ctx: ProgramContext): number {
  const parsed = parseArgs('paste', ctx.argv.slice(1), { flags: 'sz', withArg: 'd', long: LONG });
  if (!parsed.ok) {
    ctx.err(parsed.error);
    ctx.err("Try 'paste --help' for more information.");
    return 1;
  }
  if (hasOption(parsed.args, 'version')) {
    ctx.out('paste (GNU coreutils) 8.28');
    return 0;
  }
  const list = lastValue(parsed.args, 'd');
  const delims = list === undefined ? ['\t'] : delimiters(list);
  if (list !== undefined && list.endsWith('\\') && !list.endsWith('\\\\')) {
    ctx.err(`paste: delimiter list ends with an unescaped backslash: ${list}`);
    return 1;
  }
  if (delims.length === 0) delims.push('');
  const names = parsed.args.operands.length > 0 ? parsed.args.operands : ['-'];
  const files: string[][] = [];
  const serial = hasOption(parsed.args, 's');
  const dashes = names.filter((n) => n === '-').length;
  let stdinLines: string[] | null = null;
  let dash = 0;
  for (const name of names) {
    if (name === '-') {
      if (!stdinLines) {
        const read = readInput(ctx, '-');
        stdinLines = read.ok ? splitLines(shownData(ctx, read.file)).lines : [];
      }
      // Each `-` reads the next line of the one standard input in turn (`paste - -` pairs lines); with -s the first takes it all.
      const mine = serial ? (dash === 0 ? stdinLines : []) : stdinLines.filter((_l, i) => i % dashes === dash);
      dash += 1;
      files.push(mine);
      continue;
    }
    const read = readInput(ctx, name);
    if (!read.ok) {
      ctx.err(`paste: ${name}: ${FS_ERROR_TEXT[read.error]}`);
      return 1;
    }
    files.push(splitLines(shownData(ctx, read.file)).lines);
  }
  let text = '';
  if (serial) {
    for (const lines of files) text += `${lines.map((line, i) => (i < lines.length - 1 ? line + delims[i % delims.length] : line)).join('')}\n`;
  } else {
    const rows = Math.max(0, ...files.map((f) => f.length));
    for (let row = 0; row < rows; row += 1) {
      text += `${files.map((f, j) => (f[row] ?? '') + (j < files.length - 1 ? delims[j % delims.length] : '')).join('')}\n`;
    }
  }
  ctx.write(text);
  return 0;
}
