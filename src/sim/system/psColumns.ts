/**
 * ps's columns (procps-ng 3.3.12): each field's header, width and justification, its value for
 * a process, and the layout rule of show_one_proc — a column that overflows its width pushes
 * the next ones right, and later columns take the room back when they can — so `ps aux` lines
 * up exactly as the real one, wide VSZ and all.
 */
import type { Proc } from './processes';
import { cpuSeconds } from './processes';
import { partsOf } from '../time';

export interface PsRow {
  proc: Proc;
  /** Epoch seconds now, and of the process's start. */
  now: number;
  started: number;
  /** The simulated clock now (seconds since the scenario's midnight), for CPU time. */
  clock: number;
  memTotalKib: number;
  uid: number;
  /** Its process group, session and its terminal's foreground group (-1 without one), when ps worked them out. */
  pgid?: number;
  sid?: number;
  tpgid?: number;
}

export interface PsColumn {
  header: string;
  width: number;
  align: 'left' | 'right' | 'user' | 'unlimited';
  value: (row: PsRow) => string;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const pad2 = (n: number) => String(n).padStart(2, '0');

/** A user name in a column of `width`: longer ones are cut and end with `+` (`systemd+`). */
export function userCell(name: string, width = 8): string {
  return name.length > width ? `${name.slice(0, width - 1)}+` : name;
}

/** `06:25` today, `May01` this year, `2019` before (BSD START and STIME). */
export function startCell(started: number, now: number): string {
  const p = partsOf(started);
  if (now - started < 24 * 3600) return `${pad2(p.hour)}:${pad2(p.minute)}`;
  if (now - started < 365 * 24 * 3600) return `${MONTHS[p.month]}${pad2(p.day)}`;
  return `${p.year}`;
}

/** `13:05` (BSD TIME: minutes and seconds of CPU). */
export function bsdTime(seconds: number): string {
  return `${Math.floor(seconds / 60)}:${pad2(seconds % 60)}`;
}

/** `00:13:05`, `2-03:00:01` (SysV TIME). */
export function sysvTime(seconds: number): string {
  const days = Math.floor(seconds / 86_400);
  const rest = seconds % 86_400;
  const hms = `${pad2(Math.floor(rest / 3600))}:${pad2(Math.floor((rest % 3600) / 60))}:${pad2(rest % 60)}`;
  return days ? `${days}-${hms}` : hms;
}

/** `   05:12`, `02:14:31`, `3-01:22:10` (ELAPSED). */
export function elapsedCell(seconds: number): string {
  const days = Math.floor(seconds / 86_400);
  const h = Math.floor((seconds % 86_400) / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  if (days) return `${days}-${pad2(h)}:${pad2(m)}:${pad2(s)}`;
  if (h) return `${pad2(h)}:${pad2(m)}:${pad2(s)}`;
  return `${pad2(m)}:${pad2(s)}`;
}

function lstart(epoch: number): string {
  const p = partsOf(epoch);
  return `${DAYS[p.weekday]} ${MONTHS[p.month]} ${String(p.day).padStart(2)} ${pad2(p.hour)}:${pad2(p.minute)}:${pad2(p.second)} ${p.year}`;
}

function pcpu(row: PsRow): number {
  return row.proc.cpu;
}

const fmt1 = (n: number) => (n >= 99.95 ? n.toFixed(0) : n.toFixed(1));

const COLUMNS: Readonly<Record<string, PsColumn>> = {
  pid: { header: 'PID', width: 5, align: 'right', value: (r) => String(r.proc.pid) },
  ppid: { header: 'PPID', width: 5, align: 'right', value: (r) => String(r.proc.ppid) },
  pgid: { header: 'PGID', width: 5, align: 'right', value: (r) => String(r.pgid ?? r.proc.pid) },
  sid: { header: 'SID', width: 5, align: 'right', value: (r) => String(r.sid ?? r.proc.pid) },
  tpgid: { header: 'TPGID', width: 5, align: 'right', value: (r) => String(r.tpgid ?? -1) },
  user: { header: 'USER', width: 8, align: 'user', value: (r) => userCell(r.proc.user) },
  euser: { header: 'EUSER', width: 8, align: 'user', value: (r) => userCell(r.proc.user) },
  ruser: { header: 'RUSER', width: 8, align: 'user', value: (r) => userCell(r.proc.user) },
  uname: { header: 'USER', width: 8, align: 'user', value: (r) => userCell(r.proc.user) },
  uid: { header: 'UID', width: 5, align: 'right', value: (r) => String(r.uid) },
  euid: { header: 'EUID', width: 5, align: 'right', value: (r) => String(r.uid) },
  comm: { header: 'COMMAND', width: 15, align: 'unlimited', value: (r) => r.proc.comm },
  ucmd: { header: 'CMD', width: 15, align: 'unlimited', value: (r) => r.proc.comm },
  ucomm: { header: 'COMMAND', width: 15, align: 'unlimited', value: (r) => r.proc.comm },
  args: { header: 'COMMAND', width: 27, align: 'unlimited', value: (r) => r.proc.args },
  command: { header: 'COMMAND', width: 27, align: 'unlimited', value: (r) => r.proc.args },
  cmd: { header: 'CMD', width: 27, align: 'unlimited', value: (r) => r.proc.args },
  '%cpu': { header: '%CPU', width: 4, align: 'right', value: (r) => fmt1(pcpu(r)) },
  pcpu: { header: '%CPU', width: 4, align: 'right', value: (r) => fmt1(pcpu(r)) },
  c: { header: 'C', width: 2, align: 'right', value: (r) => String(Math.floor(pcpu(r))) },
  '%mem': { header: '%MEM', width: 4, align: 'right', value: (r) => fmt1((r.proc.rssKiB * 100) / r.memTotalKib) },
  pmem: { header: '%MEM', width: 4, align: 'right', value: (r) => fmt1((r.proc.rssKiB * 100) / r.memTotalKib) },
  rss: { header: 'RSS', width: 5, align: 'right', value: (r) => String(r.proc.rssKiB) },
  rssize: { header: 'RSS', width: 5, align: 'right', value: (r) => String(r.proc.rssKiB) },
  rsz: { header: 'RSZ', width: 5, align: 'right', value: (r) => String(r.proc.rssKiB) },
  vsz: { header: 'VSZ', width: 6, align: 'right', value: (r) => String(r.proc.vszKiB) },
  vsize: { header: 'VSZ', width: 6, align: 'right', value: (r) => String(r.proc.vszKiB) },
  sz: { header: 'SZ', width: 5, align: 'right', value: (r) => String(Math.ceil(r.proc.vszKiB / 4)) },
  stat: { header: 'STAT', width: 4, align: 'left', value: (r) => r.proc.stat },
  s: { header: 'S', width: 1, align: 'left', value: (r) => r.proc.stat[0] ?? 'S' },
  state: { header: 'S', width: 1, align: 'left', value: (r) => r.proc.stat[0] ?? 'S' },
  tty: { header: 'TT', width: 8, align: 'left', value: (r) => r.proc.tty },
  tt: { header: 'TT', width: 8, align: 'left', value: (r) => r.proc.tty },
  tname: { header: 'TTY', width: 8, align: 'left', value: (r) => r.proc.tty },
  start: { header: 'STARTED', width: 8, align: 'right', value: (r) => (r.now - r.started < 86_400 ? `${pad2(partsOf(r.started).hour)}:${pad2(partsOf(r.started).minute)}:${pad2(partsOf(r.started).second)}` : `${MONTHS[partsOf(r.started).month]} ${pad2(partsOf(r.started).day)}`) },
  bsdstart: { header: 'START', width: 5, align: 'right', value: (r) => startCell(r.started, r.now) },
  start_time: { header: 'START', width: 5, align: 'right', value: (r) => startCell(r.started, r.now) },
  stime: { header: 'STIME', width: 5, align: 'right', value: (r) => startCell(r.started, r.now) },
  lstart: { header: 'STARTED', width: 24, align: 'right', value: (r) => lstart(r.started) },
  etime: { header: 'ELAPSED', width: 11, align: 'right', value: (r) => elapsedCell(Math.max(0, r.now - r.started)) },
  etimes: { header: 'ELAPSED', width: 7, align: 'right', value: (r) => String(Math.max(0, r.now - r.started)) },
  time: { header: 'TIME', width: 8, align: 'right', value: (r) => sysvTime(cpuSeconds(r.proc, r.clock)) },
  cputime: { header: 'TIME', width: 8, align: 'right', value: (r) => sysvTime(cpuSeconds(r.proc, r.clock)) },
  bsdtime: { header: 'TIME', width: 6, align: 'right', value: (r) => bsdTime(cpuSeconds(r.proc, r.clock)) },
  nlwp: { header: 'NLWP', width: 4, align: 'right', value: (r) => String(r.proc.threads) },
  thcount: { header: 'THCNT', width: 5, align: 'right', value: (r) => String(r.proc.threads) },
  ni: { header: 'NI', width: 3, align: 'right', value: (r) => (r.proc.stat.includes('<') ? '-20' : r.proc.stat.includes('N') ? '5' : '0') },
  nice: { header: 'NI', width: 3, align: 'right', value: (r) => (r.proc.stat.includes('<') ? '-20' : r.proc.stat.includes('N') ? '5' : '0') },
  pri: { header: 'PRI', width: 3, align: 'right', value: (r) => (r.proc.stat.includes('<') ? '39' : '19') },
  wchan: { header: 'WCHAN', width: 6, align: 'left', value: (r) => (r.proc.stat.startsWith('R') ? '-' : r.proc.kernel ? 'smpboo' : 'ep_pol') },
  unit: { header: 'UNIT', width: 31, align: 'left', value: (r) => (r.proc.kernel ? '-' : (r.proc.unit ?? '-')) },
};

/** The columns a name means in `-o`, or null (`error: unknown user-defined format specifier`). */
export function psColumn(name: string): PsColumn | null {
  const key = name.toLowerCase();
  return Object.hasOwn(COLUMNS, key) ? COLUMNS[key]! : null;
}

/** Lays out one line as procps does (the header too, with `row` null). */
export function layout(columns: readonly PsColumn[], cells: readonly string[]): string {
  let correct = 0;
  let actual = 0;
  let line = '';
  columns.forEach((col, i) => {
    const text = cells[i] ?? '';
    const leftpad = col.align === 'right' ? Math.max(0, col.width - text.length) : 0;
    let space = correct - actual + leftpad;
    if (space < 1) space = i === 0 ? 0 : 1;
    if (i === 0 && col.align === 'right') space = leftpad;
    line += ' '.repeat(space) + text;
    actual += space + text.length;
    correct += col.width + 1;
  });
  return line;
}
