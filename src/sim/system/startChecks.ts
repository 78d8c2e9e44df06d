/**
 * What a unit checks before it starts or reloads: nginx tests its configuration (`nginx -t`
 * in ExecStartPre), HAProxy too (`haproxy -c`). A broken file makes the start fail, as it
 * would. A host whose configuration the scenario does not model (no /etc/nginx/nginx.conf) is
 * not checked: a missing file the scenario never wrote is not a broken one.
 */
import type { Draft } from '../draft';
import { textAt, type FileNode } from '../fs';
import { strftime, epochOf } from '../time';
import type { UnitDefinition } from './units';
import { NGINX_CONF, readNginxConfig } from './nginxConfig';
import { checkHaproxyConfig, HAPROXY_CFG } from './haproxyConfig';
import { haproxyStamp } from './haproxyStamp';

export interface StartFailure {
  /** What the check printed (journal lines of the unit's program), given the PID it ran as. */
  lines: (pid: number) => string[];
  status: number;
}

export type StartCheck = (draft: Draft, host: string, def: UnitDefinition) => StartFailure | null;

function filesOf(draft: Draft, host: string): Readonly<Record<string, FileNode>> {
  return draft.host(host)?.files ?? {};
}

/** A node's text at the draft's clock, as root reads it. */
export function textNow(draft: Draft): (node: FileNode) => string {
  return (node) => textAt(node, draft.clock, (at, pattern) => strftime(epochOf(draft.config.date, at), pattern === 'clock' ? '%H:%M:%S' : pattern, draft.config.timezone));
}

/** True when the host has the program's main configuration file (the scenario models its configuration). */
export function models(files: Readonly<Record<string, FileNode>>, path: string): boolean {
  return Object.hasOwn(files, path);
}

const nginxCheck: StartCheck = (draft, host) => {
  const files = filesOf(draft, host);
  if (!models(files, NGINX_CONF)) return null;
  const config = readNginxConfig(files, textNow(draft));
  if (config.ok) return null;
  return { lines: () => [`nginx: [emerg] ${config.error}`, `nginx: configuration file ${NGINX_CONF} test failed`], status: 1 };
};

const haproxyCheck: StartCheck = (draft, host) => {
  const files = filesOf(draft, host);
  if (!models(files, HAPROXY_CFG)) return null;
  const result = checkHaproxyConfig(files, textNow(draft), HAPROXY_CFG);
  if (result.ok) return null;
  const stamp = haproxyStamp(epochOf(draft.config.date, draft.clock));
  return { lines: (pid) => result.alerts.map((a) => `[ALERT] ${stamp} (${pid}) : ${a}`), status: 1 };
};

/** The check a unit runs before starting, by its kind. */
export function startCheckFor(def: UnitDefinition): StartCheck | null {
  if (def.kind === 'nginx') return nginxCheck;
  if (def.kind === 'haproxy') return haproxyCheck;
  return null;
}
