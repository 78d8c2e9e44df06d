/** rev as util-linux 2.31: each line's characters in reverse order. */
import type { ProgramContext } from '../../process';
import { FS_ERROR_TEXT } from '../../process';
import { readInput, shownData } from './input';

export function rev(ctx: ProgramContext): number {
  const args = ctx.argv.slice(1);
  const bad = args.find((a) => a.startsWith('-') && a !== '-' && a !== '--' && a !== '-V' && a !== '--version' && a !== '-h' && a !== '--help');
  if (bad) {
    ctx.err(`rev: invalid option -- '${bad.startsWith('--') ? bad : bad[1]}'`);
    ctx.err('');
    ctx.err('Usage:');
    ctx.err(' rev [options] [file ...]');
    ctx.err('');
    ctx.err('Reverse lines characterwise.');
    ctx.err('');
    ctx.err('Options:');
    ctx.err(' -h, --help     display this help and exit');
    ctx.err(' -V, --version  output version information and exit');
    ctx.err('');
    ctx.err('For more details see rev(1).');
    return 1;
  }
  if (args.includes('-V') || args.includes('--version')) {
    ctx.out('rev from util-linux 2.31.1');
    return 0;
  }
  const files = args.filter((a) => a !== '--' && !a.startsWith('-h') && a !== '--help');
  let ok = true;
  for (const name of files.length > 0 ? files : ['-']) {
    const read = readInput(ctx, name);
    if (!read.ok) {
      ctx.err(`rev: cannot open ${name}: ${FS_ERROR_TEXT[read.error]}`);
      ok = false;
      continue;
    }
    const data = shownData(ctx, read.file);
    const parts = data.split('\n');
    ctx.write(parts.map((line) => [...line].reverse().join('')).join('\n'));
  }
  return ok ? 0 : 1;
}
