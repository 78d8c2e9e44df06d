/**
 * `free` (procps-ng 3.3.12): total, used, free, shared, buff/cache and available, in KiB by
 * default, `-b -k -m -g --tera -h --si -w -t`, with free's own human-readable sizes ("7.8G",
 * "976M", "0B").
 */
import type { ProgramContext } from '../process';
import { memoryOf } from './memory';

const USAGE = ['', 'Usage:', ' free [options]', '', 'Options:', ' -b, --bytes         show output in bytes', ' -k, --kilo          show output in kilobytes', ' -m, --mega          show output in megabytes', ' -g, --giga          show output in gigabytes', '     --tera          show output in terabytes', '     --peta          show output in petabytes', ' -h, --human         show human-readable output', '     --si            use powers of 1000 not 1024', ' -l, --lohi          show detailed low and high memory statistics', ' -t, --total         show total for RAM + swap', ' -s N, --seconds N   repeat printing every N seconds', ' -c N, --count N     repeat printing N times, then exit', ' -w, --wide          wide output', '', '     --help     display this help and exit', ' -V, --version  output version information and exit', '', 'For more details see free(1).'];

/** free's scale_size: `exponent` 0 means human-readable. `kib` is the value in KiB. */
export function freeSize(kib: number, exponent: number, si: boolean): string {
  const base = si ? 1000 : 1024;
  const bytes = kib * 1024;
  if (exponent > 0) return String(Math.floor(bytes / base ** exponent));
  if (exponent < 0) return String(bytes);
  const units = 'BKMGTPE';
  if (String(bytes).length + 1 <= 4) return `${bytes}B`;
  for (let i = 1; i < units.length; i += 1) {
    const value = bytes / base ** i;
    const tenth = value.toFixed(1);
    if (tenth.length + 1 <= 4) return `${tenth}${units[i]}`;
    const whole = String(Math.floor(value));
    if (whole.length + 1 <= 4) return `${whole}${units[i]}`;
  }
  return `${bytes}B`;
}

export function free(ctx: ProgramContext): number {
  let exponent = 1;
  let si = false;
  let wide = false;
  let total = false;
  const args = ctx.argv.slice(1);
  for (let i = 0; i < args.length; i += 1) {
    const a = args[i]!;
    const longs: Readonly<Record<string, () => void>> = {
      '--bytes': () => (exponent = -1), '--kilo': () => (exponent = 1), '--mega': () => (exponent = 2), '--giga': () => (exponent = 3), '--tera': () => (exponent = 4), '--peta': () => (exponent = 5),
      '--human': () => (exponent = 0), '--si': () => (si = true), '--wide': () => (wide = true), '--total': () => (total = true), '--lohi': () => ctx.note('Not simulated in this drill: free --lohi.'),
    };
    if (a.startsWith('--')) {
      const name = a.split('=')[0]!;
      if (Object.hasOwn(longs, name)) longs[name]!();
      else if (name === '--seconds' || name === '--count') {
        if (!a.includes('=')) i += 1;
        ctx.note('Not simulated in this drill: free repeating itself (-s, -c); this is one reading.');
      } else if (name === '--version') {
        ctx.out('free from procps-ng 3.3.12');
        return 0;
      } else if (name === '--help') {
        for (const line of USAGE) ctx.out(line);
        return 0;
      } else {
        ctx.err(`free: unrecognized option '${a}'`);
        for (const line of USAGE) ctx.err(line);
        return 1;
      }
      continue;
    }
    if (!a.startsWith('-') || a === '-') {
      ctx.err(`free: invalid argument '${a}'`);
      for (const line of USAGE) ctx.err(line);
      return 1;
    }
    for (let j = 1; j < a.length; j += 1) {
      const f = a[j]!;
      if (f === 'b') exponent = -1;
      else if (f === 'k') exponent = 1;
      else if (f === 'm') exponent = 2;
      else if (f === 'g') exponent = 3;
      else if (f === 'h') exponent = 0;
      else if (f === 'w') wide = true;
      else if (f === 't') total = true;
      else if (f === 'l') ctx.note('Not simulated in this drill: free -l.');
      else if (f === 'V') {
        ctx.out('free from procps-ng 3.3.12');
        return 0;
      } else if (f === 's' || f === 'c') {
        if (j === a.length - 1) i += 1;
        j = a.length;
        ctx.note('Not simulated in this drill: free repeating itself (-s, -c); this is one reading.');
      } else {
        ctx.err(`free: invalid option -- '${f}'`);
        for (const line of USAGE) ctx.err(line);
        return 1;
      }
    }
  }
  const m = memoryOf(ctx.sys.config, ctx.sys.host, ctx.sys.draft.host(ctx.sys.host), ctx.sys.clock);
  const cell = (kib: number) => ` ${freeSize(kib, exponent, si).padStart(11)}`;
  ctx.out(wide ? '              total        used        free      shared     buffers       cache   available' : '              total        used        free      shared  buff/cache   available');
  const buffCache = wide ? cell(m.buffersKib) + cell(m.cacheKib) : cell(m.buffersKib + m.cacheKib);
  ctx.out(`${'Mem:'.padEnd(7)}${cell(m.totalKib)}${cell(m.usedKib)}${cell(m.freeKib)}${cell(m.sharedKib)}${buffCache}${cell(m.availableKib)}`);
  ctx.out(`${'Swap:'.padEnd(7)}${cell(m.swapTotalKib)}${cell(m.swapUsedKib)}${cell(m.swapTotalKib - m.swapUsedKib)}`);
  if (total) ctx.out(`${'Total:'.padEnd(7)}${cell(m.totalKib + m.swapTotalKib)}${cell(m.usedKib + m.swapUsedKib)}${cell(m.freeKib + m.swapTotalKib - m.swapUsedKib)}`);
  return 0;
}
