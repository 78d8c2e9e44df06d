/**
 * `top -b -n 1` (procps-ng 3.3.12): the summary (uptime, tasks, CPU, memory in KiB) and every
 * process sorted by %CPU, in batch mode's exact columns. Interactive top is one batch screen
 * here, said so.
 */
import type { ProgramContext } from '../process';
import { uptimeLine } from './uptimeText';
import { memoryOf } from './memory';
import { processesWithSelf, selfProcess } from './self';
import { cpuSeconds, cpuTicks, type Proc } from './processes';
import { cpusOf } from './units';
import { userCell } from './psColumns';

/** TIME+ : `0:12.34` (minutes, seconds and hundredths of CPU time). */
function timePlus(p: Proc, clock: number): string {
  const hundredths = cpuTicks(p, clock) % 100;
  const seconds = cpuSeconds(p, clock);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}.${String(hundredths).padStart(2, '0')}`;
}

/** top's PR and NI (and /proc/PID/stat's priority and nice). */
export function priority(p: Proc): [string, number] {
  if (p.kernel && /^(migration|watchdog)\//.test(p.comm)) return ['rt', 0];
  if (p.stat.includes('<')) return ['0', -20];
  if (p.comm === 'ksmd') return ['25', 5];
  if (p.comm === 'khugepaged') return ['39', 19];
  return ['20', 0];
}

function usage(ctx: ProgramContext, text: string): number {
  ctx.err(`top: ${text}`);
  ctx.err('Usage:');
  ctx.err('  top -hv | -bcHiOSs -d secs -n max -u|U user -p pid(s) -o field -w [cols]');
  return 1;
}

export function top(ctx: ProgramContext): number {
  let batch = false;
  let users: string[] = [];
  let pids: number[] = [];
  const args = ctx.argv.slice(1);
  for (let i = 0; i < args.length; i += 1) {
    const a = args[i]!;
    if (!a.startsWith('-')) return usage(ctx, `unknown option '${a}'`);
    for (let j = 1; j < a.length; j += 1) {
      const f = a[j]!;
      const value = () => {
        const rest = a.slice(j + 1);
        j = a.length;
        return rest !== '' ? rest : args[++i];
      };
      if (f === 'b') batch = true;
      else if (f === 'n' || f === 'd' || f === 'o' || f === 'w') {
        if (value() === undefined) return usage(ctx, `-${f} requires argument`);
      } else if (f === 'u' || f === 'U') {
        const v = value();
        if (v === undefined) return usage(ctx, `-${f} requires argument`);
        users = [v];
      } else if (f === 'p') {
        const v = value();
        if (v === undefined) return usage(ctx, '-p requires argument');
        pids = v.split(',').map(Number);
      } else if (f === 'c' || f === 'H' || f === 'i' || f === 'S' || f === 's' || f === 'O') continue;
      else if (f === 'v' || f === 'h') {
        ctx.out('  procps-ng version 3.3.12');
        ctx.out('Usage:');
        ctx.out('  top -hv | -bcHiOSs -d secs -n max -u|U user -p pid(s) -o field -w [cols]');
        return 0;
      } else return usage(ctx, `unknown option '${f}'`);
    }
  }
  if (!batch) ctx.note('Not simulated in this drill: top\'s live screen; this is one batch screen (top -b -n 1).');
  const self = selfProcess(ctx, 'top', 3_916, 42_000);
  const procs = processesWithSelf(ctx, { ...self, args: 'top', stat: 'R' });
  const m = memoryOf(ctx.sys.config, ctx.sys.host, ctx.sys.draft.host(ctx.sys.host), ctx.sys.clock);
  const running = procs.filter((p) => p.stat.startsWith('R')).length;
  const stopped = procs.filter((p) => /^[Tt]/.test(p.stat)).length;
  const zombie = procs.filter((p) => p.stat.startsWith('Z')).length;
  // top counts every other state (S, D and the kernel's idle threads, I) as sleeping: the total is the sum.
  const sleeping = procs.length - running - stopped - zombie;
  const cpus = cpusOf(ctx.sys.spec);
  const busy = Math.min(100, procs.reduce((n, p) => n + p.cpu, 0) / cpus);
  const us = busy * 0.6;
  const sy = busy * 0.3;
  const pct = (n: number) => n.toFixed(1).padStart(4);
  const k = (n: number) => String(n).padStart(9);
  ctx.out(`top -${uptimeLine(ctx.sys)}`);
  ctx.out(`Tasks: ${String(procs.length).padStart(3)} total, ${String(running).padStart(3)} running, ${String(sleeping).padStart(3)} sleeping, ${String(stopped).padStart(3)} stopped, ${String(zombie).padStart(3)} zombie`);
  ctx.out(`%Cpu(s): ${pct(us)} us, ${pct(sy)} sy, ${pct(0)} ni, ${pct(100 - us - sy - busy * 0.1)} id, ${pct(busy * 0.1)} wa, ${pct(0)} hi, ${pct(0)} si, ${pct(0)} st`);
  ctx.out(`KiB Mem :${k(m.totalKib)} total,${k(m.freeKib)} free,${k(m.usedKib)} used,${k(m.buffersKib + m.cacheKib)} buff/cache`);
  ctx.out(`KiB Swap:${k(m.swapTotalKib)} total,${k(m.swapTotalKib - m.swapUsedKib)} free,${k(m.swapUsedKib)} used.${k(m.availableKib)} avail Mem `);
  ctx.out('');
  ctx.out('  PID USER      PR  NI    VIRT    RES    SHR S  %CPU %MEM     TIME+ COMMAND');
  const shown = procs
    .filter((p) => (!users.length || users.includes(p.user)) && (!pids.length || pids.includes(p.pid)))
    .sort((a, b) => b.cpu - a.cpu || a.pid - b.pid);
  for (const p of shown) {
    const [pr, ni] = priority(p);
    const shr = Math.round(Math.min(p.rssKiB * 0.7, 6_000 + p.rssKiB * 0.01));
    const mem = ((p.rssKiB * 100) / m.totalKib).toFixed(1);
    ctx.out(`${String(p.pid).padStart(5)} ${userCell(p.user).padEnd(8)} ${pr.padStart(3)} ${String(ni).padStart(3)} ${String(p.vszKiB).padStart(7)} ${String(p.rssKiB).padStart(6)} ${String(shr).padStart(6)} ${(p.stat[0] === 'I' ? 'I' : p.stat[0]) ?? 'S'} ${p.cpu.toFixed(1).padStart(5)} ${mem.padStart(4)} ${timePlus(p, ctx.sys.clock).padStart(9)} ${p.comm}`);
  }
  return 0;
}
