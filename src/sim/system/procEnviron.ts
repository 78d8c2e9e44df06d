/**
 * /proc/PID/environ: the environment a process was started with, NUL-separated, readable by its
 * owner and root only (mode 0400). A unit's process has what systemd 237 gives it: the
 * manager's LANG and PATH, HOME, LOGNAME, USER and SHELL of its User=, INVOCATION_ID and
 * JOURNAL_STREAM, then the unit file's Environment= and EnvironmentFile= entries. A trainee's
 * shell has its login environment; a kernel thread has none.
 */
import type { Draft } from '../draft';
import type { FileNode } from '../fs';
import { hostSpec } from '../world';
import { processesOf, type Proc } from './processes';
import { unitsOf, type UnitDefinition } from './units';
import { unitFileText } from './unitFiles';
import { stableHex } from './baseImage';
import { textAt } from '../fs';
import { kernelOf } from './machine';

const MANAGER_ENV = ['LANG=C.UTF-8', 'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'];

/** `KEY=value` lines of an EnvironmentFile (comments and blank lines skipped, one level of quotes removed). */
function environmentFileLines(text: string): string[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => /^[A-Za-z_][A-Za-z0-9_]*=/.test(l))
    .map((l) => l.replace(/^([^=]+)=(["'])(.*)\2$/, '$1=$3'));
}

function unitEnvironment(draft: Draft, host: string, def: UnitDefinition, proc: Proc): string[] {
  const files = draft.host(host)?.files ?? {};
  const fileText = (path: string) => (Object.hasOwn(files, path) ? textAt(files[path]!, draft.clock, () => '') : null);
  const unitText = fileText(def.unitFile) ?? unitFileText(def);
  const env = [...MANAGER_ENV];
  const user = /^User=(.+)$/m.exec(unitText)?.[1]?.trim() ?? null;
  if (user) {
    const spec = hostSpec(draft.config, host)?.users.find((u) => u.name === user);
    env.push(`HOME=${spec?.home ?? `/home/${user}`}`, `LOGNAME=${user}`, `USER=${user}`, `SHELL=${spec?.shell ?? '/bin/sh'}`);
  }
  env.push(`INVOCATION_ID=${stableHex(`${host}:${def.name}:${proc.started}:invocation`, 32)}`, `JOURNAL_STREAM=9:${10_000 + (parseInt(stableHex(`${host}:${def.name}:journal`, 4), 16) % 40_000)}`);
  const set = (entry: string) => {
    const key = entry.slice(0, entry.indexOf('='));
    const at = env.findIndex((e) => e.startsWith(`${key}=`));
    if (at >= 0) env[at] = entry;
    else env.push(entry);
  };
  for (const raw of unitText.split('\n')) {
    const line = raw.trim();
    const environment = /^Environment=(.*)$/.exec(line);
    if (environment) for (const word of environment[1]!.match(/"[^"]*"|\S+/g) ?? []) set(word.replace(/^"(.*)"$/, '$1'));
    const file = /^EnvironmentFile=-?(.+)$/.exec(line);
    const text = file ? fileText(file[1]!.trim()) : null;
    if (text !== null) for (const entry of environmentFileLines(text)) set(entry);
  }
  return env;
}

/**
 * The node /proc/PID/environ would be for this PID now (`self` is the reading process, whose
 * environment is `selfEnv`), or null when no such process runs. `login` gives a user's login
 * environment (for the trainee's own shells).
 */
export function procEnvironNode(draft: Draft, host: string, pid: number | 'self', self: { user: string; env: Readonly<Record<string, string>> }, login: (user: string) => Readonly<Record<string, string>>, now: number): FileNode | null {
  const proc = pid === 'self' ? null : processesOf(draft, host).find((p) => p.pid === pid);
  if (pid !== 'self' && !proc) return null;
  let env: string[];
  if (!proc) env = Object.entries(self.env).map(([k, v]) => `${k}=${v}`);
  else if (proc.kernel) env = [];
  // init keeps what the kernel and Ubuntu's initramfs handed it.
  else if (proc.pid === 1) env = ['HOME=/', 'init=/sbin/init', 'NETWORK_SKIP_ENSLAVED=', 'TERM=linux', `BOOT_IMAGE=/boot/vmlinuz-${kernelOf(hostSpec(draft.config, host))}`, 'drop_caps=', 'PATH=/sbin:/usr/sbin:/bin:/usr/bin', 'PWD=/', 'rootmnt=/root'];
  else {
    const def = proc.unit && proc.session === undefined ? unitsOf(draft.config, host).find((u) => u.name === proc.unit) : undefined;
    env = def ? unitEnvironment(draft, host, def, proc) : Object.entries(login(proc.user)).map(([k, v]) => `${k}=${v}`);
  }
  const owner = proc?.user ?? self.user;
  // Like every /proc file, it reports size 0.
  return { kind: 'file', owner, group: owner, mode: 0o400, mtime: now, size: 0, content: env.map((e) => `${e}\u0000`).join('') };
}
