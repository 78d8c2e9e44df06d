/**
 * tail as coreutils 8.28: the last 10 lines (-n N, -N, -n +N from line N on), or bytes (-c),
 * with `==> name <==` headers for several files. `-f`/`-F` print what the file holds now and
 * say, in the drill's voice, that following it is not simulated.
 */
import type { ProgramContext } from '../../process';
import { FS_ERROR_TEXT } from '../../process';
import { parseArgs, type LongOption } from './options';
import { readInput, shownData } from './input';
import { countError, parseCount } from './numbers';
import { quoteAlways, quoteIfNeeded, quoteLocale } from './quote';
import { bytesOf, sliceBytes } from './bytes';
import { COREUTILS_VERSION_TAIL } from './version';

const LONG: readonly LongOption[] = [
  { name: 'bytes', key: 'c', arg: 'required' },
  { name: 'follow', key: 'follow', arg: 'optional' },
  { name: 'lines', key: 'n', arg: 'required' },
  { name: 'max-unchanged-stats', key: 'max-unchanged-stats', arg: 'required' },
  { name: 'pid', key: 'pid', arg: 'required' },
  { name: 'presume-input-pipe', key: 'presume-input-pipe' },
  { name: 'quiet', key: 'q' },
  { name: 'retry', key: 'retry' },
  { name: 'silent', key: 'q' },
  { name: 'sleep-interval', key: 's', arg: 'required' },
  { name: 'verbose', key: 'v' },
  { name: 'zero-terminated', key: 'z' },
  { name: 'help', key: 'help' },
  { name: 'version', key: 'version' },
];

/** The last `n` lines of a text, or (fromStart) the lines from line `n` on. */
export function lastLines(data: string, n: number, fromStart: boolean): string {
  if (fromStart) {
    let at = 0;
    for (let k = 1; k < n; k += 1) {
      const nl = data.indexOf('\n', at);
      if (nl < 0) return '';
      at = nl + 1;
    }
    return data.slice(at);
  }
  if (n === 0) return '';
  // A last line without a newline counts as a line.
  let end = data.length;
  if (data.endsWith('\n')) end -= 1;
  let at = end;
  for (let k = 0; k < n; k += 1) {
    const nl = data.lastIndexOf('\n', at - 1);
    if (nl < 0) return data;
    at = nl;
  }
  return data.slice(at + 1);
}

export function tail(ctx: ProgramContext): number {
  let args = ctx.argv.slice(1);
  let lines = true;
  let count = 10;
  let fromStart = false;
  let follow = false;
  let headers: 'auto' | 'always' | 'never' = 'auto';
  const usage = (message: string) => {
    ctx.err(message);
    ctx.err("Try 'tail --help' for more information.");
    return 1;
  };
  // The obsolete forms `tail -5`, `tail +5`, `tail -5f`, `tail -c` with at most one file.
  const first = args[0];
  const obsoleteShape = args.length === 1 || (args.length === 2 && !(args[1]!.startsWith('-') && args[1]!.length > 1)) || (args.length >= 2 && args.length <= 3 && args[1] === '--');
  if (first !== undefined && obsoleteShape) {
    const m = /^([+-])(\d*)([bcl]?)(f?)$/.exec(first);
    if (m && (m[1] === '+' || m[2] !== '' || m[3] === 'c' || m[3] === 'b' || m[3] === 'l' || m[4] === 'f') && first !== '-') {
      fromStart = m[1] === '+';
      lines = m[3] !== 'b' && m[3] !== 'c';
      follow = m[4] === 'f';
      if (m[2] === '') count = m[3] === 'b' ? 5120 : 10;
      else {
        const n = parseCount(m[2]!);
        if (!n.ok) {
          ctx.err(`tail: invalid number: ${quoteLocale(first)}`);
          return 1;
        }
        count = n.value * (m[3] === 'b' ? 512 : 1);
      }
      args = args.slice(1).filter((a, i) => !(i === 0 && a === '--'));
    }
  }
  const parsed = parseArgs('tail', args, { flags: 'fFqvz0123456789', withArg: 'cns', long: LONG });
  if (!parsed.ok) return usage(parsed.error);
  for (const { key, value } of parsed.args.list) {
    if (key === 'c' || key === 'n') {
      lines = key === 'n';
      let text = value ?? '';
      fromStart = text.startsWith('+');
      if (text.startsWith('+') || text.startsWith('-')) text = text.slice(1);
      const n = parseCount(text, 'bkKmMGTPEZY0');
      if (!n.ok) {
        ctx.err(`tail: ${countError(`invalid number of ${lines ? 'lines' : 'bytes'}`, value ?? '', n.overflow)}`);
        return 1;
      }
      count = n.value;
    } else if (key === 'f' || key === 'F' || key === 'follow') follow = true;
    else if (key === 'q') headers = 'never';
    else if (key === 'v') headers = 'always';
    else if (key === 'help') {
      ctx.note('Not simulated in this drill: tail --help.');
      return 0;
    } else if (key === 'version') {
      ctx.out(`tail (GNU coreutils) 8.28\n${COREUTILS_VERSION_TAIL}\n\nWritten by Paul Rubin, David MacKenzie, Ian Lance Taylor,\nand Jim Meyering.`);
      return 0;
    } else if (/^\d$/.test(key)) return usage(`tail: option used in invalid context -- ${key}`);
  }
  const files = parsed.args.operands.length > 0 ? parsed.args.operands : ['-'];
  const showHeaders = headers === 'always' || (headers === 'auto' && files.length > 1);
  let ok = true;
  let firstHeader = true;
  let followable = 0;
  for (const name of files) {
    const shown = name === '-' ? 'standard input' : name;
    const read = readInput(ctx, name);
    if (!read.ok && read.error !== 'EISDIR') {
      ctx.err(`tail: cannot open ${quoteAlways(shown)} for reading: ${FS_ERROR_TEXT[read.error]}`);
      ok = false;
      continue;
    }
    if (showHeaders) {
      ctx.write(`${firstHeader ? '' : '\n'}==> ${shown} <==\n`);
      firstHeader = false;
    }
    if (!read.ok) {
      ctx.err(`tail: error reading ${quoteAlways(shown)}: ${FS_ERROR_TEXT[read.error]}`);
      if (follow) ctx.err(`tail: ${quoteIfNeeded(shown)}: cannot follow end of this type of file; giving up on this name`);
      ok = false;
      continue;
    }
    followable += 1;
    const data = shownData(ctx, read.file);
    if (lines) ctx.write(lastLines(data, count, fromStart));
    else {
      const size = bytesOf(data);
      ctx.write(fromStart ? sliceBytes(data, Math.max(0, count - 1)) : sliceBytes(data, Math.max(0, size - count)));
    }
  }
  if (follow) {
    if (followable === 0) {
      ctx.err('tail: no files remaining');
      return 1;
    }
    ctx.note('Not simulated in this drill: tail -f goes on printing lines as they are written (until Ctrl-C); the drill shows what the file holds now.');
  }
  return ok ? 0 : 1;
}
