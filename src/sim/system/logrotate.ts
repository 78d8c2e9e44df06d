/**
 * The older copies logrotate leaves of the logs a scenario gives, from the policy in the host's
 * /etc/logrotate.d (the packages' files, nginx-common 1.14.0's and haproxy 1.8's, and any the
 * scenario adds): run from cron.daily at 06:25, a `daily` log turns over every day and a
 * `weekly` one on Sundays; `rotate N` keeps N copies, `compress` gzips them and `delaycompress`
 * leaves the newest (`.1`) plain. Each copy holds, on the day it covers, the ordinary traffic the
 * current log repeats (not what went wrong today): a few requests of each kind after the
 * rotation that began it and a few just before the one that ended it, so its first and last
 * lines and its mtime are where they would be. A log with no such lines was not rotated
 * (notifempty). Nothing is kept from before the host was installed.
 */
import type { FileNode, RepeatingText } from '../fs';
import { baseName, parentOf } from '../fs';
import { hashOf } from '../net/jitter';

/** /etc/logrotate.d/nginx as nginx-common 1.14.0-0ubuntu1 ships it. */
export const NGINX_LOGROTATE = [
  '/var/log/nginx/*.log {',
  '\tdaily',
  '\tmissingok',
  '\trotate 14',
  '\tcompress',
  '\tdelaycompress',
  '\tnotifempty',
  '\tcreate 0640 www-data adm',
  '\tsharedscripts',
  '\tprerotate',
  '\t\tif [ -d /etc/logrotate.d/httpd-prerotate ]; then \\',
  '\t\t\trun-parts /etc/logrotate.d/httpd-prerotate; \\',
  '\t\tfi \\',
  '\tendscript',
  '\tpostrotate',
  '\t\tinvoke-rc.d nginx rotate >/dev/null 2>&1',
  '\tendscript',
  '}',
  '',
].join('\n');

/** /etc/logrotate.d/haproxy as haproxy 1.8.8-1ubuntu0 (bionic) ships it. */
export const HAPROXY_LOGROTATE = [
  '/var/log/haproxy.log {',
  '    daily',
  '    rotate 52',
  '    missingok',
  '    notifempty',
  '    compress',
  '    delaycompress',
  '    postrotate',
  '        invoke-rc.d rsyslog rotate >/dev/null 2>&1 || true',
  '    endscript',
  '}',
  '',
].join('\n');

/** /etc/logrotate.d/rsyslog as rsyslog 8.32.0-1ubuntu4 ships it (the live logs follow it: liveFiles.ts). */
export const RSYSLOG_LOGROTATE = [
  '/var/log/syslog',
  '{',
  '\trotate 7',
  '\tdaily',
  '\tmissingok',
  '\tnotifempty',
  '\tdelaycompress',
  '\tcompress',
  '\tpostrotate',
  '\t\tinvoke-rc.d rsyslog rotate > /dev/null',
  '\tendscript',
  '}',
  '',
  '/var/log/mail.info',
  '/var/log/mail.warn',
  '/var/log/mail.err',
  '/var/log/mail.log',
  '/var/log/daemon.log',
  '/var/log/kern.log',
  '/var/log/auth.log',
  '/var/log/user.log',
  '/var/log/lpr.log',
  '/var/log/cron.log',
  '/var/log/debug',
  '/var/log/messages',
  '{',
  '\trotate 4',
  '\tweekly',
  '\tmissingok',
  '\tnotifempty',
  '\tcompress',
  '\tdelaycompress',
  '\tsharedscripts',
  '\tpostrotate',
  '\t\tinvoke-rc.d rsyslog rotate > /dev/null',
  '\tendscript',
  '}',
  '',
].join('\n');

export interface RotatePolicy {
  patterns: string[];
  weekly: boolean;
  rotate: number;
  compress: boolean;
  delaycompress: boolean;
}

/** The stanzas of a logrotate configuration file: their path patterns and the directives the drill models. */
export function parseLogrotate(text: string): RotatePolicy[] {
  const out: RotatePolicy[] = [];
  const body = text.replace(/#.*$/gm, '');
  const stanza = /([^{}]*)\{([^}]*)\}/g;
  for (let m = stanza.exec(body); m; m = stanza.exec(body)) {
    const patterns = m[1]!.split(/\s+/).filter((p) => p.startsWith('/'));
    // Scripts are left out: their words are not directives.
    const directives = m[2]!.replace(/\b(prerotate|postrotate|firstaction|lastaction|preremove)\b[\s\S]*?\bendscript\b/g, '').split('\n').map((l) => l.trim().split(/\s+/));
    const has = (word: string) => directives.some((d) => d[0] === word);
    const rotate = Number(directives.find((d) => d[0] === 'rotate')?.[1] ?? 1);
    if (patterns.length) out.push({ patterns, weekly: has('weekly'), rotate: Number.isFinite(rotate) ? rotate : 1, compress: has('compress') && !has('nocompress'), delaycompress: has('delaycompress') });
  }
  return out;
}

function globMatch(pattern: string, path: string): boolean {
  const rx = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]')}$`);
  return rx.test(path);
}

/** The policy logrotate applies to `path`, from the host's /etc/logrotate.d (the first stanza that names it). */
export function policyOf(files: Readonly<Record<string, FileNode>>, path: string): RotatePolicy | null {
  for (const [conf, node] of Object.entries(files).sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (parentOf(conf) !== '/etc/logrotate.d' || node.kind !== 'file' || typeof node.content !== 'string') continue;
    for (const policy of parseLogrotate(node.content)) if (policy.patterns.some((p) => globMatch(p, path))) return policy;
  }
  return null;
}

const DAY = 86_400;
/** When cron.daily's logrotate runs (clock seconds into the day). */
const ROTATION_TIME = 6 * 3600 + 25 * 60 + 1;
/** Requests of each kind a rotated copy keeps at each end of the time it covers: a drill's log, not a production one. */
const PER_END = 5;

/** Does a repeating line record what went wrong (an error level, an HTTP status of 400 or more)? */
function ordinary(text: string): boolean {
  if (/\b(ERROR|WARN|FATAL|CRIT)\b|\[(error|crit|alert|emerg)\]/.test(text)) return false;
  const status = /[ "]([1-5]\d\d)(?= )/.exec(text.replace(/\{\{[^}]*\}\}/g, ''));
  return status === null || Number(status[1]) < 400;
}

/** The lines of an ordinary stream in a copy covering the clock interval (start, end]: a few after start, a few before end. */
function streamIn(r: RepeatingText, shift: number, start: number, end: number): RepeatingText[] {
  const from = r.from - shift;
  const out: RepeatingText[] = [];
  // The first lines: from the stream's time of day on that day (it began after that day's rotation).
  const firstUntil = Math.min((r.until ?? Number.POSITIVE_INFINITY) - shift, from + r.every * (PER_END - 1), end);
  if (from > start && firstUntil >= from) out.push({ ...r, from, until: firstUntil });
  // The last lines: the same cadence carried on to just before the rotation that ended the copy.
  const last = from + Math.floor((end - from) / r.every) * r.every;
  const lastFrom = Math.max(last - r.every * (PER_END - 1), (out[0]?.until ?? start) + r.every);
  if (last > start && lastFrom <= last) out.push({ ...r, from: lastFrom, until: last });
  return out;
}

/** A syslog line's `ident[PID]:` (a daemon's PID, which was another before this boot). */
const SYSLOG_PID = /^(\{\{time:[^}]*\}\} \S+ [\w.-]+)\[(\d+)\]:/;

/**
 * Lines written before the boot (clock `boot`) came from the daemon's process of the boot before:
 * another PID (one earlier boot, fixed per log), as low as a daemon's at boot.
 */
function beforeBoot(streams: RepeatingText[], boot: number, path: string): RepeatingText[] {
  const out: RepeatingText[] = [];
  for (const r of streams) {
    const m = SYSLOG_PID.exec(r.text);
    if (!m) {
      out.push(r);
      continue;
    }
    const former = 600 + (hashOf('former-pid', path, m[2]!) % 400);
    const old = r.text.replace(SYSLOG_PID, `$1[${former}]:`);
    const until = r.until ?? Number.POSITIVE_INFINITY;
    if (until < boot) out.push({ ...r, text: old });
    else if (r.from >= boot) out.push(r);
    else {
      const lastBefore = r.from + Math.floor((boot - 1 - r.from) / r.every) * r.every;
      out.push({ ...r, text: old, until: lastBefore }, { ...r, from: lastBefore + r.every });
    }
  }
  return out;
}

/**
 * The rotated copies of every log among `files` that a logrotate.d policy names and whose lines
 * repeat, for the days since `installed` (epoch seconds). `clockOf(epoch)` turns epoch seconds
 * into the world's clock seconds; `boot` is the host's boot on that clock.
 */
export function rotatedLogs(files: Readonly<Record<string, FileNode>>, installed: number, clockOf: (epoch: number) => number, boot = Number.NEGATIVE_INFINITY): Record<string, FileNode> {
  const out: Record<string, FileNode> = {};
  for (const [path, node] of Object.entries(files)) {
    if (node.kind !== 'file' || !path.startsWith('/var/log/') || /\.\d+(\.gz)?$/.test(baseName(path))) continue;
    const repeats = (node.repeat ?? []).filter((r) => ordinary(r.text));
    if (repeats.length === 0) continue;
    const policy = policyOf(files, path);
    if (!policy) continue;
    const period = policy.weekly ? 7 * DAY : DAY;
    // The rotation that began today's log: this morning's (a weekly log: the last Sunday's).
    const today = Math.floor(Math.min(...repeats.map((r) => r.from)) / DAY) * DAY;
    let began = today + ROTATION_TIME;
    if (policy.weekly) while (new Date((clockOf(0) * -1 + began) * 1000).getUTCDay() !== 0) began -= DAY;
    for (let i = 1; i <= policy.rotate; i += 1) {
      const end = began - (i - 1) * period;
      const start = end - period;
      // The copy began at a rotation after the host was installed.
      if (clockOf(installed) > start) break;
      const shift = Math.round((today + ROTATION_TIME - end) / DAY) * DAY + period;
      const repeat = beforeBoot(repeats.flatMap((r) => streamIn(r, shift, start, end - 1)), boot, path);
      if (repeat.length === 0) continue;
      const gz = policy.compress && (i > 1 || !policy.delaycompress);
      const name = `${path}.${i}${gz ? '.gz' : ''}`;
      out[name] = { ...node, content: '', timed: undefined, repeat, size: undefined, live: undefined, mtime: installed + (start - clockOf(installed)), gzip: gz ? true : undefined };
    }
  }
  return out;
}
