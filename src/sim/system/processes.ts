/**
 * A host's process table, derived from the world: PID 1, the kernel's threads, every running
 * unit's main process and workers, the scenario's other processes, and the trainee's own
 * sessions (sshd, su, sudo and the shells). ps, top, pgrep, kill and `systemctl status` all
 * read this one table, so they always agree.
 */
import type { Draft } from '../draft';
import type { HostState, Session, ShellSession, SimConfig } from '../world';
import { hostSpec } from '../world';
import { kernelThreads } from './kernelThreads';
import { bootClockOf, INIT_SCOPE, rootDeviceOf } from './machine';
import { isRunning } from './state';
import { commOf, cpusOf, unitsOf } from './units';
import { kibOf } from './sizes';
import { clockOfSpecTime } from './specTime';
import { DEFAULT_NEXT_PID } from './pids';
import { uidOfUser } from './uids';

export interface Proc {
  pid: number;
  ppid: number;
  user: string;
  /** The name the kernel keeps (15 characters): what pgrep matches and top shows. */
  comm: string;
  /** The command line: what `ps aux` shows (`[kthreadd]` for kernel threads). */
  args: string;
  /** `?` or `pts/0`. */
  tty: string;
  /** ps's STAT without the foreground `+` (added for the command that runs). */
  stat: string;
  /** Clock seconds it started. */
  started: number;
  rssKiB: number;
  vszKiB: number;
  /** Average CPU use, percent of one CPU. */
  cpu: number;
  threads: number;
  /** The unit whose cgroup it is in, or null (kernel threads). */
  unit: string | null;
  kernel: boolean;
  /** The session it belongs to (index in the world's sessions), for the trainee's own processes. */
  session?: number;
}

/** Processes of one trainee session: which tty it uses and what runs for it. */
export interface SessionProcesses {
  index: number;
  session: ShellSession;
  tty: string;
  since: number;
  /** The shell's PID. */
  shell: number;
  procs: Proc[];
  /** PIDs for the user's manager if this login started it and the session does not record them. */
  managerFallback: readonly number[];
}

/** A logged-in user's systemd 237 user manager (user@UID.service): `systemd --user` and its `(sd-pam)`. */
export interface UserManager {
  user: string;
  /** The unit: `user@1000.service`. */
  unit: string;
  uid: number;
  /** When the user's first open login began (clock seconds). */
  since: number;
  procs: Proc[];
}

/** Logins that start a user manager: ssh and the desktop's (pam_systemd is in their PAM stacks; su inside a session joins it, sudo's stack has no pam_systemd). */
export function startsUserManager(via: ShellSession['via']): boolean {
  return via === 'ssh' || via === 'login';
}

function hashName(name: string): number {
  let h = 0;
  for (let i = 0; i < name.length; i += 1) h = (h * 31 + name.charCodeAt(i)) >>> 0;
  return h;
}

/** A daemon's long-run CPU share when the scenario does not give one: small, and different for each (0.0005 %–0.0105 %, in a thousand steps). */
function quietCpu(name: string): number {
  return 0.0005 + (hashName(name) % 1000) / 100_000;
}

/** A worker's share of its service's CPU against its siblings' (0.85–1.15): workers do not take turns evenly. */
function workerWeight(pid: number): number {
  return 0.85 + (hashName(`worker:${pid}`) % 31) / 100;
}
/** A master process's CPU against its workers' together: it wakes for signals and reaping only. */
const MASTER_SHARE = 0.005;
/** When the desktop's login began when its session does not say: five minutes after boot. */
export const DESKTOP_LOGIN_AFTER_BOOT = 300;

/** Where the trainee's sessions run (systemd puts each login in a session scope under user.slice). */
export const USER_SLICE = 'user.slice';

function sessionProcesses(config: SimConfig, host: string, state: HostState | undefined, sessions: readonly Session[], boot: number, now: number): SessionProcesses[] {
  const sshd = state && Object.hasOwn(state.services, 'ssh.service') ? state.services['ssh.service']!.pid : null;
  const result: SessionProcesses[] = [];
  let pts = 0;
  let fallbackPid = (hostSpec(config, host)?.system?.nextPid ?? DEFAULT_NEXT_PID) - 400;
  sessions.forEach((s, index) => {
    if (s.kind !== 'shell' || s.host !== host) return;
    const parent = result[result.length - 1];
    const sharesTty = (s.via === 'su' || s.via === 'sudo') && parent !== undefined;
    const tty = sharesTty ? parent.tty : `pts/${pts++}`;
    const since = s.since ?? (s.via === 'login' ? boot + DESKTOP_LOGIN_AFTER_BOOT : now);
    const wanted = s.via === 'ssh' ? 3 : s.via === 'login' ? 1 : 2;
    const pids = s.pids && s.pids.length >= wanted ? s.pids : Array.from({ length: wanted }, (_, i) => fallbackPid + i);
    const managerFallback = [fallbackPid - 3, fallbackPid - 2];
    fallbackPid += 10;
    // A login's processes have used a little CPU each (a shell's startup files, sshd's key exchange): a steady rate per process.
    const own = (pid: number, ppid: number, user: string, comm: string, args: string, stat: string, ttyName: string, rssKiB: number, vszKiB: number): Proc => ({ pid, ppid, user, comm, args, tty: ttyName, stat, started: since, rssKiB, vszKiB, cpu: quietCpu(`${comm}:${pid}`) / 50, threads: 1, unit: USER_SLICE, kernel: false, session: index });
    const procs: Proc[] = [];
    const shellPid = pids[pids.length - 1]!;
    const loginShell = s.via === 'su' ? '-su' : s.via === 'login' ? 'bash' : '-bash';
    if (s.via === 'ssh') {
      procs.push(own(pids[0]!, sshd ?? 1, 'root', 'sshd', `sshd: ${s.user} [priv]`, 'Ss', '?', 7_240, 107_984));
      procs.push(own(pids[1]!, pids[0]!, s.user, 'sshd', `sshd: ${s.user}@${tty}`, 'S', '?', 4_940, 108_092));
      procs.push(own(shellPid, pids[1]!, s.user, 'bash', loginShell, 'Ss', tty, 5_040, 23_132));
    } else if (s.via === 'login') {
      procs.push(own(shellPid, 1, s.user, 'bash', loginShell, 'Ss', tty, 5_012, 23_132));
    } else {
      const opener = s.via === 'su' ? (s.user === 'root' ? 'su -' : `su - ${s.user}`) : 'sudo -i';
      procs.push(own(pids[0]!, parent?.shell ?? 1, 'root', s.via === 'su' ? 'su' : 'sudo', opener, 'S', tty, 4_300, 67_752));
      procs.push(own(shellPid, pids[0]!, s.user, 'bash', loginShell, 'S', tty, 5_120, 23_300));
    }
    result.push({ index, session: s, tty, since, shell: shellPid, procs, managerFallback });
  });
  return result;
}

/** The trainee's sessions on a host with their processes, outermost first. */
export function sessionsOn(config: SimConfig, host: string, state: HostState | undefined, sessions: readonly Session[], now: number): SessionProcesses[] {
  return sessionProcesses(config, host, state, sessions, bootClockOf(state, hostSpec(config, host), now), now);
}

/**
 * The user managers running on a host: one per user with an open ssh or desktop login, started
 * by that user's outermost such login (sessions nest, so it is the first to open and the last to
 * close), owned by the user, `systemd --user` a child of PID 1 and `(sd-pam)` its child.
 */
export function userManagersOf(sessions: readonly SessionProcesses[], uidOf: (user: string) => number): UserManager[] {
  const managers: UserManager[] = [];
  for (const s of sessions) {
    if (!startsUserManager(s.session.via) || managers.some((m) => m.user === s.session.user)) continue;
    const pids = s.session.manager && s.session.manager.length >= 2 ? s.session.manager : s.managerFallback;
    const uid = uidOf(s.session.user);
    const unit = `user@${uid}.service`;
    const base = { user: s.session.user, tty: '?', started: s.since, threads: 1, unit, kernel: false };
    managers.push({
      user: s.session.user,
      unit,
      uid,
      since: s.since,
      procs: [
        { ...base, cpu: quietCpu(`systemd:${pids[0]!}`) / 50, pid: pids[0]!, ppid: 1, comm: 'systemd', args: '/lib/systemd/systemd --user', stat: 'Ss', rssKiB: 7_488, vszKiB: 76_652 },
        { ...base, cpu: 0, pid: pids[1]!, ppid: pids[0]!, comm: '(sd-pam)', args: '(sd-pam)', stat: 'S', rssKiB: 2_432, vszKiB: 193_920 },
      ],
    });
  }
  return managers;
}

/** The user managers running on `host` now. */
export function userManagersOn(config: SimConfig, host: string, state: HostState | undefined, sessions: readonly Session[], now: number): UserManager[] {
  return userManagersOf(sessionsOn(config, host, state, sessions, now), (user) => uidOfUser(config, host, user));
}

/**
 * Every process on `host` now, sorted by PID. `sessions` are the world's sessions (the
 * trainee's shells); `now` is the clock.
 */
export function processTable(config: SimConfig, host: string, state: HostState | undefined, sessions: readonly Session[], now: number): Proc[] {
  const spec = hostSpec(config, host);
  const boot = bootClockOf(state, spec, now);
  const cpus = cpusOf(spec);
  const procs: Proc[] = [];
  procs.push({ pid: 1, ppid: 0, user: 'root', comm: 'systemd', args: '/sbin/init', tty: '?', stat: 'Ss', started: boot, rssKiB: 9_212, vszKiB: 225_520, cpu: 0.004, threads: 1, unit: INIT_SCOPE, kernel: false });
  for (const t of kernelThreads(cpus, rootDeviceOf(spec))) {
    procs.push({ pid: t.pid, ppid: t.pid === 2 ? 0 : 2, user: 'root', comm: t.name, args: `[${t.name}]`, tty: '?', stat: t.stat, started: boot, rssKiB: 0, vszKiB: 0, cpu: t.name.startsWith('ksoftirqd') || t.name === 'rcu_sched' || t.name.startsWith('kworker') ? quietCpu(t.name) / 2 : 0, threads: 1, unit: null, kernel: true });
  }
  if (state) {
    for (const def of unitsOf(config, host)) {
      const unit = Object.hasOwn(state.services, def.name) ? state.services[def.name]! : undefined;
      if (!unit || !isRunning(unit) || unit.pid === null) continue;
      const threaded = def.threads > 1 ? 'l' : '';
      // A master with workers (nginx, HAProxy -Ws) only forks and watches them: the service's CPU
      // is its workers', split evenly, and the master's a tiny fraction of it.
      const workers = def.workers && unit.workers.length > 0 ? unit.workers.length : 0;
      // A rate of 0 (a kind's default) is no figure: every running process has used some CPU.
      const serviceCpu = def.cpu > 0 ? def.cpu : quietCpu(def.name) * Math.max(1, workers);
      const ownCpu = def.fromScenario && def.kind !== 'base' && def.cpu > 0 ? def.cpu : quietCpu(def.name);
      const masterCpu = workers > 0 ? serviceCpu * MASTER_SHARE : ownCpu;
      procs.push({ pid: unit.pid, ppid: 1, user: def.user, comm: def.mainName, args: def.mainCommand, tty: '?', stat: `Ss${threaded}`, started: unit.since, rssKiB: def.rssKiB, vszKiB: def.vszKiB, cpu: masterCpu, threads: def.threads, unit: def.name, kernel: false });
      const weights = unit.workers.map(workerWeight);
      const totalWeight = weights.reduce((a, b) => a + b, 0) || 1;
      for (const [i, pid] of unit.workers.entries()) {
        const w = def.workers!;
        procs.push({ pid, ppid: unit.pid, user: w.user, comm: def.kind === 'nginx' ? 'nginx' : commOf(w.command), args: w.command, tty: '?', stat: 'S', started: unit.workersSince ?? unit.since, rssKiB: w.rssKiB, vszKiB: w.vszKiB, cpu: (serviceCpu * weights[i]!) / totalWeight, threads: 1, unit: def.name, kernel: false });
      }
    }
    const extra = spec?.system?.processes ?? [];
    for (const [unitName, unit] of Object.entries(state.services)) {
      for (const p of unit.procs ?? []) {
        const ps = extra[p.index];
        if (!ps) continue;
        const started = clockOfSpecTime(config.date, ps.started, now - 600);
        procs.push({ pid: p.pid, ppid: ps.ppid ?? (unitName === INIT_SCOPE ? 1 : (unit.pid ?? 1)), user: ps.user ?? 'root', comm: ps.name ?? commOf(ps.command), args: ps.command, tty: ps.tty ?? '?', stat: ps.tty ? 'S+' : 'S', started, rssKiB: kibOf(ps.memory, 3_200), vszKiB: Math.max(kibOf(ps.memory, 3_200) + 4096, 12_000), cpu: ps.cpu ?? quietCpu(`${ps.command}:${p.pid}`), threads: 1, unit: unitName, kernel: false });
      }
    }
  }
  const logins = sessionsOn(config, host, state, sessions, now);
  for (const s of logins) procs.push(...s.procs);
  for (const m of userManagersOf(logins, (user) => uidOfUser(config, host, user))) procs.push(...m.procs);
  return procs.sort((a, b) => a.pid - b.pid);
}

/** The process table as a program sees it: its own host, now. */
export function processesOf(draft: Draft, host: string): Proc[] {
  return processTable(draft.config, host, draft.host(host), draft.sessions, draft.clock);
}

/**
 * CPU time a process has used by `now`, in hundredths of a second (the kernel's clock ticks at
 * USER_HZ 100): its average rate times its age. ps's TIME, top's TIME+ and /proc/PID/stat's
 * utime + stime are all this one figure.
 */
export function cpuTicks(p: Proc, now: number): number {
  return Math.floor(Math.max(0, now - p.started) * p.cpu);
}

/** CPU seconds a process has used by `now`. */
export function cpuSeconds(p: Proc, now: number): number {
  return Math.floor(cpuTicks(p, now) / 100);
}
