/**
 * `dmesg` (util-linux 2.31): the kernel's boot messages with seconds since boot, `-T` with
 * wall-clock times, `-l LEVEL` filters, `-k`. Ubuntu 18.04 lets every user read it
 * (kernel.dmesg_restrict = 0).
 */
import type { ProgramContext } from '../process';
import { kernelLog } from './kernelLog';
import { uptimeSeconds } from './uptimeText';
import { formatDate } from './dateFormat';

const LEVELS = ['emerg', 'alert', 'crit', 'err', 'warn', 'notice', 'info', 'debug'];

export function dmesg(ctx: ProgramContext): number {
  const args = ctx.argv.slice(1);
  let human = false;
  let levels: number[] | null = null;
  for (let i = 0; i < args.length; i += 1) {
    const a = args[i]!;
    if (a === '-T' || a === '--ctime') human = true;
    else if (a === '-l' || a.startsWith('--level')) {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : args[++i];
      const names = (v ?? '').split(',');
      const bad = names.find((n) => !LEVELS.includes(n));
      if (bad !== undefined) {
        ctx.err(`dmesg: unknown level '${bad}'`);
        return 1;
      }
      levels = names.map((n) => LEVELS.indexOf(n));
    } else if (a === '-k' || a === '--kernel' || a === '-x' || a === '--decode' || a === '-L' || a === '--color' || a === '--nopager' || a === '-P') continue;
    else if (a === '-H' || a === '--human' || a === '-w' || a === '--follow' || a === '-W') ctx.note(`Not simulated in this drill: dmesg ${a}; the buffer as it is now.`);
    else if (a === '-c' || a === '-C' || a === '--clear' || a === '--read-clear') {
      if (ctx.sys.user.name !== 'root') {
        ctx.err('dmesg: klogctl failed: Operation not permitted');
        return 1;
      }
      ctx.note('Not simulated in this drill: clearing the kernel ring buffer.');
    } else {
      ctx.err(a.startsWith('--') ? `dmesg: unrecognized option '${a}'` : `dmesg: invalid option -- '${a.slice(1, 2)}'`);
      ctx.err("Try 'dmesg --help' for more information.");
      return 1;
    }
  }
  const boot = ctx.sys.now() - uptimeSeconds(ctx.sys);
  for (const line of kernelLog(ctx.sys.spec, boot)) {
    if (levels && !levels.includes(line.priority === 4 ? 4 : line.priority)) continue;
    const seconds = Math.floor(line.offset);
    const micros = Math.round((line.offset - seconds) * 1e6);
    const stamp = human ? formatDate(boot + seconds, '%a %b %e %H:%M:%S %Y', ctx.sys.config.timezone) : `${String(seconds).padStart(5)}.${String(micros).padStart(6, '0')}`;
    ctx.out(`[${stamp}] ${line.text}`);
  }
  return 0;
}
