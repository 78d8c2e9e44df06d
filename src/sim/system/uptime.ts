/** `uptime` (procps-ng 3.3.12): the one line, `-p` pretty, `-s` since. */
import type { ProgramContext } from '../process';
import { formatDate } from './dateFormat';
import { uptimeLine, uptimeSeconds } from './uptimeText';

const USAGE = ['', 'Usage:', ' uptime [options]', '', 'Options:', ' -p, --pretty   show uptime in pretty format', ' -h, --help     display this help and exit', ' -s, --since    system up since', ' -V, --version  output version information and exit', '', 'For more details see uptime(1).'];

function pretty(seconds: number): string {
  const minutes = Math.floor(seconds / 60);
  const parts: string[] = [];
  const weeks = Math.floor(minutes / (7 * 24 * 60));
  const days = Math.floor(minutes / (24 * 60)) % 7;
  const hours = Math.floor(minutes / 60) % 24;
  const mins = minutes % 60;
  const add = (n: number, word: string) => n && parts.push(`${n} ${word}${n === 1 ? '' : 's'}`);
  add(weeks, 'week');
  add(days, 'day');
  add(hours, 'hour');
  add(mins, 'minute');
  return `up ${parts.join(', ')}`;
}

export function uptime(ctx: ProgramContext): number {
  const arg = ctx.argv[1];
  if (arg === undefined || !arg.startsWith('-')) {
    ctx.out(uptimeLine(ctx.sys));
    return 0;
  }
  if (arg === '-p' || arg === '--pretty') ctx.out(pretty(uptimeSeconds(ctx.sys)));
  else if (arg === '-s' || arg === '--since') ctx.out(formatDate(ctx.sys.now() - uptimeSeconds(ctx.sys), '%Y-%m-%d %H:%M:%S', ctx.sys.config.timezone));
  else if (arg === '-V' || arg === '--version') ctx.out('uptime from procps-ng 3.3.12');
  else if (arg === '-h' || arg === '--help') for (const line of USAGE) ctx.out(line);
  else {
    ctx.err(arg.startsWith('--') ? `uptime: unrecognized option '${arg}'` : `uptime: invalid option -- '${arg.slice(1, 2)}'`);
    for (const line of USAGE) ctx.err(line);
    return 1;
  }
  return 0;
}
