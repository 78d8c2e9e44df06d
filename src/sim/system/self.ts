/**
 * The process a program runs as: a fresh PID on its host, a child of the trainee's shell there,
 * on that shell's terminal. ps and top list themselves, as the real ones do.
 */
import type { ProgramContext } from '../process';
import type { Draft } from '../draft';
import { newPid } from './pids';
import { pidsInUse } from './pidsInUse';
import { processesOf, sessionsOn, USER_SLICE, type Proc } from './processes';
import { uidOfUser } from './uids';

/** The trainee's innermost session on a host (the one that runs the command), if any. */
function innermostSession(draft: Draft, host: string) {
  const sessions = sessionsOn(draft.config, host, draft.host(host), draft.sessions, draft.clock);
  return sessions[sessions.length - 1] ?? null;
}

/** The trainee's session on this host that runs the command (the innermost one), if any. */
export function currentSession(ctx: ProgramContext) {
  return innermostSession(ctx.sys.draft, ctx.sys.host);
}

/** A program about to run on a host as a user: a fresh PID, a child of the trainee's shell there. */
export function runningProcess(draft: Draft, host: string, user: string, args: string, rssKiB = 3_300, vszKiB = 37_364): Proc {
  const session = innermostSession(draft, host);
  const pid = newPid(draft, host, pidsInUse(draft, host));
  return { pid, ppid: session?.shell ?? 1, user, comm: args.split(' ')[0]!.slice(0, 15), args, tty: session?.tty ?? '?', stat: session ? 'R+' : 'R', started: draft.clock, rssKiB, vszKiB, cpu: 0, threads: 1, unit: USER_SLICE, kernel: false };
}

/** The running program's own process, with `args` as its command line. */
export function selfProcess(ctx: ProgramContext, args: string, rssKiB = 3_300, vszKiB = 37_364): Proc {
  return runningProcess(ctx.sys.draft, ctx.sys.host, ctx.sys.user.name, args, rssKiB, vszKiB);
}

/**
 * Every process on this host, the running program included, and the pipeline's later commands
 * (forked with it, waiting on their input: `S+`, with a small text tool's memory).
 */
export function processesWithSelf(ctx: ProgramContext, self: Proc): Proc[] {
  const later = ctx.sys.laterInPipeline.map((line): Proc => ({ ...runningProcess(ctx.sys.draft, ctx.sys.host, ctx.sys.user.name, line, 1_012, 14_856), stat: self.tty === '?' ? 'S' : 'S+' }));
  return [...processesOf(ctx.sys.draft, ctx.sys.host), self, ...later].sort((a, b) => a.pid - b.pid);
}

/** A user's uid on this host. */
export function uidOf(ctx: ProgramContext, user: string): number {
  return uidOfUser(ctx.sys.config, ctx.sys.host, user);
}
