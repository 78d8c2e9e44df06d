/**
 * `xxd` (vim 8.0's, "xxd V1.10 27oct98"): a hex dump of a file or standard input, `-p` plain,
 * `-l` length, `-s` seek, `-c` columns, `-g` group size, `-u` upper case. `-r`, `-i`, `-b`
 * are not simulated.
 */
import type { ProgramContext } from '../../process';
import { FS_ERROR_TEXT } from '../../process';
import { readInput, shownData } from './input';
import { toBytes } from './bytes';

const USAGE = ['Usage:', '       xxd [options] [infile [outfile]]', '    or', '       xxd -r [-s [-]offset] [-c cols] [-ps] [infile [outfile]]', 'Options:', '    -a          toggle autoskip: A single \'*\' replaces nul-lines. Default off.', '    -b          binary digit dump (incompatible with -ps,-i,-r). Default hex.', '    -c cols     format <cols> octets per line. Default 16 (-i: 12, -ps: 30).', '    -E          show characters in EBCDIC. Default ASCII.', '    -e          little-endian dump (incompatible with -ps,-i,-r).', '    -g          number of octets per group in normal output. Default 2 (-e: 4).', '    -h          print this summary.', '    -i          output in C include file style.', '    -l len      stop after <len> octets.', '    -o off      add <off> to the displayed file position.', '    -ps         output in postscript plain hexdump style.', '    -r          reverse operation: convert (or patch) hexdump into binary.', '    -r -s off   revert with <off> added to file positions found in hexdump.', '    -s [+][-]seek  start at <seek> bytes abs. (or +: rel.) infile offset.', '    -u          use upper case hex letters.', '    -v          show version: "xxd V1.10 27oct98 by Juergen Weigert".'];

function number(text: string | undefined): number | null {
  if (text === undefined) return null;
  const value = /^0x[0-9a-f]+$/i.test(text) ? parseInt(text, 16) : /^\d+$/.test(text) ? Number(text) : NaN;
  return Number.isFinite(value) ? value : null;
}

export function xxd(ctx: ProgramContext): number {
  const args = ctx.argv.slice(1);
  let plain = false;
  let upper = false;
  let length: number | null = null;
  let seek = 0;
  let cols: number | null = null;
  let group: number | null = null;
  const files: string[] = [];
  for (let i = 0; i < args.length; i += 1) {
    const a = args[i]!;
    const valued = (flag: string) => (a === flag ? args[++i] : a.slice(flag.length));
    if (a === '-p' || a === '-ps' || a === '-plain' || a === '-postscript') plain = true;
    else if (a === '-u') upper = true;
    else if (a === '-v' || a === '-version') {
      ctx.err('xxd V1.10 27oct98 by Juergen Weigert');
      return 0;
    } else if (a === '-h' || a === '-help') {
      for (const l of USAGE) ctx.err(`${l}`);
      return 1;
    } else if (a.startsWith('-l') || a.startsWith('-s') || a.startsWith('-c') || a.startsWith('-g')) {
      const flag = a.slice(0, 2);
      const value = number(valued(flag));
      if (value === null) {
        for (const l of USAGE) ctx.err(l);
        return 1;
      }
      if (flag === '-l') length = value;
      else if (flag === '-s') seek = value;
      else if (flag === '-c') cols = value;
      else group = value;
    } else if (a === '-r' || a === '-i' || a === '-b' || a === '-e' || a === '-E' || a === '-a' || a.startsWith('-o')) {
      ctx.note(`Not simulated in this drill: xxd ${a}; xxd prints the plain hex dump.`);
      return 0;
    } else if (a.startsWith('-') && a !== '-') {
      for (const l of USAGE) ctx.err(l);
      return 1;
    } else files.push(a);
  }
  const name = files[0] ?? '-';
  if (files[1]) {
    ctx.note('Not simulated in this drill: xxd writing to an output file; it prints the dump instead.');
  }
  const read = readInput(ctx, name);
  if (!read.ok) {
    ctx.err(`xxd: ${name}: ${FS_ERROR_TEXT[read.error]}`);
    return 2;
  }
  let bytes = toBytes(shownData(ctx, read.file)).subarray(seek);
  if (length !== null) bytes = bytes.subarray(0, length);
  const hex = (b: number) => {
    const h = b.toString(16).padStart(2, '0');
    return upper ? h.toUpperCase() : h;
  };
  if (plain) {
    const per = cols ?? 30;
    for (let i = 0; i < bytes.length; i += per) ctx.out(Array.from(bytes.subarray(i, i + per), hex).join(''));
    return 0;
  }
  const per = cols ?? 16;
  const size = group ?? 2;
  const groupsPerLine = size > 0 ? Math.ceil(per / size) : 1;
  const width = size > 0 ? per * 2 + groupsPerLine - 1 : per * 2;
  for (let i = 0; i < bytes.length; i += per) {
    const line = bytes.subarray(i, i + per);
    let text = '';
    line.forEach((b, j) => {
      if (j > 0 && size > 0 && j % size === 0) text += ' ';
      text += hex(b);
    });
    const ascii = Array.from(line, (b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.')).join('');
    ctx.out(`${(i + seek).toString(16).padStart(8, '0')}: ${text.padEnd(width)}  ${ascii}`);
  }
  return 0;
}
