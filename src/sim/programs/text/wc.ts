/**
 * wc as coreutils 8.28: lines, words, characters, bytes and the longest line, in that column
 * order, each right-aligned to one width that, as GNU wc computes it, grows with the total size
 * of the regular files named (at least 7 when one input is a pipe or a directory, 1 when only
 * one count of one input is printed), and a `total` line for several files.
 */
import type { ProgramContext } from '../../process';
import { FS_ERROR_TEXT } from '../../process';
import { parseArgs, type LongOption } from './options';
import { readInput, stdinOf } from './input';
import { opaqueNote } from '../files/read';
import { quoteAlways, quoteIfNeeded } from './quote';
import { bytesOf } from './bytes';
import { COREUTILS_VERSION_TAIL } from './version';

const LONG: readonly LongOption[] = [
  { name: 'bytes', key: 'c' },
  { name: 'chars', key: 'm' },
  { name: 'lines', key: 'l' },
  { name: 'files0-from', key: 'files0-from', arg: 'required' },
  { name: 'max-line-length', key: 'L' },
  { name: 'words', key: 'w' },
  { name: 'help', key: 'help' },
  { name: 'version', key: 'version' },
];

export interface Counts {
  lines: number;
  words: number;
  chars: number;
  bytes: number;
  maxLine: number;
}

/** Is this code point printable (iswprint in C.UTF-8)? */
function printable(code: number): boolean {
  return code >= 0x20 && code !== 0x7f && !(code >= 0x80 && code < 0xa0) && code !== 0xfffd;
}

/** Counts a text as wc does: words are runs of printable non-space characters. */
export function countText(data: string): Counts {
  let lines = 0;
  let words = 0;
  let chars = 0;
  let inWord = false;
  let pos = 0;
  let maxLine = 0;
  for (const ch of data) {
    chars += 1;
    const code = ch.codePointAt(0)!;
    if (ch === '\n' || ch === '\r' || ch === '\f') {
      if (ch === '\n') lines += 1;
      if (pos > maxLine) maxLine = pos;
      pos = 0;
      words += inWord ? 1 : 0;
      inWord = false;
    } else if (ch === '\t') {
      pos += 8 - (pos % 8);
      words += inWord ? 1 : 0;
      inWord = false;
    } else if (ch === ' ' || ch === '\v') {
      if (ch === ' ') pos += 1;
      words += inWord ? 1 : 0;
      inWord = false;
    } else if (printable(code)) {
      pos += 1;
      if (code === 0x1680 || (code >= 0x2000 && code <= 0x2006) || (code >= 0x2008 && code <= 0x200a) || code === 0x2028 || code === 0x2029 || code === 0x205f || code === 0x3000) {
        words += inWord ? 1 : 0;
        inWord = false;
      } else inWord = true;
    }
  }
  if (pos > maxLine) maxLine = pos;
  words += inWord ? 1 : 0;
  return { lines, words, chars, bytes: bytesOf(data), maxLine };
}

export function wc(ctx: ProgramContext): number {
  const parsed = parseArgs('wc', ctx.argv.slice(1), { flags: 'clLmw', long: LONG });
  if (!parsed.ok) {
    ctx.err(parsed.error);
    ctx.err("Try 'wc --help' for more information.");
    return 1;
  }
  const keys = new Set(parsed.args.list.map((o) => o.key));
  if (keys.has('help')) {
    ctx.note('Not simulated in this drill: wc --help.');
    return 0;
  }
  if (keys.has('version')) {
    ctx.out(`wc (GNU coreutils) 8.28\n${COREUTILS_VERSION_TAIL}\n\nWritten by Paul Rubin and David MacKenzie.`);
    return 0;
  }
  if (keys.has('files0-from')) {
    ctx.note('Not simulated in this drill: wc --files0-from.');
    return 0;
  }
  let show = { lines: keys.has('l'), words: keys.has('w'), chars: keys.has('m'), bytes: keys.has('c'), maxLine: keys.has('L') };
  if (!show.lines && !show.words && !show.chars && !show.bytes && !show.maxLine) show = { lines: true, words: true, chars: false, bytes: true, maxLine: false };
  const shown = [show.lines, show.words, show.chars, show.bytes, show.maxLine].filter(Boolean).length;
  const operands = parsed.args.operands;
  const names: (string | null)[] = operands.length > 0 ? operands : [null];
  // Read every input first: GNU wc sizes its columns by the files' sizes before counting.
  type Input = { name: string | null; counts: Counts | null; error: string | null; regularSize: number | null; statFailed: boolean };
  const inputs: Input[] = names.map((name) => {
    if (name === null || name === '-') {
      return { name, counts: countText(stdinOf(ctx)), error: null, regularSize: null, statFailed: false };
    }
    const read = readInput(ctx, name);
    if (read.ok) {
      const counts = countText(read.file.data);
      if (read.file.opaque || read.file.gzip) {
        // wc counts the bytes the file holds; the drill knows how many, not what they are.
        counts.bytes = read.file.regularSize ?? counts.bytes;
        if (show.lines || show.words || show.chars || show.maxLine) ctx.note(read.file.opaque && read.file.node ? `${opaqueNote(name, read.file.node, read.file.regularSize).slice(0, -1)}; only its byte count is real.` : `Not simulated in this drill: the compressed bytes of ${name}; wc counted the lines and words of the text inside it.`);
      }
      return { name, counts, error: null, regularSize: read.file.regularSize, statFailed: false };
    }
    if (read.error === 'EISDIR') return { name, counts: { lines: 0, words: 0, chars: 0, bytes: 0, maxLine: 0 }, error: `wc: ${quoteIfNeeded(name)}: ${FS_ERROR_TEXT.EISDIR}`, regularSize: null, statFailed: false };
    // A file that cannot be opened: stat still works when only reading was refused.
    return { name, counts: null, error: `wc: ${quoteIfNeeded(name)}: ${FS_ERROR_TEXT[read.error]}`, regularSize: read.error === 'EACCES' ? (ctx.sys.node(name)?.size ?? 0) : null, statFailed: read.error !== 'EACCES' };
  });
  let width = 1;
  const nothingStatted = inputs.length === 1 && shown === 1;
  if (!nothingStatted && !inputs[0]!.statFailed) {
    let minimum = 1;
    let total = 0;
    for (const input of inputs) {
      if (input.statFailed) continue;
      if (input.regularSize === null) minimum = 7;
      else total += input.regularSize;
    }
    for (; total >= 10; total = Math.floor(total / 10)) width += 1;
    width = Math.max(width, minimum);
  }
  const line = (c: Counts, name: string | null) => {
    const cols: number[] = [];
    if (show.lines) cols.push(c.lines);
    if (show.words) cols.push(c.words);
    if (show.chars) cols.push(c.chars);
    if (show.bytes) cols.push(c.bytes);
    if (show.maxLine) cols.push(c.maxLine);
    const text = cols.map((n) => String(n).padStart(width)).join(' ');
    return name === null ? text : `${text} ${name.includes('\n') ? quoteAlways(name) : name}`;
  };
  const total: Counts = { lines: 0, words: 0, chars: 0, bytes: 0, maxLine: 0 };
  let ok = true;
  for (const input of inputs) {
    if (input.error) {
      ctx.err(input.error);
      ok = false;
    }
    if (!input.counts) continue;
    ctx.out(line(input.counts, input.name));
    total.lines += input.counts.lines;
    total.words += input.counts.words;
    total.chars += input.counts.chars;
    total.bytes += input.counts.bytes;
    total.maxLine = Math.max(total.maxLine, input.counts.maxLine);
  }
  if (inputs.length > 1) ctx.out(line(total, 'total'));
  return ok ? 0 : 1;
}
