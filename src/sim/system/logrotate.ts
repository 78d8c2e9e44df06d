/**
 * nginx's older access logs as logrotate leaves them (nginx-common 1.14.0's
 * /etc/logrotate.d/nginx: daily, rotate 14, compress, delaycompress, notifempty; run from
 * cron.daily at 06:25): access.log.1, then access.log.2.gz … Each holds a few of the requests the
 * current log repeats, on the day it covers: the ordinary traffic (answers below 400), not what
 * went wrong today. A log with no such traffic was not rotated (notifempty).
 */
import type { FileNode } from '../fs';
import { baseName, parentOf } from '../fs';

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

const ROTATE = 14;
const DAY = 86_400;
/** Requests of each kind a rotated day keeps: a drill's log, not a production one. */
const PER_DAY = 5;

/** An access-log line of nginx's combined format whose status is below 400. */
function ordinary(text: string): boolean {
  const m = /" (\d{3}) /.exec(text);
  return m !== null && Number(m[1]) < 400;
}

/**
 * The rotated copies of every nginx access log among `files` (`/var/log/nginx/*access*.log`
 * whose lines repeat), for days before `installed` not at all. `clockOf(epoch)` turns epoch
 * seconds into the world's clock seconds.
 */
export function nginxRotatedLogs(files: Readonly<Record<string, FileNode>>, installed: number, clockOf: (epoch: number) => number): Record<string, FileNode> {
  const out: Record<string, FileNode> = {};
  for (const [path, node] of Object.entries(files)) {
    if (parentOf(path) !== '/var/log/nginx' || !/access.*\.log$/.test(baseName(path)) || node.kind !== 'file') continue;
    const repeats = (node.repeat ?? []).filter((r) => ordinary(r.text));
    if (repeats.length === 0) continue;
    const rotatedAt = Math.floor(Math.min(...repeats.map((r) => r.from)) / DAY) * DAY + 6 * 3600 + 25 * 60 + 1;
    for (let day = 1; day <= ROTATE; day += 1) {
      // The day's copy ends at that day's rotation and must begin after the host was installed.
      if (clockOf(installed) > rotatedAt - (day + 1) * DAY) break;
      const repeat = repeats.map((r) => {
        const from = r.from - day * DAY;
        const until = Math.min((r.until ?? r.from + r.every * (PER_DAY - 1)) - day * DAY, from + r.every * (PER_DAY - 1));
        return { ...r, from, until };
      });
      const name = `${path}.${day}${day > 1 ? '.gz' : ''}`;
      // Modified when its last request came (the lines' times; the window's start before them).
      const mtime = installed + (rotatedAt - (day + 1) * DAY - clockOf(installed));
      out[name] = { ...node, content: '', timed: undefined, repeat, size: undefined, live: undefined, mtime, ...(day > 1 ? { gzip: true } : { gzip: undefined }) };
    }
  }
  return out;
}
