/**
 * Where HAProxy 1.8's syslog lines land on Ubuntu 18.04. The stock haproxy.cfg logs to
 * `/dev/log` and chroots to /var/lib/haproxy, so once running its request lines go to the
 * socket rsyslog opens inside the chroot (/etc/rsyslog.d/49-haproxy.conf, shipped by the
 * package: `$AddUnixListenSocket /var/lib/haproxy/dev/log`), never through journald. The same
 * file's rule files every line whose program name starts with "haproxy" in /var/log/haproxy.log
 * and stops there: what haproxy writes to the journal (its start-up and master's lines) reaches
 * rsyslog through journald and is filed there too, not in /var/log/syslog.
 */
import type { Draft } from '../draft';
import { hostSpec } from '../world';
import { epochOf, syslogTime } from '../time';
import { appendLog } from '../net/http/logs';

export const HAPROXY_RSYSLOG_CONF = '/etc/rsyslog.d/49-haproxy.conf';

/** The package's rsyslog snippet (haproxy 1.8.8-1ubuntu0.x, debian/rsyslog.conf). */
export const HAPROXY_RSYSLOG_TEXT = [
  '',
  "# Create an additional socket in haproxy's chroot in order to allow logging via",
  "# /dev/log to chroot'ed HAProxy processes",
  '$AddUnixListenSocket /var/lib/haproxy/dev/log',
  '',
  '# Send HAProxy messages to a dedicated logfile',
  ':programname, startswith, "haproxy" {',
  '  /var/log/haproxy.log',
  '  stop',
  '}',
  '',
].join('\n');

/** Whether rsyslog on the host has the package's rule (the file is there). */
export function hasHaproxyRule(files: Readonly<Record<string, unknown>>): boolean {
  return Object.hasOwn(files, HAPROXY_RSYSLOG_CONF);
}

/** Whether a journal line's program is one the rule takes out of /var/log/syslog. */
export function filedAsHaproxy(identifier: string): boolean {
  return identifier.startsWith('haproxy');
}

/** The log file the host's haproxy lines go to (the scenario's, or the package's). */
export function haproxyLogPath(draft: Draft, host: string): string {
  return hostSpec(draft.config, host)?.network?.http?.haproxy?.log ?? '/var/log/haproxy.log';
}

/** One line from haproxy (process `pid`) as rsyslog files it in the host's haproxy log, when its rule is there. */
export function haproxySyslog(draft: Draft, host: string, pid: number, message: string): void {
  if (!hasHaproxyRule(draft.host(host)?.files ?? {})) return;
  const epoch = epochOf(draft.config.date, draft.clock);
  const hostname = draft.config.world.hosts[host]?.hostname ?? host;
  appendLog(draft, host, haproxyLogPath(draft, host), `${syslogTime(epoch)} ${hostname} haproxy[${pid}]: ${message}`, { owner: 'syslog', group: 'adm', mode: 0o640 });
}
