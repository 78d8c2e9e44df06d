/**
 * `systemctl status` with no unit: the host's name, its state (degraded when a unit failed),
 * and the whole cgroup tree from the process table: the trainee's sessions under user.slice,
 * PID 1 in init.scope, every service under system.slice.
 */
import type { Sys } from '../process';
import { processesOf, sessionsOn, USER_SLICE, type Proc } from './processes';
import { INIT_SCOPE, bootClockOf } from './machine';
import { systemdTime } from '../time';
import { systemdAgo } from './relative';
import { cgroupOf } from './unitStatus';

function branch(lines: string[], prefix: string, last: boolean, label: string): string {
  lines.push(`${prefix}${last ? '└─' : '├─'}${label}`);
  return `${prefix}${last ? '  ' : '│ '}`;
}

function leaves(lines: string[], prefix: string, procs: readonly Proc[]): void {
  procs.forEach((p, i) => lines.push(`${prefix}${i === procs.length - 1 ? '└─' : '├─'}${p.pid} ${p.args}`));
}

/** The logind session number a login got (from its "New session N" journal line), or a stable stand-in. */
function sessionNumber(sys: Sys, procs: readonly Proc[]): number {
  const first = procs[0];
  const journal = sys.draft.host(sys.host)?.journal ?? [];
  const line = first ? journal.find((e) => e.identifier === 'systemd-logind' && e.at === first.started && e.message.startsWith('New session')) : undefined;
  const n = line ? Number(/New session (\d+)/.exec(line.message)?.[1]) : NaN;
  return Number.isFinite(n) ? n : 1 + (first ? first.pid % 97 : 0);
}

export function systemOverview(sys: Sys): string[] {
  const state = sys.draft.host(sys.host);
  const failed = Object.values(state?.services ?? {}).filter((s) => s.active === 'failed').length;
  const boot = sys.epochAt(bootClockOf(state, sys.spec, sys.clock));
  const procs = processesOf(sys.draft, sys.host).filter((p) => !p.kernel);
  const lines = [
    `● ${sys.hostname}`,
    `    State: ${failed ? 'degraded' : 'running'}`,
    '     Jobs: 0 queued',
    `   Failed: ${failed} units`,
    `    Since: ${systemdTime(boot, sys.config.timezone)}; ${systemdAgo(sys.now() - boot)}`,
    '   CGroup: /',
  ];
  const indent = '           ';
  const users = procs.filter((p) => p.unit === USER_SLICE);
  const services = new Map<string, Proc[]>();
  for (const p of procs) if (p.unit && p.unit !== USER_SLICE && p.unit !== INIT_SCOPE) services.set(p.unit, [...(services.get(p.unit) ?? []), p]);
  const tops: (() => void)[] = [];
  if (users.length) {
    tops.push(() => {
      const inner = branch(lines, indent, false, 'user.slice');
      // One slice per user, one session scope per login (su and sudo stay in the login's scope).
      const byUid = new Map<number, Proc[][]>();
      const sessions = sessionsOn(sys.config, sys.host, sys.draft.host(sys.host), sys.draft.sessions, sys.clock);
      let scope: Proc[] | null = null;
      let uid = 0;
      for (const s of sessions) {
        if (s.session.via === 'ssh' || s.session.via === 'login' || scope === null) {
          uid = sys.userInfo(s.session.user)?.uid ?? 0;
          scope = [];
          byUid.set(uid, [...(byUid.get(uid) ?? []), scope]);
        }
        scope.push(...s.procs);
      }
      const uids = [...byUid.keys()].sort((a, b) => a - b);
      uids.forEach((u, i) => {
        const slice = branch(lines, inner, i === uids.length - 1, `user-${u}.slice`);
        const scopes = byUid.get(u)!;
        scopes.forEach((procs, j) => {
          const number = sessionNumber(sys, procs);
          const at = branch(lines, slice, j === scopes.length - 1, `session-${number}.scope`);
          leaves(lines, at, [...procs].sort((a, b) => a.pid - b.pid));
        });
      });
    });
  }
  tops.push(() => {
    const inner = branch(lines, indent, false, 'init.scope');
    leaves(lines, inner, procs.filter((p) => p.pid === 1));
  });
  tops.push(() => {
    const inner = branch(lines, indent, true, 'system.slice');
    const names = [...services.keys()].sort();
    names.forEach((name, i) => {
      const path = cgroupOf(name).split('/').slice(2).join('/');
      const unitPrefix = branch(lines, inner, i === names.length - 1, path);
      leaves(lines, unitPrefix, services.get(name)!);
    });
  });
  tops.forEach((draw) => draw());
  return lines;
}
