/**
 * `systemctl status` with no unit: the host's name, its state (degraded when a unit failed),
 * and the whole cgroup tree from the process table: the trainee's sessions under user.slice,
 * PID 1 in init.scope, every service under system.slice.
 */
import type { Sys } from '../process';
import { processesOf, USER_SLICE, type Proc } from './processes';
import { loginSlices, sliceTree } from './loginUnits';
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
  const users = procs.filter((p) => p.unit === USER_SLICE || /^user@\d+\.service$/.test(p.unit ?? ''));
  const services = new Map<string, Proc[]>();
  for (const p of procs) if (p.unit && !users.includes(p) && p.unit !== INIT_SCOPE) services.set(p.unit, [...(services.get(p.unit) ?? []), p]);
  const tops: (() => void)[] = [];
  if (users.length) {
    tops.push(() => {
      const inner = branch(lines, indent, false, 'user.slice');
      const slices = loginSlices(sys);
      slices.forEach((slice, i) => {
        const prefix = branch(lines, inner, i === slices.length - 1, `user-${slice.uid}.slice`);
        lines.push(...sliceTree(slice, prefix));
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
