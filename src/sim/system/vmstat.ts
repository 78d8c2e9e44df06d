/**
 * `vmstat` (procps-ng 3.3.12): one line of averages since boot, or with a delay and a count
 * that many lines, the later ones the last interval's rates. Memory comes from the figures
 * free and /proc/meminfo use; the CPU split from the load average. The drill prints the lines
 * at once, as a snapshot.
 */
import type { ProgramContext } from '../process';
import { memoryOf } from './memory';
import { loadOf } from './machine';
import { cpusOf } from './units';
import { uptimeSeconds } from './uptimeText';

const HEADER = ['procs -----------memory---------- ---swap-- -----io---- -system-- ------cpu-----', ' r  b   swpd   free   buff  cache   si   so    bi    bo   in   cs us sy id wa st'];

/** A small repeatable wobble for the n-th sample (no randomness: the same run prints the same lines). */
function wobble(seed: number, n: number, range: number): number {
  return Math.abs(Math.imul(seed * 31 + n * 7919, 2654435761) >>> 0) % (range + 1);
}

export function vmstat(ctx: ProgramContext): number {
  const args = ctx.argv.slice(1);
  const options = args.filter((a) => a.startsWith('-'));
  const numbers = args.filter((a) => !a.startsWith('-'));
  if (options.includes('-V') || options.includes('--version')) {
    ctx.out('vmstat from procps-ng 3.3.12');
    return 0;
  }
  const unknown = options.find((o) => !['-n', '-w', '-t', '-S', '-a', '-s', '-d', '-D', '-p', '-f', '-m'].includes(o));
  if (unknown) {
    ctx.err(unknown.startsWith('--') ? `vmstat: unrecognized option '${unknown}'` : `vmstat: invalid option -- '${unknown.slice(1, 2)}'`);
    ctx.err('');
    ctx.err('Usage:');
    ctx.err(' vmstat [options] [delay [count]]');
    return 1;
  }
  const other = options.find((o) => o !== '-n');
  if (other) {
    ctx.note(`Not simulated in this drill: vmstat ${other}; here are its usual columns.`);
  }
  const bad = numbers.find((n) => !/^\d+$/.test(n));
  if (bad) {
    ctx.err('vmstat: Failed to parse argument');
    return 1;
  }
  const delay = numbers[0] ? Number(numbers[0]) : 0;
  const count = numbers[1] ? Number(numbers[1]) : delay > 0 ? 5 : 1;
  if (delay > 0 && !numbers[1]) ctx.note('vmstat with a delay and no count runs until interrupted: the drill prints five samples.');
  const m = memoryOf(ctx.sys.config, ctx.sys.host, ctx.sys.draft.host(ctx.sys.host), ctx.sys.clock);
  const cpus = cpusOf(ctx.sys.spec);
  const [load1, , load15] = loadOf(ctx.sys.spec);
  const seed = Math.floor(uptimeSeconds(ctx.sys));
  for (const line of HEADER) ctx.out(line);
  for (let n = 0; n < Math.max(1, count); n += 1) {
    const load = n === 0 ? load15 : load1;
    const busy = Math.min(100, Math.round((load / cpus) * 100));
    const us = Math.max(0, Math.round(busy * 0.7)) + (n === 0 ? 0 : wobble(seed, n, 1));
    const sy = Math.round(busy * 0.25);
    const wa = 0;
    const id = Math.max(0, 100 - us - sy - wa);
    const free = m.freeKib - (n === 0 ? 0 : wobble(seed, n, 400));
    const bi = n === 0 ? 3 : 0;
    const bo = n === 0 ? 14 : wobble(seed + 1, n, 40);
    const interrupts = n === 0 ? 62 : 90 + wobble(seed + 2, n, 60);
    const switches = n === 0 ? 118 : 160 + wobble(seed + 3, n, 120);
    const running = n === 0 ? Math.max(1, Math.round(load15)) : 1 + (wobble(seed + 4, n, 1) & Math.round(load1));
    ctx.out(`${String(running).padStart(2)} ${'0'.padStart(2)} ${String(m.swapUsedKib).padStart(6)} ${String(free).padStart(6)} ${String(m.buffersKib).padStart(6)} ${String(m.cacheKib).padStart(6)} ${'0'.padStart(4)} ${'0'.padStart(4)} ${String(bi).padStart(5)} ${String(bo).padStart(5)} ${String(interrupts).padStart(4)} ${String(switches).padStart(4)} ${String(us).padStart(2)} ${String(sy).padStart(2)} ${String(id).padStart(2)} ${String(wa).padStart(2)} ${'0'.padStart(2)}`);
  }
  return 0;
}
