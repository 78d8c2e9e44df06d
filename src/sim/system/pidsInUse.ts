/** Every PID a host's processes hold now (and the helpers systemd ran lately), so a new one never repeats them. */
import type { Draft } from '../draft';
import { hostSpec } from '../world';
import { kernelThreads } from './kernelThreads';
import { rootDeviceOf } from './machine';
import { cpusOf } from './units';

export function pidsInUse(draft: Draft, host: string): Set<number> {
  const spec = hostSpec(draft.config, host);
  const taken = new Set<number>([1]);
  for (const t of kernelThreads(cpusOf(spec), rootDeviceOf(spec))) taken.add(t.pid);
  for (const state of Object.values(draft.host(host)?.services ?? {})) {
    if (state.pid !== null) taken.add(state.pid);
    for (const pid of state.workers) taken.add(pid);
    for (const run of state.ran) taken.add(run.pid);
    for (const p of state.procs ?? []) taken.add(p.pid);
    if (state.exited) taken.add(state.exited.pid);
  }
  for (const session of draft.sessions) if (session.kind === 'shell' && session.host === host) for (const pid of [...(session.pids ?? []), ...(session.manager ?? [])]) taken.add(pid);
  return taken;
}
