/** The uptime line (procps-ng 3.3.12's sprint_uptime) that uptime, w and top print. */
import type { Sys } from '../process';
import { formatDate } from './dateFormat';
import { bootClockOf, loadOf } from './machine';
import { sessionsOn } from './processes';

/** Logged-in users as utmp counts them: one per terminal login (ssh, a local login), not su or sudo. */
export function loginCount(sys: Sys): number {
  return sessionsOn(sys.config, sys.host, sys.draft.host(sys.host), sys.draft.sessions, sys.clock).filter((s) => s.session.via === 'ssh' || s.session.via === 'login').length;
}

/** Seconds since the host booted. */
export function uptimeSeconds(sys: Sys): number {
  return Math.max(0, sys.clock - bootClockOf(sys.draft.host(sys.host), sys.spec, sys.clock));
}

/** ` 08:40:00 up 12 days,  3:05,  1 user,  load average: 0.08, 0.03, 0.01` */
export function uptimeLine(sys: Sys): string {
  const up = uptimeSeconds(sys);
  const days = Math.floor(up / 86_400);
  const hours = Math.floor(up / 3600) % 24;
  const minutes = Math.floor(up / 60) % 60;
  const users = loginCount(sys);
  const [a, b, c] = loadOf(sys.spec);
  let text = ` ${formatDate(sys.now(), '%H:%M:%S', sys.config.timezone)} up `;
  if (days) text += `${days} day${days !== 1 ? 's' : ''}, `;
  text += hours ? `${String(hours).padStart(2)}:${String(minutes).padStart(2, '0')}, ` : `${minutes} min, `;
  text += `${String(users).padStart(2)} user${users === 1 ? '' : 's'}, `;
  text += ` load average: ${a.toFixed(2)}, ${b.toFixed(2)}, ${c.toFixed(2)}`;
  return text;
}
