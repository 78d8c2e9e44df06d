/**
 * /proc/PID/status, /proc/PID/cmdline and /proc/PID/comm (Linux 4.15, as Ubuntu 18.04's
 * 4.15.0 kernels print them), from the same process table ps and top read: the name, state,
 * parent, owner, memory (VmSize is ps's VSZ, VmRSS its RSS), threads; mode 0444 and size 0
 * like every /proc file. What the table does not hold (signal masks, context switches) is the
 * usual value for such a process, the same on every read.
 */
import type { Draft } from '../draft';
import type { FileNode } from '../fs';
import { hostSpec } from '../world';
import { userOf } from '../process';
import { memoryTotalKib } from './machine';
import { cpusOf } from './units';
import { cpuTicks, type Proc } from './processes';
import { bootClockOf } from './machine';
import { priority } from './top';
import { stableHex } from './baseImage';
import { uidOfUser } from './uids';

export type ProcPidFile = 'status' | 'cmdline' | 'comm' | 'stat';

const STATES: Readonly<Record<string, string>> = { R: 'R (running)', S: 'S (sleeping)', D: 'D (disk sleep)', T: 'T (stopped)', t: 't (tracing stop)', Z: 'Z (zombie)', X: 'X (dead)', I: 'I (idle)' };

/** What `ulimit -u` and SigQ's limit are: the kernel's threads-max for this memory, halved (fork_init). */
export function maxUserProcesses(memTotalKib: number): number {
  const pages = Math.floor(memTotalKib / 4);
  return Math.floor(Math.floor(pages / 8 / 4) / 2);
}

/** The bit mask and list of CPUs a process may run on: all of the host's. */
function cpuMasks(cpus: number): { mask: string; list: string } {
  const mask = (2n ** BigInt(cpus) - 1n).toString(16);
  return { mask, list: cpus === 1 ? '0' : `0-${cpus - 1}` };
}

/** A number the same for the same process, in [0, range). */
function steady(key: string, range: number): number {
  return parseInt(stableHex(key, 8), 16) % range;
}

function kb(n: number): string {
  return `${String(Math.round(n)).padStart(8)} kB`;
}

function statusText(draft: Draft, host: string, proc: Proc): string {
  const spec = hostSpec(draft.config, host);
  const user = userOf(draft.config, host, proc.user);
  const uid = uidOfUser(draft.config, host, proc.user);
  const gid = user?.gid ?? uid;
  const groups = spec?.groups ?? {};
  const supplementary = (user?.groups ?? []).map((g) => (g === user?.name ? gid : groups[g])).filter((g): g is number => typeof g === 'number');
  const key = `${host}:${proc.pid}:${proc.started}`;
  const { mask, list } = cpuMasks(cpusOf(spec));
  const root = uid === 0;
  const lines = [`Name:\t${proc.comm.slice(0, 15)}`, 'Umask:\t0022', `State:\t${STATES[proc.stat[0] ?? 'S'] ?? STATES.S}`, `Tgid:\t${proc.pid}`, 'Ngid:\t0', `Pid:\t${proc.pid}`, `PPid:\t${proc.ppid}`, 'TracerPid:\t0'];
  lines.push(`Uid:\t${uid}\t${uid}\t${uid}\t${uid}`, `Gid:\t${gid}\t${gid}\t${gid}\t${gid}`, `FDSize:\t${proc.kernel ? 64 : proc.threads > 1 ? 256 : 64}`, `Groups:\t${[...new Set(supplementary)].map((g) => `${g} `).join('')}`);
  lines.push(`NStgid:\t${proc.pid}`, `NSpid:\t${proc.pid}`, `NSpgid:\t${proc.kernel ? 0 : proc.pid}`, `NSsid:\t${proc.kernel ? 0 : proc.pid}`);
  if (!proc.kernel) {
    const rss = proc.rssKiB;
    const shmem = Math.round(rss * 0.004);
    const anon = Math.round(rss * 0.72);
    const exe = 1_000 + steady(`${key}:exe`, 30_000);
    const lib = Math.min(Math.max(0, proc.vszKiB - exe - 132), 2_000 + steady(`${key}:lib`, 8_000));
    lines.push(`VmPeak:\t${kb(proc.vszKiB + steady(`${key}:peak`, 2_048))}`, `VmSize:\t${kb(proc.vszKiB)}`, `VmLck:\t${kb(0)}`, `VmPin:\t${kb(0)}`, `VmHWM:\t${kb(rss + steady(`${key}:hwm`, Math.max(1, Math.round(rss * 0.05))))}`, `VmRSS:\t${kb(rss)}`);
    lines.push(`RssAnon:\t${kb(anon)}`, `RssFile:\t${kb(rss - anon - shmem)}`, `RssShmem:\t${kb(shmem)}`, `VmData:\t${kb(Math.max(0, proc.vszKiB - exe - lib - 132))}`, `VmStk:\t${kb(132)}`, `VmExe:\t${kb(exe)}`, `VmLib:\t${kb(lib)}`);
    lines.push(`VmPTE:\t${kb(Math.max(44, Math.round(proc.vszKiB / 500)))}`, `VmSwap:\t${kb(0)}`, `HugetlbPages:\t${kb(0)}`, 'CoreDumping:\t0');
  }
  lines.push(`Threads:\t${proc.threads}`, `SigQ:\t0/${maxUserProcesses(memoryTotalKib(spec))}`, 'SigPnd:\t0000000000000000', 'ShdPnd:\t0000000000000000');
  const signals = proc.kernel ? ['0000000000000000', 'ffffffffffffffff', '0000000000000000'] : proc.tty !== '?' ? ['0000000000010000', '0000000000380004', '000000004b817efb'] : ['0000000000000000', '0000000000001000', '0000000180004a03'];
  lines.push(`SigBlk:\t${signals[0]}`, `SigIgn:\t${signals[1]}`, `SigCgt:\t${signals[2]}`);
  lines.push('CapInh:\t0000000000000000', `CapPrm:\t${root ? '0000003fffffffff' : '0000000000000000'}`, `CapEff:\t${root ? '0000003fffffffff' : '0000000000000000'}`, 'CapBnd:\t0000003fffffffff', 'CapAmb:\t0000000000000000');
  lines.push('NoNewPrivs:\t0', 'Seccomp:\t0', 'Speculation_Store_Bypass:\tthread vulnerable', `Cpus_allowed:\t${mask}`, `Cpus_allowed_list:\t${list}`);
  // CONFIG_NODES_SHIFT=10 on Ubuntu's kernels: 1024 nodes, printed as 32 words of 32 bits.
  lines.push(`Mems_allowed:\t${[...Array<string>(31).fill('00000000'), '00000001'].join(',')}`, 'Mems_allowed_list:\t0');
  lines.push(`voluntary_ctxt_switches:\t${steady(`${key}:vcs`, 90_000) + 20}`, `nonvoluntary_ctxt_switches:\t${steady(`${key}:nvcs`, 900)}`);
  return `${lines.join('\n')}\n`;
}

/**
 * /proc/PID/stat's 52 fields (fs/proc/array.c): utime and stime are the CPU time ps and top
 * show (split about 70/30 between user and system), starttime the clock ticks after boot it
 * started, vsize and rss ps's VSZ (bytes) and RSS (pages).
 */
function statText(draft: Draft, host: string, proc: Proc): string {
  const spec = hostSpec(draft.config, host);
  const now = draft.clock;
  const boot = bootClockOf(draft.host(host), spec, now);
  const ticks = cpuTicks(proc, now);
  const utime = proc.kernel ? 0 : Math.floor(ticks * 0.7);
  const stime = ticks - utime;
  const key = `${host}:${proc.pid}:${proc.started}`;
  const [pr, ni] = priority(proc);
  const rt = pr === 'rt';
  const tty = /^pts\/(\d+)$/.exec(proc.tty);
  const ttyNr = tty ? (136 << 8) | Number(tty[1]) : 0;
  const leader = proc.kernel ? 0 : proc.stat.includes('s') ? proc.pid : proc.ppid;
  const fields: (string | number)[] = [
    proc.pid, `(${proc.comm.slice(0, 15)})`, proc.stat[0] ?? 'S', proc.ppid, leader, leader, ttyNr, tty ? leader : -1,
    proc.kernel ? 2_129_984 : 4_194_560, steady(`${key}:minflt`, 40_000) + 300, 0, steady(`${key}:majflt`, 60), 0,
    utime, stime, 0, 0, rt ? -100 : 20 + ni, ni, proc.threads, 0, Math.max(0, Math.round((proc.started - boot) * 100)),
    proc.vszKiB * 1024, Math.round(proc.rssKiB / 4), '18446744073709551615',
  ];
  if (proc.kernel) fields.push(0, 0, 0, 0, 0, 0, 0, 2_147_483_647, 0, 0, 0, 0, 17, steady(`${key}:cpu`, cpusOf(spec)), rt ? 99 : 0, rt ? 1 : 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
  else {
    const code = 94_000_000_000_000 + steady(`${key}:code`, 900_000) * 4096;
    const stack = 140_720_000_000_000 + steady(`${key}:stack`, 9_000_000) * 16;
    // The signal masks are status's SigBlk, SigIgn and SigCgt, in decimal.
    const onTty = proc.tty !== '?';
    fields.push(code, code + 1_000_000 + steady(`${key}:size`, 900_000), stack, 0, 0, 0, onTty ? 65_536 : 0, onTty ? 3_670_020 : 4_096, onTty ? 1_266_777_851 : 6_442_470_915, 0, 0, 0, 17, steady(`${key}:cpu`, cpusOf(spec)), 0, 0, steady(`${key}:blkio`, 40), 0, 0, code + 2_000_000, code + 2_100_000, code + 3_000_000, stack + 1_000, stack + 1_100, stack + 1_100, stack + 4_000, 0);
  }
  return `${fields.join(' ')}\n`;
}

/** The text of one /proc/PID file for a process. */
export function procPidText(draft: Draft, host: string, proc: Proc, which: ProcPidFile): string {
  switch (which) {
    case 'comm':
      return `${proc.comm.slice(0, 15)}\n`;
    case 'cmdline':
      // A kernel thread has no command line; a process that set its title (nginx: master process …) has it as one string.
      if (proc.kernel) return '';
      return `${(/^[\w.-]+: /.test(proc.args) ? [proc.args] : proc.args.split(' ')).join('\u0000')}\u0000`;
    case 'status':
      return statusText(draft, host, proc);
    case 'stat':
      return statText(draft, host, proc);
  }
}

/** The node a /proc/PID file is for this process now. */
export function procPidNode(draft: Draft, host: string, proc: Proc, which: ProcPidFile, now: number): FileNode {
  return { kind: 'file', owner: proc.user, group: proc.user, mode: 0o444, mtime: now, size: 0, content: procPidText(draft, host, proc, which) };
}
