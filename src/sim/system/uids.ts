/**
 * A user's uid on a host, from the scenario's users and the system accounts Ubuntu creates.
 * Its own module, with no import but the world's, so that the process table (processes.ts)
 * and the running process (self.ts) both read it without importing each other.
 */
import type { HostSpec } from '../../scenario/world';
import { hostSpec, type SimConfig } from '../world';

/** The uids of the system accounts an Ubuntu 18.04 server image and its packages create. */
const SYSTEM_UIDS: Readonly<Record<string, number>> = { root: 0, daemon: 1, bin: 2, sys: 3, 'www-data': 33, nobody: 65534, 'systemd-network': 100, 'systemd-resolve': 101, syslog: 102, messagebus: 103, _apt: 104, lxd: 105, uuidd: 106, dnsmasq: 107, landscape: 108, sshd: 109, pollinate: 110, 'systemd-timesync': 111, mysql: 112, haproxy: 113 };

/** A user's uid on a host (the system accounts Ubuntu creates included). */
export function uidOfUser(config: SimConfig, host: string, user: string): number {
  return uidIn(hostSpec(config, host), user);
}

/** A user's uid in a host's spec. */
export function uidIn(spec: HostSpec | undefined, user: string): number {
  const known = spec?.users?.find((u) => u.name === user);
  if (known) return known.uid;
  return Object.hasOwn(SYSTEM_UIDS, user) ? SYSTEM_UIDS[user]! : 1000;
}
