/**
 * bash 4.4's `ulimit`: the resource limits of the shell, as a login shell on Ubuntu 18.04 has
 * them (systemd 237 and pam_limits' defaults; processes and pending signals follow the host's
 * memory, as the kernel sets them). `ulimit -n 4096` changes the soft limit for this shell and
 * what it runs; raising one past its hard limit is refused (unless root), as the kernel does.
 */
import type { ProgramContext } from '../process';
import type { ShellState } from './run';
import { hostSpec } from '../world';
import { memoryTotalKib } from '../system/machine';
import { maxUserProcesses } from '../system/procPid';

type Limit = number | 'unlimited';

interface Resource {
  option: string;
  /** `ulimit -a`'s label and unit (bash's printone pads them: `%-20s %16s`). */
  label: string;
  unit: string;
  soft: (memKib: number) => Limit;
  hard: (memKib: number) => Limit;
}

const unlimited = () => 'unlimited' as const;

// In `ulimit -a`'s order (bash's limits[] table, Linux).
const RESOURCES: readonly Resource[] = [
  { option: 'c', label: 'core file size', unit: '(blocks, -c)', soft: () => 0, hard: unlimited },
  { option: 'd', label: 'data seg size', unit: '(kbytes, -d)', soft: unlimited, hard: unlimited },
  { option: 'e', label: 'scheduling priority', unit: '(-e)', soft: () => 0, hard: () => 0 },
  { option: 'f', label: 'file size', unit: '(blocks, -f)', soft: unlimited, hard: unlimited },
  { option: 'i', label: 'pending signals', unit: '(-i)', soft: maxUserProcesses, hard: maxUserProcesses },
  { option: 'l', label: 'max locked memory', unit: '(kbytes, -l)', soft: () => 16_384, hard: () => 16_384 },
  { option: 'm', label: 'max memory size', unit: '(kbytes, -m)', soft: unlimited, hard: unlimited },
  { option: 'n', label: 'open files', unit: '(-n)', soft: () => 1_024, hard: () => 1_048_576 },
  { option: 'p', label: 'pipe size', unit: '(512 bytes, -p)', soft: () => 8, hard: () => 8 },
  { option: 'q', label: 'POSIX message queues', unit: '(bytes, -q)', soft: () => 819_200, hard: () => 819_200 },
  { option: 'r', label: 'real-time priority', unit: '(-r)', soft: () => 0, hard: () => 0 },
  { option: 's', label: 'stack size', unit: '(kbytes, -s)', soft: () => 8_192, hard: unlimited },
  { option: 't', label: 'cpu time', unit: '(seconds, -t)', soft: unlimited, hard: unlimited },
  { option: 'u', label: 'max user processes', unit: '(-u)', soft: maxUserProcesses, hard: maxUserProcesses },
  { option: 'v', label: 'virtual memory', unit: '(kbytes, -v)', soft: unlimited, hard: unlimited },
  { option: 'x', label: 'file locks', unit: '(-x)', soft: unlimited, hard: unlimited },
];

function line(r: Resource, limit: Limit): string {
  return `${r.label.padEnd(20)} ${`${r.unit} `.padStart(16)}${limit}`;
}

const below = (a: Limit, b: Limit) => b === 'unlimited' || (a !== 'unlimited' && a <= b);

function usage(ctx: ProgramContext, message: string): number {
  ctx.err(`-bash: ulimit: ${message}`);
  ctx.err('ulimit: usage: ulimit [-SHabcdefilmnpqrstuvxT] [limit]');
  return 2;
}

export function ulimit(ctx: ProgramContext, state: ShellState): number {
  const memKib = memoryTotalKib(hostSpec(ctx.sys.config, state.session.host));
  const kept = state.session.limits ?? {};
  const current = (r: Resource, hard: boolean): Limit => kept[`${hard ? 'H' : 'S'}${r.option}`] ?? (hard ? r.hard(memKib) : r.soft(memKib));
  let hard = false;
  let soft = false;
  let all = false;
  const chosen: Resource[] = [];
  let value: string | null = null;
  for (const arg of ctx.argv.slice(1)) {
    if (value === null && /^-[A-Za-z]+$/.test(arg)) {
      for (const flag of arg.slice(1)) {
        if (flag === 'H') hard = true;
        else if (flag === 'S') soft = true;
        else if (flag === 'a') all = true;
        else {
          const r = RESOURCES.find((x) => x.option === flag);
          if (!r) return usage(ctx, `-${flag}: invalid option`);
          chosen.push(r);
        }
      }
    } else if (value === null) value = arg;
    else return usage(ctx, 'too many arguments');
  }
  if (all) {
    for (const r of RESOURCES) ctx.out(line(r, current(r, hard && !soft)));
    return 0;
  }
  const targets = chosen.length > 0 ? chosen : [RESOURCES.find((r) => r.option === 'f')!];
  if (value === null) {
    for (const r of targets) ctx.out(targets.length > 1 ? line(r, current(r, hard && !soft)) : String(current(r, hard && !soft)));
    return 0;
  }
  const wanted: Limit | null = value === 'unlimited' ? 'unlimited' : /^\d+$/.test(value) ? Number(value) : value === 'hard' || value === 'soft' ? null : NaN;
  if (typeof wanted === 'number' && Number.isNaN(wanted)) {
    ctx.err(`-bash: ulimit: ${value}: invalid number`);
    return 1;
  }
  const next = { ...kept };
  const root = ctx.sys.user.name === 'root';
  for (const r of targets) {
    const limit = wanted ?? current(r, value === 'hard');
    const setHard = hard || !soft;
    const setSoft = soft || !hard;
    // Only root may raise a hard limit; nobody may set a soft limit above the hard one.
    const hardNow = current(r, true);
    if ((setHard && !root && !below(limit, hardNow)) || (setSoft && !setHard && !below(limit, hardNow))) {
      ctx.err(`-bash: ulimit: ${r.label}: cannot modify limit: ${setHard ? 'Operation not permitted' : 'Invalid argument'}`);
      return 1;
    }
    if (setHard) next[`H${r.option}`] = limit;
    if (setSoft) next[`S${r.option}`] = limit;
  }
  state.session = { ...state.session, limits: next };
  return 0;
}
