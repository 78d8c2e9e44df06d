/**
 * Process IDs: fresh ones come from the world's one counter (`draft.next()`), offset by where
 * the host's kernel had got to, never one in use on that host, and wrapping at pid_max as
 * Linux does (32768 on these machines; it starts again above 300).
 */
import type { Draft } from '../draft';
import { hostSpec } from '../world';
import type { HostSpec } from '../../scenario/world';

export const PID_MAX = 32_768;
const RESERVED_PIDS = 300;
/** Where a host's PIDs had got to at the scenario's start when its spec does not say. */
export const DEFAULT_NEXT_PID = 20_000;

function wrap(n: number): number {
  return n < PID_MAX ? n : RESERVED_PIDS + ((n - RESERVED_PIDS) % (PID_MAX - RESERVED_PIDS));
}

/**
 * A PID no process on `host` has: `inUse` is the set of live (and recently shown) PIDs there.
 * Deterministic: the same world gives the same PID.
 */
export function newPid(draft: Draft, host: string, inUse: ReadonlySet<number>): number {
  const base = hostSpec(draft.config, host)?.system?.nextPid ?? DEFAULT_NEXT_PID;
  for (let tries = 0; tries < 1000; tries += 1) {
    const pid = wrap(base + draft.next());
    if (!inUse.has(pid)) return pid;
  }
  // A host with a thousand PIDs in a row in use: take the first free one above the reserved ones.
  for (let pid = RESERVED_PIDS + 1; pid < PID_MAX; pid += 1) if (!inUse.has(pid)) return pid;
  return PID_MAX - 1;
}

/** Where a host's PID counter stands once it has booted (the kernel's threads and early daemons below it). */
export const BOOT_PID = 1_000;
/** How long after the kernel's start systemd is still bringing up the boot's daemons, in seconds. */
export const BOOT_WINDOW_SECONDS = 120;

/** Did something that started at clock `at` start with the boot (so its PID is one of the boot's, below BOOT_PID)? */
export function startedAtBoot(at: number, boot: number): boolean {
  return at - boot <= BOOT_WINDOW_SECONDS;
}

/**
 * Where the host's PID counter stood at clock `at`, between its boot and the scenario's start:
 * it climbed evenly from where boot left it to just below `nextPid`, so what happened before the
 * start (cron's runs, sshd's logins) has PIDs in the order it happened.
 */
export function pidBefore(spec: HostSpec | undefined, boot: number, start: number, at: number): number {
  const last = Math.max(BOOT_PID + 100, Math.min(PID_MAX - 1, spec?.system?.nextPid ?? DEFAULT_NEXT_PID) - 50);
  const share = Math.min(1, Math.max(0, (at - boot) / Math.max(1, start - boot)));
  return Math.floor(BOOT_PID + (last - BOOT_PID) * share);
}
