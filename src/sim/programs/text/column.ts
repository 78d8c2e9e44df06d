/**
 * column as Ubuntu 18.04 ships it (bsdmainutils 11.1): -t makes a table of the input's
 * whitespace- (or -s) separated fields, each column as wide as its widest cell plus two spaces;
 * without -t, entries fill columns (-x: rows) of an 80-character terminal, separated by tabs.
 * Blank lines are skipped.
 */
import type { ProgramContext } from '../../process';
import { FS_ERROR_TEXT } from '../../process';
import { readInput, shownData, splitLines } from './input';
import { parseArgs } from './options';

const TAB = 8;
const tabRound = (n: number) => (n + TAB) & ~(TAB - 1);

/** How many columns a string takes on a terminal (wide East Asian characters take two). */
function width(text: string): number {
  let w = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c < 0x20 || c === 0x7f) continue;
    w += (c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0xa4cf) || (c >= 0xac00 && c <= 0xd7a3) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xff00 && c <= 0xff60) || (c >= 0x1f300 && c <= 0x1faff) ? 2 : 1;
  }
  return w;
}

export function column(ctx: ProgramContext): number {
  const parsed = parseArgs('column', ctx.argv.slice(1), { flags: 'txne', withArg: 'cs' });
  if (!parsed.ok) {
    ctx.err(parsed.error);
    ctx.err('usage: column [-tx] [-c columns] [-s sep] [file ...]');
    return 1;
  }
  let table = false;
  let across = false;
  let separator = ' \t';
  let termWidth = 80;
  const fromEnv = Number(ctx.sys.env.COLUMNS);
  if (Number.isInteger(fromEnv) && fromEnv > 0) termWidth = fromEnv;
  for (const { key, value } of parsed.args.list) {
    if (key === 't') table = true;
    else if (key === 'x') across = true;
    else if (key === 's') separator = value ?? '';
    else if (key === 'c') {
      const n = Number(value);
      if (!Number.isInteger(n) || n < 0) {
        ctx.err(`column: invalid columns argument: ${value}`);
        return 1;
      }
      termWidth = n;
    }
  }
  const entries: string[] = [];
  let status = 0;
  for (const name of parsed.args.operands.length > 0 ? parsed.args.operands : ['-']) {
    const read = readInput(ctx, name);
    if (!read.ok) {
      ctx.err(`column: ${name}: ${FS_ERROR_TEXT[read.error]}`);
      status = 1;
      continue;
    }
    for (const line of splitLines(shownData(ctx, read.file)).lines) if (line.trim() !== '') entries.push(line);
  }
  if (entries.length === 0) return status;
  const out: string[] = [];
  if (table) {
    const rows = entries.map((line) => {
      const cells: string[] = [];
      let cell = '';
      for (const ch of line) {
        if (separator.includes(ch)) {
          if (cell !== '') cells.push(cell);
          cell = '';
        } else cell += ch;
      }
      if (cell !== '') cells.push(cell);
      return cells;
    });
    const widths: number[] = [];
    for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, width(cell))));
    for (const row of rows) {
      if (row.length === 0) continue;
      out.push(row.map((cell, i) => (i < row.length - 1 ? cell + ' '.repeat(widths[i]! - width(cell) + 2) : cell)).join(''));
    }
  } else {
    const maxLength = tabRound(Math.max(...entries.map(width)));
    if (maxLength > termWidth) out.push(...entries);
    else {
      const numCols = Math.max(1, Math.floor(termWidth / maxLength));
      const pad = (line: string, used: number, endCol: number) => {
        let chars = used;
        let text = line;
        for (let next = tabRound(chars); next <= endCol; next = tabRound(chars)) {
          text += '\t';
          chars = next;
        }
        return { text, chars };
      };
      if (across) {
        for (let i = 0; i < entries.length; i += numCols) {
          let line = '';
          let chars = 0;
          const row = entries.slice(i, i + numCols);
          row.forEach((entry, col) => {
            line += entry;
            chars += width(entry);
            if (col < row.length - 1) ({ text: line, chars } = pad(line, chars, maxLength * (col + 1)));
          });
          out.push(line);
        }
      } else {
        const numRows = Math.ceil(entries.length / numCols);
        for (let row = 0; row < numRows; row += 1) {
          let line = '';
          let chars = 0;
          for (let col = 0, base = row; col < numCols; col += 1) {
            line += entries[base]!;
            chars += width(entries[base]!);
            base += numRows;
            if (base >= entries.length) break;
            ({ text: line, chars } = pad(line, chars, maxLength * (col + 1)));
          }
          out.push(line);
        }
      }
    }
  }
  ctx.write(out.map((l) => `${l}\n`).join(''));
  return status;
}
