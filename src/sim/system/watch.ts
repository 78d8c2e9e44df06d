/**
 * watch as procps-ng 3.3.12: the header (`Every 2.0s: CMD` on the left, `host: date` on the
 * right of an 80-column terminal), a blank line, then the command's output (run by `sh -c`).
 * The drill shows that first screen only: it does not refresh, and says so.
 */
import type { ProgramContext } from '../process';

const COLUMNS = 80;

export function watch(ctx: ProgramContext): number {
  const args = ctx.argv.slice(1);
  let interval = 2;
  let title = true;
  let i = 0;
  for (; i < args.length && args[i]!.startsWith('-'); i += 1) {
    const a = args[i]!;
    if (a === '--') {
      i += 1;
      break;
    }
    if (a === '-n' || a === '--interval') interval = Number(args[++i] ?? '2');
    else if (a.startsWith('-n') && a.length > 2) interval = Number(a.slice(2));
    else if (a.startsWith('--interval=')) interval = Number(a.slice(11));
    else if (a === '-t' || a === '--no-title') title = false;
    else if (/^-[dgpbecxw]+$/.test(a) || a.startsWith('--differences') || a === '--precise' || a === '--beep' || a === '--errexit' || a === '--chgexit' || a === '--exec' || a === '--color' || a === '--no-linewrap') continue;
    else {
      ctx.err(`watch: invalid option -- '${a.replace(/^-+/, '')[0] ?? ''}'`);
      ctx.err('');
      ctx.err('Usage:');
      ctx.err(' watch [options] command');
      return 1;
    }
  }
  const command = args.slice(i);
  if (command.length === 0) {
    ctx.err('');
    ctx.err('Usage:');
    ctx.err(' watch [options] command');
    return 1;
  }
  if (!Number.isFinite(interval)) interval = 2;
  interval = Math.max(0.1, interval);
  const line = command.join(' ');
  const result = ctx.sys.run(line, { stdin: '' });
  if (title) {
    const right = `${ctx.sys.hostname}: ${ctx.sys.formatTime(ctx.sys.now(), '%a %b %e %H:%M:%S %Y')}`;
    // watch.c's output_header: the command clipped to leave room for `... ` and the right side.
    const header = `Every ${interval.toFixed(1)}s: `;
    const room = COLUMNS - (right.length + 1) - header.length - 4;
    const left = line.length <= room ? header + line : `${header}${line.slice(0, Math.max(0, room))}... `;
    ctx.out(`${left.padEnd(COLUMNS - right.length)}${right}`);
    ctx.out('');
  }
  ctx.write(result.stdout + result.stderr);
  ctx.note(`The drill shows watch's first screen only: it does not refresh every ${interval.toFixed(1)}s.`);
  return 0;
}
