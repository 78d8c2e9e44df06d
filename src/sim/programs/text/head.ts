/**
 * head as coreutils 8.28: the first 10 lines (-n N, -N, -n -N for all but the last N), or
 * bytes (-c), with `==> name <==` headers when there is more than one file.
 */
import type { ProgramContext } from '../../process';
import { FS_ERROR_TEXT } from '../../process';
import { parseArgs, type LongOption } from './options';
import { readInput, shownData } from './input';
import { countError, parseCount } from './numbers';
import { quoteAlways } from './quote';
import { bytesOf, sliceBytes } from './bytes';
import { COREUTILS_VERSION_TAIL } from './version';

const LONG: readonly LongOption[] = [
  { name: 'bytes', key: 'c', arg: 'required' },
  { name: 'lines', key: 'n', arg: 'required' },
  { name: 'quiet', key: 'q' },
  { name: 'silent', key: 'q' },
  { name: 'verbose', key: 'v' },
  { name: 'zero-terminated', key: 'z' },
  { name: 'presume-input-pipe', key: 'presume-input-pipe' },
  { name: 'help', key: 'help' },
  { name: 'version', key: 'version' },
];

const HELP = `Usage: head [OPTION]... [FILE]...
Print the first 10 lines of each FILE to standard output.
With more than one FILE, precede each with a header giving the file name.

With no FILE, or when FILE is -, read standard input.

Mandatory arguments to long options are mandatory for short options too.
  -c, --bytes=[-]NUM       print the first NUM bytes of each file;
                             with the leading '-', print all but the last
                             NUM bytes of each file
  -n, --lines=[-]NUM       print the first NUM lines instead of the first 10;
                             with the leading '-', print all but the last
                             NUM lines of each file
  -q, --quiet, --silent    never print headers giving file names
  -v, --verbose            always print headers giving file names
  -z, --zero-terminated    line delimiter is NUL, not newline
      --help     display this help and exit
      --version  output version information and exit

NUM may have a multiplier suffix:
b 512, kB 1000, K 1024, MB 1000*1000, M 1024*1024,
GB 1000*1000*1000, G 1024*1024*1024, and so on for T, P, E, Z, Y.

GNU coreutils online help: <http://www.gnu.org/software/coreutils/>
Report head translation bugs to <http://translationproject.org/team/>
Full documentation at: <http://www.gnu.org/software/coreutils/head>
or available locally via: info '(coreutils) head invocation'`;

/** The first `n` lines of a text (or all but the last `n`). */
export function firstLines(data: string, n: number, allBut: boolean): string {
  if (!allBut) {
    let at = 0;
    for (let k = 0; k < n; k += 1) {
      const nl = data.indexOf('\n', at);
      if (nl < 0) return data;
      at = nl + 1;
    }
    return data.slice(0, at);
  }
  // All but the last n lines: a last line without a newline counts as a line.
  const ends: number[] = [];
  for (let i = data.indexOf('\n'); i >= 0; i = data.indexOf('\n', i + 1)) ends.push(i + 1);
  if (data.length > 0 && !data.endsWith('\n')) ends.push(data.length);
  const keep = ends.length - n;
  return keep <= 0 ? '' : data.slice(0, ends[keep - 1]);
}

export function head(ctx: ProgramContext): number {
  let args = ctx.argv.slice(1);
  let lines = true;
  let count = 10;
  let allBut = false;
  let headers: 'auto' | 'always' | 'never' = 'auto';
  const usage = (message: string) => {
    ctx.err(message);
    ctx.err("Try 'head --help' for more information.");
    return 1;
  };
  const bad = (what: 'lines' | 'bytes', text: string, overflow: boolean) => {
    ctx.err(`head: ${countError(`invalid number of ${what}`, text, overflow)}`);
    return 1;
  };
  // The obsolete form `head -5`, `head -5c` (first argument only).
  const first = args[0];
  if (first !== undefined && /^-\d/.test(first)) {
    const m = /^-(\d+)(.*)$/.exec(first)!;
    let suffix = '';
    for (const c of m[2]!) {
      if (c === 'c') lines = false;
      else if (c === 'b' || c === 'k' || c === 'm') {
        lines = false;
        suffix = c;
      } else if (c === 'l') lines = true;
      else if (c === 'q') headers = 'never';
      else if (c === 'v') headers = 'always';
      else if (c === 'z') continue;
      else return usage(`head: invalid trailing option -- ${c}`);
    }
    const parsed = parseCount(m[1]! + suffix, 'bkKmMGTPEZY0');
    if (!parsed.ok) return bad(lines ? 'lines' : 'bytes', m[1]! + suffix, parsed.overflow);
    count = parsed.value;
    args = args.slice(1);
  }
  const parsed = parseArgs('head', args, { flags: 'qvz0123456789', withArg: 'cn', long: LONG });
  if (!parsed.ok) return usage(parsed.error);
  for (const { key, value } of parsed.args.list) {
    if (key === 'c' || key === 'n') {
      lines = key === 'n';
      let text = value ?? '';
      allBut = text.startsWith('-');
      if (allBut) text = text.slice(1);
      const n = parseCount(text, 'bkKmMGTPEZY0');
      if (!n.ok) return bad(lines ? 'lines' : 'bytes', value ?? '', n.overflow);
      count = n.value;
    } else if (key === 'q') headers = 'never';
    else if (key === 'v') headers = 'always';
    else if (key === 'help') {
      ctx.out(HELP);
      return 0;
    } else if (key === 'version') {
      ctx.out(`head (GNU coreutils) 8.28\n${COREUTILS_VERSION_TAIL}\n\nWritten by David MacKenzie and Jim Meyering.`);
      return 0;
    } else if (/^\d$/.test(key)) return usage(`head: invalid trailing option -- ${key}`);
    else if (key === 'z') ctx.note('Not simulated in this drill: head -z (NUL-separated lines).');
  }
  const files = parsed.args.operands.length > 0 ? parsed.args.operands : ['-'];
  const showHeaders = headers === 'always' || (headers === 'auto' && files.length > 1);
  let ok = true;
  let firstHeader = true;
  for (const name of files) {
    const shown = name === '-' ? 'standard input' : name;
    const read = readInput(ctx, name);
    if (!read.ok && read.error !== 'EISDIR') {
      ctx.err(`head: cannot open ${quoteAlways(shown)} for reading: ${FS_ERROR_TEXT[read.error]}`);
      ok = false;
      continue;
    }
    if (showHeaders) {
      ctx.write(`${firstHeader ? '' : '\n'}==> ${shown} <==\n`);
      firstHeader = false;
    }
    if (!read.ok) {
      ctx.err(`head: error reading ${quoteAlways(shown)}: ${FS_ERROR_TEXT[read.error]}`);
      ok = false;
      continue;
    }
    const data = shownData(ctx, read.file);
    if (lines) ctx.write(firstLines(data, count, allBut));
    else {
      const size = bytesOf(data);
      ctx.write(allBut ? sliceBytes(data, 0, Math.max(0, size - count)) : sliceBytes(data, 0, Math.min(count, size)));
    }
  }
  return ok ? 0 : 1;
}
