/**
 * cron (3.0pl1-128.1ubuntu1): the jobs of the host's /etc/crontab and /etc/cron.d, and the lines
 * each run leaves in the journal (unit cron.service): PAM's session opened, the `(root) CMD (…)`
 * line, PAM's session closed, all at second 1 of the minute, from a child with its own PID. The
 * runs before the scenario's start are part of the host's history (journal.ts); the runs while
 * the clock moves are written by `tickCron` with fresh PIDs, so they interleave with the PIDs
 * the trainee's commands get.
 */
import type { FileNode } from '../fs';
import type { Draft } from '../draft';
import type { HostSpec } from '../../scenario/world';
import { epochOf } from '../time';
import { newPid, pidBefore } from './pids';
import { pidsInUse } from './pidsInUse';
import { stableHex } from './baseImage';

/** Ubuntu 18.04's /etc/crontab (cron 3.0pl1-128.1ubuntu1), as the package ships it. */
export const STOCK_CRONTAB = [
  '# /etc/crontab: system-wide crontab',
  "# Unlike any other crontab you don't have to run the `crontab'",
  '# command to install the new version when you edit this file',
  '# and files in /etc/cron.d. These files also have username fields,',
  '# that none of the other crontabs do.',
  '',
  'SHELL=/bin/sh',
  'PATH=/usr/local/sbin:/usr/local/bin:/sbin:/bin:/usr/sbin:/usr/bin',
  '',
  '# m h dom mon dow user\tcommand',
  '17 *\t* * *\troot    cd / && run-parts --report /etc/cron.hourly',
  '25 6\t* * *\troot\ttest -x /usr/sbin/anacron || ( cd / && run-parts --report /etc/cron.daily )',
  '47 6\t* * 7\troot\ttest -x /usr/sbin/anacron || ( cd / && run-parts --report /etc/cron.weekly )',
  '52 6\t1 * *\troot\ttest -x /usr/sbin/anacron || ( cd / && run-parts --report /etc/cron.monthly )',
  '#',
  '',
].join('\n');

export const CRON_UNIT = 'cron.service';

export interface CronJob {
  minutes: ReadonlySet<number>;
  hours: ReadonlySet<number>;
  days: ReadonlySet<number> | null;
  months: ReadonlySet<number> | null;
  weekdays: ReadonlySet<number> | null;
  user: string;
  /** The command as cron logs it: the rest of the line after the user and one blank. */
  command: string;
}

export interface CronRun {
  /** Clock seconds. */
  at: number;
  user: string;
  command: string;
}

/** One crontab field (`*`, `5`, `1,15`, `0-30/10`, `*\/5`), or null when it does not parse. */
function field(text: string, low: number, high: number): Set<number> | null {
  const out = new Set<number>();
  for (const part of text.split(',')) {
    const m = /^(\*|(\d+)(?:-(\d+))?)(?:\/(\d+))?$/.exec(part);
    if (!m) return null;
    const from = m[1] === '*' ? low : Number(m[2]);
    const to = m[1] === '*' ? high : m[3] !== undefined ? Number(m[3]) : m[4] !== undefined ? high : from;
    const step = m[4] !== undefined ? Math.max(1, Number(m[4])) : 1;
    for (let v = from; v <= to; v += step) if (v >= low && v <= high) out.add(v);
  }
  return out;
}

const MACROS: Readonly<Record<string, string>> = { '@hourly': '0 * * * *', '@daily': '0 0 * * *', '@midnight': '0 0 * * *', '@weekly': '0 0 * * 0', '@monthly': '0 0 1 * *', '@yearly': '0 0 1 1 *', '@annually': '0 0 1 1 *' };

/** The jobs of a system crontab's text (lines with a user field); environment lines and comments are skipped. */
export function parseCrontab(text: string): CronJob[] {
  const jobs: CronJob[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.replace(/^\s+/, '');
    if (line === '' || line.startsWith('#') || /^[A-Za-z_][A-Za-z0-9_]*\s*=/.test(line)) continue;
    const macro = /^(@\w+)\s+/.exec(line);
    const expanded = macro && Object.hasOwn(MACROS, macro[1]!) ? `${MACROS[macro[1]!]} ${line.slice(macro[0].length)}` : line;
    // Five time fields, the user, one blank (cron's reader stops at it), then the command as written.
    const m = /^(\S+)\s+(\S+)\s+(\S+)\s+(\S+)\s+(\S+)\s+(\S+)\s([\s\S]*)$/.exec(expanded);
    if (!m) continue;
    const minutes = field(m[1]!, 0, 59);
    const hours = field(m[2]!, 0, 23);
    const days = field(m[3]!, 1, 31);
    const months = field(m[4]!, 1, 12);
    const weekdays = field(m[5]!.replace(/\b7\b/g, '0'), 0, 6);
    if (!minutes || !hours || !days || !months || !weekdays || m[7]!.trim() === '') continue;
    jobs.push({ minutes, hours, days: m[3] === '*' ? null : days, months: m[4] === '*' ? null : months, weekdays: m[5] === '*' ? null : weekdays, user: m[6]!, command: m[7]! });
  }
  return jobs;
}

/** The host's system jobs: /etc/crontab, then /etc/cron.d's files (cron skips names with a dot). */
export function cronJobsOf(files: Readonly<Record<string, FileNode>>): CronJob[] {
  return readJobs(files);
}

/**
 * The jobs of a host's files as they were when the step began: that object is never changed
 * (a step edits a copy), so its parsed jobs are kept for as long as the object lives.
 */
function committedJobs(files: Readonly<Record<string, FileNode>>): CronJob[] {
  const known = jobsCache.get(files);
  if (known) return known;
  const jobs = readJobs(files);
  jobsCache.set(files, jobs);
  return jobs;
}

const jobsCache = new WeakMap<Readonly<Record<string, FileNode>>, CronJob[]>();

function readJobs(files: Readonly<Record<string, FileNode>>): CronJob[] {
  const text = (path: string) => (Object.hasOwn(files, path) && files[path]!.kind === 'file' ? (files[path]!.content ?? '') : '');
  const jobs = parseCrontab(text('/etc/crontab'));
  const inDir = Object.keys(files).filter((p) => p.startsWith('/etc/cron.d/') && !p.slice('/etc/cron.d/'.length).includes('/') && !p.slice('/etc/cron.d/'.length).includes('.')).sort();
  for (const path of inDir) jobs.push(...parseCrontab(text(path)));
  return jobs;
}

const runsCache = new Map<string, CronRun[]>();
/** `cronRuns` of the jobs of these files, remembered (the history before the start is asked for on every journal read). */
export function cronRunsOf(files: Readonly<Record<string, FileNode>>, date: string, from: number, to: number): CronRun[] {
  const texts = Object.keys(files).filter((p) => p === '/etc/crontab' || p.startsWith('/etc/cron.d/')).sort().map((p) => `${p}\u0000${files[p]!.content ?? ''}`).join('\u0000');
  const key = `${date}|${from}|${to}|${texts}`;
  const known = runsCache.get(key);
  if (known) return known;
  const runs = cronRuns(cronJobsOf(files), date, from, to);
  if (runsCache.size > 200) runsCache.clear();
  runsCache.set(key, runs);
  return runs;
}

/** Does a job run in this minute (of the scenario's local clock)? dom and dow restricted both: either matches, as cron does. */
function due(job: CronJob, epoch: number): boolean {
  const d = new Date(epoch * 1000);
  if (!job.minutes.has(d.getUTCMinutes()) || !job.hours.has(d.getUTCHours())) return false;
  if (job.months && !job.months.has(d.getUTCMonth() + 1)) return false;
  const dom = job.days ? job.days.has(d.getUTCDate()) : true;
  const dow = job.weekdays ? job.weekdays.has(d.getUTCDay()) : true;
  return job.days && job.weekdays ? dom || dow : dom && dow;
}

/** Most runs one call lists: a drill's journal, not a production one. */
const MAX_RUNS = 5_000;

/** The runs in the clock interval (from, to], oldest first; each at second 1 of its minute. */
export function cronRuns(jobs: readonly CronJob[], date: string, from: number, to: number): CronRun[] {
  const runs: CronRun[] = [];
  if (jobs.length === 0 || to <= from) return runs;
  const midnight = epochOf(date, 0);
  // Hour by hour, only the minutes some job of that hour names.
  for (let hour = Math.floor((from - 1) / 3600) * 3600; hour + 1 <= to && runs.length < MAX_RUNS; hour += 3600) {
    const h = new Date((midnight + hour) * 1000).getUTCHours();
    const minutes = new Set<number>();
    for (const job of jobs) if (job.hours.has(h)) for (const m of job.minutes) minutes.add(m);
    for (const m of [...minutes].sort((a, b) => a - b)) {
      const at = hour + m * 60 + 1;
      if (at <= from || at > to) continue;
      for (const job of jobs) if (due(job, midnight + hour + m * 60)) runs.push({ at, user: job.user, command: job.command });
    }
  }
  return runs;
}

/** The three journal lines of one run: PAM opens the session, cron logs the command, PAM closes it. */
export function cronLines(run: CronRun, pid: number): { at: number; unit: string; identifier: string; pid: number; message: string; priority: number }[] {
  const base = { at: run.at, unit: CRON_UNIT, identifier: 'CRON', pid, priority: 6 };
  return [
    { ...base, message: `pam_unix(cron:session): session opened for user ${run.user} by (uid=0)` },
    { ...base, message: `(${run.user}) CMD (${run.command})` },
    { ...base, message: `pam_unix(cron:session): session closed for user ${run.user}` },
  ];
}

/**
 * The PIDs of the runs before the scenario's start: the host's PID counter went from where boot
 * left it to where the spec says it is now (`nextPid`), so each run takes a PID on that line,
 * a few apart (each run forks cron's child and a shell), always above the previous run's.
 */
export function historyPids(spec: HostSpec | undefined, host: string, runs: readonly CronRun[], boot: number, start: number): number[] {
  let previous = 0;
  return runs.map((r) => {
    const jitter = parseInt(stableHex(`${host}:cron:${r.at}`, 2), 16) % 3;
    const pid = Math.max(previous + 2, pidBefore(spec, boot, start, r.at) + jitter);
    previous = pid;
    return pid;
  });
}

/** Is cron running on the host now? */
function cronActive(draft: Draft, host: string): boolean {
  const state = draft.host(host)?.services[CRON_UNIT];
  return state !== undefined && state.active === 'active';
}

/** The ticker: while the clock moves, every host's cron runs its due jobs (with PIDs the host hands out then). */
export function tickCron(draft: Draft, from: number, to: number): void {
  const clock = draft.clock;
  for (const host of draft.hostIds()) {
    const state = draft.host(host);
    if (!state || !cronActive(draft, host)) continue;
    const runs = cronRuns(draft.filesEdited(host) ? cronJobsOf(state.files) : committedJobs(state.files), draft.config.date, from, to);
    for (const run of runs) {
      draft.clock = run.at;
      const pid = newPid(draft, host, pidsInUse(draft, host));
      for (const line of cronLines(run, pid)) draft.journal(host, line);
    }
  }
  draft.clock = clock;
}
