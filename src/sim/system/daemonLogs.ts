/**
 * What the daemons themselves log when systemd (or a signal) starts, stops or reloads them, by
 * kind, from the host's own configuration: HAProxy 1.8.8 in master-worker mode (-Ws) writes its
 * master's `[WARNING] DDD/HHMMSS (PID) : …` lines and the new worker's `Proxy NAME started.`
 * to its stderr, which is the journal; nginx 1.14's master writes its reconfiguring notices to
 * the error log of its main context when that log's level lets notices through.
 */
import type { Draft } from '../draft';
import type { UnitDefinition } from './units';
import { HAPROXY_CFG } from './haproxyConfig';
import { haproxyStamp } from './haproxyStamp';
import { NGINX_CONF, readNginxConfig } from './nginxConfig';
import { models, textNow } from './startChecks';
import { lookup } from '../fs';
import { epochOf } from '../time';
import { formatDate } from './dateFormat';
import { appendLog } from '../net/http/logs';
import { filedAsHaproxy, haproxySyslog } from './haproxySyslog';

function journalLine(draft: Draft, host: string, def: UnitDefinition, pid: number, message: string, priority = 6): void {
  draft.journal(host, { at: draft.clock, unit: def.name, identifier: def.identifier, pid, message, priority });
  // rsyslog reads the journal too, and files haproxy's lines in its own log.
  if (def.kind === 'haproxy' && filedAsHaproxy(def.identifier)) haproxySyslog(draft, host, pid, message);
}

/** The proxies (frontend, backend, listen) of the host's haproxy.cfg, in the order HAProxy 1.8 keeps them: the last declared first. */
export function haproxyProxies(draft: Draft, host: string): string[] {
  const found = lookup(draft.host(host)?.files ?? {}, HAPROXY_CFG);
  if (!found || found.node.kind !== 'file') return [];
  const names: string[] = [];
  for (const raw of textNow(draft)(found.node).split('\n').slice(0, 20_000)) {
    const words = raw.replace(/(^|\s)#.*$/, '').trim().split(/\s+/);
    if ((words[0] === 'frontend' || words[0] === 'backend' || words[0] === 'listen') && words[1]) names.unshift(words[1]);
  }
  return names;
}

function haproxyWarning(draft: Draft, pid: number, level: 'WARNING' | 'ALERT', text: string): string {
  return `[${level}] ${haproxyStamp(epochOf(draft.config.date, draft.clock))} (${pid}) : ${text}`;
}

/** The new worker starts each proxy (the master's stderr carries the worker's lines). */
export function haproxyStarted(draft: Draft, host: string, def: UnitDefinition, master: number): void {
  for (const name of haproxyProxies(draft, host)) journalLine(draft, host, def, master, `Proxy ${name} started.`, 5);
}

/** `systemctl reload` (SIGUSR2 to the master): it re-executes itself, a new worker starts the proxies, the old one finishes and exits 0. */
export function haproxyReloaded(draft: Draft, host: string, def: UnitDefinition, master: number, former: readonly number[]): void {
  journalLine(draft, host, def, master, haproxyWarning(draft, master, 'WARNING', 'Reexecuting Master process'), 4);
  haproxyStarted(draft, host, def, master);
  for (const pid of former) journalLine(draft, host, def, master, haproxyWarning(draft, master, 'WARNING', `Former worker ${pid} exited with code 0`), 4);
}

/** SIGTERM to the master: it passes it on to its worker, which exits 143, and leaves with the same code. */
export function haproxyStopped(draft: Draft, host: string, def: UnitDefinition, master: number, workers: readonly number[]): void {
  journalLine(draft, host, def, master, haproxyWarning(draft, master, 'WARNING', 'Exiting Master process...'), 4);
  for (const pid of workers) journalLine(draft, host, def, master, haproxyWarning(draft, master, 'ALERT', `Current worker ${pid} exited with code 143`), 3);
  journalLine(draft, host, def, master, haproxyWarning(draft, master, 'WARNING', 'All workers exited. Exiting... (143)'), 4);
}

const NOTICE_OR_LOWER = new Set(['debug', 'info', 'notice']);

/** The file nginx's master writes its notices to, or null when there is none or its level is above notice (1.14's default is error). */
function nginxNoticeLog(draft: Draft, host: string): string | null {
  const files = draft.host(host)?.files ?? {};
  if (!models(files, NGINX_CONF)) return null;
  const config = readNginxConfig(files, textNow(draft));
  if (!config.ok || !config.errorLog || !NOTICE_OR_LOWER.has(config.errorLog.level) || !config.errorLog.path.startsWith('/')) return null;
  return config.errorLog.path;
}

function nginxNotices(draft: Draft, host: string, lines: readonly { pid: number; text: string }[]): void {
  const path = nginxNoticeLog(draft, host);
  if (!path) return;
  const stamp = formatDate(epochOf(draft.config.date, draft.clock), '%Y/%m/%d %H:%M:%S', draft.config.timezone);
  for (const line of lines) appendLog(draft, host, path, `${stamp} [notice] ${line.pid}#${line.pid}: ${line.text}`, { owner: 'www-data', group: 'adm', mode: 0o640 });
}

/** `nginx -s …`: the signalling process says it started. */
export function nginxSignalProcess(draft: Draft, host: string, pid: number): void {
  nginxNotices(draft, host, [{ pid, text: 'signal process started' }]);
}

/** The master got SIGHUP: it re-reads the configuration, starts new workers, and the old ones finish and exit. */
export function nginxReconfigured(draft: Draft, host: string, master: number, fresh: readonly number[], former: readonly number[]): void {
  const lines: { pid: number; text: string }[] = [
    { pid: master, text: 'signal 1 (SIGHUP) received, reconfiguring' },
    { pid: master, text: 'reconfiguring' },
    { pid: master, text: 'using the "epoll" event method' },
    { pid: master, text: 'start worker processes' },
    ...fresh.map((pid) => ({ pid: master, text: `start worker process ${pid}` })),
  ];
  for (const pid of former) {
    lines.push({ pid, text: 'gracefully shutting down' }, { pid, text: 'exiting' }, { pid, text: 'exit' });
    lines.push({ pid: master, text: `signal 17 (SIGCHLD) received from ${pid}` }, { pid: master, text: `worker process ${pid} exited with code 0` }, { pid: master, text: 'signal 29 (SIGIO) received' });
  }
  nginxNotices(draft, host, lines);
}
