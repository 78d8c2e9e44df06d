/**
 * The PID files daemons write when they start and remove when they stop: a unit's PIDFile=,
 * HAProxy's `-p`, and the files Ubuntu 18.04's own daemons keep in /run (sshd, cron, rsyslogd,
 * atd, lvmetad). `cat /run/nginx.pid` is the master's PID, and a restart writes the new one.
 */
import type { FileNode } from '../fs';
import type { UnitDefinition } from './units';
import { unitFileText } from './unitFiles';

/** Where Ubuntu's stock daemons write their PID, by the name of their main process. */
const STOCK: Readonly<Record<string, string>> = { sshd: '/run/sshd.pid', cron: '/run/crond.pid', rsyslogd: '/run/rsyslogd.pid', atd: '/run/atd.pid', lvmetad: '/run/lvmetad.pid' };

/** The file a unit's main process writes its PID to, or null. */
export function pidFileOf(def: UnitDefinition): string | null {
  const fromUnit = /^PIDFile=(\S+)$/m.exec(unitFileText(def))?.[1];
  if (fromUnit) return fromUnit.replace(/^\/var\/run\//, '/run/');
  const option = /(?:^|\s)-p\s+(\/\S+)/.exec(def.mainCommand)?.[1];
  if (option) return option;
  return Object.hasOwn(STOCK, def.mainName) ? STOCK[def.mainName]! : null;
}

/**
 * The node of a PID file, written by whoever the daemon is when it writes it: root for those
 * that start as root and drop privileges later (atd, rsyslogd), the unit's User= for those
 * systemd starts as their user (mysqld writes its file 0640).
 */
export function pidFileNode(def: UnitDefinition, pid: number, at: number): FileNode {
  const owner = /^User=(\S+)$/m.exec(unitFileText(def))?.[1] ?? 'root';
  return { kind: 'file', owner, group: owner, mode: owner === 'root' ? 0o644 : 0o640, mtime: at, content: `${pid}\n` };
}
