/**
 * `kill`, as bash's builtin answers it in a login shell: `kill PID…`, `kill -9`, `kill -s
 * SIG`, `kill -SIGTERM`, `kill -l`; by its path (`/bin/kill`, what sudo runs) procps's failures
 * (`kill: (PID): No such process`). Only root may signal other users' processes
 * ("Operation not permitted"); the signal does to the process what it would (deliver.ts).
 */
import type { ProgramContext } from '../process';
import { SIGNALS, signalNumber } from './signals';
import { processesOf } from './processes';
import { deliverSignal } from './deliver';
import { maySignal } from './pgrep';

const USAGE = 'kill: usage: kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]';

/** bash's `kill -l`: five signals a line, real-time ones after the standard 31. */
function listSignals(ctx: ProgramContext): void {
  const names: [number, string][] = SIGNALS.slice(1).map((n, i) => [i + 1, `SIG${n === 'POLL' ? 'IO' : n}`]);
  for (let n = 34; n <= 64; n += 1) names.push([n, n === 34 ? 'SIGRTMIN' : n < 50 ? `SIGRTMIN+${n - 34}` : n === 64 ? 'SIGRTMAX' : `SIGRTMAX-${64 - n}`]);
  let line = '';
  names.forEach(([n, name], i) => {
    line += `${String(n).padStart(2)}) ${name}`;
    if ((i + 1) % 5 === 0) {
      ctx.out(line);
      line = '';
    } else line += '\t';
  });
  if (line) ctx.out(line);
}

export function kill(ctx: ProgramContext): number {
  const args = ctx.argv.slice(1);
  // Run by its path (`/bin/kill`, or by sudo, env, xargs): procps-ng 3.3.12's program, which words its failures its own way.
  const procps = ctx.invokedAs?.includes('/') === true;
  let signal = 15;
  let i = 0;
  if (args[0] === '-l' || args[0] === '-L') {
    if (args[1] === undefined) {
      listSignals(ctx);
      return 0;
    }
    const n = signalNumber(args[1]);
    if (n === null) {
      ctx.err(`-bash: kill: ${args[1]}: invalid signal specification`);
      return 1;
    }
    ctx.out(/^\d+$/.test(args[1]) ? (SIGNALS[n] === 'POLL' ? 'IO' : SIGNALS[n]!) : String(n));
    return 0;
  }
  if (args[0] === '-s' || args[0] === '-n') {
    const n = args[1] === undefined ? null : signalNumber(args[1]);
    if (args[1] === undefined) {
      ctx.err(`-bash: kill: ${args[0]}: option requires an argument`);
      ctx.err(USAGE);
      return 2;
    }
    if (n === null) {
      ctx.err(`-bash: kill: ${args[1]}: invalid signal specification`);
      return 1;
    }
    signal = n;
    i = 2;
  } else if (args[0]?.startsWith('-') && args[0] !== '--' && args[0].length > 1) {
    const n = signalNumber(args[0].slice(1));
    if (n === null) {
      ctx.err(`-bash: kill: ${args[0].slice(1)}: invalid signal specification`);
      return 1;
    }
    signal = n;
    i = 1;
  }
  if (args[i] === '--') i += 1;
  const targets = args.slice(i);
  if (targets.length === 0) {
    ctx.err(USAGE);
    return 2;
  }
  let status = 0;
  for (const target of targets) {
    if (target.startsWith('%')) {
      ctx.err(`-bash: kill: ${target}: no such job`);
      status = 1;
      continue;
    }
    if (!/^-?\d+$/.test(target)) {
      ctx.err(`-bash: kill: ${target}: arguments must be process or job IDs`);
      status = 1;
      continue;
    }
    const pid = Number(target);
    if (pid <= 0) {
      ctx.note(`Not simulated in this drill: signalling a process group (kill ${target}).`);
      continue;
    }
    const proc = processesOf(ctx.sys.draft, ctx.sys.host).find((p) => p.pid === pid);
    if (!proc) {
      ctx.err(procps ? `kill: (${pid}): No such process` : `-bash: kill: (${pid}) - No such process`);
      status = 1;
      continue;
    }
    if (!maySignal(ctx, proc)) {
      ctx.err(procps ? `kill: (${pid}): Operation not permitted` : `-bash: kill: (${pid}) - Operation not permitted`);
      status = 1;
      continue;
    }
    if (deliverSignal(ctx.sys.draft, ctx.sys.host, pid, signal) === 'own-session') ctx.note(`Not simulated in this drill: ending your own session (PID ${pid}) with a signal; type exit.`);
  }
  return status;
}
