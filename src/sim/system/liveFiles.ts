/**
 * Files whose text is the host's state when they are read: the kernel's /proc files (they agree
 * with free, uptime, nproc and lscpu because they are made from the same figures) and the logs
 * rsyslog writes from the journal (Ubuntu's /etc/rsyslog.d/50-default.conf: auth and authpriv
 * to auth.log, kern to kern.log, everything but auth to syslog, the kernel's lines too; haproxy's
 * go to its own log when 49-haproxy.conf is there), since their last rotation.
 */
import type { LiveSource } from '../fs';
import type { Sys } from '../process';
import { epochOf, syslogTime } from '../time';
import { memoryOf } from './memory';
import { uptimeSeconds } from './uptimeText';
import { bootClockOf, cpuModelOf, kernelBuildOf, kernelOf, loadOf } from './machine';
import { cpusOf } from './units';
import { CPU_FLAGS } from './cpu';
import { processesOf } from './processes';
import { newPid } from './pids';
import { pidsInUse } from './pidsInUse';
import { journalOf, journalSource, type JournalRecord } from './journal';
import { cronLines, cronRunsOf } from './cron';
import { stableHex } from './baseImage';
import { filedAsHaproxy, hasHaproxyRule } from './haproxySyslog';

/** /proc/meminfo's figures, in KiB, from the same numbers free reads. */
export function meminfoText(sys: Sys): string {
  const m = memoryOf(sys.config, sys.host, sys.draft.host(sys.host), sys.clock);
  const reclaimable = Math.round(m.cacheKib * 0.08);
  const cached = m.cacheKib - reclaimable;
  const anon = Math.max(0, m.usedKib - Math.round(m.totalKib * 0.02));
  const rows: [string, number][] = [
    ['MemTotal', m.totalKib], ['MemFree', m.freeKib], ['MemAvailable', m.availableKib], ['Buffers', m.buffersKib], ['Cached', cached], ['SwapCached', 0],
    ['Active', Math.round(anon * 0.9 + cached * 0.45)], ['Inactive', Math.round(anon * 0.1 + cached * 0.55 + m.buffersKib)],
    ['Active(anon)', Math.round(anon * 0.9)], ['Inactive(anon)', Math.round(anon * 0.1)], ['Active(file)', Math.round(cached * 0.45)], ['Inactive(file)', Math.round(cached * 0.55) + m.buffersKib],
    ['Unevictable', 0], ['Mlocked', 0], ['SwapTotal', m.swapTotalKib], ['SwapFree', m.swapTotalKib - m.swapUsedKib], ['Dirty', 48], ['Writeback', 0],
    ['AnonPages', anon], ['Mapped', Math.round(cached * 0.05)], ['Shmem', m.sharedKib], ['Slab', reclaimable + Math.round(reclaimable * 0.35)], ['SReclaimable', reclaimable], ['SUnreclaim', Math.round(reclaimable * 0.35)],
    ['KernelStack', 4_208], ['PageTables', Math.round(anon * 0.012)], ['NFS_Unstable', 0], ['Bounce', 0], ['WritebackTmp', 0],
    ['CommitLimit', Math.round(m.totalKib / 2) + m.swapTotalKib], ['Committed_AS', Math.round(anon * 1.8)], ['VmallocTotal', 34_359_738_367], ['VmallocUsed', 0], ['VmallocChunk', 0],
    ['AnonHugePages', 0], ['ShmemHugePages', 0], ['ShmemPmdMapped', 0], ['CmaTotal', 0], ['CmaFree', 0],
  ];
  const lines = rows.map(([label, kib]) => `${`${label}:`.padEnd(16)}${String(kib).padStart(8)} kB`);
  // The kernel prints this one with its own width, after VmallocChunk.
  lines.splice(lines.findIndex((l) => l.startsWith('AnonHugePages')), 0, `HardwareCorrupted: ${'0'.padStart(5)} kB`);
  for (const label of ['HugePages_Total', 'HugePages_Free', 'HugePages_Rsvd', 'HugePages_Surp']) lines.push(`${`${label}:`.padEnd(19)}${'0'.padStart(5)}`);
  lines.push(`${'Hugepagesize:'.padEnd(16)}${'2048'.padStart(8)} kB`);
  const direct4k = 114_560;
  lines.push(`${'DirectMap4k:'.padEnd(16)}${String(direct4k).padStart(8)} kB`, `${'DirectMap2M:'.padEnd(16)}${String(Math.ceil((m.totalKib + 262_144) / 2048) * 2048 - direct4k).padStart(8)} kB`, `${'DirectMap1G:'.padEnd(16)}${'0'.padStart(8)} kB`);
  return `${lines.join('\n')}\n`;
}

/** /proc/cpuinfo: one stanza per CPU of the KVM guest lscpu describes (one core per socket). */
export function cpuinfoText(sys: Sys): string {
  const cpus = cpusOf(sys.spec);
  const stanzas: string[] = [];
  for (let i = 0; i < cpus; i += 1) {
    stanzas.push([
      `processor\t: ${i}`, 'vendor_id\t: GenuineIntel', 'cpu family\t: 6', 'model\t\t: 85', `model name\t: ${cpuModelOf(sys.spec)}`, 'stepping\t: 4', 'microcode\t: 0x1', 'cpu MHz\t\t: 2095.076', 'cache size\t: 16384 KB',
      `physical id\t: ${i}`, 'siblings\t: 1', 'core id\t\t: 0', 'cpu cores\t: 1', `apicid\t\t: ${i}`, `initial apicid\t: ${i}`, 'fpu\t\t: yes', 'fpu_exception\t: yes', 'cpuid level\t: 13', 'wp\t\t: yes',
      `flags\t\t: ${CPU_FLAGS}`, 'bugs\t\t: cpu_meltdown spectre_v1 spectre_v2 spec_store_bypass l1tf mds swapgs taa itlb_multihit', 'bogomips\t: 4190.15', 'clflush size\t: 64', 'cache_alignment\t: 64', 'address sizes\t: 40 bits physical, 48 bits virtual', 'power management:', '',
    ].join('\n'));
  }
  return `${stanzas.join('\n')}\n`;
}

/**
 * /proc/loadavg: the load averages uptime prints, runnable/all tasks (the reader and the rest of
 * its pipeline among them), and the last PID the kernel handed out: the newest of the pipeline
 * that reads it (bash forks every command of a pipeline before any runs), taken from the host's
 * counter as ps's own PID is, so a later command's PID is above it.
 */
export function loadavgText(sys: Sys): string {
  const [a, b, c] = loadOf(sys.spec);
  const procs = processesOf(sys.draft, sys.host);
  const readers = 1 + sys.laterInPipeline.length;
  const tasks = procs.reduce((n, p) => n + Math.max(1, p.threads), 0) + readers;
  let newest = 0;
  for (let i = 0; i < readers; i += 1) newest = newPid(sys.draft, sys.host, pidsInUse(sys.draft, sys.host));
  return `${a.toFixed(2)} ${b.toFixed(2)} ${c.toFixed(2)} 1/${tasks} ${newest}\n`;
}

/** /proc/uptime: seconds up, and idle seconds summed over the CPUs. */
export function procUptimeText(sys: Sys): string {
  const up = uptimeSeconds(sys);
  const idle = up * cpusOf(sys.spec) * (1 - Math.min(0.9, loadOf(sys.spec)[2] / cpusOf(sys.spec)));
  return `${up.toFixed(2)} ${idle.toFixed(2)}\n`;
}

/** Identifiers whose lines rsyslog files under auth/authpriv. */
const AUTH = new Set(['sshd', 'sudo', 'su', 'systemd-logind', 'polkitd', 'pkexec', 'login', 'passwd', 'useradd', 'usermod']);

function facility(r: JournalRecord): 'auth' | 'kern' | 'other' {
  if (r.kernel) return 'kern';
  if (AUTH.has(r.identifier) || r.message.startsWith('pam_unix(')) return 'auth';
  return 'other';
}

/** The logs rsyslog writes, and logrotate's policy for each (Ubuntu's /etc/logrotate.d/rsyslog). */
export const ROTATED_LOGS = { syslog: { weekly: false, rotate: 7 }, 'auth.log': { weekly: true, rotate: 4 } } as const;
export type RotatedLog = keyof typeof ROTATED_LOGS;

type Which = 'auth' | 'kern' | 'other';
const WHICH: Readonly<Record<'syslog' | 'auth.log' | 'kern.log', Which>> = { syslog: 'other', 'auth.log': 'auth', 'kern.log': 'kern' };

/**
 * Epoch seconds of the log's last `count` rotations, newest first: logrotate runs from
 * cron.daily (06:25:01, after cron logged the job's start); a weekly log turns over on the
 * first run of a new week (Sunday's), a daily one every day.
 */
function rotations(sys: Sys, weekly: boolean, count: number): number[] {
  const now = sys.now();
  const midnight = epochOf(sys.config.date, 0);
  const time = 6 * 3600 + 25 * 60 + 1;
  const out: number[] = [];
  for (let day = 0; out.length < count && day < 7 * count + 8; day += 1) {
    const at = midnight + Math.floor((now - midnight) / 86_400) * 86_400 - day * 86_400 + time;
    if (at > now) continue;
    if (!weekly || new Date(at * 1000).getUTCDay() === 0) out.push(at);
  }
  return out;
}

/**
 * kern.log's rotations (weekly, notifempty): the kernel writes only while booting, so the
 * first Sunday after the boot turns the log over (kern.log.1 keeps the boot) and later ones find
 * it empty and leave it. Earlier boots' copies are not modelled.
 */
function kernRotations(sys: Sys): number[] {
  const boot = sys.epochAt(bootClockOf(sys.draft.host(sys.host), sys.spec, sys.clock));
  const after = rotations(sys, true, 8).filter((at) => at > boot + 60);
  return after.length ? [after[after.length - 1]!] : [];
}

/** Is there a rotation of kern.log (its first Sunday after the boot) by the clock, so that kern.log.1 exists? */
export function kernLogRotated(sys: Sys): boolean {
  return kernRotations(sys).length > 0;
}

/** A journal record as rsyslog writes it (kernel lines keep their `[seconds.micros]` since boot). */
function syslogLine(sys: Sys, r: JournalRecord, boot: number): string {
  const epoch = sys.epochAt(r.at);
  if (r.kernel) {
    const since = Math.max(0, r.at - boot);
    const micros = Math.round((since % 1) * 1_000_000);
    return `${syslogTime(epoch)} ${sys.hostname} kernel: [${String(Math.floor(since)).padStart(5)}.${String(micros).padStart(6, '0')}] ${r.message}`;
  }
  return `${syslogTime(epoch)} ${journalSource(r, sys.hostname)}`;
}

/** The lines of one log written in the epoch interval (from, to], and when the last came. */
function records(sys: Sys, which: Which, from: number, to = Number.POSITIVE_INFINITY): { lines: string[]; last: number } {
  const state = sys.draft.host(sys.host);
  const boot = bootClockOf(state, sys.spec, sys.clock);
  const lines: string[] = [];
  let last = Number.NEGATIVE_INFINITY;
  // Before this boot the host ran cron as it does now (that boot's journal is gone; its logs are not).
  const bootEpoch = sys.epochAt(boot);
  if (from < bootEpoch && which !== 'kern' && state) {
    const base = epochOf(sys.config.date, 0);
    const runs = cronRunsOf(state.files, sys.config.date, Math.max(from, installedAt(sys)) - base, Math.min(to, bootEpoch - 60) - base);
    for (const run of runs) {
      // That boot's PIDs climbed steadily too (about 180 an hour, wrapping at pid_max), some hours more than others.
      const hourly = parseInt(stableHex(`${sys.host}:pids:${Math.floor(run.at / 3600)}`, 4), 16) % 90;
      const climb = Math.floor(run.at / 60) * 3 + hourly + (parseInt(stableHex(`${sys.host}:cron`, 4), 16) % 1_000);
      const pid = 1_000 + (((climb % 31_000) + 31_000) % 31_000);
      for (const line of cronLines(run, pid)) {
        const r: JournalRecord = { ...line, kernel: false };
        if (facility(r) !== which) continue;
        lines.push(syslogLine(sys, r, boot));
        last = sys.epochAt(r.at);
      }
    }
  }
  const haproxyRule = hasHaproxyRule(state?.files ?? {});
  for (const r of journalOf(sys.config, sys.host, state, sys.clock)) {
    const epoch = sys.epochAt(r.at);
    if (!(facility(r) === which || (which === 'other' && r.kernel)) || epoch <= from || epoch > to) continue;
    if (haproxyRule && !r.kernel && filedAsHaproxy(r.identifier)) continue;
    lines.push(syslogLine(sys, r, boot));
    last = epoch;
  }
  return { lines, last };
}

/** When the host was installed (its base image's files' time). */
function installedAt(sys: Sys): number {
  return sys.draft.host(sys.host)?.files['/etc/machine-id']?.mtime ?? Number.NEGATIVE_INFINITY;
}

/** The syslog daemon's own line after logrotate signalled it. */
function hupLine(sys: Sys, at: number): string {
  const pid = sys.draft.host(sys.host)?.services['rsyslog.service']?.pid ?? 776;
  return `${syslogTime(at)} ${sys.hostname} rsyslogd:  [origin software="rsyslogd" swVersion="8.32.0" x-pid="${pid}" x-info="http://www.rsyslog.com"] rsyslogd was HUPed`;
}

/**
 * The text of a log (`index` 0) or of its rotated copy `index` (syslog.1, syslog.2.gz…: the
 * lines between two rotations, each after rsyslogd's HUP line when it is syslog), and its mtime.
 */
function logFile(sys: Sys, name: 'syslog' | 'auth.log' | 'kern.log', index: number): { text: string; mtime: number } {
  const which = WHICH[name];
  const weekly = name !== 'syslog';
  const times = name === 'kern.log' ? kernRotations(sys) : rotations(sys, weekly, index + 1);
  const from = times[index] ?? Number.NEGATIVE_INFINITY;
  const to = index === 0 ? Number.POSITIVE_INFINITY : (times[index - 1] ?? Number.NEGATIVE_INFINITY);
  const { lines, last } = records(sys, which, from, to);
  const boot = sys.epochAt(bootClockOf(sys.draft.host(sys.host), sys.spec, sys.clock));
  const hup = which === 'other' && Number.isFinite(from) && (index > 0 || from > boot);
  if (hup) lines.unshift(hupLine(sys, from));
  const mtime = Number.isFinite(last) ? last : hup ? from : index === 0 ? Math.max(boot, Number.isFinite(from) ? from : boot) : from;
  return { text: lines.map((l) => `${l}\n`).join(''), mtime };
}

/** A rotated log's live source: `syslog.1`, `auth.log.3` (its file is `auth.log.3.gz`). */
export function rotatedSource(name: RotatedLog | 'kern.log', index: number): LiveSource {
  return `${name}.${index}`;
}

function parseSource(source: LiveSource): { name: 'syslog' | 'auth.log' | 'kern.log'; index: number } | null {
  const m = /^(syslog|auth\.log|kern\.log)(?:\.(\d+))?$/.exec(source);
  return m ? { name: m[1] as 'syslog' | 'auth.log' | 'kern.log', index: m[2] === undefined ? 0 : Number(m[2]) } : null;
}

/** The text of a live file now. */
export function liveText(sys: Sys, source: LiveSource): string {
  switch (source) {
    case 'proc-loadavg':
      return loadavgText(sys);
    case 'proc-uptime':
      return procUptimeText(sys);
    case 'proc-meminfo':
      return meminfoText(sys);
    case 'proc-cpuinfo':
      return cpuinfoText(sys);
    case 'proc-version':
      return `Linux version ${kernelOf(sys.spec)} (buildd@lcy01-amd64-013) (gcc version 7.5.0 (Ubuntu 7.5.0-3ubuntu1~18.04)) ${kernelBuildOf(sys.spec)}\n`;
    default: {
      const log = parseSource(source);
      return log ? logFile(sys, log.name, log.index).text : '';
    }
  }
}

/** When a live file last changed: a /proc file is the kernel's (now); a log when its last line came. */
export function liveMtime(sys: Sys, source: LiveSource): number {
  const log = parseSource(source);
  return log ? logFile(sys, log.name, log.index).mtime : sys.now();
}
