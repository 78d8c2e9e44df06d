/**
 * A signal reaching a process on a host, and what that process does with it: nginx's master
 * reloads on HUP and reopens its logs on USR1, a daemon exits on TERM, anything dies on KILL;
 * a unit whose main process dies goes inactive or failed (and systemd may start it again); a
 * worker that dies is replaced by its master. Permission is the caller's business.
 */
import type { Draft } from '../draft';
import { processesOf, USER_SLICE, type Proc } from './processes';
import { findUnit, type UnitDefinition } from './units';
import { mainProcessDied, workerDied, reloadWorkers } from './lifecycle';
import { terminates } from './signals';
import { INIT_SCOPE } from './machine';

/** What became of a signal. `own-session`: it would end the trainee's own login (the shell or its sshd). */
export type Delivery = 'ok' | 'no-such-process' | 'own-session';

/** How a daemon's main process reacts to a signal it handles itself, or null for the default action. */
function handled(def: UnitDefinition, signal: number): 'ignore' | 'reload' | 'exit' | null {
  if (signal === 0) return 'ignore';
  if (signal === 19 || signal === 18 || signal === 20) return 'ignore';
  if (def.kind === 'nginx') return signal === 1 ? 'reload' : signal === 10 || signal === 12 || signal === 28 ? 'ignore' : signal === 3 || signal === 15 || signal === 2 ? 'exit' : null;
  if (def.kind === 'haproxy') return signal === 12 ? 'reload' : signal === 1 || signal === 10 ? 'ignore' : signal === 15 || signal === 2 ? 'exit' : null;
  if (def.kind === 'mysql') return signal === 1 || signal === 10 || signal === 12 ? 'ignore' : signal === 15 ? 'exit' : null;
  if (def.kind === 'base') return signal === 1 || signal === 10 || signal === 12 ? 'ignore' : signal === 15 || signal === 2 ? 'exit' : null;
  // A plain program (a Node app) keeps the default action of every signal but USR1 (Node starts its inspector).
  return signal === 10 ? 'ignore' : null;
}

/** Sends `signal` to `pid` on `host` (0 only tests that it exists). */
export function deliverSignal(draft: Draft, host: string, pid: number, signal: number): Delivery {
  const proc: Proc | undefined = processesOf(draft, host).find((p) => p.pid === pid);
  if (!proc) return 'no-such-process';
  if (signal === 0 || proc.kernel || proc.pid === 1) return 'ok';
  if (proc.unit === USER_SLICE) return terminates(signal) ? 'own-session' : 'ok';
  const def = proc.unit && proc.unit !== INIT_SCOPE ? findUnit(draft.config, host, proc.unit) : null;
  const services = draft.host(host)?.services ?? {};
  const unitName = proc.unit ?? '';
  const state = Object.hasOwn(services, unitName) ? services[unitName]! : undefined;
  if (state?.procs?.some((p) => p.pid === pid)) {
    if (terminates(signal)) draft.setService(host, unitName, { ...state, procs: state.procs.filter((p) => p.pid !== pid) });
    return 'ok';
  }
  if (!def || !state) return 'ok';
  if (state.workers.includes(pid)) {
    if (terminates(signal) && signal !== 1 && signal !== 10) workerDied(draft, host, def, pid);
    return 'ok';
  }
  if (state.pid !== pid) return 'ok';
  const reaction = handled(def, signal);
  if (reaction === 'ignore') return 'ok';
  if (reaction === 'reload') {
    reloadWorkers(draft, host, def);
    return 'ok';
  }
  if (reaction === 'exit') {
    mainProcessDied(draft, host, def, def.kind === 'haproxy' ? { code: 'exited', status: 143 } : { code: 'exited', status: 0 });
    return 'ok';
  }
  if (terminates(signal)) mainProcessDied(draft, host, def, { code: 'killed', status: signal });
  return 'ok';
}
