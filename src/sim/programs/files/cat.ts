/**
 * `cat` and `tac` (GNU coreutils 8.28): files in order, `-` or nothing for standard input;
 * cat's -n -b -s -E -T -v -A -e -t; tac writes the lines last first (a last line without its
 * newline runs into the one before it, as GNU tac does).
 */
import type { ProgramContext } from '../../process';
import type { ProgramEntry } from '../registry';
import { actorOf, ERROR_TEXT } from './access';
import { coreutilsVersion, helpText, parseOptions, STANDARD_LONG, usageError } from './options';
import { quoteAlways, quoteIfNeeded } from './quote';
import { bytesFor, readAs } from './read';
import { stdinText } from './stdin';

const CAT_LONG = [
  ...STANDARD_LONG,
  { name: 'show-all', key: 'A' },
  { name: 'number-nonblank', key: 'b' },
  { name: 'show-ends', key: 'E' },
  { name: 'number', key: 'n' },
  { name: 'squeeze-blank', key: 's' },
  { name: 'show-tabs', key: 'T' },
  { name: 'show-nonprinting', key: 'v' },
];

/** `cat -v`'s notation: ^X for control characters, M- for bytes above 127 (UTF-8 is shown byte by byte). */
function visible(text: string, tabs: boolean): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (ch === '\n') out += ch;
    else if (ch === '\t') out += tabs ? '^I' : '\t';
    else if (code < 32) out += `^${String.fromCharCode(code + 64)}`;
    else if (code === 127) out += '^?';
    else if (code < 128) out += ch;
    else {
      for (const byte of new TextEncoder().encode(ch)) {
        const low = byte - 128;
        out += low < 32 ? `M-^${String.fromCharCode(low + 64)}` : low === 127 ? 'M-^?' : `M-${String.fromCharCode(low)}`;
      }
    }
  }
  return out;
}

interface CatState {
  line: number;
  /** Whether the last text written ended a line (numbering starts at the next one). */
  atLineStart: boolean;
  blankRun: number;
}

function render(text: string, o: { number: boolean; nonblank: boolean; squeeze: boolean; ends: boolean; tabs: boolean; nonprinting: boolean }, state: CatState): string {
  if (!o.number && !o.nonblank && !o.squeeze && !o.ends && !o.tabs && !o.nonprinting) return text;
  const parts = text.split('\n');
  const endsWithNewline = text.endsWith('\n');
  if (endsWithNewline) parts.pop();
  let out = '';
  parts.forEach((line, i) => {
    const complete = i < parts.length - 1 || endsWithNewline;
    const startsLine = state.atLineStart;
    if (o.squeeze) {
      if (complete && line === '' && startsLine) {
        state.blankRun += 1;
        if (state.blankRun > 1) return;
      } else state.blankRun = 0;
    }
    let shown = o.nonprinting ? visible(line, o.tabs) : o.tabs ? line.replace(/\t/g, '^I') : line;
    if (startsLine && ((o.number && !o.nonblank) || (o.nonblank && line !== ''))) {
      state.line += 1;
      shown = `${String(state.line).padStart(6)}\t${shown}`;
    }
    out += shown;
    if (complete) {
      out += o.ends ? '$\n' : '\n';
      state.atLineStart = true;
    } else state.atLineStart = false;
  });
  return out;
}

function cat(ctx: ProgramContext): number {
  const parsed = parseOptions(ctx.argv.slice(1), { flags: 'AbeEnstTuv', long: CAT_LONG });
  if (!parsed.ok) return usageError(ctx, parsed.message);
  const { options } = parsed;
  if (options.has('help')) return helpText(ctx, '[OPTION]... [FILE]...');
  if (options.has('version')) return coreutilsVersion(ctx);
  const has = (k: string) => options.has(k);
  const o = {
    number: has('n') || has('b'),
    nonblank: has('b'),
    squeeze: has('s'),
    ends: has('E') || has('A') || has('e'),
    tabs: has('T') || has('A') || has('t'),
    nonprinting: has('v') || has('A') || has('e') || has('t'),
  };
  const state: CatState = { line: 0, atLineStart: true, blankRun: 0 };
  const actor = actorOf(ctx.sys);
  let status = 0;
  for (const name of options.operands.length ? options.operands : ['-']) {
    if (name === '-') {
      ctx.write(render(stdinText(ctx), o, state));
      continue;
    }
    const read = readAs(actor, ctx.sys, name);
    if (!read.ok) {
      ctx.err(`cat: ${quoteIfNeeded(name)}: ${ERROR_TEXT[read.error]}`);
      status = 1;
      continue;
    }
    ctx.write(render(bytesFor(ctx, read, name), o, state));
  }
  return status;
}

/** GNU tac: records end at each newline; the last one may lack it and is then joined to the next one written. */
export function reversedLines(text: string): string {
  if (text === '') return '';
  const records = text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
  return records.reverse().join('');
}

function tac(ctx: ProgramContext): number {
  const parsed = parseOptions(ctx.argv.slice(1), { flags: 'brs', withArg: '', long: [...STANDARD_LONG, { name: 'before', key: 'b' }, { name: 'regex', key: 'r' }, { name: 'separator', key: 's', arg: 'required' }] });
  if (!parsed.ok) return usageError(ctx, parsed.message);
  const { options } = parsed;
  if (options.has('help')) return helpText(ctx, '[OPTION]... [FILE]...');
  if (options.has('version')) return coreutilsVersion(ctx);
  if (options.has('b') || options.has('r') || options.has('s')) ctx.note('Not simulated in this drill: tac -b, -r and -s; lines are reversed at newlines.');
  const actor = actorOf(ctx.sys);
  let status = 0;
  for (const name of options.operands.length ? options.operands : ['-']) {
    if (name === '-') {
      ctx.write(reversedLines(stdinText(ctx)));
      continue;
    }
    const read = readAs(actor, ctx.sys, name);
    if (!read.ok) {
      ctx.err(read.error === 'EISDIR' ? `tac: ${quoteIfNeeded(name)}: read error: ${ERROR_TEXT.EISDIR}` : `tac: failed to open ${quoteAlways(name)} for reading: ${ERROR_TEXT[read.error]}`);
      status = 1;
      continue;
    }
    ctx.write(reversedLines(bytesFor(ctx, read, name)));
  }
  return status;
}

export const catPrograms: Readonly<Record<string, ProgramEntry>> = {
  cat: { main: cat, base: true },
  tac: { main: tac, base: true },
};
